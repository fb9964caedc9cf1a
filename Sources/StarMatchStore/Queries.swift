public import Foundation
import GRDB
public import StarMatchCore

/// Filters for listing creators.
public struct CreatorFilter: Sendable {
    public var kind: Creator.Kind?
    public var region: String?
    public var niche: CategoryPath?
    public var minFollowers: Int?
    /// Creators whose handle, as E-HANDLE compares it (`Creator.handleKey`), starts with this (an index range).
    public var handlePrefix: String?
    public var limit: Int
    public var offset: Int
    /// Keyset pagination: only ids after this one (the API's cursor).
    public var after: String?

    public init(kind: Creator.Kind? = nil, region: String? = nil, niche: CategoryPath? = nil, minFollowers: Int? = nil, limit: Int = 50, offset: Int = 0, after: String? = nil) {
        self.kind = kind
        self.region = region
        self.niche = niche
        self.minFollowers = minFollowers
        self.limit = limit
        self.offset = offset
        self.after = after
    }
}

/// Row counts per table.
public struct StoreCounts: Sendable, Codable, Equatable {
    public var categories, shops, products, creators, campaigns, sales, contentEvents, violations, quizzes: Int

    static func fetch(_ db: Database) throws -> StoreCounts {
        try StoreCounts { table in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }
}

extension StoreCounts {
    /// The counts `count` gives for each table (the one list of counted tables).
    init(_ count: (String) throws -> Int) rethrows {
        self.init(
            categories: try count("categories"), shops: try count("shops"), products: try count("products"), creators: try count("creators"),
            campaigns: try count("campaigns"), sales: try count("sales"), contentEvents: try count("content_events"),
            violations: try count("violations"), quizzes: try count("quizzes"))
    }
}

extension StarMatchStore {
    // MARK: Reads

    public func counts() throws -> StoreCounts {
        try writer.read { db in try StoreCounts.fetch(db) }
    }

    /// Whether the taxonomy has the category `path`.
    public func hasCategory(_ path: CategoryPath) throws -> Bool {
        try writer.read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM categories WHERE path = ?)", arguments: [path.rawValue]) ?? false }
    }

    public func taxonomy() throws -> Taxonomy {
        try writer.read { db in
            Taxonomy(try Row.fetchAll(db, sql: "SELECT path, name FROM categories ORDER BY path").map { row in
                let category = try Self.category(row)
                return (category.path, category.name)
            })
        }
    }

    public func creator(_ id: CreatorID) throws -> Creator? {
        try cached(id.rawValue, \.creators, read: {
            // One statement: its own snapshot, no transaction needed.
            try writer.unsafeRead { db in try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM creators WHERE id = ?"), arguments: [id.rawValue]).map(Self.creator) }
        }, store: entityCache.store)
    }

    /// E-HANDLE: the creator whose handle is `handle` compared as the rule compares (`Creator.handleKey`: case and
    /// a leading `@` ignored); the first by id should older data hold duplicates.
    public func creatorID(handle: String) throws -> CreatorID? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM creators WHERE handle_key = ? ORDER BY id LIMIT 1", arguments: [Creator.handleKey(handle)])
                .map { CreatorID($0) }
        }
    }

    /// E-HANDLE: a creator other than `id` holding the handle key `handleKey`, if any (the write path's check).
    static func creatorHolding(_ db: Database, handleKey: String, other id: CreatorID) -> CreatorID? {
        let holder = try? String.fetchOne(db.cachedStatement(sql: "SELECT id FROM creators WHERE handle_key = ? AND id <> ? ORDER BY id LIMIT 1"),
                                          arguments: [handleKey, id.rawValue])
        return (holder ?? nil).map { CreatorID($0) }
    }

    public func creators(_ filter: CreatorFilter) throws -> [Creator] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let kind = filter.kind { clauses.append("kind = ?"); _ = arguments.append(contentsOf: [kind.rawValue]) }
        if let region = filter.region { clauses.append("region = ?"); _ = arguments.append(contentsOf: [region]) }
        if let minimum = filter.minFollowers { clauses.append("followers >= ?"); _ = arguments.append(contentsOf: [minimum]) }
        if let after = filter.after { clauses.append("id > ?"); _ = arguments.append(contentsOf: [after]) }
        if let prefix = filter.handlePrefix, !prefix.isEmpty {
            // [prefix, prefix + U+10FFFF): every text that starts with prefix, in SQLite's byte order (UTF-8 keeps it).
            clauses.append("handle_key >= ? AND handle_key < ?")
            _ = arguments.append(contentsOf: [prefix, prefix + "\u{10FFFF}"])
        }
        if let niche = filter.niche {
            clauses.append("(';' || niches || ';' LIKE ? OR ';' || niches || ';' LIKE ?)")
            _ = arguments.append(contentsOf: ["%;\(niche.rawValue);%", "%;\(niche.rawValue)/%"])
        }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        _ = arguments.append(contentsOf: [filter.limit, filter.offset])
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM creators \(whereSQL) ORDER BY id LIMIT ? OFFSET ?", arguments: arguments).map(Self.creator)
        }
    }

    public func shop(_ id: ShopID) throws -> Shop? {
        try cached(id.rawValue, \.shops, read: {
            try writer.unsafeRead { db in try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM shops WHERE id = ?"), arguments: [id.rawValue]).map(Self.shop) }
        }, store: entityCache.store)
    }

    public func shops(region: String? = nil, after: String? = nil, limit: Int = 50, offset: Int = 0) throws -> [Shop] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM shops WHERE (?1 IS NULL OR region = ?1) AND (?2 IS NULL OR id > ?2) ORDER BY id LIMIT ?3 OFFSET ?4
                """, arguments: [region, after, limit, offset]).map(Self.shop)
        }
    }

    public func product(_ id: ProductID) throws -> Product? {
        try writer.unsafeRead { db in try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM products WHERE id = ?"), arguments: [id.rawValue]).map(Self.product) }
    }

    /// Products by id, keyset-paged: of one shop, of one category (a category path and everything under it).
    public func products(shop: ShopID? = nil, category: CategoryPath? = nil, after: String? = nil, limit: Int = 50, offset: Int = 0) throws -> [Product] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM products WHERE (?1 IS NULL OR shop_id = ?1) AND (?2 IS NULL OR category = ?2 OR category LIKE ?2 || '/%')
                AND (?3 IS NULL OR id > ?3) ORDER BY id LIMIT ?4 OFFSET ?5
                """, arguments: [shop?.rawValue, category?.rawValue, after, limit, offset]).map(Self.product)
        }
    }

    public func campaign(_ id: CampaignID) throws -> Campaign? {
        try cached(id.rawValue, \.campaigns, read: {
            try writer.unsafeRead { db in try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM campaigns WHERE id = ?"), arguments: [id.rawValue]).map(Self.campaign) }
        }, store: entityCache.store)
    }

    public func campaigns(shop: ShopID? = nil, openAt: Date? = nil, after: String? = nil, limit: Int = 50, offset: Int = 0) throws -> [Campaign] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let shop { clauses.append("shop_id = ?"); _ = arguments.append(contentsOf: [shop.rawValue]) }
        if let openAt {
            clauses.append("starts_at <= ? AND ? < ends_at")
            let s = UpsertSQL.seconds(openAt)
            _ = arguments.append(contentsOf: [s, s])
        }
        if let after { clauses.append("id > ?"); _ = arguments.append(contentsOf: [after]) }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        _ = arguments.append(contentsOf: [limit, offset])
        return try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM campaigns \(whereSQL) ORDER BY id LIMIT ? OFFSET ?", arguments: arguments).map(Self.campaign)
        }
    }

    /// The violations, quizzes, content events and sales of a creator (and the sales' earning weeks), and its place
    /// on its identity document.
    public func facts(for creator: Creator) throws -> CreatorFacts {
        try writer.read { db in
            let id = creator.id.rawValue
            let violations = try Row.fetchAll(db, sql: "SELECT * FROM violations WHERE creator_id = ? ORDER BY at, id", arguments: [id]).map(Self.violation)
            let events = try Row.fetchAll(db, sql: "SELECT * FROM content_events WHERE creator_id = ? ORDER BY at, id", arguments: [id]).map(Self.contentEvent)
            let sales = try Row.fetchAll(db, sql: "SELECT * FROM sales WHERE creator_id = ? ORDER BY ordered_at, id", arguments: [id]).map(Self.sale)
            let quizzes = try Row.fetchAll(db, sql: "SELECT * FROM quizzes WHERE creator_id = ? ORDER BY at, id", arguments: [id]).map(Self.quiz)
            // H-POINTS: every sale's kept orders earn in their earning week.
            guard let earnings = Policy(config: config).earnings(of: sales) else {
                throw DomainError(.failed, "H-POINTS: the kept orders of creator '\(id)' overflow")
            }
            var earlier: Int?
            if let document = creator.identityDocument {
                let accounts = try Row.fetchAll(db, sql: "SELECT id, registered_at FROM creators WHERE identity_document = ?", arguments: [document])
                earlier = IdentityDocumentOrder.earlierAccounts(accounts.enumerated().map { n, row in
                    (position: n, id: CreatorID(row[0] as String), registeredAt: Self.date(row, "registered_at"), document: document)
                })[accounts.firstIndex { ($0[0] as String) == id } ?? -1]
            }
            return CreatorFacts(violations: violations, contentEvents: events, sales: sales, quizzes: quizzes, earnings: earnings,
                                earlierAccountsOnDocument: earlier)
        }
    }

    // MARK: Row decoding

    static func date(_ row: Row, _ column: String) -> Date { Date(timeIntervalSince1970: Double(row[column] as Int64)) }

    /// Reads a stored row as its entity, strictly: a value of the wrong storage class, an unknown enum value,
    /// an impossible day or instant, or NULL in a non-optional column is a `DamagedRow` naming table, row
    /// id and column — never a default.
    static func decode<E: SchemaEntity>(_ row: Row, as _: E.Type) throws -> E {
        var entity = E.blank
        let fields = E.fields
        for field in fields {
            func damaged(_ reason: String) -> DamagedRow {
                let key: DatabaseValue = row[fields[0].dbColumn]
                return DamagedRow(table: E.kind.schema.table, id: String.fromDatabaseValue(key) ?? key.description, column: field.dbColumn, reason: reason)
            }
            let stored: DatabaseValue = row[field.dbColumn]
            let value: FieldValue
            switch (field.type, stored.storage) {
            case (_, .null):
                guard field.optional else { throw damaged("NULL in a column that is never empty") }
                value = .null
            case (.text, .string(let s)), (.code, .string(let s)): value = .text(s)
            case (.integer, .int64(let n)): value = .integer(n)
            case (.number, .double(let d)): value = .number(d)
            case (.number, .int64(let n)): value = .number(Double(n))
            case (.boolean, .int64(let n)) where n == 0 || n == 1: value = .boolean(n == 1)
            case (.day, .string(let s)):
                guard let day = CalendarDay(iso: s) else { throw damaged("'\(s)' is not a possible day (YYYY-MM-DD)") }
                value = .day(day)
            case (.instant, .int64(let n)):
                guard EntityLimits.instants.contains(Double(n)) else { throw damaged("\(n) is not a possible instant (years 0001–9999)") }
                value = .instant(Date(timeIntervalSince1970: Double(n)))
            case (.list, .string(let s)): value = .list(s.split(separator: ";").map(String.init))
            default:
                throw damaged("\(stored) is not a stored \(field.type) value")
            }
            if let problem = field.set(&entity, value) { throw damaged(problem) }
        }
        return entity
    }

    static func creator(_ row: Row) throws -> Creator { try decode(row, as: Creator.self) }
    static func shop(_ row: Row) throws -> Shop { try decode(row, as: Shop.self) }
    static func campaign(_ row: Row) throws -> Campaign { try decode(row, as: Campaign.self) }
    static func product(_ row: Row) throws -> Product { try decode(row, as: Product.self) }
    static func sale(_ row: Row) throws -> Sale { try decode(row, as: Sale.self) }
    static func contentEvent(_ row: Row) throws -> ContentEvent { try decode(row, as: ContentEvent.self) }
    static func violation(_ row: Row) throws -> Violation { try decode(row, as: Violation.self) }
    static func quiz(_ row: Row) throws -> PolicyQuiz { try decode(row, as: PolicyQuiz.self) }
    static func category(_ row: Row) throws -> Category { try decode(row, as: Category.self) }
}

/// A stored row of an entity table that cannot be read as its entity (damaged by something other than
/// StarMatch: every write path validates). Names the table, the row's id and the column.
public struct DamagedRow: Error, Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var id: String
    public var column: String
    public var reason: String

    public var description: String { "damaged row in \(table) (id '\(id)'), column \(column): \(reason)" }
}

extension DamagedRow: DomainErrorConvertible {
    /// `damagedData`: the CLI exits 1 and the API answers 500, each naming table, row and column.
    public var domainError: DomainError { DomainError(.damagedData, description) }
}
