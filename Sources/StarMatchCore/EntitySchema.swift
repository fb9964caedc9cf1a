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
/// Members are read and written through plain closures (`{ $0.name }, { $0.name = $1 }`), not key paths:
/// a key path applied through a generic helper costs a runtime projection per call, and bulk imports make
/// tens of millions of them.
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

    static func text(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> String, _ write: @escaping (inout Entity, String) -> Void, required: Bool = true) -> Self {
        Self(member, column, db: db, .text, required: required, get: { .text(read($0)) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.text) }
            write(&e, s)
            return nil
        })
    }

    static func optionalText(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> String?, _ write: @escaping (inout Entity, String?) -> Void) -> Self {
        Self(member, column, db: db, .text, required: false, optional: true, get: { read($0).map(FieldValue.text) ?? .null }, set: { e, v in
            switch v {
            case .null: write(&e, nil)
            case .text(let s): write(&e, s)
            default: return wrongShape(.text)
            }
            return nil
        })
    }

    /// A code kept as a string (region, currency): its format is an entity rule.
    static func code(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> String, _ write: @escaping (inout Entity, String) -> Void, required: Bool = true) -> Self {
        Self(member, column, db: db, .code, required: required, get: { .text(read($0)) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            write(&e, s)
            return nil
        })
    }

    static func id<T>(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Identifier<T>, _ write: @escaping (inout Entity, Identifier<T>) -> Void) -> Self {
        Self(member, column, db: db, .code, required: true, get: { .text(read($0).rawValue) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            guard let id = Identifier<T>(validating: s) else { return invalidID(s) }
            write(&e, id)
            return nil
        })
    }

    static func optionalID<T>(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Identifier<T>?, _ write: @escaping (inout Entity, Identifier<T>?) -> Void) -> Self {
        Self(member, column, db: db, .code, required: false, optional: true, get: { read($0).map { .text($0.rawValue) } ?? .null }, set: { e, v in
            switch v {
            case .null: write(&e, nil)
            case .text(let s):
                guard let id = Identifier<T>(validating: s) else { return invalidID(s) }
                write(&e, id)
            default: return wrongShape(.code)
            }
            return nil
        })
    }

    static func invalidID(_ s: String) -> String {
        "'\(clip(s))' is not a valid id (1–64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit)"
    }

    static func enumeration<E: RawRepresentable & CaseIterable>(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> E, _ write: @escaping (inout Entity, E) -> Void) -> Self
    where E.RawValue == String {
        Self(member, column, db: db, .code, required: true, get: { .text(read($0).rawValue) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            guard let value = E(rawValue: s) else {
                return "unknown value '\(clip(s))' (one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")))"
            }
            write(&e, value)
            return nil
        })
    }

    static func path(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> CategoryPath, _ write: @escaping (inout Entity, CategoryPath) -> Void) -> Self {
        Self(member, column, db: db, .code, required: true, get: { .text(read($0).rawValue) }, set: { e, v in
            guard case .text(let s) = v else { return wrongShape(.code) }
            guard let p = CategoryPath(validating: s) else { return invalidPath(s) }
            write(&e, p)
            return nil
        })
    }

    static func invalidPath(_ s: String) -> String { "'\(clip(s))' is not a category path (lowercase segments separated by '/')" }

    static func paths(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> [CategoryPath], _ write: @escaping (inout Entity, [CategoryPath]) -> Void, required: Bool) -> Self {
        Self(member, column, db: db, .list, required: required, get: { .list(read($0).map(\.rawValue)) }, set: { e, v in
            guard case .list(let items) = v else { return wrongShape(.list) }
            var result: [CategoryPath] = []
            result.reserveCapacity(items.count)
            for s in items {
                guard let p = CategoryPath(validating: s) else { return invalidPath(s) }
                if !result.contains(p) { result.append(p) }
            }
            write(&e, result)
            return nil
        })
    }

    static func strings(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> [String], _ write: @escaping (inout Entity, [String]) -> Void) -> Self {
        Self(member, column, db: db, .list, required: false, get: { .list(read($0)) }, set: { e, v in
            guard case .list(let items) = v else { return wrongShape(.list) }
            write(&e, items)
            return nil
        })
    }

    /// A list of ids (a campaign's products): each must be a valid id.
    static func ids<T>(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> [Identifier<T>], _ write: @escaping (inout Entity, [Identifier<T>]) -> Void) -> Self {
        Self(member, column, db: db, .list, required: false, get: { .list(read($0).map(\.rawValue)) }, set: { e, v in
            guard case .list(let items) = v else { return wrongShape(.list) }
            var ids: [Identifier<T>] = []
            for item in items {
                guard let id = Identifier<T>(validating: item) else { return invalidID(item) }
                ids.append(id)
            }
            write(&e, ids)
            return nil
        })
    }

    static func int(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Int, _ write: @escaping (inout Entity, Int) -> Void, required: Bool = true) -> Self {
        Self(member, column, db: db, .integer, required: required, get: { .integer(Int64(read($0))) }, set: { e, v in
            guard case .integer(let n) = v else { return wrongShape(.integer) }
            write(&e, Int(n))
            return nil
        })
    }

    static func optionalInt(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Int?, _ write: @escaping (inout Entity, Int?) -> Void) -> Self {
        Self(member, column, db: db, .integer, required: false, optional: true, get: { read($0).map { .integer(Int64($0)) } ?? .null }, set: { e, v in
            switch v {
            case .null: write(&e, nil)
            case .integer(let n): write(&e, Int(n))
            default: return wrongShape(.integer)
            }
            return nil
        })
    }

    static func int64(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Int64, _ write: @escaping (inout Entity, Int64) -> Void) -> Self {
        Self(member, column, db: db, .integer, required: true, get: { .integer(read($0)) }, set: { e, v in
            guard case .integer(let n) = v else { return wrongShape(.integer) }
            write(&e, n)
            return nil
        })
    }

    static func double(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Double, _ write: @escaping (inout Entity, Double) -> Void) -> Self {
        Self(member, column, db: db, .number, required: true, get: { .number(read($0)) }, set: { e, v in
            switch v {
            case .number(let d): write(&e, d)
            case .integer(let n): write(&e, Double(n))
            default: return wrongShape(.number)
            }
            return nil
        })
    }

    static func bool(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Bool, _ write: @escaping (inout Entity, Bool) -> Void, required: Bool) -> Self {
        Self(member, column, db: db, .boolean, required: required, get: { .boolean(read($0)) }, set: { e, v in
            guard case .boolean(let b) = v else { return wrongShape(.boolean) }
            write(&e, b)
            return nil
        })
    }

    static func day(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> CalendarDay, _ write: @escaping (inout Entity, CalendarDay) -> Void) -> Self {
        Self(member, column, db: db, .day, required: true, get: { .day(read($0)) }, set: { e, v in
            guard case .day(let d) = v else { return wrongShape(.day) }
            write(&e, d)
            return nil
        })
    }

    static func instant(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Date, _ write: @escaping (inout Entity, Date) -> Void) -> Self {
        Self(member, column, db: db, .instant, required: true, get: { .instant(read($0)) }, set: { e, v in
            guard case .instant(let t) = v else { return wrongShape(.instant) }
            write(&e, t)
            return nil
        })
    }

    static func optionalInstant(_ member: String, _ column: String, db: String? = nil, _ read: @escaping (Entity) -> Date?, _ write: @escaping (inout Entity, Date?) -> Void) -> Self {
        Self(member, column, db: db, .instant, required: false, optional: true, get: { read($0).map(FieldValue.instant) ?? .null }, set: { e, v in
            switch v {
            case .null: write(&e, nil)
            case .instant(let t): write(&e, t)
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
        // Through the buffer: no copy (and no retain of its closures) per field and row.
        Self.fields.withUnsafeBufferPointer { fields in
            for i in fields.indices {
                let value: FieldValue
                switch values[i] {
                case .none:
                    if base == nil && fields[i].required { issues.append(FieldIssue(field: fields[i].member, reason: missing)) }
                    continue
                case .some(.null):
                    if fields[i].required { issues.append(FieldIssue(field: fields[i].member, reason: null)); continue }
                    value = fields[i].get(blank)
                case .some(let v):
                    value = v
                }
                if let problem = fields[i].set(&entity, value) { issues.append(FieldIssue(field: fields[i].member, reason: problem)) }
            }
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
    let eachValue: @Sendable (ImportRecord, (FieldValue) -> Void) -> Void
    let checkedBuild: @Sendable ([FieldValue?], any ReferenceLookup, PolicyConfig) -> (ImportRecord, [FieldIssue], [FieldIssue])
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
        eachValue = { record, body in
            guard let entity = extract(record) else { return }
            E.fields.withUnsafeBufferPointer { fields in
                for i in fields.indices { body(fields[i].get(entity)) }
            }
        }
        checkedBuild = { values, refs, config in
            let (entity, issues) = E.build(values)
            return (entity.record, issues, issues.isEmpty ? entity.problems(refs: refs, config: config) : [])
        }
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

    /// Builds a new record and, when every value converted, validates it: (record, conversion issues,
    /// validation problems). The CSV adapter's path: one pass, no second extraction of the entity.
    public func buildAndValidate(_ values: [FieldValue?], refs: some ReferenceLookup, config: PolicyConfig)
        -> (record: ImportRecord, conversion: [FieldIssue], problems: [FieldIssue]) {
        checkedBuild(values, refs, config)
    }

    /// Calls `body` with each of a record's values in field order (no array: the bulk import's path).
    public func forEachValue(of record: ImportRecord, _ body: (FieldValue) -> Void) { eachValue(record, body) }

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
        case .quizzes: return Self.schemas.quizzes
        case .products: return Self.schemas.products
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
        let quizzes = KindSchema(PolicyQuiz.self, table: "quizzes") { if case .quiz(let v) = $0 { v } else { nil } }
        let products = KindSchema(Product.self, table: "products") { if case .product(let v) = $0 { v } else { nil } }
    }

    private static let schemas = Schemas()
}

// MARK: The field tables

extension Category: SchemaEntity {
    public static let kind = ImportKind.categories
    public static let blank = Category(path: CategoryPath("x"), name: "")
    public var record: ImportRecord { .category(self) }
    public static let fields: [EntityField<Category>] = [
        .path("path", "path", { $0.path }, { $0.path = $1 }),
        .text("name", "name", { $0.name }, { $0.name = $1 }),
    ]
}

extension Shop: SchemaEntity {
    public static let kind = ImportKind.shops
    public static let blank = Shop(id: ShopID(""), name: "", region: "", score: 0, categories: [])
    public var record: ImportRecord { .shop(self) }
    public static let fields: [EntityField<Shop>] = [
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .text("name", "name", { $0.name }, { $0.name = $1 }),
        .code("region", "region", { $0.region }, { $0.region = $1 }),
        .double("score", "score", { $0.score }, { $0.score = $1 }),
        .paths("categories", "categories", { $0.categories }, { $0.categories = $1 }, required: true),
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
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .text("handle", "handle", { $0.handle }, { $0.handle = $1 }),
        .enumeration("kind", "kind", { $0.kind }, { $0.kind = $1 }),
        .int("followers", "followers", { $0.followers }, { $0.followers = $1 }),
        .code("region", "region", { $0.region }, { $0.region = $1 }),
        .day("birthDate", "birth_date", { $0.birthDate }, { $0.birthDate = $1 }),
        .instant("registeredAt", "registered_at", { $0.registeredAt }, { $0.registeredAt = $1 }),
        .optionalInstant("ageConfirmedAt", "age_confirmed_at", { $0.ageConfirmedAt }, { $0.ageConfirmedAt = $1 }),
        .bool("identityVerified", "identity_verified", { $0.identityVerified }, { $0.identityVerified = $1 }, required: true),
        .optionalText("identityDocument", "identity_document", { $0.identityDocument }, { $0.identityDocument = $1 }),
        .bool("gpppa", "gpppa", { $0.gpppa }, { $0.gpppa = $1 }, required: false),
        .bool("ecommerceRevoked", "ecommerce_revoked", { $0.ecommerceRevoked }, { $0.ecommerceRevoked = $1 }, required: false),
        .bool("linkedToSeriousViolator", "linked_serious_violator", { $0.linkedToSeriousViolator }, { $0.linkedToSeriousViolator = $1 }, required: false),
        .bool("policiesAccepted", "policies_accepted", { $0.policiesAccepted }, { $0.policiesAccepted = $1 }, required: false),
        .optionalID("boundShop", "bound_shop", { $0.boundShop }, { $0.boundShop = $1 }),
        .paths("niches", "niches", { $0.niches }, { $0.niches = $1 }, required: false),
        .optionalInstant("pilotStartedAt", "pilot_started_at", { $0.pilotStartedAt }, { $0.pilotStartedAt = $1 }),
        .optionalInstant("quizPassedAt", "quiz_passed_at", { $0.quizPassedAt }, { $0.quizPassedAt = $1 }),
    ]
}

extension Campaign: SchemaEntity {
    public static let kind = ImportKind.campaigns
    public static let blank = Campaign(
        id: CampaignID(""), shop: ShopID(""), name: "", kind: .sample, categories: [], slots: 0,
        startsAt: Date(timeIntervalSince1970: 0), endsAt: Date(timeIntervalSince1970: 0), commissionPercent: 0)
    public var record: ImportRecord { .campaign(self) }
    public static let fields: [EntityField<Campaign>] = [
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .id("shop", "shop", db: "shop_id", { $0.shop }, { $0.shop = $1 }),
        .text("name", "name", { $0.name }, { $0.name = $1 }),
        .enumeration("kind", "kind", { $0.kind }, { $0.kind = $1 }),
        .paths("categories", "categories", { $0.categories }, { $0.categories = $1 }, required: true),
        .int("slots", "slots", { $0.slots }, { $0.slots = $1 }),
        .instant("startsAt", "starts_at", { $0.startsAt }, { $0.startsAt = $1 }),
        .instant("endsAt", "ends_at", { $0.endsAt }, { $0.endsAt = $1 }),
        .double("commissionPercent", "commission_pct", { $0.commissionPercent }, { $0.commissionPercent = $1 }),
        .optionalInt("minFollowers", "min_followers", { $0.minFollowers }, { $0.minFollowers = $1 }),
        .strings("regions", "regions", { $0.regions }, { $0.regions = $1 }),
        .ids("products", "products", { $0.products }, { $0.products = $1 }),
    ]
}

extension Sale: SchemaEntity {
    public static let kind = ImportKind.sales
    public static let blank = Sale(
        id: SaleID(""), creator: CreatorID(""), shop: ShopID(""), category: CategoryPath("x"),
        orderedAt: Date(timeIntervalSince1970: 0), orders: 0, returnedOrders: 0, gmvMinor: 0, currency: "USD")
    public var record: ImportRecord { .sale(self) }
    public static let fields: [EntityField<Sale>] = [
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .id("creator", "creator", db: "creator_id", { $0.creator }, { $0.creator = $1 }),
        .id("shop", "shop", db: "shop_id", { $0.shop }, { $0.shop = $1 }),
        .optionalID("campaign", "campaign", db: "campaign_id", { $0.campaign }, { $0.campaign = $1 }),
        .path("category", "category", { $0.category }, { $0.category = $1 }),
        .instant("orderedAt", "ordered_at", { $0.orderedAt }, { $0.orderedAt = $1 }),
        .int("orders", "orders", { $0.orders }, { $0.orders = $1 }),
        .int("returnedOrders", "returned_orders", { $0.returnedOrders }, { $0.returnedOrders = $1 }, required: false),
        .int64("gmvMinor", "gmv_minor", { $0.gmvMinor }, { $0.gmvMinor = $1 }),
        .code("currency", "currency", { $0.currency }, { $0.currency = $1 }, required: false),
        .optionalID("product", "product", db: "product_id", { $0.product }, { $0.product = $1 }),
    ]
}

extension Product: SchemaEntity {
    public static let kind = ImportKind.products
    public static let blank = Product(id: ProductID(""), shop: ShopID(""), name: "", category: CategoryPath("x"), priceMinor: 0, commissionPercent: 0)
    public var record: ImportRecord { .product(self) }
    public static let fields: [EntityField<Product>] = [
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .id("shop", "shop", db: "shop_id", { $0.shop }, { $0.shop = $1 }),
        .text("name", "name", { $0.name }, { $0.name = $1 }),
        .path("category", "category", { $0.category }, { $0.category = $1 }),
        .int64("priceMinor", "price_minor", { $0.priceMinor }, { $0.priceMinor = $1 }),
        .code("currency", "currency", { $0.currency }, { $0.currency = $1 }, required: false),
        .double("commissionPercent", "commission_pct", { $0.commissionPercent }, { $0.commissionPercent = $1 }),
        .bool("freeSample", "free_sample", { $0.freeSample }, { $0.freeSample = $1 }, required: false),
    ]
}

extension ContentEvent: SchemaEntity {
    public static let kind = ImportKind.contentEvents
    public static let blank = ContentEvent(
        id: ContentEventID(""), creator: CreatorID(""), content: ContentID(""), medium: .video, action: .published,
        at: Date(timeIntervalSince1970: 0), durationSeconds: nil, isPrivate: false, shoppable: true)
    public var record: ImportRecord { .contentEvent(self) }
    public static let fields: [EntityField<ContentEvent>] = [
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .id("creator", "creator", db: "creator_id", { $0.creator }, { $0.creator = $1 }),
        .id("content", "content", db: "content_id", { $0.content }, { $0.content = $1 }),
        .enumeration("medium", "medium", { $0.medium }, { $0.medium = $1 }),
        .enumeration("action", "action", { $0.action }, { $0.action = $1 }),
        .instant("at", "at", { $0.at }, { $0.at = $1 }),
        .optionalInt("durationSeconds", "duration_seconds", { $0.durationSeconds }, { $0.durationSeconds = $1 }),
        .bool("isPrivate", "private", { $0.isPrivate }, { $0.isPrivate = $1 }, required: false),
        .bool("shoppable", "shoppable", { $0.shoppable }, { $0.shoppable = $1 }, required: false),
    ]
}

extension Violation: SchemaEntity {
    public static let kind = ImportKind.violations
    public static let blank = Violation(id: ViolationID(""), creator: CreatorID(""), kind: .spam, points: 0, at: Date(timeIntervalSince1970: 0))
    public var record: ImportRecord { .violation(self) }
    public static let fields: [EntityField<Violation>] = [
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .id("creator", "creator", db: "creator_id", { $0.creator }, { $0.creator = $1 }),
        .enumeration("kind", "kind", { $0.kind }, { $0.kind = $1 }),
        .int("points", "points", { $0.points }, { $0.points = $1 }),
        .instant("at", "at", { $0.at }, { $0.at = $1 }),
        .optionalInstant("appealedAt", "appealed_at", { $0.appealedAt }, { $0.appealedAt = $1 }),
    ]
}

extension PolicyQuiz: SchemaEntity {
    public static let kind = ImportKind.quizzes
    public static let blank = PolicyQuiz(id: QuizID(""), creator: CreatorID(""), at: Date(timeIntervalSince1970: 0), score: 0)
    public var record: ImportRecord { .quiz(self) }
    public static let fields: [EntityField<PolicyQuiz>] = [
        .id("id", "id", { $0.id }, { $0.id = $1 }),
        .id("creator", "creator", db: "creator_id", { $0.creator }, { $0.creator = $1 }),
        .instant("at", "at", { $0.at }, { $0.at = $1 }),
        .int("score", "score", { $0.score }, { $0.score = $1 }),
    ]
}
