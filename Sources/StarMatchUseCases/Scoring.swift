public import Foundation
public import StarMatchCore
public import StarMatchStore

/// A campaign's shortlist (M-SCORE, M-ELIGIBLE).
public struct ShortlistResult: Sendable {
    public var campaign: Campaign
    public var shop: Shop
    public var at: Date
    public var profile: ScoringProfile
    public var salesReference: Double
    /// Best first, each with its score breakdown.
    public var ranked: [RankedCreator]
}

/// The campaigns that fit a creator best, among those it may join.
public struct CreatorMatchesResult: Sendable {
    public var creator: Creator
    public var at: Date
    public var profile: ScoringProfile
    public var ranked: [RankedCampaign]
}

/// Why a creator does or does not fit a campaign: every rule and the full score.
public struct WhyResult: Sendable {
    public var creator: Creator
    public var campaign: Campaign
    public var at: Date
    public var profile: ScoringProfile
    public var report: EligibilityReport
    public var breakdown: ScoreBreakdown
}

extension StarMatchUseCases {
    /// Every rule that applies to a creator: for the marketplace, a sample match with `shop`, or `campaign`.
    /// Managers only.
    public func eligibility(creator id: CreatorID, shop: ShopID? = nil, campaign: CampaignID? = nil, at instant: Date,
                            caller: Principal) throws -> (creator: Creator, report: EligibilityReport) {
        try caller.requireManager()
        if shop != nil && campaign != nil { throw DomainError.invalid("give shop or campaign, not both", .parameter("campaign")) }
        let creator = try creator(id)
        let (report, _) = try store.eligibility(of: creator, shop: shop, campaign: campaign, at: instant)
        return (creator, report)
    }

    /// The top eligible creators for a campaign the caller may see (its brand, or a manager).
    public func shortlist(campaign id: CampaignID, limit: Int, filter: ShortlistFilter = ShortlistFilter(), profile: ScoringProfile,
                          at instant: Date, caller: Principal, progress: ((String, Double) -> Void)? = nil) throws -> ShortlistResult {
        let (campaign, shop) = try visibleCampaign(id, caller: caller)
        if let (ranked, reference) = try store.shortlistFromState(campaign, shop: shop, at: instant, profile: profile, limit: limit,
                                                                   filter: filter, explain: true) {
            return ShortlistResult(campaign: campaign, shop: shop, at: instant, profile: profile, salesReference: reference, ranked: ranked)
        }
        let population = try population(at: instant, profile: profile, progress: progress)
        let ranked = population.shortlist(campaign, shop: shop, limit: limit, filter: filter, explain: true)
        return ShortlistResult(campaign: campaign, shop: shop, at: instant, profile: profile,
            salesReference: population.scorer.salesReference, ranked: ranked)
    }

    /// A creator's best campaigns, among those it is eligible for. Managers only.
    public func matches(creator id: CreatorID, limit: Int, profile: ScoringProfile, at instant: Date, caller: Principal,
                        progress: ((String, Double) -> Void)? = nil) throws -> CreatorMatchesResult {
        try caller.requireManager()
        let creator = try creator(id)
        if let (_, standing, inputs, scorer) = try store.scoringFromState(creator: creator.id, at: instant, profile: profile) {
            let ranked = ScoringPopulation.rankCampaigns(creator: creator, standing: standing, inputs: inputs, scorer: scorer, policy: Policy(config: config),
                                                         at: instant, campaigns: try store.campaignsWithShops(openAt: instant), limit: limit, explain: true)
            return CreatorMatchesResult(creator: creator, at: instant, profile: profile, ranked: ranked)
        }
        let population = try population(at: instant, profile: profile, progress: progress)
        guard let index = population.index(of: creator.id) else { throw DomainError.notFound("unknown creator '\(id)'") }
        let ranked = population.matches(creator: index, campaigns: try store.campaignsWithShops(openAt: instant), limit: limit, explain: true)
        return CreatorMatchesResult(creator: creator, at: instant, profile: profile, ranked: ranked)
    }

    /// Every rule (passed or refused) and the full score breakdown of a creator for a campaign. Managers only.
    public func why(creator creatorID: CreatorID, campaign campaignID: CampaignID, profile: ScoringProfile, at instant: Date,
                    caller: Principal, progress: ((String, Double) -> Void)? = nil) throws -> WhyResult {
        try caller.requireManager()
        let creator = try creator(creatorID)
        let (campaign, _) = try visibleCampaign(campaignID, caller: caller)
        let (report, _) = try store.eligibility(of: creator, campaign: campaign.id, at: instant)
        if let (_, _, inputs, scorer) = try store.scoringFromState(creator: creator.id, at: instant, profile: profile) {
            let breakdown = scorer.explain(inputs, CampaignTarget(campaign.categories, table: scorer.table))
            return WhyResult(creator: creator, campaign: campaign, at: instant, profile: profile, report: report, breakdown: breakdown)
        }
        let population = try population(at: instant, profile: profile, progress: progress)
        guard let index = population.index(of: creator.id) else { throw DomainError.notFound("unknown creator '\(creatorID)'") }
        let breakdown = population.scorer.explain(population.inputs[index], CampaignTarget(campaign.categories, table: population.scorer.table))
        return WhyResult(creator: creator, campaign: campaign, at: instant, profile: profile, report: report, breakdown: breakdown)
    }
}
