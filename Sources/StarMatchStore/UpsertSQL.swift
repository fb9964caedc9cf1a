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
    static func joined(_ paths: [CategoryPath]) -> String { paths.map(\.rawValue).joined(separator: ";") }

    /// Binds `record` to the upsert statement directly through the SQLite C API (no per-row boxing),
    /// then runs it.
    static func execute(_ record: ImportRecord, _ statement: Statement, _ db: Database) throws {
        var b = Binder(statement.sqliteStatement)
        switch record {
        case .category(let path, let name):
            b.text(path.rawValue); b.text(name)
        case .shop(let s):
            b.text(s.id.rawValue); b.text(s.name); b.text(s.region); b.double(s.score); b.text(joined(s.categories))
        case .creator(let c):
            b.text(c.id.rawValue); b.text(c.handle); b.text(c.kind.rawValue); b.int(c.followers); b.text(c.region)
            b.text(c.birthDate.description); b.int(seconds(c.registeredAt)); b.int(seconds(c.ageConfirmedAt))
            b.bool(c.identityVerified); b.text(c.identityDocument); b.bool(c.gpppa); b.bool(c.ecommerceRevoked)
            b.bool(c.linkedToSeriousViolator); b.bool(c.policiesAccepted); b.text(c.boundShop?.rawValue)
            b.text(joined(c.niches)); b.int(seconds(c.pilotStartedAt)); b.int(seconds(c.quizPassedAt))
        case .campaign(let k):
            b.text(k.id.rawValue); b.text(k.shop.rawValue); b.text(k.name); b.text(k.kind.rawValue); b.text(joined(k.categories))
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
        try b.step(db, sql: statement.sql)
    }
}

/// Binds values to a prepared statement in order, starting at parameter 1.
struct Binder {
    let statement: OpaquePointer
    var index: Int32 = 1

    init(_ statement: OpaquePointer) { self.statement = statement }

    /// SQLite copies the bytes (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    mutating func text(_ value: String?) {
        if var value {
            if value.isEmpty {
                // An empty buffer may have no address, and SQLite reads a nil pointer as NULL.
                sqlite3_bind_text(statement, index, "", 0, Self.transient)
            } else {
                value.withUTF8 { buffer in
                    buffer.withMemoryRebound(to: CChar.self) { chars in
                        _ = sqlite3_bind_text(statement, index, chars.baseAddress, Int32(chars.count), Self.transient)
                    }
                }
            }
        } else {
            sqlite3_bind_null(statement, index)
        }
        index += 1
    }

    mutating func int<I: BinaryInteger>(_ value: I?) {
        if let value { sqlite3_bind_int64(statement, index, Int64(value)) } else { sqlite3_bind_null(statement, index) }
        index += 1
    }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    mutating func double(_ value: Double) {
        sqlite3_bind_double(statement, index, value)
        index += 1
    }

    /// Runs the statement once and resets it, turning a failure into GRDB's `DatabaseError`.
    func step(_ db: Database, sql: @autoclosure () -> String) throws {
        let code = sqlite3_step(statement)
        if code != SQLITE_DONE {
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql())
        }
        sqlite3_reset(statement)
    }
}
