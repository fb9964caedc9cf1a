import Foundation
import Hummingbird
import StarMatchCore
import StarMatchStore

/// `/v1/creators`, `/v1/shops`, `/v1/campaigns` (create, read, list, update) and the activity feeds
/// (`/v1/sales`, `/v1/content-events`, `/v1/violations`). Bodies are decoded into typed entities
/// (`RecordBody`, the JSON adapter JSON Lines use too) and stored by `StarMatchStore.writeRecords`, which runs
/// each entity's one validation: the same rules and messages as `import`.
struct ResourceRoutes {
    let services: APIServices
    var store: StarMatchStore { services.store }

    func register(on v1: RouterGroup<APIContext>) {
        v1.get("creators") { request, context in try await listCreators(request, context) }
        v1.post("creators") { request, context in try await create(.creators, request, context) }
        v1.get("creators/:id") { _, context in
            try context.requireManager()
            let id = try context.parameters.require("id")
            guard let creator = try store.creator(CreatorID(id)) else { throw Problem.notFound("no creator '\(id)'") }
            return try APIJSON.response(creator)
        }
        v1.patch("creators/:id") { request, context in try await update(.creators, request, context) }

        v1.get("shops") { request, context in try await listShops(request, context) }
        v1.post("shops") { request, context in try await create(.shops, request, context) }
        v1.get("shops/:id") { _, context in
            let shop = try await visibleShop(try context.parameters.require("id"), context)
            return try APIJSON.response(shop)
        }
        v1.patch("shops/:id") { request, context in try await update(.shops, request, context) }

        v1.get("campaigns") { request, context in try await listCampaigns(request, context) }
        v1.post("campaigns") { request, context in try await create(.campaigns, request, context) }
        v1.get("campaigns/:id") { _, context in
            try APIJSON.response(try await visibleCampaign(try context.parameters.require("id"), context))
        }
        v1.patch("campaigns/:id") { request, context in try await update(.campaigns, request, context) }

        for kind in [ImportKind.sales, .contentEvents, .violations] {
            v1.post(RouterPath(kind.rawValue)) { request, context in try await record(kind, request, context) }
        }
    }

    // MARK: Visibility

    /// A shop the caller may see: any for a manager, only its own for a brand (others are "not found").
    func visibleShop(_ id: String, _ context: APIContext) async throws -> Shop {
        let caller = try context.caller()
        guard caller.isManager || caller.shop?.rawValue == id,
              let shop = try store.shop(ShopID(id))
        else { throw Problem.notFound("no shop '\(id)'") }
        return shop
    }

    func visibleCampaign(_ id: String, _ context: APIContext) async throws -> Campaign {
        let caller = try context.caller()
        guard let campaign = try store.campaign(CampaignID(id)),
              caller.isManager || caller.shop == campaign.shop
        else { throw Problem.notFound("no campaign '\(id)'") }
        return campaign
    }

    // MARK: Lists

    func listCreators(_ request: Request, _ context: APIContext) async throws -> Response {
        try context.requireManager()
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
        let rows = try await services.blocking { [store] in try store.creators(filter) }
        return try APIJSON.response(Page(rows, limit: limit) { $0.id.rawValue })
    }

    func listShops(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...APILimits.maxPageSize, default: 50)!
        let region = try q.region("region"), after = try q.cursor()
        let rows: [Shop]
        if let own = caller.shop, !caller.isManager {
            // A brand's list is its own shop at most: never a page (or cursor) made of other shops' ids.
            let shop = try store.shop(own)
            rows = shop.map { [$0] }?.filter { (region == nil || $0.region == region) && (after == nil || $0.id.rawValue > after!) } ?? []
        } else {
            rows = try await services.blocking { [store] in try store.shops(region: region, after: after, limit: limit + 1) }
        }
        return try APIJSON.response(Page(rows, limit: limit) { $0.id.rawValue })
    }

    func listCampaigns(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...APILimits.maxPageSize, default: 50)!
        var shop = try q.string("shop").map { ShopID($0) }
        if !caller.isManager {
            if let shop, shop != caller.shop { throw Problem.notFound("no shop '\(shop)'") }
            shop = caller.shop
        }
        let openAt = try q.string("openAt") == nil ? nil : try q.instant("openAt", default: Date())
        let after = try q.cursor()
        let rows = try await services.blocking { [store, shop] in try store.campaigns(shop: shop, openAt: openAt, after: after, limit: limit + 1) }
        return try APIJSON.response(Page(rows, limit: limit) { $0.id.rawValue })
    }

    // MARK: Writes

    /// Who may create or change a record of `kind`: managers anything; a brand only campaigns of its own
    /// shop. Checked on the body as sent, before it is decoded, so a brand learns nothing about what it may
    /// not write (404, as for ids that do not exist).
    func authorize(_ kind: ImportKind, body: JSONValue, _ context: APIContext) throws {
        let caller = try context.caller()
        if caller.isManager { return }
        guard kind == .campaigns else { throw Problem.notFound("no such resource") }
        let objects: [JSONValue]
        if case .array(let items) = body { objects = items } else { objects = [body] }
        for object in objects {
            guard case .object(let members) = object, case .string(let shop)? = members["shop"], shop == caller.shop?.rawValue else {
                var named = ""
                if case .object(let members) = object, case .string(let shop)? = members["shop"] { named = shop }
                throw Problem.notFound("no shop '\(named)'")
            }
        }
    }

    func create(_ kind: ImportKind, _ request: Request, _ context: APIContext) async throws -> Response {
        let body = try await request.jsonBody(context: context)
        try authorize(kind, body: body, context)
        let (records, _) = try RecordBody.records(kind, body, allowArray: false, store: store)
        try await write(kind, records, isArray: false, mode: .create)
        let id = records[0].id
        return try APIJSON.response(try await entity(kind, id), status: .created, location: "/v1/\(kind.rawValue)/\(id)")
    }

    /// PATCH: a typed patch (only the members given, as strict as a create) merged into the stored entity,
    /// then the whole validated like any write; the id never changes.
    func update(_ kind: ImportKind, _ request: Request, _ context: APIContext) async throws -> Response {
        let id = try context.parameters.require("id")
        // The stored entity; a brand sees (and so changes) only its own.
        let current: ImportRecord
        switch kind {
        case .campaigns: current = .campaign(try await visibleCampaign(id, context))
        case .shops:
            try context.requireManager()
            current = .shop(try await visibleShop(id, context))
        default:
            try context.requireManager()
            guard let creator = try store.creator(CreatorID(id)) else { throw Problem.notFound("no creator '\(id)'") }
            current = .creator(creator)
        }
        let body = try await request.jsonBody(context: context)
        // A brand may change its own campaigns, but not move one to another shop.
        if case .campaign(let campaign) = current, case .object(var members) = body {
            if members["shop"] == nil { members["shop"] = .string(campaign.shop.rawValue) }
            try authorize(kind, body: .object(members), context)
        }
        let record = try RecordBody.patch(kind, current: current, body, store: store)
        try await write(kind, [record], isArray: false, mode: .replace)
        return try APIJSON.response(try await entity(kind, id))
    }

    /// Activity records: one object or an array, all stored or none.
    func record(_ kind: ImportKind, _ request: Request, _ context: APIContext) async throws -> Response {
        try context.requireManager()
        let (records, isArray) = try RecordBody.records(kind, try await request.jsonBody(context: context), allowArray: true, store: store)
        try await write(kind, records, isArray: isArray, mode: .create)
        struct Created: Encodable, Sendable { let created: Int; let ids: [String] }
        return try APIJSON.response(Created(created: records.count, ids: records.map(\.id)), status: .created)
    }

    @discardableResult
    func write(_ kind: ImportKind, _ records: [ImportRecord], isArray: Bool, mode: RecordWriteMode) async throws -> [ImportRecord] {
        do {
            return try await services.blocking { [store] in try store.writeRecords(kind, records: records, mode: mode) }
        } catch {
            throw RecordBody.translate(error, isArray: isArray)
        }
    }

    func entity(_ kind: ImportKind, _ id: String) async throws -> any Encodable & Sendable {
        try await services.blocking { [store] () throws -> any Encodable & Sendable in
            switch kind {
            case .shops: return try store.shop(ShopID(id))!
            case .campaigns: return try store.campaign(CampaignID(id))!
            default: return try store.creator(CreatorID(id))!
            }
        }
    }
}
