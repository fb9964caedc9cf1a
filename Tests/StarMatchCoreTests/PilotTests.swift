import Foundation
import StarMatchCore
import Testing

/// An instant inside the pilot window, for parameterized arguments.
private let t = at("2026-03-05T10:00:00Z")

@Suite("P- rules: the pilot program")
struct PilotTests {
    /// Inside the 30-day pilot that started `pilotStart` (2026-03-01).
    let during = at("2026-03-13T12:00:00Z")
    /// The pilot's end: `pilotStart` + 30 days.
    let pilotEnd = at("2026-03-31T00:00:00Z")
    /// After the pilot.
    let after = at("2026-04-02T00:00:00Z")

    func status(_ creator: Creator, facts: CreatorFacts = CreatorFacts(), at instant: Date) -> PilotStatus {
        defaultPolicy.standing(of: creator, facts: facts, at: instant).pilot
    }

    // MARK: P-ENTER / P-FOLLOWERS

    @Test("P-ENTER: an affiliate in the pilot is active for 30 days, limits apply")
    func active() {
        let s = status(makePilotCreator(), at: during)
        #expect(s == .active(endsAt: pilotEnd))
        #expect(s.limitsApply)
        #expect(status(makePilotCreator(), at: pilotStart) == .active(endsAt: pilotEnd))
        #expect(status(makePilotCreator(), at: pilotEnd.addingTimeInterval(-1)) == .active(endsAt: pilotEnd))
        #expect(status(makePilotCreator(), at: pilotEnd) != .active(endsAt: pilotEnd))
    }

    @Test("P-ENTER: the report carries a P-ENTER note naming the pilot's end")
    func enterNote() throws {
        let report = marketplaceReport(makePilotCreator(), at: during)
        #expect(report.outcome(of: .pEnter) == .note)
        let note = try #require(report.checks(of: .pEnter).first)
        #expect(note.message.contains("2026-03-31T00:00:00Z"))
        #expect(report.isEligible)
    }

    @Test("P-ENTER: not in the pilot before it starts, without a pilot start, or when not an affiliate")
    func notInPilot() {
        #expect(status(makePilotCreator(), at: pilotStart.addingTimeInterval(-1)) == .notInPilot)
        #expect(status(makeCreator(followers: 2_000, pilotStartedAt: nil), at: during) == .notInPilot)
        for kind in [Creator.Kind.standard, .officialShop, .marketing] {
            let creator = makeCreator(kind: kind, followers: 2_000, boundShop: kind.isShopBound ? "sh1" : nil, pilotStartedAt: pilotStart)
            #expect(status(creator, at: during) == .notInPilot, "\(kind)")
        }
        #expect(!PilotStatus.notInPilot.limitsApply)
        #expect(marketplaceReport(makeCreator(), at: during).checks.allSatisfy { $0.outcome != .note })
    }

    @Test("P-FOLLOWERS: 4,999 followers keep the pilot limits, 5,000 lift them", arguments: [
        (4_999, true), (5_000, false), (12_000, false), (1_000, true),
    ])
    func followerCeiling(followers: Int, limits: Bool) {
        let creator = makePilotCreator(followers: followers)
        let s = status(creator, at: during)
        #expect(s.limitsApply == limits)
        #expect((s == .lifted) == !limits)
        let lowShop = makeShop(score: 80)
        let report = sampleReport(creator, from: lowShop, at: during)
        #expect(report.outcome(of: .pShops) == (limits ? .refuse : nil))
        #expect(campaignReport(creator, makeCampaign(kind: .discount), at: during).outcome(of: .pCampaigns) == (limits ? .refuse : nil))
        if !limits { #expect(report.outcome(of: .pFollowers) == .note) }
    }

    @Test("P-FOLLOWERS: 5,000 followers lift the limits after the pilot too, without a quiz")
    func liftedAfterPilot() {
        #expect(status(makePilotCreator(followers: 5_000), at: after) == .lifted)
    }

    // MARK: P-SHOPS

    @Test("P-SHOPS: a pilot creator may promote a shop scoring 95, not 94.9", arguments: [
        (94.9, Check.Outcome.refuse), (94.99, .refuse), (95.0, .pass), (100.0, .pass), (0.0, .refuse),
    ])
    func shopScore(score: Double, expected: Check.Outcome) {
        let report = sampleReport(makePilotCreator(), from: makeShop(score: score), at: during)
        #expect(report.outcome(of: .pShops) == expected)
        #expect(report.isEligible == (expected == .pass))
        #expect(campaignReport(makePilotCreator(), makeCampaign(kind: .sample), shop: makeShop(score: score), at: during).outcome(of: .pShops) == expected)
    }

    @Test("P-SHOPS: a creator outside the pilot may promote a low-scoring shop")
    func shopScoreOutsidePilot() {
        let report = sampleReport(makeCreator(), from: makeShop(score: 60), at: during)
        #expect(report.checks(of: .pShops).isEmpty)
        #expect(report.isEligible)
    }

    @Test("P-SHOPS: the minimum score follows the config (90)")
    func configuredShopScore() {
        var config = PolicyConfig()
        config.pilotShopMinScore = 90
        let policy = Policy(config: config)
        #expect(sampleReport(makePilotCreator(), from: makeShop(score: 90), at: during, policy: policy).outcome(of: .pShops) == .pass)
        #expect(sampleReport(makePilotCreator(), from: makeShop(score: 89.9), at: during, policy: policy).outcome(of: .pShops) == .refuse)
    }

    // MARK: P-CAMPAIGNS

    @Test("P-CAMPAIGNS: a pilot creator is refused for a discount campaign")
    func pilotDiscount() {
        let report = campaignReport(makePilotCreator(), makeCampaign(kind: .discount), at: during)
        #expect(report.outcome(of: .pCampaigns) == .refuse)
        #expect(report.refusedRules == [.pCampaigns])
    }

    @Test("P-CAMPAIGNS: a pilot creator may take part in a sample campaign")
    func pilotSample() {
        let report = campaignReport(makePilotCreator(), makeCampaign(kind: .sample), at: during)
        #expect(report.outcome(of: .pCampaigns) == .pass)
        #expect(report.isEligible)
    }

    @Test("P-CAMPAIGNS: a creator outside the pilot may take part in a discount campaign")
    func nonPilotDiscount() {
        let report = campaignReport(makeCreator(followers: 2_000), makeCampaign(kind: .discount), at: during)
        #expect(report.outcome(of: .pCampaigns) != .refuse)
        #expect(report.isEligible)
    }

    @Test("P-CAMPAIGNS: limits still apply to a creator invited to the quiz or staying", arguments: [true, false])
    func limitsAfterPilot(criterionMet: Bool) {
        let facts = CreatorFacts(sales: criterionMet ? [sale(orders: 10, at: at("2026-03-10T00:00:00Z"))] : [])
        let s = status(makePilotCreator(), facts: facts, at: after)
        #expect(s == (criterionMet ? .quizInvited : .staying))
        #expect(campaignReport(makePilotCreator(), makeCampaign(kind: .discount), facts: facts, at: after).outcome(of: .pCampaigns) == .refuse)
    }

    // MARK: P-GRADUATE / P-STAY

    /// Content and sales inside the pilot window.
    let inPilot = at("2026-03-05T10:00:00Z")

    @Test("P-GRADUATE: before 30 days a creator meeting every criterion is still active")
    func beforeThirtyDays() {
        let facts = CreatorFacts(
            contentEvents: publications(6, .video, from: inPilot, seconds: 30) + publications(1, .live, from: inPilot, seconds: 600, prefix: "l"),
            sales: [sale(orders: 50, at: inPilot)])
        #expect(status(makePilotCreator(), facts: facts, at: pilotEnd.addingTimeInterval(-1)) == .active(endsAt: pilotEnd))
        #expect(status(makePilotCreator(), facts: facts, at: pilotEnd) == .quizInvited)
    }

    struct Criterion: CustomTestStringConvertible, Sendable {
        let name: String
        let facts: CreatorFacts
        let expected: PilotStatus
        var testDescription: String { name }
    }

    @Test("P-GRADUATE: each criterion alone invites to the quiz; just short of it the creator stays (P-STAY)", arguments: [
        Criterion(name: "6 videos of 8 s", facts: CreatorFacts(contentEvents: publications(6, from: t, seconds: 8)), expected: .quizInvited),
        Criterion(name: "5 videos of 8 s", facts: CreatorFacts(contentEvents: publications(5, from: t, seconds: 8)), expected: .staying),
        Criterion(name: "6 videos of 7 s", facts: CreatorFacts(contentEvents: publications(6, from: t, seconds: 7)), expected: .staying),
        Criterion(name: "6 videos, no length", facts: CreatorFacts(contentEvents: publications(6, from: t)), expected: .staying),
        Criterion(name: "5 of 8 s + 1 of 7 s", facts: CreatorFacts(contentEvents: publications(5, from: t, seconds: 8)
            + [contentEvent("short", at: t, seconds: 7)]), expected: .staying),
        Criterion(name: "1 LIVE of 300 s", facts: CreatorFacts(contentEvents: publications(1, .live, from: t, seconds: 300)), expected: .quizInvited),
        Criterion(name: "1 LIVE of 299 s", facts: CreatorFacts(contentEvents: publications(1, .live, from: t, seconds: 299)), expected: .staying),
        Criterion(name: "300 s video is not a LIVE", facts: CreatorFacts(contentEvents: publications(1, .video, from: t, seconds: 300)), expected: .staying),
        Criterion(name: "10 kept orders", facts: CreatorFacts(sales: [sale(orders: 10, at: t)]), expected: .quizInvited),
        Criterion(name: "10 kept orders over 2 sales", facts: CreatorFacts(sales: [sale("s1", orders: 4, at: t), sale("s2", orders: 6, at: t)]), expected: .quizInvited),
        Criterion(name: "9 kept orders", facts: CreatorFacts(sales: [sale(orders: 9, at: t)]), expected: .staying),
        Criterion(name: "12 orders, 3 returned", facts: CreatorFacts(sales: [sale(orders: 12, returned: 3, at: t)]), expected: .staying),
        Criterion(name: "13 orders, 3 returned", facts: CreatorFacts(sales: [sale(orders: 13, returned: 3, at: t)]), expected: .quizInvited),
        Criterion(name: "no criterion", facts: CreatorFacts(), expected: .staying),
    ])
    func criteria(_ c: Criterion) {
        #expect(status(makePilotCreator(), facts: c.facts, at: after) == c.expected)
    }

    @Test("P-GRADUATE: graduation progress counts qualifying videos, LIVEs and kept orders")
    func progress() {
        let events = publications(6, from: inPilot, seconds: 8) + publications(2, from: inPilot, seconds: 7, prefix: "s")
            + publications(1, .live, from: inPilot, seconds: 300, prefix: "l") + publications(1, .live, from: inPilot, seconds: 299, prefix: "m")
        let sales = [sale("s1", orders: 12, returned: 3, at: inPilot)]
        let p = defaultPolicy.graduationProgress(events: events, sales: sales, since: pilotStart, at: after)
        #expect(p == GraduationProgress(qualifyingVideos: 6, qualifyingLives: 1, orders: 9))
        #expect(p.criteriaMet(PolicyConfig()) == ["videos", "live"])
    }

    @Test("P-GRADUATE: a scheduled video's length may come from its publish event; it still counts once")
    func scheduledLength() {
        let events = (0..<6).flatMap { n -> [ContentEvent] in
            let id = ContentID("v\(n)")
            return [contentEvent(id, .video, .scheduled, at: inPilot), contentEvent(id, .video, .published, at: inPilot.addingTimeInterval(hour), seconds: 9)]
        }
        let p = defaultPolicy.graduationProgress(events: events, sales: [], since: pilotStart, at: after)
        #expect(p.qualifyingVideos == 6)
    }

    @Test("P-GRADUATE: content and orders from before the pilot started do not count")
    func beforePilotDoesNotCount() {
        let before = at("2026-02-20T10:00:00Z")
        let facts = CreatorFacts(contentEvents: publications(6, from: before, seconds: 60), sales: [sale(orders: 20, at: before)])
        #expect(status(makePilotCreator(), facts: facts, at: after) == .staying)
    }

    @Test("P-GRADUATE: good standing is required (CHR 199 stays, CHR 200 is invited)", arguments: [
        (1, PilotStatus.staying), (0, .quizInvited),
    ])
    func goodStanding(points: Int, expected: PilotStatus) {
        let violations = points > 0 ? [violation(points, at: inPilot)] : []
        let facts = CreatorFacts(violations: violations, sales: [sale(orders: 10, at: inPilot)])
        #expect(defaultPolicy.standing(of: makePilotCreator(), facts: facts, at: after).chr == 200 - points)
        #expect(status(makePilotCreator(), facts: facts, at: after) == expected)
    }

    @Test("P-GRADUATE: the quiz invitation is noted with the criteria met")
    func quizNote() throws {
        let facts = CreatorFacts(sales: [sale(orders: 10, at: inPilot)])
        let report = marketplaceReport(makePilotCreator(), facts: facts, at: after)
        let note = try #require(report.checks(of: .pGraduate).first)
        #expect(note.outcome == .note)
        #expect(note.message.contains("orders"))
    }

    @Test("P-STAY: a pilot creator meeting no criterion after 30 days stays, with a P-STAY note")
    func staying() throws {
        let report = marketplaceReport(makePilotCreator(), at: after)
        #expect(status(makePilotCreator(), at: after) == .staying)
        #expect(PilotStatus.staying.limitsApply)
        let note = try #require(report.checks(of: .pStay).first)
        #expect(note.outcome == .note)
        #expect(note.message.contains("none"))
    }

    @Test("P-GRADUATE: a passed quiz graduates the creator; no pilot limits remain")
    func graduated() {
        let passed = at("2026-04-01T12:00:00Z")
        let creator = makePilotCreator(quizPassedAt: passed)
        #expect(status(creator, at: after) == .graduated(at: passed))
        #expect(!status(creator, at: after).limitsApply)
        #expect(campaignReport(creator, makeCampaign(kind: .discount), at: after).checks(of: .pCampaigns).isEmpty)
        #expect(sampleReport(creator, from: makeShop(score: 50), at: after).checks(of: .pShops).isEmpty)
        #expect(campaignReport(creator, makeCampaign(kind: .discount), at: after).isEligible)
        // Before the quiz was passed the creator was not yet graduated.
        #expect(status(creator, at: passed.addingTimeInterval(-1)) == .staying)
    }

    @Test("P-GRADUATE: the pilot length and criteria follow the config")
    func configuredGraduation() {
        var config = PolicyConfig()
        config.pilotDays = 10
        config.graduationMinOrders = 3
        let policy = Policy(config: config)
        let facts = CreatorFacts(sales: [sale(orders: 3, at: inPilot)])
        let standing = policy.standing(of: makePilotCreator(), facts: facts, at: at("2026-03-11T00:00:00Z"))
        #expect(standing.pilot == .quizInvited)
        #expect(policy.standing(of: makePilotCreator(), facts: facts, at: at("2026-03-10T23:59:59Z")).pilot == .active(endsAt: at("2026-03-11T00:00:00Z")))
    }
}
