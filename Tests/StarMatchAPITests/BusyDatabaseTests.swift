import Foundation
import GRDBSQLite
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: a database busy with another process's write (issue 16)")
struct BusyDatabaseTests {
    /// Another process holds the write lock (a long import) past the store's 10 s wait: the write is 503 with
    /// `Retry-After` and a problem document in words, never 500 with SQLite's text; nothing is written.
    @Test func aWriteBlockedPastTheWaitIs503WithRetryAfter() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("busy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("busy.sqlite").path
        let store = try StarMatchStore(path: path, config: PolicyConfig())
        let key = try store.createAPIKey(role: .manager, shop: nil, label: "desk", at: Date()).secret
        // The other writer: a second connection that takes the write lock and keeps it.
        var other: OpaquePointer?
        #expect(sqlite3_open_v2(path, &other, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK)
        defer { sqlite3_close(other) }
        #expect(sqlite3_exec(other, "BEGIN IMMEDIATE", nil, nil, nil) == SQLITE_OK)
        let app = Application(router: try buildRouter(services: APIServices(store: store)), logger: testLogger)
        try await app.test(.router) { client in
            try await client.call(.post, "/v1/shops", key: key, body: #"{"id":"sh-busy","name":"Busy","region":"US","score":97,"categories":["beauty"]}"#) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] == "5")
                #expect(response.headers[.contentType] == "application/problem+json")
                let detail = String(buffer: response.body)
                #expect(detail.contains("busy with another write") && !detail.contains("database is locked"))
            }
        }
        #expect(sqlite3_exec(other, "ROLLBACK", nil, nil, nil) == SQLITE_OK)
        #expect(try store.shop("sh-busy") == nil)
    }
}
