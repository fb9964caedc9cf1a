public import Foundation
import GRDB
public import StarMatchCore

/// File formats `import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    /// The format a file name implies (`.jsonl`/`.ndjson` are JSON Lines, anything else CSV).
    public static func infer(from url: URL) -> ImportFormat {
        ["jsonl", "ndjson"].contains(url.pathExtension.lowercased()) ? .jsonl : .csv
    }
}

/// How an import treats bad rows.
public struct ImportOptions: Sendable {
    /// Import the good rows and write the bad ones, with reasons, to `rejectsURL`.
    public var skipInvalid: Bool
    /// Where rejected rows go with `skipInvalid` (default: `FILE.rejects.csv` beside the input).
    public var rejectsURL: URL?
    /// The file format; inferred from the extension when `nil`.
    public var format: ImportFormat?
    /// Files up to this many bytes look up only the ids they name (`NamedIDs`); tests set it to compare both ways.
    var namedIDsLimitBytes = NamedIDs.smallFileBytes
    /// Sales files of more bytes than this (together) make a bulk import: the recent-sales index's horizon is
    /// moved up when it lags, and the index is remade at the end when the files are large against the table;
    /// tests lower it.
    var largeSalesBytes = 64 << 20
    /// PostgreSQL: from this file size on, an import into an empty table builds the table's secondary indexes after
    /// its rows (`Importer.run`).
    var indexRebuildBytes = 16 << 20

    public init(skipInvalid: Bool = false, rejectsURL: URL? = nil, format: ImportFormat? = nil) {
        self.skipInvalid = skipInvalid
        self.rejectsURL = rejectsURL
        self.format = format
    }
}

/// What an import did.
public struct ImportReport: Sendable, Codable, Equatable {
    public var kind: String
    public var file: String
    public var rowsRead: Int
    public var inserted: Int
    public var updated: Int
    /// Every problem of every rejected row (only with `skipInvalid`; otherwise the import fails).
    public var issues: [RowIssue]
    public var rejectedRows: Int
    /// Where the rejected rows were written, if any were.
    public var rejectsFile: String?
}

/// An import that changed nothing: the file could not be read, or rows were bad.
public struct ImportFailure: Error, CustomStringConvertible, Sendable {
    public var kind: ImportKind
    public var file: String
    /// Every problem found; each names its line and column.
    public var issues: [RowIssue]
    public var rowsRead: Int

    public var description: String {
        let rows = Set(issues.map(\.line)).count
        return "\(file): \(rows) bad row\(rows == 1 ? "" : "s") in \(kind.rawValue) import (\(rowsRead) read); nothing imported"
    }
}

/// Progress of a running import, for a terminal progress bar.
public struct ImportProgress: Sendable {
    public var file: String
    public var bytesRead: Int
    public var bytesTotal: Int
    public var rows: Int
}

extension StarMatchStore {
    /// Imports one file in one transaction: all good rows or (without `skipInvalid`) nothing.
    /// - Throws: `ImportFailure` naming every bad row; `StoreError` when the file cannot be read.
    @discardableResult
    public func importFile(
        kind: ImportKind, at url: URL, options: ImportOptions = ImportOptions(),
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) throws -> ImportReport {
        try importFiles([(kind, url)], options: options, progress: progress)[0]
    }

    /// Imports several files in one transaction (used by `seed`): if any fails, none is imported.
    public func importFiles(
        _ files: [(ImportKind, URL)], options: ImportOptions = ImportOptions(),
        progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) throws -> [ImportReport] {
        defer { entityCache.invalidate() }
        return try withBulkJournal { try sqlWrite { db in
            // Bulk loads touch every page of the tables they grow; a large page cache on the one writer
            // connection keeps SQLite from spilling mid-transaction (readers keep the default).
            if db.backend == .sqlite { try db.execute("PRAGMA cache_size = -524288", []) }
            var reports: [ImportReport] = []
            var change = ScoringChange()
            var additions: [ScoringAdditions] = []
            // A large sales import moves the recent-sales index's horizon up first, when it lags (a history import
            // into a fresh file: from every sale to those near the settled boundary), so that the index keeps only
            // the recent sales.
            let salesBytes = files.reduce(0) { sum, file in
                file.0 != .sales ? sum : sum + Self.fileBytes(file.1.path)
            }
            // The horizon the recent-sales index ends the import with, when the import remakes that index at its
            // end instead of growing it row by row (`nil`: the index grows with the rows).
            var remadeHorizon: Int64?
            if salesBytes > options.largeSalesBytes {
                let settled = max(validatedThrough(settleClock()), try Self.storedFrame(db)?.settledThrough ?? .min)
                let current = try Self.recentSalesHorizon(db)
                let horizon = current < settled - Self.recentSalesLag ? settled - Self.recentSalesReach : current
                // A file's sales come in creator order, so its recent ones land all over an index by instant: a
                // page read and split each. When the file is large against the table (a history import), one sort
                // of the whole table's recent sales at the end costs less (measured: 9.7 M sales into an empty
                // table: Benchmarks/README.md, "Issue 13, session of 2026-12-01 (sixth)").
                let storedSales = try db.value("SELECT COUNT(*) FROM sales", as: Int.self) ?? 0
                if storedSales <= 4 * (salesBytes / Self.typicalSaleLineBytes) {
                    try db.execute("DROP INDEX IF EXISTS sales_recent", [])
                    remadeHorizon = horizon
                } else if horizon != current {
                    try Self.moveRecentSalesHorizon(db, to: horizon)
                }
            }
            for (n, (kind, url)) in files.enumerated() {
                // Several files into a database whose scoring state is not built, or was built for other categories
                // (a fresh file: its categories come first): the state is built from what the earlier files stored
                // before the first file whose rows it gathers, so that file and those after it are added to the
                // state as they are read, instead of the whole history being read back for a rebuild at the end
                // (`seed` of a generated million creators: Benchmarks/README.md, "Session of 2026-12-03 (fourth)").
                if n > 0, Importer.gathersAdditions(kind), try Self.scoringAdditions(db, bulk: false, config: config) == nil {
                    try dataChanged(db, change, additions: additions)
                    change = ScoringChange()
                    additions = []
                }
                let importer = try Importer(db: db, kind: kind, config: config, url: url, options: options, progress: progress)
                reports.append(try importer.run())
                change.formUnion(importer.change)
                if let added = importer.additions { additions.append(added) }
            }
            if let remadeHorizon { try Self.moveRecentSalesHorizon(db, to: remadeHorizon) }
            if reports.contains(where: { $0.inserted + $0.updated > 0 }) { try dataChanged(db, change, additions: additions) }
            return reports
        } }
    }
}

extension StarMatchStore {
    /// The size in bytes of the file at `path`; 0 when it cannot be read (what reads it then says why).
    public static func fileBytes(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}

/// The ids and categories rows may refer to, from the database plus the rows imported so far.
struct References: ReferenceLookup {
    var categories: Set<String> = []
    var shops: Set<String> = []
    var creators: Set<String> = []
    /// The campaigns sales lines may name, with their shops.
    var campaigns: [String: String] = [:]
    /// The products campaigns and sales lines may name: shop and category by id.
    var products: [String: ProductReference] = [:]
    /// E-HANDLE: the handle keys of the stored creators (read before a creators file is imported, off the
    /// `handle_key` index: rows are validated off the database's thread) and of the creators earlier in the file.
    var handles: [String: String] = [:]

    func hasCategory(_ path: CategoryPath) -> Bool { categories.contains(path.rawValue) }
    func hasShop(_ id: ShopID) -> Bool { shops.contains(id.rawValue) }
    func hasCreator(_ id: CreatorID) -> Bool { creators.contains(id.rawValue) }
    func campaignShop(_ id: CampaignID) -> ShopID? { campaigns[id.rawValue].map { ShopID($0) } }
    func product(_ id: ProductID) -> ProductReference? { products[id.rawValue] }
    func creatorHolding(handleKey: String, other id: CreatorID) -> CreatorID? {
        if let holder = handles[handleKey], holder != id.rawValue { return CreatorID(holder) }
        return nil
    }

    static func ids(_ db: any SQLSession, _ sql: String) throws -> Set<String> {
        var set = Set<String>()
        if let sqlite = (db as? SQLiteSession)?.db {  // a million creator ids for a sales import
            let cursor = try String.fetchCursor(sqlite, sql: sql)
            while let id = try cursor.next() { set.insert(id) }
            return set
        }
        let cursor = try db.cursor(sql, [])
        while let row = try cursor.next() { if let id = row.get(0, as: String.self) { set.insert(id) } }
        return set
    }

    /// The ids of `table` (`key` column) among `candidates`, by one primary-key lookup each: O(k log n) for k
    /// candidates, where `ids` reads the whole table.
    static func ids(_ db: any SQLSession, table: String, key: String, among candidates: Set<String>) throws -> Set<String> {
        var found = Set<String>()
        if let sqlite = (db as? SQLiteSession)?.db {  // one prepared statement, no row objects
            let statement = try sqlite.makeStatement(sql: "SELECT 1 FROM \(table) WHERE \(key) = ?")
            for id in candidates where try Bool.fetchOne(statement, arguments: [id]) != nil { found.insert(id) }
            return found
        }
        // PostgreSQL: every candidate in one statement (a round trip each would cost more than the lookups).
        for row in try db.rows("SELECT \(key) FROM \(table) WHERE \(key) IN (\(db.jsonTexts))", [try db.jsonTextsArgument(candidates)]) {
            if let id = row.get(0, as: String.self) { found.insert(id) }
        }
        return found
    }

    /// - Parameters:
    ///   - creatorsAmong: when given (a small file), only these creators are looked up instead of reading every
    ///     creator id.
    ///   - handlesAmong: likewise for a small creators file, the handle keys it names (E-HANDLE).
    init(db: any SQLSession, kind: ImportKind, creatorsAmong: Set<String>? = nil, handlesAmong: Set<String>? = nil) throws {
        if kind != .contentEvents && kind != .violations && kind != .quizzes {
            categories = try Self.ids(db, "SELECT path FROM categories")
        }
        if [.creators, .campaigns, .sales, .products].contains(kind) { shops = try Self.ids(db, "SELECT id FROM shops") }
        if kind == .campaigns || kind == .sales || kind == .products {
            // For a products import, whether lines name each one (`ProductReference.named`: what may not change).
            let named = kind == .products ? "EXISTS (SELECT 1 FROM sales s WHERE s.product_id = p.id)" : "1 = 0"
            let rows = try db.cursor("SELECT p.id, p.shop_id, p.category, p.currency, CASE WHEN \(named) THEN 1 ELSE 0 END FROM products p", [])
            while let row = try rows.next() {
                let strict = StrictRow(row, table: "products", id: row.get(0, as: String.self) ?? "?")
                products[try strict.text(at: 0)] = ProductReference(shop: ShopID(try strict.text(at: 1)), category: CategoryPath(try strict.text(at: 2)),
                                                                   currency: try strict.text(at: 3), named: try strict.int64(at: 4) != 0)
            }
        }
        if [.sales, .contentEvents, .violations, .quizzes].contains(kind) {
            if let creatorsAmong {
                creators = try Self.ids(db, table: "creators", key: "id", among: creatorsAmong)
            } else {
                creators = try Self.ids(db, "SELECT id FROM creators")
            }
        }
        if kind == .sales {
            for row in try db.rows("SELECT id, shop_id FROM campaigns", []) {
                if let id = row.get(0, as: String.self) { campaigns[id] = row.get(1, as: String.self) }
            }
        }
        if kind == .creators, let handlesAmong {
            // The first id of a key, should older data hold duplicates.
            if db.backend == .sqlite {
                for key in handlesAmong {
                    handles[key] = try db.value("SELECT id FROM creators WHERE handle_key = ? ORDER BY id LIMIT 1", [.text(key)], as: String.self)
                }
            } else {
                // PostgreSQL: one statement for every key (descending: the first id of a key is the one kept).
                for row in try db.rows("SELECT handle_key, id FROM creators WHERE handle_key IN (\(db.jsonTexts)) ORDER BY handle_key DESC, id DESC",
                                       [try db.jsonTextsArgument(handlesAmong)]) {
                    if let key = row.get(0, as: String.self), let id = row.get(1, as: String.self) { handles[key] = id }
                }
            }
        } else if kind == .creators {
            let rows = try db.cursor("SELECT handle_key, id FROM creators \(db.backend == .sqlite ? "INDEXED BY creators_handle_key" : "") ORDER BY handle_key DESC, id DESC", [])
            // Descending, so that the first id of a key (older data may hold duplicates) is the one kept.
            while let row = try rows.next() {
                if let key = row.get(0, as: String.self), let id = row.get(1, as: String.self) { handles[key] = id }
            }
        }
    }
}

/// The ids a small import file names — its rows' own ids and the creators they refer to — read before the
/// import so that only those are looked up in the database (a k-row import then costs O(k log n), not a read
/// of every id of the tables). Rows too broken to name them are left to the import's own checks.
struct NamedIDs {
    /// Files up to this size are read twice (names first); larger ones load every id once instead.
    static let smallFileBytes = 4 << 20

    var ids = Set<String>()
    var creators = Set<String>()
    /// The handle keys of a creators file's rows (E-HANDLE, `Creator.handleKey`).
    var handles = Set<String>()

    init(_ raw: UnsafeRawBufferPointer, format: ImportFormat, kind: ImportKind) {
        let fields = kind.schema.fields
        let creatorField = fields.firstIndex { $0.member == "creator" }
        let handleField = kind == .creators ? fields.firstIndex { $0.member == "handle" } : nil
        switch format {
        case .csv:
            var parser = CSVParser(bytes: raw)
            guard let header = parser.next(), header.problem == nil else { return }
            let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            let idPosition = names.firstIndex(of: fields[0].column)
            let creatorPosition = creatorField.flatMap { names.firstIndex(of: fields[$0].column) }
            let handlePosition = handleField.flatMap { names.firstIndex(of: fields[$0].column) }
            while let record = parser.next() {
                if let p = idPosition, p < record.fields.count { ids.insert(record.fields[p]) }
                if let p = creatorPosition, p < record.fields.count { creators.insert(record.fields[p]) }
                if let p = handlePosition, p < record.fields.count { handles.insert(Creator.handleKey(record.fields[p])) }
                parser.recycle(record)
            }
        case .jsonl:
            let decoder = JSONDecoder()
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
                start = end + 1
                guard let value = try? decoder.decode(JSONValue.self, from: Data(slice)), case .object(let object) = value else { continue }
                if case .string(let id)? = object[fields[0].member] { ids.insert(id) }
                if let c = creatorField, case .string(let creator)? = object[fields[c].member] { creators.insert(creator) }
                if let h = handleField, case .string(let handle)? = object[fields[h].member] { handles.insert(Creator.handleKey(handle)) }
            }
        }
    }
}

/// Reads one file, converts each row to its typed entity (CSV: `RowValidator`; JSON Lines: `JSONRecords`),
/// validates it with the entity's one validation, and upserts the good ones.
///
/// Two threads share the work: a producer parses and validates (it owns every field below but `db` and
/// `statement`), the caller's thread — GRDB's writer, inside the transaction — binds and inserts the
/// validated records it receives in batches. Either side's failure stops both; the transaction then rolls back.
final class Importer: @unchecked Sendable {
    let db: any SQLSession
    let kind: ImportKind
    let url: URL
    let options: ImportOptions
    let progress: (@Sendable (ImportProgress) -> Void)?
    let validator: RowValidator
    let columns: [ImportColumn]
    var refs: References
    let existing: Set<String>
    var seen: Set<String> = []
    /// The creators whose scoring records the rows change (the parsing thread's: the rows' own creators).
    var change = ScoringChange()
    /// The creators of the stored rows the rows replace (the inserting thread's, read before each batch).
    var replacedChange = ScoringChange()
    /// New violations, content events and sales, gathered for their creators' records (the parsing thread's);
    /// `nil` while the scoring state is not built.
    let additions: ScoringAdditions?
    var issues: [RowIssue] = []
    var rejected: [(line: Int, fields: [String?], reasons: [RowIssue])] = []
    var rowsRead = 0
    var inserted = 0
    var updated = 0
    /// The upsert of one row (`UpsertSQL.Table.sql`), and on SQLite the statement prepared from it.
    let sql: String
    let statement: Statement?
    let table: UpsertSQL.Table
    /// Batches of rows, each with the ids among them that replace stored rows of a kind with a creator.
    let channel = BatchChannel<(rows: BindBatch, replaced: [String])>()
    /// Ids in `batch` that replace stored rows whose creator the scoring state must hear about.
    var replacedInBatch: [String] = []
    var batch: BindBatch
    /// The file's bytes (`snapshot`).
    let data: Data
    let columnCount: Int

    init(db: any SQLSession, kind: ImportKind, config: PolicyConfig, url: URL, options: ImportOptions,
         progress: (@Sendable (ImportProgress) -> Void)?) throws {
        self.db = db
        self.kind = kind
        self.url = url
        self.options = options
        self.progress = progress
        self.validator = RowValidator(kind: kind, config: config)
        self.columns = kind.columns
        let table = UpsertSQL.table(kind)
        // The file is read once, here: everything below and `run` see the same bytes.
        let data = try Self.snapshot(url, name: url.path)
        self.data = data
        // A small file: only the ids it names are looked up (see `NamedIDs`).
        let named: NamedIDs?
        if data.count <= options.namedIDsLimitBytes {
            named = data.withUnsafeBytes { NamedIDs($0, format: options.format ?? ImportFormat.infer(from: url), kind: kind) }
        } else {
            named = nil
        }
        self.refs = try References(db: db, kind: kind, creatorsAmong: named?.creators, handlesAmong: named?.handles)
        if let named {
            self.existing = try References.ids(db, table: table.name, key: table.key, among: named.ids)
        } else {
            self.existing = try References.ids(db, "SELECT \(table.key) FROM \(table.name)")
        }
        self.sql = table.sql
        self.table = table
        self.statement = try (db as? SQLiteSession).map { try $0.db.makeStatement(sql: table.sql) }
        self.columnCount = table.columns.count
        self.batch = BindBatch(width: table.columns.count, capacity: 2048)
        // A small file's sales stay with their records until the record decides (no read of every pilot).
        self.additions = !Self.gathersAdditions(kind) ? nil
            : try StarMatchStore.scoringAdditions(db, bulk: kind != .creators && named == nil, config: config)
    }

    var fileName: String { url.path }

    /// Whether an import of `kind` gathers its rows for the scoring state as it reads them (`ScoringAdditions`):
    /// new creators, and the rows kept in creators' records.
    static func gathersAdditions(_ kind: ImportKind) -> Bool { kind == .creators || ScoringChange.creatorTable(kind) != nil }

    func failure(_ issues: [RowIssue]) -> ImportFailure {
        ImportFailure(kind: kind, file: fileName, issues: issues, rowsRead: rowsRead)
    }

    /// The file's bytes, read into memory (not mapped: a file truncated under a mapping kills the process with
    /// SIGBUS), and the same file before and after the read — a file that changes while it is read is refused.
    /// - Throws: `StoreError` naming the file and what to do.
    static func snapshot(_ url: URL, name: String) throws -> Data {
        func stamp() throws -> (size: UInt64, modified: Date?) {
            let attributes: [FileAttributeKey: Any]
            do {
                attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            } catch {
                let exists = FileManager.default.fileExists(atPath: url.path)
                throw StoreError("\(name): " + (exists ? "cannot be read (check its permissions)" : "no such file"))
            }
            return ((attributes[.size] as? NSNumber)?.uint64Value ?? 0, attributes[.modificationDate] as? Date)
        }
        let before = try stamp()
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw StoreError("\(name): cannot be read (check that it is a readable file, not a folder)")
        }
        let after = try stamp()
        guard before.size == after.size, before.modified == after.modified, UInt64(data.count) == after.size else {
            throw StoreError("\(name): the file changed while it was read (\(before.size) bytes, then \(after.size)); nothing imported — import it again once it is complete")
        }
        return data
    }

    func run() throws -> ImportReport {
        // PostgreSQL, a large file into an empty table (a first load): the table's secondary indexes are dropped and
        // built again from their definitions once the rows are in — a sort instead of a million random inserts (1M
        // creators: 3.97 s + 1.72 s against 8.55 s, measured with psql). In the import's transaction, so a failure
        // restores them; other processes' reads of the table wait for the import, which holds its new rows anyway.
        var rebuiltIndexes: [String] = []
        if let postgres = db as? PostgresSession, existing.isEmpty, data.count >= options.indexRebuildBytes {
            rebuiltIndexes = try postgres.dropSecondaryIndexes(of: table.name)
        }
        let report = try insertRows()
        for definition in rebuiltIndexes { try db.execute(definition, []) }
        return report
    }

    private func insertRows() throws -> ImportReport {
        let data = self.data
        seen.reserveCapacity(min(data.count / 96, 20_000_000))
        let format = options.format ?? ImportFormat.infer(from: url)
        let done = DispatchSemaphore(value: 0)
        try data.withUnsafeBytes { raw in
            let bytes = UnsafeSendable(raw)  // valid while `run` waits for the producer
            let producer = Thread { [self] in
                Thread.current.name = "import-parse"
                do {
                    switch format {
                    case .csv: try readCSV(bytes.value)
                    case .jsonl: try readJSONLines(bytes.value)
                    }
                    flushBatch()
                    channel.finish(error: nil)
                } catch {
                    channel.finish(error: error)
                }
                done.signal()
            }
            producer.stackSize = 8 << 20
            producer.start()
            defer { done.wait() }  // the mapped bytes must outlive the producer
            do {
                while let batch = channel.take() {
                    if let table = ScoringChange.creatorTable(kind) {
                        for id in batch.replaced { try replacedChange.noteReplaced(table: table, id: id, db) }
                    }
                    if let statement, let sqlite = db as? SQLiteSession {
                        try batch.rows.execute(statement, sqlite.db)
                    } else if let postgres = db as? PostgresSession {
                        // One COPY per batch, not a round trip per row: rows that are all new straight into the table, others
                        // through a staging table and one upsert.
                        if batch.rows.replaces {
                            try postgres.copyUpsert(into: table.name, columns: table.columns, key: table.key, updates: table.updates, batch.rows.copyText())
                        } else {
                            try postgres.copy(into: table.name, columns: table.columns, batch.rows.copyText())
                        }
                    } else {
                        try batch.rows.execute(sql, db)
                    }
                }
            } catch {
                channel.cancel()
                throw error
            }
        }
        if let error = channel.producerError { throw error }
        change.formUnion(replacedChange)
        if !issues.isEmpty && !options.skipInvalid { throw failure(issues) }
        var rejectsFile: String?
        if !rejected.isEmpty {
            let target = options.rejectsURL ?? URL(fileURLWithPath: url.path + ".rejects.csv")
            try writeRejects(to: target)
            rejectsFile = target.path
        }
        return ImportReport(
            kind: kind.rawValue, file: fileName, rowsRead: rowsRead, inserted: inserted, updated: updated,
            issues: issues, rejectedRows: rejected.count, rejectsFile: rejectsFile)
    }

    /// Hands the pending records to the inserting thread.
    func flushBatch() {
        guard !batch.isEmpty else { return }
        _ = channel.put((batch, replacedInBatch))
        batch = BindBatch(width: columnCount, capacity: 2048)
        replacedInBatch = []
    }

    // MARK: CSV

    func readCSV(_ raw: UnsafeRawBufferPointer) throws {
        var parser = CSVParser(bytes: raw)
        guard let header = parser.next() else { throw failure([RowIssue(line: 1, column: nil, reason: "the file is empty: expected a header line")]) }
        if let problem = header.problem { throw failure([RowIssue(line: 1, column: nil, reason: "header: \(problem)")]) }
        let mapping = try headerMapping(header.fields.map { $0.trimmingCharacters(in: .whitespaces) })
        var fields = [String?](repeating: nil, count: columns.count)
        while let record = parser.next() {
            if channel.isCancelled { return }
            rowsRead += 1
            if rowsRead & 0xFFFF == 0 { report(parser.position, raw.count) }
            for i in fields.indices { fields[i] = nil }
            if let problem = record.problem {
                reject(RawRow(line: record.line, fields: fields), [RowIssue(line: record.line, column: nil, reason: problem)])
                continue
            }
            if record.fields.count != mapping.count {
                reject(RawRow(line: record.line, fields: fields),
                    [RowIssue(line: record.line, column: nil, reason: "expected \(mapping.count) fields like the header, found \(record.fields.count)")])
                continue
            }
            for (position, target) in mapping.enumerated() where target >= 0 { fields[target] = record.fields[position] }
            let line = record.line
            parser.recycle(record)
            try accept(RawRow(line: line, fields: fields))
        }
        report(raw.count, raw.count)
    }

    /// Maps header positions to column indexes; refuses unknown, repeated and missing required columns.
    func headerMapping(_ names: [String]) throws -> [Int] {
        var mapping: [Int] = []
        var problems: [RowIssue] = []
        for name in names {
            // A rejects file's own columns (`writeRejects`): ignored, so a fixed rejects file imports as it is.
            if name == "_line" || name == "_errors" {
                mapping.append(-1)
                continue
            }
            if let index = columns.firstIndex(where: { $0.name == name }) {
                if mapping.contains(index) { problems.append(RowIssue(line: 1, column: name, reason: "column appears twice in the header")) }
                mapping.append(index)
            } else {
                problems.append(RowIssue(line: 1, column: name, reason: "unknown column for \(kind.rawValue) (known: \(columns.map(\.name).joined(separator: ", ")))"))
                mapping.append(-1)
            }
        }
        for (i, column) in columns.enumerated() where column.required && !mapping.contains(i) {
            problems.append(RowIssue(line: 1, column: column.name, reason: "required column is missing from the header"))
        }
        if !problems.isEmpty { throw failure(problems) }
        return mapping
    }

    // MARK: JSON Lines

    /// One JSON object per line, read by the JSON adapter (`JSONRecords`): the API's member names and strictness.
    func readJSONLines(_ raw: UnsafeRawBufferPointer) throws {
        let decoder = JSONDecoder()
        let schema = kind.schema
        var line = 0
        var start = 0
        let bytes = raw.bindMemory(to: UInt8.self)
        let empty = [String?](repeating: nil, count: columns.count)
        while start < bytes.count {
            line += 1
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            start = end + 1
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if channel.isCancelled { return }
            rowsRead += 1
            if rowsRead & 0xFFFF == 0 { report(start, bytes.count) }
            guard slice.count <= 1 << 20 else {
                reject(RawRow(line: line, fields: empty), [RowIssue(line: line, column: nil, reason: "line is longer than 1 MiB")])
                continue
            }
            let value: JSONValue
            do {
                value = try decoder.decode(JSONValue.self, from: Data(slice))
            } catch {
                reject(RawRow(line: line, fields: empty), [RowIssue(line: line, column: nil, reason: "not valid JSON: \(Self.describe(error))")])
                continue
            }
            guard case .object(let object) = value else {
                reject(RawRow(line: line, fields: empty), [RowIssue(line: line, column: nil, reason: "expected a JSON object, got \(value.typeName)")])
                continue
            }
            // The fields as CSV text, for a rejects file.
            let fields = schema.fields.map { object[$0.member]?.csvText }
            if let pointer = DuplicateKeys.first(in: slice) {
                reject(RawRow(line: line, fields: fields), [RowIssue(line: line, column: String(pointer.dropFirst()),
                    reason: "member appears twice in one object: which one counts would be a guess")])
                continue
            }
            let (record, problems) = JSONRecords.decode(kind, object, refs: refs, config: validator.config)
            guard let record else {
                reject(RawRow(line: line, fields: fields), problems.map { RowIssue(line: line, column: $0.member, rule: $0.rule, reason: $0.reason) })
                continue
            }
            try store(record, RawRow(line: line, fields: fields), idColumn: schema.fields[0].member)
        }
        report(bytes.count, bytes.count)
    }

    static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return (context.underlyingError.map { "\($0.localizedDescription)" }) ?? context.debugDescription
        }
        if case DecodingError.typeMismatch(_, let context) = error { return context.debugDescription }
        return "invalid JSON"
    }

    // MARK: Rows

    /// A CSV row: the CSV adapter converts and validates it.
    func accept(_ row: RawRow) throws {
        switch validator.validate(row, refs: refs) {
        case .failure(let bad): reject(row, bad.issues)
        case .success(let record): try store(record, row, idColumn: columns[0].name)
        }
    }

    /// A valid record: refused when its id came earlier in the file, else queued for the upsert.
    func store(_ record: ImportRecord, _ row: RawRow, idColumn: String) throws {
        let id = record.id
        guard seen.insert(id).inserted else {
            reject(row, [RowIssue(line: row.line, column: idColumn, reason: "duplicate id '\(id)' (already earlier in this file)")])
            return
        }
        if issues.isEmpty || options.skipInvalid {  // otherwise the import fails: validate only
            UpsertSQL.encode(record, schema: validator.schema, into: &batch)
            if existing.contains(id) {
                batch.replaces = true
                change.note(record)
                if ScoringChange.creatorTable(kind) != nil { replacedInBatch.append(id) }
            } else if additions?.add(record) != true {
                change.note(record)
            }
            if batch.rows >= 2048 { flushBatch() }
        }
        if existing.contains(id) { updated += 1 } else { inserted += 1 }
        // Only categories refer to rows of their own kind (their parents); no other kind does.
        if case .category(let category) = record { refs.categories.insert(category.path.rawValue) }
        if case .creator(let creator) = record { refs.handles[creator.handleKey] = id }
    }

    func reject(_ row: RawRow, _ problems: [RowIssue]) {
        issues += problems
        if options.skipInvalid { rejected.append((row.line, row.fields, problems)) }
    }

    func report(_ done: Int, _ total: Int) {
        progress?(ImportProgress(file: fileName, bytesRead: done, bytesTotal: total, rows: rowsRead))
    }

    func writeRejects(to target: URL) throws {
        var text = CSVWriter.line(columns.map(\.name) + ["_line", "_errors"])
        for row in rejected {
            let reasons = row.reasons.map { issue in
                (issue.column.map { "\($0): " } ?? "") + (issue.rule.map { "\($0): " } ?? "") + issue.reason
            }.joined(separator: "; ")
            text += CSVWriter.line(row.fields.map { $0 ?? "" } + [String(row.line), reasons])
        }
        do {
            try text.write(to: target, atomically: true, encoding: .utf8)
        } catch {
            throw StoreError("\(FileProblem.cannotWrite(target.path, error)) (the rejected rows); nothing imported")
        }
    }
}

/// A bounded hand-off of batches from one producer thread to one consumer thread.
final class BatchChannel<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var batches: [Element] = []
    private var finished = false
    private var cancelled = false
    private(set) var producerError: (any Error)?
    private let capacity = 8

    var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    /// Queues a batch, waiting while the queue is full. Returns false when the consumer gave up.
    func put(_ batch: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// The next batch, or `nil` once the producer has finished and the queue is empty.
    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        if batches.isEmpty { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    func finish(error: (any Error)?) {
        condition.lock()
        producerError = error
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

extension ImportFailure: DomainErrorConvertible {
    /// Bad input (CLI exit 2, HTTP 422): every bad row is named in `issues`; nothing was imported.
    public var domainError: DomainError {
        DomainError(.invalidInput, description, issues: issues.map {
            DomainError.Issue($0.column.map { .member($0) }, rule: $0.rule, detail: "line \($0.line): \($0.reason)")
        })
    }
}
