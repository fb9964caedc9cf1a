import Foundation
import StarMatchCore
import Testing

@Suite("H- rules: Creator Health Rating")
struct HealthTests {
    let t0 = at("2026-05-01T00:00:00Z")

    func health(_ violations: [Violation] = [], quizzes: [PolicyQuiz] = [], sales: [Sale] = [], at instant: Date = now,
                policy: Policy = defaultPolicy) -> CreatorHealth {
        policy.health(violations: violations, quizzes: quizzes, earnings: policy.earnings(of: sales)!, at: instant)
    }

    @Test("H-POINTS: a new account starts at 200, healthy, with no milestone")
    func start() {
        let h = health()
        #expect(h.chr == 200 && h.band == .healthy && h.violationPoints == 0 && h.milestone == nil)
        #expect(defaultPolicy.standing(of: makeCreator(), facts: CreatorFacts(), at: now).chr == 200)
    }

    @Test("H-POINTS: each violation subtracts its points, clamped at 0", arguments: [
        ([10], 190, 10), ([30, 20], 150, 50), ([199], 1, 199), ([200], 0, 200), ([150, 150], 0, 300), ([1_000], 0, 1_000),
    ])
    func subtraction(points: [Int], chr: Int, total: Int) {
        let h = health(points.enumerated().map { violation($1, at: t0, id: "x\($0)") })
        #expect(h.chr == chr)
        #expect(h.violationPoints == total)
    }

    @Test("H-POINTS: a violation at the instant counts, one a second later does not")
    func violationsAfterInstant() {
        let violations = [violation(30, at: t0, id: "x1"), violation(40, at: t0.addingTimeInterval(1), id: "x2")]
        func chr(_ instant: Date) -> [Int] {
            let h = health(violations, at: instant)
            return [h.chr, h.violationPoints]
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
        #expect(health([violation(100, at: t0)], policy: policy).chr == 400)
        // 30 weeks of 10 earned points: 500 + 300, clamped to the top of 600.
        let sales = (0..<30).map { sale("s\($0)", orders: 10, at: t0.addingTimeInterval(Double($0) * 7 * 86_400)) }
        #expect(health(sales: sales, at: at("2027-06-01T00:00:00Z"), policy: policy).chr == 600)
    }

    @Test("H-POINTS earning: kept orders validated in a quota week earn at its end, at most the weekly cap")
    func earningWeek() throws {
        // Ordered 2026-10-05 10:00Z: validated 30 days later, 2026-11-04 10:00Z, in the week of Monday 2026-11-02
        // 00:00 PST (08:00Z), which ends Monday 2026-11-09 08:00Z.
        let ordered = at("2026-10-05T10:00:00Z")
        let end = at("2026-11-09T08:00:00Z")
        let week = QuotaWeek(containing: at("2026-11-04T10:00:00Z"), timeZone: defaultPolicy.config.timeZone)
        #expect(week.end == end)
        #expect(defaultPolicy.earningCredit(orderedAt: Int64(ordered.timeIntervalSince1970)) == Int64(end.timeIntervalSince1970))
        let three = [sale("s1", orders: 5, returned: 2, at: ordered)]
        #expect(health(sales: three, at: end.addingTimeInterval(-1)).chr == 200)
        let h = health(sales: three, at: end)
        #expect(h.chr == 203 && h.earnedPoints == 3)
        // 25 kept orders in one week earn the cap of 10; returned orders earn nothing.
        let many = [sale("s1", orders: 20, at: ordered), sale("s2", orders: 5, at: ordered.addingTimeInterval(3_600)), sale("s3", orders: 4, returned: 4, at: ordered)]
        #expect(health(sales: many, at: end).chr == 210)
        // The rate follows the config: 3 points an order, 3 orders → 9.
        var config = PolicyConfig()
        config.chrPointsPerKeptOrder = 3
        #expect(health(sales: [sale("s1", orders: 3, at: ordered)], at: end, policy: Policy(config: config)).chr == 209)
    }

    @Test("H-POINTS earning: a week across the end of daylight saving time is 169 hours, and its earnings land at its end")
    func earningAcrossDST() {
        // The week of Monday 2026-10-26 00:00 PDT (07:00Z) ends Monday 2026-11-02 00:00 PST (08:00Z): 169 h.
        let week = QuotaWeek(containing: at("2026-10-30T12:00:00Z"), timeZone: defaultPolicy.config.timeZone)
        #expect(week.end.timeIntervalSince(week.start) == 169 * 3_600)
        let ordered = at("2026-09-30T12:00:00Z")  // validated 2026-10-30 12:00Z
        let sales = [sale("s1", orders: 4, at: ordered)]
        #expect(health(sales: sales, at: week.end.addingTimeInterval(-1)).chr == 200)
        #expect(health(sales: sales, at: week.end).chr == 204)
    }

    @Test("H-POINTS earning: the cached week ends equal the calendar's, in several zones, over three years", arguments: [
        "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "Pacific/Chatham", "Pacific/Kiritimati", "Etc/GMT+12", "UTC",
    ])
    func weekEndsEqualTheCalendar(zone: String) throws {
        var config = PolicyConfig()
        config.quotaTimeZone = zone
        config.returnWindowDays = 0
        let policy = Policy(config: config)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let t = 1_735_689_600 + Int64(state >> 33) % (3 * 365 * 86_400)  // 2025-01-01 … 2027-12-31
            let expected = QuotaWeek(containing: Date(timeIntervalSince1970: Double(t)), timeZone: config.timeZone).end
            #expect(policy.earningCredit(orderedAt: t) == Int64(expected.timeIntervalSince1970), "\(zone) at \(t)")
        }
        // The edges: a week's first second, and its last.
        let week = QuotaWeek(containing: at("2026-03-09T12:00:00Z"), timeZone: config.timeZone)
        let start = Int64(week.start.timeIntervalSince1970)
        #expect(policy.earningCredit(orderedAt: start) == Int64(week.end.timeIntervalSince1970))
        #expect(policy.earningCredit(orderedAt: start - 1) == start)
    }

    @Test("H-POINTS: a perfect policy quiz regains up to 20 lost points, never more than were lost; other scores regain nothing")
    func quizzes() {
        let v = [violation(30, at: t0)]
        func quiz(_ id: String, _ score: Int, _ days: Double) -> PolicyQuiz {
            PolicyQuiz(id: QuizID(id), creator: "cr-1", at: t0.addingTimeInterval(days * 86_400), score: score)
        }
        #expect(health(v, quizzes: [quiz("q1", 99, 1)]).chr == 170)
        let one = health(v, quizzes: [quiz("q1", 100, 1)])
        #expect(one.chr == 190 && one.regainedPoints == 20 && one.violationPoints == 30)
        #expect(health(v, quizzes: [quiz("q1", 100, 1), quiz("q2", 100, 2)]).chr == 200)
        #expect(health(v, quizzes: [quiz("q1", 100, 1), quiz("q2", 100, 2), quiz("q3", 100, 3)]).chr == 200)
        // Without lost points a quiz gives nothing; a quiz before the violation regains nothing of it.
        #expect(health(quizzes: [quiz("q1", 100, 1)]).chr == 200)
        #expect(health(v, quizzes: [quiz("q0", 100, -1)]).chr == 170)
        // Near the top of the scale a quiz wins back only what fits; the rest stays for the violation's appeal.
        var config = PolicyConfig()
        config.chrStart = 1_000
        let top = Policy(config: config)
        let day = 86_400.0
        let strikes = [Violation(id: "x1", creator: "cr-1", kind: .spam, points: 30, at: t0, appealedAt: t0.addingTimeInterval(13 * day)),
                       violation(100, at: t0.addingTimeInterval(12 * day), id: "x2")]
        // 1000 − 30 = 970; +10 (week ending 05-04) and +10 (05-11) = 990; the quiz on 05-12 has room for 10 only.
        let earning = [sale("s1", orders: 10, at: t0.addingTimeInterval(-30 * day)), sale("s2", orders: 10, at: t0.addingTimeInterval(-23 * day))]
        let afterQuiz = health(strikes, quizzes: [quiz("q1", 100, 11)], sales: earning, at: t0.addingTimeInterval(11 * day), policy: top)
        #expect(afterQuiz.chr == 1_000 && afterQuiz.regainedPoints == 10)
        // x2 takes 100 (900); x1's appeal gives back the 20 the quiz did not win back: 920.
        let end = health(strikes, quizzes: [quiz("q1", 100, 11)], sales: earning, at: t0.addingTimeInterval(14 * day), policy: top)
        #expect(end.chr == 920 && end.regainedPoints == 0 && end.violationPoints == 100)
        // Not yet taken at the instant.
        #expect(health(v, quizzes: [quiz("q1", 100, 1)], at: t0.addingTimeInterval(86_399)).chr == 170)
    }

    @Test("H-POINTS: an appeal gives the violation's points back from its instant, once, whatever quizzes regained")
    func appeals() {
        let appealed = t0.addingTimeInterval(10 * 86_400)
        let v = [Violation(id: "x1", creator: "cr-1", kind: .spam, points: 60, at: t0, appealedAt: appealed), violation(10, at: t0, id: "x2")]
        let before = health(v, at: appealed.addingTimeInterval(-1))
        #expect(before.chr == 130 && before.violationPoints == 70 && before.milestone?.chr == 150)
        let after = health(v, at: appealed)
        // The appeal takes the violation out of the points in effect; it is not counted as won back.
        #expect(after.chr == 190 && after.violationPoints == 10 && after.regainedPoints == 0 && after.milestone == nil)
        // A quiz won back 20 of x1's 60 first (the earliest violation; x1 before x2 at one instant): the appeal gives
        // back the 40 still lost, so CHR ends where it would be without x1, and nothing counts twice.
        let quiz = PolicyQuiz(id: "q1", creator: "cr-1", at: t0.addingTimeInterval(86_400), score: 100)
        let both = health(v, quizzes: [quiz])
        #expect(both.chr == 190 && both.violationPoints == 10 && both.regainedPoints == 0)
        #expect(health(v, quizzes: [quiz], at: appealed.addingTimeInterval(-1)).regainedPoints == 20)
        // A violation that hit the clamp at 0 took only what CHR had: its appeal gives back that much.
        let deep = [Violation(id: "x1", creator: "cr-1", kind: .spam, points: 300, at: t0, appealedAt: appealed)]
        #expect(health(deep, at: appealed.addingTimeInterval(-1)).chr == 0)
        #expect(health(deep).chr == 200)
        // At CHR 9 a 40-point violation takes 9: its appeal gives back 9, not 40 (nor another violation's points).
        let low = [violation(191, at: t0, id: "x1"),
                   Violation(id: "x2", creator: "cr-1", kind: .spam, points: 40, at: t0.addingTimeInterval(60), appealedAt: appealed)]
        #expect(health(low, at: appealed.addingTimeInterval(-1)).chr == 0)
        #expect(health(low).chr == 9)
    }

    @Test("H-MILESTONE: 150, 100, 50 and 0 each start an enforcement step, with when they were reached; climbing back clears them")
    func milestones() throws {
        let t1 = t0.addingTimeInterval(86_400), t2 = t0.addingTimeInterval(2 * 86_400)
        let v = [violation(50, at: t0, id: "x1"), violation(60, at: t1, id: "x2"), violation(100, at: t2, id: "x3")]
        #expect(health(v, at: t0.addingTimeInterval(-1)).milestone == nil)
        #expect(health(v, at: t0).milestone == HealthMilestone(chr: 150, step: 1, reachedAt: t0))
        #expect(health(v, at: t1).milestone == HealthMilestone(chr: 100, step: 2, reachedAt: t1))
        let bottom = try #require(health(v, at: t2).milestone)
        #expect(bottom == HealthMilestone(chr: 0, step: 4, reachedAt: t2))
        #expect(bottom.enforcement.contains("revoked"))
        #expect(health(v, at: t2).band == .unhealthy)
        // Earnings lift CHR back above 150 over the weeks: no milestone any more.
        let sales = (0..<20).map { sale("s\($0)", orders: 10, at: t2.addingTimeInterval(Double($0) * 7 * 86_400)) }
        #expect(health(v, sales: sales, at: at("2027-06-01T00:00:00Z")).milestone == nil)
        // The bands.
        #expect(defaultPolicy.band(200) == .healthy && defaultPolicy.band(199) == .caution && defaultPolicy.band(151) == .caution
                && defaultPolicy.band(150) == .unhealthy)
    }

    @Test("H-POINTS: the ceiling is the highest CHR at any instant")
    func ceiling() {
        let ordered = at("2026-01-05T10:00:00Z")
        let sales = (0..<5).map { sale("s\($0)", orders: 10, at: ordered.addingTimeInterval(Double($0) * 7 * 86_400)) }
        let v = [violation(100, at: at("2026-12-01T00:00:00Z"))]
        let policy = defaultPolicy
        #expect(policy.chrCeiling(violations: v, quizzes: [], earnings: policy.earnings(of: sales)!) == 250)
        #expect(policy.chrCeiling(violations: v, quizzes: [], earnings: []) == 200)
    }

    @Test("H-SCORE: 0 when unhealthy, rising through caution, 0.5 at 200, 1 at 1,000, never falling")
    func healthComponent() {
        let scorer = Scorer(profile: ScoringProfile(), table: scoringTable, policy: PolicyConfig(), salesReference: 1)
        #expect(scorer.healthComponent(0) == 0 && scorer.healthComponent(150) == 0)
        #expect(scorer.healthComponent(151) > 0)
        #expect(scorer.healthComponent(175) == 0.25)
        #expect(scorer.healthComponent(200) == 0.5)
        #expect(scorer.healthComponent(600) == 0.75)
        #expect(scorer.healthComponent(1_000) == 1)
        var last = -1.0
        for chr in 0...1_000 {
            let h = scorer.healthComponent(chr)
            #expect(h >= last)
            last = h
        }
    }

    @Test("H-POINTS: earning, quiz and cap settings are validated", arguments: ["chrPointsPerKeptOrder", "chrWeeklyEarningCap", "chrQuizRegainPoints"])
    func settingsValidated(key: String) {
        #expect(throws: ConfigError.self) { try PolicyConfig.load(json: Data("{\"\(key)\": -1}".utf8), source: "p") }
        #expect(throws: ConfigError.self) { try PolicyConfig.load(json: Data("{\"\(key)\": 1001}".utf8), source: "p") }
        #expect((try? PolicyConfig.load(json: Data("{\"\(key)\": 5}".utf8), source: "p")) != nil)
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
