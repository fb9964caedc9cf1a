import Foundation
public import Hummingbird
public import StarMatchStore
import StarMatchCore

/// The request context of every StarMatch route: Hummingbird's core storage plus the authenticated caller.
public struct APIContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` for every `/v1` route and `/metrics`; `nil` on the open probes.
    public var principal: Principal?
    /// Set by `DeskSessionMiddleware` for the desk's signed-in pages (`/desk/…`): the session, with its CSRF token.
    public var deskSession: DeskSession?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies over 1 MiB are refused with 413 (issue 5).
    public var maxUploadSize: Int { APILimits.maxBody }

    /// The caller; only `AuthMiddleware`'s routes reach handlers, so a missing principal is a 401.
    func caller() throws -> Principal {
        guard let principal else { throw Problem.unauthorized }
        return principal
    }

    /// Managers only; for a brand the route does not exist (404, revealing nothing).
    @discardableResult
    func requireManager() throws -> Principal {
        let caller = try caller()
        guard caller.role == .manager else { throw Problem.notFound("no such resource") }
        return caller
    }
}

/// Limits on what a request may ask for.
public enum APILimits {
    public static let maxBody = 1 << 20
    /// Items in one array body of activity rows.
    public static let maxItems = 10_000
    /// The body of an activity route (`POST /v1/sales` …): room for `maxItems` rows whose texts are long (10,000 of
    /// the smallest valid sales alone are just over 1 MiB).
    public static let maxActivityBody = 32 << 20
    public static let maxPageSize = 1_000
}

extension APIContext {
    /// A path parameter, percent-decoded (RFC 3986: `cr%3Acolon` names the id `cr:colon`). A segment that is not
    /// valid percent-encoding names nothing that exists: it is used as sent, and found by no lookup.
    /// An id with a control character (`%00` …) names nothing: it is not found, rather than cut short where SQLite's
    /// text ends.
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        let decoded = raw.removingPercentEncoding ?? raw
        if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw DomainError.notFound("no such resource (an id with a control character names nothing)")
        }
        return decoded
    }
}
