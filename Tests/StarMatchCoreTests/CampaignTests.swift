import Foundation
import StarMatchCore
import Testing

@Suite("K- campaign terms and M-ELIGIBLE reports")
struct CampaignTests {
    let starts = at("2026-06-01T00:00:00Z")
    let ends = at("2026-07-01T00:00:00Z")

    @Test("K-OPEN: a campaign runs from its start (inclusive) to its end (exclusive)", arguments: [
        (-1.0, Check.Outcome.refuse), (0, .pass), (86_400, .pass), (30 * 86_400 - 1, .pass), (30 * 86_400, .refuse),
    ])
    func open(offset: Double, expected: Check.Outcome) {
        let campaign = makeCampaign(startsAt: starts, endsAt: ends)
        let instant = starts.addingTimeInterval(offset)
        #expect(campaign.isOpen(at: instant) == (expected == .pass))
        let report = campaignReport(makeCreator(), campaign, at: instant)
        #expect(report.outcome(of: .kOpen) == expected)
        #expect(report.isEligible == (expected == .pass))
    }

    @Test("K-OPEN: a refusal names the campaign's run and the instant")
    func openMessage() throws {
        let report = campaignReport(makeCreator(), makeCampaign(startsAt: starts, endsAt: ends), at: ends)
        let check = try #require(report.checks(of: .kOpen).first)
        #expect(check.message.contains("2026-06-01T00:00:00Z"))
        #expect(check.message.contains("2026-07-01T00:00:00Z"))
    }

    @Test("K-FOLLOWERS: the campaign's own minimum (2,000): 1,999 refused, 2,000 accepted", arguments: [
        (1_999, Check.Outcome.refuse), (2_000, .pass), (2_001, .pass),
    ])
    func campaignFollowers(followers: Int, expected: Check.Outcome) {
        let report = campaignReport(makeCreator(followers: followers), makeCampaign(minFollowers: 2_000))
        #expect(report.outcome(of: .kFollowers) == expected)
        #expect(report.outcome(of: .eFollowers) == .pass)
        #expect(report.isEligible == (expected == .pass))
    }

    @Test("K-FOLLOWERS: no minimum, no K-FOLLOWERS check")
    func noCampaignMinimum() {
        #expect(campaignReport(makeCreator(), makeCampaign(minFollowers: nil)).checks(of: .kFollowers).isEmpty)
    }

    @Test("K-FOLLOWERS: the campaign minimum applies to a shop-bound creator of the campaign's own shop too")
    func boundCreatorCampaignMinimum() {
        let creator = makeCreator(kind: .officialShop, followers: 0, boundShop: "sh1")
        let report = campaignReport(creator, makeCampaign(minFollowers: 2_000))
        #expect(report.outcome(of: .eFollowers) == .pass)
        #expect(report.outcome(of: .kFollowers) == .refuse)
    }

    @Test("K-REGION: a campaign open to GB only refuses a US creator", arguments: [
        ("GB", Check.Outcome.pass), ("US", .refuse),
    ])
    func campaignRegion(region: String, expected: Check.Outcome) {
        let report = campaignReport(makeCreator(region: region), makeCampaign(regions: ["GB"]))
        #expect(report.outcome(of: .kRegion) == expected)
        #expect(report.outcome(of: .eRegion) == .pass)
        #expect(report.isEligible == (expected == .pass))
    }

    @Test("K-REGION: an empty region list means every program region (no K-REGION check)")
    func noCampaignRegions() {
        #expect(campaignReport(makeCreator(region: "GB"), makeCampaign(regions: [])).checks(of: .kRegion).isEmpty)
    }

    @Test("K-REGION: a campaign's region does not override E-REGION")
    func campaignRegionOutsideProgram() {
        let report = campaignReport(makeCreator(region: "DE"), makeCampaign(regions: ["DE"]))
        #expect(report.outcome(of: .kRegion) == .pass)
        #expect(report.outcome(of: .eRegion) == .refuse)
        #expect(!report.isEligible)
    }

    // MARK: M-ELIGIBLE: every refusal is listed

    @Test("M-ELIGIBLE: a creator breaking 3 rules shows 3 refusals")
    func threeRefusals() {
        let creator = makeCreator(gpppa: true, policiesAccepted: false)
        let report = marketplaceReport(creator, facts: CreatorFacts(earlierAccountsOnDocument: 5))
        #expect(report.refusals.count == 3)
        #expect(report.refusedRules == [.eGPPPA, .ePolicy, .eIDDoc])
        #expect(!report.isEligible)
    }

    @Test("M-ELIGIBLE: every E-, H- and K- refusal is reported together")
    func manyRefusals() {
        let creator = makeCreator(
            kind: .marketing, followers: 10, region: "FR", birthDate: day("2010-01-01"), identityVerified: false,
            identityDocument: nil, gpppa: true, ecommerceRevoked: true, policiesAccepted: false, boundShop: nil)
        let campaign = makeCampaign(startsAt: at("2027-01-01T00:00:00Z"), endsAt: at("2027-02-01T00:00:00Z"), minFollowers: 500, regions: ["GB"])
        let facts = CreatorFacts(violations: [violation(100, at: at("2026-02-01T00:00:00Z"))], earlierAccountsOnDocument: 7)
        let report = campaignReport(creator, campaign, facts: facts)
        #expect(report.refusedRules == [
            .eBind, .eAge, .eFollowers, .eRegion, .eGPPPA, .eRevoked, .ePolicy, .eIdentity, .eIDDoc, .hFloor,
            .kOpen, .kFollowers, .kRegion,
        ])
        #expect(report.refusals.count == 13)
        #expect(report.subject == .campaign("k1"))
        #expect(report.creator == "c1")
    }

    @Test("M-ELIGIBLE: pilot refusals join the others (P-CAMPAIGNS, P-SHOPS, P-QUOTA, K-OPEN)")
    func pilotRefusals() {
        let facts = CreatorFacts(contentEvents: publications(5, from: at("2026-03-10T10:00:00Z"))
            + publications(3, .live, from: at("2026-03-10T10:00:00Z"), prefix: "l"))
        let report = campaignReport(
            makePilotCreator(), makeCampaign(kind: .discount, startsAt: at("2026-04-01T00:00:00Z")), shop: makeShop(score: 90),
            facts: facts, at: at("2026-03-12T12:00:00Z"))
        #expect(report.refusedRules == [.pCampaigns, .pShops, .pQuota, .kOpen])
    }

    @Test("M-ELIGIBLE: each rule appears once per report, and every check names a rule id of docs/rules.md")
    func oneCheckPerRule() {
        let report = campaignReport(makeCreator(), makeCampaign(minFollowers: 1, regions: ["US"]), facts: CreatorFacts(earlierAccountsOnDocument: 0))
        let rules = report.checks.map(\.rule)
        #expect(rules.count == Set(rules).count)
        #expect(Set(rules).isSuperset(of: [.eStandard, .eAge, .eFollowers, .eRegion, .eGPPPA, .eRevoked, .ePolicy, .eIdentity, .eIDDoc, .hFloor, .kOpen, .kFollowers, .kRegion]))
        #expect(report.checks.allSatisfy { !$0.message.isEmpty })
    }

    @Test("M-ELIGIBLE: report subjects name the question asked")
    func subjects() {
        #expect(marketplaceReport(makeCreator()).subject == .marketplace)
        #expect(sampleReport(makeCreator(), from: makeShop(id: "sh7")).subject == .sample("sh7"))
        #expect(EligibilityReport.Subject.sample("sh7").description.contains("sh7"))
        #expect(marketplaceReport(makeCreator(), at: now).at == now)
    }

    @Test("M-ELIGIBLE: rule ids spell as in docs/rules.md")
    func ruleIDs() {
        #expect(RuleID.eIDDoc.rawValue == "E-IDDOC")
        #expect(RuleID.eGPPPA.rawValue == "E-GPPPA")
        #expect(RuleID.pFollowers.rawValue == "P-FOLLOWERS")
        #expect(RuleID.allCases.allSatisfy { $0.rawValue.range(of: "^[A-Z]-[A-Z]+$", options: .regularExpression) != nil })
        #expect(RuleID.eAge < RuleID.hFloor)
    }
}
