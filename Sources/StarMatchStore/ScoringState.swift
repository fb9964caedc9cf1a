public import Foundation
import GRDB
import GRDBSQLite
public import StarMatchCore

/// What a write changed, for the scoring state: the creators whose records must be recomputed, or all.
struct ScoringChange: Sendable {
    var creators: Set<String> = []
    var all = false

    /// Past this many creators a write rebuilds every record in one pass over history instead.
    static let rebuildThreshold = 50_000

    static let everything = ScoringChange(all: true)

    mutating func touch(_ id: String) {
        guard !all else { return }
        creators.insert(id)
        if creators.count > Self.rebuildThreshold { all = true; creators = [] }
    }

    mutating func formUnion(_ other: ScoringChange) {
        if other.all { all = true; creators = [] } else { for id in other.creators { touch(id) } }
    }

    var isEmpty: Bool { !all && creators.isEmpty }

    /// Notes a record about to be written: the creator it belongs to. A category changes the taxonomy every
    /// record's ids index: everything. Shops and campaigns are read at scoring time, not kept in records.
    mutating func note(_ record: ImportRecord) {
        switch record {
        case .category: all = true; creators = []
        case .shop, .campaign, .product: break
        case .creator(let v): touch(v.id.rawValue)
        case .sale(let v): touch(v.creator.rawValue)
        case .violation(let v): touch(v.creator.rawValue)
        case .contentEvent(let v): touch(v.creator.rawValue)
        case .quiz(let v): touch(v.creator.rawValue)
        }
    }

    /// The table of a kind whose rows belong to a creator (and may move to another one when replaced).
    static func creatorTable(_ kind: ImportKind) -> String? {
        switch kind {
        case .sales, .violations, .contentEvents, .quizzes: return UpsertSQL.table(kind).name
        default: return nil
        }
    }

    /// Notes the creator of the stored row `id` of `table`, read before it is replaced: a changed sale may move
    /// to another creator, whose record loses it.
    mutating func noteReplaced(table: String, id: String, _ db: any SQLSession) throws {
        guard !all, let old = try db.value("SELECT creator_id FROM \(table) WHERE id = ?", [.text(id)], as: String.self) else { return }
        touch(old)
    }
}

/// Rows a bulk import adds (new ids only) to creators whose records exist, gathered while the file is read
/// and applied to the records in one pass: a write of k rows costs work proportional to k, not a rebuild.
/// Sales are summed straight into `SalesSums` in the frame the records are in (those not settled yet are
/// left to the instants that need them, as for any write).
final class ScoringAdditions: @unchecked Sendable {
    struct Addition {
        var violations: [Violation] = []
        var quizzes: [PolicyQuiz] = []
        var contentEvents: [ContentEvent] = []
        var sums: [SalesSums]
        var earnings: [EarningWeek] = []
        var pilotSales: [Sale] = []
    }

    let frame: ScoringFrame
    /// Affiliates that entered the pilot (P-GRADUATE keeps their own sales); `nil`: keep every creator's sales
    /// (a small write; the records keep those of pilots only).
    let pilots: Set<String>?
    /// The additions by creator (the one being added to included).
    var byCreator: [String: Addition] {
        putBackCurrent()
        return stored
    }
    private var stored: [String: Addition] = [:]
    /// The creator the last row was for, and its addition, out of `stored`: a file's rows come grouped by creator,
    /// so most rows change it without a lookup.
    private var currentID: String?
    private var current: Addition?
    /// New creators, in file order: their records are the creator alone (no history can exist yet) and their
    /// E-IDDOC rank, built from these values (as stored: the same typed entity the row was written from).
    private(set) var newCreators: [Creator] = []
    /// The identity documents of the new creators (E-IDDOC ranks them with the accounts already on them).
    private(set) var newDocuments: Set<String> = []
    /// A creator whose added sales overflow a sum: its record is rebuilt from history instead.
    private(set) var overflowed: Set<String> = []

    init(frame: ScoringFrame, pilots: Set<String>?) {
        self.frame = frame
        self.pilots = pilots
    }

    /// Changes a creator's addition in place (no copy of its lists per row).
    private func modify(_ creator: String, _ body: (inout Addition) -> Void) {
        if currentID != creator {
            putBackCurrent()
            current = stored.removeValue(forKey: creator) ?? Addition(sums: Array(repeating: SalesSums(), count: frame.decays.count))
            currentID = creator
        }
        body(&current!)
    }

    private func putBackCurrent() {
        guard let id = currentID, let addition = current else { return }
        currentID = nil
        current = nil
        stored[id] = addition
    }

    /// Adds one new row; `false` for a kind records do not keep (shops, campaigns, categories).
    @discardableResult
    func add(_ record: ImportRecord) -> Bool {
        switch record {
        case .creator(let c):
            newCreators.append(c)
            if let document = c.identityDocument { newDocuments.insert(document) }
        case .violation(let v):
            modify(v.creator.rawValue) { $0.violations.append(v) }
        case .contentEvent(let v):
            modify(v.creator.rawValue) { $0.contentEvents.append(v) }
        case .quiz(let v):
            modify(v.creator.rawValue) { $0.quizzes.append(v) }
        case .sale(let sale):
            let id = sale.creator.rawValue
            let seconds = Int64(sale.orderedAt.timeIntervalSince1970.rounded(.down))
            let settled = seconds <= frame.settledThrough
            let category = settled ? frame.table.id(sale.category) : nil
            let keep = pilots?.contains(id) ?? true
            var overflow = false
            modify(id) { e in
                if settled, !frame.policy.earn(keptOrders: sale.keptOrders, orderedAt: seconds, into: &e.earnings) {
                    overflow = true
                }
                if let category {
                    for (i, decay) in frame.decays.enumerated()
                    where !e.sums[i].add(category: category, orderedAt: seconds, orders: sale.orders, returned: sale.returnedOrders,
                                         gmvMinor: sale.gmvMinor, currency: sale.currency, decay: decay) {
                        overflow = true
                    }
                }
                if keep { e.pilotSales.append(sale) }
            }
            if overflow { overflowed.insert(id) }
        default:
            return false
        }
        return true
    }
}

/// The last value derived from each kind of stored input (the category table from the taxonomy's paths, the key
/// profiles from their JSON), reused while the input is unchanged: a pure function of the input, so any process
/// may keep it. One entry per derived type.
final class DerivedCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [ObjectIdentifier: (input: AnyHashable, value: Any)] = [:]

    func value<Input: Hashable, Value>(_ input: Input, _ derive: (Input) throws -> Value) rethrows -> Value {
        let key = ObjectIdentifier(Value.self)
        lock.lock()
        if let entry = entries[key], entry.input == AnyHashable(input), let value = entry.value as? Value {
            lock.unlock()
            return value
        }
        lock.unlock()
        let value = try derive(input)
        lock.lock()
        entries[key] = (AnyHashable(input), value)
        lock.unlock()
        return value
    }
}

let derivedCache = DerivedCache()

/// The frame the stored records were built in (`scoring_frame`).
struct StoredFrame: Sendable, Equatable {
    var settledThrough: Int64
    var halfLives: [Double]
    /// The (half-life, rates) each bound keeps a sales key for.
    var keyProfiles: [SalesKeyProfile]
    /// Fingerprint of the taxonomy the category ids index.
    var taxonomy: String
}

/// The stored frame and the fingerprint it must match, as one transaction read them: a write that reads them before
/// its rows passes them on to `dataChanged` when its rows cannot change them (two statements fewer per write).
struct FrameRead {
    var stored: StoredFrame?
    var table: CategoryTable
    /// `StarMatchStore.frameFingerprint`: the taxonomy's, the return window's and the quota zone's.
    var fingerprint: String

    static func read(_ db: any SQLSession, config: PolicyConfig) throws -> FrameRead {
        let (table, fingerprint) = try StarMatchStore.frameFingerprint(db, config: config)
        return FrameRead(stored: try StarMatchStore.storedFrame(db), table: table, fingerprint: fingerprint)
    }
}

extension StarMatchStore {
    // MARK: Frame

    static func storedFrame(_ db: any SQLSession) throws -> StoredFrame? {
        var values: [String: String] = [:]
        for row in try db.rows("SELECT key, value FROM scoring_frame", []) {
            if let key = row.get(0, as: String.self), let value = row.get(1, as: String.self) { values[key] = value }
        }
        guard let settled = values["settled_through"].flatMap({ Int64($0) }), let halfLives = values["half_lives"],
              let taxonomy = values["taxonomy"], let keys = values["key_profiles"],
              let keyProfiles = try? derivedCache.value(keys, { try JSONDecoder().decode([SalesKeyProfile].self, from: Data($0.utf8)) }) else { return nil }
        return StoredFrame(settledThrough: settled, halfLives: halfLives.split(separator: ";").compactMap { Double($0) },
                           keyProfiles: keyProfiles, taxonomy: taxonomy)
    }
    static func storedFrame(_ db: Database) throws -> StoredFrame? { try storedFrame(SQLiteSession(db)) }

    static func saveFrame(_ db: any SQLSession, _ frame: StoredFrame) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let keys = String(decoding: try encoder.encode(frame.keyProfiles), as: UTF8.self)
        try setFrameValues(db, [("settled_through", String(frame.settledThrough)), ("key_profiles", keys),
                                ("half_lives", frame.halfLives.map { String($0) }.joined(separator: ";")), ("taxonomy", frame.taxonomy)])
    }
    static func saveFrame(_ db: Database, _ frame: StoredFrame) throws { try saveFrame(SQLiteSession(db), frame) }

    /// Sets one value of `scoring_frame`.
    static func setFrameValue(_ db: any SQLSession, _ key: String, _ value: String) throws {
        try setFrameValues(db, [(key, value)])
    }

    /// Sets values of `scoring_frame` in one upsert both backends run (one round trip on PostgreSQL).
    static func setFrameValues(_ db: any SQLSession, _ values: [(key: String, value: String)]) throws {
        try db.execute("INSERT INTO scoring_frame (key, value) VALUES " + Array(repeating: "(?, ?)", count: values.count).joined(separator: ", ")
                       + " ON CONFLICT (key) DO UPDATE SET value = excluded.value", values.flatMap { [SQLValue.text($0.key), .text($0.value)] })
    }

    /// The taxonomy's category table and its fingerprint (FNV-1a over the sorted paths; stable across processes).
    /// Every write and read asks for it, so the table of the last taxonomy seen is kept (`derivedCache`).
    static func categoryTable(_ db: any SQLSession) throws -> (CategoryTable, String) {
        // The paths as one text (one value to compare with the cached one; paths never hold a newline).
        let sql = db.backend == .sqlite
            ? "SELECT group_concat(path, char(10)) FROM (SELECT path FROM categories ORDER BY path)"
            : "SELECT string_agg(path, chr(10) ORDER BY path) FROM categories"
        let paths = try db.value(sql, as: String.self) ?? ""
        return derivedCache.value(paths, Self.categoryTable(paths:))
    }
    static func categoryTable(_ db: Database) throws -> (CategoryTable, String) { try categoryTable(SQLiteSession(db)) }

    /// The category table and the fingerprint of what the records' ids and earning weeks are relative to: the
    /// taxonomy's (`categoryTable`), the return window and the quota week's zone (H-POINTS earning weeks, C-VALIDATE).
    /// A stored frame with another fingerprint is rebuilt by the next write and not read.
    static func frameFingerprint(_ db: any SQLSession, config: PolicyConfig) throws -> (CategoryTable, String) {
        let (table, taxonomy) = try categoryTable(db)
        return (table, "\(taxonomy);earn=\(config.returnWindowDays)d,\(config.quotaTimeZone)")
    }
    static func frameFingerprint(_ db: Database, config: PolicyConfig) throws -> (CategoryTable, String) {
        try frameFingerprint(SQLiteSession(db), config: config)
    }

    static func categoryTable(paths: String) -> (CategoryTable, String) {
        let table = CategoryTable(Taxonomy(paths.split(separator: "\n").map { (CategoryPath(String($0)), "") }))
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for path in table.paths {
            for byte in path.rawValue.utf8 + [10] {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        return (table, String(hash, radix: 16))
    }

    static func frame(_ stored: StoredFrame, table: CategoryTable, config: PolicyConfig) -> ScoringFrame {
        ScoringFrame(settledThrough: stored.settledThrough, decays: stored.halfLives.map(SalesDecay.init), table: table, policy: Policy(config: config))
    }

    /// The instant through which sales are validated at `instant` (C-VALIDATE), in Unix seconds.
    func validatedThrough(_ instant: Date) -> Int64 {
        Int64(instant.timeIntervalSince1970.rounded(.down)) - Int64(config.returnWindowDays) * 86_400
    }

    // MARK: Building records from history

    /// Builds the scoring record of every creator (or of the one `only`) from the stored history, in creator id
    /// order — the one way records are made, whether to rebuild, to check or to maintain them.
    static func buildScoringRecords(_ db: any SQLSession, frame: ScoringFrame, only: String? = nil,
                                    _ body: (String, ScoringRecord) throws -> Void) throws {
        let filter = only == nil ? "" : "WHERE creator_id = ?"
        let arguments: [SQLValue] = only.map { [.text($0)] } ?? []
        func byCreator<T>(_ sql: String, _ decode: (any StoredRow) throws -> T) throws -> [String: [T]] {
            var result: [String: [T]] = [:]
            try db.forEachRow(sql, arguments) { row in
                guard let creator = row.get("creator_id", as: String.self) else { return }
                result[creator, default: []].append(try decode(row))
            }
            return result
        }
        let violations = try byCreator("SELECT * FROM violations \(filter)") { try Self.violation($0) }
        let quizzes = try byCreator("SELECT * FROM quizzes \(filter)") { try Self.quiz($0) }
        let events = try byCreator("SELECT * FROM content_events \(filter)") { try Self.contentEvent($0) }
        var shipments: [String: [Shipment]] = [:]
        for row in try db.rows("""
            SELECT m.creator_id, ship.at, MIN(posted.at) FROM matches m
            JOIN match_events ship ON ship.match_id = m.id AND ship.to_state = 'sampleShipped'
            LEFT JOIN match_events posted ON posted.match_id = m.id AND posted.to_state = 'contentPosted'
            \(only == nil ? "" : "WHERE m.creator_id = ?") GROUP BY m.id, m.creator_id, ship.at
            """, arguments) {
            let creator = row.get(0, as: String.self) ?? "?"
            let strict = StrictRow(row, table: "match_events", id: creator)
            shipments[creator, default: []].append(Shipment(shippedAt: try strict.int64(at: 1), postedAt: try strict.optionalInt64(at: 2)))
        }
        // E-IDDOC: the whole document's accounts decide a rank.
        let documentSQL = only == nil
            ? "SELECT id, registered_at, identity_document FROM creators WHERE identity_document IS NOT NULL"
            : "SELECT id, registered_at, identity_document FROM creators WHERE identity_document = (SELECT identity_document FROM creators WHERE id = ?)"
        let earlier = try documentRanks(try documentAccounts(db, sql: documentSQL, arguments: arguments))

        let salesSQL = "SELECT creator_id, category, ordered_at, orders, returned_orders, gmv_minor, currency, id FROM sales \(filter) ORDER BY creator_id"
        let creatorsSQL = "SELECT * FROM creators \(only == nil ? "" : "WHERE id = ?") ORDER BY id"
        // The two cursors walked side by side: on SQLite GRDB's own (rows read with static types: a million
        // creators on a rebuild), elsewhere the session's.
        let nextSale: () throws -> (creator: String, line: SaleLine, id: String)?
        let nextCreator: () throws -> Creator?
        if let sqlite = (db as? SQLiteSession)?.db {
            let sales = try Row.fetchCursor(sqlite, sql: salesSQL, arguments: StatementArguments(arguments.map(SQLiteSession.databaseValue)))
            let creators = try Row.fetchCursor(sqlite, sql: creatorsSQL, arguments: StatementArguments(arguments.map(SQLiteSession.databaseValue)))
            nextSale = { try sales.next().flatMap(Self.saleLine) }
            nextCreator = { try creators.next().map(Self.creator) }
        } else {
            let sales = try db.cursor(salesSQL, arguments)
            let creators = try db.cursor(creatorsSQL, arguments)
            nextSale = { guard let row = try sales.next() else { return nil }; return try Self.saleLine(row) }
            nextCreator = { guard let row = try creators.next() else { return nil }; return try Self.creator(row) }
        }
        var next = try nextSale()
        while let creator = try nextCreator() {
            let id = creator.id.rawValue
            var record = ScoringRecord(creator: creator, violations: violations[id] ?? [], quizzes: quizzes[id] ?? [], contentEvents: events[id] ?? [],
                                       shipments: shipments[id] ?? [], earlierAccountsOnDocument: earlier[id], decays: frame.decays.count)
            while let sale = next, sale.creator <= id {
                if sale.creator == id {
                    guard record.settle(sale.line, frame: frame) else {
                        throw DomainError(.failed, "C-VALIDATE: the sales sums of creator '\(id)' overflow at sale '\(sale.id)'")
                    }
                    if record.keepsPilotSales {
                        guard let full = try db.row("SELECT * FROM sales WHERE id = ?", [.text(sale.id)]) else { continue }
                        record.keepPilotSale(try Self.sale(full))
                    }
                }
                next = try nextSale()
            }
            try body(id, record)
        }
    }
    static func buildScoringRecords(_ db: Database, frame: ScoringFrame, only: String? = nil,
                                    _ body: (String, ScoringRecord) throws -> Void) throws {
        try buildScoringRecords(SQLiteSession(db), frame: frame, only: only, body)
    }

    /// A creator on an identity document, as E-IDDOC ranks it.
    typealias DocumentAccount = (id: String, registeredAt: Int64, document: String)

    /// The accounts a query of `id, registered_at, identity_document` returns (rows without a document skipped).
    static func documentAccounts(_ db: any SQLSession, sql: String, arguments: [SQLValue] = []) throws -> [DocumentAccount] {
        var accounts: [DocumentAccount] = []
        try db.forEachRow(sql, arguments) { row in
            if let account = try documentAccount(row) { accounts.append(account) }
        }
        return accounts
    }

    /// A row of `id, registered_at, identity_document` as an account (`nil` without a document).
    static func documentAccount<R: StoredRow>(_ row: R) throws -> DocumentAccount? {
        guard let document = row.get(2, as: String.self) else { return nil }
        let strict = StrictRow(row, table: "creators", id: row.get(0, as: String.self) ?? "?")
        return (try strict.text(at: 0), try strict.int64(at: 1), document)
    }

    /// E-IDDOC ranks (accounts ahead on the same document) of `accounts`, by creator id; with `only`, of the
    /// accounts on those documents alone.
    static func documentRanks(_ accounts: [DocumentAccount], only documents: Set<String>? = nil) throws -> [String: Int] {
        let ranks = IdentityDocumentOrder.earlierAccounts(accounts.enumerated().compactMap { n, account in
            guard documents?.contains(account.document) ?? true else { return nil }
            return (position: n, id: CreatorID(account.id), registeredAt: Date(timeIntervalSince1970: Double(account.registeredAt)), document: account.document)
        })
        var byID: [String: Int] = [:]
        for (position, rank) in ranks { byID[accounts[position].id] = rank }
        return byID
    }

    /// Every sales line ordered in `(after, through]`, with its creator: through the recent-sales index when
    /// `after` is at or past its horizon (`recentSalesTerm`), else by one pass over the table.
    /// Read through SQLite's own accessors, strictly as `saleLine` reads (a wrong storage class is a damaged row):
    /// days after the last write an instant's pending sales are hundreds of thousands of lines.
    static func salesLines(_ db: Database, after: Int64, through: Int64, _ body: (String, SaleLine) throws -> Void) throws {
        try salesLines(SQLiteSession(db), after: after, through: through, body)
    }

    /// How many sales lines `salesLines(session, after:, through:)` reads (on SQLite through the same filter).
    static func salesLineCount(_ session: any SQLSession, after: Int64, through: Int64) throws -> Int {
        try session.value("SELECT count(*) FROM sales WHERE \(try orderedInRange(session, after: after))",
                          [.integer(after), .integer(through)], as: Int.self) ?? 0
    }

    /// The filter of sales ordered in `(?, ?]` for an SQLite read: through the recent-sales index when `after` is at
    /// or past its horizon (`recentSalesTerm`).
    private static func orderedInRange(_ session: any SQLSession, after: Int64) throws -> String {
        "ordered_at > ? AND ordered_at <= ? \(try recentSalesTerm(session, from: after))"
    }

    static func salesLines(_ session: any SQLSession, after: Int64, through: Int64, _ body: (String, SaleLine) throws -> Void) throws {
        guard let db = (session as? SQLiteSession)?.db else {
            let rows = try session.cursor("""
                SELECT creator_id, category, ordered_at, orders, returned_orders, gmv_minor, currency, id FROM sales
                WHERE ordered_at > ? AND ordered_at <= ?
                """, [.integer(after), .integer(through)])
            while let row = try rows.next(), let line = try saleLine(row) { try body(line.creator, line.line) }
            return
        }
        let statement = try db.makeStatement(sql: """
            SELECT creator_id, category, ordered_at, orders, returned_orders, gmv_minor, currency, id FROM sales
            WHERE \(try orderedInRange(session, after: after))
            """)
        try statement.setArguments([after, through])
        let names = ["creator_id", "category", "ordered_at", "orders", "returned_orders", "gmv_minor", "currency", "id"]
        // Category paths repeat: one string each, shared by its lines, found by a hash of the column's bytes (most
        // paths are longer than a small string: making one a row would allocate it).
        var categories: [UInt64: (bytes: [UInt8], path: CategoryPath)] = [:]
        try eachRawRow(statement, db) { stmt in
            func text(_ column: Int32) -> String? {
                guard sqlite3_column_type(stmt, column) == SQLITE_TEXT, let bytes = sqlite3_column_text(stmt, column) else { return nil }
                return String(cString: bytes)
            }
            func damaged(_ column: Int32, _ reason: String) -> DamagedRow {
                DamagedRow(table: "sales", id: text(7) ?? "?", column: names[Int(column)], reason: reason)
            }
            func text(at column: Int32) throws -> String {
                guard let value = text(column) else { throw damaged(column, "not text") }
                return value
            }
            func integer(_ column: Int32) throws -> Int64 {
                guard sqlite3_column_type(stmt, column) == SQLITE_INTEGER else { throw damaged(column, "not a whole number") }
                return sqlite3_column_int64(stmt, column)
            }
            guard sqlite3_column_type(stmt, 1) == SQLITE_TEXT, let bytes = sqlite3_column_text(stmt, 1) else { throw damaged(1, "not text") }
            let raw = UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(stmt, 1)))
            var hash: UInt64 = 14_695_981_039_346_656_037  // FNV-1a
            for byte in raw { hash = (hash ^ UInt64(byte)) &* 1_099_511_628_211 }
            let category: CategoryPath
            if let known = categories[hash], known.bytes.elementsEqual(raw) {
                category = known.path
            } else {
                category = CategoryPath(String(decoding: raw, as: UTF8.self))
                categories[hash] = (Array(raw), category)
            }
            try body(try text(at: 0), SaleLine(category: category, orderedAt: try integer(2), orders: Int(try integer(3)), returned: Int(try integer(4)),
                                               gmvMinor: try integer(5), currency: try text(at: 6)))
        }
    }

    // MARK: The recent-sales index

    /// How far before the settled boundary the recent-sales index starts when it is (re)made: instants up to
    /// this long before the last write's validation boundary read their pending sales from it.
    static let recentSalesReach: Int64 = 35 * 86_400
    /// A large sales import moves the index's horizon up once it lags the settled boundary by more than this.
    static let recentSalesLag: Int64 = 90 * 86_400
    /// The size of a typical sales line in a file (the generated 1M dataset's average is 87 bytes), to estimate a
    /// file's rows from its bytes.
    static let typicalSaleLineBytes = 90

    /// The horizon of `sales_recent`, the partial index on `sales(ordered_at)` over the sales ordered after it
    /// (`scoring_frame.recent_sales_after`, Unix seconds). Only the sales near the settled boundary are ever read by
    /// instant — those an instant's pending sales and each write's settling need — so only they are indexed: a
    /// full index on 10 M sales costs a bulk import more than everything else the scoring state keeps.
    static func recentSalesHorizon(_ db: any SQLSession) throws -> Int64 {
        try db.value("SELECT CAST(value AS BIGINT) FROM scoring_frame WHERE key = 'recent_sales_after'", as: Int64.self) ?? Int64.max
    }
    static func recentSalesHorizon(_ db: Database) throws -> Int64 { try recentSalesHorizon(SQLiteSession(db)) }

    /// The SQL term that lets a query of sales ordered after `from` use the recent-sales index (SQLite uses a
    /// partial index only when the query repeats the index's own term), or nothing when `from` is before the
    /// horizon (the query then reads the table).
    static func recentSalesTerm(_ db: Database, from: Int64) throws -> String { try recentSalesTerm(SQLiteSession(db), from: from) }

    static func recentSalesTerm(_ db: any SQLSession, from: Int64) throws -> String {
        let horizon = try recentSalesHorizon(db)
        return from >= horizon ? "AND ordered_at > \(horizon)" : ""
    }

    /// The recent-sales index over the sales ordered after `horizon`: by order instant, **covering** every column a
    /// read of recent sales takes (a line as `SaleLine`, the desk report's week, commissions by campaign or product;
    /// the id comes with every index of a `WITHOUT ROWID` table), so such a read never looks a sale up by its text
    /// key — at 1M creators those lookups made a week's report take 7 s for 0.4 M lines.
    static func recentSalesIndex(horizon: Int64) -> String {
        """
        CREATE INDEX sales_recent ON sales(ordered_at, creator_id, category, orders, returned_orders, gmv_minor, currency, product_id, campaign_id) \
        WHERE ordered_at > \(horizon)
        """
    }

    /// Remakes the recent-sales index over the sales ordered after `horizon` (a read of the sales table, then a
    /// sort of the recent ones), inside the caller's transaction.
    static func moveRecentSalesHorizon(_ db: any SQLSession, to horizon: Int64) throws {
        try db.execute("DROP INDEX IF EXISTS sales_recent", [])
        try db.execute(recentSalesIndex(horizon: horizon), [])
        try setFrameValue(db, "recent_sales_after", String(horizon))
    }

    /// A sales row (`creator_id, category, ordered_at, orders, returned_orders, gmv_minor, currency, id`) as a line.
    static func saleLine<R: StoredRow>(_ row: R) throws -> (creator: String, line: SaleLine, id: String)? {
        let id = row.get(7, as: String.self) ?? "?"
        let strict = StrictRow(row, table: "sales", id: id)
        return (try strict.text(at: 0), SaleLine(
            category: CategoryPath(try strict.text(at: 1)), orderedAt: try strict.int64(at: 2), orders: Int(try strict.int64(at: 3)),
            returned: Int(try strict.int64(at: 4)), gmvMinor: try strict.int64(at: 5), currency: try strict.text(at: 6)), id)
    }

    // MARK: Maintaining records at write time

    /// The half-lives the state keeps sums for: those of the profiles given at open.
    var maintainedHalfLives: [Double] { scoringProfiles.map(\.salesHalfLifeDays) }
    /// The sales keys the bounds keep: one per distinct (half-life, rates) of the profiles given at open.
    var maintainedKeyProfiles: [SalesKeyProfile] { scoringProfiles.map(SalesKeyProfile.init) }

    /// Bumps the data version and brings the scoring state up to date with a write, inside the write's
    /// transaction: the changed creators' records are rebuilt from their history (or every record, past
    /// `ScoringChange.rebuildThreshold`, or when the frame no longer fits the taxonomy or the half-lives), and the
    /// settled boundary moves to what is validated now, adding the newly validated sales to their records.
    /// - Parameter frameRead: the stored frame and the taxonomy's fingerprint as this transaction read them before
    ///   its rows (`FrameRead.read`), when those rows could not change either (neither categories nor the frame);
    ///   `nil` reads them here.
    func dataChanged(_ db: any SQLSession, _ change: ScoringChange, additions: [ScoringAdditions] = [], frameRead: FrameRead? = nil) throws {
        // The write's data version stamps every bound it stores (read once, not once per call or per record).
        let version = try Self.bumpDataVersion(db)
        let read = try frameRead ?? FrameRead.read(db, config: config)
        let (table, taxonomy) = (read.table, read.fingerprint)
        let target = validatedThrough(settleClock())
        guard let stored = read.stored, stored.taxonomy == taxonomy, Set(maintainedHalfLives).isSubset(of: stored.halfLives),
              Set(maintainedKeyProfiles).isSubset(of: stored.keyProfiles), !change.all else {
            let old = read.stored
            let halfLives = Array(Set(maintainedHalfLives).union(old?.halfLives ?? [])).sorted(by: >)
            var keyProfiles = old?.keyProfiles ?? []
            for profile in maintainedKeyProfiles where !keyProfiles.contains(profile) { keyProfiles.append(profile) }
            try rebuildScoringState(db, StoredFrame(settledThrough: max(target, old?.settledThrough ?? target), halfLives: halfLives,
                                                    keyProfiles: keyProfiles, taxonomy: taxonomy), table: table)
            return
        }
        var frame = Self.frame(stored, table: table, config: config)
        let keys = stored.keyProfiles
        var touched = change.creators
        // A write that changes a large share of the records rewrites the keys' order once, in key order, instead of
        // moving each record's keys at random places (a large import: 1M records × 2 keys).
        let saves = change.creators.count + additions.reduce(0) { $0 + $1.newCreators.count + $1.byCreator.count }
        let keyOrder: KeyOrderUpkeep
        if saves > 10_000, saves > (try db.value("SELECT COUNT(*) FROM scoring_bounds", as: Int.self) ?? 0) / 8 {
            keyOrder = .rewrittenAfter
        } else {
            keyOrder = .perRecord
        }
        // The rows this write adds to creators it also adds (a `seed` of a fresh database: every creator is new,
        // with its sales, violations and content events), from the additions in the records' frame: added to
        // each new record before it is stored, so the record is written once instead of stored, read back and
        // stored again per file. A creator whose sums overflowed is rebuilt from history below in any case.
        let merging = additions.filter { added in
            !added.byCreator.isEmpty && added.frame.settledThrough == frame.settledThrough && added.frame.decays == frame.decays
        }.map { (byCreator: $0.byCreator, overflowed: $0.overflowed) }
        var savedNew: Set<String> = []
        // New creators: a record of the creator alone, with its rank on its identity document (E-IDDOC); the
        // accounts already on those documents may move down a rank, so theirs are recomputed.
        for added in additions where !added.newCreators.isEmpty {
            let documents = added.newDocuments
            var accounts: [DocumentAccount] = []
            if documents.count > 1_000 {
                // Only a document two or more accounts share ranks one account behind another: those documents come
                // from one pass over the document index, and only their accounts are read and ranked (a million
                // accounts, each alone on its document, cost 2.4 s in dictionaries for ranks that are all 0).
                accounts = try Self.documentAccounts(db, sql: """
                    SELECT id, registered_at, identity_document FROM creators WHERE identity_document IN (
                        SELECT identity_document FROM creators WHERE identity_document IS NOT NULL
                        GROUP BY identity_document HAVING COUNT(*) > 1)
                    """)
            } else {
                for document in documents {
                    accounts += try Self.documentAccounts(db, sql: "SELECT id, registered_at, identity_document FROM creators WHERE identity_document = ?",
                                                          arguments: [.text(document)])
                }
            }
            let newOnDocuments = Set(added.newCreators.lazy.filter { $0.identityDocument != nil }.map(\.id.rawValue))
            var rank: [String: Int] = [:]
            for (id, earlier) in try Self.documentRanks(accounts, only: documents) {
                if newOnDocuments.contains(id) { rank[id] = earlier } else { touched.insert(id) }
            }
            // In key order (the records' B-trees grow at their end instead of splitting pages all over); a file
            // is usually in id order already.
            var creators = added.newCreators
            if !zip(creators, creators.dropFirst()).allSatisfy({ $0.id.rawValue < $1.id.rawValue }) {
                creators.sort { $0.id.rawValue < $1.id.rawValue }
            }
            let ranks = rank, skip = touched, decays = frame.decays.count, merge = merging
            touched.formUnion(try saveRecords(db, count: creators.count, frame: frame, keys: keys, keyOrder: keyOrder, seq: version,
                                              read: { range in creators[range] }) { creator in
                let id = creator.id.rawValue
                guard !skip.contains(id) else { return .skip }
                var record = ScoringRecord(creator: creator, violations: [], contentEvents: [], shipments: [],
                                           // Not ranked: alone on its document, no account ahead (E-IDDOC).
                                           earlierAccountsOnDocument: creator.identityDocument == nil ? nil : ranks[id] ?? 0, decays: decays)
                for added in merge where !added.overflowed.contains(id) {
                    if let addition = added.byCreator[id], !record.add(addition) { return .rebuild(id) }
                }
                return .save(id, record)
            })
            if !merging.isEmpty { savedNew.formUnion(creators.lazy.map(\.id.rawValue).filter { !skip.contains($0) }) }
        }
        // New rows of a bulk import, added to their creators' records in the frame they were summed in.
        for added in additions {
            guard added.frame.settledThrough == frame.settledThrough, added.frame.decays == frame.decays else {
                for creator in added.byCreator.keys { touched.insert(creator) }
                continue
            }
            guard !added.byCreator.isEmpty else { continue }
            // In key order; each stored record read on the writer, decoded, added to and prepared on every core.
            // The ids alone are sorted: a sort of (id, addition) pairs moved a million additions around (3.5 s).
            // Creators whose sums overflowed are rebuilt from history, their records not opened.
            let byCreator = added.byCreator
            let ids = byCreator.keys.filter { !touched.contains($0) && !added.overflowed.contains($0) && !savedNew.contains($0) }.sorted()
            touched.formUnion(added.overflowed.filter { byCreator[$0] != nil })
            touched.formUnion(try changeStoredRecords(db, ids: ids, inputs: { byCreator[$0]! }, frame: frame, keys: keys, keyOrder: keyOrder,
                                                      seq: version) { record, _, addition in
                record.add(addition)
            })
        }
        if touched.count > ScoringChange.rebuildThreshold {
            try rebuildScoringState(db, StoredFrame(settledThrough: max(target, stored.settledThrough), halfLives: stored.halfLives,
                                                    keyProfiles: stored.keyProfiles, taxonomy: taxonomy), table: table)
            return
        }
        // Documents: a creator's rank depends on every account on its document, before and after the write.
        for id in change.creators {
            if let old = try storedRecord(db, id), let document = old.creator.identityDocument {
                for row in try db.rows("SELECT id FROM creators WHERE identity_document = ?", [.text(document)]) {
                    if let other = row.get(0, as: String.self) { touched.insert(other) }
                }
            }
            for row in try db.rows("""
                SELECT id FROM creators WHERE identity_document = (SELECT identity_document FROM creators WHERE id = ?)
                """, [.text(id)]) {
                if let other = row.get(0, as: String.self) { touched.insert(other) }
            }
        }
        if target > frame.settledThrough {
            // Settle the sales validated since the last write: added to their records as they are.
            let from = frame.settledThrough
            frame.settledThrough = target
            var lines: [String: [SaleLine]] = [:]
            try Self.salesLines(db, after: from, through: target) { creator, line in
                if !touched.contains(creator) { lines[creator, default: []].append(line) }
            }
            // As the additions above (a day's settling is tens of thousands of creators at a million).
            let settleFrame = frame
            touched.formUnion(try changeStoredRecords(db, ids: lines.keys.sorted(), inputs: { lines[$0]! }, frame: frame, keys: keys,
                                                      keyOrder: keyOrder, seq: version) { record, id, creatorLines in
                for line in creatorLines where !record.settle(line, frame: settleFrame) {
                    throw DomainError(.failed, "C-VALIDATE: the sales sums of creator '\(id)' overflow")
                }
                return true
            })
            try Self.saveFrame(db, StoredFrame(settledThrough: target, halfLives: stored.halfLives, keyProfiles: keys, taxonomy: taxonomy))
        }
        for id in touched {
            var found = false
            try Self.buildScoringRecords(db, frame: frame, only: id) { _, record in
                found = true
                try saveRecord(db, id, record, frame: frame, keys: keys, keyOrder: keyOrder, seq: version)
            }
            if !found {
                if keyOrder == .perRecord { try updateKeyOrder(db, id, old: try storedSalesKeys(db, id), new: []) }
                try db.execute("DELETE FROM scoring_records WHERE creator_id = ?", [.text(id)])
                try db.execute("DELETE FROM scoring_bounds WHERE creator_id = ?", [.text(id)])
                try Self.newScoringGeneration(db)
            }
        }
        if keyOrder == .rewrittenAfter { try rewriteKeyOrder(db) }
    }

    /// What a bulk import gathers its new rows into, in the current frame; `nil` when the state is not built
    /// (the import's write then builds it whole).
    /// - Parameter bulk: read the pilots up front (a file's rows are gathered on another thread); otherwise every
    ///   added sale is kept until the record decides.
    /// - Parameter frameRead: the frame and fingerprint this transaction already read (`FrameRead.read`).
    static func scoringAdditions(_ db: any SQLSession, bulk: Bool, config: PolicyConfig, frameRead: FrameRead? = nil) throws -> ScoringAdditions? {
        let read = try frameRead ?? FrameRead.read(db, config: config)
        guard let stored = read.stored else { return nil }
        let (table, taxonomy) = (read.table, read.fingerprint)
        guard stored.taxonomy == taxonomy else { return nil }
        let pilots = bulk ? Set(try db.rows("SELECT id FROM creators WHERE kind = 'affiliate' AND pilot_started_at IS NOT NULL", [])
            .compactMap { $0.get(0, as: String.self) }) : nil
        return ScoringAdditions(frame: frame(stored, table: table, config: config), pilots: pilots)
    }

    /// Replaces every record and bound with those built from history in `stored`'s frame.
    func rebuildScoringState(_ db: any SQLSession, _ stored: StoredFrame, table: CategoryTable) throws {
        try db.execute("DELETE FROM scoring_records", [])
        try db.execute("DELETE FROM scoring_bounds", [])
        let frame = Self.frame(stored, table: table, config: config)
        // Stored a chunk at a time (`saveRecords`: prepared on every core; on PostgreSQL a few COPY streams, not three
        // round trips a creator).
        var pending: [(String, ScoringRecord)] = []
        func flush() throws {
            let chunk = pending
            _ = try saveRecords(db, count: chunk.count, frame: frame, keys: stored.keyProfiles, replacing: false, keyOrder: .rewrittenAfter,
                                read: { chunk[$0] }) { id, record in .save(id, record) }
            pending.removeAll(keepingCapacity: true)
        }
        try Self.buildScoringRecords(db, frame: frame) { id, record in
            pending.append((id, record))
            if pending.count == Self.rebuildChunk { try flush() }
        }
        try flush()
        try rewriteKeyOrder(db)
        try Self.saveFrame(db, stored)
        try Self.newScoringGeneration(db)
    }

    /// Changes the stored records of `ids` (sorted: key order) and stores them: read a slice at a time
    /// (`storedRecordBytesReader`), changed and prepared on every core, stored in bulk (`saveRecords`).
    /// - Parameter change: applies creator `id`'s input to its record; false when the record cannot take it.
    /// - Returns: the creators to rebuild from history: without a stored record, or whose change returned false.
    func changeStoredRecords<Input: Sendable>(
        _ db: any SQLSession, ids: [String], inputs: (String) -> Input, frame: ScoringFrame, keys: [SalesKeyProfile], keyOrder: KeyOrderUpkeep,
        seq: Int64? = nil, _ change: @Sendable @escaping (inout ScoringRecord, String, Input) throws -> Bool
    ) throws -> Set<String> {
        let storedBytes = try Self.storedRecordBytesReader(db)
        return try saveRecords(db, count: ids.count, frame: frame, keys: keys, keyOrder: keyOrder, seq: seq, read: { range in
            try zip(ids[range], try storedBytes(ids[range])).map { id, bytes in (id, inputs(id), bytes) }
        }) { id, input, bytes in
            guard let bytes else { return .rebuild(id) }
            var record = try bytes.withUnsafeBytes { try Self.decodeRecord($0, id: id) }
            return try change(&record, id, input) ? .save(id, record) : .rebuild(id)
        }
    }

    /// Records a rebuild stores at once.
    static let rebuildChunk = 8_192

    /// Marks the bounds as replaced other than by rows with a newer `seq` (every bound rebuilt, or one deleted):
    /// the `generation` of `scoring_frame` becomes the write's data version, and a follower reloads every bound.
    static func newScoringGeneration(_ db: any SQLSession) throws {
        try setFrameValue(db, "generation", String(try currentDataVersion(db)))
    }
    static func newScoringGeneration(_ db: Database) throws { try newScoringGeneration(SQLiteSession(db)) }

    func storedRecord(_ db: Database, _ id: String) throws -> ScoringRecord? { try storedRecord(SQLiteSession(db), id) }

    func storedRecord(_ session: any SQLSession, _ id: String) throws -> ScoringRecord? {
        if let db = (session as? SQLiteSession)?.db {
            guard let row = try Row.fetchOne(try db.cachedStatement(sql: "SELECT record FROM scoring_records WHERE creator_id = ?"), arguments: [id]) else { return nil }
            return try Self.decodeRecord(row, at: 0, id: id)
        }
        guard let row = try session.row("SELECT record FROM scoring_records WHERE creator_id = ?", [.text(id)]) else { return nil }
        guard let bytes = row.get(0, as: [UInt8].self) else { throw DamagedRow(table: "scoring_records", id: id, column: "record", reason: "not a blob") }
        return try bytes.withUnsafeBytes { try Self.decodeRecord($0, id: id) }
    }

    /// Stores a creator's record and its bound (`ScoringBound`), and moves its sales keys in `scoring_keys`
    /// unless `keyOrder` says the caller rewrites them all. Called once per changed creator — a million times by a
    /// large import — so it binds through SQLite's own calls, without argument objects or copies.
    /// - Parameters:
    ///   - replacing: false only into tables a rebuild emptied.
    ///   - keyOrder: `.perRecord` reads the old keys and moves the changed ones; `.rewrittenAfter` leaves
    ///     `scoring_keys` to the caller, who rewrites every key once in key order (`rewriteKeyOrder`).
    /// - Parameter seq: the write's data version (`bumpDataVersion`), or `nil` to read it.
    func saveRecord(_ db: any SQLSession, _ id: String, _ record: ScoringRecord, frame: ScoringFrame, keys: [SalesKeyProfile],
                    replacing: Bool = true, keyOrder: KeyOrderUpkeep = .perRecord, seq: Int64? = nil) throws {
        try store(db, Self.prepare(id, record, frame: frame, keys: keys, config: config), replacing: replacing, keyOrder: keyOrder, seq: seq)
    }

    /// A record ready to store: its encoding and its bound, computed apart from the database (a pure function of
    /// the record, so a bulk write computes many at once on every core; see `saveRecords`).
    struct PreparedRecord: Sendable {
        var id: String
        var encoded: [UInt8]
        var bound: ScoringBound
    }

    static func prepare(_ id: String, _ record: ScoringRecord, frame: ScoringFrame, keys: [SalesKeyProfile], config: PolicyConfig) -> PreparedRecord {
        PreparedRecord(id: id, encoded: record.encoded(),
                       bound: ScoringBound(record, frame: frame, keyProfiles: keys, policy: Policy(config: config)))
    }

    /// What a bulk write does with one input (`saveRecords`).
    enum BulkOutcome: Sendable {
        case save(String, ScoringRecord)
        /// Left as it is.
        case skip
        /// Rebuilt from history afterwards (no stored record, or the sums overflow).
        case rebuild(String)
    }

    /// The bulk form of `saveRecord`, for the million records of a large import: in chunks, reads each chunk's
    /// inputs on the writer (`read`), turns them into records and prepares those (`make`, pure) on the other cores
    /// while the writer stores the chunk before, in input order (a two-stage pipeline: at 1M records the writer's
    /// own stores are half of the work). `read` must not depend on the records stored before it: each input is
    /// a different creator.
    /// - Parameter seq: the write's data version, which stamps the bounds (`bumpDataVersion`); `nil` reads it.
    /// - Returns: the creators `make` asked to rebuild.
    func saveRecords<Input: Sendable, Inputs: Collection<Input>>(
        _ db: any SQLSession, count: Int, frame: ScoringFrame, keys: [SalesKeyProfile], replacing: Bool = true, keyOrder: KeyOrderUpkeep,
        seq: Int64? = nil, read: (Range<Int>) throws -> Inputs, _ make: @Sendable @escaping (Input) throws -> BulkOutcome
    ) throws -> Set<String> {
        var rebuild: Set<String> = []
        let seq = try seq ?? Self.currentDataVersion(db)
        let chunk = 8_192
        let helpers = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
        let config = self.config
        /// Prepares one chunk's inputs on the helper cores, in order.
        func prepareLater(_ inputs: [Input]) -> PreparedChunk {
            let job = PreparedChunk()
            job.group.enter()
            DispatchQueue.global().async {
                let slices = min(helpers, max(1, inputs.count / 512))
                job.result = Result {
                    try Self.parallelSlices(slices, total: inputs.count) { range in
                        try inputs[range].map { input -> (PreparedRecord?, rebuild: String?) in
                            switch try make(input) {
                            case .save(let id, let record): return (Self.prepare(id, record, frame: frame, keys: keys, config: config), nil)
                            case .skip: return (nil, nil)
                            case .rebuild(let id): return (nil, id)
                            }
                        }
                    }.flatMap { $0 }
                }
                job.group.leave()
            }
            return job
        }
        func store(_ job: PreparedChunk) throws {
            job.group.wait()
            let results = try job.result!.get()
            if let postgres = db as? PostgresSession, results.count >= Self.bulkStoreMinimum {
                // A chunk's records, bounds and key moves as a few COPY streams (issue 19), not three round trips each.
                try storeBulk(postgres, results.compactMap(\.0), replacing: replacing, keyOrder: keyOrder, seq: seq)
                for id in results.compactMap(\.rebuild) { rebuild.insert(id) }
                return
            }
            for (record, id) in results {
                if let record { try self.store(db, record, replacing: replacing, keyOrder: keyOrder, seq: seq) }
                if let id { rebuild.insert(id) }
            }
        }
        var waiting: PreparedChunk?
        // Whatever happens, no helper outlives the call (its inputs and `make` are the caller's).
        defer { waiting?.group.wait() }
        var start = 0
        while start < count {
            let end = min(count, start + chunk)
            let previous = waiting
            waiting = prepareLater(Array(try read(start..<end)))
            if let previous { try store(previous) }
            start = end
        }
        if let last = waiting {
            waiting = nil
            try store(last)
        }
        return rebuild
    }

    /// The fewest records `saveRecords` stores with `storeBulk` on PostgreSQL: below it, a staging table per
    /// transaction costs more round trips than it saves (an API write of one sale: 25 statements instead of 17).
    static let bulkStoreMinimum = 64

    /// `store` for many records at once on PostgreSQL: records and bounds upserted through staging tables
    /// (`copyUpsert`), and with `.perRecord` the keys that changed moved in `scoring_keys` — the old keys read in
    /// one statement, the removed ones deleted through a staging table, the new ones copied in — with the counts.
    func storeBulk(_ session: PostgresSession, _ records: [PreparedRecord], replacing: Bool, keyOrder: KeyOrderUpkeep, seq: Int64) throws {
        guard !records.isEmpty else { return }
        // The chunk's creators that have a bound (and a record: both are written together), with their old keys.
        var oldKeys: [String: [Double]] = [:]
        if replacing {
            // A chunk's worth of rows at most: one statement, no cursor.
            for row in try session.rows("SELECT creator_id, sales_keys FROM scoring_bounds WHERE creator_id IN (\(session.jsonTexts))",
                                        [try session.jsonTextsArgument(records.map(\.id))]) {
                guard let id = row.get(0, as: String.self), let blob = row.get(1, as: [UInt8].self) else {
                    throw DamagedRow(table: "scoring_bounds", id: row.get(0, as: String.self) ?? "?", column: "sales_keys", reason: "not a blob")
                }
                oldKeys[id] = blob.withUnsafeBytes(Self.decodeKeys)
            }
        }
        var recordRows = CopyText(capacity: records.reduce(0) { $0 + 2 * $1.encoded.count + 32 })
        var boundRows = CopyText()
        for prepared in records {
            let bound = prepared.bound
            recordRows.text(prepared.id)
            recordRows.blob(prepared.encoded)
            recordRows.endRow()
            boundRows.text(prepared.id)
            boundRows.integer(Int64(bound.followers))
            boundRows.integer(Int64(bound.chrCeiling))
            boundRows.integer(Int64(bound.samplesShipped))
            boundRows.blob(bound.topsBlob)
            boundRows.blob(bound.salesKeysBlob)
            boundRows.integer(seq)
            boundRows.endRow()
        }
        let boundColumns = ["creator_id", "followers", "chr_ceiling", "samples", "tops", "sales_keys", "seq"]
        if oldKeys.isEmpty {
            // No creator of the chunk has a record yet (new creators): copied straight into the tables.
            try session.copy(into: "scoring_records", columns: ["creator_id", "record"], recordRows)
            try session.copy(into: "scoring_bounds", columns: boundColumns, boundRows)
        } else {
            try session.copyUpsert(into: "scoring_records", columns: ["creator_id", "record"], key: "creator_id",
                                   updates: "record = excluded.record", recordRows)
            try session.copyUpsert(into: "scoring_bounds", columns: boundColumns, key: "creator_id", updates: Self.boundUpdates, boundRows)
        }
        guard keyOrder == .perRecord else { return }
        // The same moves as `updateKeyOrder` (`keyMoves`), for every record of the chunk.
        var removed = CopyText(), added = CopyText()
        var delta: [Int: Int] = [:]
        for prepared in records {
            for move in Self.keyMoves(old: oldKeys[prepared.id] ?? [], new: prepared.bound.salesKeys) {
                if let before = move.before {
                    removed.integer(Int64(move.profile)); removed.real(before); removed.text(prepared.id); removed.endRow()
                }
                if let after = move.after {
                    added.integer(Int64(move.profile)); added.real(after); added.text(prepared.id); added.endRow()
                }
                delta[move.profile, default: 0] += move.countChange
            }
        }
        let keyColumns = ["profile", "key", "creator_id"]
        if removed.rows > 0 {
            let stage = try session.staging("scoring_keys", columns: keyColumns, removed)
            try session.execute("""
                DELETE FROM scoring_keys k USING \(stage) s WHERE k.profile = s.profile AND k.key = s.key AND k.creator_id = s.creator_id
                """, [])
        }
        try session.copy(into: "scoring_keys", columns: keyColumns, added)
        for (profile, change) in delta.sorted(by: { $0.key < $1.key }) { try Self.addToKeyCount(session, profile: profile, change) }
    }

    /// The `SET` list that replaces a stored bound on PostgreSQL (`store`, `storeBulk`).
    static let boundUpdates = """
        followers = excluded.followers, chr_ceiling = excluded.chr_ceiling, samples = excluded.samples,
        tops = excluded.tops, sales_keys = excluded.sales_keys, seq = excluded.seq
        """

    /// Runs `body` over `slices` contiguous parts of `0..<total` concurrently and returns their results in order;
    /// the first error thrown is rethrown.
    static func parallelSlices<T: Sendable>(_ slices: Int, total: Int, _ body: @Sendable (Range<Int>) throws -> T) throws -> [T] {
        let results = SliceResults<T>(count: slices)
        DispatchQueue.concurrentPerform(iterations: slices) { n in
            let range = (total * n / slices)..<(total * (n + 1) / slices)
            results.set(n, Result { try body(range) })
        }
        return try results.values()
    }

    /// Stores a prepared record and its bound (`ScoringBound`), and moves its sales keys in `scoring_keys`
    /// unless `keyOrder` says the caller rewrites them all. Called once per changed creator — a million times by a
    /// large import — so it binds through SQLite's own calls, without argument objects or copies.
    /// - Parameters:
    ///   - replacing: false only into tables a rebuild emptied.
    ///   - keyOrder: `.perRecord` reads the old keys and moves the changed ones; `.rewrittenAfter` leaves
    ///     `scoring_keys` to the caller, who rewrites every key once in key order (`rewriteKeyOrder`).
    ///   - seq: the write's data version (`meta.data_version`) when the caller has read it (a bulk write reads it
    ///     once); `nil` reads it here.
    func store(_ session: any SQLSession, _ prepared: PreparedRecord, replacing: Bool = true, keyOrder: KeyOrderUpkeep = .perRecord, seq: Int64? = nil) throws {
        let id = prepared.id, bound = prepared.bound
        let seq = try seq ?? Self.currentDataVersion(session)
        let oldKeys = keyOrder == .perRecord ? try storedSalesKeys(session, id) : []
        guard let db = (session as? SQLiteSession)?.db else {
            try session.execute("INSERT INTO scoring_records (creator_id, record) VALUES (?, ?)"
                                + (replacing ? " ON CONFLICT (creator_id) DO UPDATE SET record = excluded.record" : ""),
                                [.text(id), .blob(prepared.encoded)])
            try session.execute("""
                INSERT INTO scoring_bounds (creator_id, followers, chr_ceiling, samples, tops, sales_keys, seq) VALUES (?, ?, ?, ?, ?, ?, ?)
                """ + (replacing ? " ON CONFLICT (creator_id) DO UPDATE SET \(Self.boundUpdates)" : ""),
                [.text(id), .integer(Int64(bound.followers)), .integer(Int64(bound.chrCeiling)), .integer(Int64(bound.samplesShipped)),
                 .blob(bound.topsBlob), .blob(bound.salesKeysBlob), .integer(seq)])
            if keyOrder == .perRecord { try updateKeyOrder(session, id, old: oldKeys, new: bound.salesKeys) }
            return
        }
        let recordSQL = replacing ? "INSERT OR REPLACE INTO scoring_records (creator_id, record) VALUES (?, ?)"
                                  : "INSERT INTO scoring_records (creator_id, record) VALUES (?, ?)"
        // Each bound is stamped with the write's data version (`seq`): a follower reads the bounds written since it looked.
        let boundSQL = (replacing ? "INSERT OR REPLACE" : "INSERT") + """
             INTO scoring_bounds (creator_id, followers, chr_ceiling, samples, tops, sales_keys, seq)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        let recordStatement = try db.cachedStatement(sql: recordSQL).sqliteStatement
        let boundStatement = try db.cachedStatement(sql: boundSQL).sqliteStatement
        // Parameters are bound without a copy (SQLITE_STATIC): each step runs while its buffers are alive.
        // Blobs are never NULL: an empty list is a zero-length blob (a non-null pointer with length 0).
        let tops: [UInt32] = bound.tops.map { UInt32(bitPattern: $0).littleEndian } + [0]
        let salesKeys: [UInt64] = bound.salesKeys.map { $0.bitPattern.littleEndian } + [0]
        var text = id
        try text.withUTF8 { id in
            let idPointer = UnsafeRawPointer(id.baseAddress!).assumingMemoryBound(to: CChar.self)
            try prepared.encoded.withUnsafeBytes { blob in
                sqlite3_bind_text(recordStatement, 1, idPointer, Int32(id.count), nil)
                sqlite3_bind_blob(recordStatement, 2, blob.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(blob.count), nil)
                try Self.run(db, recordStatement)
            }
            try tops.withUnsafeBytes { tops in
                try salesKeys.withUnsafeBytes { keys in
                    sqlite3_bind_text(boundStatement, 1, idPointer, Int32(id.count), nil)
                    sqlite3_bind_int64(boundStatement, 2, Int64(bound.followers))
                    sqlite3_bind_int64(boundStatement, 3, Int64(bound.chrCeiling))
                    sqlite3_bind_int64(boundStatement, 4, Int64(bound.samplesShipped))
                    sqlite3_bind_blob(boundStatement, 5, tops.baseAddress, Int32(tops.count - 4), nil)
                    sqlite3_bind_blob(boundStatement, 6, keys.baseAddress, Int32(keys.count - 8), nil)
                    sqlite3_bind_int64(boundStatement, 7, seq)
                    try Self.run(db, boundStatement)
                }
            }
        }
        if keyOrder == .perRecord { try updateKeyOrder(session, id, old: oldKeys, new: bound.salesKeys) }
    }

    /// The data version of the write under way (`meta.data_version`), which stamps the bounds it writes.
    static func currentDataVersion(_ db: any SQLSession) throws -> Int64 {
        try db.value("SELECT value FROM meta WHERE key = 'data_version'", as: Int64.self) ?? 0
    }
    static func currentDataVersion(_ db: Database) throws -> Int64 { try currentDataVersion(SQLiteSession(db)) }

    /// Steps a statement that returns no rows once, then resets it and clears its bindings (they may point at
    /// buffers about to be freed). A failure throws SQLite's message, with `sql` when given.
    static func run(_ db: Database, _ stmt: OpaquePointer, sql: String? = nil) throws {
        let code = sqlite3_step(stmt)
        let message = code == SQLITE_DONE ? nil : String(cString: sqlite3_errmsg(db.sqliteConnection))
        sqlite3_reset(stmt)
        sqlite3_clear_bindings(stmt)
        if let message { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql) }
    }

    /// Binds `values` to `statement`'s parameters 1…n and steps it once (a statement that returns no rows), through
    /// SQLite's own calls: text and blobs are bound without a copy while the step runs.
    /// - Throws: GRDB's `DatabaseError` with SQLite's message and the statement's SQL.
    static func run(_ db: Database, _ statement: Statement, _ values: [SQLValue]) throws {
        let stmt = statement.sqliteStatement
        guard Int(sqlite3_bind_parameter_count(stmt)) == values.count else {
            throw DatabaseError(resultCode: .SQLITE_RANGE, message: "\(values.count) values for \(sqlite3_bind_parameter_count(stmt)) parameters",
                                sql: statement.sql)
        }
        // A valid address for an empty text or blob (SQLite reads a nil pointer as NULL).
        let empty: StaticString = ""
        func bind(from index: Int) throws {
            guard index < values.count else { return try run(db, stmt, sql: statement.sql) }
            let column = Int32(index + 1)
            switch values[index] {
            case .null: sqlite3_bind_null(stmt, column)
            case .integer(let n): sqlite3_bind_int64(stmt, column, n)
            case .real(let d): sqlite3_bind_double(stmt, column, d)
            case .text(var text):
                return try text.withUTF8 { utf8 in
                    let pointer = UnsafeRawPointer(utf8.baseAddress ?? UnsafePointer(empty.utf8Start))
                    sqlite3_bind_text(stmt, column, pointer.assumingMemoryBound(to: CChar.self), Int32(utf8.count), nil)
                    try bind(from: index + 1)
                }
            case .blob(let bytes):
                return try bytes.withUnsafeBytes { blob in
                    sqlite3_bind_blob(stmt, column, blob.baseAddress ?? UnsafeRawPointer(empty.utf8Start), Int32(blob.count), nil)
                    try bind(from: index + 1)
                }
            }
            try bind(from: index + 1)
        }
        try bind(from: 0)
    }

    /// A reader of stored records' bytes for a slice of creator ids, in their order (`nil`: no record), for one
    /// write: on SQLite one prepared statement stepped per id through SQLite's own calls; on PostgreSQL one
    /// statement for the whole slice (a round trip per id cost 25 µs of work and 0.4 ms of waiting).
    static func storedRecordBytesReader(_ session: any SQLSession) throws -> (ArraySlice<String>) throws -> [[UInt8]?] {
        guard let db = (session as? SQLiteSession)?.db else {
            return { ids in
                var found: [String: [UInt8]] = [:]
                found.reserveCapacity(ids.count)
                for row in try session.rows("SELECT creator_id, record FROM scoring_records WHERE creator_id IN (\(session.jsonTexts))",
                                            [try session.jsonTextsArgument(ids)]) {
                    guard let id = row.get(0, as: String.self) else { continue }
                    found[id] = row.get(1, as: [UInt8].self) ?? []
                }
                return ids.map { found[$0] }
            }
        }
        let statement = try db.cachedStatement(sql: "SELECT record FROM scoring_records WHERE creator_id = ?")
        return { ids in try withExtendedLifetime(statement) { try ids.map { try Self.storedRecordBytes(db, statement.sqliteStatement, $0) } } }
    }

    /// The stored record of `id` as bytes, through `statement` (`SELECT record FROM scoring_records WHERE creator_id = ?`).
    static func storedRecordBytes(_ db: Database, _ statement: OpaquePointer, _ id: String) throws -> [UInt8]? {
        var text = id
        return try text.withUTF8 { id in
            sqlite3_bind_text(statement, 1, UnsafeRawPointer(id.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(id.count), nil)
            defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
            switch sqlite3_step(statement) {
            case SQLITE_ROW:
                let count = Int(sqlite3_column_bytes(statement, 0))
                guard count > 0, let blob = sqlite3_column_blob(statement, 0) else { return [] }
                return Array(UnsafeRawBufferPointer(start: blob, count: count))
            case SQLITE_DONE:
                return nil
            case let code:
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
        }
    }

    /// A stored record's bytes decoded; damage is reported as a `DamagedRow` of `scoring_records`.
    static func decodeRecord(_ bytes: UnsafeRawBufferPointer, id: String) throws -> ScoringRecord {
        do {
            return try ScoringRecord(decoding: bytes)
        } catch let error as ScoringRecordDamaged {
            throw DamagedRow(table: "scoring_records", id: id, column: "record", reason: error.reason)
        }
    }

    static func decodeRecord(_ row: Row, at index: Int, id: String) throws -> ScoringRecord {
        try row.withUnsafeData(atIndex: index) { data in
            guard let data else { throw DamagedRow(table: "scoring_records", id: id, column: "record", reason: "not a blob") }
            return try data.withUnsafeBytes { try decodeRecord($0, id: id) }
        }
    }

    // MARK: Reading the population from the state

    /// The population at `instant` from the maintained records, or `nil` when the state has no sums for the
    /// profile's half-life or was built for another taxonomy (then the caller builds from history).
    func populationFromState(_ session: any SQLSession, at instant: Date, profile: ScoringProfile,
                             progress: ((String, Double) -> Void)?) throws -> ScoringPopulation? {
        let (table, taxonomy) = try Self.frameFingerprint(session, config: config)
        guard let stored = try Self.storedFrame(session), stored.taxonomy == taxonomy,
              let decay = stored.halfLives.firstIndex(of: profile.salesHalfLifeDays) else { return nil }
        let frame = Self.frame(stored, table: table, config: config)
        progress?("scoring state", 0)
        let pendingByCreator = try pendingSales(session, frame: frame, at: instant)
        var pending: [Int: [PendingSale]] = [:]
        guard let db = (session as? SQLiteSession)?.db else {
            // PostgreSQL: the records through a server-side cursor, decoded as they come.
            var records: [ScoringRecord] = []
            try session.forEachRow("SELECT creator_id, record FROM scoring_records ORDER BY creator_id", []) { row in
                guard let id = row.get(0, as: String.self) else { throw DamagedRow(table: "scoring_records", id: "", column: "creator_id", reason: "NULL") }
                guard let bytes = row.get(1, as: [UInt8].self) else { throw DamagedRow(table: "scoring_records", id: id, column: "record", reason: "not a blob") }
                if let lines = pendingByCreator[id] { pending[records.count] = lines }
                records.append(try bytes.withUnsafeBytes { try Self.decodeRecord($0, id: id) })
            }
            progress?("standing", 0)
            return ScoringPopulation(records: records, pending: pending, frame: frame, decay: decay, profile: profile,
                                     policy: Policy(config: config), instant: instant)
        }
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scoring_records") ?? 0
        // Rows are read on this thread a chunk at a time, then decoded on every core straight into their places.
        let owner = try db.makeStatement(sql: "SELECT creator_id, record FROM scoring_records ORDER BY creator_id")
        let chunkRows = 16_384
        var bytes: [UInt8] = []
        var ends: [Int] = []
        var ids: [String] = []
        bytes.reserveCapacity(chunkRows * 512)
        var read = 0
        let records = try [ScoringRecord](unsafeUninitializedCapacity: total) { buffer, initialized in
            initialized = 0
            func decodeChunk() throws {
                guard !ids.isEmpty else { return }
                let target = UnsafeSendable(buffer.baseAddress! + read)
                let (chunkBytes, chunkEnds, chunkIDs) = (bytes, ends, ids)
                let slices = min(ProcessInfo.processInfo.activeProcessorCount, max(1, chunkIDs.count / 1_024))
                // Each slice decodes its range in order and stops at its first damaged record, saying how far it got.
                let results = try chunkBytes.withUnsafeBytes { all in
                    let all = UnsafeSendable(all)
                    return try Self.parallelSlices(slices, total: chunkIDs.count) { range -> (range: Range<Int>, decoded: Int, error: (any Error)?) in
                        for i in range {
                            let start = i == 0 ? 0 : chunkEnds[i - 1]
                            do {
                                let record = try Self.decodeRecord(UnsafeRawBufferPointer(rebasing: all.value[start..<chunkEnds[i]]), id: chunkIDs[i])
                                (target.value + i).initialize(to: record)
                            } catch {
                                return (range, i - range.lowerBound, error)
                            }
                        }
                        return (range, range.count, nil)
                    }
                }
                if let failed = results.first(where: { $0.error != nil }) {
                    // This chunk's decoded records are released (the caller releases the earlier chunks'); the first
                    // damaged one in creator order is named.
                    for result in results { (target.value + result.range.lowerBound).deinitialize(count: result.decoded) }
                    throw failed.error!
                }
                read += chunkIDs.count
                initialized = read
                bytes.removeAll(keepingCapacity: true)
                ends.removeAll(keepingCapacity: true)
                ids.removeAll(keepingCapacity: true)
            }
            do {
                try eachRawRow(owner, db) { statement in
                    guard let text = sqlite3_column_text(statement, 0) else {
                        throw DamagedRow(table: "scoring_records", id: "", column: "creator_id", reason: "NULL")
                    }
                    let id = String(cString: text)
                    guard read + ids.count < total else {
                        throw DamagedRow(table: "scoring_records", id: id, column: "creator_id", reason: "more records than counted in the same read")
                    }
                    if sqlite3_column_type(statement, 1) == SQLITE_NULL {
                        throw DamagedRow(table: "scoring_records", id: id, column: "record", reason: "not a blob")
                    }
                    let count = Int(sqlite3_column_bytes(statement, 1))
                    if count > 0, let blob = sqlite3_column_blob(statement, 1) {
                        bytes.append(contentsOf: UnsafeRawBufferPointer(start: blob, count: count))
                    }
                    if let lines = pendingByCreator[id] { pending[read + ids.count] = lines }
                    ids.append(id)
                    ends.append(bytes.count)
                    if ids.count == chunkRows {
                        try decodeChunk()
                        if read & 0xFFFF == 0 { progress?("scoring state", Double(read) / Double(max(total, 1))) }
                    }
                }
                try decodeChunk()
            } catch {
                // The records of the chunks decoded before are released (`decodeChunk` releases its own chunk's on
                // failure): nothing half-built is left behind.
                buffer.baseAddress?.deinitialize(count: read)
                initialized = 0
                throw error
            }
        }
        progress?("standing", 0)
        return ScoringPopulation(records: records, pending: pending, frame: frame, decay: decay, profile: profile,
                                 policy: Policy(config: config), instant: instant)
    }

    /// The order instants (Unix seconds, `low` excluded) of the sales pending at `instant` and their sign: 1 (added)
    /// when its validation boundary is past the settled one, −1 (taken away) when before; `nil` when they meet.
    func pendingRange(_ frame: ScoringFrame, at instant: Date) -> (low: Int64, high: Int64, sign: Int)? {
        let validated = validatedThrough(instant)
        guard validated != frame.settledThrough else { return nil }
        return validated > frame.settledThrough ? (frame.settledThrough, validated, 1) : (validated, frame.settledThrough, -1)
    }

    /// The sales between the settled boundary and what is validated at `instant`, by creator id: added when
    /// the instant's boundary is later, taken away when it is earlier.
    func pendingSales(_ db: any SQLSession, frame: ScoringFrame, at instant: Date) throws -> [String: [PendingSale]] {
        guard let (low, high, sign) = pendingRange(frame, at: instant) else { return [:] }
        var pending: [String: [PendingSale]] = [:]
        try Self.salesLines(db, after: low, through: high) { creator, line in pending[creator, default: []].append(PendingSale(line, sign: sign)) }
        return pending
    }

    /// `pendingSales` as one array of lines chained per creator (a cold read's 26,000 creators a day after the last
    /// write at a million: no array per creator), with each creator's `SalesKeyProfile.addedTotalBound` for `decay`
    /// and `rates` summed as the lines are read.
    func pendingLines(_ db: any SQLSession, frame: ScoringFrame, at instant: Date, decay: SalesDecay, rates: CurrencyRates) throws -> PendingLines {
        guard let (low, high, sign) = pendingRange(frame, at: instant) else { return PendingLines(sign: 1) }
        // Counted first (off the same covering index, a fraction of reading them): the arrays and the slot table are
        // then allocated once instead of being copied as they grow (a cold `matches` a day after a write: 0.93×).
        var pending = PendingLines(sign: sign, reserving: try Self.salesLineCount(db, after: low, through: high))
        let seconds = instant.timeIntervalSince1970
        try Self.salesLines(db, after: low, through: high) { creator, line in
            pending.append(creator, line, bound: sign > 0 ? SalesKeyProfile.addedLineBound(line, at: seconds, decay: decay, rates: rates) : 0)
        }
        return pending
    }

    /// The population at `instant` built from history alone, through the same records (in memory, settled
    /// exactly at the instant's validation boundary): what the state must equal.
    func populationFromHistory(_ db: any SQLSession, at instant: Date, profile: ScoringProfile) throws -> ScoringPopulation {
        let (table, _) = try Self.categoryTable(db)
        let frame = ScoringFrame(settledThrough: validatedThrough(instant), decays: [SalesDecay(halfLifeDays: profile.salesHalfLifeDays)], table: table,
                                 policy: Policy(config: config))
        var records: [ScoringRecord] = []
        try Self.buildScoringRecords(db, frame: frame) { _, record in records.append(record) }
        return ScoringPopulation(records: records, pending: [:], frame: frame, decay: 0, profile: profile, policy: Policy(config: config), instant: instant)
    }
}

// MARK: Checking the state against history

/// The scoring state compared with the state recomputed from history (`starmatch check --scoring`).
public struct ScoringCheckReport: Sendable, Codable, Equatable {
    /// Whether a state exists (it is built by the first write after an upgrade; `--repair` builds it now).
    public var built: Bool
    /// Records compared.
    public var records: Int
    /// Sales ordered up to this instant are in the records' sums.
    public var settledThrough: Date?
    public var halfLives: [Double]
    /// The instant at which standings and scoring inputs were also compared, if asked.
    public var instant: Date?
    /// The first creator (in id order) whose maintained state differs from history, and in what.
    public var firstDifference: Difference?

    public struct Difference: Sendable, Codable, Equatable {
        public var creator: String
        public var what: String
    }

    public var ok: Bool { built && firstDifference == nil }
}

extension StarMatchStore {
    /// Recomputes every creator's scoring record from history in the stored frame and compares it, byte for
    /// byte, with the maintained one; with `instant`, also compares every creator's standing and scoring
    /// inputs at that instant as the state gives them (records plus the sales near the instant) with those
    /// built from history alone. Reads only.
    public func checkScoring(at instant: Date?, profile: ScoringProfile) throws -> ScoringCheckReport {
        try sqlRead { db in
            let (table, taxonomy) = try Self.frameFingerprint(db, config: config)
            guard let stored = try Self.storedFrame(db) else {
                return ScoringCheckReport(built: false, records: 0, halfLives: [], instant: instant)
            }
            var report = ScoringCheckReport(built: true, records: 0, settledThrough: Date(timeIntervalSince1970: Double(stored.settledThrough)),
                                            halfLives: stored.halfLives, instant: instant)
            func differ(_ creator: String, _ what: String) {
                if report.firstDifference == nil { report.firstDifference = .init(creator: creator, what: what) }
            }
            guard stored.taxonomy == taxonomy else {
                differ("", "the state was built for another taxonomy (categories changed without a rebuild)")
                return report
            }
            let maintained = try db.cursor("SELECT creator_id, record FROM scoring_records ORDER BY creator_id", [])
            func nextRecord() throws -> (id: String, bytes: [UInt8])? {
                guard let row = try maintained.next() else { return nil }
                guard let id = row.get(0, as: String.self) else { throw DamagedRow(table: "scoring_records", id: "", column: "creator_id", reason: "NULL") }
                guard let bytes = row.get(1, as: [UInt8].self) else { throw DamagedRow(table: "scoring_records", id: id, column: "record", reason: "not a blob") }
                return (id, bytes)
            }
            var next = try nextRecord()
            // The bounds in the same order, read alongside (one statement, not a round trip per creator).
            let bounds = try db.cursor("SELECT followers, chr_ceiling, samples, tops, sales_keys, creator_id FROM scoring_bounds ORDER BY creator_id", [])
            func nextBound() throws -> (id: String, row: SQLRow)? {
                guard let row = try bounds.next() else { return nil }
                guard let id = row.get(5, as: String.self) else { throw DamagedRow(table: "scoring_bounds", id: "", column: "creator_id", reason: "NULL") }
                return (id, row)
            }
            var nextStoredBound = try nextBound()
            let frame = Self.frame(stored, table: table, config: config)
            var boundKeys: Set<OrderedKey> = []
            try Self.buildScoringRecords(db, frame: frame) { id, recomputed in
                report.records += 1
                // Records and bounds kept for creators before this one that do not exist, in id order (the first
                // difference named is the first in id order).
                while true {
                    let record = next.flatMap { $0.id < id ? $0.id : nil }, bound = nextStoredBound.flatMap { $0.id < id ? $0.id : nil }
                    if let record, bound.map({ record <= $0 }) ?? true {
                        differ(record, "a record is kept for a creator that does not exist")
                        next = try nextRecord()
                    } else if let bound {
                        differ(bound, "a bound (scoring_bounds) is kept for a creator that does not exist")
                        nextStoredBound = try nextBound()
                    } else {
                        break
                    }
                }
                var boundRow: SQLRow?
                if let b = nextStoredBound, b.id == id {
                    boundRow = b.row
                    nextStoredBound = try nextBound()
                }
                guard let m = next, m.id == id else { return differ(id, "no record is kept") }
                let record = try m.bytes.withUnsafeBytes { try Self.decodeRecord($0, id: id) }
                if record != recomputed { differ(id, Self.describeDifference(record, recomputed)) }
                let expected = ScoringBound(recomputed, frame: frame, keyProfiles: stored.keyProfiles, policy: Policy(config: config))
                let bound = try boundRow.map { try Self.decodeBound($0, id: id, keys: stored.keyProfiles.count) }
                if bound != expected { differ(id, "its bound (scoring_bounds)") }
                for (profile, key) in (bound?.salesKeys ?? []).enumerated() where key.isFinite { boundKeys.insert(OrderedKey(profile: profile, key: key, id: id)) }
                next = try nextRecord()
            }
            if let m = next { differ(m.id, "a record is kept for a creator that does not exist") }
            if let b = nextStoredBound { differ(b.id, "a bound (scoring_bounds) is kept for a creator that does not exist") }
            if let (creator, what) = try Self.keyOrderDifference(db, boundKeys) { differ(creator, what) }
            guard report.firstDifference == nil, let instant else { return report }
            guard let fromState = try populationFromState(db, at: instant, profile: profile, progress: nil) else {
                differ("", "the state keeps no sales sums for half-life \(profile.salesHalfLifeDays) days (profile \(profile.name))")
                return report
            }
            let fromHistory = try populationFromHistory(db, at: instant, profile: profile)
            for (i, creator) in fromHistory.creators.enumerated() {
                guard let j = fromState.index(of: creator.id) else { differ(creator.id.rawValue, "missing from the state at the instant"); break }
                if fromState.standings[j] != fromHistory.standings[i] { differ(creator.id.rawValue, "standing at the instant"); break }
                if fromState.inputs[j] != fromHistory.inputs[i] { differ(creator.id.rawValue, "scoring inputs at the instant"); break }
            }
            if report.firstDifference == nil, fromState.scorer.salesReference != fromHistory.scorer.salesReference {
                differ("", "the population's sales reference at the instant")
            }
            if report.firstDifference == nil, let context = try instantContext(db, at: instant, profile: profile),
               try keyedSalesReference(db, context, pending: try pendingSales(db, frame: context.frame, at: instant)) != fromHistory.scorer.salesReference {
                differ("", "the population's sales reference at the instant from the keys in order (scoring_keys)")
            }
            return report
        }
    }

    /// Rebuilds the whole scoring state from history in one transaction (`starmatch check --scoring --repair`).
    public func rebuildScoringState() throws {
        try sqlWrite { db in try dataChanged(db, .everything) }
    }

    /// A creator's stored bound, or `nil` when none is stored.
    func storedBound(_ db: any SQLSession, _ id: String, keys: Int) throws -> ScoringBound? {
        guard let row = try db.row("SELECT followers, chr_ceiling, samples, tops, sales_keys FROM scoring_bounds WHERE creator_id = ?",
                                   [.text(id)]) else { return nil }
        return try Self.decodeBound(row, id: id, keys: keys)
    }

    /// A row whose first columns are `followers, chr_ceiling, samples, tops, sales_keys` of `scoring_bounds` as a
    /// bound of `keys` sales keys. - Throws: `DamagedRow` naming the creator.
    static func decodeBound(_ row: SQLRow, id: String, keys: Int) throws -> ScoringBound {
        let strict = StrictRow(row, table: "scoring_bounds", id: id)
        guard let tops = row.get(3, as: [UInt8].self), let salesKeys = row.get(4, as: [UInt8].self), tops.count % 4 == 0, salesKeys.count == 8 * keys else {
            throw strict.damaged("tops", "not a bound")
        }
        let topIDs = tops.withUnsafeBytes { raw in stride(from: 0, to: raw.count, by: 4).map { BoundScan.int32(raw, $0) } }
        return ScoringBound(followers: Int(try strict.int64(at: 0)), chrCeiling: Int(try strict.int64(at: 1)), samplesShipped: Int(try strict.int64(at: 2)),
                            tops: topIDs, salesKeys: salesKeys.withUnsafeBytes(Self.decodeKeys))
    }

    static func describeDifference(_ kept: ScoringRecord, _ history: ScoringRecord) -> String {
        if kept.creator != history.creator { return "the creator's fields" }
        if kept.violations != history.violations { return "violations (H-POINTS)" }
        if kept.quizzes != history.quizzes { return "policy quizzes (H-POINTS)" }
        if kept.earnings != history.earnings { return "earning weeks (H-POINTS)" }
        if kept.contentEvents != history.contentEvents { return "content events (P-COUNT)" }
        if kept.shipments != history.shipments { return "shipped samples (M-FULFIL)" }
        if kept.earlierAccountsOnDocument != history.earlierAccountsOnDocument { return "identity-document rank (E-IDDOC)" }
        if kept.settledSales != history.settledSales { return "settled sales sums (C-VALIDATE, M-SCORE)" }
        return "pilot sales (P-GRADUATE)"
    }
}

extension ScoringRecord {
    /// Adds an import's new rows for this creator (`ScoringAdditions`).
    mutating func add(_ addition: ScoringAdditions.Addition) -> Bool {
        add(violations: addition.violations, quizzes: addition.quizzes, contentEvents: addition.contentEvents, sums: addition.sums,
            earnings: addition.earnings, pilotSales: addition.pilotSales)
    }
}

/// One chunk of `saveRecords`, prepared on the helper cores: `result` is set before `group` is left.
private final class PreparedChunk: @unchecked Sendable {
    let group = DispatchGroup()
    var result: Result<[(StarMatchStore.PreparedRecord?, rebuild: String?)], any Error>?
}

/// A pointer handed to the slices of a parallel loop, each of which touches its own part of what it points to.
struct UnsafeSendable<Pointer>: @unchecked Sendable {
    let value: Pointer
    init(_ value: Pointer) { self.value = value }
}

/// The results of `parallelSlices`, one slot per slice, each written by its own slice.
private final class SliceResults<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<T, any Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ n: Int, _ result: Result<T, any Error>) { lock.withLock { slots[n] = result } }
    func values() throws -> [T] { try lock.withLock { slots }.map { try $0!.get() } }
}

extension ScoringBound {
    /// `scoring_bounds.tops` as stored: each top-level category id as 4 little-endian bytes.
    var topsBlob: [UInt8] { tops.flatMap { withUnsafeBytes(of: UInt32(bitPattern: $0).littleEndian, Array.init) } }
    /// `scoring_bounds.sales_keys` as stored: each key profile's key as 8 little-endian bytes (`decodeKeys` reads them).
    var salesKeysBlob: [UInt8] { salesKeys.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) } }
}

/// The sales pending at an instant (`StarMatchStore.pendingLines`): every line in one array, chained per creator, all
/// added (`sign` 1) or all taken away (−1), with each creator's `SalesKeyProfile.addedTotalBound` when added.
struct PendingLines {
    let sign: Int
    /// Creator id → slot.
    private(set) var slots: [String: Int32] = [:]
    /// By slot: the creator, its first and last line, and the sum of its lines' `addedLineBound`.
    private(set) var ids: [String] = []
    private var first: [Int32] = [], last: [Int32] = []
    private var boundSums: [Double] = []
    /// By line: the line and the next line of its creator (−1: none).
    private var lines: [PendingSale] = []
    private var next: [Int32] = []

    /// Empty lines of `sign`, with room for `capacity` lines (and as many creators) allocated at once.
    init(sign: Int, reserving capacity: Int = 0) {
        self.sign = sign
        guard capacity > 0 else { return }
        slots.reserveCapacity(capacity)
        ids.reserveCapacity(capacity)
        first.reserveCapacity(capacity)
        last.reserveCapacity(capacity)
        boundSums.reserveCapacity(capacity)
        lines.reserveCapacity(capacity)
        next.reserveCapacity(capacity)
    }

    /// The lines of a `pendingSales` dictionary, with `bound` giving each line's `addedLineBound`.
    init(_ pending: [String: [PendingSale]], bound: (SaleLine) -> Double) {
        sign = pending.values.first?.first?.sign ?? 1
        for (creator, lines) in pending {
            for p in lines { append(creator, p.line, bound: p.sign > 0 ? bound(p.line) : 0) }
        }
    }

    var isEmpty: Bool { ids.isEmpty }
    var creators: Int { ids.count }

    mutating func append(_ creator: String, _ line: SaleLine, bound: Double) {
        let index = Int32(lines.count)
        lines.append(PendingSale(line, sign: sign))
        next.append(-1)
        // Most creators have one line: inserted with one hash, put back when it was there.
        if let slot = slots.updateValue(Int32(ids.count), forKey: creator) {
            slots[creator] = slot
            next[Int(last[Int(slot)])] = index
            last[Int(slot)] = index
            boundSums[Int(slot)] += bound
        } else {
            ids.append(creator)
            first.append(index)
            last.append(index)
            boundSums.append(bound)
        }
    }

    /// The pending lines of creator `id`, in the order read (`[]` without any).
    func lines(of id: String) -> [PendingSale] {
        guard let slot = slots[id] else { return [] }
        return lines(slot: slot)
    }

    func lines(slot: Int32) -> [PendingSale] {
        var result: [PendingSale] = []
        var i = first[Int(slot)]
        while i >= 0 {
            result.append(lines[Int(i)])
            i = next[Int(i)]
        }
        return result
    }

    /// Creator `slot`'s `SalesKeyProfile.addedTotalBound` (the same sum and margin), when its lines are added.
    func addedTotalBound(slot: Int32) -> Double? { sign > 0 ? SalesKeyProfile.addedTotalBound(lineBounds: boundSums[Int(slot)]) : nil }

    /// As `pendingSales` returns them.
    var byCreator: [String: [PendingSale]] {
        var result: [String: [PendingSale]] = [:]
        result.reserveCapacity(ids.count)
        for (slot, id) in ids.enumerated() { result[id] = lines(slot: Int32(slot)) }
        return result
    }
}
