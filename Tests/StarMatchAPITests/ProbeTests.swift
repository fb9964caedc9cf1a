import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
@testable import StarMatchStore
import Testing

@Suite struct ProbeTests {
    @Test func healthAndReadinessAreOpen() async throws {
        let store = try StarMatchStore(inMemory: PolicyConfig())
        let app = Application(router: try buildRouter(services: APIServices(store: store)), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/readyz", method: .get) { response in #expect(response.status == .ok) }
            try await client.execute(uri: "/nope", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
        }
    }

    @Test func readinessIs503WhenTheDatabaseIsGone() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("readyz-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try StarMatchStore(path: path)
        let app = Application(router: try buildRouter(services: APIServices(store: store)), logger: testLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/readyz", method: .get) { response in #expect(response.status == .ok) }
            try (store.writer as? DatabasePool)?.close()
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.execute(uri: "/healthz", method: .get) { response in #expect(response.status == .ok) }
        }
    }

    /// A stored row StarMatch cannot read back is the server's data, not the caller's input: a 500 problem
    /// document naming table, row and column (and logged), never a bare internal error.
    @Test func aDamagedRowIsA500NamingTableRowAndColumn() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try StarMatchStore(path: path)
        try store.writeRecords(.categories, records: [Category(path: "beauty", name: "Beauty").record], mode: .create)
        let creator = Creator(
            id: "cr-1", handle: "one", kind: .affiliate, followers: 10, region: "US", birthDate: CalendarDay(iso: "1999-04-30")!,
            registeredAt: Timestamp.parse("2026-01-10T08:00:00Z")!, ageConfirmedAt: nil, identityVerified: false, identityDocument: nil,
            niches: ["beauty"])
        try store.writeRecords(.creators, records: [creator.record], mode: .create)
        let key = try store.createAPIKey(role: .manager, shop: nil, label: "desk", at: Date()).secret
        let raw = try DatabaseQueue(path: path)
        try await raw.write { db in try db.execute(sql: "UPDATE creators SET kind = 'superstar'") }
        let app = Application(router: try buildRouter(services: APIServices(store: store)), logger: testLogger)
        try await app.test(.router) { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(key)"
            for uri in ["/v1/creators/cr-1", "/v1/creators"] {
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .internalServerError, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    let problem = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                    #expect(problem["status"] as? Int == 500)
                    #expect((problem["detail"] as? String)?.hasPrefix("damaged row in creators (id 'cr-1'), column kind:") == true, "\(problem)")
                }
            }
        }
    }
}
