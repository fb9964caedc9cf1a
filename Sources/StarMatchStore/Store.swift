public import Foundation
import GRDB
public import StarMatchCore

/// Owns the StarMatch database: the only writer, its migrations and every query.
///
/// ```swift
/// let store = try StarMatchStore(path: "starmatch.sqlite")  // DatabasePool, WAL
/// let report = try store.importFile(kind: .creators, at: URL(fileURLWithPath: "creators.csv"))
/// let creator = try store.creator("cr-1")
/// ```
public final class StarMatchStore: Sendable {
    /// The SQLite database: a `DatabasePool` on a file, a `DatabaseQueue` in memory for tests; `nil` on PostgreSQL.
    /// Internal: nothing above the store writes SQL (tests that need raw SQL use `@testable import StarMatchStore`).
    private let sqlite: (any DatabaseWriter)?
    /// The PostgreSQL database (issue 19); `nil` on SQLite.
    let postgres: PostgresDatabase?
    /// Which database this store runs on.
    public var backend: StoreBackend { postgres == nil ? .sqlite : .postgres }

    /// The SQLite database, for store code not yet written against `SQLSession`.
    /// - Throws: `DomainError` (failed) on PostgreSQL, where that code does not run yet: the command or request
    ///   fails before it reads or writes anything.
    var writer: any DatabaseWriter {
        get throws {
            guard let sqlite else { throw Self.notOnPostgres() }
            return sqlite
        }
    }

    static func notOnPostgres(_ what: String? = nil) -> DomainError {
        DomainError(.failed, "\(what ?? "this") does not run on PostgreSQL: it works on a SQLite file (--db); nothing was read or written")
    }
    public let config: PolicyConfig
    /// The last scoring population, reused while the data version stays the same.
    let populationCache = PopulationCache()
    /// Keys recently authenticated, so a request costs no extra read (see `authenticate(secret:)`).
    let keyCache = KeyCache()
    /// Desk sessions recently looked up (`deskSession(token:at:)`), for a second.
    let sessionCache = RecentCache<DeskSession>()
    /// Entities read by id, for servers (off until `refreshEntityCache()`).
    let entityCache = EntityCache()
    /// The bounds held in memory for servers (off until `followScoringState()`).
    let scoringFollower = ScoringFollower()
    /// The scoring profiles in use: the scoring state keeps sales sums for their half-lives and sales keys for
    /// their (half-life, rates) (see `ScoringRecord`, `ScoringBound`).
    let scoringProfiles: [ScoringProfile]
    /// The clock that moves the scoring state's settled boundary (performance only: any boundary is exact).
    let settleClock: @Sendable () -> Date
    /// Whether imports may switch the file to a rollback journal for their transaction (`withBulkJournal`): a file
    /// opened with `bulkWriter`, through this store's one connection.
    let bulkJournal: Bool

    /// Opens (creating if needed) the database file at `path` and migrates it.
    /// - Parameters:
    ///   - scoringProfiles: the scoring profiles in use (the state keeps their sales figures at write time).
    ///   - readOnly: for a process that only reads (a CLI question): the file is opened read-only, so it stays byte
    ///     for byte as it was (a writable open sets up its WAL, which changes the file's header); any write is
    ///     refused. A database made by an older StarMatch is still migrated first (that one upgrade writes).
    ///   - bulkWriter: for a process whose one job is a large import (`starmatch import` of a large file): one
    ///     connection instead of a pool, and imports written through a rollback journal instead of the WAL when no
    ///     other connection has the file open (`withBulkJournal`).
    public init(path: String, config: PolicyConfig = PolicyConfig(), scoringProfiles: [ScoringProfile] = [ScoringProfile()],
                settleClock: @escaping @Sendable () -> Date = { Date() }, readOnly: Bool = false, bulkWriter: Bool = false) throws {
        let configuration = Self.configuration(cacheKiB: Self.poolCacheKiB)
        var reader: DatabaseQueue?
        if FileManager.default.fileExists(atPath: path) {
            // The read-only queue is a one-shot process's only connection (or a short look before the pool opens).
            var readonly = Self.configuration(cacheKiB: Self.oneShotReadCacheKiB)
            readonly.readonly = true
            // Never take over another program's database: a file with tables must be StarMatch's (an older one is
            // upgraded below); a read-only open also refuses a file without any (an empty file is not a database yet).
            func look() throws -> (DatabaseQueue, tables: [String], applied: [String]) {
                let queue = try DatabaseQueue(path: path, configuration: readonly)
                let (tables, applied) = try queue.read { db -> ([String], [String]) in
                    let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
                    return (tables, tables.contains("grdb_migrations") ? try Self.migrator.appliedIdentifiers(db).sorted() : [])
                }
                return (queue, tables, applied)
            }
            let (queue, tables, applied): (DatabaseQueue, [String], [String])
            do {
                (queue, tables, applied) = try look()
            } catch let error as DatabaseError where error.extendedResultCode.rawValue == Self.readonlyRollback {
                try Self.rollBackKilledBulkWrite(path)
                (queue, tables, applied) = try look()
            }
            if !tables.isEmpty && !applied.contains("v1-core-tables") {
                throw DomainError(.failed, "\(path) is not a StarMatch database (it holds other tables: \(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "")); nothing was written")
            }
            if readOnly && tables.isEmpty {
                throw DomainError(.failed, "\(path) is empty, not a StarMatch database yet (make one with `starmatch init`, `seed` or `import`); nothing was written")
            }
            // Every migration this build knows is applied: a read-only open needs no upgrade.
            if readOnly, Set(applied).isSuperset(of: Self.migrator.migrations) { reader = queue }
        }
        if let reader {
            sqlite = reader
        } else if bulkWriter && !readOnly {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
            sqlite = queue
        } else {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
            sqlite = pool
        }
        bulkJournal = bulkWriter && reader == nil && !readOnly
        postgres = nil
        self.config = config
        self.scoringProfiles = Self.valued(scoringProfiles, by: config)
        self.settleClock = settleClock
    }

    /// The page cache of each connection of a pool (servers and writing commands: 128 MiB, pages kept between
    /// requests and a large write's dirty pages held; an import raises its writer's to 512 MiB).
    static let poolCacheKiB = 131_072
    /// The page cache of a read-only one-shot process (a CLI question, a dry run): SQLite's default 2,000 KiB. Such a
    /// process reads most pages once, and a large cache only costs it fresh memory to fault in (at 1M creators a
    /// cold `shortlist` or `matches` spent a fifth to a third of its time there; Benchmarks/README.md, session of
    /// 2026-12-02, seventh).
    static let oneShotReadCacheKiB = 2_000

    /// How long a connection waits for another one's lock before it fails with "database is locked".
    static let busyTimeoutMilliseconds = 10_000

    /// GRDB's configuration for this store's connections, with a page cache of `cacheKiB` KiB.
    static func configuration(cacheKiB: Int) -> Configuration {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -\(cacheKiB); PRAGMA temp_store = MEMORY")
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA synchronous = NORMAL") }
        }
        configuration.busyMode = .timeout(Double(busyTimeoutMilliseconds) / 1_000)
        return configuration
    }

    /// The profiles with the policy's currency rates (C-CURRENCY: one set of rates for every profile).
    static func valued(_ profiles: [ScoringProfile], by config: PolicyConfig) -> [ScoringProfile] {
        profiles.map { var profile = $0; profile.currencyRates = config.currencies; return profile }
    }

    /// An empty in-memory database (tests).
    public init(inMemory config: PolicyConfig = PolicyConfig(), scoringProfiles: [ScoringProfile] = [ScoringProfile()],
                settleClock: @escaping @Sendable () -> Date = { Date() }) throws {
        let queue = try DatabaseQueue()
        sqlite = queue
        bulkJournal = false
        postgres = nil
        self.config = config
        self.scoringProfiles = Self.valued(scoringProfiles, by: config)
        self.settleClock = settleClock
        try Self.migrator.migrate(queue)
    }

    /// Connects to a PostgreSQL database and applies the migrations it lacks (issue 19). The database must be
    /// empty or StarMatch's own.
    /// - Throws: `DomainError` (failed) when the server cannot be reached or refuses the user, or the database
    ///   holds other tables.
    public init(postgres location: PostgresLocation, config: PolicyConfig = PolicyConfig(),
                scoringProfiles: [ScoringProfile] = [ScoringProfile()], settleClock: @escaping @Sendable () -> Date = { Date() }) throws {
        let database = try PostgresDatabase(location)
        try PostgresSchema.migrate(database)
        sqlite = nil
        postgres = database
        bulkJournal = false
        self.config = config
        self.scoringProfiles = Self.valued(scoringProfiles, by: config)
        self.settleClock = settleClock
    }

    /// A read on either backend: one snapshot (`isolated`), or one statement's own (`isolated: false`, for point
    /// reads on hot paths: no transaction to begin and end).
    func sqlRead<T>(isolated: Bool = true, _ body: (any SQLSession) throws -> T) throws -> T {
        if let postgres {
            return isolated ? try postgres.read(body) : try postgres.withConnection { try body(PostgresSession($0, logger: postgres.logger)) }
        }
        let writer = try writer
        return isolated ? try writer.read { try body(SQLiteSession($0)) } : try writer.unsafeRead { try body(SQLiteSession($0)) }
    }

    /// One write transaction on either backend (serialised with every other write to the database).
    func sqlWrite<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        if let postgres { return try postgres.write(body) }
        return try writer.write { try body(SQLiteSession($0)) }
    }

    /// Runs `body` — one large write transaction, such as an import — through a rollback journal instead of the
    /// WAL when the store was opened as its file's `bulkWriter` and no other connection has the file open; else
    /// just runs it.
    ///
    /// In WAL mode SQLite writes every page a transaction changes twice: into the WAL, then, at the checkpoint, into
    /// the database. With a rollback journal it writes each page once into the database and copies into the journal
    /// only the pages that existed before the transaction (the new pages of a table that grows need no copy), so a
    /// history import that adds gigabytes writes about half as much (at 1M creators the sales file's import took
    /// 0.75× the time, the whole dataset's 0.78×; Benchmarks/README.md, "Session of 2026-12-03 (third)"). The journal keeps the transaction
    /// atomic: a failed import, or a crash, leaves the file as it was, as in WAL mode. Other processes that open the
    /// file meanwhile wait for the write (up to the busy timeout) instead of reading the last commit. The file goes
    /// back to WAL mode after the write, whatever its outcome; should that fail (another process took the file in
    /// between), it stays in rollback mode until the next pool opens it, which turns WAL back on.
    func withBulkJournal<T>(_ body: () throws -> T) throws -> T {
        guard bulkJournal, let queue = sqlite as? DatabaseQueue else { return try body() }
        // Leaving WAL mode needs the file to itself: asked without waiting, so that a server holding the file open
        // costs no busy timeout (the import then runs in WAL mode, as always).
        let switched = try queue.writeWithoutTransaction { db -> Bool in
            try db.execute(sql: "PRAGMA busy_timeout = 0")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)") }
            do {
                return try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete"
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                return false
            }
        }
        guard switched else { return try body() }
        defer { _ = try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") } }
        return try body()
    }

    /// SQLite's extended result code SQLITE_READONLY_ROLLBACK: a read-only connection met a hot rollback journal.
    static let readonlyRollback: Int32 = 776

    /// Restores the last commit of a file whose bulk write (`withBulkJournal`) was killed midway, and turns its WAL
    /// back on. The rollback journal it left is "hot": SQLite undoes it at the next open, but only through a
    /// connection that may write, so a read-only open (a CLI question) would fail until then. This open writes
    /// nothing of its own: it puts back the pages the journal saved, as any writer's open would (and as readers in WAL
    /// mode skip an unfinished transaction's frames).
    static func rollBackKilledBulkWrite(_ path: String) throws {
        let queue = try DatabaseQueue(path: path, configuration: configuration(cacheKiB: oneShotReadCacheKiB))
        try queue.writeWithoutTransaction { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")  // the first read rolls the journal back
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try queue.close()
    }

    /// Named, frozen migrations: never edit one that has shipped; add a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core-tables") { db in
            try db.execute(sql: """
                CREATE TABLE categories (
                    path TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE shops (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    region TEXT NOT NULL,
                    score REAL NOT NULL,
                    categories TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE creators (
                    id TEXT PRIMARY KEY NOT NULL,
                    handle TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    followers INTEGER NOT NULL,
                    region TEXT NOT NULL,
                    birth_date TEXT NOT NULL,
                    registered_at INTEGER NOT NULL,
                    age_confirmed_at INTEGER,
                    identity_verified INTEGER NOT NULL,
                    identity_document TEXT,
                    gpppa INTEGER NOT NULL,
                    ecommerce_revoked INTEGER NOT NULL,
                    linked_serious_violator INTEGER NOT NULL,
                    policies_accepted INTEGER NOT NULL,
                    bound_shop TEXT REFERENCES shops(id),
                    niches TEXT NOT NULL,
                    pilot_started_at INTEGER,
                    quiz_passed_at INTEGER
                ) WITHOUT ROWID;
                CREATE INDEX creators_identity_document ON creators(identity_document) WHERE identity_document IS NOT NULL;
                CREATE TABLE campaigns (
                    id TEXT PRIMARY KEY NOT NULL,
                    shop_id TEXT NOT NULL REFERENCES shops(id),
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    categories TEXT NOT NULL,
                    slots INTEGER NOT NULL,
                    starts_at INTEGER NOT NULL,
                    ends_at INTEGER NOT NULL,
                    commission_pct REAL NOT NULL,
                    min_followers INTEGER,
                    regions TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX campaigns_shop ON campaigns(shop_id);
                CREATE TABLE sales (
                    id TEXT PRIMARY KEY NOT NULL,
                    creator_id TEXT NOT NULL REFERENCES creators(id),
                    shop_id TEXT NOT NULL REFERENCES shops(id),
                    campaign_id TEXT REFERENCES campaigns(id),
                    category TEXT NOT NULL,
                    ordered_at INTEGER NOT NULL,
                    orders INTEGER NOT NULL,
                    returned_orders INTEGER NOT NULL,
                    gmv_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX sales_creator ON sales(creator_id, ordered_at);
                CREATE TABLE content_events (
                    id TEXT PRIMARY KEY NOT NULL,
                    creator_id TEXT NOT NULL REFERENCES creators(id),
                    content_id TEXT NOT NULL,
                    medium TEXT NOT NULL,
                    action TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    duration_seconds INTEGER,
                    private INTEGER NOT NULL,
                    shoppable INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX content_events_creator ON content_events(creator_id, at);
                CREATE TABLE violations (
                    id TEXT PRIMARY KEY NOT NULL,
                    creator_id TEXT NOT NULL REFERENCES creators(id),
                    kind TEXT NOT NULL,
                    points INTEGER NOT NULL,
                    at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX violations_creator ON violations(creator_id, at);
                """)
        }
        migrator.registerMigration("v2-data-version") { db in
            // Bumped by every write that changes what scoring reads, so derived data knows when it is stale.
            try db.execute(sql: """
                CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO meta (key, value) VALUES ('data_version', 0);
                """)
        }
        migrator.registerMigration("v3-batch-runs") { db in
            try db.execute(sql: """
                CREATE TABLE batch_runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    week TEXT NOT NULL,
                    week_start INTEGER NOT NULL,
                    inputs_hash TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    data_version INTEGER NOT NULL,
                    objective REAL NOT NULL,
                    assignments INTEGER NOT NULL,
                    creators_used INTEGER NOT NULL,
                    campaigns INTEGER NOT NULL,
                    candidates INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    superseded_by INTEGER REFERENCES batch_runs(id)
                );
                CREATE INDEX batch_runs_week ON batch_runs(week, id);
                CREATE TABLE batch_matches (
                    run_id INTEGER NOT NULL REFERENCES batch_runs(id),
                    creator_id TEXT NOT NULL,
                    campaign_id TEXT NOT NULL,
                    score REAL NOT NULL,
                    state TEXT NOT NULL,
                    PRIMARY KEY (run_id, creator_id, campaign_id)
                ) WITHOUT ROWID;
                CREATE TABLE batch_campaigns (
                    run_id INTEGER NOT NULL REFERENCES batch_runs(id),
                    campaign_id TEXT NOT NULL,
                    slots INTEGER NOT NULL,
                    filled INTEGER NOT NULL,
                    candidates INTEGER NOT NULL,
                    bound TEXT NOT NULL,
                    PRIMARY KEY (run_id, campaign_id)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4-api-keys") { db in
            // Only the SHA-256 of each secret is stored; a brand key is bound to exactly one shop.
            try db.execute(sql: """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY NOT NULL,
                    hash TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('manager', 'brand')),
                    shop_id TEXT REFERENCES shops(id),
                    label TEXT,
                    created_at INTEGER NOT NULL,
                    revoked_at INTEGER,
                    CHECK ((role = 'brand') = (shop_id IS NOT NULL))
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v5-matches") { db in
            // A match and its append-only history; `week_start` is the quota week (P-WEEK) it counts against.
            try db.execute(sql: """
                CREATE TABLE matches (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    creator_id TEXT NOT NULL REFERENCES creators(id),
                    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
                    state TEXT NOT NULL,
                    source TEXT NOT NULL CHECK (source IN ('batch', 'manual')),
                    run_id INTEGER REFERENCES batch_runs(id),
                    score REAL,
                    week_start INTEGER NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL
                );
                CREATE INDEX matches_creator ON matches(creator_id, week_start);
                CREATE INDEX matches_campaign ON matches(campaign_id, state);
                CREATE INDEX matches_open ON matches(state, expires_at);
                CREATE TABLE match_events (
                    match_id INTEGER NOT NULL REFERENCES matches(id),
                    seq INTEGER NOT NULL,
                    from_state TEXT,
                    to_state TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    actor TEXT NOT NULL,
                    note TEXT,
                    PRIMARY KEY (match_id, seq)
                ) WITHOUT ROWID;
                CREATE TRIGGER match_events_append_only_update BEFORE UPDATE ON match_events
                    BEGIN SELECT RAISE(ABORT, 'match history is append-only'); END;
                CREATE TRIGGER match_events_append_only_delete BEFORE DELETE ON match_events
                    BEGIN SELECT RAISE(ABORT, 'match history is append-only'); END;
                """)
        }
        migrator.registerMigration("v6-scoring-state") { db in
            // Each creator's scoring record (ScoringRecord, binary) and bound (ScoringBound), maintained by every write; the frame they
            // were built in; sales by order instant, for the sales between the settled boundary and an instant.
            try db.execute(sql: """
                CREATE TABLE scoring_records (creator_id TEXT PRIMARY KEY NOT NULL, record BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE scoring_bounds (
                    creator_id TEXT PRIMARY KEY NOT NULL, followers INTEGER NOT NULL, chr_ceiling INTEGER NOT NULL,
                    samples INTEGER NOT NULL, tops BLOB NOT NULL, sales_keys BLOB NOT NULL) WITHOUT ROWID;
                CREATE TABLE scoring_frame (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID;
                CREATE INDEX sales_ordered_at ON sales(ordered_at);
                """)
        }
        migrator.registerMigration("v7-scoring-keys") { db in
            // The bounds' finite sales keys in order (per key profile: its index in the frame's key_profiles), and how many
            // there are, so the population's sales reference is found by walking from the nearer end (ScoringKeys.swift).
            try db.execute(sql: """
                CREATE TABLE scoring_keys (
                    profile INTEGER NOT NULL, key REAL NOT NULL, creator_id TEXT NOT NULL,
                    PRIMARY KEY (profile, key, creator_id)) WITHOUT ROWID;
                CREATE TABLE scoring_key_counts (profile INTEGER PRIMARY KEY NOT NULL, positive INTEGER NOT NULL);
                """)
            // Filled from the bounds already kept (decoded here: this migration must not depend on later code).
            var entries: [(profile: Int, key: Double, id: String)] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT creator_id, sales_keys FROM scoring_bounds")
            while let row = try rows.next() {
                guard let blob = row[1] as Data? else { continue }
                blob.withUnsafeBytes { raw in
                    for p in 0..<(raw.count / 8) {
                        let key = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * p, as: UInt64.self)))
                        if key.isFinite { entries.append((p, key, row[0])) }
                    }
                }
            }
            entries.sort { ($0.profile, $0.key) < ($1.profile, $1.key) || (($0.profile, $0.key) == ($1.profile, $1.key) && $0.id < $1.id) }
            let insert = try db.makeStatement(sql: "INSERT INTO scoring_keys (profile, key, creator_id) VALUES (?, ?, ?)")
            var counts: [Int: Int] = [:]
            for e in entries {
                try insert.execute(arguments: [e.profile, e.key, e.id])
                counts[e.profile, default: 0] += 1
            }
            for (profile, count) in counts {
                try db.execute(sql: "INSERT INTO scoring_key_counts (profile, positive) VALUES (?, ?)", arguments: [profile, count])
            }
        }
        migrator.registerMigration("v8-scoring-seq") { db in
            // The data version of the write that last wrote each bound, so a follower (a server's in-memory copy
            // of the bounds) reads only the bounds written since it last looked. Bounds written before this
            // migration keep 0: a follower loads every bound once.
            try db.execute(sql: """
                ALTER TABLE scoring_bounds ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX scoring_bounds_seq ON scoring_bounds(seq);
                """)
        }
        migrator.registerMigration("v9-recent-sales") { db in
            // Only the sales near the settled boundary are read by order instant: the full order-instant index
            // becomes a partial one over the sales ordered after a horizon (`recentSalesHorizon`), 35 days before
            // the settled boundary (every sale when no state is built yet: a large import moves it up).
            let settled = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM scoring_frame WHERE key = 'settled_through'")
            try db.execute(sql: "DROP INDEX IF EXISTS sales_ordered_at")
            let horizon = settled.map { $0 - 35 * 86_400 } ?? 0
            try db.execute(sql: """
                CREATE INDEX sales_recent ON sales(ordered_at) WHERE ordered_at > \(horizon);
                INSERT OR REPLACE INTO scoring_frame (key, value) VALUES ('recent_sales_after', '\(horizon)');
                """)
        }
        migrator.registerMigration("v10-batch-certificate") { db in
            // The proof that a run is optimal over every eligible pair (WeeklyBatch.Certificate as JSON); NULL for
            // runs stored before it.
            try db.execute(sql: "ALTER TABLE batch_runs ADD COLUMN certificate TEXT")
        }
        migrator.registerMigration("v11-handle-key") { db in
            // E-HANDLE: each creator's handle as compared (`Creator.handleKey`), indexed for the uniqueness check and
            // `creators show @handle`. Not a unique index: a database may hold duplicates written before the rule;
            // every write since refuses a new one.
            try db.execute(sql: "ALTER TABLE creators ADD COLUMN handle_key TEXT")
            let rows = try Row.fetchAll(db, sql: "SELECT id, handle FROM creators")
            let update = try db.makeStatement(sql: "UPDATE creators SET handle_key = ? WHERE id = ?")
            for row in rows { try update.execute(arguments: [Creator.handleKey(row[1]), row[0] as String]) }
            try db.execute(sql: "CREATE INDEX creators_handle_key ON creators(handle_key)")
        }
        migrator.registerMigration("v12-health-both-ways") { db in
            // H-POINTS both ways: appeals overturn violations, policy quizzes regain points, validated kept orders earn
            // them. The scoring records gain quizzes and earning weeks (a new record format), so the scoring state is
            // dropped here and rebuilt whole by the next write (reads meanwhile compute from history).
            try db.execute(sql: """
                ALTER TABLE violations ADD COLUMN appealed_at INTEGER;
                CREATE TABLE quizzes (
                    id TEXT PRIMARY KEY NOT NULL,
                    creator_id TEXT NOT NULL REFERENCES creators(id),
                    at INTEGER NOT NULL,
                    score INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX quizzes_creator ON quizzes(creator_id, at);
                DELETE FROM scoring_records;
                DELETE FROM scoring_bounds;
                DELETE FROM scoring_keys;
                DELETE FROM scoring_key_counts;
                DELETE FROM scoring_frame WHERE key != 'recent_sales_after';
                UPDATE meta SET value = value + 1 WHERE key = 'data_version';
                """)
        }
        migrator.registerMigration("v13-products") { db in
            // Products (C-RATE per product); campaigns feature some of their shop's, sales lines may name theirs.
            try db.execute(sql: """
                CREATE TABLE products (
                    id TEXT PRIMARY KEY NOT NULL,
                    shop_id TEXT NOT NULL REFERENCES shops(id),
                    name TEXT NOT NULL,
                    category TEXT NOT NULL REFERENCES categories(path),
                    price_minor INTEGER NOT NULL,
                    currency TEXT NOT NULL,
                    commission_pct REAL NOT NULL,
                    free_sample INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX products_shop ON products(shop_id, id);
                CREATE INDEX products_category ON products(category, id);
                ALTER TABLE campaigns ADD COLUMN products TEXT NOT NULL DEFAULT '';
                ALTER TABLE sales ADD COLUMN product_id TEXT REFERENCES products(id);
                """)
        }
        migrator.registerMigration("v14-product-sales") { db in
            // T-TIPS and match outcomes: a product's sales in a window are one index range (covering: no table reads).
            try db.execute(sql: """
                CREATE INDEX sales_product ON sales(product_id, ordered_at, orders, returned_orders, gmv_minor, creator_id)
                WHERE product_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v15-desk-sessions") { db in
            // The web desk's sign-ins: only the SHA-256 of each session token is stored, with the session's CSRF token;
            // a session dies with its key (revoked) and at its fixed end.
            try db.execute(sql: """
                CREATE TABLE desk_sessions (
                    token_hash TEXT PRIMARY KEY NOT NULL,
                    key_id TEXT NOT NULL REFERENCES api_keys(id),
                    csrf_token TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    expires_at INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX desk_sessions_key ON desk_sessions(key_id);
                """)
        }
        migrator.registerMigration("v16-covering-recent-sales") { db in
            // The recent-sales index covers the columns its reads take (`recentSalesIndex`), over the same horizon.
            let horizon = try recentSalesHorizon(db)
            try db.execute(sql: "DROP INDEX IF EXISTS sales_recent")
            try db.execute(sql: recentSalesIndex(horizon: horizon == .max ? 0 : horizon))
        }
        // An index only: checked immediately, so the migrator does not check every foreign key of the database after it
        // (10 M sales at a million creators: 6 s).
        migrator.registerMigration("v17-keyless-bounds", foreignKeyChecks: .immediate) { db in
            // The bounds holding a −∞ sales key (no settled sales), few and read whole by a cold read's sales reference
            // (`keylessCreators`): the creators with pending sales that are not among them have a finite key.
            try db.execute(sql: """
                CREATE INDEX scoring_bounds_keyless ON scoring_bounds(creator_id, sales_keys)
                WHERE instr(sales_keys, X'000000000000F0FF') > 0
                """)
        }
        return migrator
    }

    /// The version of the data: it changes with every import, so precomputed scoring data can tell it is stale.
    public func dataVersion() throws -> Int64 {
        try sqlRead { db in try Self.currentDataVersion(db) }
    }

    /// Moves the data version on by one and returns it: the write's version, which stamps the bounds it stores.
    @discardableResult
    static func bumpDataVersion(_ db: any SQLSession) throws -> Int64 {
        try db.value("UPDATE meta SET value = value + 1 WHERE key = 'data_version' RETURNING value", as: Int64.self) ?? 0
    }
    @discardableResult
    static func bumpDataVersion(_ db: Database) throws -> Int64 { try bumpDataVersion(SQLiteSession(db)) }
}

/// An error of the store that the user can act on (nothing about SQL): a `DomainError`, `failed` unless the
/// thrower says which kind (`DomainError.notFound(…)`).
public typealias StoreError = DomainError

extension RecordConflict: DomainErrorConvertible {
    /// A create of an existing id, or a change of a missing one.
    public var domainError: DomainError {
        guard exists else { return .notFound("'\(id)' does not exist") }
        switch kind {
        case .creators, .shops, .campaigns:
            return .alreadyExists("'\(id)' already exists (item \(index)); use PATCH to change it")
        case .violations:
            return .alreadyExists("'\(id)' already exists (item \(index)); an appeal is POST /v1/violations/\(id)/appeal, other changes an import (rows are upserted by id)")
        default:
            return .alreadyExists("'\(id)' already exists (item \(index)); to replace it, import a file with the row (rows are upserted by id)")
        }
    }
}

extension StarMatchStore {
    /// Whether the database answers a trivial read (`/readyz`).
    public func isReachable() async -> Bool {
        do {
            if let postgres {
                try postgres.ping()
            } else {
                _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
            }
            return true
        } catch {
            return false
        }
    }
}

extension StarMatchStore {
    /// A database error in words a user can act on, never SQLite's raw text: a database busy with another write past
    /// the wait (`busy`: try again), a damaged or foreign file, a read-only file or folder, a full disk; `nil` for an
    /// error that is not the database's. The edges (CLI, API) call it for errors no other mapping knows.
    public static func domainError(for error: any Error) -> DomainError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return DomainError(.busy, "the database is busy with another write (an import or a batch run, maybe in another process); nothing was done — try again when it is finished")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return DomainError(.damagedDatabase, "the database file is damaged (or is not a database): `starmatch check` names what is damaged; `starmatch restore` a backup")
        case .SQLITE_READONLY:
            return DomainError(.failed, "the database file (or its folder) is read-only: StarMatch needs to write it and its -wal and -shm files beside it")
        case .SQLITE_FULL:
            return DomainError(.failed, "the disk is full: nothing was written")
        case .SQLITE_CANTOPEN:
            return DomainError(.failed, "the database file cannot be opened (check the path and its folder's permissions)")
        default:
            return DomainError(.failed, "the database refused the operation (SQLite code \(error.resultCode.rawValue)); nothing was written")
        }
    }
}
