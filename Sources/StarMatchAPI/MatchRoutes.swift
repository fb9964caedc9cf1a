import Foundation
import Hummingbird
import StarMatchCore
import StarMatchStore

/// `/v1/matches`: the match lifecycle of issue 6 over HTTP, on the store functions the CLI's `match`
/// commands use. Managers do everything; a brand sees its own campaigns' matches and may ship, complete or
/// cancel them, never accept, decline or post for a creator (403).
struct MatchRoutes {
    let services: APIServices
    var store: StarMatchStore { services.store }

    static let brandActions: Set<MatchAction> = [.ship, .complete, .cancel]

    func register(on v1: RouterGroup<APIContext>) {
        v1.get("matches") { request, context in try await list(request, context) }
        v1.post("matches") { request, context in try await create(request, context) }
        v1.get("matches/:id") { _, context in
            let (match, history) = try await visible(context)
            return try APIJSON.response(MatchView(match: match, history: history))
        }
        v1.post("matches/:id/:action") { _, context in try await act(context) }
    }

    struct MatchView: Encodable, Sendable {
        let match: Match
        let history: [MatchEvent]
    }

    static func actor(_ caller: Principal) -> String {
        caller.isManager ? "manager:\(caller.keyID)" : "brand:\(caller.shop?.rawValue ?? "?"):\(caller.keyID)"
    }

    /// The match, if the caller may see it (after lapsing proposals past their window).
    func visible(_ context: APIContext) async throws -> (Match, [MatchEvent]) {
        let caller = try context.caller()
        let raw = try context.parameters.require("id")
        let now = services.now()
        guard let id = Int64(raw),
              let (match, history) = try await services.blocking({ [store] in try store.expireDueMatches(at: now); return try store.match(id) }),
              caller.isManager || caller.shop?.rawValue == match.shop
        else { throw Problem.notFound("no match '\(raw)'") }
        return (match, history)
    }

    func list(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...APILimits.maxPageSize, default: 50)!
        let state = try q.string("state").map { raw in
            guard let state = MatchState(rawValue: raw) else {
                throw Problem.badParameter("state", "'\(raw)' is not one of \(MatchState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return state
        }
        let after = try q.cursor().map { raw in
            guard let id = Int64(raw) else { throw Problem.badParameter("cursor", "not a cursor this API returned") }
            return id
        }
        let filter = MatchFilter(creator: try q.string("creator").map { CreatorID($0) }, campaign: try q.string("campaign").map { CampaignID($0) },
            shop: caller.isManager ? nil : caller.shop, state: state, limit: limit + 1, after: after)
        let now = services.now()
        let rows = try await services.blocking { [store] in
            try store.expireDueMatches(at: now)
            return try store.matches(filter)
        }
        return try APIJSON.response(Page(rows, limit: limit) { String($0.id) })
    }

    func create(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.requireManager()
        guard case .object(let body) = try await request.jsonBody(context: context) else {
            throw Problem.invalid([.init(pointer: "", detail: "expected an object like {\"creator\": \"cr-1\", \"campaign\": \"cp-1\"}")])
        }
        var errors: [Problem.FieldError] = []
        for key in body.keys where !["creator", "campaign"].contains(key) {
            errors.append(.init(pointer: "/" + pointerToken(key), detail: "unknown member '\(key)' (known: creator, campaign)"))
        }
        var ids: [String: String] = [:]
        for key in ["creator", "campaign"] {
            guard case .string(let id)? = body[key], !id.isEmpty else { errors.append(.init(pointer: "/\(key)", detail: "required: an id")); continue }
            ids[key] = id
        }
        guard errors.isEmpty, let creator = ids["creator"], let campaign = ids["campaign"] else { throw Problem.invalid(errors) }
        let now = services.now()
        let match: Match
        do {
            match = try await services.blocking { [store] in
                try store.createMatch(creator: CreatorID(creator), campaign: CampaignID(campaign), actor: Self.actor(caller), at: now)
            }
        } catch let refused as MatchRefused {
            throw Problem.invalid(refused.rules.map { Problem.FieldError(pointer: "/creator", rule: $0, detail: refused.reason) })
        } catch let error as StoreError {
            throw Problem.notFound(error.message)
        }
        return try APIJSON.response(match, status: .created, location: "/v1/matches/\(match.id)")
    }

    func act(_ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let raw = try context.parameters.require("action")
        guard let action = MatchAction(rawValue: raw), action != .expire else { throw Problem.notFound("no action '\(raw)' (accept, decline, ship, posted, complete, cancel)") }
        let (match, _) = try await visible(context)
        guard caller.isManager || Self.brandActions.contains(action) else {
            throw Problem(.forbidden, detail: "a brand may ship, complete or cancel its matches; \(action.rawValue) is the creator's decision, recorded by a manager")
        }
        let now = services.now()
        do {
            let moved = try await services.blocking { [store] in
                try store.transition(match: match.id, action, actor: Self.actor(caller), at: now)
            }
            return try APIJSON.response(moved)
        } catch let refused as MatchTransitionRefused {
            throw Problem(.conflict, detail: refused.description)
        }
    }
}
