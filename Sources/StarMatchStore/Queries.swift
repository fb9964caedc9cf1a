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

    static func fetch(_ db: any SQLSession) throws -> StoreCounts {
        try StoreCounts { table in try db.value("SELECT COUNT(*) FROM \(table)", as: Int.self) ?? 0 }
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
        try sqlRead { db in try StoreCounts.fetch(db) }
    }

    /// Whether the taxonomy has the category `path`.
    public func hasCategory(_ path: CategoryPath) throws -> Bool {
        try sqlRead(isolated: false) { db in try db.row("SELECT 1 FROM categories WHERE path = ?", [.text(path.rawValue)]) != nil }
    }

    public func taxonomy() throws -> Taxonomy {
        try sqlRead { db in
            Taxonomy(try db.rows("SELECT path, name FROM categories ORDER BY path", []).map { row in
                let category = try Self.category(row)
                return (category.path, category.name)
            })
        }
    }

    public func creator(_ id: CreatorID) throws -> Creator? {
        try cached(id.rawValue, \.creators, read: {
            // One statement: its own snapshot, no transaction needed.
            try sqlRead(isolated: false) { db in try db.row("SELECT * FROM creators WHERE id = ?", [.text(id.rawValue)]).map(Self.creator) }
        }, store: entityCache.store)
    }

    /// E-HANDLE: the creator whose handle is `handle` compared as the rule compares (`Creator.handleKey`: case and
    /// a leading `@` ignored); the first by id should older data hold duplicates.
    public func creatorID(handle: String) throws -> CreatorID? {
        try sqlRead(isolated: false) { db in
            try db.value("SELECT id FROM creators WHERE handle_key = ? ORDER BY id LIMIT 1", [.text(Creator.handleKey(handle))], as: String.self)
                .map { CreatorID($0) }
        }
    }

    /// E-HANDLE: a creator other than `id` holding the handle key `handleKey`, if any (the write path's check).
    static func creatorHolding(_ db: any SQLSession, handleKey: String, other id: CreatorID) -> CreatorID? {
        let holder = try? db.value("SELECT id FROM creators WHERE handle_key = ? AND id <> ? ORDER BY id LIMIT 1",
                                   [.text(handleKey), .text(id.rawValue)], as: String.self)
        return (holder ?? nil).map { CreatorID($0) }
    }

    public func creators(_ filter: CreatorFilter) throws -> [Creator] {
        var clauses: [String] = []
        var arguments: [SQLValue] = []
        if let kind = filter.kind { clauses.append("kind = ?"); arguments.append(.text(kind.rawValue)) }
        if let region = filter.region { clauses.append("region = ?"); arguments.append(.text(region)) }
        if let minimum = filter.minFollowers { clauses.append("followers >= ?"); arguments.append(.integer(Int64(minimum))) }
        if let after = filter.after { clauses.append("id > ?"); arguments.append(.text(after)) }
        if let prefix = filter.handlePrefix, !prefix.isEmpty {
            // [prefix, prefix + U+10FFFF): every text that starts with prefix, in byte order (UTF-8 keeps it; text
            // columns on PostgreSQL compare by bytes too, `PostgresSchema`).
            clauses.append("handle_key >= ? AND handle_key < ?")
            arguments += [.text(prefix), .text(prefix + "\u{10FFFF}")]
        }
        if let niche = filter.niche {
            clauses.append("(';' || niches || ';' LIKE ? OR ';' || niches || ';' LIKE ?)")
            arguments += [.text("%;\(niche.rawValue);%"), .text("%;\(niche.rawValue)/%")]
        }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments += [.integer(Int64(filter.limit)), .integer(Int64(filter.offset))]
        return try sqlRead { db in
            try db.rows("SELECT * FROM creators \(whereSQL) ORDER BY id LIMIT ? OFFSET ?", arguments).map(Self.creator)
        }
    }

    public func shop(_ id: ShopID) throws -> Shop? {
        try cached(id.rawValue, \.shops, read: {
            try sqlRead(isolated: false) { db in try db.row("SELECT * FROM shops WHERE id = ?", [.text(id.rawValue)]).map(Self.shop) }
        }, store: entityCache.store)
    }

    public func shops(region: String? = nil, after: String? = nil, limit: Int = 50, offset: Int = 0) throws -> [Shop] {
        var clauses: [String] = []
        var arguments: [SQLValue] = []
        if let region { clauses.append("region = ?"); arguments.append(.text(region)) }
        if let after { clauses.append("id > ?"); arguments.append(.text(after)) }
        arguments += [.integer(Int64(limit)), .integer(Int64(offset))]
        return try sqlRead { db in
            try db.rows("SELECT * FROM shops \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")) ORDER BY id LIMIT ? OFFSET ?",
                        arguments).map(Self.shop)
        }
    }

    public func product(_ id: ProductID) throws -> Product? {
        try sqlRead(isolated: false) { db in try db.row("SELECT * FROM products WHERE id = ?", [.text(id.rawValue)]).map(Self.product) }
    }

    /// Products by id, keyset-paged: of one shop, of one category (a category path and everything under it).
    public func products(shop: ShopID? = nil, category: CategoryPath? = nil, after: String? = nil, limit: Int = 50, offset: Int = 0) throws -> [Product] {
        var clauses: [String] = []
        var arguments: [SQLValue] = []
        if let shop { clauses.append("shop_id = ?"); arguments.append(.text(shop.rawValue)) }
        if let category { clauses.append("(category = ? OR category LIKE ?)"); arguments += [.text(category.rawValue), .text(category.rawValue + "/%")] }
        if let after { clauses.append("id > ?"); arguments.append(.text(after)) }
        arguments += [.integer(Int64(limit)), .integer(Int64(offset))]
        return try sqlRead { db in
            try db.rows("SELECT * FROM products \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")) ORDER BY id LIMIT ? OFFSET ?",
                        arguments).map(Self.product)
        }
    }

    public func campaign(_ id: CampaignID) throws -> Campaign? {
        try cached(id.rawValue, \.campaigns, read: {
            try sqlRead(isolated: false) { db in try db.row("SELECT * FROM campaigns WHERE id = ?", [.text(id.rawValue)]).map(Self.campaign) }
        }, store: entityCache.store)
    }

    public func campaigns(shop: ShopID? = nil, openAt: Date? = nil, after: String? = nil, limit: Int = 50, offset: Int = 0) throws -> [Campaign] {
        var clauses: [String] = []
        var arguments: [SQLValue] = []
        if let shop { clauses.append("shop_id = ?"); arguments.append(.text(shop.rawValue)) }
        if let openAt {
            clauses.append("starts_at <= ? AND ? < ends_at")
            let s = UpsertSQL.seconds(openAt)
            arguments += [.integer(s), .integer(s)]
        }
        if let after { clauses.append("id > ?"); arguments.append(.text(after)) }
        let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
        arguments += [.integer(Int64(limit)), .integer(Int64(offset))]
        return try sqlRead { db in
            try db.rows("SELECT * FROM campaigns \(whereSQL) ORDER BY id LIMIT ? OFFSET ?", arguments).map(Self.campaign)
        }
    }

    /// The violations, quizzes, content events and sales of a creator (and the sales' earning weeks), and its place
    /// on its identity document.
    public func facts(for creator: Creator) throws -> CreatorFacts {
        try sqlRead { db in
            let id = creator.id.rawValue
            let violations = try db.rows("SELECT * FROM violations WHERE creator_id = ? ORDER BY at, id", [.text(id)]).map(Self.violation)
            let events = try db.rows("SELECT * FROM content_events WHERE creator_id = ? ORDER BY at, id", [.text(id)]).map(Self.contentEvent)
            let sales = try db.rows("SELECT * FROM sales WHERE creator_id = ? ORDER BY ordered_at, id", [.text(id)]).map(Self.sale)
            let quizzes = try db.rows("SELECT * FROM quizzes WHERE creator_id = ? ORDER BY at, id", [.text(id)]).map(Self.quiz)
            // H-POINTS: every sale's kept orders earn in their earning week.
            guard let earnings = Policy(config: config).earnings(of: sales) else {
                throw DomainError(.failed, "H-POINTS: the kept orders of creator '\(id)' overflow")
            }
            var earlier: Int?
            if let document = creator.identityDocument {
                let accounts = try db.rows("SELECT id, registered_at FROM creators WHERE identity_document = ?", [.text(document)]).map { row in
                    let strict = StrictRow(row, table: "creators", id: row.get(0, as: String.self) ?? "?")
                    return (id: try strict.text(at: 0), registeredAt: try strict.instant("registered_at"))
                }
                earlier = IdentityDocumentOrder.earlierAccounts(accounts.enumerated().map { n, account in
                    (position: n, id: CreatorID(account.id), registeredAt: account.registeredAt, document: document)
                })[accounts.firstIndex { $0.id == id } ?? -1]
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
    static func decode<E: SchemaEntity, R: StoredRow>(_ row: R, as _: E.Type) throws -> E {
        var entity = E.blank
        let fields = E.fields
        for field in fields {
            func damaged(_ reason: String) -> DamagedRow {
                DamagedRow(table: E.kind.schema.table, id: row.storedValue(fields[0].dbColumn).description, column: field.dbColumn, reason: reason)
            }
            let stored = row.storedValue(field.dbColumn)
            let value: FieldValue
            switch (field.type, stored) {
            case (_, .null):
                guard field.optional else { throw damaged("NULL in a column that is never empty") }
                value = .null
            case (.text, .text(let s)), (.code, .text(let s)): value = .text(s)
            case (.integer, .integer(let n)): value = .integer(n)
            case (.number, .real(let d)): value = .number(d)
            case (.number, .integer(let n)): value = .number(Double(n))
            case (.boolean, .integer(let n)) where n == 0 || n == 1: value = .boolean(n == 1)
            case (.day, .text(let s)):
                guard let day = CalendarDay(iso: s) else { throw damaged("'\(s)' is not a possible day (YYYY-MM-DD)") }
                value = .day(day)
            case (.instant, .integer(let n)):
                guard EntityLimits.instants.contains(Double(n)) else { throw damaged("\(n) is not a possible instant (years 0001–9999)") }
                value = .instant(Date(timeIntervalSince1970: Double(n)))
            case (.list, .text(let s)): value = .list(s.split(separator: ";").map(String.init))
            default:
                throw damaged("\(stored) is not a stored \(field.type) value")
            }
            if let problem = field.set(&entity, value) { throw damaged(problem) }
        }
        return entity
    }

    static func creator<R: StoredRow>(_ row: R) throws -> Creator { try decode(row, as: Creator.self) }
    static func shop<R: StoredRow>(_ row: R) throws -> Shop { try decode(row, as: Shop.self) }
    static func campaign<R: StoredRow>(_ row: R) throws -> Campaign { try decode(row, as: Campaign.self) }
    static func product<R: StoredRow>(_ row: R) throws -> Product { try decode(row, as: Product.self) }
    static func sale<R: StoredRow>(_ row: R) throws -> Sale { try decode(row, as: Sale.self) }
    static func contentEvent<R: StoredRow>(_ row: R) throws -> ContentEvent { try decode(row, as: ContentEvent.self) }
    static func violation<R: StoredRow>(_ row: R) throws -> Violation { try decode(row, as: Violation.self) }
    static func quiz<R: StoredRow>(_ row: R) throws -> PolicyQuiz { try decode(row, as: PolicyQuiz.self) }
    static func category<R: StoredRow>(_ row: R) throws -> Category { try decode(row, as: Category.self) }
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
