import Foundation
import GRDB
import GRDBSQLite
import StarMatchCore

/// The upsert statement and arguments of each import kind. Instants are stored as Unix seconds,
/// lists as `;`-joined text, booleans as 0/1.
enum UpsertSQL {
    struct Table {
        let name: String
        let key: String
        let columns: [String]

        var sql: String {
            let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            return "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) "
                + "ON CONFLICT(\(key)) DO UPDATE SET \(updates)"
        }
    }

    static func table(_ kind: ImportKind) -> Table {
        switch kind {
        case .categories: return Table(name: "categories", key: "path", columns: ["path", "name"])
        case .shops: return Table(name: "shops", key: "id", columns: ["id", "name", "region", "score", "categories"])
        case .creators:
            return Table(name: "creators", key: "id", columns: [
                "id", "handle", "kind", "followers", "region", "birth_date", "registered_at", "age_confirmed_at",
                "identity_verified", "identity_document", "gpppa", "ecommerce_revoked", "linked_serious_violator",
                "policies_accepted", "bound_shop", "niches", "pilot_started_at", "quiz_passed_at",
            ])
        case .campaigns:
            return Table(name: "campaigns", key: "id", columns: [
                "id", "shop_id", "name", "kind", "categories", "slots", "starts_at", "ends_at", "commission_pct",
                "min_followers", "regions",
            ])
        case .sales:
            return Table(name: "sales", key: "id", columns: [
                "id", "creator_id", "shop_id", "campaign_id", "category", "ordered_at", "orders", "returned_orders",
                "gmv_minor", "currency",
            ])
        case .contentEvents:
            return Table(name: "content_events", key: "id", columns: [
                "id", "creator_id", "content_id", "medium", "action", "at", "duration_seconds", "private", "shoppable",
            ])
        case .violations: return Table(name: "violations", key: "id", columns: ["id", "creator_id", "kind", "points", "at"])
        }
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func seconds(_ date: Date?) -> Int64? { date.map { seconds($0) } }

    /// Appends `record`'s values, in the table's column order, to `batch`.
    static func encode(_ record: ImportRecord, into b: inout BindBatch) {
        switch record {
        case .category(let path, let name):
            b.text(path.rawValue); b.text(name)
        case .shop(let s):
            b.text(s.id.rawValue); b.text(s.name); b.text(s.region); b.double(s.score); b.paths(s.categories)
        case .creator(let c):
            b.text(c.id.rawValue); b.text(c.handle); b.text(c.kind.rawValue); b.int(c.followers); b.text(c.region)
            b.day(c.birthDate); b.int(seconds(c.registeredAt)); b.int(seconds(c.ageConfirmedAt))
            b.bool(c.identityVerified); b.text(c.identityDocument); b.bool(c.gpppa); b.bool(c.ecommerceRevoked)
            b.bool(c.linkedToSeriousViolator); b.bool(c.policiesAccepted); b.text(c.boundShop?.rawValue)
            b.paths(c.niches); b.int(seconds(c.pilotStartedAt)); b.int(seconds(c.quizPassedAt))
        case .campaign(let k):
            b.text(k.id.rawValue); b.text(k.shop.rawValue); b.text(k.name); b.text(k.kind.rawValue); b.paths(k.categories)
            b.int(k.slots); b.int(seconds(k.startsAt)); b.int(seconds(k.endsAt)); b.double(k.commissionPercent)
            b.int(k.minFollowers); b.text(k.regions.joined(separator: ";"))
        case .sale(let s):
            b.text(s.id.rawValue); b.text(s.creator.rawValue); b.text(s.shop.rawValue); b.text(s.campaign?.rawValue)
            b.text(s.category.rawValue); b.int(seconds(s.orderedAt)); b.int(s.orders); b.int(s.returnedOrders)
            b.int(s.gmvMinor); b.text(s.currency)
        case .contentEvent(let e):
            b.text(e.id.rawValue); b.text(e.creator.rawValue); b.text(e.content.rawValue); b.text(e.medium.rawValue)
            b.text(e.action.rawValue); b.int(seconds(e.at)); b.int(e.durationSeconds); b.bool(e.isPrivate); b.bool(e.shoppable)
        case .violation(let v):
            b.text(v.id.rawValue); b.text(v.creator.rawValue); b.text(v.kind.rawValue); b.int(v.points); b.int(seconds(v.at))
        }
        b.rows += 1
    }
}

/// Rows of statement parameters in flat storage: the parsing thread fills it, the inserting thread binds
/// it with no allocation per value (text points into `bytes`, bound with SQLITE_STATIC).
struct BindBatch: Sendable {
    enum Value: Sendable {
        case null
        case int(Int64)
        case double(Double)
        case text(offset: Int, count: Int)
    }

    let width: Int
    var bytes: [UInt8] = []
    var values: [Value] = []
    var rows = 0

    init(width: Int, capacity: Int) {
        self.width = width
        values.reserveCapacity(width * capacity)
        bytes.reserveCapacity(width * capacity * 12)
    }

    var isEmpty: Bool { rows == 0 }

    mutating func text(_ value: String?) {
        guard var value else { values.append(.null); return }
        let offset = bytes.count
        value.withUTF8 { bytes.append(contentsOf: $0) }
        values.append(.text(offset: offset, count: bytes.count - offset))
    }

    /// A `;`-joined list of category paths.
    mutating func paths(_ list: [CategoryPath]) {
        let offset = bytes.count
        for (i, path) in list.enumerated() {
            if i > 0 { bytes.append(0x3B) }
            var raw = path.rawValue
            raw.withUTF8 { bytes.append(contentsOf: $0) }
        }
        values.append(.text(offset: offset, count: bytes.count - offset))
    }

    /// `YYYY-MM-DD`.
    mutating func day(_ day: CalendarDay) {
        let offset = bytes.count
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                bytes.append(UInt8(0x30 + v / divisor % 10))
                v %= divisor
                divisor /= 10
            }
        }
        digits(day.year, 4); bytes.append(0x2D); digits(day.month, 2); bytes.append(0x2D); digits(day.day, 2)
        values.append(.text(offset: offset, count: bytes.count - offset))
    }

    mutating func int<I: BinaryInteger>(_ value: I?) { values.append(value.map { .int(Int64($0)) } ?? .null) }
    mutating func bool(_ value: Bool) { values.append(.int(value ? 1 : 0)) }
    mutating func double(_ value: Double) { values.append(.double(value)) }

    /// Binds and runs `statement` once per row, turning a failure into GRDB's `DatabaseError`.
    func execute(_ statement: Statement, _ db: Database) throws {
        let stmt = statement.sqliteStatement
        defer { sqlite3_clear_bindings(stmt) }  // nothing may point into `bytes` once it is freed
        try bytes.withUnsafeBufferPointer { base in
            // A valid address even for an empty text (SQLite reads a nil pointer as NULL).
            let empty: StaticString = ""
            let emptyPointer = UnsafeRawPointer(empty.utf8Start).assumingMemoryBound(to: CChar.self)
            var v = 0
            for _ in 0..<rows {
                for column in 1...Int32(width) {
                    switch values[v] {
                    case .null: sqlite3_bind_null(stmt, column)
                    case .int(let n): sqlite3_bind_int64(stmt, column, n)
                    case .double(let d): sqlite3_bind_double(stmt, column, d)
                    case .text(let offset, let count):
                        let pointer = count == 0
                            ? emptyPointer : UnsafeRawPointer(base.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
                        sqlite3_bind_text(stmt, column, pointer, Int32(count), nil)  // nil = SQLITE_STATIC
                    }
                    v += 1
                }
                let code = sqlite3_step(stmt)
                if code != SQLITE_DONE {
                    let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
                    sqlite3_reset(stmt)
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
                }
                sqlite3_reset(stmt)
            }
        }
    }
}
