import Foundation
@testable import StarMatchCore
import Testing

// Tests of shortlists and matches (M-SCORE, M-ELIGIBLE): a hand-argued ranking, every ineligible case kept
// off the list even when it would score highest, filters, and the pruned search against brute force on
// seeded random populations. Scoring fixtures (taxonomy, table, inputs, Dice) are in ScoringTests.swift.

// MARK: - Population fixtures

/// One creator of a test population: the row, the facts its standing is derived from, and its sales.
struct Member: Sendable {
    var creator: Creator
    var facts = CreatorFacts()
    /// Sales at face value in USD (see `faceValueSales`), on top of any in `facts.sales`.
    var faceValue: [(CategoryPath, Double)] = []
    var shipped = 0
    var fulfilled = 0
    /// Replaces the derived CHR (the facts can only lower it from 200; random populations need 0–1,000).
    var chr: Int? = nil
}

/// A population at `instant`: standings from `Policy.standing(of:facts:at:)`, inputs from the creators and
/// their validated sales, and the profile's percentile reference unless one is given.
func makePopulation(_ members: [Member], at instant: Date = now, profile: ScoringProfile = ScoringProfile(), policy: Policy = defaultPolicy, reference: Double? = nil) -> ScoringPopulation {
    var standings: [CreatorStanding] = []
    var inputs: [ScoringInputs] = []
    for m in members {
        var standing = policy.standing(of: m.creator, facts: m.facts, at: instant)
        if let chr = m.chr { standing.health.chr = chr }
        var accumulator = SalesAccumulator(at: instant, returnWindowDays: policy.config.returnWindowDays, profile: profile)
        for sale in m.facts.sales { accumulator.add(sale, table: scoringTable) }
        standings.append(standing)
        inputs.append(ScoringInputs(
            niches: m.creator.niches.compactMap(scoringTable.id), chr: standing.chr, followers: m.creator.followers,
            sales: accumulator.result + faceValueSales(m.faceValue, profile: profile),
            samplesShipped: m.shipped, samplesFulfilled: m.fulfilled))
    }
    let ref = reference ?? Scorer.salesReference(totals: inputs.map(\.totalSalesValue), percentile: profile.salesReferencePercentile)
    let scorer = Scorer(profile: profile, table: scoringTable, policy: policy.config, salesReference: ref)
    return ScoringPopulation(instant: instant, policy: policy, scorer: scorer, creators: members.map(\.creator), standings: standings, inputs: inputs)
}

func scoringCampaign(
    id: CampaignID = "k1", shop: ShopID = "sh1", kind: Campaign.Kind = .sample, categories: [CategoryPath] = ["beauty/skincare"],
    startsAt: Date = at("2026-01-01T00:00:00Z"), endsAt: Date = at("2027-01-01T00:00:00Z"), minFollowers: Int? = nil, regions: [String] = []
) -> Campaign {
    var c = makeCampaign(id: id, shop: shop, kind: kind, startsAt: startsAt, endsAt: endsAt, minFollowers: minFollowers, regions: regions)
    c.categories = categories
    return c
}

/// The reference ranking: every creator eligible for the campaign, by `explain(...).total` descending, then
/// creator id ascending.
func bruteForceRanking(_ population: ScoringPopulation, _ campaign: Campaign, shop: Shop, filter: ShortlistFilter = ShortlistFilter()) -> [(id: CreatorID, score: Double)] {
    let target = CampaignTarget(campaign.categories, table: population.scorer.table)
    var ranked: [(id: CreatorID, score: Double)] = []
    for (i, c) in population.creators.enumerated() {
        if let region = filter.region, c.region != region { continue }
        if let minimum = filter.minFollowers, c.followers < minimum { continue }
        guard population.policy.isEligible(c, standing: population.standings[i], for: campaign, shop: shop, at: population.instant) else { continue }
        let breakdown = population.scorer.explain(population.inputs[i], target)
        guard population.scorer.profile.admitsNiche(breakdown.components.first { $0.name == "niche" }!.value) else { continue }  // M-NICHE
        ranked.append((c.id, breakdown.total))
    }
    ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
    return ranked
}

// MARK: - Ranking

@Suite("M-SCORE: shortlist ranking")
struct ShortlistRankingTests {
    /// Everyone has the fixture's 10,000 followers, CHR 200 (no violations) and no samples, so the
    /// campaign-independent part F (health 50/850 × 0.15 + audience log(10,001)/log(10,000,001) × 0.10 +
    /// fulfilment prior 0.5 × 0.10 ≈ 0.1160) is the same for all but the celebrity; only niche fit
    /// (weight 0.35) and sales (0.30, log scale, $10,000 scores 1) separate them. The campaign is
    /// beauty/skincare.
    static let members: [Member] = [
        // Exact niche, $2,500 of sales but all outside the campaign's categories: weighted × 0.25 = $625 →
        // log(626)/log(10,001) ≈ 0.699 → 0.35 + 0.2097 + F ≈ 0.676. Second: even discounted, $625 of proven
        // sales is worth more on the log scale than the twins' $100 in skincare (≈ 0.501).
        Member(creator: makeCreator(id: "skin-other", niches: ["beauty/skincare"]), faceValue: [("home/kitchen", 2_500)]),
        // Exact niche and $10,000 in skincare: niche 1 and sales 1 — the best possible: 0.65 + F ≈ 0.766.
        Member(creator: makeCreator(id: "skin-strong", niches: ["beauty/skincare"]), faceValue: [("beauty/skincare", 10_000)]),
        // Identical twins, listed "b" first: exact niche, $100 in skincare: 0.35 + 0.30 × 0.501 + F ≈ 0.616.
        // Equal scores, so "a" ranks before "b".
        Member(creator: makeCreator(id: "b", niches: ["beauty/skincare"]), faceValue: [("beauty/skincare", 100)]),
        Member(creator: makeCreator(id: "a", niches: ["beauty/skincare"]), faceValue: [("beauty/skincare", 100)]),
        // Sibling niche (makeup vs skincare: 0.5) but $1,000,000 of makeup sales: weighted × 0.25 = $250,000,
        // still above the reference, so sales 1 (capped): 0.5 × 0.35 + 0.30 + F = 0.475 + F ≈ 0.591. The capped
        // sales (0.30) outweigh the niche gap to an exact fit (0.35 × 0.5 = 0.175): it beats the unproven exact fit.
        Member(creator: makeCreator(id: "makeup-giant", niches: ["beauty/makeup"]), faceValue: [("beauty/makeup", 1_000_000)]),
        // Exact niche, no sales: 0.35 + F ≈ 0.466.
        Member(creator: makeCreator(id: "skin-nosales", niches: ["beauty/skincare"])),
        // Broader niche "beauty" (0.75), no sales: 0.2625 + F ≈ 0.378.
        Member(creator: makeCreator(id: "beauty-broad", niches: ["beauty"])),
        // Unrelated niche, $10,000 of kitchen sales: weighted $2,500 → log(2,501)/log(10,001) ≈ 0.8495 → 0.2549 + F
        // ≈ 0.371: good sales cannot make up for no niche fit; just behind the broad beauty creator.
        Member(creator: makeCreator(id: "kitchen-strong", niches: ["home/kitchen"]), faceValue: [("home/kitchen", 10_000)]),
        // Unrelated niche, no sales, 10,000,000 followers: audience 1 instead of 0.571 buys only +0.043:
        // 0.15 × 50/850 + 0.10 + 0.05 ≈ 0.159. Last.
        Member(creator: makeCreator(id: "celebrity", followers: 10_000_000, niches: ["fashion/shoes"])),
    ]

    static let expectedOrder: [CreatorID] = [
        "skin-strong", "skin-other", "a", "b", "makeup-giant", "skin-nosales", "beauty-broad", "kitchen-strong", "celebrity",
    ]

    /// The argued order includes the creators with niche fit 0: a profile that admits them (M-NICHE).
    let population = makePopulation(Self.members, profile: ScoringProfile(minimumNiche: 0), reference: 10_000)
    let campaign = scoringCampaign(categories: ["beauty/skincare"])

    /// The score by hand: weight shares times the component values argued above.
    func handScore(niche: Double, sales: Double, followers: Int = 10_000) -> Double {
        let w = ScoringProfile().weights
        let health = 0.5  // H-SCORE: CHR 200 (good standing) scores 0.5
        let audience = log10(1 + Double(followers)) / log10(1 + 10_000_000.0)
        return (w.niche * niche + w.sales * sales + w.health * health + w.audience * audience + w.fulfilment * 0.5) / w.sum
    }

    @Test("M-SCORE: the argued order — exact+sales > exact+other-category sales > exact+little > sibling+huge > exact alone > broader > unrelated+sales > celebrity")
    func handMadeOrder() {
        let list = population.shortlist(campaign, shop: makeShop(), limit: 20)
        #expect(list.map(\.creator.id) == Self.expectedOrder)
    }

    @Test("M-NICHE: by default, creators whose niches share nothing with the campaign (fit 0) are neither shortlisted nor matched; minimumNiche moves the line, inclusive")
    func nicheFloor() throws {
        let strict = makePopulation(Self.members, reference: 10_000)
        #expect(strict.shortlist(campaign, shop: makeShop(), limit: 20).map(\.creator.id) == Array(Self.expectedOrder.prefix(7)))
        // At 0.75 the broader niche (0.75) stays and the sibling (0.5) goes; just above 0.75 the broader one goes too.
        let broad = makePopulation(Self.members, profile: ScoringProfile(minimumNiche: 0.75), reference: 10_000)
        #expect(broad.shortlist(campaign, shop: makeShop(), limit: 20).map(\.creator.id) == ["skin-strong", "skin-other", "a", "b", "skin-nosales", "beauty-broad"])
        let exact = makePopulation(Self.members, profile: ScoringProfile(minimumNiche: 0.75.nextUp), reference: 10_000)
        #expect(exact.shortlist(campaign, shop: makeShop(), limit: 20).map(\.creator.id) == ["skin-strong", "skin-other", "a", "b", "skin-nosales"])
        // A creator's matches leave out the unrelated campaign.
        let index = try #require(strict.index(of: "makeup-giant"))
        let campaigns: [(Campaign, Shop)] = [(scoringCampaign(id: "k-home", categories: ["home"]), makeShop()),
                                             (scoringCampaign(id: "k-skin", categories: ["beauty/skincare"]), makeShop())]
        #expect(strict.matches(creator: index, campaigns: campaigns, limit: 10).map(\.campaign.id) == ["k-skin"])
        #expect(population.matches(creator: index, campaigns: campaigns, limit: 10).map(\.campaign.id) == ["k-skin", "k-home"])
    }

    @Test("M-NICHE: a profile's minimumNiche outside 0–1 is refused, naming the key")
    func nicheFloorValidated() {
        for bad in [-0.01, 1.01, Double.nan] {
            #expect(throws: ConfigError.self) { try ScoringProfile(minimumNiche: bad).validate() }
        }
        #expect(throws: Never.self) { try ScoringProfile(minimumNiche: 0).validate() }
    }

    @Test("M-SCORE: the ranked scores are the argued numbers")
    func handMadeScores() throws {
        let list = population.shortlist(campaign, shop: makeShop(), limit: 20)
        let score = Dictionary(uniqueKeysWithValues: list.map { ($0.creator.id, $0.score) })
        let ref = log1p(10_000.0)
        let expected: [CreatorID: Double] = [
            "skin-strong": handScore(niche: 1, sales: 1),
            "skin-other": handScore(niche: 1, sales: log1p(625) / ref),
            "a": handScore(niche: 1, sales: log1p(100) / ref),
            "b": handScore(niche: 1, sales: log1p(100) / ref),
            "makeup-giant": handScore(niche: 0.5, sales: 1),
            "skin-nosales": handScore(niche: 1, sales: 0),
            "beauty-broad": handScore(niche: 0.75, sales: 0),
            "kitchen-strong": handScore(niche: 0, sales: log1p(2_500) / ref),
            "celebrity": handScore(niche: 0, sales: 0, followers: 10_000_000),
        ]
        for (id, want) in expected {
            let got = try #require(score[id], "\(id) missing")
            #expect(abs(got - want) < 1e-12, "\(id): \(got) vs \(want)")
        }
        #expect(abs(try #require(score["skin-strong"]) - 0.83215) < 1e-4)
        #expect(abs(try #require(score["makeup-giant"]) - 0.65715) < 1e-4)
    }

    @Test("M-SCORE: equal scores are ordered by creator id — \"a\" before \"b\", whatever the population order")
    func tiesByID() {
        let list = population.shortlist(campaign, shop: makeShop(), limit: 20)
        let a = list.first { $0.creator.id == "a" }
        let b = list.first { $0.creator.id == "b" }
        #expect(a != nil && b != nil && a?.score == b?.score)
        // Only the twins: limit 1 keeps "a", though "b" comes first in the population.
        let twins = makePopulation(Array(Self.members[2...3]), reference: 10_000)
        #expect(twins.creators.map(\.id) == ["b", "a"])
        #expect(twins.shortlist(campaign, shop: makeShop(), limit: 1).map(\.creator.id) == ["a"])
        #expect(twins.shortlist(campaign, shop: makeShop(), limit: 2).map(\.creator.id) == ["a", "b"])
    }

    @Test("M-SCORE: a limit keeps the top of the same order")
    func limits() {
        for limit in 0...Self.expectedOrder.count + 2 {
            let list = population.shortlist(campaign, shop: makeShop(), limit: limit)
            #expect(list.map(\.creator.id) == Array(Self.expectedOrder.prefix(limit)), "limit \(limit)")
        }
    }

    @Test("M-SCORE: with explain, each entry's breakdown total is its score; without, no breakdown")
    func explained() throws {
        let list = population.shortlist(campaign, shop: makeShop(), limit: 20, explain: true)
        for entry in list {
            let breakdown = try #require(entry.breakdown)
            #expect(breakdown.total == entry.score)
            #expect(breakdown.components.map(\.name) == ["niche", "sales", "health", "audience", "fulfilment"])
        }
        #expect(list.first?.breakdown?.components.first?.input == "niche beauty/skincare within beauty/skincare")
        #expect(population.shortlist(campaign, shop: makeShop(), limit: 20).allSatisfy { $0.breakdown == nil })
    }

    @Test("M-SCORE: matches rank a creator's campaigns by score, ties by campaign id")
    func matchesOrder() throws {
        let index = try #require(population.index(of: "makeup-giant"))
        let shop = makeShop()
        let campaigns: [(Campaign, Shop)] = [
            (scoringCampaign(id: "k-skin", categories: ["beauty/skincare"]), shop),   // sibling 0.5, sales × 0.25 (capped 1)
            (scoringCampaign(id: "k-makeup", categories: ["beauty/makeup"]), shop),   // exact, sales in category
            (scoringCampaign(id: "k-home", categories: ["home"]), shop),              // unrelated
            (scoringCampaign(id: "k-beauty", categories: ["beauty"]), shop),          // exact (makeup within beauty)
            (scoringCampaign(id: "k-closed", categories: ["beauty/makeup"], endsAt: at("2026-06-01T00:00:00Z")), shop),  // K-OPEN
        ]
        let matches = population.matches(creator: index, campaigns: campaigns, limit: 10)
        // k-beauty and k-makeup tie (niche 1, sales 1): by id, k-beauty first.
        #expect(matches.map(\.campaign.id) == ["k-beauty", "k-makeup", "k-skin", "k-home"])
        #expect(matches[0].score == matches[1].score)
        #expect(population.matches(creator: index, campaigns: campaigns, limit: 1).map(\.campaign.id) == ["k-beauty"])
        #expect(population.matches(creator: index, campaigns: campaigns, limit: 0).isEmpty)
        #expect(population.index(of: "nobody") == nil)
    }
}

// MARK: - M-ELIGIBLE

/// A creator who would top the list — exact niche, $1,000,000 of skincare sales — but for one flaw.
struct EligibilityCase: Sendable, CustomTestStringConvertible {
    var rule: RuleID
    var label: String
    var creator: Creator
    var facts = CreatorFacts()
    var campaign = scoringCampaign()
    var shop = makeShop()
    /// Whether the baseline creator is eligible for the campaign (not when the campaign is closed).
    var baselineEligible = true

    var testDescription: String { "\(rule.rawValue): \(label)" }
}

/// An eligible creator that scores far below the star: unrelated niche, no sales. GB with 5,000,000
/// followers so the campaign terms of the K- cases do not exclude it.
/// A low scorer every campaign admits (M-NICHE: a niche beside the campaigns' beauty/skincare, shared parent).
let baselineMember = Member(creator: makeCreator(id: "base", followers: 5_000_000, region: "GB", niches: ["beauty/makeup"]))

func star(
    kind: Creator.Kind = .affiliate, followers: Int = 1_000_000, region: String = "US",
    birthDate: CalendarDay = CalendarDay(year: 1995, month: 5, day: 5)!, registeredAt: Date = at("2026-01-10T00:00:00Z"),
    ageConfirmedAt: Date? = at("2026-01-20T00:00:00Z"), identityVerified: Bool = true, gpppa: Bool = false,
    ecommerceRevoked: Bool = false, linkedToSeriousViolator: Bool = false, policiesAccepted: Bool = true,
    boundShop: ShopID? = nil, pilotStartedAt: Date? = nil
) -> Creator {
    makeCreator(id: "star", kind: kind, followers: followers, region: region, birthDate: birthDate, registeredAt: registeredAt,
                ageConfirmedAt: ageConfirmedAt, identityVerified: identityVerified, gpppa: gpppa, ecommerceRevoked: ecommerceRevoked,
                linkedToSeriousViolator: linkedToSeriousViolator, policiesAccepted: policiesAccepted, boundShop: boundShop,
                niches: ["beauty/skincare"], pilotStartedAt: pilotStartedAt)
}

/// A pilot creator five days into the 30-day pilot (P-ENTER): 2,000 followers.
func pilotStar() -> Creator { star(followers: 2_000, pilotStartedAt: now.addingTimeInterval(-5 * dayLength)) }

/// Both pilot quotas used in the quota week of `now` (Monday 2026-06-15 00:00 PDT = 07:00 UTC onwards).
let quotaUsedUp = CreatorFacts(contentEvents:
    publications(5, .video, from: at("2026-06-15T07:30:00Z"), prefix: "v") + publications(3, .live, from: at("2026-06-15T07:45:00Z"), prefix: "l"))

let ineligibleCases: [EligibilityCase] = [
    EligibilityCase(rule: .eStandard, label: "a standard creator", creator: star(kind: .standard)),
    EligibilityCase(rule: .hFloor, label: "CHR exactly 150", creator: star(), facts: CreatorFacts(violations: [violation(50, at: at("2026-05-01T00:00:00Z"))])),
    EligibilityCase(rule: .pCampaigns, label: "a pilot creator for a discount campaign", creator: pilotStar(), campaign: scoringCampaign(kind: .discount)),
    EligibilityCase(rule: .pShops, label: "a pilot creator for a sample campaign of a shop scoring 94.9", creator: pilotStar(), shop: makeShop(score: 94.9)),
    EligibilityCase(rule: .pQuota, label: "a pilot creator with 5 videos and 3 LIVEs this week, for a sample campaign", creator: pilotStar(), facts: quotaUsedUp),
    EligibilityCase(rule: .eFollowers, label: "an officialShop creator with 0 followers, for another shop's campaign",
                    creator: star(kind: .officialShop, followers: 0, boundShop: "sh1"), campaign: scoringCampaign(shop: "sh2"), shop: makeShop(id: "sh2")),
    EligibilityCase(rule: .eFollowers, label: "a marketing creator with 0 followers, for another shop's campaign",
                    creator: star(kind: .marketing, followers: 0, boundShop: "sh1"), campaign: scoringCampaign(shop: "sh2"), shop: makeShop(id: "sh2")),
    EligibilityCase(rule: .eBind, label: "an officialShop creator bound to no shop", creator: star(kind: .officialShop)),
    EligibilityCase(rule: .eFollowers, label: "an affiliate with 999 followers", creator: star(followers: 999)),
    EligibilityCase(rule: .eAge, label: "a 16-year-old", creator: star(birthDate: CalendarDay(year: 2010, month: 1, day: 1)!)),
    EligibilityCase(rule: .eAge, label: "age unconfirmed more than 2 months after registration",
                    creator: star(registeredAt: at("2026-03-01T00:00:00Z"), ageConfirmedAt: nil)),
    EligibilityCase(rule: .eRegion, label: "region DE, outside the program", creator: star(region: "DE")),
    EligibilityCase(rule: .eGPPPA, label: "a political account", creator: star(gpppa: true)),
    EligibilityCase(rule: .eRevoked, label: "e-commerce permission revoked", creator: star(ecommerceRevoked: true)),
    EligibilityCase(rule: .eRevoked, label: "linked to a serious violator", creator: star(linkedToSeriousViolator: true)),
    EligibilityCase(rule: .ePolicy, label: "policies not accepted", creator: star(policiesAccepted: false)),
    EligibilityCase(rule: .eIdentity, label: "identity not verified", creator: star(identityVerified: false)),
    EligibilityCase(rule: .eIDDoc, label: "the 6th account on its identity document", creator: star(), facts: CreatorFacts(earlierAccountsOnDocument: 5)),
    EligibilityCase(rule: .kOpen, label: "a campaign that ended", creator: star(),
                    campaign: scoringCampaign(startsAt: at("2026-01-01T00:00:00Z"), endsAt: at("2026-06-01T00:00:00Z")), baselineEligible: false),
    EligibilityCase(rule: .kOpen, label: "a campaign that has not started", creator: star(),
                    campaign: scoringCampaign(startsAt: at("2026-07-01T00:00:00Z"), endsAt: at("2026-08-01T00:00:00Z")), baselineEligible: false),
    EligibilityCase(rule: .kFollowers, label: "1,000,000 followers for a campaign asking 2,000,000", creator: star(), campaign: scoringCampaign(minFollowers: 2_000_000)),
    EligibilityCase(rule: .kRegion, label: "a US creator for a GB-only campaign", creator: star(), campaign: scoringCampaign(regions: ["GB"])),
]

let eligibleCases: [EligibilityCase] = [
    EligibilityCase(rule: .mEligible, label: "the star itself", creator: star()),
    EligibilityCase(rule: .pShops, label: "a pilot creator for a sample campaign of a shop scoring exactly 95", creator: pilotStar(), shop: makeShop(score: 95)),
    EligibilityCase(rule: .pShops, label: "a pilot creator for a sample campaign of a shop scoring 99", creator: pilotStar(), shop: makeShop(score: 99)),
    EligibilityCase(rule: .pQuota, label: "a pilot creator with 5 videos but 2 LIVEs this week",
                    creator: pilotStar(), facts: CreatorFacts(contentEvents: Array(quotaUsedUp.contentEvents.dropLast()))),
    EligibilityCase(rule: .eFollowers, label: "an officialShop creator with 0 followers, for its bound shop's campaign",
                    creator: star(kind: .officialShop, followers: 0, boundShop: "sh1")),
    EligibilityCase(rule: .eFollowers, label: "a marketing creator with 0 followers, for its bound shop's campaign",
                    creator: star(kind: .marketing, followers: 0, boundShop: "sh1")),
    EligibilityCase(rule: .eFollowers, label: "an affiliate with exactly 1,000 followers", creator: star(followers: 1_000)),
    EligibilityCase(rule: .hFloor, label: "CHR 151", creator: star(), facts: CreatorFacts(violations: [violation(49, at: at("2026-05-01T00:00:00Z"))])),
    EligibilityCase(rule: .eIDDoc, label: "the 5th account on its identity document", creator: star(), facts: CreatorFacts(earlierAccountsOnDocument: 4)),
    EligibilityCase(rule: .eAge, label: "age unconfirmed, registered less than 2 months ago",
                    creator: star(registeredAt: at("2026-05-01T00:00:00Z"), ageConfirmedAt: nil)),
    EligibilityCase(rule: .kFollowers, label: "exactly the campaign's minimum followers", creator: star(), campaign: scoringCampaign(minFollowers: 1_000_000)),
    EligibilityCase(rule: .kRegion, label: "a GB creator for a GB-only campaign", creator: star(region: "GB"), campaign: scoringCampaign(regions: ["GB"])),
]

@Suite("M-ELIGIBLE: ineligible creators never reach a shortlist")
struct ShortlistEligibilityTests {
    func setUp(_ c: EligibilityCase) -> (population: ScoringPopulation, star: Int, report: EligibilityReport) {
        let starMember = Member(creator: c.creator, facts: c.facts, faceValue: [("beauty/skincare", 1_000_000)])
        let population = makePopulation([baselineMember, starMember], reference: 10_000)
        let report = defaultPolicy.eligibility(c.creator, standing: population.standings[1], for: c.campaign, shop: c.shop, at: now)
        return (population, 1, report)
    }

    @Test("M-ELIGIBLE: absent from the shortlist and from matches although it would score highest", arguments: ineligibleCases)
    func absent(_ c: EligibilityCase) {
        let (population, star, report) = setUp(c)
        // The case is refused for exactly the rule it is about, and nothing else.
        #expect(report.refusedRules == [c.rule], "refusals: \(report.refusals.map(\.message))")
        // It would top the list on score alone.
        let target = CampaignTarget(c.campaign.categories, table: scoringTable)
        #expect(population.scorer.score(population.inputs[star], target) > population.scorer.score(population.inputs[0], target) + 0.3)
        let expected: [CreatorID] = c.baselineEligible ? ["base"] : []
        for limit in [1, 2, 10] {
            #expect(population.shortlist(c.campaign, shop: c.shop, limit: limit).map(\.creator.id) == expected, "limit \(limit)")
        }
        #expect(population.matches(creator: star, campaigns: [(c.campaign, c.shop)], limit: 5).isEmpty)
    }

    @Test("M-ELIGIBLE: present, and first, when every rule passes", arguments: eligibleCases)
    func present(_ c: EligibilityCase) {
        let (population, star, report) = setUp(c)
        #expect(report.refusals.isEmpty, "refusals: \(report.refusals.map(\.message))")
        if c.rule != .mEligible {
            #expect(report.checks.contains { $0.rule == c.rule && $0.outcome == .pass }, "\(c.rule.rawValue) was not checked")
        }
        #expect(population.shortlist(c.campaign, shop: c.shop, limit: 1).map(\.creator.id) == ["star"])
        #expect(population.shortlist(c.campaign, shop: c.shop, limit: 10).map(\.creator.id) == ["star", "base"])
        #expect(population.matches(creator: star, campaigns: [(c.campaign, c.shop)], limit: 5).map(\.campaign.id) == [c.campaign.id])
    }

    @Test("P-SHOPS: the same pilot creator is on a sample shortlist of a shop scoring 95 but not of one scoring 94.9")
    func pilotShopThreshold() {
        let population = makePopulation([baselineMember, Member(creator: pilotStar(), faceValue: [("beauty/skincare", 1_000_000)])], reference: 10_000)
        #expect(population.standings[1].pilot.limitsApply)
        let campaign = scoringCampaign(kind: .sample)
        #expect(population.shortlist(campaign, shop: makeShop(score: 95), limit: 5).map(\.creator.id) == ["star", "base"])
        #expect(population.shortlist(campaign, shop: makeShop(score: 94.9), limit: 5).map(\.creator.id) == ["base"])
        #expect(population.shortlist(scoringCampaign(kind: .discount), shop: makeShop(score: 99), limit: 5).map(\.creator.id) == ["base"])
    }

    @Test("E-FOLLOWERS: an officialShop creator with 0 followers is shortlisted for its bound shop's campaign, not another shop's")
    func boundCreatorShops() {
        let bound = Member(creator: star(kind: .officialShop, followers: 0, boundShop: "sh1"), faceValue: [("beauty/skincare", 1_000_000)])
        let population = makePopulation([baselineMember, bound], reference: 10_000)
        #expect(population.shortlist(scoringCampaign(shop: "sh1"), shop: makeShop(id: "sh1"), limit: 5).map(\.creator.id) == ["star", "base"])
        #expect(population.shortlist(scoringCampaign(id: "k2", shop: "sh2"), shop: makeShop(id: "sh2"), limit: 5).map(\.creator.id) == ["base"])
    }

    @Test("M-ELIGIBLE: a population of only ineligible stars gives an empty shortlist")
    func onlyIneligible() {
        var members: [Member] = []
        for (n, c) in ineligibleCases.enumerated() where c.campaign == scoringCampaign() && c.shop == makeShop() {
            var creator = c.creator
            creator.id = CreatorID("star\(n)")
            members.append(Member(creator: creator, facts: c.facts, faceValue: [("beauty/skincare", 1_000_000)]))
        }
        #expect(members.count >= 12)
        let population = makePopulation(members, reference: 10_000)
        for limit in [1, 5, 100] {
            #expect(population.shortlist(scoringCampaign(), shop: makeShop(), limit: limit).isEmpty)
        }
    }
}

// MARK: - Filters

@Suite("M-SCORE: shortlist filters")
struct ShortlistFilterTests {
    // Scores fall with the number in the id (sales fall); regions and followers vary.
    static let members: [Member] = [
        Member(creator: makeCreator(id: "us-top", followers: 50_000, region: "US"), faceValue: [("beauty/skincare", 50_000)]),
        Member(creator: makeCreator(id: "gb-2", followers: 2_000, region: "GB"), faceValue: [("beauty/skincare", 8_000)]),
        Member(creator: makeCreator(id: "us-3", followers: 4_000, region: "US"), faceValue: [("beauty/skincare", 3_000)]),
        Member(creator: makeCreator(id: "gb-4", followers: 60_000, region: "GB"), faceValue: [("beauty/skincare", 200)]),
        Member(creator: makeCreator(id: "us-5", followers: 5_000, region: "US")),
    ]
    let population = makePopulation(Self.members, reference: 10_000)

    @Test("M-SCORE: ShortlistFilter region and minFollowers are honoured, in score order", arguments: [
        (nil, nil, ["us-top", "gb-2", "us-3", "gb-4", "us-5"]),
        ("GB", nil, ["gb-2", "gb-4"]),
        ("US", nil, ["us-top", "us-3", "us-5"]),
        (nil, 5_000, ["us-top", "gb-4", "us-5"]),
        ("GB", 5_000, ["gb-4"]),
        ("US", 4_000, ["us-top", "us-3", "us-5"]),
        ("DE", nil, []),
        (nil, 1_000_000, []),
    ] as [(String?, Int?, [CreatorID])])
    func filter(region: String?, minFollowers: Int?, expected: [CreatorID]) {
        let f = ShortlistFilter(region: region, minFollowers: minFollowers)
        #expect(population.shortlist(scoringCampaign(), shop: makeShop(), limit: 10, filter: f).map(\.creator.id) == expected)
        // With limit 1 the best creator that passes the filter, not the overall best.
        #expect(population.shortlist(scoringCampaign(), shop: makeShop(), limit: 1, filter: f).map(\.creator.id) == Array(expected.prefix(1)))
    }
}

// MARK: - Pruned search equals brute force

/// A seeded random population with random campaigns.
struct RandomWorld {
    let population: ScoringPopulation
    let campaigns: [(Campaign, Shop)]

    static let shops = [makeShop(id: "sh1", score: 99), makeShop(id: "sh2", score: 94.9), makeShop(id: "sh3", score: 95), makeShop(id: "sh4", score: 97)]

    init(seed: UInt64, profile: ScoringProfile) {
        var dice = Dice(seed: seed)
        let count = dice.int(300...500)
        var ids = (0..<count).map { String(format: "c%04d", $0) }
        ids.shuffle(using: &dice.rng)
        let followerChoices = [0, 500, 999, 1_000, 1_500, 4_999, 5_000, 10_000, 10_000, 50_000, 250_000, 1_000_000, 9_000_000]
        var members: [Member] = []
        for n in 0..<count {
            if n % 17 == 16, var twin = members.last {
                // An exact copy under another id: equal scores, ordered by id.
                twin.creator.id = CreatorID(ids[n])
                members.append(twin)
                continue
            }
            let r = dice.rng.unit()
            let kind: Creator.Kind = r < 0.80 ? .affiliate : r < 0.86 ? .officialShop : r < 0.92 ? .marketing : .standard
            let followers = dice.chance(0.5) ? dice.pick(followerChoices) : dice.int(0...2_000_000)
            let region = dice.chance(0.75) ? "US" : dice.chance(0.8) ? "GB" : "DE"
            let late = dice.chance(0.04)
            let pilot = kind == .affiliate && dice.chance(0.2)
            let nicheCount = dice.chance(0.05) ? 0 : dice.int(1...3)
            let niches = Array(Set((0..<nicheCount).map { _ in dice.pick(scoringPaths) })).sorted()
            let creator = makeCreator(
                id: CreatorID(ids[n]), kind: kind, followers: followers, region: region,
                birthDate: dice.chance(0.04) ? CalendarDay(year: 2010, month: 1, day: 1)! : CalendarDay(year: 1990 + dice.int(0...15), month: 3, day: 3)!,
                registeredAt: late ? at("2026-03-01T00:00:00Z") : at("2026-01-10T00:00:00Z"),
                ageConfirmedAt: late ? nil : at("2026-01-20T00:00:00Z"),
                identityVerified: !dice.chance(0.03), gpppa: dice.chance(0.02), ecommerceRevoked: dice.chance(0.02),
                linkedToSeriousViolator: dice.chance(0.02), policiesAccepted: !dice.chance(0.02),
                boundShop: kind.isShopBound && !dice.chance(0.05) ? dice.pick(Self.shops).id : nil,
                niches: niches,
                pilotStartedAt: pilot ? now.addingTimeInterval(-Double(dice.int(0...60)) * dayLength) : nil,
                quizPassedAt: pilot && dice.chance(0.2) ? now.addingTimeInterval(-dayLength) : nil)
            var facts = CreatorFacts()
            if pilot && dice.chance(0.3) { facts.contentEvents = quotaUsedUp.contentEvents }
            if dice.chance(0.1) { facts.earlierAccountsOnDocument = dice.int(0...6) }
            if dice.chance(0.7) {
                for k in 0..<dice.int(1...4) {
                    let orders = dice.int(1...50)
                    facts.sales.append(Sale(
                        id: SaleID("\(ids[n])-\(k)"), creator: creator.id, shop: "sh1",
                        category: dice.chance(0.05) ? "toys" : dice.pick(scoringPaths),
                        orderedAt: now.addingTimeInterval(-Double(dice.int(0...400 * 86_400))),
                        orders: orders, returnedOrders: dice.chance(0.7) ? 0 : dice.int(0...orders),
                        gmvMinor: Int64(dice.int(100...5_000_000)), currency: dice.pick(["USD", "USD", "GBP", "EUR", "JPY"])))
                }
            }
            let shipped = dice.int(0...10)
            let chr = dice.chance(0.1) ? dice.pick([150, 151]) : dice.int(100...1_000)
            members.append(Member(creator: creator, facts: facts, shipped: shipped, fulfilled: dice.int(0...shipped), chr: chr))
        }
        population = makePopulation(members, profile: profile)

        var campaigns: [(Campaign, Shop)] = []
        for j in 0..<7 {
            let shop = dice.pick(Self.shops)
            let categories = j == 6 ? ["toys"] : (0..<dice.int(1...2)).map { _ in dice.pick(scoringPaths) }
            let open = j == 5 ? false : dice.chance(0.9)
            campaigns.append((scoringCampaign(
                id: CampaignID("k\(j)"), shop: shop.id, kind: dice.chance(0.5) ? .sample : .discount, categories: categories,
                startsAt: open ? at("2026-01-01T00:00:00Z") : at("2026-07-01T00:00:00Z"), endsAt: at("2027-01-01T00:00:00Z"),
                minFollowers: dice.chance(0.25) ? dice.pick([1_000, 10_000, 100_000]) : nil,
                regions: dice.chance(0.2) ? dice.pick([["GB"], ["US", "GB"]]) : []), shop))
        }
        self.campaigns = campaigns
    }
}

/// Profiles that stress the pruning differently: the default; sales weighing most; other-category sales at
/// full weight (a creator without niche fit then scores exactly its bound); only sales (masses of ties at 0).
let searchProfiles: [ScoringProfile] = [
    ScoringProfile(),
    ScoringProfile(name: "sales-first", weights: .init(niche: 0.25, sales: 0.5, health: 0.1, audience: 0.1, fulfilment: 0.05),
                   nicheSharedParent: 0.4, salesHalfLifeDays: 60, salesOtherCategoryWeight: 0.2),
    ScoringProfile(name: "flat", weights: .init(niche: 1, sales: 1, health: 1, audience: 1, fulfilment: 1), nicheSharedParent: 0, salesOtherCategoryWeight: 1),
    ScoringProfile(name: "sales-only", weights: .init(niche: 0, sales: 1, health: 0, audience: 0, fulfilment: 0)),
]

let searchFilters: [ShortlistFilter] = [
    ShortlistFilter(), ShortlistFilter(region: "GB"), ShortlistFilter(minFollowers: 10_000), ShortlistFilter(region: "US", minFollowers: 5_000),
]

@Suite("M-SCORE: the pruned search equals brute force")
struct ShortlistSearchTests {
    @Test("M-SCORE: shortlist equals brute force (eligible by policy, explain total desc, id asc, top N) on seeded populations",
          arguments: [1, 42, 2026] as [UInt64], 0..<searchProfiles.count)
    func shortlistEqualsBruteForce(seed: UInt64, profileIndex: Int) {
        let profile = searchProfiles[profileIndex]
        let world = RandomWorld(seed: seed, profile: profile)
        let population = world.population
        #expect((300...500).contains(population.creators.count))
        var ties = 0
        var nonEmpty = 0
        var partial = 0
        for (campaign, shop) in world.campaigns {
            for filter in searchFilters {
                let all = bruteForceRanking(population, campaign, shop: shop, filter: filter)
                ties += zip(all, all.dropFirst()).filter { $0.score == $1.score }.count
                if !all.isEmpty { nonEmpty += 1 }
                for limit in [1, 5, 20, 1_000] {
                    let want = Array(all.prefix(limit))
                    let got = population.shortlist(campaign, shop: shop, limit: limit, filter: filter)
                    let context = "seed \(seed), profile \(profile.name), campaign \(campaign.id) \(campaign.categories) \(campaign.kind) shop \(shop.id), limit \(limit), filter \(filter.region ?? "-")/\(filter.minFollowers.map(String.init) ?? "-")"
                    #expect(got.map(\.creator.id) == want.map(\.id), "\(context)")
                    #expect(got.map(\.score) == want.map(\.score), "\(context)")
                    if limit < all.count { partial += 1 }
                }
            }
            // Eligibility is the policy's, not merely "marketplace": some creators pass the marketplace but not this campaign.
        }
        // The generated worlds must exercise what is tested: non-empty lists, lists cut by the limit, ties.
        #expect(nonEmpty >= 10)
        #expect(partial >= 20)
        #expect(ties > 0)
        let eligibleSomewhere = population.creators.indices.filter { i in
            world.campaigns.contains { population.policy.isEligible(population.creators[i], standing: population.standings[i], for: $0.0, shop: $0.1, at: now) }
        }
        #expect(eligibleSomewhere.count > population.creators.count / 3)
        #expect(eligibleSomewhere.count < population.creators.count)
    }

    @Test("M-WEEKLY: a resumable scan yields every eligible creator in the batch's weight order (score × 10,000 rounded, equal weights by creator id), whatever the population's order",
          arguments: [1, 42, 2026] as [UInt64], 0..<searchProfiles.count)
    func scanEqualsBruteForceByWeight(seed: UInt64, profileIndex: Int) {
        let world = RandomWorld(seed: seed, profile: searchProfiles[profileIndex])
        let population = world.population
        // The generated ids are shuffled: ties must be broken by id, not by population index.
        #expect(!zip(population.creators, population.creators.dropFirst()).allSatisfy { $0.id < $1.id })
        var tied = 0
        for (campaign, shop) in world.campaigns {
            let want = bruteForceRanking(population, campaign, shop: shop)
                .map { (weight: Int64(($0.score * 10_000).rounded()), id: $0.id) }
                .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.id < $1.id }
            var scan = population.rankedScan(campaign, shop: shop)
            var got: [(weight: Int64, id: CreatorID)] = []
            while let entry = scan.next() { got.append((Int64(entry.weight), population.creators[Int(entry.index)].id)) }
            #expect(got.map(\.id) == want.map(\.id), "seed \(seed), campaign \(campaign.id)")
            #expect(got.map(\.weight) == want.map(\.weight), "seed \(seed), campaign \(campaign.id)")
            tied += zip(want, want.dropFirst()).filter { $0.weight == $1.weight }.count
            // Read in chunks of random sizes (as the batch's streams are): the same entries, and the end said once.
            var rng = SplitMix64(seed: seed &+ UInt64(got.count))
            var chunked = population.rankedScan(campaign, shop: shop)
            var read: [RankedScan.Entry] = []
            var more = true
            while more {
                let count = Int.random(in: 1...7, using: &rng)
                let before = read.count
                more = chunked.next(upTo: count, into: &read)
                #expect(more ? read.count == before + count : read.count < before + count, "seed \(seed), campaign \(campaign.id)")
            }
            #expect(read.map { population.creators[Int($0.index)].id } == want.map(\.id), "seed \(seed), campaign \(campaign.id)")
            #expect(!chunked.next(upTo: 3, into: &read) && read.count == want.count)
        }
        #expect(tied > 0)
    }

    @Test("the close list of a scan: niche lists merged in bound order equal their set union sorted by bound place, each creator once",
          arguments: [1, 42, 2026] as [UInt64])
    func closeListMerge(seed: UInt64) {
        let population = RandomWorld(seed: seed, profile: searchProfiles[0]).population
        var rng = SplitMix64(seed: seed)
        let nonEmpty = population.byNiche.indices.filter { !population.byNiche[$0].isEmpty }
        #expect(nonEmpty.count >= 3)
        var repeated = 0
        for count in [0, 1, 2, 3, 5, nonEmpty.count] {
            let chosen = nonEmpty.shuffled(using: &rng).prefix(count).map { population.byNiche[$0] }
            let union = Set(chosen.joined())
            repeated += chosen.map(\.count).reduce(0, +) - union.count
            let want = union.sorted { population.boundPlace[Int($0)] < population.boundPlace[Int($1)] }
            #expect(population.mergedInBoundOrder(chosen) == want, "seed \(seed), \(count) lists")
        }
        #expect(repeated > 0)  // creators with several niches: the merge must take each once
    }

    @Test("M-SCORE: matches(creator:campaigns:limit:) equals brute force over the campaigns",
          arguments: [1, 42, 2026] as [UInt64], 0..<searchProfiles.count)
    func matchesEqualBruteForce(seed: UInt64, profileIndex: Int) {
        let world = RandomWorld(seed: seed, profile: searchProfiles[profileIndex])
        let population = world.population
        var matched = 0
        for i in population.creators.indices {
            let c = population.creators[i]
            var all: [(id: CampaignID, score: Double)] = []
            for (campaign, shop) in world.campaigns where population.policy.isEligible(c, standing: population.standings[i], for: campaign, shop: shop, at: population.instant) {
                let breakdown = population.scorer.explain(population.inputs[i], CampaignTarget(campaign.categories, table: scoringTable))
                guard population.scorer.profile.admitsNiche(breakdown.components.first { $0.name == "niche" }!.value) else { continue }  // M-NICHE
                all.append((campaign.id, breakdown.total))
            }
            all.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            if !all.isEmpty { matched += 1 }
            for limit in [1, 3, 100] {
                let got = population.matches(creator: i, campaigns: world.campaigns, limit: limit)
                #expect(got.map(\.campaign.id) == all.prefix(limit).map(\.id), "seed \(seed), creator \(c.id), limit \(limit)")
                #expect(got.map(\.score) == all.prefix(limit).map(\.score), "seed \(seed), creator \(c.id), limit \(limit)")
            }
        }
        #expect(matched > population.creators.count / 3)
    }
}

@Suite("Heaps")
struct HeapTests {
    @Test("KeyHeap pops its keys largest first, pushes and pops interleaved, duplicates included (= BinaryHeap with >)")
    func keyHeapEqualsBinary() {
        var rng = SplitMix64(seed: 9)
        for round in 0..<50 {
            var binary = BinaryHeap<UInt64>(first: { $0 > $1 })
            var keys = KeyHeap()
            var popped: [UInt64] = [], poppedKeys: [UInt64] = []
            var pushed = 0
            for _ in 0..<(1 + Int(rng.next() % 2_000)) {
                if rng.next() % 3 == 0 {
                    popped.append(contentsOf: binary.pop().map { [$0] } ?? [])
                    poppedKeys.append(contentsOf: keys.pop().map { [$0] } ?? [])
                } else {
                    // Few distinct high halves and the full range of low halves, as the scans' keys are.
                    let key = (rng.next() % 20) << 32 | (rng.next() & 0xFFFF_FFFF)
                    binary.push(key)
                    keys.push(key)
                    pushed += 1
                }
                #expect(binary.items.first == keys.items.first, "round \(round)")
            }
            while let key = binary.pop() { popped.append(key) }
            var drained: [UInt64] = []
            while let key = keys.pop() { drained.append(key) }
            poppedKeys += drained
            #expect(popped == poppedKeys, "round \(round)")
            #expect(drained == drained.sorted(by: >), "round \(round)")
            #expect(popped.count == pushed)
        }
    }
}
