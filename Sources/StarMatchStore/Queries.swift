public import Foundation
import GRDB
public import StarMatchCore

/// Filters for listing creators.
public struct CreatorFilter: Sendable {
    public var kind: Creator.Kind?
    public var region: String?
    public var niche: CategoryPath?
    public var minFollowers: Int?
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
    public var categories, shops, creators, campaigns, sales, contentEvents, violations: Int

    static func fetch(_ db: Database) throws -> StoreCounts {
        func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        return StoreCounts(
            categories: try count("categories"), shops: try count("shops"), creators: try count("creators"),
            campaigns: try count("campaigns"), sales: try count("sales"), contentEvents: try count("content_events"),
            violations: try count("violations"))
    }
}

extension StarMatchStore {
    // MARK: Reads

    public func counts() throws -> StoreCounts {
        try writer.read { db in try StoreCounts.fetch(db) }
    }

    public func taxonomy() throws -> Taxonomy {
        try writer.read { db in
            Taxonomy(try Row.fetchAll(db, sql: "SELECT path, name FROM categories ORDER BY path").map { (CategoryPath($0["path"] as String), $0["name"] as String) })
        }
    }

    public func creator(_ id: CreatorID) throws -> Creator? {
        try cached(id.rawValue, \.creators, read: {
            // One statement: its own snapshot, no transaction needed.
            try writer.unsafeRead { db in try Row.fetchOne(try db.cachedStatement(sql: "SELECT * FROM creators WHERE id = ?"), arguments: [id.rawValue]).map(Self.creator) }
        }, store: entityCache.store)
    }

    public func creators(_ filter: CreatorFilter) throws -> [Creator] {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let kind = filter.kind { clauses.append("kind = ?"); _ = arguments.append(contentsOf: [kind.rawValue]) }
        if let region = filter.region { clauses.append("region = ?"); _ = arguments.append(contentsOf: [region]) }
        if let minimum = filter.minFollowers { clauses.append("followers >= ?"); _ = arguments.append(contentsOf: [minimum]) }
        if let after = filter.after { clauses.append("id > ?"); _ = arguments.append(contentsOf: [after]) }
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

    /// The violations, content events and sales of a creator, and its place on its identity document.
    public func facts(for creator: Creator) throws -> CreatorFacts {
        try writer.read { db in
            let id = creator.id.rawValue
            let violations = try Row.fetchAll(db, sql: "SELECT * FROM violations WHERE creator_id = ? ORDER BY at, id", arguments: [id]).map(Self.violation)
            let events = try Row.fetchAll(db, sql: "SELECT * FROM content_events WHERE creator_id = ? ORDER BY at, id", arguments: [id]).map(Self.contentEvent)
            let sales = try Row.fetchAll(db, sql: "SELECT * FROM sales WHERE creator_id = ? ORDER BY ordered_at, id", arguments: [id]).map(Self.sale)
            var earlier: Int?
            if let document = creator.identityDocument {
                let ranks = try Row.fetchAll(db, sql: Self.documentRankSQL(filtered: true), arguments: [document])
                earlier = ranks.first(where: { ($0[0] as String) == id }).map { ($0[1] as Int) - 1 }
            }
            return CreatorFacts(violations: violations, contentEvents: events, sales: sales, earlierAccountsOnDocument: earlier)
        }
    }

    // MARK: Row decoding

    static func date(_ row: Row, _ column: String) -> Date { Date(timeIntervalSince1970: Double(row[column] as Int64)) }
    static func optionalDate(_ row: Row, _ column: String) -> Date? {
        (row[column] as Int64?).map { Date(timeIntervalSince1970: Double($0)) }
    }
    static func paths(_ text: String) -> [CategoryPath] { text.split(separator: ";").map { CategoryPath(String($0)) } }

    static func creator(_ row: Row) -> Creator {
        Creator(
            id: CreatorID(row["id"] as String), handle: row["handle"], kind: Creator.Kind(rawValue: row["kind"]) ?? .standard,
            followers: row["followers"], region: row["region"],
            birthDate: CalendarDay(iso: row["birth_date"]) ?? CalendarDay(year: 1970, month: 1, day: 1)!,
            registeredAt: date(row, "registered_at"), ageConfirmedAt: optionalDate(row, "age_confirmed_at"),
            identityVerified: row["identity_verified"], identityDocument: row["identity_document"], gpppa: row["gpppa"],
            ecommerceRevoked: row["ecommerce_revoked"], linkedToSeriousViolator: row["linked_serious_violator"],
            policiesAccepted: row["policies_accepted"], boundShop: (row["bound_shop"] as String?).map { ShopID($0) },
            niches: paths(row["niches"]), pilotStartedAt: optionalDate(row, "pilot_started_at"),
            quizPassedAt: optionalDate(row, "quiz_passed_at"))
    }

    static func shop(_ row: Row) -> Shop {
        Shop(id: ShopID(row["id"] as String), name: row["name"], region: row["region"], score: row["score"], categories: paths(row["categories"]))
    }

    static func campaign(_ row: Row) -> Campaign {
        Campaign(
            id: CampaignID(row["id"] as String), shop: ShopID(row["shop_id"] as String), name: row["name"],
            kind: Campaign.Kind(rawValue: row["kind"]) ?? .sample, categories: paths(row["categories"]), slots: row["slots"],
            startsAt: date(row, "starts_at"), endsAt: date(row, "ends_at"), commissionPercent: row["commission_pct"],
            minFollowers: row["min_followers"], regions: (row["regions"] as String).split(separator: ";").map(String.init))
    }

    static func sale(_ row: Row) -> Sale {
        Sale(
            id: SaleID(row["id"] as String), creator: CreatorID(row["creator_id"] as String), shop: ShopID(row["shop_id"] as String),
            campaign: (row["campaign_id"] as String?).map { CampaignID($0) }, category: CategoryPath(row["category"] as String),
            orderedAt: date(row, "ordered_at"), orders: row["orders"], returnedOrders: row["returned_orders"],
            gmvMinor: row["gmv_minor"], currency: row["currency"])
    }

    static func contentEvent(_ row: Row) -> ContentEvent {
        ContentEvent(
            id: ContentEventID(row["id"] as String), creator: CreatorID(row["creator_id"] as String),
            content: ContentID(row["content_id"] as String), medium: ContentEvent.Medium(rawValue: row["medium"]) ?? .video,
            action: ContentEvent.Action(rawValue: row["action"]) ?? .published, at: date(row, "at"),
            durationSeconds: row["duration_seconds"], isPrivate: row["private"], shoppable: row["shoppable"])
    }

    static func violation(_ row: Row) -> Violation {
        Violation(
            id: ViolationID(row["id"] as String), creator: CreatorID(row["creator_id"] as String),
            kind: Violation.Kind(rawValue: row["kind"]) ?? .spam, points: row["points"], at: date(row, "at"))
    }
}
