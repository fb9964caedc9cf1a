import Foundation
import StarMatchCore

/// Byte-level JSON for the entities the API serves most (`GET /v1/creators/{id}` and friends): the same
/// bytes `APIJSON.encoder` writes (sorted keys, instants as `Timestamp.format`, nil members left out), in a
/// few microseconds instead of JSONEncoder's tens. `EntityJSONTests` proves the bytes equal for every
/// demo entity; anything else goes through JSONEncoder.
struct JSONBytes {
    var bytes: [UInt8] = []
    private var needsComma = false

    init() { bytes.reserveCapacity(512) }

    mutating func object(_ body: (inout JSONBytes) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// A member of an entity's field table; `null` members are left out (as JSONEncoder leaves out nil).
    mutating func value(_ name: String, _ value: FieldValue) {
        switch value {
        case .null: return
        case .text(let s): key(name); quoted(s)
        case .integer(let n): key(name); bytes.append(contentsOf: String(n).utf8)
        case .number(let d): key(name); number(d)
        case .boolean(let b): key(name); bytes.append(contentsOf: (b ? "true" : "false").utf8)
        case .day(let d): key(name); quoted(d.description)
        case .instant(let t): key(name); quoted(Timestamp.format(t))
        case .list(let items):
            key(name)
            bytes.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                quoted(item)
            }
            bytes.append(UInt8(ascii: "]"))
        }
    }

    private mutating func key(_ name: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = true
    }

    private mutating func key(_ name: StaticString) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = true
    }

    mutating func string(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        quoted(value)
    }

    mutating func int(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func bool(_ name: StaticString, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    /// As JSONEncoder writes doubles: integral values without a fraction, others in Swift's shortest form.
    mutating func double(_ name: StaticString, _ value: Double) {
        key(name)
        number(value)
    }

    private mutating func number(_ value: Double) {
        if value.rounded() == value, abs(value) < 1e15 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    mutating func instant(_ name: StaticString, _ value: Date?) {
        string(name, value.map(Timestamp.format))
    }

    mutating func strings(_ name: StaticString, _ values: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            quoted(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    mutating func array(_ name: StaticString, _ values: [some FastJSONEncodable]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            value.writeJSON(&self)
        }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    private mutating func quoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// Entities with a hand-written JSON form identical to their `Codable` one.
protocol FastJSONEncodable: Encodable, Sendable {
    func writeJSON(_ out: inout JSONBytes)
}

extension FastJSONEncodable where Self: SchemaEntity {
    /// The entity's members from its field table (`SchemaEntity.fields`), in sorted-key order: no member
    /// list to keep in step here.
    func writeJSON(_ out: inout JSONBytes) {
        out.object { o in
            let fields = Self.fields
            for i in Self.kind.schema.jsonOrder {
                o.value(fields[i].member, fields[i].get(self))
            }
        }
    }
}

extension Creator: FastJSONEncodable {}
extension Shop: FastJSONEncodable {}
extension Campaign: FastJSONEncodable {}

extension Page: FastJSONEncodable where Item: FastJSONEncodable {
    func writeJSON(_ out: inout JSONBytes) {
        out.object { o in
            o.array("items", items)
            o.string("nextCursor", nextCursor)
        }
    }
}

extension APIJSON {
    /// The bytes `encoder` would write for `value`, by the fast path when it has one.
    static func bytes(_ value: some FastJSONEncodable) -> [UInt8] {
        var out = JSONBytes()
        value.writeJSON(&out)
        return out.bytes
    }
}
