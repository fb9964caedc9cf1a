public import Hummingbird
import GRDB
public import StarMatchStore

/// Builds the HTTP router over a store. The API grows in its own issue; for now it serves the probes.
/// - Parameter store: the database every route reads and writes.
/// - Returns: a router with `GET /healthz` (process up) and `GET /readyz` (database reachable).
public func buildRouter(store: StarMatchStore) -> Router<BasicRequestContext> {
    let router = Router()
    router.get("healthz") { _, _ -> HTTPResponse.Status in .ok }
    router.get("readyz") { _, _ -> Response in
        do {
            _ = try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            return Response(status: .ok)
        } catch {
            return Response(status: .serviceUnavailable)
        }
    }
    return router
}
