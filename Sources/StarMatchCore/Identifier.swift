/// A typed identifier: `Identifier<Creator>` and `Identifier<Shop>` cannot be mixed up.
///
/// Identifiers are the ids users give in their import files: 1 to 64 characters, starting with a
/// letter or digit, then letters, digits, `.`, `_`, `:` or `-`.
public struct Identifier<Entity>: StringValue {
    public let rawValue: String

    /// Creates an identifier without validation (trusted sources: the database, tests).
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates an identifier from user input, or `nil` when it is not a valid id.
    public init?(validating raw: String) {
        guard Self.isValid(raw) else { return nil }
        self.rawValue = raw
    }


    /// Whether `raw` is an acceptable identifier.
    public static func isValid(_ raw: String) -> Bool {
        let bytes = raw.utf8
        guard (1...64).contains(bytes.count) else { return false }
        var first = true
        for byte in bytes {
            let alnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            if first {
                guard alnum else { return false }
                first = false
            } else {
                guard alnum || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x2D else { return false }
            }
        }
        return true
    }
}

public typealias CreatorID = Identifier<Creator>
public typealias ShopID = Identifier<Shop>
public typealias CampaignID = Identifier<Campaign>
public typealias ProductID = Identifier<Product>
public typealias SaleID = Identifier<Sale>
public typealias ContentEventID = Identifier<ContentEvent>
public typealias ViolationID = Identifier<Violation>
public typealias QuizID = Identifier<PolicyQuiz>
/// Identifies one piece of content (a video or a LIVE) across its events.
public typealias ContentID = Identifier<ContentEvent.Content>

/// A value that is a string underneath (ids, category paths): coded as a bare JSON string, compared,
/// printed and written as a literal by its raw value.
public protocol StringValue: Hashable, Comparable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    var rawValue: String { get }
    init(_ rawValue: String)
}

extension StringValue {
    public init(stringLiteral value: String) { self.init(value) }

    public init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
