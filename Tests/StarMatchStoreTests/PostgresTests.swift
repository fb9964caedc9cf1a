import Foundation
import GRDB
import StarMatchCore
@testable import StarMatchStore
import Testing

/// A fresh PostgreSQL database for one test, made on the server `STARMATCH_TEST_POSTGRES` names (a
/// `postgres://USER@HOST:PORT/DB` URL whose user may create databases; `Tests/postgres-cluster.sh start` makes one
/// and `.ci/run` sets it). Dropped by `drop()`, even while stores still hold connections to it.
struct TestPostgres {
    static let adminURL = ProcessInfo.processInfo.environment["STARMATCH_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { adminURL != nil }

    let location: PostgresLocation
    private let admin: PostgresDatabase

    init() throws {
        let adminLocation = try PostgresLocation(url: try #require(Self.adminURL))
        admin = try PostgresDatabase(adminLocation)
        var location = adminLocation
        location.database = "sm_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        let name = location.database, admin = admin
        try admin.withConnection { try PostgresSession($0, logger: admin.logger).execute("CREATE DATABASE \(name)", []) }
        self.location = location
    }

    func drop() {
        _ = try? admin.withConnection { try PostgresSession($0, logger: admin.logger).execute("DROP DATABASE IF EXISTS \(location.database) WITH (FORCE)", []) }
    }

    /// Runs one statement on the test database outside the store (fixtures for tables whose writes are not on
    /// PostgreSQL yet).
    func execute(_ sql: String, _ arguments: [SQLValue] = []) throws {
        let database = try PostgresDatabase(location)
        try database.write { try $0.execute(sql, arguments) }
    }
}

@Suite("PostgreSQL backend (issue 19): URLs, statements, the schema")
struct PostgresUnitTests {
    @Test("a postgres:// URL gives host, port (5432 by default), user, password and database; anything else is refused naming what is wrong")
    func locationURL() throws {
        let full = try PostgresLocation(url: "postgres://app:s3cret@db.internal:6543/starmatch")
        #expect(full.host == "db.internal" && full.port == 6543 && full.user == "app" && full.password == "s3cret" && full.database == "starmatch")
        #expect(full.description == "postgres://app@db.internal:6543/starmatch")  // never the password
        let bare = try PostgresLocation(url: "postgresql://app@localhost/sm?sslmode=disable")
        #expect(bare.port == 5432 && bare.password == nil)
        let refused: [(String, String)] = [
            ("mysql://app@h/db", "is not a postgres://"),
            ("postgres://h/db", "names no user"),
            ("postgres://app@h", "names no database"),
            ("postgres://app@h/a/b", "names no database"),
            ("postgres://app@h:0/db", "port 0"),
            ("postgres://app@h/db?sslmode=require", "'sslmode' is not supported"),
            ("postgres://app@h/db?application_name=x", "'application_name' is not supported"),
        ]
        for (url, reason) in refused {
            let error = #expect(throws: DomainError.self) { try PostgresLocation(url: url) }
            #expect(error?.kind == .invalidInput)
            #expect(error?.message.contains(reason) == true, "\(url): \(error?.message ?? "")")
        }
        let withPassword = #expect(throws: DomainError.self) { try PostgresLocation(url: "mysql://app:hunter2@h/db") }
        #expect(withPassword?.message.contains("hunter2") == false)
    }

    @Test("placeholders are numbered outside quotes; scripts split at semicolons outside quotes and $$ bodies")
    func statementText() {
        #expect(PostgresSession.numbered("SELECT ? , '?' , \"a?\" , ? WHERE x = ?") == "SELECT $1 , '?' , \"a?\" , $2 WHERE x = $3")
        #expect(PostgresSession.numbered("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', $1")
        let script = """
            CREATE TABLE a (x TEXT DEFAULT ';');
            CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no; never'; END $$;

            INSERT INTO a VALUES ('x;y')
            """
        #expect(PostgresSession.statements(script) == [
            "CREATE TABLE a (x TEXT DEFAULT ';')",
            "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no; never'; END $$",
            "INSERT INTO a VALUES ('x;y')",
        ])
    }

    @Test("PostgreSQL has every named migration SQLite has, in the same order")
    func sameMigrations() {
        #expect(PostgresSchema.migrations.map(\.identifier) == StarMatchStore.migrator.migrations)
    }

    @Test("an unreachable server is one clear error naming it, without the password")
    func unreachable() {
        let error = #expect(throws: DomainError.self) {
            try StarMatchStore(postgres: PostgresLocation(url: "postgres://app:hunter2@127.0.0.1:1/sm"))
        }
        #expect(error?.message.contains("cannot connect to PostgreSQL at postgres://app@127.0.0.1:1/sm") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("hunter2") == false)
    }
}

@Suite("PostgreSQL backend (issue 19), on a server", .enabled(if: TestPostgres.available, "STARMATCH_TEST_POSTGRES names no server"))
struct PostgresServerTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("a new database gets every migration once; a second store applies none; a database with other tables is refused untouched")
    func migrations() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let store = try StarMatchStore(postgres: pg.location)
        #expect(store.backend == .postgres)
        let applied = try store.sqlRead { db in try PostgresSchema.applied(db as! PostgresSession) }
        #expect(applied == StarMatchStore.migrator.migrations)
        _ = try StarMatchStore(postgres: pg.location)
        let count = try store.sqlRead { db in try db.value("SELECT COUNT(*) FROM schema_migrations", as: Int.self) }
        #expect(count == applied.count)
        // The same tables as SQLite's schema (GRDB's own migrations table aside).
        let tables = try store.sqlRead { db in
            try db.rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename", []).compactMap { $0.get(0, as: String.self) }
        }
        let sqlite = try StarMatchStore(inMemory: PolicyConfig())
        let sqliteTables = try sqlite.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations' ORDER BY name")
        }
        #expect(tables.filter { $0 != "schema_migrations" } == sqliteTables)

        let other = try TestPostgres()
        defer { other.drop() }
        try other.execute("CREATE TABLE invoices (id BIGINT)")
        let refused = #expect(throws: DomainError.self) { try StarMatchStore(postgres: other.location) }
        #expect(refused?.message.contains("is not a StarMatch database (it holds other tables: invoices)") == true)
        let untouched = try PostgresDatabase(other.location).read { db in
            try db.rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()", []).compactMap { $0.get(0, as: String.self) }
        }
        #expect(untouched == ["invoices"])
    }

    @Test("API keys on PostgreSQL: hashed, roles checked, revoked at once here and within a second on another instance")
    func keysAcrossInstances() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let a = try StarMatchStore(postgres: pg.location)
        let b = try StarMatchStore(postgres: pg.location)
        try pg.execute("INSERT INTO shops (id, name, region, score, categories) VALUES ('sh-a', 'A', 'US', 90, '')")

        let manager = try a.createAPIKey(role: .manager, shop: nil, label: "desk", at: now)
        let brand = try a.createAPIKey(role: .brand, shop: ShopID("sh-a"), label: nil, at: now)
        #expect(throws: DomainError.self) { try a.createAPIKey(role: .brand, shop: ShopID("sh-unknown"), label: nil, at: now) }
        // The other instance reads them at once; only hashes are stored.
        #expect(try b.apiKeys() == [manager.info, brand.info].sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) })
        let stored = try a.sqlRead { db in try db.rows("SELECT hash FROM api_keys ORDER BY id", []).compactMap { $0.get(0, as: String.self) } }
        #expect(Set(stored) == [StarMatchStore.hash(manager.secret), StarMatchStore.hash(brand.secret)])
        #expect(try b.authenticate(secret: brand.secret) == Principal(keyID: brand.info.id, role: .brand, shop: ShopID("sh-a")))
        #expect(try a.authenticate(secret: manager.secret)?.isManager == true)

        // Revoked through b: refused by b at once, by a (which cached it) within a second.
        let cachedAt = ContinuousClock.now
        #expect(try a.authenticate(secret: brand.secret, now: cachedAt) != nil)
        let revoked = try b.revokeAPIKey(brand.info.id, at: now.addingTimeInterval(60))
        #expect(revoked.revokedAt == now.addingTimeInterval(60))
        #expect(try b.authenticate(secret: brand.secret) == nil)
        #expect(try a.authenticate(secret: brand.secret, now: cachedAt + .milliseconds(1_001)) == nil)
        #expect(throws: DomainError.self) { try a.revokeAPIKey("key_missing", at: now) }
    }

    @Test("desk sessions on PostgreSQL: made for a valid key, found by token, ended, and dead with their key")
    func deskSessions() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let store = try StarMatchStore(postgres: pg.location)
        let key = try store.createAPIKey(role: .manager, shop: nil, label: nil, at: now)
        let (token, session) = try #require(try store.createDeskSession(secret: key.secret, at: now))
        #expect(try store.deskSession(token: token, at: now.addingTimeInterval(60)) == session)
        #expect(try store.deskSession(token: token, at: session.expiresAt) == nil)  // a fixed end
        try store.endDeskSession(token: token)
        #expect(try store.deskSession(token: token, at: now) == nil)
        let (second, _) = try #require(try store.createDeskSession(secret: key.secret, at: now))
        try store.revokeAPIKey(key.info.id, at: now)
        #expect(try store.deskSession(token: second, at: now) == nil)
        #expect(try store.createDeskSession(secret: key.secret, at: now) == nil)
    }

    @Test("writes from many threads and two instances are serialised (the write lock): every one lands, none lost")
    func concurrentWrites() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let stores = [try StarMatchStore(postgres: pg.location), try StarMatchStore(postgres: pg.location)]
        let lock = NSLock()
        nonisolated(unsafe) var failures: [String] = []
        let now = now
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            do { _ = try stores[i % 2].createAPIKey(role: .manager, shop: nil, label: "k\(i)", at: now) } catch {
                lock.withLock { failures.append("\(error)") }
            }
        }
        #expect(failures == [])
        #expect(Set(try stores[0].apiKeys().compactMap(\.label)) == Set((0..<40).map { "k\($0)" }))
    }

    @Test("a failed write leaves nothing: the transaction rolls back and the connection serves the next call")
    func failedWriteRollsBack() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let store = try StarMatchStore(postgres: pg.location)
        #expect(throws: (any Error).self) {
            try store.sqlWrite { db in
                try db.execute("INSERT INTO api_keys (id, hash, role, created_at) VALUES ('key_x', 'h', 'manager', 1)", [])
                try db.execute("INSERT INTO api_keys (id, hash, role, created_at) VALUES ('key_x', 'h2', 'manager', 1)", [])  // same id
            }
        }
        #expect(try store.apiKeys().isEmpty)
        _ = try store.createAPIKey(role: .manager, shop: nil, label: nil, at: now)
        #expect(try store.apiKeys().count == 1)
    }

    @Test("what does not run on PostgreSQL yet says so and changes nothing; backup and restore name pg_dump and pg_restore")
    func notYetOnPostgres() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let store = try StarMatchStore(postgres: pg.location)
        let counts = #expect(throws: DomainError.self) { try store.counts() }
        #expect(counts?.message.contains("does not run on PostgreSQL yet") == true)
        let backup = #expect(throws: DomainError.self) { try store.backup(to: "/tmp/never-written.sqlite") }
        #expect(backup?.message.contains("pg_dump") == true)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.sqlite"))
        let restore = #expect(throws: DomainError.self) { try store.restore(from: "/tmp/never-written.sqlite") }
        #expect(restore?.message.contains("pg_restore") == true)
    }
}
