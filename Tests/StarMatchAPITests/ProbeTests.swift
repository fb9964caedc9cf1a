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
        let app = Application(router: buildRouter(services: APIServices(store: store)))
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
        let app = Application(router: buildRouter(services: APIServices(store: store)))
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
}
