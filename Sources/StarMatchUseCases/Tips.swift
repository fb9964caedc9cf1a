public import Foundation
public import StarMatchCore
public import StarMatchStore

/// One campaign tip (T-TIPS): an open campaign or sample the creator is eligible for (M-ELIGIBLE), best first.
public struct CampaignTip: Sendable, Codable, Equatable {
    public var campaign: CampaignID
    public var shop: ShopID
    public var name: String
    public var kind: Campaign.Kind
    public var score: Double
    public var commissionPercent: Double
    public var endsAt: Date
    public var products: [ProductID]
    public var why: String
}

/// The tips for one creator at an instant (T-TIPS).
public struct CreatorTips: Sendable, Codable, Equatable {
    public var creator: CreatorID
    public var at: Date
    /// Whether the pilot limits apply (P-SHOPS narrows the products; P-CAMPAIGNS leaves samples only).
    public var pilotLimits: Bool
    /// The creator's usual volume the earnings are estimated at.
    public var volume: CreatorVolume
    /// The rules that keep the creator out of the marketplace at `at` (M-ELIGIBLE), by id; while any does, there
    /// are no tips (it could not promote them).
    public var refusedBy: [String]
    public var products: [ProductTip]
    public var campaigns: [CampaignTip]
}

extension StarMatchUseCases {
    /// T-TIPS for a creator at `instant`: the best-selling products of the last `Tips.windowDays` days in its niches
    /// it has not promoted yet (pilots: shops scoring at least `pilotShopMinScore` only, P-SHOPS), then the open
    /// campaigns and samples it is eligible for and may still be proposed for (M-ONCE), best first. At most `limit`
    /// of each. Managers only.
    /// - Throws: `DomainError.notFound` for an unknown creator (or a brand caller).
    public func tips(creator id: CreatorID, limit: Int, profile: ScoringProfile, at instant: Date, caller: Principal) throws -> CreatorTips {
        try caller.requireManager()
        let creator = try creator(id)
        let standing = try store.standing(of: creator, at: instant)
        let pilotLimits = standing.pilot.limitsApply
        // A creator the marketplace refuses could promote nothing: its tips say why instead.
        let refusedBy = Array(Set(Policy(config: config).eligibility(creator, standing: standing, at: instant).refusals.map(\.rule.rawValue))).sorted()
        let volume = CreatorVolume(sales: try store.sales(creator: creator.id, from: instant.addingTimeInterval(-Double(Tips.volumeDays) * 86_400), to: instant),
                                   at: instant)
        guard refusedBy.isEmpty else {
            return CreatorTips(creator: creator.id, at: instant, pilotLimits: pilotLimits, volume: volume, refusedBy: refusedBy, products: [], campaigns: [])
        }
        let windowStart = instant.addingTimeInterval(-Double(Tips.windowDays) * 86_400)
        let candidates = try store.productSales(in: creator.niches, from: windowStart, to: instant)
        let promoted = try store.promotedProducts(creator: creator.id, at: instant)
        // Sellers (the first tie-break) are counted only for the products that can still make the list.
        var contenders = Tips.contenders(niches: creator.niches, candidates: candidates, promoted: promoted, pilotLimits: pilotLimits,
                                         minShopScore: config.pilotShopMinScore, limit: limit)
        let sellers = try store.sellers(of: contenders.map(\.product), from: windowStart, to: instant)
        for i in contenders.indices { contenders[i].sellers = sellers[contenders[i].product] ?? 0 }
        let best = Tips.best(niches: creator.niches, candidates: contenders, promoted: promoted, pilotLimits: pilotLimits,
                             minShopScore: config.pilotShopMinScore, limit: limit)
        let details = try store.productsWithGMV(best.map(\.product), from: windowStart, to: instant)
        let products = best.compactMap { figures in
            details[figures.product].map {
                Tips.tip(figures, product: $0.product, keptGMVMinor: $0.keptGMVMinor, niches: creator.niches, volume: volume,
                         pilotLimits: pilotLimits, minShopScore: config.pilotShopMinScore)
            }
        }
        // Campaigns: the creator's best among those it is eligible for, less those it cannot be proposed for again.
        let taken = try store.campaignsTaken(creator: creator.id, at: instant)
        let ranked = try matches(creator: creator.id, limit: limit + taken.count, profile: profile, at: instant, caller: caller).ranked
        let campaigns = ranked.filter { !taken.contains($0.campaign.id) }.prefix(limit).map { r in
            let c = r.campaign
            let parts = (r.breakdown?.components ?? []).map { "\($0.name) \(String(format: "%.2f", $0.value))" }.joined(separator: ", ")
            let what = c.kind == .sample ? "free samples (M-SAMPLES)" : "a discount campaign"
            return CampaignTip(campaign: c.id, shop: c.shop, name: c.name, kind: c.kind, score: r.score, commissionPercent: c.commissionPercent,
                endsAt: c.endsAt, products: c.products,
                why: "\(what), open until \(Timestamp.format(c.endsAt)); eligible under every rule (M-ELIGIBLE); score \(String(format: "%.3f", r.score))"
                    + (parts.isEmpty ? "" : " (\(parts))"))
        }
        return CreatorTips(creator: creator.id, at: instant, pilotLimits: pilotLimits, volume: volume, refusedBy: [], products: products,
                           campaigns: Array(campaigns))
    }

    /// What a match brought in at `instant` (`MatchOutcome`), with the match and its history, if the caller may see
    /// it (a brand: its own shop's only).
    public func matchDetail(_ id: Int64, at instant: Date, caller: Principal) throws -> (match: Match, history: [MatchEvent], outcome: MatchOutcome) {
        let (match, history) = try match(id, at: instant, caller: caller)
        guard let outcome = try store.matchOutcome(match, at: instant) else { throw DomainError.notFound("unknown match \(id)") }
        return (match, history, outcome)
    }

    /// A campaign's performance at `instant`: its matches and what each brought in. A brand sees its own campaigns
    /// only (another shop's is not found, as an unknown id).
    public func campaignPerformance(_ id: CampaignID, at instant: Date, caller: Principal) throws -> CampaignPerformance {
        let (campaign, _) = try visibleCampaign(id, caller: caller)
        return try store.campaignPerformance(campaign, at: instant)
    }
}
