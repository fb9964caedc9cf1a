public import Foundation
import GRDB
public import StarMatchCore

extension StarMatchStore {
    /// The products in `categories` (each path or below it) that sold in (`from`, `to`], with the figures T-TIPS ranks
    /// by (`sellers` left at 0: `sellers(of:)` counts them for the few contenders). One index range per product
    /// (`sales_product`, covering), never a scan of the sales table; products are not decoded here
    /// (`productsWithGMV` reads the few shown).
    public func productSales(in categories: [CategoryPath], from: Date, to: Date) throws -> [ProductSales] {
        try writer.read { db in
            // One index range per niche, walked in (category, id) order so the sums need no sorting: from the path up
            // to `path0` ('0' follows '/'). The range also holds siblings such as `path-kit`; `Tips.admits` keeps
            // only the path and what is below it.
            let statement = try db.cachedStatement(sql: """
                SELECT p.id, p.shop_id, p.category, p.price_minor, p.commission_pct, sh.score, a.orders, a.kept FROM (
                  SELECT p.id AS pid, SUM(s.orders) AS orders, SUM(s.orders - s.returned_orders) AS kept
                  FROM products p JOIN sales s INDEXED BY sales_product ON s.product_id = p.id AND s.ordered_at > ?1 AND s.ordered_at <= ?2
                  WHERE p.category >= ?3 AND p.category < ?3 || '0' GROUP BY p.category, p.id
                ) a JOIN products p ON p.id = a.pid JOIN shops sh ON sh.id = p.shop_id
                """)
            var seen = Set<String>()
            var result: [ProductSales] = []
            for category in categories {
                let rows = try Row.fetchCursor(statement, arguments: [UpsertSQL.seconds(from), UpsertSQL.seconds(to), category.rawValue])
                while let row = try rows.next() {
                    let id: String = row[0]
                    guard seen.insert(id).inserted else { continue }  // nested niches meet the same product twice
                    result.append(ProductSales(product: ProductID(id), shop: ShopID(row[1] as String), category: CategoryPath(row[2] as String),
                                               shopScore: row[5], priceMinor: row[3], commissionPercent: row[4], orders: row[6], keptOrders: row[7]))
                }
            }
            return result
        }
    }

    /// How many creators sold each of `ids` in (`from`, `to`] (the products' `ProductSales.sellers`).
    public func sellers(of ids: [ProductID], from: Date, to: Date) throws -> [ProductID: Int] {
        try writer.read { db in
            var result: [ProductID: Int] = [:]
            let statement = try db.cachedStatement(sql: """
                SELECT COUNT(DISTINCT creator_id) FROM sales INDEXED BY sales_product WHERE product_id = ? AND ordered_at > ? AND ordered_at <= ?
                """)
            for id in ids {
                result[id] = try Int.fetchOne(statement, arguments: [id.rawValue, UpsertSQL.seconds(from), UpsertSQL.seconds(to)]) ?? 0
            }
            return result
        }
    }

    /// The products `ids` (unknown ones left out) with the kept GMV of their sales in (`from`, `to`], in minor units
    /// of each line's currency (`Sale.keptGMVMinor`).
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a product's GMV cannot be represented in 64 bits.
    public func productsWithGMV(_ ids: [ProductID], from: Date, to: Date) throws -> [ProductID: (product: Product, keptGMVMinor: Int64)] {
        try writer.read { db in
            db.add(function: Self.keptGMVFunction)
            var result: [ProductID: (product: Product, keptGMVMinor: Int64)] = [:]
            for id in ids {
                let row: Row?
                do {
                    row = try Row.fetchOne(db, sql: """
                        SELECT p.*, (SELECT SUM(starmatch_kept_gmv(s.gmv_minor, s.orders, s.returned_orders)) FROM sales s INDEXED BY sales_product
                                     WHERE s.product_id = p.id AND s.ordered_at > ? AND s.ordered_at <= ?) AS window_gmv
                        FROM products p WHERE p.id = ?
                        """, arguments: [UpsertSQL.seconds(from), UpsertSQL.seconds(to), id.rawValue])
                } catch let error as DatabaseError where error.message?.contains("integer overflow") == true {
                    throw DomainError(.refused, "the GMV of product \(id) in the window cannot be represented (more than 2^63 − 1 minor units)",
                                      rules: ["C-CURRENCY"])
                }
                guard let row else { continue }
                result[id] = (try Self.product(row), row["window_gmv"] ?? 0)
            }
            return result
        }
    }

    /// `Sale.keptGMVMinor` as an SQL function, so sums over many lines run in SQLite with the one formula.
    static let keptGMVFunction = DatabaseFunction("starmatch_kept_gmv", argumentCount: 3, pure: true) { values in
        guard let gmv = Int64.fromDatabaseValue(values[0]), let orders = Int.fromDatabaseValue(values[1]),
              let returned = Int.fromDatabaseValue(values[2]) else { return nil }
        return Sale.keptGMVMinor(gmvMinor: gmv, orders: orders, returnedOrders: returned)
    }

    /// The products a creator promoted by `instant` (T-TIPS): named by one of its sales lines, or featured by a
    /// campaign it has a match with that was accepted (a committed state, `MatchState.isCommitted`) by then.
    public func promotedProducts(creator: CreatorID, at instant: Date) throws -> Set<ProductID> {
        try writer.read { db in
            var promoted = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT product_id FROM sales WHERE creator_id = ? AND ordered_at <= ? AND product_id IS NOT NULL
                """, arguments: [creator.rawValue, UpsertSQL.seconds(instant)]).map { ProductID($0) })
            for row in try Row.fetchAll(db, sql: """
                SELECT k.* FROM campaigns k WHERE k.id IN (
                  SELECT m.campaign_id FROM matches m JOIN match_events e ON e.match_id = m.id
                  WHERE m.creator_id = ? AND e.at <= ? AND e.to_state IN (\(MatchState.sqlList { $0.isCommitted })))
                """, arguments: [creator.rawValue, UpsertSQL.seconds(instant)]) {
                promoted.formUnion(try Self.campaign(row).products)
            }
            return promoted
        }
    }

    /// The campaigns a creator is done with at `instant` (T-TIPS leaves them out): its pair is closed for good
    /// (M-ONCE), or it has a committed match with it.
    public func campaignsTaken(creator: CreatorID, at instant: Date) throws -> Set<CampaignID> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT m.campaign_id FROM matches m JOIN match_events e ON e.match_id = m.id
                WHERE m.creator_id = ? AND e.at <= ? AND (\(Self.closingEvent) OR e.to_state IN (\(MatchState.sqlList { $0.isCommitted })))
                """, arguments: [creator.rawValue, UpsertSQL.seconds(instant)]).map { CampaignID($0) })
        }
    }

    /// A creator's sales lines ordered in [`from`, `to`], oldest first.
    public func sales(creator: CreatorID, from: Date, to: Date) throws -> [Sale] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sales WHERE creator_id = ? AND ordered_at >= ? AND ordered_at <= ? ORDER BY ordered_at, id",
                             arguments: [creator.rawValue, UpsertSQL.seconds(from), UpsertSQL.seconds(to)]).map(Self.sale)
        }
    }

    /// What a match brought in by `instant` (`MatchOutcome`), from its history, its campaign and its creator's sales.
    func outcome(_ db: Database, match: Match, campaign: Campaign, at instant: Date) throws -> MatchOutcome {
        var accepted: Date?, shipped: Date?
        for row in try Row.fetchAll(db, sql: "SELECT to_state, at FROM match_events WHERE match_id = ? AND at <= ? ORDER BY seq",
                                    arguments: [match.id, UpsertSQL.seconds(instant)]) {
            let state: String = row[0], at = Date(timeIntervalSince1970: Double(row[1] as Int64))
            if state == MatchState.accepted.rawValue, accepted == nil { accepted = at }
            if state == MatchState.sampleShipped.rawValue, shipped == nil { shipped = at }
        }
        // A match never accepted stops here, before the creator's other matches are read.
        guard let accepted else { return .empty(to: min(campaign.endsAt, instant)) }
        // The creator's accepted matches: a line they could each claim counts for one only (`MatchOutcomes.owner`).
        let windows = try acceptedWindows(db, creator: match.creator, at: instant)
        let sales = try Row.fetchAll(db, sql: "SELECT * FROM sales WHERE creator_id = ? AND ordered_at >= ? AND ordered_at < ? AND ordered_at <= ?",
            arguments: [match.creator, UpsertSQL.seconds(accepted), UpsertSQL.seconds(campaign.endsAt), UpsertSQL.seconds(instant)]).map(Self.sale)
            .filter { MatchOutcomes.owner(of: $0, among: windows) == match.id }
        let rates = CommissionRates(campaigns: [campaign.id: campaign.commissionPercent], products: try Self.productRates(db, of: sales))
        return try MatchOutcomes.outcome(campaign: campaign, acceptedAt: accepted, shippedAt: shipped, sales: sales, rates: rates, at: instant)
    }

    /// The rates (C-RATE) of the products `sales` name, by product.
    static func productRates(_ db: Database, of sales: some Sequence<Sale>) throws -> [ProductID: Double] {
        let named = Set(sales.compactMap(\.product?.rawValue))
        guard !named.isEmpty else { return [:] }
        var rates: [ProductID: Double] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, commission_pct FROM products WHERE id IN (SELECT value FROM json_each(?))",
                                    arguments: [String(data: try JSONEncoder().encode(Array(named)), encoding: .utf8)!]) {
            rates[ProductID(row[0] as String)] = row[1] as Double
        }
        return rates
    }

    /// A creator's matches accepted by `instant` (their first acceptance), with their campaigns.
    func acceptedWindows(_ db: Database, creator: String, at instant: Date) throws -> [AcceptedWindow] {
        try Row.fetchAll(db, sql: """
            SELECT m.id AS match_id, MIN(e.at) AS accepted_at, k.* FROM matches m JOIN match_events e ON e.match_id = m.id JOIN campaigns k ON k.id = m.campaign_id
            WHERE m.creator_id = ? AND e.to_state = '\(MatchState.accepted.rawValue)' AND e.at <= ? GROUP BY m.id
            """, arguments: [creator, UpsertSQL.seconds(instant)]).map { row in
            AcceptedWindow(match: row["match_id"], campaign: try Self.campaign(row), acceptedAt: Date(timeIntervalSince1970: Double(row["accepted_at"] as Int64)))
        }
    }

    /// A match's outcome at `instant`; `nil` for an unknown match.
    public func matchOutcome(_ match: Match, at instant: Date) throws -> MatchOutcome? {
        guard let campaign = try campaign(CampaignID(match.campaign)) else { return nil }
        return try writer.read { db in try outcome(db, match: match, campaign: campaign, at: instant) }
    }

    /// A campaign's matches as they show at `instant` with what each brought in (`CampaignPerformance`).
    public func campaignPerformance(_ campaign: Campaign, at instant: Date) throws -> CampaignPerformance {
        let matches = try matches(MatchFilter(campaign: campaign.id, limit: Int(Int32.max)), at: instant)
        return try writer.read { db in
            try CampaignPerformance(campaign: campaign, at: instant, lines: try matches.map { m in
                CampaignPerformance.Line(match: m.id, creator: CreatorID(m.creator), state: m.state, outcome: try outcome(db, match: m, campaign: campaign, at: instant))
            })
        }
    }
}
