public import Hummingbird
public import NIOCore
import Foundation
public import Logging
import Metrics
public import Prometheus
import StarMatchCore
import StarMatchStore

/// The process-wide Prometheus registry behind `GET /metrics`; swift-metrics is bootstrapped with it once.
public enum APIMetrics {
    public static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped: Void = {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [.milliseconds(1), .milliseconds(5), .milliseconds(25), .milliseconds(100),
            .milliseconds(500), .seconds(2), .seconds(10), .seconds(60), .seconds(300)]
        MetricsSystem.bootstrap(factory)
    }()

    /// Installs the registry as swift-metrics' backend (idempotent).
    public static func bootstrap() { _ = bootstrapped }
}

/// Checks `Authorization: Bearer KEY` against the stored key hashes; 401 without a valid, unrevoked key.
struct AuthMiddleware: RouterMiddleware {
    let services: APIServices

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        // The scheme name is case-insensitive (RFC 9110 §11.1).
        guard let header = request.headers[.authorization], header.count <= 300, header.prefix(7).lowercased() == "bearer " else { throw Problem.unauthorized }
        let secret = String(header.utf8.dropFirst(7).drop { $0 == UInt8(ascii: " ") })!
        let store = services.store
        guard let principal = try store.authenticate(secret: secret) else { throw Problem.unauthorized }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "key"] = .string(principal.keyID)
        return try await next(request, context)
    }
}

/// Builds the HTTP router over a store: `/healthz` and `/readyz` open, `/metrics` and `/v1/…` behind API keys.
/// - Parameter services: the store and shared state every route uses.
/// - Throws: when the OpenAPI document served at `/openapi.json` is missing or broken (the start stops with the reason).
/// HEAD and 405 come on top (`StarMatchRouter`).
public func buildRouter(services: APIServices) throws -> StarMatchRouter {
    APIMetrics.bootstrap()
    let router = Router(context: APIContext.self)
    // Metrics outermost: they see the status of the problem document an error became, not a bare error.
    router.add(middleware: MetricsMiddleware())
    router.add(middleware: ProblemMiddleware(health: services.health))
    router.add(middleware: LogRequestsMiddleware(.info))
    router.get("healthz") { _, _ -> Response in try APIJSON.response(["status": "ok"]) }
    // Ready: the database answers and has not failed its check (`DatabaseHealth`: 503 naming the finding).
    router.get("readyz") { _, _ -> Response in
        if let problem = await services.health.problem { throw problem }
        guard await services.store.isReachable() else { throw Problem(.serviceUnavailable, detail: "the database is not reachable") }
        let check: String
        switch await services.health.state {
        case .unchecked: check = "not finished yet (SQLite's quick check runs at the start)"
        case .whole(let at): check = "passed \(Timestamp.format(at))"
        case .damaged: check = "failed"
        }
        return try APIJSON.response(["status": "ready", "databaseCheck": check])
    }
    let openAPIDocument = try OpenAPISpec.served()  // loaded now: a missing or broken document stops the start
    router.get("openapi.json") { _, _ -> Response in
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: openAPIDocument))
    }
    router.group().add(middleware: AuthMiddleware(services: services)).get("metrics") { _, context -> Response in
        try context.requireManager()
        var buffer: [UInt8] = []
        APIMetrics.registry.emit(into: &buffer)
        var headers = HTTPFields()
        headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: buffer)))
    }
    let v1 = router.group("v1").add(middleware: AuthMiddleware(services: services)).add(middleware: DatabaseHealthMiddleware(health: services.health))
    let resources = ResourceRoutes(services: services)
    resources.register(on: v1)
    ScoringRoutes(services: services).register(on: v1)
    MatchRoutes(services: services).register(on: v1)
    // The web desk (issue 18): HTML pages over the same use cases, signed in with an API key (session cookie).
    DeskRoutes(services: services, templates: try DeskTemplates.load()).register(on: router)
    return StarMatchRouter(router: router)
}

/// The server: the router on `host:port`, stopping gracefully on SIGTERM/SIGINT when run with `runService()`.
/// - Throws: what `buildRouter` throws.
/// - Parameters:
///   - idleTimeout: how long a connection may stay silent before it is closed (`ConnectionLimits`).
///   - minimumBodyRate: the slowest request body waited for, in bytes per second after `idleTimeout`.
public func buildApplication(services: APIServices, host: String, port: Int, idleTimeout: TimeAmount = ConnectionLimits.defaultIdleTimeout,
    minimumBodyRate: Int = ConnectionLimits.minimumBodyBytesPerSecond, logger: Logger) throws -> some ApplicationProtocol {
    Application(router: try buildRouter(services: services), server: .starMatchHTTP1(idleTimeout: idleTimeout, minimumBodyRate: minimumBodyRate),
        configuration: .init(address: .hostname(host, port: port), serverName: "starmatch"), logger: logger)
}
