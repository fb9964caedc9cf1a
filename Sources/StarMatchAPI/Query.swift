import Foundation
import Hummingbird
import StarMatchCore

/// Typed query parameters; a bad value is a 400 naming the parameter.
struct Query {
    let parameters: Hummingbird.Parameters

    init(_ request: Request) { parameters = request.uri.queryParameters }

    func string(_ name: String, maxLength: Int = 200) throws -> String? {
        guard let raw = parameters[name[...]] else { return nil }
        let value = String(raw)
        guard !value.isEmpty, value.count <= maxLength else { throw Problem.badParameter(name, "must be 1–\(maxLength) characters") }
        return value
    }

    func int(_ name: String, in range: ClosedRange<Int>, default fallback: Int? = nil) throws -> Int? {
        guard let raw = try string(name, maxLength: 20) else { return fallback }
        guard let value = Int(raw), range.contains(value) else {
            throw Problem.badParameter(name, "'\(raw)' is not an integer in \(range.lowerBound)–\(range.upperBound)")
        }
        return value
    }

    func bool(_ name: String) throws -> Bool {
        guard let raw = try string(name, maxLength: 5) else { return false }
        switch raw {
        case "true", "1": return true
        case "false", "0": return false
        default: throw Problem.badParameter(name, "'\(raw)' is not true or false")
        }
    }

    /// `at` (or another instant parameter): ISO 8601 with Z or an offset, or a day; `fallback` when absent.
    func instant(_ name: String, default fallback: Date) throws -> Date {
        guard let raw = try string(name, maxLength: 40) else { return fallback }
        guard let date = Timestamp.parse(raw) else {
            throw Problem.badParameter(name, "'\(raw)' is not an instant (YYYY-MM-DD or ISO 8601 with Z or an offset)")
        }
        return date
    }

    func region(_ name: String) throws -> String? {
        guard let raw = try string(name, maxLength: 2) else { return nil }
        guard Region.isValid(raw) else { throw Problem.badParameter(name, "'\(raw)' is not a region code (e.g. US)") }
        return raw
    }

    /// An opaque page cursor: the last id of the previous page, base64url-encoded.
    func cursor() throws -> String? {
        guard let raw = try string("cursor", maxLength: 400) else { return nil }
        var base64 = raw.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let id = String(data: data, encoding: .utf8), !id.isEmpty else {
            throw Problem.badParameter("cursor", "not a cursor this API returned")
        }
        return id
    }

    static func cursor(after id: String) -> String {
        Data(id.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// One page of a list.
struct Page<Item: Encodable & Sendable>: Encodable, Sendable {
    let items: [Item]
    /// Pass as `cursor` for the next page; absent on the last page.
    let nextCursor: String?

    /// From up to `limit + 1` rows fetched: the extra row only tells that another page exists.
    init(_ rows: [Item], limit: Int, id: (Item) -> String) {
        items = Array(rows.prefix(limit))
        nextCursor = rows.count > limit ? items.last.map { Query.cursor(after: id($0)) } : nil
    }
}
