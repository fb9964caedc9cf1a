import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// The demo dataset with one key per role: a manager, brand A (GlowLab), brand B (Nearly There), and a
/// revoked manager key.
struct APIFixture {
    static let shopA = "sh-glowlab"
    static let shopB = "sh-nearly-there"
    static let campaignA = "cp-glowlab-black-friday"
    static let campaignB = "cp-nearly-there-samples"
    /// The instant the fixture's server runs at (its clock), inside `campaignA`'s run (it ends 2026-12-02T08:00Z):
    /// tests read derived states at this instant, never at the wall clock's.
    static let demo = Timestamp.parse("2026-11-25T18:00:00Z")!

    let store: StarMatchStore
    let manager: String
    let brandA: String
    let brandB: String
    let revoked: String
    let services: APIServices
    /// A proposed match of brand A's campaign (`campaignA`), made by hand at the demo instant.
    let matchA: Int64

    /// The PostgreSQL test database, dropped when the last copy of the fixture goes.
    private let database: TestDatabase?

    init(batchWait: Duration = .seconds(30), keptJobs: Int = 64, backend: APIBackend = .sqlite) throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Seeds")
        switch backend {
        case .sqlite:
            database = nil
            store = try StarMatchStore(inMemory: PolicyConfig())
        case .postgres:
            let database = try TestDatabase()
            self.database = database
            store = try StarMatchStore(postgres: try PostgresLocation(url: database.url))
        }
        _ = try store.importFiles(ProjectResources.seedFiles(in: seeds))
        let now = Date()
        manager = try store.createAPIKey(role: .manager, shop: nil, label: "desk", at: now).secret
        brandA = try store.createAPIKey(role: .brand, shop: ShopID(Self.shopA), label: "a", at: now).secret
        brandB = try store.createAPIKey(role: .brand, shop: ShopID(Self.shopB), label: "b", at: now).secret
        let old = try store.createAPIKey(role: .manager, shop: nil, label: "old", at: now)
        _ = try store.revokeAPIKey(old.info.id, at: now)
        revoked = old.secret
        let demo = Self.demo
        services = APIServices(store: store, batchWait: batchWait, keptJobs: keptJobs, now: { demo })
        matchA = try store.createMatch(creator: "cr-0001", campaign: CampaignID(Self.campaignA), actor: "fixture", at: demo).id
    }

    func test(_ body: @Sendable @escaping (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: try buildRouter(services: services), logger: testLogger)
        try await app.test(.router, body)
    }
}

/// The databases an API or desk test runs on (issue 19): SQLite always, PostgreSQL when `STARMATCH_TEST_POSTGRES`
/// names a server (`.ci/run` starts one).
enum APIBackend: String, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var all: [APIBackend] { TestDatabase.adminURL == nil ? [.sqlite] : [.sqlite, .postgres] }
    var testDescription: String { rawValue }
}

/// A new database on the PostgreSQL test server, made and dropped with `psql`.
final class TestDatabase: Sendable {
    static let adminURL = ProcessInfo.processInfo.environment["STARMATCH_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    let name = "sm_api_" + UUID().uuidString.prefix(8).lowercased()
    let url: String
    private let admin: String

    init() throws {
        admin = try #require(Self.adminURL)
        url = String(admin[..<admin.lastIndex(of: "/")!]) + "/" + name
        try #require(Self.psql(admin, "CREATE DATABASE \(name)"))
    }

    deinit { _ = Self.psql(admin, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

    private static func psql(_ admin: String, _ sql: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", admin, "-q", "-c", sql]
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// A parsed JSON response body.
func json(_ response: TestResponse) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
}

func object(_ response: TestResponse) throws -> [String: Any] {
    try #require(try json(response) as? [String: Any])
}

extension TestClientProtocol {
    /// A request with an optional bearer key and JSON body.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String?, body: String? = nil,
              check: @escaping (TestResponse) throws -> Void = { _ in }) async throws -> TestResponse {
        var headers = HTTPFields()
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }) { response in
            try check(response)
            return response
        }
    }
}

/// Tests log at warning: request lines (info) would flood `swift test`'s output.
let testLogger: Logger = {
    var logger = Logger(label: "starmatch-test")
    logger.logLevel = .warning
    return logger
}()
