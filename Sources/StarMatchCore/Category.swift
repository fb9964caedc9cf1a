/// A category of the TikTok-Shop-like taxonomy, as a slash path: `beauty`, `beauty/skincare`.
///
/// Segments are lowercase ASCII letters, digits and `-`; at most three levels.
public struct CategoryPath: StringValue {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Parses user input; `nil` when it is not a well-formed path.
    public init?(validating raw: String) {
        guard Self.isValid(raw.utf8) else { return nil }
        self.rawValue = raw
    }

    /// At most three non-empty segments of at most 48 bytes of `a-z`, `0-9`, `-`, separated by `/`.
    static func isValid(_ bytes: String.UTF8View) -> Bool {
        var segments = 1
        var length = 0
        for byte in bytes {
            if byte == 0x2F {
                guard length > 0, segments < 3 else { return false }
                segments += 1
                length = 0
            } else if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D {
                length += 1
                guard length <= 48 else { return false }
            } else {
                return false
            }
        }
        return length > 0
    }

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
