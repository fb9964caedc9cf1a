import Foundation
import GRDB
import StarMatchCore
import Synchronization
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
        #expect(PostgresSession.numbered("WHERE (?1 IS NULL OR a = ?1) AND b > ?2 LIMIT ?") == "WHERE ($1 IS NULL OR a = $1) AND b > $2 LIMIT $3")
        #expect(PostgresSchema.bytewise("a TEXT NOT NULL, b TEXT, c TEXT COLLATE \"C\", d TEXTUAL") == #"a TEXT COLLATE "C" NOT NULL, b TEXT COLLATE "C", c TEXT COLLATE "C", d TEXTUAL"#)
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

    @Test("values come back as stored: whole NUMERIC sums past 2^53 exactly, BIGINT, DOUBLE PRECISION, TEXT, BYTEA, NULL, booleans as 0/1")
    func valuesRoundTrip() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let database = try PostgresDatabase(pg.location)
        let row = try database.read { db in
            try db.row("""
                SELECT SUM(x) AS big, CAST(? AS BIGINT) AS i, CAST(? AS DOUBLE PRECISION) AS d, CAST(? AS TEXT) AS t, CAST(? AS BYTEA) AS b,
                       CAST(NULL AS TEXT) AS n, 1 = 1 AS yes, CAST(2.5 AS NUMERIC) AS frac
                FROM (VALUES (CAST(9007199254740993 AS BIGINT)), (CAST(9007199254740993 AS BIGINT))) AS v(x)
                """, [.integer(Int64.min), .real(0.1), .text("zoë ?'"), .blob([0, 255, 7])])
        }
        #expect(row?.values == [.integer(18_014_398_509_481_986), .integer(Int64.min), .real(0.1), .text("zoë ?'"), .blob([0, 255, 7]),
                                .null, .integer(1), .real(2.5)])
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

    @Test("entity reads on PostgreSQL equal SQLite's on the demo dataset: counts, taxonomy, lists with every filter and page, ids, handles, facts")
    func entityReadsEqualSQLite() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let sqlite = try seededStore()
        let store = try StarMatchStore(postgres: pg.location)
        try copyEntities(from: sqlite, to: pg)

        #expect(try store.counts() == sqlite.counts())
        #expect(try store.taxonomy() == sqlite.taxonomy())
        #expect(try store.hasCategory(CategoryPath("beauty")) && !store.hasCategory(CategoryPath("nope")))
        let creators = try sqlite.creators(CreatorFilter(limit: 10_000))
        #expect(creators.count > 300)
        #expect(try store.creators(CreatorFilter(limit: 10_000)) == creators)
        var filters: [CreatorFilter] = [
            CreatorFilter(kind: .affiliate, limit: 7, offset: 3), CreatorFilter(region: "US", minFollowers: 10_000, limit: 50),
            CreatorFilter(niche: CategoryPath("beauty"), limit: 500), CreatorFilter(limit: 20, after: creators[100].id.rawValue),
        ]
        var byHandle = CreatorFilter(limit: 50)
        byHandle.handlePrefix = String(creators[5].handleKey.prefix(3))
        filters.append(byHandle)
        for filter in filters {
            let expected = try sqlite.creators(filter)
            #expect(!expected.isEmpty)
            #expect(try store.creators(filter) == expected)
        }
        for creator in creators.prefix(40) + creators.suffix(40) {
            #expect(try store.creator(creator.id) == creator)
            #expect(try store.creatorID(handle: "@" + creator.handle.uppercased()) == sqlite.creatorID(handle: "@" + creator.handle.uppercased()))
            #expect(try store.facts(for: creator) == sqlite.facts(for: creator))
        }
        #expect(try store.creator(CreatorID("cr-nobody")) == nil)
        let shops = try sqlite.shops(limit: 1_000)
        #expect(try store.shops(limit: 1_000) == shops)
        #expect(try store.shops(region: shops[0].region, after: shops[1].id.rawValue, limit: 5) == sqlite.shops(region: shops[0].region, after: shops[1].id.rawValue, limit: 5))
        #expect(try store.shop(shops[3].id) == shops[3])
        let products = try sqlite.products(limit: 1_000)
        #expect(try store.products(limit: 1_000) == products)
        #expect(try store.products(shop: products[0].shop, limit: 100) == sqlite.products(shop: products[0].shop, limit: 100))
        #expect(try store.products(category: CategoryPath("beauty"), after: products[2].id.rawValue, limit: 100)
                == sqlite.products(category: CategoryPath("beauty"), after: products[2].id.rawValue, limit: 100))
        #expect(try store.product(products[7].id) == products[7])
        let campaigns = try sqlite.campaigns(limit: 1_000)
        #expect(try store.campaigns(limit: 1_000) == campaigns)
        let instant = Timestamp.parse("2026-11-25T18:00:00Z")!  // the demo's instant
        #expect(try !sqlite.campaigns(openAt: instant, limit: 1_000).isEmpty)
        #expect(try store.campaigns(shop: campaigns[0].shop, openAt: instant, limit: 1_000) == sqlite.campaigns(shop: campaigns[0].shop, openAt: instant, limit: 1_000))
        #expect(try store.campaign(campaigns[4].id) == campaigns[4])
    }

    /// Copies every entity table's rows from a SQLite store into the PostgreSQL test database as they are stored
    /// (the import path is not on PostgreSQL yet).
    func copyEntities(from sqlite: StarMatchStore, to pg: TestPostgres) throws {
        let database = try PostgresDatabase(pg.location)
        try database.write { session in
            for table in ["categories", "shops", "products", "creators", "campaigns", "sales", "content_events", "violations", "quizzes"] {
                let rows = try sqlite.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") }
                guard let first = rows.first else { continue }
                let columns = Array(first.columnNames)
                for chunk in stride(from: 0, to: rows.count, by: 200).map({ rows[$0..<min($0 + 200, rows.count)] }) {
                    let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
                    try session.execute("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                                        + Array(repeating: tuple, count: chunk.count).joined(separator: ", "),
                                        chunk.flatMap { row in (0..<columns.count).map { SQLiteSession.sqlValue(row[$0] as DatabaseValue) } })
                }
            }
        }
    }

    @Test("typed writes on PostgreSQL keep the scoring state in their transaction: records, bounds, keys and frame equal SQLite's after an import of the same rows")
    func typedWritesKeepTheScoringState() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        // Both settle at the demo's instant (the settled boundary comes from this clock).
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_636_800) }
        let sqlite = try StarMatchStore(inMemory: PolicyConfig(), settleClock: clock)
        let seeds = seedsFolder
        _ = try sqlite.importFiles(ProjectResources.seedFiles(in: seeds))
        let store = try StarMatchStore(postgres: pg.location, settleClock: clock)

        // Every row SQLite holds, written on PostgreSQL as typed records (the API's write path), 400 a transaction.
        let tables: [(ImportKind, String, (Row) throws -> ImportRecord)] = [
            (.categories, "categories ORDER BY path", { .category(try StarMatchStore.category($0)) }),
            (.shops, "shops ORDER BY id", { .shop(try StarMatchStore.shop($0)) }),
            (.products, "products ORDER BY id", { .product(try StarMatchStore.product($0)) }),
            (.campaigns, "campaigns ORDER BY id", { .campaign(try StarMatchStore.campaign($0)) }),
            (.creators, "creators ORDER BY id", { .creator(try StarMatchStore.creator($0)) }),
            (.sales, "sales ORDER BY id", { .sale(try StarMatchStore.sale($0)) }),
            (.contentEvents, "content_events ORDER BY id", { .contentEvent(try StarMatchStore.contentEvent($0)) }),
            (.violations, "violations ORDER BY id", { .violation(try StarMatchStore.violation($0)) }),
            (.quizzes, "quizzes ORDER BY id", { .quiz(try StarMatchStore.quiz($0)) }),
        ]
        for (kind, from, decode) in tables {
            let records = try sqlite.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM \(from)").map(decode) }
            for start in stride(from: 0, to: records.count, by: 400) {
                try store.writeRecords(kind, records: Array(records[start..<min(start + 400, records.count)]), mode: .create)
            }
        }
        #expect(try store.counts() == sqlite.counts())

        let expected = try sqlite.sqlRead(Self.scoringState)
        let kept = try store.sqlRead(Self.scoringState)
        #expect(expected["records"]?.count == 311)
        for name in expected.keys.sorted() {
            #expect(kept[name]?.count == expected[name]?.count, "\(name)")
            #expect(kept[name] == expected[name], "\(name) differs")
        }
    }

    /// The scoring state, table by table (a bound's `seq` is the data version of the write that made it: not compared).
    static func scoringState(_ db: any SQLSession) throws -> [String: [[SQLValue]]] {
        var result: [String: [[SQLValue]]] = [:]
        for (name, sql) in [
            ("records", "SELECT creator_id, record FROM scoring_records ORDER BY creator_id"),
            ("bounds", "SELECT creator_id, followers, chr_ceiling, samples, tops, sales_keys FROM scoring_bounds ORDER BY creator_id"),
            ("keys", "SELECT profile, key, creator_id FROM scoring_keys ORDER BY profile, key, creator_id"),
            ("counts", "SELECT profile, positive FROM scoring_key_counts ORDER BY profile"),
            ("frame", "SELECT key, value FROM scoring_frame WHERE key IN ('settled_through', 'half_lives', 'key_profiles', 'taxonomy') ORDER BY key"),
        ] {
            result[name] = try db.rows(sql, []).map(\.values)
        }
        return result
    }

    @Test("imports on PostgreSQL: the demo files in one transaction give SQLite's rows and scoring state; a bad row leaves nothing")
    func importsEqualSQLite() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_636_800) }
        let seeds = seedsFolder
        let sqlite = try StarMatchStore(inMemory: PolicyConfig(), settleClock: clock)
        _ = try sqlite.importFiles(ProjectResources.seedFiles(in: seeds))
        let store = try StarMatchStore(postgres: pg.location, settleClock: clock)
        let reports = try store.importFiles(ProjectResources.seedFiles(in: seeds))
        #expect(reports.count == 8 && reports.allSatisfy { $0.inserted > 0 })
        #expect(try store.counts() == sqlite.counts())
        #expect(try store.creators(CreatorFilter(limit: 10_000)) == sqlite.creators(CreatorFilter(limit: 10_000)))
        let expected = try sqlite.sqlRead(Self.scoringState)
        let kept = try store.sqlRead(Self.scoringState)
        for name in expected.keys.sorted() { #expect(kept[name] == expected[name], "\(name) differs") }

        // A file with a bad last row: refused whole, the database as it was.
        let dir = try TempDir()
        let file = dir.url.appendingPathComponent("sales.csv")
        let lines = try String(contentsOf: seeds.appendingPathComponent("sales.csv"), encoding: .utf8).split(separator: "\n")
        let header = lines[0]
        let good = lines[1].replacingOccurrences(of: String(lines[1].prefix { $0 != "," }), with: "s-new-1")
        try ([String(header), good, "s-new-2,cr-nobody" + String(lines[1].drop { $0 != "," }.dropFirst().drop { $0 != "," })].joined(separator: "\n") + "\n")
            .write(to: file, atomically: true, encoding: .utf8)
        let before = try store.counts()
        #expect(throws: ImportFailure.self) { try store.importFile(kind: .sales, at: file) }
        #expect(try store.counts() == before)
        #expect(try store.sqlRead(Self.scoringState) == kept)
    }

    @Test("a first load into empty tables builds their secondary indexes after the rows: the same rows and state, every index back; a failed load leaves them too")
    func firstLoadRebuildsIndexes() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_636_800) }
        let seeds = seedsFolder
        let store = try StarMatchStore(postgres: pg.location, settleClock: clock)
        let indexes = { try store.sqlRead { db in
            try db.rows("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1, 2", []).map(\.values)
        } }
        let before = try indexes()
        #expect(before.contains { $0[1] == .text("creators_handle_key") } && before.contains { $0[1] == .text("sales_product") })
        var everyFile = ImportOptions()
        everyFile.indexRebuildBytes = 0
        // A failed load (a sale of an unknown creator at the end): nothing stored, every index there.
        let dir = try TempDir()
        let bad = dir.url.appendingPathComponent("sales.csv")
        let lines = try String(contentsOf: seeds.appendingPathComponent("sales.csv"), encoding: .utf8).split(separator: "\n")
        try (lines.joined(separator: "\n") + "\ns-bad,cr-nobody" + String(lines[1].drop { $0 != "," }.dropFirst().drop { $0 != "," }) + "\n")
            .write(to: bad, atomically: true, encoding: .utf8)
        var files = ProjectResources.seedFiles(in: seeds)
        files.removeAll { $0.0 == .sales }
        #expect(throws: ImportFailure.self) { try store.importFiles(files + [(.sales, bad)], options: everyFile) }
        #expect(try indexes() == before)
        #expect(try store.counts() == StoreCounts { _ in 0 })
        _ = try store.importFiles(ProjectResources.seedFiles(in: seeds), options: everyFile)
        #expect(try indexes() == before)
        let sqlite = try StarMatchStore(inMemory: PolicyConfig(), settleClock: clock)
        _ = try sqlite.importFiles(ProjectResources.seedFiles(in: seeds))
        #expect(try store.counts() == sqlite.counts())
        let expected = try sqlite.sqlRead(Self.scoringState), kept = try store.sqlRead(Self.scoringState)
        for name in expected.keys.sorted() { #expect(kept[name] == expected[name], "\(name) differs") }
    }

    /// The demo files imported into a SQLite store and a PostgreSQL one, both settled by the same clock.
    static func importedPair(_ pg: TestPostgres, profiles: [ScoringProfile] = [ScoringProfile()]) throws -> (sqlite: StarMatchStore, postgres: StarMatchStore) {
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_636_800) }
        let seeds = seedsFolder
        let sqlite = try StarMatchStore(inMemory: PolicyConfig(), scoringProfiles: profiles, settleClock: clock)
        _ = try sqlite.importFiles(ProjectResources.seedFiles(in: seeds))
        let store = try StarMatchStore(postgres: pg.location, scoringProfiles: profiles, settleClock: clock)
        _ = try store.importFiles(ProjectResources.seedFiles(in: seeds))
        return (sqlite, store)
    }

    @Test("scoring reads on PostgreSQL equal SQLite's: every campaign's shortlist at the settled boundary and with sales pending, a creator's inputs and scorer, the population from history, check --scoring")
    func scoringReadsEqualSQLite() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let (sqlite, store) = try Self.importedPair(pg)
        let profile = ScoringProfile()
        let campaigns = try sqlite.campaignsWithShops()
        #expect(campaigns.count > 10)
        #expect(try store.campaignsWithShops().map { $0.0 } == campaigns.map { $0.0 })
        // The settle clock's instant, then 3 and 40 days on (sales validated since the settled boundary are pending).
        for days in [0.0, 3, 40] {
            let instant = Date(timeIntervalSince1970: 1_795_636_800 + days * 86_400)
            #expect(try store.campaignsWithShops(openAt: instant).map { $0.0 } == sqlite.campaignsWithShops(openAt: instant).map { $0.0 })
            var nonEmpty = 0
            for (campaign, shop) in campaigns {
                let expected = try #require(try sqlite.shortlistFromState(campaign, shop: shop, at: instant, profile: profile, limit: 25, explain: true))
                let got = try #require(try store.shortlistFromState(campaign, shop: shop, at: instant, profile: profile, limit: 25, explain: true))
                #expect(got.salesReference == expected.salesReference)
                #expect(got.ranked.map(\.creator.id) == expected.ranked.map(\.creator.id), "\(campaign.id) at +\(days) days")
                #expect(got.ranked.map(\.score) == expected.ranked.map(\.score))
                if !expected.ranked.isEmpty { nonEmpty += 1 }
            }
            #expect(nonEmpty > 5)
            for id in ["cr-0001", "cr-0002", "cr-pilot-active", "cr-0150"] {
                let expected = try #require(try sqlite.scoringFromState(creator: CreatorID(id), at: instant, profile: profile))
                let got = try #require(try store.scoringFromState(creator: CreatorID(id), at: instant, profile: profile))
                #expect(got.0 == expected.0 && got.1 == expected.1 && got.2 == expected.2)
                #expect(got.3.salesReference == expected.3.salesReference)
            }
        }
        // A half-life the state keeps no sums for: the population from history, on both backends.
        let other = ScoringProfile(salesHalfLifeDays: 45)
        let instant = Date(timeIntervalSince1970: 1_795_636_800 + 5 * 86_400)
        #expect(try store.shortlistFromState(campaigns[0].0, shop: campaigns[0].1, at: instant, profile: other, limit: 10) == nil)
        let fromHistory = try store.scoringPopulation(at: instant, profile: other)
        let expected = try sqlite.scoringPopulation(at: instant, profile: other)
        #expect(fromHistory.creators == expected.creators && fromHistory.inputs == expected.inputs)
        #expect(fromHistory.scorer.salesReference == expected.scorer.salesReference)
        let population = try store.scoringPopulation(at: instant, profile: profile)
        #expect(population.inputs == (try sqlite.scoringPopulation(at: instant, profile: profile)).inputs)
        let checked = try store.checkScoring(at: instant, profile: profile)
        #expect(checked.ok && checked.records == 311, "\(String(describing: checked.firstDifference))")
    }

    @Test("a server following the bounds on PostgreSQL answers from another instance's write at its next read; entity reads are never cached there")
    func followerSeesOtherInstances() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let (_, server) = try Self.importedPair(pg)
        server.followScoringState()
        try server.refreshEntityCache()
        let other = try StarMatchStore(postgres: pg.location, settleClock: { Date(timeIntervalSince1970: 1_795_636_800) })
        let profile = ScoringProfile()
        let instant = Date(timeIntervalSince1970: 1_795_636_800 + 86_400)
        let (campaign, shop) = try #require(try server.campaignsWithShops(openAt: instant).first { pair in
            (try? server.shortlistFromState(pair.0, shop: pair.1, at: instant, profile: profile, limit: 5))??.ranked.isEmpty == false
        })
        let before = try #require(try server.shortlistFromState(campaign, shop: shop, at: instant, profile: profile, limit: 5)).ranked
        var leader = try #require(try server.creator(before[0].creator.id))
        // The leader loses its audience through the other instance: the server's next shortlist drops or lowers it,
        // as a store reading from disk says.
        leader.followers = 0
        _ = try other.writeRecords(.creators, records: [.creator(leader)], mode: .replace)
        #expect(try server.creator(leader.id)?.followers == 0)
        let after = try #require(try server.shortlistFromState(campaign, shop: shop, at: instant, profile: profile, limit: 5)).ranked
        let fresh = try #require(try other.shortlistFromState(campaign, shop: shop, at: instant, profile: profile, limit: 5)).ranked
        #expect(after.map(\.creator.id) == fresh.map(\.creator.id) && after.map(\.score) == fresh.map(\.score))
        #expect(after.first { $0.creator.id == leader.id }.map { $0.score < before[0].score } ?? true)
        #expect(after.map(\.score) != before.map(\.score))
    }

    @Test("weekly batch runs on PostgreSQL equal SQLite's; two instances running the same week at once store one run (the batch lock), the other returns it")
    func batchRunsAcrossInstances() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let (sqlite, store) = try Self.importedPair(pg)
        let now = Date(timeIntervalSince1970: 1_795_636_800)
        let expected = try sqlite.runBatch(week: "2026-W48", profile: ScoringProfile(), dryRun: true, now: now)
        let dry = try store.runBatch(week: "2026-W48", profile: ScoringProfile(), dryRun: true, now: now)
        #expect(dry.matches == expected.matches && dry.fills == expected.fills && dry.run.objective == expected.run.objective)
        #expect(!dry.matches.isEmpty)
        let second = try StarMatchStore(postgres: pg.location, settleClock: { now })
        let outcomes = Mutex<[BatchOutcome]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let outcome = try? (i == 0 ? store : second).runBatch(week: "2026-W48", profile: ScoringProfile(), now: now)
            outcomes.withLock { $0 += outcome.map { [$0] } ?? [] }
        }
        let both = outcomes.withLock { $0 }
        #expect(both.count == 2)
        #expect(both.filter(\.reused).count == 1)
        #expect(Set(both.map(\.run.id)).count == 1)
        let runs = try store.batchRuns()
        #expect(runs.count == 1 && runs[0].supersededBy == nil)
        let (run, matches, fills) = try #require(try second.batchRun(runs[0].id))
        #expect(run == runs[0] && matches.map(\.creator) == expected.matches.map(\.creator) && fills == expected.fills)
        #expect(try store.matches(MatchFilter(limit: 100_000), at: now).count == expected.matches.count)
        // The week's report reads the run on either backend alike.
        _ = try sqlite.runBatch(week: "2026-W48", profile: ScoringProfile(), now: now)
        let report = try store.deskReport(week: "2026-W48", profile: ScoringProfile(), now: now)
        let reportOnFile = try sqlite.deskReport(week: "2026-W48", profile: ScoringProfile(), now: now)
        #expect(report.batch?.objective == reportOnFile.batch?.objective && report.shopStars == reportOnFile.shopStars)
        #expect(report.outcomes == reportOnFile.outcomes && report.pilotsNearGraduation == reportOnFile.pilotsNearGraduation)
    }

    @Test("what does not run on PostgreSQL says so and changes nothing; backup and restore name pg_dump and pg_restore")
    func notOnPostgres() throws {
        let pg = try TestPostgres()
        defer { pg.drop() }
        let store = try StarMatchStore(postgres: pg.location)
        let campaign = Campaign(id: "cp-x", shop: "sh-x", name: "x", kind: .sample, categories: [], slots: 1, startsAt: Date(), endsAt: Date(), commissionPercent: 1)
        let reference = #expect(throws: DomainError.self) {
            try store.referenceRanking(campaign: campaign, eligible: [], profile: ScoringProfile(), at: Date(), limit: 1)
        }
        #expect(reference?.message.contains("does not run on PostgreSQL") == true)
        #expect(try store.counts() == StoreCounts { _ in 0 })
        let backup = #expect(throws: DomainError.self) { try store.backup(to: "/tmp/never-written.sqlite") }
        #expect(backup?.message.contains("pg_dump") == true)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.sqlite"))
        let restore = #expect(throws: DomainError.self) { try store.restore(from: "/tmp/never-written.sqlite") }
        #expect(restore?.message.contains("pg_restore") == true)
    }
}
