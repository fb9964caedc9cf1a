public import Foundation

/// A category of the taxonomy as an importable entity (`categories.csv`).
public struct Category: Sendable, Equatable, Codable {
    public var path: CategoryPath
    public var name: String

    public init(path: CategoryPath, name: String) {
        self.path = path
        self.name = name
    }
}

/// The shape of a field's value, shared by every format: each adapter converts its own representation
/// (CSV text, a JSON value, an SQLite column) into a `FieldValue` of this shape.
public enum FieldType: Sendable, Equatable {
    /// Free text (names, handles, document keys): a string, checked by the entity validation.
    case text
    /// A string the entity turns into a typed value (ids, enum values, category paths, region and currency codes).
    case code
    /// A whole number.
    case integer
    /// A number (may have a fraction).
    case number
    case boolean
    /// A calendar day, `YYYY-MM-DD`.
    case day
    /// An instant (ISO 8601 in text formats; Unix seconds in the database).
    case instant
    /// A list of strings (category paths, region codes): a JSON array, `;`-joined in CSV and the database.
    case list
}

/// A field's value between a format and the typed entity.
public enum FieldValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    case number(Double)
    case boolean(Bool)
    case day(CalendarDay)
    case instant(Date)
    case list([String])
}

/// What every format needs to know about one member of an entity: its names (API/JSON member, CSV column,
/// database column), its shape, whether inputs must give it, and how to read and write it on the entity.
///
/// One table per entity (`SchemaEntity.fields`) drives the CSV columns, the JSON members, the upsert SQL and
/// the strict row decoding: adding a member means adding it to the entity, its table and its migration.
public struct EntityField<Entity>: @unchecked Sendable {
    /// The member name in JSON (API bodies, JSON Lines, GET responses): the entity's property name.
    public let member: String
    /// The CSV column name (snake_case).
    public let column: String
    /// The database column name.
    public let dbColumn: String
    public let type: FieldType
    /// Every input must give it (a CSV column in the header and not empty; a JSON member, not `null`).
    public let required: Bool
    /// The entity's member is optional (`nil` is stored as NULL and left out of JSON).
    public let optional: Bool
    /// The value on `entity`.
    public let get: (Entity) -> FieldValue
    /// Sets the value on `entity`; returns why it cannot be converted (an unknown enum value, an invalid id …).
    public let set: (inout Entity, FieldValue) -> String?

    init(_ member: String, _ column: String, db: String?, _ type: FieldType, required: Bool, optional: Bool = false,
         get: @escaping (Entity) -> FieldValue, set: @escaping (inout Entity, FieldValue) -> String?) {
        self.member = member
        self.column = column
        self.dbColumn = db ?? column
        self.type = type
        self.required = required
        self.optional = optional
        self.get = get
        self.set = set
    }

    static func wrongShape(_ type: FieldType) -> String { "internal: a value of the wrong shape for a \(type) field" }

    static func text(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, String>, required: Bool = true) -> Self {
        Self(member, column, db: db, .text, required: required, get: { .text($0[keyPath: path]) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.text) }
            e[keyPath: path] = s
            return nil
        })
    }

    static func optionalText(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, String?>) -> Self {
        Self(member, column, db: db, .text, required: false, optional: true, get: { $0[keyPath: path].map(FieldValue.text) ?? .null }, set: { e, v in
            switch v {
            case .null: e[keyPath: path] = nil
            case .text(let s): e[keyPath: path] = s
            default: return wrongShape(.text)
            }
            return nil
        })
    }

    /// A code kept as a string (region, currency): its format is an entity rule.
    static func code(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, String>, required: Bool = true) -> Self {
        Self(member, column, db: db, .code, required: required, get: { .text($0[keyPath: path]) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            e[keyPath: path] = s
            return nil
        })
    }

    static func id<T>(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Identifier<T>>) -> Self {
        Self(member, column, db: db, .code, required: true, get: { .text($0[keyPath: path].rawValue) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            guard let id = Identifier<T>(validating: s) else { return invalidID(s) }
            e[keyPath: path] = id
            return nil
        })
    }

    static func optionalID<T>(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Identifier<T>?>) -> Self {
        Self(member, column, db: db, .code, required: false, optional: true, get: { $0[keyPath: path].map { .text($0.rawValue) } ?? .null }, set: { e, v in
            switch v {
            case .null: e[keyPath: path] = nil
            case .text(let s):
                guard let id = Identifier<T>(validating: s) else { return invalidID(s) }
                e[keyPath: path] = id
            default: return wrongShape(.code)
            }
            return nil
        })
    }

    static func invalidID(_ s: String) -> String {
        "'\(clip(s))' is not a valid id (1–64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit)"
    }

    static func enumeration<E: RawRepresentable & CaseIterable>(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, E>) -> Self
    where E.RawValue == String {
        Self(member, column, db: db, .code, required: true, get: { .text($0[keyPath: path].rawValue) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            guard let value = E(rawValue: s) else {
                return "unknown value '\(clip(s))' (one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")))"
            }
            e[keyPath: path] = value
            return nil
        })
    }

    static func path(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, CategoryPath>) -> Self {
        Self(member, column, db: db, .code, required: true, get: { .text($0[keyPath: path].rawValue) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            guard let p = CategoryPath(validating: s) else { return invalidPath(s) }
            e[keyPath: path] = p
            return nil
        })
    }

    static func invalidPath(_ s: String) -> String { "'\(clip(s))' is not a category path (lowercase segments separated by '/')" }

    static func paths(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, [CategoryPath]>, required: Bool) -> Self {
        Self(member, column, db: db, .list, required: required, get: { .list($0[keyPath: path].map(\.rawValue)) }, set: { e, v in
            guard case .list(let items) = v else { return wrongShape(.list) }
            var result: [CategoryPath] = []
            result.reserveCapacity(items.count)
            for s in items {
                guard let p = CategoryPath(validating: s) else { return invalidPath(s) }
                if !result.contains(p) { result.append(p) }
            }
            e[keyPath: path] = result
            return nil
        })
    }

    static func strings(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, [String]>) -> Self {
        Self(member, column, db: db, .list, required: false, get: { .list($0[keyPath: path]) }, set: { e, v in
            guard case .list(let items) = v else { return wrongShape(.list) }
            e[keyPath: path] = items
            return nil
        })
    }

    static func int(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Int>, required: Bool = true) -> Self {
        Self(member, column, db: db, .integer, required: required, get: { .integer(Int64($0[keyPath: path])) }, set: { e, v in
            guard case .integer(let n) = v else { return wrongShape(.integer) }
            e[keyPath: path] = Int(n)
            return nil
        })
    }

    static func optionalInt(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Int?>) -> Self {
        Self(member, column, db: db, .integer, required: false, optional: true, get: { $0[keyPath: path].map { .integer(Int64($0)) } ?? .null }, set: { e, v in
            switch v {
            case .null: e[keyPath: path] = nil
            case .integer(let n): e[keyPath: path] = Int(n)
            default: return wrongShape(.integer)
            }
            return nil
        })
    }

    static func int64(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Int64>) -> Self {
        Self(member, column, db: db, .integer, required: true, get: { .integer($0[keyPath: path]) }, set: { e, v in
            guard case .integer(let n) = v else { return wrongShape(.integer) }
            e[keyPath: path] = n
            return nil
        })
    }

    static func double(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Double>) -> Self {
        Self(member, column, db: db, .number, required: true, get: { .number($0[keyPath: path]) }, set: { e, v in
            switch v {
            case .number(let d): e[keyPath: path] = d
            case .integer(let n): e[keyPath: path] = Double(n)
            default: return wrongShape(.number)
            }
            return nil
        })
    }

    static func bool(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Bool>, required: Bool) -> Self {
        Self(member, column, db: db, .boolean, required: required, get: { .boolean($0[keyPath: path]) }, set: { e, v in
            guard case .boolean(let b) = v else { return wrongShape(.boolean) }
            e[keyPath: path] = b
            return nil
        })
    }

    static func day(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, CalendarDay>) -> Self {
        Self(member, column, db: db, .day, required: true, get: { .day($0[keyPath: path]) }, set: { e, v in
            guard case .day(let d) = v else { return wrongShape(.day) }
            e[keyPath: path] = d
            return nil
        })
    }

    static func instant(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Date>) -> Self {
        Self(member, column, db: db, .instant, required: true, get: { .instant($0[keyPath: path]) }, set: { e, v in
            guard case .instant(let t) = v else { return wrongShape(.instant) }
            e[keyPath: path] = t
            return nil
        })
    }

    static func optionalInstant(_ member: String, _ column: String, db: String? = nil, _ path: WritableKeyPath<Entity, Date?>) -> Self {
        Self(member, column, db: db, .instant, required: false, optional: true, get: { $0[keyPath: path].map(FieldValue.instant) ?? .null }, set: { e, v in
            switch v {
            case .null: e[keyPath: path] = nil
            case .instant(let t): e[keyPath: path] = t
            default: return wrongShape(.instant)
            }
            return nil
        })
    }
}

func clip(_ v: String) -> String { v.count > 40 ? String(v.prefix(40)) + "…" : v }

/// An entity every format reads and writes through one field table and validates with one function.
public protocol SchemaEntity: Sendable, Equatable {
    static var kind: ImportKind { get }
    /// Every member, in CSV column order (the first is the key).
    static var fields: [EntityField<Self>] { get }
    /// The value inputs start from: every optional member at its default.
    static var blank: Self { get }
    /// The entity as an import record.
    var record: ImportRecord { get }
    /// Every problem of the entity (see `EntityValidation`).
    func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue]
}

/// One problem of a typed entity: the member at fault (its JSON name), the rule when it is a domain rule, why.
public struct FieldIssue: Sendable, Equatable, CustomStringConvertible {
    /// The entity's member name (`birthDate`, `commissionPercent`); `nil` for the whole entity.
    public var field: String?
    public var rule: String?
    public var reason: String
    /// Other members the problem depends on (`kind` for E-BIND on `boundShop`): when one of them could not
    /// be read, the problem is not reported (it would be a guess).
    public var involves: [String]

    public init(field: String?, rule: String? = nil, reason: String, involves: [String] = []) {
        self.field = field
        self.rule = rule
        self.reason = reason
        self.involves = involves
    }

    public var description: String { (field.map { "\($0): " } ?? "") + (rule.map { "\($0): " } ?? "") + reason }
}

extension SchemaEntity {
    /// Builds an entity from field values in `fields` order: `nil` = not given (required: an issue with
    /// `missing`; otherwise the base's or the default value), `.null` = explicitly empty (required: an issue;
    /// otherwise the default). Conversion problems are issues on their field; nothing is validated here.
    public static func build(_ values: [FieldValue?], base: Self? = nil, missing: String = "required value is empty",
                             null: String = "required value is empty") -> (entity: Self, issues: [FieldIssue]) {
        var entity = base ?? blank
        var issues: [FieldIssue] = []
        let fields = Self.fields
        for i in fields.indices {
            let field = fields[i]
            let value: FieldValue
            switch values[i] {
            case .none:
                if base == nil && field.required { issues.append(FieldIssue(field: field.member, reason: missing)) }
                continue
            case .some(.null):
                if field.required { issues.append(FieldIssue(field: field.member, reason: null)); continue }
                value = field.get(blank)
            case .some(let v):
                value = v
            }
            if let problem = field.set(&entity, value) { issues.append(FieldIssue(field: field.member, reason: problem)) }
        }
        return (entity, issues)
    }

    /// The entity's values in `fields` order.
    public var fieldValues: [FieldValue] { Self.fields.map { $0.get(self) } }
}

/// The field table of one kind, without its type: what the format adapters and the store iterate over.
public struct KindSchema: Sendable {
    public struct Field: Sendable, Equatable {
        public let member: String
        public let column: String
        public let dbColumn: String
        public let type: FieldType
        public let required: Bool
        public let optional: Bool
    }

    public let kind: ImportKind
    public let fields: [Field]
    /// The database table.
    public let table: String
    /// Field indexes in the order of their member names (JSON with sorted keys).
    public let jsonOrder: [Int]
    let buildRecord: @Sendable ([FieldValue?], ImportRecord?, String, String) -> (ImportRecord, [FieldIssue])
    let valuesOf: @Sendable (ImportRecord) -> [FieldValue]
    let problemsOf: @Sendable (ImportRecord, any ReferenceLookup, PolicyConfig) -> [FieldIssue]

    init<E: SchemaEntity>(_: E.Type, table: String, extract: @escaping @Sendable (ImportRecord) -> E?) {
        kind = E.kind
        self.table = table
        let fields = E.fields.map { Field(member: $0.member, column: $0.column, dbColumn: $0.dbColumn, type: $0.type, required: $0.required, optional: $0.optional) }
        self.fields = fields
        jsonOrder = fields.indices.sorted { fields[$0].member < fields[$1].member }
        buildRecord = { values, base, missing, null in
            let (entity, issues) = E.build(values, base: base.flatMap(extract), missing: missing, null: null)
            return (entity.record, issues)
        }
        valuesOf = { record in extract(record)?.fieldValues ?? [] }
        problemsOf = { record, refs, config in extract(record)?.problems(refs: refs, config: config) ?? [] }
    }

    /// The database key column (the first field's).
    public var key: String { fields[0].dbColumn }

    /// Index of the field with JSON member name `member`.
    public func index(ofMember member: String) -> Int? { fields.firstIndex { $0.member == member } }

    /// The CSV column of a member (for issues of CSV rows).
    public func column(ofMember member: String) -> String {
        fields.first { $0.member == member }?.column ?? member
    }

    /// Builds a record from values in field order (see `SchemaEntity.build`). With issues, the record is
    /// partial: the members at fault keep their default.
    public func build(_ values: [FieldValue?], base: ImportRecord? = nil, missing: String = "required value is empty",
                      null: String = "required value is empty") -> (record: ImportRecord, issues: [FieldIssue]) {
        buildRecord(values, base, missing, null)
    }

    /// Conversion issues plus the validation problems of the partial record that do not touch a member
    /// that could not be read: every problem of the input, none guessed.
    public func everyProblem(partial record: ImportRecord, conversion: [FieldIssue], refs: some ReferenceLookup,
                             config: PolicyConfig) -> [FieldIssue] {
        let failed = Set(conversion.compactMap(\.field))
        return conversion + problems(of: record, refs: refs, config: config).filter { issue in
            !(issue.field.map(failed.contains) ?? false) && !issue.involves.contains(where: failed.contains)
        }
    }

    /// A record's values in field order.
    public func values(of record: ImportRecord) -> [FieldValue] { valuesOf(record) }

    /// Every problem of a record: the one validation of its entity.
    public func problems(of record: ImportRecord, refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        problemsOf(record, refs, config)
    }
}

extension ImportKind {
    /// The field table of this kind.
    public var schema: KindSchema {
        switch self {
        case .categories: return Self.schemas.categories
        case .shops: return Self.schemas.shops
        case .creators: return Self.schemas.creators
        case .campaigns: return Self.schemas.campaigns
        case .sales: return Self.schemas.sales
        case .contentEvents: return Self.schemas.contentEvents
        case .violations: return Self.schemas.violations
        }
    }

    private struct Schemas: Sendable {
        let categories = KindSchema(Category.self, table: "categories") { if case .category(let v) = $0 { v } else { nil } }
        let shops = KindSchema(Shop.self, table: "shops") { if case .shop(let v) = $0 { v } else { nil } }
        let creators = KindSchema(Creator.self, table: "creators") { if case .creator(let v) = $0 { v } else { nil } }
        let campaigns = KindSchema(Campaign.self, table: "campaigns") { if case .campaign(let v) = $0 { v } else { nil } }
        let sales = KindSchema(Sale.self, table: "sales") { if case .sale(let v) = $0 { v } else { nil } }
        let contentEvents = KindSchema(ContentEvent.self, table: "content_events") { if case .contentEvent(let v) = $0 { v } else { nil } }
        let violations = KindSchema(Violation.self, table: "violations") { if case .violation(let v) = $0 { v } else { nil } }
    }

    private static let schemas = Schemas()
}

// MARK: The field tables

extension Category: SchemaEntity {
    public static let kind = ImportKind.categories
    public static let blank = Category(path: CategoryPath("x"), name: "")
    public var record: ImportRecord { .category(self) }
    public static let fields: [EntityField<Category>] = [
        .path("path", "path", \.path),
        .text("name", "name", \.name),
    ]
}

extension Shop: SchemaEntity {
    public static let kind = ImportKind.shops
    public static let blank = Shop(id: ShopID(""), name: "", region: "", score: 0, categories: [])
    public var record: ImportRecord { .shop(self) }
    public static let fields: [EntityField<Shop>] = [
        .id("id", "id", \.id),
        .text("name", "name", \.name),
        .code("region", "region", \.region),
        .double("score", "score", \.score),
        .paths("categories", "categories", \.categories, required: true),
    ]
}

extension Creator: SchemaEntity {
    public static let kind = ImportKind.creators
    public static let blank = Creator(
        id: CreatorID(""), handle: "", kind: .standard, followers: 0, region: "", birthDate: CalendarDay(year: 1, month: 1, day: 1)!,
        registeredAt: Date(timeIntervalSince1970: 0), ageConfirmedAt: nil, identityVerified: false, identityDocument: nil,
        gpppa: false, ecommerceRevoked: false, linkedToSeriousViolator: false, policiesAccepted: false, boundShop: nil,
        niches: [], pilotStartedAt: nil, quizPassedAt: nil)
    public var record: ImportRecord { .creator(self) }
    public static let fields: [EntityField<Creator>] = [
        .id("id", "id", \.id),
        .text("handle", "handle", \.handle),
        .enumeration("kind", "kind", \.kind),
        .int("followers", "followers", \.followers),
        .code("region", "region", \.region),
        .day("birthDate", "birth_date", \.birthDate),
        .instant("registeredAt", "registered_at", \.registeredAt),
        .optionalInstant("ageConfirmedAt", "age_confirmed_at", \.ageConfirmedAt),
        .bool("identityVerified", "identity_verified", \.identityVerified, required: true),
        .optionalText("identityDocument", "identity_document", \.identityDocument),
        .bool("gpppa", "gpppa", \.gpppa, required: false),
        .bool("ecommerceRevoked", "ecommerce_revoked", \.ecommerceRevoked, required: false),
        .bool("linkedToSeriousViolator", "linked_serious_violator", \.linkedToSeriousViolator, required: false),
        .bool("policiesAccepted", "policies_accepted", \.policiesAccepted, required: false),
        .optionalID("boundShop", "bound_shop", \.boundShop),
        .paths("niches", "niches", \.niches, required: false),
        .optionalInstant("pilotStartedAt", "pilot_started_at", \.pilotStartedAt),
        .optionalInstant("quizPassedAt", "quiz_passed_at", \.quizPassedAt),
    ]
}

extension Campaign: SchemaEntity {
    public static let kind = ImportKind.campaigns
    public static let blank = Campaign(
        id: CampaignID(""), shop: ShopID(""), name: "", kind: .sample, categories: [], slots: 0,
        startsAt: Date(timeIntervalSince1970: 0), endsAt: Date(timeIntervalSince1970: 0), commissionPercent: 0)
    public var record: ImportRecord { .campaign(self) }
    public static let fields: [EntityField<Campaign>] = [
        .id("id", "id", \.id),
        .id("shop", "shop", db: "shop_id", \.shop),
        .text("name", "name", \.name),
        .enumeration("kind", "kind", \.kind),
        .paths("categories", "categories", \.categories, required: true),
        .int("slots", "slots", \.slots),
        .instant("startsAt", "starts_at", \.startsAt),
        .instant("endsAt", "ends_at", \.endsAt),
        .double("commissionPercent", "commission_pct", \.commissionPercent),
        .optionalInt("minFollowers", "min_followers", \.minFollowers),
        .strings("regions", "regions", \.regions),
    ]
}

extension Sale: SchemaEntity {
    public static let kind = ImportKind.sales
    public static let blank = Sale(
        id: SaleID(""), creator: CreatorID(""), shop: ShopID(""), category: CategoryPath("x"),
        orderedAt: Date(timeIntervalSince1970: 0), orders: 0, returnedOrders: 0, gmvMinor: 0, currency: "USD")
    public var record: ImportRecord { .sale(self) }
    public static let fields: [EntityField<Sale>] = [
        .id("id", "id", \.id),
        .id("creator", "creator", db: "creator_id", \.creator),
        .id("shop", "shop", db: "shop_id", \.shop),
        .optionalID("campaign", "campaign", db: "campaign_id", \.campaign),
        .path("category", "category", \.category),
        .instant("orderedAt", "ordered_at", \.orderedAt),
        .int("orders", "orders", \.orders),
        .int("returnedOrders", "returned_orders", \.returnedOrders, required: false),
        .int64("gmvMinor", "gmv_minor", \.gmvMinor),
        .code("currency", "currency", \.currency, required: false),
    ]
}

extension ContentEvent: SchemaEntity {
    public static let kind = ImportKind.contentEvents
    public static let blank = ContentEvent(
        id: ContentEventID(""), creator: CreatorID(""), content: ContentID(""), medium: .video, action: .published,
        at: Date(timeIntervalSince1970: 0), durationSeconds: nil, isPrivate: false, shoppable: true)
    public var record: ImportRecord { .contentEvent(self) }
    public static let fields: [EntityField<ContentEvent>] = [
        .id("id", "id", \.id),
        .id("creator", "creator", db: "creator_id", \.creator),
        .id("content", "content", db: "content_id", \.content),
        .enumeration("medium", "medium", \.medium),
        .enumeration("action", "action", \.action),
        .instant("at", "at", \.at),
        .optionalInt("durationSeconds", "duration_seconds", \.durationSeconds),
        .bool("isPrivate", "private", \.isPrivate, required: false),
        .bool("shoppable", "shoppable", \.shoppable, required: false),
    ]
}

extension Violation: SchemaEntity {
    public static let kind = ImportKind.violations
    public static let blank = Violation(id: ViolationID(""), creator: CreatorID(""), kind: .spam, points: 0, at: Date(timeIntervalSince1970: 0))
    public var record: ImportRecord { .violation(self) }
    public static let fields: [EntityField<Violation>] = [
        .id("id", "id", \.id),
        .id("creator", "creator", db: "creator_id", \.creator),
        .enumeration("kind", "kind", \.kind),
        .int("points", "points", \.points),
        .instant("at", "at", \.at),
    ]
}
