import Crypto
import Foundation
import GRDB
public import StarMatchCore

/// The health of the database file: SQLite's integrity and foreign-key checks, row counts and, on request,
/// a content hash per table (equal hashes: equal content, whatever the page layout). Each check runs on its own,
/// so a damaged table still leaves a report that names it (`failures`).
public struct CheckReport: Sendable, Codable, Equatable {
    /// A check that failed, and what it found in words.
    public struct Failure: Sendable, Codable, Equatable {
        /// `integrity`, `foreign keys`, `rows of TABLE` or `hash of TABLE`.
        public var check: String
        public var finding: String

        public init(check: String, finding: String) {
            self.check = check
            self.finding = finding
        }
    }

    /// SQLite's `PRAGMA integrity_check` lines (`["ok"]` for a whole file; empty when the check could not run).
    public var integrity: [String]
    /// Rows whose reference points nowhere (`PRAGMA foreign_key_check`); `nil` when the check could not run.
    public var foreignKeyViolations: Int?
    /// `nil` when a table cannot be read (its `rows of TABLE` failure says which).
    public var counts: StoreCounts?
    /// SHA-256 of every row of each table, in key order.
    public var hashes: [String: String]?
    /// Every check that failed, in the order they ran; empty for a whole database.
    public var failures: [Failure]
    public var ok: Bool { failures.isEmpty }

    public init(integrity: [String], foreignKeyViolations: Int?, counts: StoreCounts?, hashes: [String: String]?, failures: [Failure]) {
        self.integrity = integrity
        self.foreignKeyViolations = foreignKeyViolations
        self.counts = counts
        self.hashes = hashes
        self.failures = failures
    }
}

extension StarMatchStore {
    static let checkedTables = [
        ("categories", "path"), ("shops", "id"), ("products", "id"), ("creators", "id"), ("campaigns", "id"), ("sales", "id"), ("content_events", "id"),
        ("violations", "id"), ("quizzes", "id"), ("batch_runs", "id"), ("batch_matches", "run_id, creator_id, campaign_id"),
        ("batch_campaigns", "run_id, campaign_id"), ("matches", "id"), ("match_events", "match_id, seq"), ("api_keys", "id"), ("meta", "key"),
    ]

    /// Runs every check, each on its own: one that fails (a damaged table) is named in `failures` and the others
    /// still run. Reads only.
    public func check(hashes: Bool = false) throws -> CheckReport {
        if postgres != nil { return try serverCheck(hashes: hashes) }
        // Outside a transaction: after SQLite meets a damaged page, even a read transaction's COMMIT fails, and the
        // report would be lost with it. Each check is one statement (or one cursor), its own snapshot.
        return try writer.unsafeRead { db in
            var failures: [CheckReport.Failure] = []
            /// The check's result, or `nil` with a failure naming the check (a database error in words).
            func attempt<T>(_ check: String, _ body: () throws -> T) -> T? {
                do { return try body() } catch {
                    failures.append(.init(check: check, finding: Self.finding(error)))
                    return nil
                }
            }
            let integrity = Self.pragmaLines(db, "PRAGMA integrity_check")
            if integrity != ["ok"] {
                let shown = Self.problemLines(integrity)
                failures.append(.init(check: "integrity", finding: shown.count == 1 ? shown[0] : "\(shown.count)\(shown.count >= 100 ? " or more" : "") problems: "
                    + shown.prefix(5).joined(separator: "; ") + (shown.count > 5 ? "; …" : "")))
            }
            let foreignKeys = attempt("foreign keys") { try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
            if let foreignKeys, let first = foreignKeys.first {
                failures.append(.init(check: "foreign keys", finding: "\(foreignKeys.count) rows refer to rows that do not exist (first in \(first[0] as String? ?? "?"))"))
            }
            var counted: [String: Int] = [:]
            for (table, _) in Self.checkedTables {
                counted[table] = attempt("rows of \(table)") { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
            }
            // When the file is damaged, say where: every table is read whole (the hashes below read the data tables
            // anyway), the scoring state's too.
            if !failures.isEmpty {
                let every = (try? String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")) ?? []
                let hashed = hashes ? Set(Self.checkedTables.map(\.0)) : []
                let named = Set(failures.map(\.check))
                for table in every where !named.contains("rows of \(table)") && !hashed.contains(table) {
                    _ = attempt("rows of \(table)") {
                        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table)")
                        while try rows.next() != nil {}
                    }
                }
            }
            var digests: [String: String]?
            if hashes {
                digests = [:]
                for (table, key) in Self.checkedTables {
                    digests?[table] = attempt("hash of \(table)") {
                        var digest = TableDigest()
                        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(key)")
                        while let row = try rows.next() { digest.add(row.databaseValues.lazy.map(\.description)) }
                        return digest.hex
                    }
                }
            }
            // The counts, from those taken above (a table that could not be counted leaves them out).
            struct Uncounted: Error {}
            let counts = try? StoreCounts { table in
                guard let n = counted[table] else { throw Uncounted() }
                return n
            }
            return CheckReport(integrity: integrity, foreignKeyViolations: foreignKeys?.count, counts: counts, hashes: digests, failures: failures)
        }
    }

    /// `check` on PostgreSQL: row counts and (with `hashes`) the same content hashes as on SQLite (equal data gives
    /// equal hashes on both backends), in one snapshot. The integrity of pages is the server's (data checksums,
    /// `pg_amcheck`): `integrity` stays empty ("not run"); references are enforced by the server's foreign keys on
    /// every write, so none can point nowhere.
    func serverCheck(hashes: Bool) throws -> CheckReport {
        try sqlRead { db in
            let counts = try StoreCounts.fetch(db)
            var digests: [String: String]?
            if hashes {
                digests = [:]
                for (table, key) in Self.checkedTables {
                    var digest = TableDigest()
                    let rows = try db.cursor("SELECT * FROM \(table) ORDER BY \(key)", [])
                    while let row = try rows.next() { digest.add(row.values.lazy.map(\.checkText)) }
                    digests?[table] = digest.hex
                }
            }
            return CheckReport(integrity: [], foreignKeyViolations: 0, counts: counts, hashes: digests, failures: [])
        }
    }

    /// SQLite's quick check (`PRAGMA quick_check`: every page and record readable and well formed, without
    /// comparing indexes with their tables): the findings, empty for a whole file. It reads the whole file (at a
    /// million creators, 20 s warm and up to 100 s cold here), on a reader of its own: writes go on meanwhile.
    /// On PostgreSQL the server keeps its own pages (checksums, `pg_amcheck`): the check is a trivial read, and its
    /// finding is the server's error if it cannot answer.
    /// - Returns: findings in words (`[]`: passed).
    public func quickCheck() -> [String] {
        if let postgres {
            do {
                try postgres.ping()
                return []
            } catch {
                return [Self.finding(error)]
            }
        }
        do {
            // A connection of its own, opened for the check: the pool's connections keep pages in their caches, and a
            // page damaged on disk since they read it would pass unseen.
            let lines: [String]
            let writer = try writer
            if !writer.path.isEmpty && writer.path != ":memory:" {
                var configuration = Configuration()
                configuration.readonly = true
                let fresh = try DatabaseQueue(path: writer.path, configuration: configuration)
                lines = try fresh.unsafeRead { db in Self.pragmaLines(db, "PRAGMA quick_check") }
                try fresh.close()
            } else {
                lines = try writer.unsafeRead { db in Self.pragmaLines(db, "PRAGMA quick_check") }
            }
            return lines == ["ok"] ? [] : Self.problemLines(lines)
        } catch {
            return [Self.finding(error)]
        }
    }

    /// A checking pragma's problems, one per line (a row may hold several lines, under a `*** in database main ***`
    /// heading that says nothing).
    static func problemLines(_ rows: [String]) -> [String] {
        rows.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") && !$0.isEmpty }
    }

    /// The lines of a checking pragma (`integrity_check`, `quick_check`); when SQLite gives up part way on a damaged
    /// page, the lines so far and the finding of the error that stopped it.
    static func pragmaLines(_ db: Database, _ sql: String) -> [String] {
        var lines: [String] = []
        do {
            let cursor = try String.fetchCursor(db, sql: sql)
            while let line = try cursor.next() { lines.append(line) }
        } catch {
            lines.append("SQLite stopped checking: \(finding(error))")
        }
        return lines
    }

    /// A database error as a check's finding: what is wrong and what to do, never SQLite's bare text alone.
    static func finding(_ error: any Error) -> String {
        if let database = error as? DatabaseError, database.resultCode == .SQLITE_CORRUPT || database.resultCode == .SQLITE_NOTADB {
            return "damaged pages (SQLite: \(database.message ?? "malformed"))"
        }
        if let domain = domainError(for: error) { return domain.message }
        return "\(error)"
    }
}

/// SHA-256 of a table's rows in key order: each value's text (`DatabaseValue.description` on SQLite,
/// `SQLValue.checkText` on PostgreSQL, the same text) followed by 0x1F, each row by 0x1E.
struct TableDigest {
    private var hasher = SHA256()

    mutating func add(_ values: some Sequence<String>) {
        for value in values {
            hasher.update(data: Data(value.utf8))
            hasher.update(data: Data([0x1F]))
        }
        hasher.update(data: Data([0x1E]))
    }

    var hex: String { StarMatchStore.hex(hasher.finalize()) }
}

extension SQLValue {
    /// The value as `check --hash` writes it: the text GRDB's `DatabaseValue.description` gives for the same
    /// SQLite value, so equal data hashes equal on both backends.
    var checkText: String {
        switch self {
        case .null: "NULL"
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .text(let v): String(reflecting: v)
        case .blob(let v): "Data(\(Data(v).description))"
        }
    }
}
