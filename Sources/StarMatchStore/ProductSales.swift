public import Foundation
import GRDB
public import StarMatchCore

extension StarMatchStore {
    /// The products in `categories` (each path or below it) that sold in (`from`, `to`], with the figures T-TIPS ranks
    /// by (`sellers` left at 0: `sellers(of:)` counts them for the few contenders). One index range per product
    /// (`sales_product`, covering), never a scan of the sales table; products are not decoded here
    /// (`productsWithGMV` reads the few shown).
    public func productSales(in categories: [CategoryPath], from: Date, to: Date) throws -> [ProductSales] {
        try sqlRead { db in
            // One index range per niche, walked in (category, id) order so the sums need no sorting: from the path up
            // to `path0` ('0' follows '/'). The range also holds siblings such as `path-kit`; `Tips.admits` keeps
            // only the path and what is below it.
            let sql = """
                SELECT p.id, p.shop_id, p.category, p.price_minor, p.commission_pct, sh.score, a.orders, a.kept FROM (
                  SELECT p.id AS pid, SUM(s.orders) AS orders, SUM(s.orders - s.returned_orders) AS kept
                  FROM products p JOIN sales s \(db.indexedBy("sales_product")) ON s.product_id = p.id AND s.ordered_at > ?1 AND s.ordered_at <= ?2
                  WHERE p.category >= ?3 AND p.category < ?3 || '0' GROUP BY p.category, p.id
                ) a JOIN products p ON p.id = a.pid JOIN shops sh ON sh.id = p.shop_id
                """
            var seen = Set<String>()
            var result: [ProductSales] = []
            for category in categories {
                try db.forEachRow(sql, [.integer(UpsertSQL.seconds(from)), .integer(UpsertSQL.seconds(to)), .text(category.rawValue)]) { row in
                    guard let id = row.get(0, as: String.self), let shop = row.get(1, as: String.self), let path = row.get(2, as: String.self),
                          let score = row.get(5, as: Double.self), let price = row.get(3, as: Int64.self), let rate = row.get(4, as: Double.self),
                          let orders = row.get(6, as: Int.self), let kept = row.get(7, as: Int.self) else {
                        throw DamagedRow(table: "products", id: row.get(0, as: String.self) ?? "?", column: "sales", reason: "unreadable figures")
                    }
                    guard seen.insert(id).inserted else { return }  // nested niches meet the same product twice
                    result.append(ProductSales(product: ProductID(id), shop: ShopID(shop), category: CategoryPath(path),
                                               shopScore: score, priceMinor: price, commissionPercent: rate, orders: orders, keptOrders: kept))
                }
            }
            return result
        }
    }

    /// How many creators sold each of `ids` in (`from`, `to`] (the products' `ProductSales.sellers`).
    public func sellers(of ids: [ProductID], from: Date, to: Date) throws -> [ProductID: Int] {
        try sqlRead { db in
            var result: [ProductID: Int] = [:]
            let sql = """
                SELECT COUNT(DISTINCT creator_id) FROM sales \(db.indexedBy("sales_product")) WHERE product_id = ? AND ordered_at > ? AND ordered_at <= ?
                """
            for id in ids {
                result[id] = try db.value(sql, [.text(id.rawValue), .integer(UpsertSQL.seconds(from)), .integer(UpsertSQL.seconds(to))], as: Int.self) ?? 0
            }
            return result
        }
    }

    /// The products `ids` (unknown ones left out) with the kept GMV of their sales in (`from`, `to`], in minor units
    /// of each line's currency (`Sale.keptGMVMinor`).
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a product's GMV cannot be represented in 64 bits.
    public func productsWithGMV(_ ids: [ProductID], from: Date, to: Date) throws -> [ProductID: (product: Product, keptGMVMinor: Int64)] {
        try sqlRead { session in
            guard let db = (session as? SQLiteSession)?.db else {
                // PostgreSQL: the lines summed here with the same formula (`Sale.keptGMVMinor`), overflow refused alike.
                var result: [ProductID: (product: Product, keptGMVMinor: Int64)] = [:]
                for id in ids {
                    guard let row = try session.row("SELECT * FROM products WHERE id = ?", [.text(id.rawValue)]) else { continue }
                    var sum: Int64 = 0
                    try session.forEachRow("SELECT gmv_minor, orders, returned_orders FROM sales WHERE product_id = ? AND ordered_at > ? AND ordered_at <= ?",
                                           [.text(id.rawValue), .integer(UpsertSQL.seconds(from)), .integer(UpsertSQL.seconds(to))]) { line in
                        guard let gmv = line.get(0, as: Int64.self), let orders = line.get(1, as: Int.self), let returned = line.get(2, as: Int.self) else { return }
                        let (total, overflow) = sum.addingReportingOverflow(Sale.keptGMVMinor(gmvMinor: gmv, orders: orders, returnedOrders: returned))
                        if overflow { throw Self.gmvOverflow(id) }
                        sum = total
                    }
                    result[id] = (try Self.product(row), sum)
                }
                return result
            }
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
                    throw Self.gmvOverflow(id)
                }
                guard let row else { continue }
                result[id] = (try Self.product(row), row["window_gmv"] ?? 0)
            }
            return result
        }
    }

    static func gmvOverflow(_ id: ProductID) -> DomainError {
        DomainError(.refused, "the GMV of product \(id) in the window cannot be represented (more than 2^63 − 1 minor units)", rules: ["C-CURRENCY"])
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
        try sqlRead { db in
            let arguments: [SQLValue] = [.text(creator.rawValue), .integer(UpsertSQL.seconds(instant))]
            var promoted = Set(try db.rows("""
                SELECT DISTINCT product_id FROM sales WHERE creator_id = ? AND ordered_at <= ? AND product_id IS NOT NULL
                """, arguments).compactMap { $0.get(0, as: String.self).map(ProductID.init) })
            for row in try db.rows("""
                SELECT k.* FROM campaigns k WHERE k.id IN (
                  SELECT m.campaign_id FROM matches m JOIN match_events e ON e.match_id = m.id
                  WHERE m.creator_id = ? AND e.at <= ? AND e.to_state IN (\(MatchState.sqlList { $0.isCommitted })))
                """, arguments) {
                promoted.formUnion(try Self.campaign(row).products)
            }
            return promoted
        }
    }

    /// The campaigns a creator is done with at `instant` (T-TIPS leaves them out): its pair is closed for good
    /// (M-ONCE), or it has a committed match with it.
    public func campaignsTaken(creator: CreatorID, at instant: Date) throws -> Set<CampaignID> {
        try sqlRead { db in
            Set(try db.rows("""
                SELECT DISTINCT m.campaign_id FROM matches m JOIN match_events e ON e.match_id = m.id
                WHERE m.creator_id = ? AND e.at <= ? AND (\(Self.closingEvent) OR e.to_state IN (\(MatchState.sqlList { $0.isCommitted })))
                """, [.text(creator.rawValue), .integer(UpsertSQL.seconds(instant))]).compactMap { $0.get(0, as: String.self).map(CampaignID.init) })
        }
    }

    /// A creator's sales lines ordered in [`from`, `to`], oldest first.
    public func sales(creator: CreatorID, from: Date, to: Date) throws -> [Sale] {
        try sqlRead { db in
            try db.rows("SELECT * FROM sales WHERE creator_id = ? AND ordered_at >= ? AND ordered_at <= ? ORDER BY ordered_at, id",
                        [.text(creator.rawValue), .integer(UpsertSQL.seconds(from)), .integer(UpsertSQL.seconds(to))]).map { try Self.sale($0) }
        }
    }

    /// What a match brought in by `instant` (`MatchOutcome`), from its history, its campaign and its creator's sales.
    func outcome(_ db: any SQLSession, match: Match, campaign: Campaign, at instant: Date) throws -> MatchOutcome {
        var accepted: Date?, shipped: Date?
        for row in try db.rows("SELECT to_state, at FROM match_events WHERE match_id = ? AND at <= ? ORDER BY seq",
                               [.integer(match.id), .integer(UpsertSQL.seconds(instant))]) {
            guard let state = row.get(0, as: String.self), let seconds = row.get(1, as: Int64.self) else {
                throw DamagedRow(table: "match_events", id: String(match.id), column: "at", reason: "not an event")
            }
            let at = Date(timeIntervalSince1970: Double(seconds))
            if state == MatchState.accepted.rawValue, accepted == nil { accepted = at }
            if state == MatchState.sampleShipped.rawValue, shipped == nil { shipped = at }
        }
        // A match never accepted stops here, before the creator's other matches are read.
        guard let accepted else { return .empty(to: min(campaign.endsAt, instant)) }
        // The creator's accepted matches: a line they could each claim counts for one only (`MatchOutcomes.owner`).
        let windows = try acceptedWindows(db, creator: match.creator, at: instant)
        let sales = try db.rows("SELECT * FROM sales WHERE creator_id = ? AND ordered_at >= ? AND ordered_at < ? AND ordered_at <= ?",
            [.text(match.creator), .integer(UpsertSQL.seconds(accepted)), .integer(UpsertSQL.seconds(campaign.endsAt)), .integer(UpsertSQL.seconds(instant))])
            .map { try Self.sale($0) }
            .filter { MatchOutcomes.owner(of: $0, among: windows) == match.id }
        let rates = CommissionRates(campaigns: [campaign.id: campaign.commissionPercent], products: try Self.productRates(db, of: sales))
        return try MatchOutcomes.outcome(campaign: campaign, acceptedAt: accepted, shippedAt: shipped, sales: sales, rates: rates, at: instant)
    }

    /// The rates (C-RATE) of the products `sales` name, by product.
    static func productRates(_ db: any SQLSession, of sales: some Sequence<Sale>) throws -> [ProductID: Double] {
        let named = Set(sales.compactMap(\.product?.rawValue))
        guard !named.isEmpty else { return [:] }
        var rates: [ProductID: Double] = [:]
        for row in try db.rows("SELECT id, commission_pct FROM products WHERE id IN (\(db.jsonTexts))",
                               [try db.jsonTextsArgument(named)]) {
            guard let id = row.get(0, as: String.self), let rate = row.get(1, as: Double.self) else {
                throw DamagedRow(table: "products", id: row.get(0, as: String.self) ?? "?", column: "commission_pct", reason: "not a rate")
            }
            rates[ProductID(id)] = rate
        }
        return rates
    }
    static func productRates(_ db: Database, of sales: some Sequence<Sale>) throws -> [ProductID: Double] {
        try productRates(SQLiteSession(db), of: sales)
    }

    /// A creator's matches accepted by `instant` (their first acceptance), with their campaigns.
    func acceptedWindows(_ db: any SQLSession, creator: String, at instant: Date) throws -> [AcceptedWindow] {
        try db.rows("""
            SELECT m.id AS match_id, MIN(e.at) AS accepted_at, k.* FROM matches m JOIN match_events e ON e.match_id = m.id JOIN campaigns k ON k.id = m.campaign_id
            WHERE m.creator_id = ? AND e.to_state = '\(MatchState.accepted.rawValue)' AND e.at <= ? GROUP BY m.id, k.id ORDER BY m.id
            """, [.text(creator), .integer(UpsertSQL.seconds(instant))]).map { row in
            guard let match = row.get("match_id", as: Int64.self), let accepted = row.get("accepted_at", as: Int64.self) else {
                throw DamagedRow(table: "match_events", id: creator, column: "at", reason: "not an acceptance")
            }
            return AcceptedWindow(match: match, campaign: try Self.campaign(row), acceptedAt: Date(timeIntervalSince1970: Double(accepted)))
        }
    }

    /// A match's outcome at `instant`; `nil` for an unknown match.
    public func matchOutcome(_ match: Match, at instant: Date) throws -> MatchOutcome? {
        guard let campaign = try campaign(CampaignID(match.campaign)) else { return nil }
        return try sqlRead { db in try outcome(db, match: match, campaign: campaign, at: instant) }
    }

    /// A campaign's matches as they show at `instant` with what each brought in (`CampaignPerformance`).
    public func campaignPerformance(_ campaign: Campaign, at instant: Date) throws -> CampaignPerformance {
        let matches = try matches(MatchFilter(campaign: campaign.id, limit: Int(Int32.max)), at: instant)
        return try sqlRead { db in
            try CampaignPerformance(campaign: campaign, at: instant, lines: try matches.map { m in
                CampaignPerformance.Line(match: m.id, creator: CreatorID(m.creator), state: m.state, outcome: try outcome(db, match: m, campaign: campaign, at: instant))
            })
        }
    }
}
