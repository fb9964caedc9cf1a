public import Foundation
public import StarMatchCore

/// How many creators a rule refuses, with a few examples.
public struct RuleRefusalCount: Sendable, Codable, Equatable {
    public var rule: RuleID
    public var count: Int
    public var examples: [String]
}

/// Marketplace eligibility over all creators.
public struct MarketplaceSummary: Sendable, Codable, Equatable {
    public var total: Int
    public var eligible: Int
    public var refusals: [RuleRefusalCount]
}

extension StarMatchStore {
    /// A creator's standing at `instant` (CHR, pilot state, quota use, document rank).
    public func standing(of creator: Creator, at instant: Date) throws -> CreatorStanding {
        Policy(config: config).standing(of: creator, facts: try facts(for: creator), at: instant)
    }

    /// Every rule that applies to `creator` for the marketplace, a sample match with `shop`, or `campaign`.
    /// - Throws: `DomainError.notFound` when the shop or campaign does not exist.
    public func eligibility(of creator: Creator, shop: ShopID? = nil, campaign: CampaignID? = nil, at instant: Date) throws -> (EligibilityReport, CreatorStanding) {
        let policy = Policy(config: config)
        let standing = try standing(of: creator, at: instant)
        if let campaignID = campaign {
            guard let campaign = try self.campaign(campaignID) else { throw DomainError.notFound("unknown campaign '\(campaignID)'") }
            guard let shop = try self.shop(campaign.shop) else { throw DomainError.notFound("campaign \(campaignID) names unknown shop '\(campaign.shop)'") }
            return (policy.eligibility(creator, standing: standing, for: campaign, shop: shop, at: instant), standing)
        }
        if let shopID = shop {
            guard let shop = try self.shop(shopID) else { throw DomainError.notFound("unknown shop '\(shopID)'") }
            return (policy.eligibility(creator, standing: standing, sampleFrom: shop, at: instant), standing)
        }
        return (policy.eligibility(creator, standing: standing, at: instant), standing)
    }

    /// Marketplace eligibility of every creator at `instant`, counted by refusing rule.
    public func marketplaceSummary(at instant: Date, examples: Int = 3) throws -> MarketplaceSummary {
        var total = 0
        var eligible = 0
        var byRule: [RuleID: RuleRefusalCount] = [:]
        var offset = 0
        while true {
            let page = try creators(CreatorFilter(limit: 1000, offset: offset))
            if page.isEmpty { break }
            offset += page.count
            for creator in page {
                total += 1
                let (report, _) = try eligibility(of: creator, at: instant)
                if report.isEligible { eligible += 1 }
                for rule in Set(report.refusals.map(\.rule)) {
                    var entry = byRule[rule] ?? RuleRefusalCount(rule: rule, count: 0, examples: [])
                    entry.count += 1
                    if entry.examples.count < examples { entry.examples.append(creator.id.rawValue) }
                    byRule[rule] = entry
                }
            }
        }
        return MarketplaceSummary(total: total, eligible: eligible, refusals: byRule.values.sorted { $0.rule < $1.rule })
    }
}

extension StarMatchStore {
    /// Estimated and validated commission per creator, campaign, product and currency at `instant` (C-RATE,
    /// C-VALIDATE): the lines of sales that name a product (its rate) or a campaign (its rate), each filter optional.
    public func commissions(creator: CreatorID? = nil, campaign: CampaignID? = nil, product: ProductID? = nil, at instant: Date) throws -> [CommissionLine] {
        try sqlRead { db in
            var rates = CommissionRates()
            for row in try db.rows("SELECT id, commission_pct FROM campaigns", []) {
                if let id = row.get(0, as: String.self), let rate = row.get(1, as: Double.self) { rates.campaigns[CampaignID(id)] = rate }
            }
            for row in try db.rows("SELECT id, commission_pct FROM products", []) {
                if let id = row.get(0, as: String.self), let rate = row.get(1, as: Double.self) { rates.products[ProductID(id)] = rate }
            }
            // Only the filters given, as plain equalities: SQLite then reads one creator's lines through `sales_creator` (or a
            // product's through `sales_product`) instead of scanning every sale, as `?2 IS NULL OR creator_id = ?2` made it.
            var clauses = ["(campaign_id IS NOT NULL OR product_id IS NOT NULL)", "ordered_at <= ?"]
            var arguments: [SQLValue] = [.integer(UpsertSQL.seconds(instant))]
            for (column, value) in [("creator_id", creator?.rawValue), ("campaign_id", campaign?.rawValue), ("product_id", product?.rawValue)] {
                guard let value else { continue }
                clauses.append("\(column) = ?")
                arguments.append(.text(value))
            }
            let sales = try db.rows("SELECT * FROM sales WHERE " + clauses.joined(separator: " AND "), arguments).map(Self.sale)
            return try Commissions.lines(sales: sales, rates: rates, at: instant, returnWindowDays: config.returnWindowDays)
        }
    }
}
