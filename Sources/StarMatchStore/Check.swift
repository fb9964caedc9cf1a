import Crypto
import Foundation
import GRDB

/// The health of the database file: SQLite's integrity and foreign-key checks, row counts and, on request,
/// a content hash per table (equal hashes: equal content, whatever the page layout).
public struct CheckReport: Sendable, Codable, Equatable {
    public var integrity: [String]
    public var foreignKeyViolations: Int
    public var counts: StoreCounts
    /// SHA-256 of every row of each table, in key order.
    public var hashes: [String: String]?
    public var ok: Bool { integrity == ["ok"] && foreignKeyViolations == 0 }
}

extension StarMatchStore {
    static let checkedTables = [
        ("categories", "path"), ("shops", "id"), ("creators", "id"), ("campaigns", "id"), ("sales", "id"), ("content_events", "id"),
        ("violations", "id"), ("quizzes", "id"), ("batch_runs", "id"), ("batch_matches", "run_id, creator_id, campaign_id"),
        ("batch_campaigns", "run_id, campaign_id"), ("matches", "id"), ("match_events", "match_id, seq"), ("api_keys", "id"), ("meta", "key"),
    ]

    public func check(hashes: Bool = false) throws -> CheckReport {
        try writer.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let foreignKeys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            var digests: [String: String]?
            if hashes {
                digests = [:]
                for (table, key) in Self.checkedTables {
                    var hasher = SHA256()
                    let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY \(key)")
                    while let row = try rows.next() {
                        for value in row.databaseValues {
                            hasher.update(data: Data(value.description.utf8))
                            hasher.update(data: Data([0x1F]))
                        }
                        hasher.update(data: Data([0x1E]))
                    }
                    digests?[table] = Self.hex(hasher.finalize())
                }
            }
            return CheckReport(integrity: integrity, foreignKeyViolations: foreignKeys, counts: try StoreCounts.fetch(db), hashes: digests)
        }
    }
}
