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
        /// Columns a replacing row without a value does not clear (H-POINTS: an appeal is final; re-importing the
        /// original violation file must not undo it).
        var keptWhenNull: Set<String> = []

        /// The `SET` list of the upsert: every column but the key from the new row (`excluded`).
        var updates: String {
            columns.dropFirst().map {
                keptWhenNull.contains($0) ? "\($0) = COALESCE(excluded.\($0), \(name).\($0))" : "\($0) = excluded.\($0)"
            }.joined(separator: ", ")
        }

        var sql: String {
            "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) "
                + "ON CONFLICT(\(key)) DO UPDATE SET \(updates)"
        }
    }

    /// The table of a kind, its columns from the kind's field table (`SchemaEntity.fields`); creators also keep
    /// their handle's key (`handle_key`, E-HANDLE's lookup).
    static func table(_ kind: ImportKind) -> Table {
        let schema = kind.schema
        return Table(name: schema.table, key: schema.key, columns: schema.fields.map(\.dbColumn) + (kind == .creators ? ["handle_key"] : []),
                     keptWhenNull: kind == .violations ? ["appealed_at"] : [])
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func seconds(_ date: Date?) -> Int64? { date.map { seconds($0) } }

    /// Appends `record`'s values, in the table's column order, to `batch`.
    static func encode(_ record: ImportRecord, into b: inout BindBatch) {
        encode(record, schema: record.kind.schema, into: &b)
    }

    /// As `encode(_:into:)`, with the kind's schema at hand (bulk imports).
    static func encode(_ record: ImportRecord, schema: KindSchema, into b: inout BindBatch) {
        schema.forEachValue(of: record) { value in
            switch value {
            case .null: b.values.append(.null)
            case .text(let s): b.text(s)
            case .integer(let n): b.int(n)
            case .number(let d): b.double(d)
            case .boolean(let v): b.bool(v)
            case .day(let d): b.day(d)
            case .instant(let t): b.int(seconds(t))
            case .list(let items): b.list(items)
            }
        }
        if case .creator(let creator) = record { b.text(creator.handleKey) }
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
    /// Whether a row replaces a stored one (otherwise PostgreSQL copies the rows straight into the table).
    var replaces = false

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

    /// A `;`-joined list.
    mutating func list(_ list: [String]) {
        let offset = bytes.count
        for (i, item) in list.enumerated() {
            if i > 0 { bytes.append(0x3B) }
            var raw = item
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

    /// Runs `sql` (one row's statement) once per row: on SQLite bound through SQLite's own calls, on PostgreSQL as
    /// `SQLValue`s.
    func execute(_ sql: String, _ session: any SQLSession) throws {
        if let db = (session as? SQLiteSession)?.db { return try execute(try db.cachedStatement(sql: sql), db) }
        for row in 0..<rows {
            try session.execute(sql, (0..<width).map { column in
                switch values[row * width + column] {
                case .null: .null
                case .int(let n): .integer(n)
                case .double(let d): .real(d)
                case .text(let offset, let count): .text(String(decoding: bytes[offset..<(offset + count)], as: UTF8.self))
                }
            })
        }
    }

    /// The rows in `COPY` text format (PostgreSQL's bulk path: `PostgresSession.copyUpsert`).
    func copyText() -> CopyText {
        var text = CopyText(capacity: bytes.count + values.count * 4)
        for (v, value) in values.enumerated() {
            switch value {
            case .null: text.null()
            case .int(let n): text.integer(n)
            case .double(let d): text.real(d)
            case .text(let offset, let count): text.text(bytes[offset..<(offset + count)])
            }
            if (v + 1) % width == 0 { text.endRow() }
        }
        return text
    }

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
