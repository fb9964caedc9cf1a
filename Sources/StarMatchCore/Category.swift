/// A category of the TikTok-Shop-like taxonomy, as a slash path: `beauty`, `beauty/skincare`.
///
/// Segments are lowercase ASCII letters, digits and `-`; at most three levels.
public struct CategoryPath: Hashable, Comparable, Sendable, Codable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// Parses user input; `nil` when it is not a well-formed path.
    public init?(validating raw: String) {
        let segments = raw.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...3).contains(segments.count) else { return nil }
        for segment in segments {
            guard !segment.isEmpty, segment.utf8.count <= 48,
                segment.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
            else { return nil }
        }
        self.rawValue = raw
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The path segments, top level first.
    public var segments: [Substring] { rawValue.split(separator: "/") }

    /// The top-level category (`beauty` for `beauty/skincare`).
    public var topLevel: CategoryPath {
        guard let slash = rawValue.firstIndex(of: "/") else { return self }
        return CategoryPath(String(rawValue[..<slash]))
    }

    /// The parent path, or `nil` for a top-level category.
    public var parent: CategoryPath? {
        guard let slash = rawValue.lastIndex(of: "/") else { return nil }
        return CategoryPath(String(rawValue[..<slash]))
    }

    /// Whether `self` is `other` or lies below it.
    public func isWithin(_ other: CategoryPath) -> Bool {
        rawValue == other.rawValue || rawValue.hasPrefix(other.rawValue + "/")
    }
}

/// The set of known categories. Every category named by a creator, shop, campaign or sale must be in it.
public struct Taxonomy: Sendable, Equatable {
    public private(set) var paths: Set<CategoryPath>
    public private(set) var names: [CategoryPath: String]

    public init(_ entries: [(CategoryPath, String)] = []) {
        paths = []
        names = [:]
        for (path, name) in entries { insert(path, name: name) }
    }

    public static func == (lhs: Taxonomy, rhs: Taxonomy) -> Bool { lhs.paths == rhs.paths }

    /// Adds a category (and, implicitly, nothing else: parents must be added explicitly).
    public mutating func insert(_ path: CategoryPath, name: String) {
        paths.insert(path)
        names[path] = name
    }

    public func contains(_ path: CategoryPath) -> Bool { paths.contains(path) }

    /// Top-level categories, sorted.
    public var topLevel: [CategoryPath] { paths.filter { $0.parent == nil }.sorted() }

    /// Leaves (categories with no child), sorted.
    public var leaves: [CategoryPath] {
        let parents = Set(paths.compactMap(\.parent))
        return paths.filter { !parents.contains($0) }.sorted()
    }
}
