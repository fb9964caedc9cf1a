import Foundation
import Hummingbird
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

/// `/v1/matches`: the match lifecycle of issue 6 over HTTP. Each route parses, calls its use case (shared with
/// the CLI's `match` commands, which also decide who sees and may do what) and renders. Reads show a proposal
/// past its window as `expired` and write nothing.
struct MatchRoutes {
    let services: APIServices

    func register(on v1: RouterGroup<APIContext>) {
        v1.get("matches") { request, context in try await list(request, context) }
        v1.post("matches") { request, context in try await create(request, context) }
        v1.get("matches/:id") { request, context in
            let caller = try context.caller()
            let id = try matchID(context)
            let at = try Query(request).instant("at", default: services.now())
            let (match, history, outcome) = try await services.run { try $0.matchDetail(id, at: at, caller: caller) }
            return try APIJSON.response(MatchView(match: match, history: history, outcome: outcome))
        }
        v1.post("matches/:id/:action") { request, context in try await act(request, context) }
    }

    struct MatchView: Encodable, Sendable {
        let match: Match
        let history: [MatchEvent]
        /// What the match brought in (`MatchOutcome`).
        let outcome: MatchOutcome
    }

    /// The match id of the path; not a number is not found, as an unknown id.
    func matchID(_ context: APIContext) throws -> Int64 {
        let raw = try context.pathParameter("id")
        guard let id = Int64(raw) else { throw Problem.notFound("unknown match \(raw)") }
        return id
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
        let at = try q.instant("at", default: services.now())
        let filter = MatchFilter(creator: try q.string("creator").map { CreatorID($0) }, campaign: try q.string("campaign").map { CampaignID($0) },
            state: state, limit: limit + 1, after: after)
        let rows = try await services.run { try $0.matches(filter, at: at, caller: caller) }
        return try APIJSON.response(Page(rows, limit: limit) { String($0.id) })
    }

    func create(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller().requireManager()
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
        let match = try await services.run { try $0.createMatch(creator: CreatorID(creator), campaign: CampaignID(campaign), caller: caller) }
        return try APIJSON.response(match, status: .created, location: "/v1/matches/\(match.id)")
    }

    /// A step, with an optional body `{"note": "…"}` kept in the match's history (as the CLI's `--note`).
    func act(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let id = try matchID(context)
        let raw = try context.pathParameter("action")
        guard let action = MatchAction(rawValue: raw), action != .expire else { throw Problem.notFound("no action '\(raw)' (accept, decline, ship, posted, complete, cancel)") }
        var note: String?
        if let body = try await request.optionalJSONBody(context: context) {
            guard case .object(let members) = body else { throw DomainError.invalid("the body must be a JSON object such as {\"note\": \"budget cut\"}", .member("")) }
            if let unknown = members.keys.sorted().first(where: { $0 != "note" }) { throw DomainError.invalid("unknown member (known: note)", .member(unknown)) }
            switch members["note"] {
            case nil, .null?: break
            case .string(let text)?:
                guard !text.isEmpty, text.utf8.count <= EntityLimits.maxTextBytes else {
                    throw DomainError.invalid("a note is 1–\(EntityLimits.maxTextBytes) bytes of text", .member("note"))
                }
                note = text
            default: throw DomainError.invalid("expected a string", .member("note"))
            }
        }
        let text = note
        let moved = try await services.run { try $0.transition(match: id, action, note: text, caller: caller) }
        return try APIJSON.response(moved)
    }
}
