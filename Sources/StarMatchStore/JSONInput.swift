public import Foundation
public import StarMatchCore

/// Any JSON value: bodies and JSON lines are decoded into this first, so every type error can name its member.
public indirect enum JSONValue: Decodable, Sendable, Equatable {
    case null, bool(Bool), integer(Int64), number(Double), string(String), array([JSONValue]), object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int64.self) { self = .integer(v) }
        else if let v = try? c.decode(Double.self) { self = .number(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else if let v = try? c.decode([String: JSONValue].self) { self = .object(v) }
        else { self = .array(try c.decode([JSONValue].self)) }
    }

    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The text a CSV field would hold for this value (for rejects files); `nil` for null and objects.
    var csvText: String? {
        switch self {
        case .null, .object: nil
        case .bool(let b): b ? "true" : "false"
        case .integer(let n): String(n)
        case .number(let d): String(d)
        case .string(let s): s
        case .array(let items): items.compactMap(\.csvText).joined(separator: ";")
        }
    }
}

/// JSON pointer escaping (RFC 6901).
public func pointerToken(_ key: String) -> String {
    key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
}

/// One problem of a JSON object read as an entity.
public struct JSONIssue: Sendable, Equatable {
    /// JSON pointer relative to the object: `""` for the object, `/birthDate`, `/niches/2`.
    public var pointer: String
    /// The member at fault (its JSON name), if one is.
    public var member: String?
    public var rule: String?
    public var reason: String

    public init(pointer: String, member: String?, rule: String? = nil, reason: String) {
        self.pointer = pointer
        self.member = member
        self.rule = rule
        self.reason = reason
    }

    public init(_ issue: FieldIssue) {
        self.init(pointer: issue.field.map { "/" + pointerToken($0) } ?? "", member: issue.field, rule: issue.rule, reason: issue.reason)
    }
}

/// The JSON adapter of API bodies and JSON Lines: decodes an object straight into the typed entity,
/// strictly — strings for text, codes, days and instants; JSON numbers for numbers (integral for whole
/// numbers); `true`/`false` for booleans; arrays of strings for lists; `null` only for optional members;
/// unknown members refused. Member names are the entity's (what GET returns). Repeated members are caught
/// before, on the text (`DuplicateKeys`). The rules are the entity's one validation, called after.
public enum JSONRecords {
    /// Reads `object` as an entity of `kind`; with `base` (a PATCH), members not given keep the base's value.
    /// With `refs`, also runs the entity's validation, so every problem comes back at once (JSON Lines);
    /// without, the caller validates the record (the API, inside its write transaction).
    public static func decode(_ kind: ImportKind, _ object: [String: JSONValue], base: ImportRecord? = nil,
                              refs: (any ReferenceLookup)? = nil, config: PolicyConfig = PolicyConfig()) -> (record: ImportRecord?, issues: [JSONIssue]) {
        let schema = kind.schema
        var issues: [JSONIssue] = []
        if object.count > schema.fields.count || object.keys.contains(where: { schema.index(ofMember: $0) == nil }) {
            for key in object.keys.sorted() where schema.index(ofMember: key) == nil {
                issues.append(JSONIssue(pointer: "/" + pointerToken(key), member: key,
                    reason: "unknown member '\(key)' (known: \(schema.fields.map(\.member).joined(separator: ", ")))"))
            }
        }
        var values = [FieldValue?](repeating: nil, count: schema.fields.count)
        var failed: Set<String> = []
        var conversion: [FieldIssue] = []
        for (i, field) in schema.fields.enumerated() {
            guard let json = object[field.member] else { continue }
            if case .null = json {
                // `null` clears an optional member; a member with a default (gpppa, currency …) takes its default only
                // when left out, so a PATCH's null can never silently reset a stored flag.
                if field.optional { values[i] = .null; continue }
                let reason = "null is only allowed for optional members"
                failed.insert(field.member)
                conversion.append(FieldIssue(field: field.member, reason: reason))
                issues.append(JSONIssue(pointer: "/" + pointerToken(field.member), member: field.member, reason: reason))
                continue
            }
            switch value(json, field.type) {
            case .success(let v): values[i] = v
            case .failure(let problem):
                failed.insert(field.member)
                conversion.append(FieldIssue(field: field.member, reason: problem.reason))
                issues.append(JSONIssue(pointer: "/" + pointerToken(field.member) + (problem.item.map { "/\($0)" } ?? ""),
                    member: field.member, reason: problem.reason))
            }
        }
        let (record, buildIssues) = schema.build(values, base: base, missing: "required member is missing",
            null: "null is only allowed for optional members")
        let missing = buildIssues.filter { $0.field.map { !failed.contains($0) } ?? true }
        issues += missing.map(JSONIssue.init)
        conversion += missing
        if let refs {
            let problems = issues.isEmpty
                ? schema.problems(of: record, refs: refs, config: config)
                : Array(schema.everyProblem(partial: record, conversion: conversion, refs: refs, config: config).dropFirst(conversion.count))
            issues += problems.map(JSONIssue.init)
        }
        return issues.isEmpty ? (record, []) : (nil, issues)
    }

    struct Problem: Error {
        let reason: String
        var item: Int? = nil
    }

    /// A non-null JSON value as a field value of `type`.
    static func value(_ json: JSONValue, _ type: FieldType) -> Result<FieldValue, Problem> {
        switch (type, json) {
        case (.text, .string(let s)), (.code, .string(let s)): return .success(.text(s))
        case (.integer, .integer(let n)): return .success(.integer(n))
        case (.integer, .number(let d)):
            guard d.rounded() == d, d >= -9.2e18, d <= 9.2e18 else { return .failure(Problem(reason: "\(d) is not a whole number")) }
            return .success(.integer(Int64(d)))
        case (.number, .integer(let n)): return .success(.number(Double(n)))
        case (.number, .number(let d)): return .success(.number(d))
        case (.boolean, .bool(let b)): return .success(.boolean(b))
        case (.day, .string(let s)):
            guard let d = CalendarDay(iso: s) else { return .failure(Problem(reason: "'\(clipped(s))' is not a date (YYYY-MM-DD)")) }
            return .success(.day(d))
        case (.instant, .string(let s)):
            guard let t = Timestamp.parse(s) else {
                return .failure(Problem(reason: "'\(clipped(s))' is not an instant (YYYY-MM-DD or ISO 8601 with Z or an offset)"))
            }
            return .success(.instant(t))
        case (.list, .array(let items)):
            var strings: [String] = []
            strings.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                guard case .string(let s) = item else { return .failure(Problem(reason: "expected a string, got \(item.typeName)", item: i)) }
                strings.append(s)
            }
            return .success(.list(strings))
        default:
            return .failure(Problem(reason: "expected \(expected(type)), got \(json.typeName)"))
        }
    }

    static func expected(_ type: FieldType) -> String {
        switch type {
        case .text, .code: "a string"
        case .integer: "a whole number (a JSON number)"
        case .number: "a number (a JSON number)"
        case .boolean: "a boolean (true or false)"
        case .day: "a date string (YYYY-MM-DD)"
        case .instant: "an instant string (ISO 8601)"
        case .list: "an array of strings"
        }
    }

    static func clipped(_ v: String) -> String { v.count > 40 ? String(v.prefix(40)) + "…" : v }
}

/// Finds a member name repeated within one object of a JSON text that already decoded (JSONDecoder keeps
/// one of them silently; StarMatch refuses the ambiguity). Returns the JSON pointer of the repeated member.
public enum DuplicateKeys {
    public static func first(in data: Data) -> String? {
        data.withUnsafeBytes { raw in first(in: raw.bindMemory(to: UInt8.self)) }
    }

    public static func first(in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        // One frame per open container: its keys so far (objects), its next index (arrays), and its pointer.
        struct Frame { var keys: Set<String>?; var index = 0; var pointer: String; var pendingKey: String? }
        var stack: [Frame] = []
        var expectingKey = false
        func readString() -> String {
            i += 1  // opening quote
            let start = i
            var escaped = false
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                if bytes[i] == UInt8(ascii: "\\") { escaped = true; i += 1 }
                if i < bytes.count { i += 1 }
            }
            let raw = UnsafeBufferPointer(rebasing: bytes[start..<min(i, bytes.count)])
            i += 1  // closing quote
            guard escaped else { return String(decoding: raw, as: UTF8.self) }
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
                if !stack.isEmpty { stack.removeLast() }
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
