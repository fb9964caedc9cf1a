public import Foundation
import GRDB
public import StarMatchCore

extension StarMatchStore {
    /// The products in `categories` (each path or below it) that sold in (`from`, `to`], with their sales there
    /// (T-TIPS). One index range per product (`sales_product`), never a scan of the sales table.
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a product's GMV cannot be represented in 64 bits.
    public func productSales(in categories: [CategoryPath], from: Date, to: Date) throws -> [ProductSales] {
        guard !categories.isEmpty else { return [] }
        // A path and its descendants: `path`, and the keys between `path/` and `path0` ('0' follows '/').
        let condition = categories.map { _ in "(p.category = ? OR (p.category > ? AND p.category < ?))" }.joined(separator: " OR ")
        var arguments: StatementArguments = [UpsertSQL.seconds(from), UpsertSQL.seconds(to)]
        for c in categories { _ = arguments.append(contentsOf: [c.rawValue, c.rawValue + "/", c.rawValue + "0"]) }
        return try writer.read { db in
            struct Sum { var orders = 0; var kept = 0; var gmv: Int64 = 0; var sellers = Set<String>() }
            var sums: [String: Sum] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.product_id, s.orders, s.returned_orders, s.gmv_minor, s.creator_id
                FROM products p JOIN sales s INDEXED BY sales_product ON s.product_id = p.id AND s.ordered_at > ?1 AND s.ordered_at <= ?2
                WHERE \(condition)
                """, arguments: arguments)
            while let row = try rows.next() {
                let product: String = row[0], orders: Int = row[1], returned: Int = row[2]
                var sum = sums[product] ?? Sum()
                sum.orders += orders
                sum.kept += orders - returned
                sum.gmv = try MoneySum.add(sum.gmv, Sale.keptGMVMinor(gmvMinor: row[3], orders: orders, returnedOrders: returned), "the GMV of product \(product)")
                sum.sellers.insert(row[4])
                sums[product] = sum
            }
            guard !sums.isEmpty else { return [] }
            var result: [ProductSales] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT p.*, sh.score AS shop_score FROM products p JOIN shops sh ON sh.id = p.shop_id WHERE p.id IN (SELECT value FROM json_each(?))
                """, arguments: [String(data: try JSONEncoder().encode(Array(sums.keys)), encoding: .utf8)!]) {
                let product = try Self.product(row)
                let sum = sums[product.id.rawValue]!
                result.append(ProductSales(product: product, shopScore: row["shop_score"], orders: sum.orders, keptOrders: sum.kept,
                                           keptGMVMinor: sum.gmv, sellers: sum.sellers.count))
            }
            return result
        }
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
        guard let accepted else { return .empty(to: min(campaign.endsAt, instant)) }
        let sales = try Row.fetchAll(db, sql: "SELECT * FROM sales WHERE creator_id = ? AND ordered_at >= ? AND ordered_at < ? AND ordered_at <= ?",
            arguments: [match.creator, UpsertSQL.seconds(accepted), UpsertSQL.seconds(campaign.endsAt), UpsertSQL.seconds(instant)]).map(Self.sale)
        var rates = CommissionRates(campaigns: [campaign.id: campaign.commissionPercent])
        let named = Set(sales.compactMap(\.product?.rawValue))
        if !named.isEmpty {
            for row in try Row.fetchAll(db, sql: "SELECT id, commission_pct FROM products WHERE id IN (SELECT value FROM json_each(?))",
                                        arguments: [String(data: try JSONEncoder().encode(Array(named)), encoding: .utf8)!]) {
                rates.products[ProductID(row[0] as String)] = row[1] as Double
            }
        }
        return try MatchOutcomes.outcome(campaign: campaign, acceptedAt: accepted, shippedAt: shipped, sales: sales, rates: rates, at: instant)
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
