import Foundation
import StarMatchCore
import Testing

@Suite("H- rules: Creator Health Rating")
struct HealthTests {
    let t0 = at("2026-05-01T00:00:00Z")

    @Test("H-POINTS: a new account starts at 200 with no violation points")
    func start() {
        let result = defaultPolicy.chr(violations: [], at: now)
        #expect(result.chr == 200)
        #expect(result.points == 0)
        #expect(defaultPolicy.standing(of: makeCreator(), facts: CreatorFacts(), at: now).chr == 200)
    }

    @Test("H-POINTS: CHR = 200 − points, clamped to 0…1,000", arguments: [
        ([10], 190, 10), ([30, 20], 150, 50), ([199], 1, 199), ([200], 0, 200), ([150, 150], 0, 300), ([1_000], 0, 1_000),
    ])
    func subtraction(points: [Int], chr: Int, total: Int) {
        let violations = points.enumerated().map { violation($1, at: t0, id: "x\($0)") }
        let result = defaultPolicy.chr(violations: violations, at: now)
        #expect(result.chr == chr)
        #expect(result.points == total)
    }

    @Test("H-POINTS: points given back never lift CHR above 1,000")
    func upperClamp() {
        let result = defaultPolicy.chr(violations: [violation(-5_000, at: t0)], at: now)
        #expect(result.chr == 1_000)
        #expect(defaultPolicy.chr(violations: [violation(-300, at: t0)], at: now).chr == 500)
    }

    @Test("H-POINTS: a violation at the instant counts, one a second later does not")
    func violationsAfterInstant() {
        let violations = [violation(30, at: t0, id: "x1"), violation(40, at: t0.addingTimeInterval(1), id: "x2")]
        func chr(_ instant: Date) -> [Int] {
            let r = defaultPolicy.chr(violations: violations, at: instant)
            return [r.chr, r.points]
        }
        #expect(chr(t0.addingTimeInterval(-1)) == [200, 0])
        #expect(chr(t0) == [170, 30])
        #expect(chr(t0.addingTimeInterval(1)) == [130, 70])
        let standing = defaultPolicy.standing(of: makeCreator(), facts: CreatorFacts(violations: violations), at: t0)
        #expect(standing.chr == 170)
        #expect(standing.violationPoints == 30)
    }

    @Test("H-POINTS: the start and scale follow the config")
    func configuredScale() {
        var config = PolicyConfig()
        config.chrStart = 500
        config.chrMax = 600
        let policy = Policy(config: config)
        #expect(policy.chr(violations: [violation(100, at: t0)], at: now).chr == 400)
        #expect(policy.chr(violations: [violation(-500, at: t0)], at: now).chr == 600)
    }

    @Test("H-FLOOR: CHR exactly 150 is refused, 151 passes", arguments: [
        (49, 151, Check.Outcome.pass), (50, 150, .refuse), (51, 149, .refuse), (200, 0, .refuse),
    ])
    func floor(points: Int, chr: Int, expected: Check.Outcome) throws {
        let facts = CreatorFacts(violations: [violation(points, at: t0)])
        let report = marketplaceReport(makeCreator(), facts: facts)
        #expect(defaultPolicy.standing(of: makeCreator(), facts: facts, at: now).chr == chr)
        #expect(report.outcome(of: .hFloor) == expected)
        #expect(campaignReport(makeCreator(), makeCampaign(kind: .discount), facts: facts).outcome(of: .hFloor) == expected)
        #expect(sampleReport(makeCreator(), facts: facts).outcome(of: .hFloor) == expected)
        #expect(report.isEligible == (expected == .pass))
        let check = try #require(report.checks(of: .hFloor).first)
        #expect(check.message.contains("CHR \(chr)"))
    }

    @Test("H-FLOOR: the floor follows the config (chrFloor 100)")
    func configuredFloor() {
        var config = PolicyConfig()
        config.chrFloor = 100
        let policy = Policy(config: config)
        let at150 = CreatorFacts(violations: [violation(50, at: t0)])
        let at100 = CreatorFacts(violations: [violation(100, at: t0)])
        #expect(marketplaceReport(makeCreator(), facts: at150, policy: policy).outcome(of: .hFloor) == .pass)
        #expect(marketplaceReport(makeCreator(), facts: at100, policy: policy).outcome(of: .hFloor) == .refuse)
    }

    @Test("H-EVASION: exactly the four editing-trick kinds are evasion")
    func evasionKinds() {
        let evasion = Set(Violation.Kind.allCases.filter(\.isEvasion))
        #expect(evasion == [.evasionStitch, .evasionOverlay, .evasionFastCuts, .evasionDisguisedRepost])
        #expect(!Violation.Kind.spam.isEvasion)
        #expect(!Violation.Kind.counterfeit.isEvasion)
    }

    @Test("H-EVASION: every violation kind, evasion or not, subtracts its own points", arguments: Violation.Kind.allCases)
    func evasionCarriesPoints(kind: Violation.Kind) {
        let facts = CreatorFacts(violations: [violation(60, at: t0, kind: kind)])
        let standing = defaultPolicy.standing(of: makeCreator(), facts: facts, at: now)
        #expect(standing.chr == 140)
        #expect(standing.violationPoints == 60)
        #expect(marketplaceReport(makeCreator(), facts: facts).outcome(of: .hFloor) == .refuse)
    }
}

@Suite("Record rules: M-FULFIL judging and E-IDDOC order")
struct RecordRuleTests {
    let ship = Date(timeIntervalSince1970: 1_790_000_000)
    let day: TimeInterval = 86_400

    @Test("M-FULFIL: content posted on the window's last second is fulfilled; a second later it is not")
    func fulfilmentWindowEdge() {
        var onEdge = SampleFulfilment()
        onEdge.add(shippedAt: ship, postedAt: ship + 14 * day, at: ship + 20 * day, windowDays: 14)
        #expect(onEdge == SampleFulfilment(judged: 1, fulfilled: 1))
        var late = SampleFulfilment()
        late.add(shippedAt: ship, postedAt: ship + 14 * day + 1, at: ship + 20 * day, windowDays: 14)
        #expect(late == SampleFulfilment(judged: 1, fulfilled: 0))
    }

    @Test("M-FULFIL: a sample inside its window without content is not judged; judged once the window is over")
    func fulfilmentPending() {
        var pending = SampleFulfilment()
        pending.add(shippedAt: ship, postedAt: nil, at: ship + 14 * day - 1, windowDays: 14)
        #expect(pending == SampleFulfilment())
        var over = SampleFulfilment()
        over.add(shippedAt: ship, postedAt: nil, at: ship + 14 * day, windowDays: 14)
        #expect(over == SampleFulfilment(judged: 1, fulfilled: 0))
    }

    @Test("M-FULFIL: what happens after the instant is not known yet (a later posting, a later shipping)")
    func fulfilmentFuture() {
        var record = SampleFulfilment()
        record.add(shippedAt: ship, postedAt: ship + 3 * day, at: ship + 2 * day, windowDays: 14)
        record.add(shippedAt: ship + 5 * day, postedAt: nil, at: ship + 2 * day, windowDays: 14)
        #expect(record == SampleFulfilment())
        record.add(shippedAt: ship, postedAt: ship + 3 * day, at: ship + 3 * day, windowDays: 14)
        #expect(record == SampleFulfilment(judged: 1, fulfilled: 1))
    }

    @Test("E-IDDOC: accounts on one document ordered by registration, equal registrations by id; no document, no rank")
    func documentOrder() {
        let t = ship
        let accounts: [(position: Int, id: CreatorID, registeredAt: Date, document: String?)] = [
            (0, "cr-b", t, "doc-1"), (1, "cr-a", t, "doc-1"), (2, "cr-c", t - 1, "doc-1"),
            (3, "cr-d", t, "doc-2"), (4, "cr-e", t, nil),
        ]
        let earlier = IdentityDocumentOrder.earlierAccounts(accounts)
        #expect(earlier == [2: 0, 1: 1, 0: 2, 3: 0])
    }
}
