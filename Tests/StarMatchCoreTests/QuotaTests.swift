import Foundation
import StarMatchCore
import Testing

@Suite("P-WEEK, P-COUNT, P-QUOTA: the pilot's weekly quota")
struct QuotaTests {
    // MARK: P-WEEK

    struct WeekCase: CustomTestStringConvertible, Sendable {
        let instant: String
        let start: String
        let end: String
        let hours: Int
        var testDescription: String { "\(instant) → \(start) + \(hours)h" }
    }

    @Test("P-WEEK: the quota week runs Monday 00:00 to Monday 00:00 America/Los_Angeles, across DST", arguments: [
        // Week of the spring-forward (Sunday 2026-03-08): Monday 00:00 PST = 08:00Z to Monday 00:00 PDT = 07:00Z, 167 h.
        WeekCase(instant: "2026-03-02T00:00:00-08:00", start: "2026-03-02T08:00:00Z", end: "2026-03-09T07:00:00Z", hours: 167),
        WeekCase(instant: "2026-03-08T01:59:59-08:00", start: "2026-03-02T08:00:00Z", end: "2026-03-09T07:00:00Z", hours: 167),
        WeekCase(instant: "2026-03-08T03:00:00-07:00", start: "2026-03-02T08:00:00Z", end: "2026-03-09T07:00:00Z", hours: 167),
        WeekCase(instant: "2026-03-08T23:59:59-07:00", start: "2026-03-02T08:00:00Z", end: "2026-03-09T07:00:00Z", hours: 167),
        // The first full PDT week starts Monday 2026-03-09 00:00 PDT = 07:00Z, 168 h.
        WeekCase(instant: "2026-03-09T00:00:00-07:00", start: "2026-03-09T07:00:00Z", end: "2026-03-16T07:00:00Z", hours: 168),
        WeekCase(instant: "2026-03-15T23:59:59-07:00", start: "2026-03-09T07:00:00Z", end: "2026-03-16T07:00:00Z", hours: 168),
        // Week of the fall-back (Sunday 2026-11-01): 07:00Z to 08:00Z, 169 h; the repeated 01:xx hour is in it twice.
        WeekCase(instant: "2026-10-26T00:00:00-07:00", start: "2026-10-26T07:00:00Z", end: "2026-11-02T08:00:00Z", hours: 169),
        WeekCase(instant: "2026-11-01T01:30:00-07:00", start: "2026-10-26T07:00:00Z", end: "2026-11-02T08:00:00Z", hours: 169),
        WeekCase(instant: "2026-11-01T01:30:00-08:00", start: "2026-10-26T07:00:00Z", end: "2026-11-02T08:00:00Z", hours: 169),
        WeekCase(instant: "2026-11-01T23:59:59-08:00", start: "2026-10-26T07:00:00Z", end: "2026-11-02T08:00:00Z", hours: 169),
        // The first full PST week starts Monday 2026-11-02 00:00 PST = 08:00Z, 168 h.
        WeekCase(instant: "2026-11-02T00:00:00-08:00", start: "2026-11-02T08:00:00Z", end: "2026-11-09T08:00:00Z", hours: 168),
        // An ordinary summer week, at and just before its start.
        WeekCase(instant: "2026-06-15T07:00:00Z", start: "2026-06-15T07:00:00Z", end: "2026-06-22T07:00:00Z", hours: 168),
        WeekCase(instant: "2026-06-15T06:59:59Z", start: "2026-06-08T07:00:00Z", end: "2026-06-15T07:00:00Z", hours: 168),
        // Monday 00:00 UTC is still Sunday in Los Angeles.
        WeekCase(instant: "2026-06-15T00:00:00Z", start: "2026-06-08T07:00:00Z", end: "2026-06-15T07:00:00Z", hours: 168),
        // A winter week across a year boundary.
        WeekCase(instant: "2027-01-01T12:00:00Z", start: "2026-12-28T08:00:00Z", end: "2027-01-04T08:00:00Z", hours: 168),
    ])
    func week(_ c: WeekCase) {
        let week = QuotaWeek(containing: at(c.instant), timeZone: pacific)
        #expect(Timestamp.format(week.start) == c.start)
        #expect(Timestamp.format(week.end) == c.end)
        #expect(week.end.timeIntervalSince(week.start) == Double(c.hours) * hour)
        #expect(week.contains(at(c.instant)))
    }

    @Test("P-WEEK: a week contains its start and not its end")
    func weekBounds() {
        let week = QuotaWeek(containing: at("2026-03-10T12:00:00Z"), timeZone: pacific)
        #expect(week.contains(week.start))
        #expect(week.contains(week.end.addingTimeInterval(-1)))
        #expect(!week.contains(week.end))
        #expect(!week.contains(week.start.addingTimeInterval(-1)))
        #expect(QuotaWeek(containing: week.end, timeZone: pacific).start == week.end)
    }

    @Test("P-WEEK: the config's quotaTimeZone decides the week (UTC weeks start 00:00Z)")
    func weekFollowsConfig() {
        var config = PolicyConfig()
        config.quotaTimeZone = "UTC"
        let week = QuotaWeek(containing: at("2026-03-10T12:00:00Z"), timeZone: config.timeZone)
        #expect(Timestamp.format(week.start) == "2026-03-09T00:00:00Z")
        #expect(PolicyConfig().timeZone.identifier == "America/Los_Angeles")
    }

    // MARK: P-COUNT

    /// Thursday of the week 2026-03-09T07:00Z ..< 2026-03-16T07:00Z.
    let thursday = at("2026-03-12T12:00:00Z")

    func usage(_ events: [ContentEvent], at instant: Date) -> (videos: Int, lives: Int) {
        let u = defaultPolicy.quotaUsage(events: events, at: instant)
        return (u.videos, u.lives)
    }

    @Test("P-WEEK: a video at Sunday 23:59:59 PT counts in the old week, not the new one (spring-forward week)")
    func sundayVideoSpring() {
        let events = [contentEvent("v1", at: at("2026-03-08T23:59:59-07:00"))]
        let old = defaultPolicy.quotaUsage(events: events, at: at("2026-03-08T23:59:59-07:00"))
        #expect(old.videos == 1)
        #expect(Timestamp.format(old.week.start) == "2026-03-02T08:00:00Z")
        let new = defaultPolicy.quotaUsage(events: events, at: at("2026-03-09T00:00:00-07:00"))
        #expect(new.videos == 0)
        #expect(Timestamp.format(new.week.start) == "2026-03-09T07:00:00Z")
    }

    @Test("P-WEEK: a video at Monday 00:00 PT counts in the new week until the next Monday")
    func mondayVideo() {
        let events = [contentEvent("v1", at: at("2026-03-09T00:00:00-07:00"))]
        #expect(usage(events, at: at("2026-03-09T00:00:00-07:00")).videos == 1)
        #expect(usage(events, at: at("2026-03-15T23:59:59-07:00")).videos == 1)
        #expect(usage(events, at: at("2026-03-16T00:00:00-07:00")).videos == 0)
    }

    @Test("P-WEEK: Sunday 23:59:59 vs Monday 00:00 PT in the fall-back week")
    func sundayVideoFall() {
        let late = [contentEvent("v1", at: at("2026-11-01T23:59:59-08:00"))]
        #expect(usage(late, at: at("2026-11-01T23:59:59-08:00")).videos == 1)
        #expect(usage(late, at: at("2026-11-02T00:00:00-08:00")).videos == 0)
        let monday = [contentEvent("v2", at: at("2026-11-02T00:00:00-08:00"))]
        #expect(usage(monday, at: at("2026-11-08T23:59:59-08:00")).videos == 1)
    }

    @Test("P-COUNT: a scheduled video counts once, when scheduled, not again when it goes out")
    func scheduledOnce() {
        let sameWeek = [
            contentEvent("v1", .video, .scheduled, at: at("2026-03-10T10:00:00Z")),
            contentEvent("v1", .video, .published, at: at("2026-03-11T10:00:00Z")),
        ]
        #expect(usage(sameWeek, at: thursday).videos == 1)
        // Scheduled last week, published this week: counted last week only.
        let acrossWeeks = [
            contentEvent("v1", .video, .scheduled, at: at("2026-03-05T10:00:00Z")),
            contentEvent("v1", .video, .published, at: at("2026-03-10T10:00:00Z")),
        ]
        #expect(usage(acrossWeeks, at: thursday).videos == 0)
        #expect(usage(acrossWeeks, at: at("2026-03-06T10:00:00Z")).videos == 1)
        // The order events are given in does not matter.
        #expect(usage(acrossWeeks.reversed(), at: thursday).videos == 0)
    }

    @Test("P-COUNT: a private shoppable video counts")
    func privateCounts() {
        let events = [contentEvent("v1", at: at("2026-03-10T10:00:00Z"), isPrivate: true)]
        #expect(usage(events, at: thursday).videos == 1)
    }

    @Test("P-COUNT: adding a product link to an existing video counts, in the week of the link")
    func linkAddedCounts() {
        let events = [
            contentEvent("v1", .video, .published, at: at("2026-03-05T10:00:00Z"), shoppable: false),
            contentEvent("v1", .video, .linkAdded, at: at("2026-03-10T10:00:00Z")),
        ]
        #expect(usage(events, at: thursday).videos == 1)
        #expect(usage(events, at: at("2026-03-06T10:00:00Z")).videos == 0)
    }

    @Test("P-COUNT: a non-shoppable publication or schedule does not count")
    func nonShoppable() {
        let events = [
            contentEvent("v1", .video, .published, at: at("2026-03-10T10:00:00Z"), shoppable: false),
            contentEvent("v2", .video, .scheduled, at: at("2026-03-10T11:00:00Z"), shoppable: false),
            contentEvent("l1", .live, .published, at: at("2026-03-10T12:00:00Z"), shoppable: false),
        ]
        #expect(usage(events, at: thursday).videos == 0)
        #expect(usage(events, at: thursday).lives == 0)
    }

    @Test("P-COUNT: deleting or removing a video refunds nothing", arguments: [ContentEvent.Action.deleted, .removed])
    func noRefund(action: ContentEvent.Action) {
        let events = [
            contentEvent("v1", .video, .published, at: at("2026-03-10T10:00:00Z")),
            contentEvent("v1", .video, action, at: at("2026-03-11T10:00:00Z")),
            contentEvent("l1", .live, .published, at: at("2026-03-10T10:00:00Z")),
            contentEvent("l1", .live, action, at: at("2026-03-11T10:00:00Z")),
        ]
        #expect(usage(events, at: thursday).videos == 1)
        #expect(usage(events, at: thursday).lives == 1)
    }

    @Test("P-COUNT: a deletion or removal alone counts nothing", arguments: [ContentEvent.Action.deleted, .removed])
    func deletionAlone(action: ContentEvent.Action) {
        #expect(usage([contentEvent("v1", .video, action, at: at("2026-03-10T10:00:00Z"))], at: thursday).videos == 0)
    }

    @Test("P-COUNT: videos and LIVEs are counted apart; events after the instant are not seen")
    func mediaAndInstant() {
        let events = publications(3, .video, from: at("2026-03-10T10:00:00Z"))
            + publications(2, .live, from: at("2026-03-10T10:00:00Z"), prefix: "l")
            + [contentEvent("v9", at: at("2026-03-13T10:00:00Z"))]
        #expect(usage(events, at: thursday).videos == 3)
        #expect(usage(events, at: thursday).lives == 2)
        #expect(usage(events, at: at("2026-03-13T10:00:00Z")).videos == 4)
    }

    @Test("P-COUNT: countsAsShoppable per action", arguments: ContentEvent.Action.allCases, [true, false])
    func countsAsShoppable(action: ContentEvent.Action, shoppable: Bool) {
        let event = contentEvent("v1", .video, action, at: thursday, shoppable: shoppable)
        let expected: Bool
        switch action {
        case .published, .scheduled: expected = shoppable
        case .linkAdded: expected = true
        case .deleted, .removed: expected = false
        }
        #expect(event.countsAsShoppable == expected)
    }

    // MARK: P-QUOTA (through the public eligibility API)

    /// Friday of the week 2026-03-09T07:00Z ..< 2026-03-16T07:00Z, inside the pilot started 2026-03-01.
    let friday = at("2026-03-13T12:00:00Z")

    func quotaFacts(videos: Int, lives: Int) -> CreatorFacts {
        CreatorFacts(contentEvents: publications(videos, .video, from: at("2026-03-10T10:00:00Z"))
            + publications(lives, .live, from: at("2026-03-11T10:00:00Z"), prefix: "l"))
    }

    @Test("P-QUOTA: refused only when both 5 videos and 3 LIVEs are used", arguments: [
        (0, 0, Check.Outcome.pass), (5, 0, .pass), (0, 3, .pass), (4, 3, .pass), (5, 2, .pass), (5, 3, .refuse), (7, 4, .refuse),
    ])
    func quotaUsedUp(videos: Int, lives: Int, expected: Check.Outcome) throws {
        let creator = makePilotCreator()
        let facts = quotaFacts(videos: videos, lives: lives)
        #expect(defaultPolicy.standing(of: creator, facts: facts, at: friday).pilot.limitsApply)
        let report = sampleReport(creator, facts: facts, at: friday)
        #expect(report.outcome(of: .pQuota) == expected)
        #expect(report.isEligible == (expected == .pass))
        #expect(campaignReport(creator, makeCampaign(kind: .sample), facts: facts, at: friday).outcome(of: .pQuota) == expected)
        let check = try #require(report.checks(of: .pQuota).first)
        #expect(check.message.contains("\(videos)/5 videos"))
        #expect(check.message.contains("\(lives)/3 LIVEs"))
        #expect(check.message.contains("resets 2026-03-16T07:00:00Z"))
    }

    @Test("P-QUOTA: a used-up quota frees at Monday 00:00 PT, not a second earlier (P-WEEK)")
    func quotaResets() {
        let creator = makePilotCreator()
        let facts = quotaFacts(videos: 5, lives: 3)
        #expect(sampleReport(creator, facts: facts, at: at("2026-03-15T23:59:59-07:00")).outcome(of: .pQuota) == .refuse)
        #expect(sampleReport(creator, facts: facts, at: at("2026-03-16T00:00:00-07:00")).outcome(of: .pQuota) == .pass)
    }

    @Test("P-QUOTA: no quota check for a creator outside the pilot or with limits lifted", arguments: [
        makeCreator(followers: 2_000), makePilotCreator(followers: 5_000),
    ])
    func quotaOnlyForPilot(creator: Creator) {
        let report = sampleReport(creator, facts: quotaFacts(videos: 5, lives: 3), at: friday)
        #expect(report.checks(of: .pQuota).isEmpty)
        #expect(report.checks(of: .pShops).isEmpty)
        #expect(report.isEligible)
    }

    @Test("P-QUOTA: the marketplace question carries no quota check")
    func marketplaceNoQuota() {
        let report = marketplaceReport(makePilotCreator(), facts: quotaFacts(videos: 5, lives: 3), at: friday)
        #expect(report.checks(of: .pQuota).isEmpty)
        #expect(report.isEligible)
    }

    @Test("P-QUOTA: the quotas follow the config (1 video, 1 LIVE)")
    func configuredQuota() {
        var config = PolicyConfig()
        config.pilotVideoQuota = 1
        config.pilotLiveQuota = 1
        let policy = Policy(config: config)
        let creator = makePilotCreator()
        #expect(sampleReport(creator, facts: quotaFacts(videos: 1, lives: 0), at: friday, policy: policy).outcome(of: .pQuota) == .pass)
        #expect(sampleReport(creator, facts: quotaFacts(videos: 1, lives: 1), at: friday, policy: policy).outcome(of: .pQuota) == .refuse)
    }
}
