import Foundation
import StarMatchCore
import Testing

@Suite("E- rules: creator eligibility")
struct EligibilityTests {
    @Test("M-ELIGIBLE: the fixture creator is eligible for the marketplace, a sample and a discount campaign")
    func fixtureIsEligible() {
        let creator = makeCreator()
        #expect(marketplaceReport(creator).refusals == [])
        #expect(sampleReport(creator).refusals == [])
        #expect(campaignReport(creator, makeCampaign(kind: .discount)).refusals == [])
        #expect(marketplaceReport(creator).isEligible)
    }

    // MARK: E-FOLLOWERS

    @Test("E-FOLLOWERS: affiliate with 999 refused, 1,000 accepted", arguments: [
        (0, Check.Outcome.refuse), (999, .refuse), (1_000, .pass), (1_001, .pass), (250_000, .pass),
    ])
    func affiliateFollowers(followers: Int, expected: Check.Outcome) {
        let creator = makeCreator(followers: followers)
        #expect(marketplaceReport(creator).outcome(of: .eFollowers) == expected)
        #expect(sampleReport(creator).outcome(of: .eFollowers) == expected)
        #expect(campaignReport(creator).outcome(of: .eFollowers) == expected)
        #expect(marketplaceReport(creator).isEligible == (expected == .pass))
    }

    @Test("E-FOLLOWERS: a refusal names the count and the minimum")
    func followerRefusalMessage() throws {
        let check = try #require(marketplaceReport(makeCreator(followers: 999)).checks(of: .eFollowers).first)
        #expect(check.message.contains("999"))
        #expect(check.message.contains("1,000"))
    }

    @Test("E-FOLLOWERS: shop-bound creator with 0 followers passes for its bound shop and the marketplace",
          arguments: [Creator.Kind.officialShop, .marketing])
    func boundCreatorOwnShop(kind: Creator.Kind) {
        let creator = makeCreator(kind: kind, followers: 0, boundShop: "sh1")
        #expect(marketplaceReport(creator).outcome(of: .eFollowers) == .pass)
        #expect(sampleReport(creator, from: makeShop(id: "sh1")).outcome(of: .eFollowers) == .pass)
        #expect(campaignReport(creator, makeCampaign(shop: "sh1"), shop: makeShop(id: "sh1")).outcome(of: .eFollowers) == .pass)
        #expect(sampleReport(creator, from: makeShop(id: "sh1")).isEligible)
    }

    @Test("E-FOLLOWERS: shop-bound creator with 0 followers is refused for another shop",
          arguments: [Creator.Kind.officialShop, .marketing])
    func boundCreatorOtherShop(kind: Creator.Kind) {
        let creator = makeCreator(kind: kind, followers: 0, boundShop: "sh1")
        let other = makeShop(id: "sh2")
        #expect(sampleReport(creator, from: other).outcome(of: .eFollowers) == .refuse)
        #expect(campaignReport(creator, makeCampaign(shop: "sh2"), shop: other).outcome(of: .eFollowers) == .refuse)
        #expect(sampleReport(creator, from: other).refusedRules == [.eFollowers])
    }

    @Test("E-FOLLOWERS: shop-bound creator promoting another shop needs 1,000 (999 refused, 1,000 passes)",
          arguments: [(Creator.Kind.officialShop, 999, Check.Outcome.refuse), (.officialShop, 1_000, .pass),
                      (.marketing, 999, .refuse), (.marketing, 1_000, .pass)])
    func boundCreatorOtherShopThreshold(kind: Creator.Kind, followers: Int, expected: Check.Outcome) {
        let creator = makeCreator(kind: kind, followers: followers, boundShop: "sh1")
        #expect(sampleReport(creator, from: makeShop(id: "sh2")).outcome(of: .eFollowers) == expected)
    }

    @Test("E-FOLLOWERS: the minimum follows the config (minFollowers 2,000)")
    func configuredMinimum() {
        var config = PolicyConfig()
        config.minFollowers = 2_000
        let policy = Policy(config: config)
        #expect(marketplaceReport(makeCreator(followers: 1_999), policy: policy).outcome(of: .eFollowers) == .refuse)
        #expect(marketplaceReport(makeCreator(followers: 2_000), policy: policy).outcome(of: .eFollowers) == .pass)
    }

    // MARK: E-AGE

    /// A creator registered and age-confirmed in time, so that only the birthday decides.
    func adult(born: String) -> Creator {
        makeCreator(birthDate: day(born), registeredAt: at("2025-12-01T00:00:00Z"), ageConfirmedAt: at("2025-12-02T00:00:00Z"))
    }

    @Test("E-AGE: eligible from the first instant of the 18th birthday (UTC), refused one second before")
    func eighteenthBirthday() {
        let creator = adult(born: "2008-11-25")
        #expect(marketplaceReport(creator, at: at("2026-11-25T00:00:00Z")).outcome(of: .eAge) == .pass)
        #expect(marketplaceReport(creator, at: at("2026-11-24T23:59:59Z")).outcome(of: .eAge) == .refuse)
        #expect(marketplaceReport(creator, at: at("2026-11-24T23:59:59Z")).refusedRules == [.eAge])
    }

    @Test("E-AGE: a refusal for age names the age and the minimum")
    func underAgeMessage() throws {
        let check = try #require(marketplaceReport(adult(born: "2008-11-25"), at: at("2026-11-24T23:59:59Z")).checks(of: .eAge).first)
        #expect(check.message.contains("17"))
        #expect(check.message.contains("18"))
    }

    @Test("E-AGE: born 29 February reaches 18 on 1 March in a common year, not on 28 February")
    func leapDayBirthdayCommonYear() {
        let creator = adult(born: "2008-02-29")
        #expect(marketplaceReport(creator, at: at("2026-02-28T23:59:59Z")).outcome(of: .eAge) == .refuse)
        #expect(marketplaceReport(creator, at: at("2026-03-01T00:00:00Z")).outcome(of: .eAge) == .pass)
    }

    @Test("E-AGE: born 29 February, the birthday is reached on 29 February in a leap year, 1 March otherwise")
    func leapDayBirthdayLeapYear() {
        // An 18th birthday on 29 February never falls in a leap year (18 is not a multiple of 4), so the
        // leap-year case is checked on the age itself: 2012-02-29 → 2032-02-29 is 20 years, 2032-02-28 is 19.
        #expect(day("2012-02-29").wholeYears(until: day("2032-02-28")) == 19)
        #expect(day("2012-02-29").wholeYears(until: day("2032-02-29")) == 20)
        #expect(day("2012-02-29").wholeYears(until: day("2030-02-28")) == 17)
        #expect(day("2012-02-29").wholeYears(until: day("2030-03-01")) == 18)
    }

    @Test("E-AGE: wholeYears counts a birthday only once reached", arguments: [
        ("2000-06-15", "2026-06-14", 25), ("2000-06-15", "2026-06-15", 26), ("2000-06-15", "2026-06-16", 26),
        ("2000-12-31", "2026-01-01", 25), ("2000-01-01", "2025-12-31", 25), ("2026-06-15", "2026-06-15", 0),
    ])
    func wholeYears(born: String, on: String, years: Int) {
        #expect(day(born).wholeYears(until: day(on)) == years)
    }

    /// Registered 2026-01-15T10:00Z: the confirmation deadline is 2026-03-15T10:00Z.
    let registered = at("2026-01-15T10:00:00Z")
    let deadline = at("2026-03-15T10:00:00Z")

    @Test("E-AGE: the confirmation deadline is registered_at + 2 calendar months")
    func deadlineIsTwoCalendarMonths() {
        #expect(registered.addingUTCMonths(2) == deadline)
        #expect(at("2025-12-31T12:00:00Z").addingUTCMonths(2) == at("2026-02-28T12:00:00Z"))
        #expect(at("2026-01-31T00:00:00Z").addingUTCMonths(1) == at("2026-02-28T00:00:00Z"))
    }

    @Test("E-AGE: confirmed exactly at registered_at + 2 months passes, one second later is refused")
    func confirmationAtDeadline() {
        let judged = at("2026-05-01T00:00:00Z")
        let onTime = makeCreator(registeredAt: registered, ageConfirmedAt: deadline)
        let late = makeCreator(registeredAt: registered, ageConfirmedAt: deadline.addingTimeInterval(1))
        #expect(marketplaceReport(onTime, at: judged).outcome(of: .eAge) == .pass)
        #expect(marketplaceReport(late, at: judged).outcome(of: .eAge) == .refuse)
    }

    @Test("E-AGE: confirmed late is refused even right after the confirmation")
    func confirmedLate() {
        let creator = makeCreator(registeredAt: registered, ageConfirmedAt: at("2026-04-01T00:00:00Z"))
        #expect(marketplaceReport(creator, at: at("2026-04-01T00:00:00Z")).outcome(of: .eAge) == .refuse)
        #expect(marketplaceReport(creator, at: at("2026-09-01T00:00:00Z")).outcome(of: .eAge) == .refuse)
    }

    @Test("E-AGE: unconfirmed passes within the window, up to the deadline itself")
    func unconfirmedWithinWindow() {
        let creator = makeCreator(registeredAt: registered, ageConfirmedAt: nil)
        #expect(marketplaceReport(creator, at: registered).outcome(of: .eAge) == .pass)
        #expect(marketplaceReport(creator, at: at("2026-02-20T00:00:00Z")).outcome(of: .eAge) == .pass)
        #expect(marketplaceReport(creator, at: deadline).outcome(of: .eAge) == .pass)
    }

    @Test("E-AGE: unconfirmed one second after the deadline is refused")
    func unconfirmedAfterWindow() {
        let creator = makeCreator(registeredAt: registered, ageConfirmedAt: nil)
        let report = marketplaceReport(creator, at: deadline.addingTimeInterval(1))
        #expect(report.outcome(of: .eAge) == .refuse)
        #expect(report.refusedRules == [.eAge])
    }

    @Test("E-AGE: a confirmation recorded after the instant judged is not yet seen")
    func confirmationInTheFuture() {
        // Confirmed on time (2026-02-01) but judged before that: counts as unconfirmed, within the window.
        let creator = makeCreator(registeredAt: registered, ageConfirmedAt: at("2026-02-01T00:00:00Z"))
        #expect(marketplaceReport(creator, at: at("2026-01-20T00:00:00Z")).outcome(of: .eAge) == .pass)
    }

    @Test("E-AGE: exactly one E-AGE check, whether too young or unconfirmed")
    func oneAgeCheck() {
        let young = makeCreator(birthDate: day("2010-01-01"), registeredAt: registered, ageConfirmedAt: nil)
        let report = marketplaceReport(young, at: at("2026-09-01T00:00:00Z"))
        #expect(report.checks(of: .eAge).count == 1)
        #expect(report.outcome(of: .eAge) == .refuse)
    }

    // MARK: E-IDDOC

    @Test("E-IDDOC: rank 5 on a document passes, rank 6 is refused", arguments: [
        (0, Check.Outcome.pass), (4, .pass), (5, .refuse), (9, .refuse),
    ])
    func documentRank(earlier: Int, expected: Check.Outcome) throws {
        let report = marketplaceReport(makeCreator(), facts: CreatorFacts(earlierAccountsOnDocument: earlier))
        #expect(report.outcome(of: .eIDDoc) == expected)
        let check = try #require(report.checks(of: .eIDDoc).first)
        #expect(check.message.contains("account \(earlier + 1)"))
        #expect(policyStandingRank(earlier) == earlier + 1)
    }

    func policyStandingRank(_ earlier: Int) -> Int? {
        defaultPolicy.standing(of: makeCreator(), facts: CreatorFacts(earlierAccountsOnDocument: earlier), at: now).documentRank
    }

    @Test("E-IDDOC: no document rank, no E-IDDOC check")
    func noDocument() {
        let report = marketplaceReport(makeCreator(), facts: CreatorFacts(earlierAccountsOnDocument: nil))
        #expect(report.checks(of: .eIDDoc).isEmpty)
        #expect(defaultPolicy.standing(of: makeCreator(), facts: CreatorFacts(), at: now).documentRank == nil)
    }

    @Test("E-IDDOC: the limit follows the config (maxAccountsPerDocument 1)")
    func configuredDocumentLimit() {
        var config = PolicyConfig()
        config.maxAccountsPerDocument = 1
        let policy = Policy(config: config)
        #expect(marketplaceReport(makeCreator(), facts: CreatorFacts(earlierAccountsOnDocument: 0), policy: policy).outcome(of: .eIDDoc) == .pass)
        #expect(marketplaceReport(makeCreator(), facts: CreatorFacts(earlierAccountsOnDocument: 1), policy: policy).outcome(of: .eIDDoc) == .refuse)
    }

    // MARK: E-REGION, E-GPPPA, E-REVOKED, E-POLICY, E-IDENTITY, E-STANDARD, E-BIND

    @Test("E-REGION: US and GB run the program by default, other regions are refused", arguments: [
        ("US", Check.Outcome.pass), ("GB", .pass), ("DE", .refuse), ("CA", .refuse), ("us", .refuse),
    ])
    func defaultRegions(region: String, expected: Check.Outcome) {
        #expect(marketplaceReport(makeCreator(region: region)).outcome(of: .eRegion) == expected)
    }

    @Test("E-REGION: the region list follows the config")
    func configuredRegions() {
        var config = PolicyConfig()
        config.regions = ["DE"]
        let policy = Policy(config: config)
        #expect(marketplaceReport(makeCreator(region: "DE"), policy: policy).outcome(of: .eRegion) == .pass)
        #expect(marketplaceReport(makeCreator(region: "US"), policy: policy).outcome(of: .eRegion) == .refuse)
    }

    @Test("E-GPPPA: a government, politician or party account is refused")
    func gpppa() {
        #expect(marketplaceReport(makeCreator(gpppa: true)).outcome(of: .eGPPPA) == .refuse)
        #expect(marketplaceReport(makeCreator(gpppa: true)).refusedRules == [.eGPPPA])
        #expect(marketplaceReport(makeCreator(gpppa: false)).outcome(of: .eGPPPA) == .pass)
    }

    @Test("E-REVOKED: revoked permission or a link to a serious violator refuses, each with its cause", arguments: [
        (true, false, "revoked"), (false, true, "serious violations"), (true, true, "revoked"),
    ])
    func revoked(revoked: Bool, linked: Bool, cause: String) throws {
        let report = marketplaceReport(makeCreator(ecommerceRevoked: revoked, linkedToSeriousViolator: linked))
        #expect(report.outcome(of: .eRevoked) == .refuse)
        #expect(report.refusedRules == [.eRevoked])
        let check = try #require(report.checks(of: .eRevoked).first)
        #expect(check.message.contains(cause))
    }

    @Test("E-REVOKED: neither cause passes")
    func notRevoked() {
        #expect(marketplaceReport(makeCreator(ecommerceRevoked: false, linkedToSeriousViolator: false)).outcome(of: .eRevoked) == .pass)
    }

    @Test("E-POLICY: content policy and code of conduct must be accepted")
    func policiesAccepted() {
        #expect(marketplaceReport(makeCreator(policiesAccepted: false)).outcome(of: .ePolicy) == .refuse)
        #expect(marketplaceReport(makeCreator(policiesAccepted: false)).refusedRules == [.ePolicy])
        #expect(marketplaceReport(makeCreator(policiesAccepted: true)).outcome(of: .ePolicy) == .pass)
    }

    @Test("E-IDENTITY: an unverified identity is refused")
    func identity() {
        let unverified = makeCreator(identityVerified: false, identityDocument: nil)
        #expect(marketplaceReport(unverified).outcome(of: .eIdentity) == .refuse)
        #expect(marketplaceReport(unverified).refusedRules == [.eIdentity])
        #expect(marketplaceReport(makeCreator(identityVerified: true)).outcome(of: .eIdentity) == .pass)
    }

    @Test("E-STANDARD: a standard creator is never matched, whatever its followers")
    func standard() {
        let creator = makeCreator(kind: .standard, followers: 1_000_000)
        #expect(marketplaceReport(creator).outcome(of: .eStandard) == .refuse)
        #expect(sampleReport(creator).outcome(of: .eStandard) == .refuse)
        #expect(campaignReport(creator).outcome(of: .eStandard) == .refuse)
        #expect(marketplaceReport(creator).refusedRules == [.eStandard])
    }

    @Test("E-STANDARD: the other kinds pass E-STANDARD", arguments: [Creator.Kind.affiliate, .officialShop, .marketing])
    func notStandard(kind: Creator.Kind) {
        #expect(marketplaceReport(makeCreator(kind: kind, boundShop: kind.isShopBound ? "sh1" : nil)).outcome(of: .eStandard) == .pass)
    }

    @Test("E-BIND: a shop-bound creator without a bound shop is refused", arguments: [Creator.Kind.officialShop, .marketing])
    func unboundShopCreator(kind: Creator.Kind) {
        let report = marketplaceReport(makeCreator(kind: kind, followers: 0, boundShop: nil))
        #expect(report.outcome(of: .eBind) == .refuse)
        // Without a bound shop the follower exemption cannot apply either.
        #expect(report.outcome(of: .eFollowers) == .refuse)
        #expect(report.refusedRules == [.eBind, .eFollowers])
    }

    @Test("E-BIND: a bound shop passes; affiliates get no E-BIND check")
    func boundShop() {
        #expect(marketplaceReport(makeCreator(kind: .officialShop, boundShop: "sh1")).outcome(of: .eBind) == .pass)
        #expect(marketplaceReport(makeCreator(kind: .affiliate)).checks(of: .eBind).isEmpty)
        #expect(Creator.Kind.officialShop.isShopBound && Creator.Kind.marketing.isShopBound)
        #expect(!Creator.Kind.affiliate.isShopBound && !Creator.Kind.standard.isShopBound)
    }
}
