import Foundation
import Hummingbird
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

/// `/v1/creators`, `/v1/shops`, `/v1/campaigns` (create, read, list, update) and the activity feeds
/// (`/v1/sales`, `/v1/content-events`, `/v1/violations`). Bodies are decoded into typed entities
/// (`RecordBody`, the JSON adapter JSON Lines use too) and stored by the use cases (`StarMatchUseCases.createEntities`,
/// `replaceEntity`), which decide who may see and write what and run each entity's one validation: the same
/// rules and messages as `import`. The routes parse, call and render.
struct ResourceRoutes {
    let services: APIServices
    var store: StarMatchStore { services.store }
    var useCases: StarMatchUseCases { services.useCases }

    func register(on v1: RouterGroup<APIContext>) {
        v1.get("creators") { request, context in try await listCreators(request, context) }
        v1.post("creators") { request, context in try await create(.creators, request, context) }
        v1.get("creators/:id") { _, context in try await show(.creators, context) }
        v1.patch("creators/:id") { request, context in try await update(.creators, request, context) }

        v1.get("shops") { request, context in try await listShops(request, context) }
        v1.post("shops") { request, context in try await create(.shops, request, context) }
        v1.get("shops/:id") { _, context in try await show(.shops, context) }
        v1.patch("shops/:id") { request, context in try await update(.shops, request, context) }

        v1.get("campaigns") { request, context in try await listCampaigns(request, context) }
        v1.post("campaigns") { request, context in try await create(.campaigns, request, context) }
        v1.get("campaigns/:id") { _, context in try await show(.campaigns, context) }
        v1.patch("campaigns/:id") { request, context in try await update(.campaigns, request, context) }

        v1.get("products") { request, context in try await listProducts(request, context) }
        v1.post("products") { request, context in try await create(.products, request, context) }
        v1.get("products/:id") { _, context in try await show(.products, context) }
        v1.patch("products/:id") { request, context in try await update(.products, request, context) }

        for kind in [ImportKind.sales, .contentEvents, .violations, .quizzes] {
            v1.post(RouterPath(kind.rawValue)) { request, context in try await record(kind, request, context) }
        }
        v1.post("violations/:id/appeal") { request, context in try await appeal(request, context) }
    }

    // MARK: Reads

    /// A creator, shop or campaign the caller may see (`StarMatchUseCases.entity`: anything else is 404).
    func show(_ kind: ImportKind, _ context: APIContext) async throws -> Response {
        let id = try context.pathParameter("id")
        return try render(try useCases.entity(kind, id: id, caller: try context.caller()))
    }

    func listCreators(_ request: Request, _ context: APIContext) async throws -> Response {
        // Managers only, and so before the query is read: for a brand the route does not exist.
        let caller = try context.caller().requireManager()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...APILimits.maxPageSize, default: 50)!
        let kind = try q.string("kind").map { raw in
            guard let kind = Creator.Kind(rawValue: raw) else {
                throw Problem.badParameter("kind", "'\(raw)' is not one of \(Creator.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return kind
        }
        let niche = try q.string("niche").map { raw in
            guard let path = CategoryPath(validating: raw) else { throw Problem.badParameter("niche", "'\(raw)' is not a category path") }
            return path
        }
        let filter = CreatorFilter(kind: kind, region: try q.region("region"), niche: niche,
            minFollowers: try q.int("minFollowers", in: 0...Int(Int32.max)), limit: limit + 1, after: try q.cursor())
        let rows = try await services.run { try $0.creators(filter, caller: caller) }
        return try APIJSON.response(Page(rows, limit: limit) { $0.id.rawValue })
    }

    func listShops(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...APILimits.maxPageSize, default: 50)!
        let region = try q.region("region"), after = try q.cursor()
        let rows = try await services.run { try $0.shops(region: region, after: after, limit: limit + 1, caller: caller) }
        return try APIJSON.response(Page(rows, limit: limit) { $0.id.rawValue })
    }

    func listCampaigns(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...APILimits.maxPageSize, default: 50)!
        // Another shop's campaigns are not found for a brand, before the rest of the query is read.
        let shop = try useCases.campaignShop(try q.string("shop").map { ShopID($0) }, caller: caller)
        let openAt = try q.string("openAt") == nil ? nil : try q.instant("openAt", default: Date())
        let after = try q.cursor()
        let rows = try await services.run { try $0.campaigns(shop: shop, openAt: openAt, after: after, limit: limit + 1, caller: caller) }
        return try APIJSON.response(Page(rows, limit: limit) { $0.id.rawValue })
    }

    func listProducts(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...APILimits.maxPageSize, default: 50)!
        // Another shop's products are not found for a brand, before the rest of the query is read.
        let shop = try useCases.campaignShop(try q.string("shop").map { ShopID($0) }, caller: caller)
        let category = try q.string("category").map { raw in
            guard let path = CategoryPath(validating: raw) else { throw Problem.badParameter("category", "'\(raw)' is not a category path") }
            return path
        }
        let after = try q.cursor()
        let rows = try await services.run { try $0.products(shop: shop, category: category, after: after, limit: limit + 1, caller: caller) }
        return try APIJSON.response(Page(rows, limit: limit) { $0.id.rawValue })
    }

    // MARK: Writes

    /// The shop each object of a body names (`nil`: none, or not a string), for
    /// `StarMatchUseCases.authorizeWrite` on the body as sent, before it is decoded: a brand learns nothing
    /// about what it may not write (404, as for ids that do not exist).
    static func shopMembers(_ body: JSONValue) -> [String?] {
        let objects: [JSONValue]
        if case .array(let items) = body { objects = items } else { objects = [body] }
        return objects.map { object in
            guard case .object(let members) = object, case .string(let shop)? = members["shop"] else { return nil }
            return shop
        }
    }

    func create(_ kind: ImportKind, _ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        var body = try await request.jsonBody(context: context)
        // A brand's campaign or product is for its own shop (without `shop`, that one), and its id is the server's (a
        // manager's too when it names none).
        if kind == .campaigns || kind == .products, case .object(var members) = body {
            if members["shop"] == nil, !caller.isManager, let own = caller.shop { members["shop"] = .string(own.rawValue) }
            try useCases.authorizeWrite(kind, shops: Self.shopMembers(.object(members)), caller: caller)
            if let id = try useCases.assignedID(kind, requested: members["id"] != nil, caller: caller) { members["id"] = .string(id) }
            body = .object(members)
        }
        try useCases.authorizeWrite(kind, shops: Self.shopMembers(body), caller: caller)
        let (records, _) = try RecordBody.records(kind, body, allowArray: false, store: store)
        try await write(isArray: false) { try $0.createEntities(kind, records, caller: caller) }
        let id = records[0].id
        let stored = try await services.run { try $0.entity(kind, id: id, caller: caller) }
        return try render(stored, status: .created, location: "/v1/\(kind.rawValue)/\(id)")
    }

    /// PATCH: a typed patch (only the members given, as strict as a create) merged into the stored entity,
    /// then the whole validated like any write; the id never changes.
    func update(_ kind: ImportKind, _ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let id = try context.pathParameter("id")
        // The stored entity; a brand sees (and so changes) only its own campaigns.
        let current = try useCases.entityToChange(kind, id: id, caller: caller)
        let body = try await request.jsonBody(context: context)
        // A brand may change its own campaigns, but not move one to another shop.
        if case .campaign(let campaign) = current, case .object(var members) = body {
            if members["shop"] == nil { members["shop"] = .string(campaign.shop.rawValue) }
            try useCases.authorizeWrite(kind, shops: Self.shopMembers(.object(members)), caller: caller)
        }
        let record = try RecordBody.patch(kind, current: current, body, store: store)
        let stored = try await write(isArray: false) { try $0.replaceEntity(record, caller: caller) }
        return try render(stored)
    }

    /// Activity records: one object or an array, all stored or none.
    func record(_ kind: ImportKind, _ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        try useCases.authorizeWrite(kind, shops: [], caller: caller)
        let body = try await request.jsonBody(context: context, limit: APILimits.maxActivityBody)
        let (records, isArray) = try RecordBody.records(kind, body, allowArray: true, store: store)
        try await write(isArray: isArray) { try $0.createEntities(kind, records, caller: caller) }
        struct Created: Encodable, Sendable { let created: Int; let ids: [String] }
        return try APIJSON.response(Created(created: records.count, ids: records.map(\.id)), status: .created)
    }

    /// `POST /v1/violations/{id}/appeal` (H-POINTS): `{"at": instant}` or an empty object for now.
    func appeal(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let id = ViolationID(try context.pathParameter("id"))
        let body = try await request.jsonBody(context: context)
        guard case .object(let members) = body else {
            throw DomainError.invalid("the body must be a JSON object such as {\"at\": \"2026-11-30T12:00:00Z\"} or {}", .member(""))
        }
        if let unknown = members.keys.sorted().first(where: { $0 != "at" }) { throw DomainError.invalid("unknown member (known: at)", .member(unknown)) }
        var at: Date?
        if let raw = members["at"] {
            guard case .string(let text) = raw, let instant = Timestamp.parse(text) else {
                throw DomainError.invalid("expected an ISO 8601 instant such as \"2026-11-30T12:00:00Z\"", .member("at"))
            }
            at = instant
        }
        let instant = at
        let violation = try await write(isArray: false) { try $0.appealViolation(id, at: instant, caller: caller) }
        return try APIJSON.response(violation)
    }

    /// Runs a write use case off the event loop; the records' problems become JSON pointers into the body.
    @discardableResult
    func write<T: Sendable>(isArray: Bool, _ body: @escaping @Sendable (StarMatchUseCases) throws -> T) async throws -> T {
        do {
            return try await services.run(body)
        } catch {
            throw RecordBody.translate(error, isArray: isArray)
        }
    }

    /// A creator, shop or campaign as the API shows it (its JSON members).
    func render(_ record: ImportRecord, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        switch record {
        case .creator(let creator): return try APIJSON.response(creator, status: status, location: location)
        case .shop(let shop): return try APIJSON.response(shop, status: status, location: location)
        case .campaign(let campaign): return try APIJSON.response(campaign, status: status, location: location)
        case .product(let product): return try APIJSON.response(product, status: status, location: location)
        default: throw DomainError.invalid("\(record.kind.rawValue) are not shown by id")
        }
    }
}
