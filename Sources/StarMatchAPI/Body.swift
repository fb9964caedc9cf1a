import Foundation
import Hummingbird
import StarMatchCore
import StarMatchStore

/// Any JSON value: bodies are decoded into this first, so every type error can name its field.
indirect enum JSONValue: Decodable, Sendable, Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int64.self) { self = .integer(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([String: JSONValue].self) { self = .object(v) }
        else { self = .array(try c.decode([JSONValue].self)) }
    }

    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// JSON pointer escaping (RFC 6901).
func pointerToken(_ key: String) -> String {
    key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

extension Request {
    /// The body as JSON (at most `APILimits.maxBody` bytes, else 413); malformed JSON is a 400.
    func jsonBody(context: APIContext) async throws -> JSONValue {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        let data = Data(buffer.readableBytesView)
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw Problem(.badRequest, detail: "the body is not valid JSON")
        }
        if let pointer = DuplicateKeys.first(in: data) {
            throw Problem(.badRequest, detail: "member \(pointer) appears twice in one object",
                errors: [.init(pointer: pointer, detail: "duplicate member: which one counts would be a guess")])
        }
        return value
    }
}

/// How the API's JSON members map onto the import columns of a kind, so API writes go through the very
/// validator `starmatch import` uses (one implementation of every rule). Member names are the entities'
/// JSON names (what GET returns): the columns in camelCase, with three historical renames.
struct RecordShape: Sendable {
    let kind: ImportKind
    /// The member name of each column, in column order.
    let members: [String]

    init(_ kind: ImportKind) {
        self.kind = kind
        let renamed = ["linked_serious_violator": "linkedToSeriousViolator", "commission_pct": "commissionPercent", "private": "isPrivate"]
        members = kind.columns.map { column in
            if let name = renamed[column.name] { return name }
            let parts = column.name.split(separator: "_")
            return parts.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.prefix(1).uppercased() + $0.element.dropFirst() }.joined()
        }
    }

    /// The columns that hold lists (`;`-joined in CSV, arrays in JSON).
    static let listColumns: Set<String> = ["categories", "niches", "regions"]

    func member(ofColumn column: String) -> String {
        kind.columns.firstIndex { $0.name == column }.map { members[$0] } ?? column
    }

    /// One object as a raw row (`line` = its index): the text each field would have in a CSV file.
    /// Unknown members and values of the wrong JSON type are field errors.
    func row(_ object: [String: JSONValue], index: Int, pointerPrefix: String) -> (row: RawRow, errors: [Problem.FieldError]) {
        var fields = [String?](repeating: nil, count: members.count)
        var errors: [Problem.FieldError] = []
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            let pointer = pointerPrefix + "/" + pointerToken(key)
            guard let column = members.firstIndex(of: key) else {
                errors.append(.init(pointer: pointer, detail: "unknown member '\(key)' (known: \(members.joined(separator: ", ")))"))
                continue
            }
            switch value {
            case .null: fields[column] = nil
            case .string(let s): fields[column] = s
            case .integer(let n): fields[column] = String(n)
            case .number(let d): fields[column] = String(d)
            case .bool(let b): fields[column] = b ? "true" : "false"
            case .array where !Self.listColumns.contains(kind.columns[column].name):
                errors.append(.init(pointer: pointer, detail: "expected a single value, not an array"))
            case .array(let items):
                var texts: [String] = []
                for (i, item) in items.enumerated() {
                    guard case .string(let s) = item, !s.contains(";") else {
                        errors.append(.init(pointer: "\(pointer)/\(i)", detail: "expected a string without ';'"))
                        continue
                    }
                    texts.append(s)
                }
                fields[column] = texts.joined(separator: ";")
            case .object:
                errors.append(.init(pointer: pointer, detail: "expected a string, number, boolean, list of strings or null, not an object"))
            }
        }
        return (RawRow(line: index, fields: fields), errors)
    }

    /// A single object or (`allowArray`) an array of up to `APILimits.maxItems` objects, as rows.
    func rows(_ body: JSONValue, allowArray: Bool) throws -> (rows: [RawRow], isArray: Bool) {
        let objects: [(JSONValue, String)]
        let isArray: Bool
        switch body {
        case .object: objects = [(body, "")]; isArray = false
        case .array(let items) where allowArray:
            guard !items.isEmpty else { throw Problem.invalid([.init(pointer: "", detail: "the array is empty")]) }
            guard items.count <= APILimits.maxItems else {
                throw Problem.invalid([.init(pointer: "", detail: "at most \(APILimits.maxItems) items per request, got \(items.count)")])
            }
            objects = items.enumerated().map { ($1, "/\($0)") }
            isArray = true
        default:
            throw Problem.invalid([.init(pointer: "", detail: "expected \(allowArray ? "an object or an array of objects" : "an object"), got \(body.typeName)")])
        }
        var rows: [RawRow] = []
        var errors: [Problem.FieldError] = []
        for (index, (value, prefix)) in objects.enumerated() {
            guard case .object(let object) = value else {
                errors.append(.init(pointer: prefix, detail: "expected an object, got \(value.typeName)"))
                continue
            }
            let (r, e) = row(object, index: index, pointerPrefix: prefix)
            rows.append(r)
            errors += e
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        return (rows, isArray)
    }

    /// The store's verdict on rows, with pointers in the API's member names.
    func translate(_ error: any Error, isArray: Bool) -> any Error {
        guard let rejected = error as? RecordsRejected else { return error }
        return Problem.invalid(rejected.issues.map { issue in
            let prefix = isArray ? "/\(issue.line)" : ""
            return Problem.FieldError(pointer: issue.column.map { prefix + "/" + pointerToken(member(ofColumn: $0)) } ?? prefix,
                rule: issue.rule, detail: issue.reason)
        })
    }
}

/// Finds a member name repeated within one object of a JSON text that already decoded (JSONDecoder keeps
/// one of them silently; the API refuses the ambiguity). Returns the JSON pointer of the repeated member.
enum DuplicateKeys {
    static func first(in data: Data) -> String? {
        let bytes = [UInt8](data)
        var i = 0
        // One frame per open container: its keys so far (objects), its next index (arrays), and its pointer.
        struct Frame { var keys: Set<String>?; var index = 0; var pointer: String; var pendingKey: String? }
        var stack: [Frame] = []
        var expectingKey = false
        func readString() -> String {
            i += 1  // opening quote
            var raw: [UInt8] = []
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { raw.append(bytes[i]); i += 1 }
                if i < bytes.count { raw.append(bytes[i]); i += 1 }
            }
            i += 1  // closing quote
            // Escapes decoded the way JSON defines them, so "a" and "\u0061" are the same member.
            let literal = "\"" + String(decoding: raw, as: UTF8.self) + "\""
            return (try? JSONDecoder().decode(String.self, from: Data(literal.utf8))) ?? String(decoding: raw, as: UTF8.self)
        }
        func childPointer() -> String {
            guard let top = stack.last else { return "" }
            if top.keys != nil { return top.pointer + "/" + pointerToken(top.pendingKey ?? "") }
            return top.pointer + "/\(top.index)"
        }
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append(Frame(keys: [], pointer: childPointer()))
                expectingKey = true
                i += 1
            case UInt8(ascii: "["):
                stack.append(Frame(keys: nil, pointer: childPointer()))
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                stack.removeLast()
                i += 1
            case UInt8(ascii: ","):
                if stack.last?.keys != nil { expectingKey = true } else if !stack.isEmpty { stack[stack.count - 1].index += 1 }
                i += 1
            case UInt8(ascii: "\""):
                let text = readString()
                if expectingKey, stack.last?.keys != nil {
                    if stack[stack.count - 1].keys!.contains(text) { return stack[stack.count - 1].pointer + "/" + pointerToken(text) }
                    stack[stack.count - 1].keys!.insert(text)
                    stack[stack.count - 1].pendingKey = text
                    expectingKey = false
                }
            default:
                i += 1
            }
        }
        return nil
    }
}
