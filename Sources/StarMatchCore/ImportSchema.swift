import Foundation

/// The kinds of file `starmatch import` takes, in the order a fresh database needs them.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case categories, shops
    /// Products shops sell (C-RATE: each with its seller's commission).
    case products
    case creators, campaigns, sales
    case contentEvents = "content-events"
    case violations
    /// Creator policy quizzes (H-POINTS).
    case quizzes

    /// The file name of this kind in `Seeds/` (without extension).
    public var seedFileName: String { self == .contentEvents ? "content_events" : rawValue }

    /// The columns of this kind's CSV files in documented order (the field table's, `SchemaEntity.fields`).
    /// The validator reads fields by these positions.
    public var columns: [ImportColumn] { schema.fields.map { ImportColumn(name: $0.column, required: $0.required) } }
}

/// A column of an import file.
public struct ImportColumn: Sendable, Equatable {
    public let name: String
    public let required: Bool

    public init(name: String, required: Bool) {
        self.name = name
        self.required = required
    }
}

/// One problem with one row of an import file.
public struct RowIssue: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1-based line of the file where the row starts (the header is line 1 in CSV).
    public var line: Int
    /// The column at fault, when one is.
    public var column: String?
    /// The rule the row breaks, when it is a domain rule (E-BIND, …).
    public var rule: String?
    public var reason: String

    public init(line: Int, column: String?, rule: String? = nil, reason: String) {
        self.line = line
        self.column = column
        self.rule = rule
        self.reason = reason
    }

    public var description: String {
        var s = "line \(line)"
        if let column { s += ", column \(column)" }
        s += ": "
        if let rule { s += "\(rule): " }
        return s + reason
    }
}

/// A validated row, ready to be stored.
public enum ImportRecord: Sendable, Equatable {
    case category(Category)
    case shop(Shop)
    case creator(Creator)
    case campaign(Campaign)
    case sale(Sale)
    case contentEvent(ContentEvent)
    case violation(Violation)
    case quiz(PolicyQuiz)
    case product(Product)

    /// The row's id (the category path for categories).
    public var id: String {
        switch self {
        case .category(let v): return v.path.rawValue
        case .shop(let v): return v.id.rawValue
        case .creator(let v): return v.id.rawValue
        case .campaign(let v): return v.id.rawValue
        case .sale(let v): return v.id.rawValue
        case .contentEvent(let v): return v.id.rawValue
        case .violation(let v): return v.id.rawValue
        case .quiz(let v): return v.id.rawValue
        case .product(let v): return v.id.rawValue
        }
    }

    public var kind: ImportKind {
        switch self {
        case .category: return .categories
        case .shop: return .shops
        case .creator: return .creators
        case .campaign: return .campaigns
        case .sale: return .sales
        case .contentEvent: return .contentEvents
        case .violation: return .violations
        case .quiz: return .quizzes
        case .product: return .products
        }
    }

    /// Every problem of the record: its entity's one validation (`EntityValidation`).
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        kind.schema.problems(of: self, refs: refs, config: config)
    }
}

/// What a row may refer to: the taxonomy and ids already known (in the database or earlier in the file).
public protocol ReferenceLookup {
    func hasCategory(_ path: CategoryPath) -> Bool
    func hasShop(_ id: ShopID) -> Bool
    func hasCreator(_ id: CreatorID) -> Bool
    /// The shop of a campaign; `nil` when unknown.
    func campaignShop(_ id: CampaignID) -> ShopID?
    /// The shop and category of a product (stored, or earlier in the same file or request); `nil` when unknown.
    func product(_ id: ProductID) -> ProductReference?
    /// E-HANDLE: the creator other than `id` whose handle has the key `handleKey` (`Creator.handleKey`), among
    /// the stored creators and those written earlier in the same file or request; `nil` when none does.
    func creatorHolding(handleKey: String, other id: CreatorID) -> CreatorID?
}

/// What a campaign or a sale needs to know of a product it names.
public struct ProductReference: Sendable, Equatable {
    public var shop: ShopID
    public var category: CategoryPath
    /// The currency of its price: a sales line naming the product is in it.
    public var currency: String
    /// Whether stored sales lines name it: its shop, category and currency are then theirs too, and stay.
    public var named: Bool

    public init(shop: ShopID, category: CategoryPath, currency: String = "USD", named: Bool = false) {
        self.shop = shop
        self.category = category
        self.currency = currency
        self.named = named
    }
}

/// The raw fields of one row, indexed like `ImportKind.columns`; `nil` or empty means absent.
public struct RawRow: Sendable {
    public var line: Int
    public var fields: [String?]

    public init(line: Int, fields: [String?]) {
        self.line = line
        self.fields = fields
    }
}

/// The CSV adapter: converts the text fields of a row (`RawRow`, indexed like `ImportKind.columns`) into
/// the typed entity, then runs the entity's one validation. Issues name the row's line and CSV column.
public struct RowValidator {
    public let kind: ImportKind
    public let config: PolicyConfig
    public let schema: KindSchema

    public init(kind: ImportKind, config: PolicyConfig) {
        self.kind = kind
        self.config = config
        self.schema = kind.schema
    }

    /// Converts and validates one row against `refs`. Returns the record, or every issue the row has.
    public func validate(_ row: RawRow, refs: some ReferenceLookup) -> Result<ImportRecord, RowIssues> {
        let fields = schema.fields
        var values = [FieldValue?](repeating: nil, count: fields.count)
        var conversion: [FieldIssue] = []
        for i in fields.indices {
            guard i < row.fields.count, let raw = row.fields[i], !raw.isEmpty else { continue }
            switch CSVText.value(raw, fields[i].type) {
            case .success(let value): values[i] = value
            case .failure(let problem): conversion.append(FieldIssue(field: fields[i].member, reason: problem.reason))
            }
        }
        let (record, buildIssues, problems) = schema.buildAndValidate(values, refs: refs, config: config)
        if conversion.isEmpty && buildIssues.isEmpty {
            guard problems.isEmpty else { return .failure(RowIssues(issues: problems.map { issue(row.line, $0) })) }
            return .success(record)
        }
        // A field that failed to convert is "not given" to `build`: its issue is already there.
        let failed = Set(conversion.compactMap(\.field))
        conversion += buildIssues.filter { !($0.field.map(failed.contains) ?? false) }
        let every = schema.everyProblem(partial: record, conversion: conversion, refs: refs, config: config)
        return .failure(RowIssues(issues: every.map { issue(row.line, $0) }))
    }

    func issue(_ line: Int, _ problem: FieldIssue) -> RowIssue {
        RowIssue(line: line, column: problem.field.map(schema.column(ofMember:)), rule: problem.rule, reason: problem.reason)
    }
}

/// All issues of one row.
public struct RowIssues: Error, Sendable, Equatable {
    public var issues: [RowIssue]

    public init(issues: [RowIssue]) { self.issues = issues }
}

/// CSV field text as typed values (the CSV adapter's conversions; the entity validation does the rest).
public enum CSVText {
    public struct Problem: Error { public let reason: String }

    /// The value of non-empty CSV text for a field of `type`.
    public static func value(_ v: String, _ type: FieldType) -> Result<FieldValue, Problem> {
        switch type {
        case .text, .code: return .success(.text(v))
        case .integer:
            guard let n = Int64(v) else { return .failure(Problem(reason: "'\(clip(v))' is not a whole number")) }
            return .success(.integer(n))
        case .number:
            // Decimal notation only (as JSON writes numbers): `Double(_:)` would also take `0x1p6`, `inf` and `nan`.
            guard isDecimal(v), let n = Double(v), n.isFinite else { return .failure(Problem(reason: "'\(clip(v))' is not a number")) }
            return .success(.number(n))
        case .boolean:
            switch v {
            case "true", "1": return .success(.boolean(true))
            case "false", "0": return .success(.boolean(false))
            default: break
            }
            switch v.lowercased() {
            case "true", "yes": return .success(.boolean(true))
            case "false", "no": return .success(.boolean(false))
            default: return .failure(Problem(reason: "'\(clip(v))' is not a boolean (true/false)"))
            }
        case .day:
            guard let d = CalendarDay(iso: v) else { return .failure(Problem(reason: "'\(clip(v))' is not a date (YYYY-MM-DD)")) }
            return .success(.day(d))
        case .instant:
            guard let d = Timestamp.parse(v) else {
                return .failure(Problem(reason: "'\(clip(v))' is not an instant (YYYY-MM-DD or ISO 8601 with Z or an offset)"))
            }
            return .success(.instant(d))
        case .list:
            return .success(.list(listItems(v)))
        }
    }

    /// Whether `v` is a decimal number: an optional sign, digits with an optional fraction (or a fraction alone), an
    /// optional exponent.
    static func isDecimal(_ v: String) -> Bool {
        var bytes = v.utf8[...]
        if let first = bytes.first, first == 0x2B || first == 0x2D { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let n = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            bytes = bytes.dropFirst(n)
            return n
        }
        var mantissa = digits()
        if bytes.first == 0x2E {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == 0x65 || e == 0x45 {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == 0x2B || sign == 0x2D { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }

    /// The CSV text of a value (lists `;`-joined, instants ISO 8601), as an export or a rejects file writes it.
    public static func text(_ value: FieldValue) -> String? {
        switch value {
        case .null: return nil
        case .text(let s): return s
        case .integer(let n): return String(n)
        case .number(let d): return String(d)
        case .boolean(let b): return b ? "true" : "false"
        case .day(let d): return d.description
        case .instant(let t): return Timestamp.format(t)
        case .list(let items): return items.joined(separator: ";")
        }
    }

    /// Splits a `;`-separated list, trimming spaces and tabs around items and dropping empty ones.
    public static func listItems(_ v: String) -> [String] {
        var items: [String] = []
        let utf8 = v.utf8
        var start = utf8.startIndex
        while start <= utf8.endIndex {
            var end = start
            while end < utf8.endIndex && utf8[end] != 0x3B { end = utf8.index(after: end) }
            var lo = start
            var hi = end
            while lo < hi && (utf8[lo] == 0x20 || utf8[lo] == 0x09) { lo = utf8.index(after: lo) }
            while hi > lo && (utf8[utf8.index(before: hi)] == 0x20 || utf8[utf8.index(before: hi)] == 0x09) { hi = utf8.index(before: hi) }
            if lo < hi { items.append(String(v[lo..<hi])) }
            if end == utf8.endIndex { break }
            start = utf8.index(after: end)
        }
        return items
    }
}
