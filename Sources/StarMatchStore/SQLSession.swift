import Foundation
import GRDB

/// The one value type SQL statements are bound with and rows are read as, on either backend (issue 19).
///
/// SQLite's storage classes (INTEGER, REAL, TEXT, BLOB, NULL) and the PostgreSQL types the schema uses for them
/// (`BIGINT`, `DOUBLE PRECISION`, `TEXT`, `BYTEA`; `NUMERIC` sums read back as integers when whole).
public enum SQLValue: Sendable, Equatable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let v): String(v)
        case .real(let v): String(v)
        case .text(let v): v
        case .blob(let v): "<\(v.count) bytes>"
        }
    }

    var isNull: Bool { self == .null }
}

/// A Swift value that binds as, and reads back from, one `SQLValue`.
protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// `nil` when `value` is NULL or of another type (the reader says which column, as `StrictRow` does).
    init?(sqlValue value: SQLValue)
}

extension String: SQLValueConvertible {
    var sqlValue: SQLValue { .text(self) }
    init?(sqlValue value: SQLValue) { guard case .text(let v) = value else { return nil }; self = v }
}

extension Int64: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self) }
    init?(sqlValue value: SQLValue) { guard case .integer(let v) = value else { return nil }; self = v }
}

extension Int: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    init?(sqlValue value: SQLValue) { guard case .integer(let v) = value, let n = Int(exactly: v) else { return nil }; self = n }
}

extension Double: SQLValueConvertible {
    var sqlValue: SQLValue { .real(self) }
    init?(sqlValue value: SQLValue) {
        switch value {
        case .real(let v): self = v
        case .integer(let v): self = Double(v)
        default: return nil
        }
    }
}

extension Bool: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    init?(sqlValue value: SQLValue) { guard case .integer(let v) = value else { return nil }; self = v != 0 }
}

extension Array: SQLValueConvertible where Element == UInt8 {
    var sqlValue: SQLValue { .blob(self) }
    init?(sqlValue value: SQLValue) { guard case .blob(let v) = value else { return nil }; self = v }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
    /// NULL reads as `.some(nil)`; a value of another type as `nil`.
    init?(sqlValue value: SQLValue) {
        if value.isNull { self = .none; return }
        guard let wrapped = Wrapped(sqlValue: value) else { return nil }
        self = .some(wrapped)
    }
}

/// One row of a result, by position or by column name.
struct SQLRow: Sendable {
    let columns: [String]
    let values: [SQLValue]

    subscript(index: Int) -> SQLValue { values[index] }

    /// The value of `column`; NULL for a column the row does not have.
    subscript(column: String) -> SQLValue {
        columns.firstIndex(of: column).map { values[$0] } ?? .null
    }
}

/// A row as store code reads it on either backend: GRDB's `Row` as it is (no copy on SQLite's hot paths) or an
/// `SQLRow`.
protocol StoredRow {
    func storedValue(_ column: String) -> SQLValue
    func storedValue(at index: Int) -> SQLValue
    func columnName(at index: Int) -> String
}

extension StoredRow {
    /// The value of `column` as `T`; `nil` when it is NULL or of another type.
    func get<T: SQLValueConvertible>(_ column: String, as _: T.Type = T.self) -> T? { T(sqlValue: storedValue(column)) }
    func get<T: SQLValueConvertible>(_ index: Int, as _: T.Type = T.self) -> T? { T(sqlValue: storedValue(at: index)) }
}

extension Row: StoredRow {
    func storedValue(_ column: String) -> SQLValue { SQLiteSession.sqlValue(self[column] as DatabaseValue) }
    func storedValue(at index: Int) -> SQLValue { SQLiteSession.sqlValue(self[index] as DatabaseValue) }
    func columnName(at index: Int) -> String { Array(columnNames)[index] }
}

extension SQLRow: StoredRow {
    func storedValue(_ column: String) -> SQLValue { self[column] }
    func storedValue(at index: Int) -> SQLValue { self[index] }
    func columnName(at index: Int) -> String { columns[index] }
}

/// The rows of a query, one at a time (a large result never held whole).
protocol SQLCursor: AnyObject {
    func next() throws -> SQLRow?
}

/// Which database a store runs on.
public enum StoreBackend: String, Sendable {
    /// The embedded default: one file, GRDB's `DatabasePool` in WAL mode.
    case sqlite
    /// A PostgreSQL server shared by several processes (issue 19).
    case postgres
}

/// One connection inside one transaction, on either backend: what store code ported to both backends is written
/// against (issue 19). Statements are written once, with `?` placeholders; the PostgreSQL session numbers them.
/// Where the dialects differ, the code asks `backend`.
protocol SQLSession: AnyObject {
    var backend: StoreBackend { get }
    /// Runs a statement that returns no rows. - Returns: the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Every row of a query.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// The rows of a query one at a time; several cursors may be open at once in one transaction.
    func cursor(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor
    /// Every row of a query passed to `body` as it comes (on SQLite GRDB's rows as they are: no copy of a
    /// million rows). A row is valid only during its call.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (any StoredRow) throws -> Void) throws
}

extension SQLSession {
    /// The first row of a query, if any.
    func row(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? {
        try rows(sql, arguments).first
    }

    /// A subquery giving the texts of a JSON array bound as one text argument: `x IN (\(db.jsonTexts))` looks up many
    /// ids in one statement.
    var jsonTexts: String {
        backend == .sqlite ? "SELECT value FROM json_each(?)" : "SELECT json_array_elements_text(CAST(? AS json))"
    }

    /// The argument `jsonTexts` takes: `texts` as one JSON array, in their order.
    func jsonTextsArgument(_ texts: some Sequence<String>) throws -> SQLValue {
        .text(jsonArray(texts))
    }

    /// SQLite's `INDEXED BY index` (a plan it must use); nothing on PostgreSQL, whose planner picks its own.
    func indexedBy(_ index: String) -> String { backend == .sqlite ? "INDEXED BY \(index)" : "" }

    /// The first column of the first row as `T` (`nil` without a row, or for NULL).
    func value<T: SQLValueConvertible>(_ sql: String, _ arguments: [SQLValue] = [], as _: T.Type = T.self) throws -> T? {
        try row(sql, arguments).flatMap { T(sqlValue: $0[0]) }
    }
}

/// GRDB's connection as a session (the SQLite backend).
final class SQLiteSession: SQLSession {
    let db: Database
    init(_ db: Database) { self.db = db }

    var backend: StoreBackend { .sqlite }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        if arguments.isEmpty {
            try db.execute(sql: sql)  // may hold several statements
        } else {
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(Self.databaseValue)))
        }
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: StatementArguments(arguments.map(Self.databaseValue))).map { row in
            SQLRow(columns: columns, values: (0..<row.count).map { Self.sqlValue(row[$0] as DatabaseValue) })
        }
    }

    func cursor(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor {
        Cursor(try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments.map(Self.databaseValue))))
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (any StoredRow) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments.map(Self.databaseValue)))
        while let row = try rows.next() { try body(row) }
    }

    final class Cursor: SQLCursor {
        let rows: RowCursor
        /// The column names, shared by every row (read from the first).
        var columns: [String]?
        init(_ rows: RowCursor) { self.rows = rows }
        func next() throws -> SQLRow? {
            guard let row = try rows.next() else { return nil }
            if columns == nil { columns = Array(row.columnNames) }
            return SQLRow(columns: columns!, values: (0..<row.count).map { SQLiteSession.sqlValue(row[$0] as DatabaseValue) })
        }
    }

    static func databaseValue(_ value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: .null
        case .integer(let v): v.databaseValue
        case .real(let v): v.databaseValue
        case .text(let v): v.databaseValue
        case .blob(let v): Data(v).databaseValue
        }
    }

    static func sqlValue(_ value: DatabaseValue) -> SQLValue {
        switch value.storage {
        case .null: .null
        case .int64(let v): .integer(v)
        case .double(let v): .real(v)
        case .string(let v): .text(v)
        case .blob(let v): .blob([UInt8](v))
        }
    }
}

/// `texts` as a JSON array of strings (RFC 8259: `"` and `\` escaped, control characters as `\u00XX`, the rest as
/// it is), written straight into one buffer: a cold read a day after the last write passes 27,000 creator ids, and
/// `JSONEncoder` spent a fifth of the lookup's time on them.
func jsonArray(_ texts: some Sequence<String>) -> String {
    var out: [UInt8] = [UInt8(ascii: "[")]
    let hex = Array("0123456789abcdef".utf8)
    var first = true
    for text in texts {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(UInt8(ascii: "\\"))
                out.append(byte)
            case 0..<0x20:
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
    out.append(UInt8(ascii: "]"))
    return String(decoding: out, as: UTF8.self)
}
