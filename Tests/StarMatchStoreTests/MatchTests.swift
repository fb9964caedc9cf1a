import Foundation
import GRDB
import StarMatchCore
@testable import StarMatchStore
import Testing

@Suite("Matches in the store (issue 6): history, expiry, capacity (M-WEEKLY)", .serialized)
struct MatchStoreTests {
    let demo = Timestamp.parse("2026-11-25T18:00:00Z")!

    @Test(arguments: TestBackend.all) func historyIsAppendOnlyAndNamesActors(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let match = try store.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", actor: "manager:ana", at: demo)
        #expect(match.state == .proposed && match.source == "manual")
        try store.transition(match: match.id, .accept, actor: "manager:ana", at: demo.addingTimeInterval(60))
        try store.transition(match: match.id, .ship, actor: "brand:sh-glowlab", note: "tracking 123", at: demo.addingTimeInterval(3600))
        #expect(throws: DomainError.self) { try store.transition(match: match.id, .accept, actor: "x", at: demo.addingTimeInterval(7200)) }
        let (stored, history) = try #require(try store.match(match.id, at: demo.addingTimeInterval(7200)))
        #expect(stored.state == .sampleShipped)
        #expect(history.map(\.to) == [.proposed, .accepted, .sampleShipped])
        #expect(history.map(\.actor) == ["manager:ana", "manager:ana", "brand:sh-glowlab"])
        #expect(history[2].note == "tracking 123")
        #expect(throws: (any Error).self) { try store.sqlWrite { db in try db.execute("DELETE FROM match_events", []) } }
        #expect(throws: (any Error).self) { try store.sqlWrite { db in try db.execute("UPDATE match_events SET actor = 'x'", []) } }
    }

    @Test("matches, API keys and batch runs are read strictly: a damaged row names table, row and column, never a default")
    func damagedRowsAreNamed() throws {
        let store = try seededStore()
        let match = try store.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", actor: "manager:ana", at: demo)
        let (key, secret) = try store.createAPIKey(role: .manager, shop: nil, label: nil, at: demo)
        _ = try store.runBatch(week: "2026-W48", profile: ScoringProfile(), now: demo)
        let cases: [(damage: String, undo: String, table: String, column: String, read: () throws -> Void)] = [
            ("UPDATE matches SET state = 'maybe'", "UPDATE matches SET state = 'proposed'", "matches", "state",
             { _ = try store.match(match.id, at: self.demo) }),
            ("UPDATE matches SET expires_at = 'soon'", "UPDATE matches SET expires_at = \(Int(match.expiresAt.timeIntervalSince1970))", "matches", "expires_at",
             { _ = try store.matches(MatchFilter(), at: self.demo) }),
            ("UPDATE api_keys SET role = 'admin'", "UPDATE api_keys SET role = 'manager'", "api_keys", "role", { _ = try store.apiKeys() }),
            ("UPDATE batch_runs SET created_at = 1e30", "UPDATE batch_runs SET created_at = \(Int(demo.timeIntervalSince1970))", "batch_runs", "created_at",
             { _ = try store.batchRuns() }),
        ]
        for c in cases {
            // Past the table's CHECK constraints, as a damaged file or a foreign writer would be.
            try store.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA ignore_check_constraints = ON; \(c.damage); PRAGMA ignore_check_constraints = OFF") }
            let error = try #require(throws: DamagedRow.self, "\(c.damage)") { try c.read() }
            #expect(error.table == c.table && error.column == c.column, "\(c.damage): \(error)")
            #expect(DomainError.from(error)?.kind == .damagedData)
            try store.writer.write { db in try db.execute(sql: c.undo) }
        }
        #expect(try store.match(match.id, at: demo)?.match.state == .proposed)
        #expect(try store.apiKeys().map(\.id) == [key.id])
        // A manager key bound to a shop (or a brand key without one) is refused, not read as some role's scope.
        try store.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON; UPDATE api_keys SET shop_id = 'sh-glowlab'; PRAGMA ignore_check_constraints = OFF")
        }
        let error = try #require(throws: DamagedRow.self) { try store.authenticate(secret: secret) }
        #expect(error.table == "api_keys" && error.column == "shop_id")
    }

    @Test(arguments: TestBackend.all) func proposalsExpireAfterTheWindowNotBefore(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let match = try store.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", actor: "m", at: demo)
        let window = Double(store.config.matchProposalDays) * 86_400
        // Reads derive the lapse and store nothing.
        #expect(try store.match(match.id, at: demo.addingTimeInterval(window - 1))?.match.state == .proposed)
        #expect(try store.match(match.id, at: demo.addingTimeInterval(window))?.match.state == .expired)
        #expect(try store.matches(MatchFilter(state: .expired, limit: 10), at: demo.addingTimeInterval(window)).map(\.id) == [match.id])
        #expect(try store.matches(MatchFilter(state: .proposed, limit: 10), at: demo.addingTimeInterval(window)).isEmpty)
        #expect(try count(store, "SELECT COUNT(*) FROM matches WHERE state = 'expired'") == 0)
        // The expiry service on the real clock stores it, dated at the expiry.
        #expect(try store.storeLapsedProposals(now: demo.addingTimeInterval(window - 1)) == 0)
        #expect(try store.storeLapsedProposals(now: demo.addingTimeInterval(window + 3600)) == 1)
        let (expired, history) = try #require(try store.match(match.id, at: demo.addingTimeInterval(window + 3600)))
        #expect(expired.state == .expired)
        // Read at an instant before the expiry, it was still a proposal (the past as it was).
        #expect(try store.match(match.id, at: demo)?.match.state == .proposed)
        #expect(history.last?.actor == "system" && history.last?.at == demo.addingTimeInterval(window))
        #expect(throws: DomainError.self) { try store.transition(match: match.id, .accept, actor: "m", at: demo.addingTimeInterval(window + 1)) }
    }

    @Test("the state filter of a list agrees with the core's derived state, for every state at every instant", arguments: TestBackend.all)
    func stateFilterAgreesWithTheCore(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let profile = try StarMatchStore.profile(named: "default", in: ProjectResources(), currencies: .standard)
        _ = try store.runBatch(week: "2026-W48", profile: profile, now: demo)
        let all = try store.matches(MatchFilter(limit: 10_000), at: demo)
        try store.transition(match: all[0].id, .accept, actor: "m", at: demo.addingTimeInterval(60))
        try store.transition(match: all[1].id, .decline, actor: "m", at: demo.addingTimeInterval(60))
        let window = Double(store.config.matchProposalDays) * 86_400
        for instant in [demo, demo.addingTimeInterval(window - 1), demo.addingTimeInterval(window), demo.addingTimeInterval(400 * 86_400)] {
            let shown = try store.matches(MatchFilter(limit: 10_000), at: instant)
            for state in MatchState.allCases {
                let filtered = try store.matches(MatchFilter(state: state, limit: 10_000), at: instant).map(\.id)
                #expect(filtered == shown.filter { $0.state == state }.map(\.id), "\(state) at \(instant)")
            }
            #expect(shown.allSatisfy { stored in
                let raw = all.first { $0.id == stored.id }!
                return raw.id == all[0].id || raw.id == all[1].id
                    || stored.state == MatchLifecycle.state(raw.state, expiresAt: raw.expiresAt, at: instant)
            })
        }
    }

    @Test(arguments: TestBackend.all) func byHandOnlyForEligibleCreatorsAndOncePerWeek(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        #expect {
            try store.createMatch(creator: "cr-age-under18", campaign: "cp-glowlab-samples", actor: "m", at: demo)
        } throws: { error in
            (error as? DomainError)?.rules.contains("E-AGE") == true && (error as? DomainError)?.rules.first == "M-ELIGIBLE"
        }
        _ = try store.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", actor: "m", at: demo)
        #expect(throws: DomainError.self) { try store.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", actor: "m", at: demo) }
        #expect(throws: StoreError.self) { try store.createMatch(creator: "cr-nobody", campaign: "cp-glowlab-samples", actor: "m", at: demo) }
    }

    @Test(arguments: TestBackend.all) func acceptedMatchesTakeCapacityAndSlotsInTheNextRun(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let profile = try StarMatchStore.profile(named: "default", in: ProjectResources(), currencies: .standard)
        let first = try store.runBatch(week: "2026-W48", profile: profile, now: demo)
        let proposals = try store.matches(MatchFilter(state: .proposed, limit: 10_000), at: demo)
        #expect(proposals.count == first.matches.count)
        // Each proposal, written with the whole run at once, has the one first step a match made alone has.
        #expect(Set(proposals.map { "\($0.creator)|\($0.campaign)|\($0.score ?? -1)" }) == Set(first.matches.map { "\($0.creator)|\($0.campaign)|\($0.score)" }))
        for proposal in proposals {
            let history = try #require(try store.match(proposal.id, at: demo)).history
            #expect(history.count == 1 && history[0].from == nil && history[0].to == .proposed && history[0].at == demo
                    && history[0].actor == "batch" && history[0].note == "batch run \(first.run.id)")
            #expect(proposal.source == "batch" && proposal.runID == first.run.id && proposal.createdAt == demo && proposal.updatedAt == demo)
        }
        // The creator with the most proposals accepts one of them.
        let busiest = Dictionary(grouping: proposals, by: \.creator).max { $0.value.count < $1.value.count }!
        let accepted = busiest.value[0]
        try store.transition(match: accepted.id, .accept, actor: "m", at: demo)
        let second = try store.runBatch(week: "2026-W48", profile: profile, now: demo.addingTimeInterval(60))
        #expect(!second.reused)
        let again = second.matches.filter { $0.creator == accepted.creator }
        #expect(again.count <= profile.weeklyCapacity - 1)
        #expect(!again.contains { $0.campaign == accepted.campaign })
        let campaignSlots = try #require(try store.campaign(CampaignID(accepted.campaign))).slots
        #expect(second.fills.first { $0.campaign == accepted.campaign }?.slots == campaignSlots - 1)
        // The first run's untouched proposals were cancelled for the second's; the accepted one stays.
        #expect(try store.match(accepted.id, at: demo)?.match.state == .accepted)
        let later = demo.addingTimeInterval(60)
        let stale = try store.matches(MatchFilter(limit: 10_000), at: later).filter { $0.runID == first.run.id && $0.id != accepted.id }
        #expect(!stale.isEmpty && stale.allSatisfy { $0.state == .cancelled })
        #expect(try store.matches(MatchFilter(state: .proposed, limit: 10_000), at: later).count == second.matches.count)
        // At the first run's instant, its proposals were still open and the second's did not exist yet.
        #expect(try store.matches(MatchFilter(state: .proposed, limit: 10_000), at: demo).allSatisfy { $0.runID == first.run.id })
    }

    @Test(arguments: TestBackend.all) func fulfilmentCountsSamplesFollowedByContentWithinTheWindow(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let profile = try StarMatchStore.profile(named: "default", in: ProjectResources(), currencies: .standard)
        let days = Double(store.config.fulfilmentDays) * 86_400
        func samples(at instant: Date) throws -> (Int, Int) {
            let population = try store.scoringPopulation(at: instant, profile: profile)
            let inputs = population.inputs[population.index(of: "cr-0001")!]
            return (inputs.samplesShipped, inputs.samplesFulfilled)
        }
        #expect(try samples(at: demo) == (0, 0))
        let posted = try store.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", actor: "m", at: demo)
        let silent = try store.createMatch(creator: "cr-0001", campaign: "cp-nearly-there-samples", actor: "m", at: demo)
        for id in [posted.id, silent.id] {
            try store.transition(match: id, .accept, actor: "m", at: demo)
            try store.transition(match: id, .ship, actor: "brand", at: demo)
        }
        try store.transition(match: posted.id, .posted, actor: "m", at: demo.addingTimeInterval(days - 60))
        // Inside the window only the posted sample is judged (and fulfilled); the silent one is not judged yet.
        #expect(try samples(at: demo.addingTimeInterval(days - 1)) == (1, 1))
        // The window over: the silent sample counts as unfulfilled.
        #expect(try samples(at: demo.addingTimeInterval(days)) == (2, 1))
        // Before the shipping, nothing.
        #expect(try samples(at: demo.addingTimeInterval(-1)) == (0, 0))
        let population = try store.scoringPopulation(at: demo.addingTimeInterval(days), profile: profile)
        let i = population.index(of: "cr-0001")!
        let campaign = try #require(try store.campaign("cp-glowlab-samples"))
        let breakdown = population.scorer.explain(population.inputs[i], CampaignTarget(campaign.categories, table: population.scorer.table))
        #expect(breakdown.components.first { $0.name == "fulfilment" }?.input == "1 of 2 samples followed by content within 14 days")
    }

    @Test(arguments: TestBackend.all) func contentPostedLateIsNotFulfilment(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let profile = try StarMatchStore.profile(named: "default", in: ProjectResources(), currencies: .standard)
        let days = Double(store.config.fulfilmentDays) * 86_400
        let match = try store.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", actor: "m", at: demo)
        try store.transition(match: match.id, .accept, actor: "m", at: demo)
        try store.transition(match: match.id, .ship, actor: "brand", at: demo)
        try store.transition(match: match.id, .posted, actor: "m", at: demo.addingTimeInterval(days + 1))
        let population = try store.scoringPopulation(at: demo.addingTimeInterval(days + 2), profile: profile)
        let inputs = population.inputs[population.index(of: "cr-0001")!]
        #expect((inputs.samplesShipped, inputs.samplesFulfilled) == (1, 0))
    }
}
