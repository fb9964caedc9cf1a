import Foundation

/// An RFC 4180 CSV parser over a byte buffer (usually a memory-mapped file).
///
/// Handles a UTF-8 BOM, LF and CRLF line ends, quoted fields with `""` escapes, commas and newlines
/// inside quotes. Each record reports the line it starts on, so errors can name it. Problems that
/// belong to one record (invalid UTF-8, a quote in the wrong place, an over-long field) come back
/// with that record instead of stopping the file.
///
/// Hand-written rather than a library: the import must stay within 2x of `sqlite3 .import`
/// (Benchmarks/README.md), and the CSV libraries on the package mirror decode scalar by scalar.
struct CSVParser {
    /// One parsed record.
    struct Record {
        var line: Int
        var fields: [String]
        /// A problem that makes the record unusable, if any.
        var problem: String?
    }

    let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int
    private(set) var line = 1
    /// Fields longer than this are refused (the record is reported, not stored).
    let maxFieldBytes: Int
    private var scratch: [UInt8] = []
    /// Field storage handed back with `recycle(_:)`.
    private var spare: [String] = []

    init(bytes: UnsafeRawBufferPointer, maxFieldBytes: Int = 1 << 20) {
        self.bytes = bytes
        self.maxFieldBytes = maxFieldBytes
        // Skip a UTF-8 byte order mark.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 } else { offset = 0 }
        scratch.reserveCapacity(256)
    }

    /// Gives a record's field storage back for the next record.
    mutating func recycle(_ record: consuming Record) {
        spare = record.fields
    }

    /// How far the parser has read, in bytes.
    var position: Int { offset }

    private static let comma: UInt8 = 0x2C, quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    /// The next record, or `nil` at the end. Blank lines are skipped.
    mutating func next() -> Record? {
        let n = bytes.count
        // Skip blank lines.
        while offset < n {
            if bytes[offset] == Self.lf {
                line += 1
                offset += 1
            } else if bytes[offset] == Self.cr && offset + 1 < n && bytes[offset + 1] == Self.lf {
                line += 1
                offset += 2
            } else {
                break
            }
        }
        guard offset < n else { return nil }
        // Reuse the last record's field storage when the caller has let go of it.
        var record = Record(line: line, fields: spare, problem: nil)
        spare = []
        record.fields.removeAll(keepingCapacity: true)
        while true {
            let endOfRecord = readField(into: &record)
            if endOfRecord { return record }
        }
    }

    /// Reads one field; returns true when it ended the record.
    private mutating func readField(into record: inout Record) -> Bool {
        let n = bytes.count
        if offset < n && bytes[offset] == Self.quote {
            offset += 1
            scratch.removeAll(keepingCapacity: true)
            while true {
                guard offset < n else {
                    record.problem = record.problem ?? "unterminated quoted field (opened on line \(record.line))"
                    appendField(&record)
                    return true
                }
                let b = bytes[offset]
                if b == Self.quote {
                    if offset + 1 < n && bytes[offset + 1] == Self.quote {
                        scratch.append(Self.quote)
                        offset += 2
                        continue
                    }
                    offset += 1
                    break
                }
                if b == Self.lf { line += 1 }
                scratch.append(b)
                offset += 1
            }
            appendField(&record)
            // After the closing quote: a separator, a line end, or the end.
            guard offset < n else { return true }
            switch bytes[offset] {
            case Self.comma:
                offset += 1
                return false
            case Self.lf:
                offset += 1
                line += 1
                return true
            case Self.cr where offset + 1 < n && bytes[offset + 1] == Self.lf:
                offset += 2
                line += 1
                return true
            default:
                record.problem = record.problem ?? "unexpected character after a closing quote in field \(record.fields.count)"
                // Skip to the end of the physical line.
                while offset < n && bytes[offset] != Self.lf { offset += 1 }
                if offset < n { offset += 1; line += 1 }
                return true
            }
        }
        // Unquoted: scan to the next comma or line end.
        let start = offset
        while offset < n {
            let b = bytes[offset]
            if b == Self.comma || b == Self.lf || b == Self.cr { break }
            offset += 1
        }
        var end = offset
        var endsRecord = true
        if offset < n {
            switch bytes[offset] {
            case Self.comma:
                offset += 1
                endsRecord = false
            case Self.lf:
                offset += 1
                line += 1
            default:  // CR
                if offset + 1 < n && bytes[offset + 1] == Self.lf {
                    offset += 2
                    line += 1
                } else {
                    // A lone CR inside an unquoted field: keep it in the field; the text check refuses it.
                    offset += 1
                    end = offset
                    while offset < n && bytes[offset] != Self.comma && bytes[offset] != Self.lf { offset += 1 }
                    end = offset
                    let field = makeString(start, end, &record)
                    record.fields.append(field)
                    if offset < n {
                        if bytes[offset] == Self.comma { offset += 1; return false }
                        offset += 1
                        line += 1
                    }
                    return true
                }
            }
        }
        record.fields.append(makeString(start, end, &record))
        return endsRecord
    }

    private mutating func appendField(_ record: inout Record) {
        if scratch.count > maxFieldBytes {
            record.problem = record.problem ?? "field \(record.fields.count + 1) is longer than \(maxFieldBytes) bytes"
            record.fields.append("")
            return
        }
        if let s = scratch.withUnsafeBufferPointer(Self.string) {
            record.fields.append(s)
        } else {
            record.problem = record.problem ?? "field \(record.fields.count + 1) is not valid UTF-8"
            record.fields.append("")
        }
    }

    /// A string from UTF-8 bytes, or `nil` when they are not valid UTF-8. ASCII takes a fast path.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in bytes where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    private func makeString(_ start: Int, _ end: Int, _ record: inout Record) -> String {
        if end - start > maxFieldBytes {
            record.problem = record.problem ?? "field \(record.fields.count + 1) is longer than \(maxFieldBytes) bytes"
            return ""
        }
        let slice = UnsafeRawBufferPointer(rebasing: bytes[start..<end]).assumingMemoryBound(to: UInt8.self)
        if let s = Self.string(slice) { return s }
        record.problem = record.problem ?? "field \(record.fields.count + 1) is not valid UTF-8"
        return ""
    }
}

/// Writes CSV fields, quoting where needed.
enum CSVWriter {
    static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\n"
    }

    static func escape(_ field: String) -> String {
        if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }
}
