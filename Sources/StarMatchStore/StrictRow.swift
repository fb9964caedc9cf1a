import Foundation
import GRDB
import StarMatchCore

/// A stored row of a table without a field table (matches, match events, API keys), read strictly: an
/// unknown enum value, NULL where a value belongs, or an instant outside `EntityLimits.instants` is a
/// `DamagedRow` naming table, row and column — never a default that reads as plausible data.
struct StrictRow<R: StoredRow> {
    let row: R
    let table: String
    /// The row's id as shown in the error (the primary key, or `match 12 step 3`).
    let id: String

    init(_ row: R, table: String, id: String) {
        self.row = row
        self.table = table
        self.id = id
    }

    func damaged(_ column: String, _ reason: String) -> DamagedRow {
        DamagedRow(table: table, id: id, column: column, reason: reason)
    }

    /// The enum value stored in `column`.
    func value<E: RawRepresentable & CaseIterable>(_ column: String, as _: E.Type) throws -> E where E.RawValue == String {
        guard let value = try optionalValue(column, as: E.self) else { throw damaged(column, "NULL where a value belongs") }
        return value
    }

    /// The enum value stored in `column`, or nil for NULL.
    func optionalValue<E: RawRepresentable & CaseIterable>(_ column: String, as _: E.Type) throws -> E? where E.RawValue == String {
        let stored = row.storedValue(column)
        if stored.isNull { return nil }
        guard case .text(let text) = stored, let value = E(rawValue: text) else {
            throw damaged(column, "'\(stored)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    /// The instant stored in `column` (Unix seconds).
    func instant(_ column: String) throws -> Date {
        guard let value = try optionalInstant(column) else { throw damaged(column, "NULL where an instant belongs") }
        return value
    }

    /// The instant stored in `column` (Unix seconds), or nil for NULL.
    func optionalInstant(_ column: String) throws -> Date? {
        let stored = row.storedValue(column)
        if stored.isNull { return nil }
        guard case .integer(let seconds) = stored, EntityLimits.instants.contains(Double(seconds)) else {
            throw damaged(column, "'\(stored)' is not an instant (whole seconds in the years 0001–9999)")
        }
        return Date(timeIntervalSince1970: Double(seconds))
    }

    /// The whole number at column `index` (columns read by position in hot loops).
    func int64(at index: Int) throws -> Int64 {
        guard let value = try optionalInt64(at: index) else { throw damaged(row.columnName(at: index), "NULL where a number belongs") }
        return value
    }

    /// The whole number at column `index`, or nil for NULL.
    func optionalInt64(at index: Int) throws -> Int64? {
        let stored = row.storedValue(at: index)
        if stored.isNull { return nil }
        guard case .integer(let value) = stored else {
            throw damaged(row.columnName(at: index), "'\(stored)' is not a whole number")
        }
        return value
    }

    /// The text at column `index`.
    func text(at index: Int) throws -> String {
        let stored = row.storedValue(at: index)
        guard case .text(let value) = stored else {
            throw damaged(row.columnName(at: index), "'\(stored)' is not text")
        }
        return value
    }
}
