import Foundation
public import Hummingbird
import Synchronization

/// The routes a router serves, by method and path segments (`{name}` matches any one segment): what
/// `MethodResponder` answers HEAD and 405 from.
struct RouteTable: Sendable {
    let routes: [(method: HTTPRequest.Method, segments: [String])]

    init(_ descriptions: [Router<APIContext>.RouteDescription]) {
        routes = descriptions.map { ($0.method, Self.segments($0.path.description)) }
    }

    static func segments(_ path: String) -> [String] { path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }

    /// The methods served on `path` (empty when no route has that path).
    func methods(for path: String) -> [HTTPRequest.Method] {
        let request = Self.segments(path)
        return routes.filter { route in
            route.segments.count == request.count
                && zip(route.segments, request).allSatisfy { pattern, segment in (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment }
        }.map(\.method)
    }
}

/// StarMatch's router: Hummingbird's, with RFC 9110's methods on top — `HEAD` on a GET route is answered as GET
/// without a body (§9.3.2), and a method a path does not have is 405 with `Allow` (§15.5.6), not 404. A path no
/// route has stays the router's 404.
public struct StarMatchRouter: HTTPResponderBuilder {
    public let router: Router<APIContext>

    /// The routes served (the OpenAPI document is held against them).
    public var routes: [Router<APIContext>.RouteDescription] { router.routes }

    public func validate() throws { try router.validate() }

    public func buildResponder() -> MethodResponder {
        MethodResponder(inner: router.buildResponder(), table: RouteTable(router.routes))
    }
}

/// See `StarMatchRouter`.
public struct MethodResponder: HTTPResponder {
    let inner: RouterResponder<APIContext>
    let table: RouteTable

    public func respond(to request: Request, context: APIContext) async throws -> Response {
        let allowed = table.methods(for: request.uri.path)
        guard !allowed.isEmpty, !allowed.contains(request.method) else { return try await inner.respond(to: request, context: context) }
        if request.method == .head, allowed.contains(.get) {
            var head = request.head
            head.method = .get
            var response = try await inner.respond(to: Request(head: head, body: request.body), context: context)
            // The length GET would send (RFC 9110 §8.6), without the body (setting the body resets the header).
            let length = response.headers[.contentLength] ?? response.body.contentLength.map(String.init)
            response.body = .init()
            response.headers[.contentLength] = length
            return response
        }
        var names = allowed.map(\.rawValue)
        if allowed.contains(.get) { names.append("HEAD") }
        let allow = Array(Set(names)).sorted().joined(separator: ", ")
        var response = Problem(.methodNotAllowed, detail: "\(request.method.rawValue) is not allowed on \(request.uri.path) (allowed: \(allow))").response()
        response.headers[.allow] = allow
        response.headers[.init("X-Request-Id")!] = context.id
        return response
    }
}
