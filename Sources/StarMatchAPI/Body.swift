import Foundation
import Hummingbird
import StarMatchCore
import StarMatchStore

extension Request {
    /// The body as JSON (at most `APILimits.maxBody` bytes, else 413); malformed JSON is a 400, and so is a
    /// member given twice in one object (which one counts would be a guess).
    /// A body declared as something else than JSON (`Content-Type` other than `application/json` or `…+json`) is a
    /// 415; a body without a `Content-Type` is read as JSON.
    /// - Parameter limit: the route's cap in bytes (`APILimits.maxBody` unless the route says otherwise); over it, 413.
    func jsonBody(context: APIContext, limit: Int? = nil) async throws -> JSONValue {
        try requireJSONContentType()
        let cap = limit ?? context.maxUploadSize
        let buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: cap)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw Problem(.contentTooLarge, detail: "the body is larger than \(cap) bytes")
        }
        return try Self.json(Data(buffer.readableBytesView))
    }

    /// `jsonBody`, or `nil` for an empty body (a route whose body is optional).
    func optionalJSONBody(context: APIContext) async throws -> JSONValue? {
        let data = Data(try await body.collect(upTo: context.maxUploadSize).readableBytesView)
        if !data.isEmpty { try requireJSONContentType() }
        return data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) ? nil : try Self.json(data)
    }

    private func requireJSONContentType() throws {
        guard let raw = headers[.contentType] else { return }
        let media = raw.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        guard media == "application/json" || (media.hasPrefix("application/") && media.hasSuffix("+json")) else {
            throw Problem(.unsupportedMediaType, detail: "the body must be JSON (Content-Type: application/json), not '\(raw.prefix(100))'")
        }
    }

    private static func json(_ data: Data) throws -> JSONValue {
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

/// API bodies as typed entities, through the JSON adapter (`JSONRecords`) that JSON Lines imports use too:
/// the entity's member names (what GET returns), strict JSON types, unknown members refused. The rules are
/// the entity's one validation, run by the store inside the write's transaction.
enum RecordBody {
    /// A single object or (`allowArray`) an array of up to `APILimits.maxItems` objects, as typed records.
    /// - Throws: a 422 `Problem` naming every member that does not convert, by JSON pointer.
    static func records(_ kind: ImportKind, _ body: JSONValue, allowArray: Bool, store: StarMatchStore) throws -> (records: [ImportRecord], isArray: Bool) {
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
        var records: [ImportRecord] = []
        var errors: [Problem.FieldError] = []
        for (value, prefix) in objects {
            guard case .object(let object) = value else {
                errors.append(.init(pointer: prefix, detail: "expected an object, got \(value.typeName)"))
                continue
            }
            let (record, issues) = JSONRecords.decode(kind, object)
            if let record { records.append(record) }
            // A member that does not convert: every other problem of the object too, in the same answer.
            let every = issues.isEmpty ? [] : ((try? store.jsonProblems(kind, object)) ?? issues)
            errors += every.map { .init(pointer: prefix + $0.pointer, rule: $0.rule, detail: $0.reason) }
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        return (records, isArray)
    }

    /// A PATCH: the members given (same strictness as a create) on top of the stored entity; the id never changes.
    static func patch(_ kind: ImportKind, current: ImportRecord, _ body: JSONValue, store: StarMatchStore) throws -> ImportRecord {
        guard case .object(let change) = body else {
            throw Problem.invalid([.init(pointer: "", detail: "expected an object of the members to change, got \(body.typeName)")])
        }
        let idMember = kind.schema.fields[0].member
        if let newID = change[idMember], newID != .string(current.id) {
            throw Problem.invalid([.init(pointer: "/" + pointerToken(idMember), detail: "the id cannot change (it is '\(current.id)')")])
        }
        let (record, issues) = JSONRecords.decode(kind, change, base: current)
        guard let record, issues.isEmpty else {
            let every = (try? store.jsonProblems(kind, change, base: current)) ?? issues
            throw Problem.invalid(every.map { .init(pointer: $0.pointer, rule: $0.rule, detail: $0.reason) })
        }
        return record
    }

    /// The store's verdict on records (`RowIssue.column` is the member name), as JSON pointers into the body.
    static func translate(_ error: any Error, isArray: Bool) -> any Error {
        guard let rejected = error as? RecordsRejected else { return error }
        return Problem.invalid(rejected.issues.map { issue in
            let prefix = isArray ? "/\(issue.line)" : ""
            return Problem.FieldError(pointer: issue.column.map { prefix + "/" + pointerToken($0) } ?? prefix, rule: issue.rule, detail: issue.reason)
        })
    }
}
