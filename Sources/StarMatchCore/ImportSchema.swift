import Foundation

/// The kinds of file `starmatch import` takes, in the order a fresh database needs them.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    case categories, shops, creators, campaigns, sales
    case contentEvents = "content-events"
    case violations

    /// The file name of this kind in `Seeds/` (without extension).
    public var seedFileName: String { self == .contentEvents ? "content_events" : rawValue }

    /// The columns of this kind's files in documented order; `?` marks an optional column.
    /// The validator reads fields by these positions.
    public var columns: [ImportColumn] {
        switch self {
        case .categories: return ImportColumn.list("path name")
        case .shops: return ImportColumn.list("id name region score categories")
        case .creators:
            return ImportColumn.list("""
                id handle kind followers region birth_date registered_at age_confirmed_at? identity_verified \
                identity_document? gpppa? ecommerce_revoked? linked_serious_violator? policies_accepted? bound_shop? \
                niches? pilot_started_at? quiz_passed_at?
                """)
        case .campaigns: return ImportColumn.list("id shop name kind categories slots starts_at ends_at commission_pct min_followers? regions?")
        case .sales: return ImportColumn.list("id creator shop campaign? category ordered_at orders returned_orders? gmv_minor currency?")
        case .contentEvents: return ImportColumn.list("id creator content medium action at duration_seconds? private? shoppable?")
        case .violations: return ImportColumn.list("id creator kind points at")
        }
    }
}

/// A column of an import file.
public struct ImportColumn: Sendable, Equatable {
    public let name: String
    public let required: Bool

    static func list(_ spec: String) -> [ImportColumn] {
        spec.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { word in
            word.hasSuffix("?") ? ImportColumn(name: String(word.dropLast()), required: false) : ImportColumn(name: String(word), required: true)
        }
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
    case category(CategoryPath, name: String)
    case shop(Shop)
    case creator(Creator)
    case campaign(Campaign)
    case sale(Sale)
    case contentEvent(ContentEvent)
    case violation(Violation)

    /// The row's id (the category path for categories).
    public var id: String {
        switch self {
        case .category(let path, _): return path.rawValue
        case .shop(let v): return v.id.rawValue
        case .creator(let v): return v.id.rawValue
        case .campaign(let v): return v.id.rawValue
        case .sale(let v): return v.id.rawValue
        case .contentEvent(let v): return v.id.rawValue
        case .violation(let v): return v.id.rawValue
        }
    }
}

/// What a row may refer to: the taxonomy and ids already known (in the database or earlier in the file).
public protocol ReferenceLookup {
    func hasCategory(_ path: CategoryPath) -> Bool
    func hasShop(_ id: ShopID) -> Bool
    func hasCreator(_ id: CreatorID) -> Bool
    func hasCampaign(_ id: CampaignID) -> Bool
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

/// Validates raw rows of one kind into records. The same validation serves CSV, JSON Lines and the API.
public struct RowValidator {
    public let kind: ImportKind
    public let config: PolicyConfig
    let columns: [ImportColumn]
    /// Category lists already validated (lists repeat a lot: niches follow a Zipf law).
    let cache = CategoryListCache()

    public init(kind: ImportKind, config: PolicyConfig) {
        self.kind = kind
        self.config = config
        self.columns = kind.columns
    }

    /// Validates one row against `refs`. Returns the record, or every issue the row has.
    public func validate(_ row: RawRow, refs: some ReferenceLookup) -> Result<ImportRecord, RowIssues> {
        var p = FieldParser(row: row, columns: columns, cache: cache)
        let record: ImportRecord?
        switch kind {
        case .categories: record = category(&p, refs)
        case .shops: record = shop(&p, refs)
        case .creators: record = creator(&p, refs)
        case .campaigns: record = campaign(&p, refs)
        case .sales: record = sale(&p, refs)
        case .contentEvents: record = contentEvent(&p, refs)
        case .violations: record = violation(&p, refs)
        }
        if let record, p.issues.isEmpty { return .success(record) }
        return .failure(RowIssues(issues: p.issues))
    }

    // Column indexes follow `ImportKind.columns`.

    func category(_ p: inout FieldParser, _ refs: some ReferenceLookup) -> ImportRecord? {
        let path = p.category(0)
        let name = p.text(1)
        if let path, let parent = path.parent, !refs.hasCategory(parent) {
            p.fail(0, "parent category '\(parent)' is not known (list parents before children)")
        }
        guard let path, let name else { return nil }
        return .category(path, name: name)
    }

    func shop(_ p: inout FieldParser, _ refs: some ReferenceLookup) -> ImportRecord? {
        let id = p.id(0, ShopID.self)
        let name = p.text(1)
        let region = p.region(2)
        let score = p.double(3, in: EntityLimits.shopScore)
        let categories = p.categories(4, refs, required: true)
        guard let id, let name, let region, let score, let categories else { return nil }
        return .shop(Shop(id: id, name: name, region: region, score: score, categories: categories))
    }

    func creator(_ p: inout FieldParser, _ refs: some ReferenceLookup) -> ImportRecord? {
        let id = p.id(0, CreatorID.self)
        let handle = p.text(1)
        let kind = p.enumValue(2, Creator.Kind.self)
        let followers = p.int(3, in: EntityLimits.followers)
        let region = p.region(4)
        let birth = p.day(5)
        let registered = p.instant(6)
        let confirmed = p.optionalInstant(7)
        let verified = p.bool(8)
        let document = p.optionalText(9)
        let gpppa = p.bool(10, default: false)
        let revoked = p.bool(11, default: false)
        let linked = p.bool(12, default: false)
        let accepted = p.bool(13, default: false)
        let bound = p.optionalID(14, ShopID.self)
        let niches = p.categories(15, refs, required: false)
        let pilotStart = p.optionalInstant(16)
        let quizPassed = p.optionalInstant(17)
        if verified == true && document == nil {
            p.fail(9, rule: "E-IDDOC", "a verified identity needs the identity document it was verified with")
        }
        if let kind {
            if kind.isShopBound && p.isAbsent(14) {
                p.fail(14, rule: "E-BIND", "\(kind.rawValue) creators are bound to exactly one shop")
            } else if !kind.isShopBound && !p.isAbsent(14) {
                p.fail(14, rule: "E-BIND", "only officialShop and marketing creators have a bound shop")
            }
            if kind != .affiliate && pilotStart != nil {
                p.fail(16, rule: "P-ENTER", "only affiliates enter the pilot")
            }
        }
        if let bound, !refs.hasShop(bound) { p.fail(14, "unknown shop '\(bound)'") }
        if quizPassed != nil && pilotStart == nil { p.fail(17, rule: "P-GRADUATE", "a quiz without a pilot (pilot_started_at is empty)") }
        if let registered, let confirmed, confirmed < registered { p.fail(7, "age confirmed before registration") }
        if let registered, let pilotStart, pilotStart < registered { p.fail(16, "pilot started before registration") }
        if let pilotStart, let quizPassed, quizPassed < pilotStart { p.fail(17, "quiz passed before the pilot started") }
        if let birth, let registered, birth.startUTC > registered { p.fail(5, "born after registration") }
        guard let id, let handle, let kind, let followers, let region, let birth, let registered, let verified,
            let gpppa, let revoked, let linked, let accepted, let niches
        else { return nil }
        return .creator(Creator(
            id: id, handle: handle, kind: kind, followers: followers, region: region, birthDate: birth,
            registeredAt: registered, ageConfirmedAt: confirmed, identityVerified: verified, identityDocument: document,
            gpppa: gpppa, ecommerceRevoked: revoked, linkedToSeriousViolator: linked, policiesAccepted: accepted,
            boundShop: bound, niches: niches, pilotStartedAt: pilotStart, quizPassedAt: quizPassed))
    }

    func campaign(_ p: inout FieldParser, _ refs: some ReferenceLookup) -> ImportRecord? {
        let id = p.id(0, CampaignID.self)
        let shop = p.id(1, ShopID.self)
        let name = p.text(2)
        let kind = p.enumValue(3, Campaign.Kind.self)
        let categories = p.categories(4, refs, required: true)
        let slots = p.int(5, in: EntityLimits.slots)
        let starts = p.instant(6)
        let ends = p.instant(7)
        let commission = p.double(8, in: EntityLimits.commissionPercent)
        let minFollowers = p.optionalInt(9, in: EntityLimits.followers)
        let regions = p.regions(10)
        if let shop, !refs.hasShop(shop) { p.fail(1, "unknown shop '\(shop)'") }
        if let starts, let ends, ends <= starts { p.fail(7, "ends_at must be after starts_at") }
        guard let id, let shop, let name, let kind, let categories, let slots, let starts, let ends, let commission,
            let regions
        else { return nil }
        return .campaign(Campaign(
            id: id, shop: shop, name: name, kind: kind, categories: categories, slots: slots, startsAt: starts,
            endsAt: ends, commissionPercent: commission, minFollowers: minFollowers, regions: regions))
    }

    func sale(_ p: inout FieldParser, _ refs: some ReferenceLookup) -> ImportRecord? {
        let id = p.id(0, SaleID.self)
        let creator = p.id(1, CreatorID.self)
        let shop = p.id(2, ShopID.self)
        let campaign = p.optionalID(3, CampaignID.self)
        let category = p.category(4)
        let orderedAt = p.instant(5)
        let orders = p.int(6, in: EntityLimits.orders)
        let returned = p.int(7, in: EntityLimits.orders, default: 0)
        let gmv = p.int64(8, in: EntityLimits.gmvMinor)
        let currency = p.currency(9)
        if let creator, !refs.hasCreator(creator) { p.fail(1, "unknown creator '\(creator)'") }
        if let shop, !refs.hasShop(shop) { p.fail(2, "unknown shop '\(shop)'") }
        if let campaign, !refs.hasCampaign(campaign) { p.fail(3, "unknown campaign '\(campaign)'") }
        if let category, !refs.hasCategory(category) { p.fail(4, "unknown category '\(category)'") }
        if let orders, let returned, returned > orders { p.fail(7, rule: "C-VALIDATE", "more returned orders (\(returned)) than orders (\(orders))") }
        guard let id, let creator, let shop, let category, let orderedAt, let orders, let returned, let gmv, let currency
        else { return nil }
        return .sale(Sale(
            id: id, creator: creator, shop: shop, campaign: campaign, category: category, orderedAt: orderedAt,
            orders: orders, returnedOrders: returned, gmvMinor: gmv, currency: currency))
    }

    func contentEvent(_ p: inout FieldParser, _ refs: some ReferenceLookup) -> ImportRecord? {
        let id = p.id(0, ContentEventID.self)
        let creator = p.id(1, CreatorID.self)
        let content = p.id(2, ContentID.self)
        let medium = p.enumValue(3, ContentEvent.Medium.self)
        let action = p.enumValue(4, ContentEvent.Action.self)
        let at = p.instant(5)
        let duration = p.optionalInt(6, in: EntityLimits.durationSeconds)
        let isPrivate = p.bool(7, default: false)
        let shoppable = p.bool(8, default: true)
        if let creator, !refs.hasCreator(creator) { p.fail(1, "unknown creator '\(creator)'") }
        guard let id, let creator, let content, let medium, let action, let at, let isPrivate, let shoppable else { return nil }
        return .contentEvent(ContentEvent(
            id: id, creator: creator, content: content, medium: medium, action: action, at: at,
            durationSeconds: duration, isPrivate: isPrivate, shoppable: shoppable))
    }

    func violation(_ p: inout FieldParser, _ refs: some ReferenceLookup) -> ImportRecord? {
        let id = p.id(0, ViolationID.self)
        let creator = p.id(1, CreatorID.self)
        let kind = p.enumValue(2, Violation.Kind.self)
        let points = p.int(3, in: EntityLimits.violationPoints(chrMax: config.chrMax))
        let at = p.instant(4)
        if let creator, !refs.hasCreator(creator) { p.fail(1, "unknown creator '\(creator)'") }
        guard let id, let creator, let kind, let points, let at else { return nil }
        return .violation(Violation(id: id, creator: creator, kind: kind, points: points, at: at))
    }
}

/// All issues of one row.
public struct RowIssues: Error, Sendable, Equatable {
    public var issues: [RowIssue]
}

/// Reads typed values from a raw row, collecting one issue per bad field.
struct FieldParser {
    let row: RawRow
    let columns: [ImportColumn]
    let cache: CategoryListCache
    var issues: [RowIssue] = []

    init(row: RawRow, columns: [ImportColumn], cache: CategoryListCache) {
        self.row = row
        self.columns = columns
        self.cache = cache
    }

    mutating func fail(_ index: Int, rule: String? = nil, _ reason: String) {
        issues.append(RowIssue(line: row.line, column: columns[index].name, rule: rule, reason: reason))
    }

    func raw(_ i: Int) -> String? {
        guard i < row.fields.count, let v = row.fields[i], !v.isEmpty else { return nil }
        return v
    }

    func isAbsent(_ i: Int) -> Bool { raw(i) == nil }

    /// The value of a required column, or an issue when empty.
    mutating func required(_ i: Int) -> String? {
        if let v = raw(i) { return v }
        fail(i, "required value is empty")
        return nil
    }

    mutating func text(_ i: Int) -> String? {
        guard let v = required(i) else { return nil }
        return checkText(i, v)
    }

    mutating func optionalText(_ i: Int) -> String? {
        guard let v = raw(i) else { return nil }
        return checkText(i, v)
    }

    mutating func checkText(_ i: Int, _ v: String) -> String? {
        let bytes = v.utf8
        if bytes.count > EntityLimits.maxTextBytes { fail(i, "longer than \(EntityLimits.maxTextBytes) bytes"); return nil }
        // Control characters: C0 and DEL in ASCII, C1 (U+0080–U+009F, encoded C2 80–C2 9F) otherwise.
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                fail(i, "contains control characters")
                return nil
            }
            previous = byte
        }
        return v
    }

    mutating func id<T>(_ i: Int, _: Identifier<T>.Type) -> Identifier<T>? {
        guard let v = required(i) else { return nil }
        guard let id = Identifier<T>(validating: v) else {
            fail(i, "'\(clip(v))' is not a valid id (1–64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit)")
            return nil
        }
        return id
    }

    mutating func optionalID<T>(_ i: Int, _ type: Identifier<T>.Type) -> Identifier<T>? {
        raw(i) == nil ? nil : id(i, type)
    }

    mutating func int(_ i: Int, in range: ClosedRange<Int>, default fallback: Int? = nil) -> Int? {
        guard let v = raw(i) else {
            if let fallback { return fallback }
            fail(i, "required value is empty")
            return nil
        }
        return checkInt(i, v, range)
    }

    mutating func optionalInt(_ i: Int, in range: ClosedRange<Int>) -> Int? {
        guard let v = raw(i) else { return nil }
        return checkInt(i, v, range)
    }

    mutating func checkInt(_ i: Int, _ v: String, _ range: ClosedRange<Int>) -> Int? {
        guard let n = Int(v) else {
            fail(i, "'\(clip(v))' is not a whole number")
            return nil
        }
        guard range.contains(n) else {
            fail(i, n < range.lowerBound ? "\(n) is below the minimum \(range.lowerBound)" : "\(n) is above the maximum \(range.upperBound)")
            return nil
        }
        return n
    }

    mutating func int64(_ i: Int, in range: ClosedRange<Int64>) -> Int64? {
        guard let v = required(i) else { return nil }
        guard let n = Int64(v) else { fail(i, "'\(clip(v))' is not a whole number"); return nil }
        guard range.contains(n) else { fail(i, "\(n) is outside \(range.lowerBound)…\(range.upperBound)"); return nil }
        return n
    }

    mutating func double(_ i: Int, in range: ClosedRange<Double>) -> Double? {
        guard let v = required(i) else { return nil }
        guard let n = Double(v), n.isFinite else { fail(i, "'\(clip(v))' is not a number"); return nil }
        guard range.contains(n) else { fail(i, "\(v) is outside \(fmtScore(range.lowerBound))–\(fmtScore(range.upperBound))"); return nil }
        return n
    }

    mutating func bool(_ i: Int, default fallback: Bool? = nil) -> Bool? {
        guard let v = raw(i) else {
            if let fallback { return fallback }
            fail(i, "required value is empty")
            return nil
        }
        switch v {
        case "true", "1": return true
        case "false", "0": return false
        default: break
        }
        switch v.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            fail(i, "'\(clip(v))' is not a boolean (true/false)")
            return nil
        }
    }

    mutating func instant(_ i: Int) -> Date? {
        guard let v = required(i) else { return nil }
        return checkInstant(i, v)
    }

    mutating func optionalInstant(_ i: Int) -> Date? {
        guard let v = raw(i) else { return nil }
        return checkInstant(i, v)
    }

    mutating func checkInstant(_ i: Int, _ v: String) -> Date? {
        guard let d = Timestamp.parse(v) else {
            fail(i, "'\(clip(v))' is not an instant (YYYY-MM-DD or ISO 8601 with Z or an offset)")
            return nil
        }
        return d
    }

    mutating func day(_ i: Int) -> CalendarDay? {
        guard let v = required(i) else { return nil }
        guard let d = CalendarDay(iso: v) else { fail(i, "'\(clip(v))' is not a date (YYYY-MM-DD)"); return nil }
        return d
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ i: Int, _: E.Type) -> E? where E.RawValue == String {
        guard let v = required(i) else { return nil }
        guard let e = E(rawValue: v) else {
            fail(i, "unknown value '\(clip(v))' (one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        return e
    }

    mutating func region(_ i: Int) -> String? {
        guard let v = required(i) else { return nil }
        guard Region.isValid(v) else { fail(i, "'\(clip(v))' is not a region code (ISO 3166-1 alpha-2, e.g. US)"); return nil }
        return v
    }

    mutating func regions(_ i: Int) -> [String]? {
        guard let v = raw(i) else { return [] }
        let list = Self.listItems(v)
        if let bad = list.first(where: { !Region.isValid($0) }) {
            fail(i, "'\(clip(bad))' is not a region code (ISO 3166-1 alpha-2, e.g. US)")
            return nil
        }
        return list
    }

    /// Splits a `;`-separated list, trimming spaces and tabs around items and dropping empty ones.
    static func listItems(_ v: String) -> [String] {
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

    mutating func currency(_ i: Int) -> String? {
        guard let v = raw(i) else { return "USD" }
        guard v.utf8.count == 3, v.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else {
            fail(i, "'\(clip(v))' is not a currency code (ISO 4217, e.g. USD)")
            return nil
        }
        return v
    }

    mutating func category(_ i: Int) -> CategoryPath? {
        guard let v = required(i) else { return nil }
        guard let path = CategoryPath(validating: v) else {
            fail(i, "'\(clip(v))' is not a category path (lowercase segments separated by '/')")
            return nil
        }
        return path
    }

    mutating func categories(_ i: Int, _ refs: some ReferenceLookup, required: Bool) -> [CategoryPath]? {
        guard let v = raw(i) else {
            if required { fail(i, "at least one category is required"); return nil }
            return []
        }
        if let known = cache.lists[v] { return known }
        var result: [CategoryPath] = []
        for s in Self.listItems(v) {
            guard let path = CategoryPath(validating: s) else {
                fail(i, "'\(clip(s))' is not a category path (lowercase segments separated by '/')")
                return nil
            }
            guard refs.hasCategory(path) else {
                fail(i, "unknown category '\(s)'")
                return nil
            }
            if !result.contains(path) { result.append(path) }
        }
        if required && result.isEmpty { fail(i, "at least one category is required"); return nil }
        cache.remember(v, result)
        return result
    }

    func clip(_ v: String) -> String { v.count > 40 ? String(v.prefix(40)) + "…" : v }
}

/// Validated category lists by their raw text. Categories are only ever added during an import, so a list
/// valid once stays valid. Used by one validating thread at a time.
final class CategoryListCache: @unchecked Sendable {
    private(set) var lists: [String: [CategoryPath]] = [:]

    func remember(_ raw: String, _ list: [CategoryPath]) {
        if lists.count >= 200_000 { lists.removeAll(keepingCapacity: true) }
        lists[raw] = list
    }
}
