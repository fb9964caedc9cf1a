import Foundation
import GRDB
@testable import StarMatchCore
@testable import StarMatchStore
import Testing

/// A store seeded with the demo dataset of `Seeds/`.
func seededStore() throws -> StarMatchStore {
    let seeds = seedsFolder
    let store = try StarMatchStore(inMemory: PolicyConfig())
    _ = try store.importFiles(ProjectResources.seedFiles(in: seeds))
    return store
}

/// The first column of `sql`'s first row, as a whole number, on either backend.
func count(_ store: StarMatchStore, _ sql: String) throws -> Int {
    try store.sqlRead { db in try db.value(sql, as: Int.self) ?? 0 }
}

@Suite("M-WEEKLY: the weekly batch run", .serialized)
struct BatchTests {
    /// The demo's instant, inside week 2026-W48 and every demo campaign's run: runs and reads at it give the same
    /// answer whatever the wall clock says.
    static let demo = Timestamp.parse("2026-11-25T18:00:00Z")!

    @Test("P-WEEK: ISO week labels map to Monday 00:00 Pacific, DST included")
    func weekLabels() throws {
        let zone = TimeZone(identifier: "America/Los_Angeles")!
        let w48 = try #require(WeeklyBatch.week("2026-W48", timeZone: zone))
        #expect(Timestamp.format(w48.start) == "2026-11-23T08:00:00Z")
        #expect(Timestamp.format(w48.end) == "2026-11-30T08:00:00Z")
        let w11 = try #require(WeeklyBatch.week("2026-W11", timeZone: zone))  // after the 8 March spring-forward
        #expect(Timestamp.format(w11.start) == "2026-03-09T07:00:00Z")
        let w1 = try #require(WeeklyBatch.week("2026-W01", timeZone: zone))  // ISO week 1 of 2026 starts 29 December 2025
        #expect(Timestamp.format(w1.start) == "2025-12-29T08:00:00Z")
        // 2026 starts on a Thursday, so it has an ISO week 53; 2025 (starting on a Wednesday) has not.
        #expect(WeeklyBatch.week("2026-W53", timeZone: zone).map { Timestamp.format($0.start) } == "2026-12-28T08:00:00Z")
        #expect(WeeklyBatch.week("2025-W53", timeZone: zone) == nil)
        #expect(WeeklyBatch.week("2026-48", timeZone: zone) == nil)
        #expect(WeeklyBatch.week("2026-W00", timeZone: zone) == nil)
    }

    @Test("M-ONCE: a declined pair, a pair cancelled by a person and a pair whose sample shipped are never proposed again, next week either, nor matched by hand; the batch replacing its own proposal closes nothing", arguments: TestBackend.all)
    func onceOnly(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let now = Self.demo
        let first = try store.runBatch(week: "2026-W48", profile: ScoringProfile(), now: now)
        let proposed = try store.matches(MatchFilter(state: .proposed, limit: 1_000), at: now).filter { $0.source == "batch" }
        let samples = Set(try store.campaigns(limit: 1000).filter { $0.kind == .sample }.map(\.id.rawValue))
        let shipped = try #require(proposed.first { samples.contains($0.campaign) })
        let others = proposed.filter { $0.id != shipped.id && $0.creator != shipped.creator }
        #expect(others.count >= 3 && first.matches.count == proposed.count)
        let (declined, cancelled, replaced) = (others[0], others[1], others[2])
        _ = try store.transition(match: declined.id, .decline, actor: "creator", at: now)
        _ = try store.transition(match: cancelled.id, .cancel, actor: "manager", note: "brand asked", at: now)
        _ = try store.transition(match: replaced.id, .cancel, actor: "batch", note: "superseded by batch run 99", at: now)
        _ = try store.transition(match: shipped.id, .accept, actor: "creator", at: now)
        _ = try store.transition(match: shipped.id, .ship, actor: "manager", at: now)
        func pairs(_ matches: [BatchMatch]) -> Set<String> { Set(matches.map { "\($0.creator)|\($0.campaign)" }) }
        func pair(_ m: Match) -> String { "\(m.creator)|\(m.campaign)" }
        let closed = try store.sqlRead { db in try StarMatchStore.commitments(db, weekStart: now).closed }
        #expect(Set(closed.map { "\($0.creator)|\($0.campaign)" }) == [pair(declined), pair(cancelled), pair(shipped)])
        for week in ["2026-W48", "2026-W49"] {
            let again = pairs(try store.runBatch(week: week, profile: ScoringProfile(), dryRun: true, now: now).matches)
            for gone in [declined, cancelled, shipped] { #expect(!again.contains(pair(gone)), "\(week): \(pair(gone))") }
        }
        // The same pairs by hand: refused, naming M-ONCE.
        for gone in [declined, cancelled] {
            #expect { _ = try store.createMatch(creator: CreatorID(gone.creator), campaign: CampaignID(gone.campaign), actor: "manager", at: now) } throws: { error in
                (error as? DomainError)?.rules == ["M-ONCE"]
            }
        }
    }

    @Test("M-STEPS: a match moves forward only while its campaign runs (refused at its end, naming M-STEPS), never before its previous step; it can still be declined; a run after a campaign's end proposes nothing for it", arguments: TestBackend.all)
    func stepsWhileRunning(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let friday = "cp-glowlab-black-friday"  // ends 2026-12-02T08:00:00Z
        let end = Timestamp.parse("2026-12-02T08:00:00Z")!
        let before = end.addingTimeInterval(-60)
        let run = try store.runBatch(week: "2026-W49", profile: ScoringProfile(), now: Timestamp.parse("2026-11-30T09:00:00Z")!)
        let proposals = try store.matches(MatchFilter(campaign: CampaignID(friday), state: .proposed, limit: 100), at: before)
        #expect(proposals.count >= 2 && run.matches.contains { $0.campaign == friday })
        // One second before the end: accepted; at the end: refused, naming the rule; declining still works.
        _ = try store.transition(match: proposals[0].id, .accept, actor: "creator", at: end.addingTimeInterval(-1))
        // Never before the previous step: posting a second before the acceptance is refused; the history keeps its order.
        #expect { _ = try store.transition(match: proposals[0].id, .posted, actor: "creator", at: end.addingTimeInterval(-2)) } throws: { error in
            (error as? DomainError)?.rules == ["M-STEPS"]
        }
        #expect(try store.match(proposals[0].id, at: end)?.match.state == .accepted)
        #expect { _ = try store.transition(match: proposals[1].id, .accept, actor: "creator", at: end) } throws: { error in
            (error as? DomainError)?.rules == ["M-STEPS", "K-OPEN"]
        }
        #expect { _ = try store.transition(match: proposals[0].id, .posted, actor: "creator", at: end) } throws: { error in
            (error as? DomainError)?.rules == ["M-STEPS", "K-OPEN"]
        }
        #expect(try store.transition(match: proposals[1].id, .decline, actor: "creator", at: end).state == .declined)
        // A run at or after the end proposes nothing for the campaign, though it ran part of the week.
        let late = try store.runBatch(week: "2026-W49", profile: ScoringProfile(), dryRun: true, now: end)
        #expect(!late.matches.contains { $0.campaign == friday })
        #expect(!late.fills.contains { $0.campaign == friday })
        let early = try store.runBatch(week: "2026-W49", profile: ScoringProfile(), dryRun: true, now: before)
        #expect(early.fills.contains { $0.campaign == friday })
    }

    @Test("M-WEEKLY audit: an exhaustive dry run takes every eligible pair (the cut's and more), is optimal over them, its exported instance solves to the same objective; it never stores", arguments: TestBackend.all)
    func exhaustiveAudit(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let now = Timestamp.parse("2026-11-30T09:00:00Z")!
        let narrow = ScoringProfile(candidatesPerCampaign: 2)  // a cut that bites on the demo
        let cut = try store.runBatch(week: "2026-W49", profile: narrow, dryRun: true, now: now)
        let audit = try store.runBatch(week: "2026-W49", profile: narrow, dryRun: true, exhaustive: true, now: now)
        func pairs(_ instance: MatchingInstance) -> Set<String> { Set(instance.edges.map { "\($0.creator)|\($0.campaign)" }) }
        #expect(pairs(cut.instance).isSubset(of: pairs(audit.instance)))
        // Column generation: the default run reaches the audit's optimum, with a certificate, on fewer pairs.
        #expect(abs(audit.run.objective - cut.run.objective) < 1e-9)
        #expect(cut.run.certificate?.optimal == true && cut.run.certificate?.exhaustive == false)
        #expect(audit.run.certificate?.optimal == true && audit.run.certificate?.exhaustive == true && audit.run.certificate?.rounds == 1)
        let problem = try audit.instance.problem()
        let solution = audit.instance.solution(problem, BMatchingSolver.solve(problem))
        #expect(abs(solution.objective - audit.run.objective) < 1e-9)
        #expect(Set(solution.assignments.map { "\($0.creator)|\($0.campaign)" }) == Set(audit.matches.map { "\($0.creator)|\($0.campaign)" }))
        #expect(throws: DomainError.self) { try store.runBatch(week: "2026-W49", profile: narrow, exhaustive: true, now: now) }
        #expect(try count(store, "SELECT COUNT(*) FROM batch_runs") == 0)
    }

    @Test("M-WEEKLY contention gadget: one candidate per campaign alone falls short of the optimum; column generation reaches it, certified and stored", arguments: TestBackend.all)
    func contentionGadget(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let now = Timestamp.parse("2026-11-30T09:00:00Z")!
        let narrow = ScoringProfile(candidatesPerCampaign: 1)
        let week = try store.isoWeek("2026-W49")
        let population = try store.cachedScoringPopulation(at: week.start, profile: narrow, progress: nil)
        let cutOnly = WeeklyBatch.solve(WeeklyBatch.plan(population: population, campaigns: try store.campaignsWithShops(), week: week, profile: narrow, at: now))
        let audit = try store.runBatch(week: "2026-W49", profile: narrow, dryRun: true, exhaustive: true, now: now)
        #expect(cutOnly.objective < audit.run.objective - 1e-9, "the gadget must bite: the top-1 cut alone reaches \(cutOnly.objective) of \(audit.run.objective)")
        let run = try store.runBatch(week: "2026-W49", profile: narrow, now: now)
        #expect(abs(run.run.objective - audit.run.objective) < 1e-9)
        let certificate = try #require(run.run.certificate)
        #expect(certificate.optimal && certificate.rounds > 1 && abs(certificate.dualObjective - run.run.objective) < 1e-9)
        #expect((certificate.maxReducedCost ?? 0) <= 0)
        #expect(certificate.statement.contains("no eligible pair outside the candidates has positive reduced cost"))
        // Stored with the run and read back as it was.
        #expect(try store.batchRun(run.run.id)?.0.certificate == certificate)
        // Started from the top cut alone (no greedy fill), the rounds reach the same optimum.
        let fromCut = WeeklyBatch.optimal(population: population, campaigns: try store.campaignsWithShops(), week: week, profile: narrow, at: now, greedy: false)
        #expect(fromCut.certificate.optimal && abs(fromCut.result.objective - audit.run.objective) < 1e-9)
        #expect(fromCut.certificate.rounds >= certificate.rounds)
    }

    @Test("M-WEEKLY plan: candidates in (creator id, campaign id) order, fingerprinted over the lines \"creator|campaign|weight\", capacities and slots (the integer sort and the line-free hash equal the plain ones), whatever the population's order", arguments: TestBackend.all)
    func planOrderAndFingerprint(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let now = Timestamp.parse("2026-11-30T09:00:00Z")!
        let week = try store.isoWeek("2026-W49")
        let profile = ScoringProfile()
        let stored = try store.cachedScoringPopulation(at: week.start, profile: profile, progress: nil)
        // The same creators in reverse id order: places in id order are then looked up, not the indexes.
        let reversed = ScoringPopulation(instant: stored.instant, policy: stored.policy, scorer: stored.scorer, creators: stored.creators.reversed(),
                                         standings: stored.standings.reversed(), inputs: stored.inputs.reversed())
        var plans: [WeeklyBatch.Plan] = []
        for population in [stored, reversed] {
            let (plan, result, certificate) = WeeklyBatch.optimal(population: population, campaigns: try store.campaignsWithShops(), week: week, profile: profile, at: now)
            #expect(certificate.optimal)
            #expect(plan.candidates.count > 20)
            #expect(plan.candidates == plan.candidates.sorted { ($0.creator, $0.campaign) < ($1.creator, $1.campaign) })
            // The answer is read off the plan's pairs: in the same order, counted per campaign and creator from them.
            #expect(!result.assignments.isEmpty)
            #expect(result.assignments == result.assignments.sorted { ($0.creator, $0.campaign) < ($1.creator, $1.campaign) })
            #expect(result.assignments.allSatisfy { a in plan.candidates.contains(a) })
            #expect(result.creatorsUsed == Set(result.assignments.map(\.creator)).count)
            for fill in result.fills {
                #expect(fill.filled == result.assignments.count { $0.campaign.rawValue == fill.campaign })
                #expect(fill.candidates == plan.candidates.count { $0.campaign.rawValue == fill.campaign })
            }
            #expect(plan.capacities.count == plan.creators.count && Set(plan.candidates.map(\.creator)) == Set(plan.capacities.keys))
            var hasher = FNV1a()
            hasher.add("\(week.start.timeIntervalSince1970)|\(profile.name)|")
            for c in plan.candidates { hasher.add("\(c.creator)|\(c.campaign)|\(WeeklyBatch.weight(c.score))\n") }
            for (id, capacity) in plan.capacities.sorted(by: { $0.key < $1.key }) { hasher.add("cap|\(id)|\(capacity)\n") }
            for (id, n) in plan.campaigns { hasher.add("slots|\(id)|\(n)\n") }
            #expect(plan.inputsHash == hasher.hex)
            plans.append(plan)
        }
        #expect(plans[0].inputsHash == plans[1].inputsHash)
    }

    @Test("M-WEEKLY greedy start: the fill through the sets' shared skip pointers takes exactly the pairs of a plain greedy over every eligible pair (fast path = slow path)", arguments: TestBackend.all)
    func greedyFillEqualsPlainGreedy(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let now = Timestamp.parse("2026-11-30T09:00:00Z")!
        for (label, profile) in [("2026-W49", ScoringProfile()), ("2026-W49", ScoringProfile(weeklyCapacity: 1)), ("2026-W48", ScoringProfile(minimumNiche: 0))] {
            let week = try store.isoWeek(label)
            let population = try store.cachedScoringPopulation(at: week.start, profile: profile, progress: nil)
            var pricing = WeeklyBatch.Pricing(population: population, campaigns: try store.campaignsWithShops(), week: week, profile: profile,
                                              committed: WeeklyBatch.Commitments(), at: now, grouped: false)
            pricing.greedyFill()
            // The slow path: every eligible pair above the minimum, best weight first (then campaign, then creator id),
            // taken while its creator has capacity and its campaign a slot.
            var pairs: [(weight: Int64, k: Int, id: CreatorID, index: Int32)] = []
            for (k, (campaign, shop)) in pricing.open.enumerated() {
                for entry in population.ranked(campaign, shop: shop, limit: .max, week: week)
                where WeeklyBatch.weight(entry.score) >= pricing.minimumWeight {
                    pairs.append((WeeklyBatch.weight(entry.score), k, entry.id, entry.index))
                }
            }
            pairs.sort { ($1.weight, $0.k, $0.id) < ($0.weight, $1.k, $1.id) }
            var left: [Int32: Int] = [:], filled = [Int](repeating: 0, count: pricing.open.count)
            var taken: [String] = []
            for pair in pairs where filled[pair.k] < pricing.slots[pair.k] {
                let capacity = left[pair.index] ?? pricing.capacity(at: pair.index)
                guard capacity > 0 else { continue }
                left[pair.index] = capacity - 1
                filled[pair.k] += 1
                taken.append("\(population.creators[Int(pair.index)].id)|\(pricing.open[pair.k].0.id)")
            }
            #expect(taken.count > 10, "\(label): the demo must fill something")
            #expect(pricing.edges.map { "\(pricing.creatorID(pricing.populationIndexOf[Int($0.creator)]))|\(pricing.open[Int($0.campaign)].0.id)" } == taken, "\(label)")
        }
    }

    @Test("M-WEEKLY pricing: the resumable scan yields each campaign's creators in the batch's weight order (the shortlist's, equal weights by creator id), at any depth (fast path = shortlist)", arguments: TestBackend.all)
    func scanEqualsShortlist(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let week = try store.isoWeek("2026-W49")
        for profile in [ScoringProfile(), ScoringProfile(minimumNiche: 0)] {
            let population = try store.cachedScoringPopulation(at: week.start, profile: profile, progress: nil)
            var campaignsWithCreators = 0
            for (campaign, shop) in try store.campaignsWithShops() {
                var scan = population.rankedScan(campaign, shop: shop, week: week)
                var scanned: [RankedScan.Entry] = []
                while let entry = scan.next() { scanned.append(entry) }
                // The shortlist's order, equal weights in creator id order.
                let everyone = population.ranked(campaign, shop: shop, limit: .max, week: week)
                    .map { (weight: WeeklyBatch.weight($0.score), id: $0.id, index: $0.index) }
                let byWeight = everyone.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.id < $1.id }
                #expect(scanned.map(\.index) == byWeight.map(\.index), "\(campaign.id)")
                #expect(scanned.map { Int64($0.weight) } == byWeight.map(\.weight), "\(campaign.id)")
                for limit in [1, 5, 40] {
                    #expect(scanned.prefix(limit).map { Int64($0.weight) }
                            == population.shortlist(campaign, shop: shop, limit: limit, week: week).map { WeeklyBatch.weight($0.score) })
                }
                if scanned.count > 5 { campaignsWithCreators += 1 }
            }
            #expect(campaignsWithCreators > 3)
        }
    }

    @Test("M-ELIGIBLE: for a creator the marketplace admits, the scans' eligibility (E-FOLLOWERS and the shop's and campaign's rules only, on whole entities or on the fields they read) equals the full verdict, for every campaign, at several instants and in the batch's week", arguments: TestBackend.all)
    func marketplaceEligibleFastPathEqualsTheFullVerdict(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let campaigns = try store.campaignsWithShops()
        let week = try store.isoWeek("2026-W48")
        var compared = 0, refused = 0
        for at in ["2026-11-01T00:00:00Z", "2026-11-25T18:00:00Z", "2026-12-20T12:00:00Z"] {
            let instant = Timestamp.parse(at)!
            let population = try store.scoringPopulation(at: instant, profile: ScoringProfile())
            let policy = population.policy
            for (i, creator) in population.creators.enumerated() {
                let standing = population.standings[i]
                guard policy.eligibility(creator, standing: standing, at: instant).refusals.isEmpty else { continue }
                for (campaign, shop) in campaigns {
                    for w in [nil, week] {
                        let full = policy.isEligible(creator, standing: standing, for: campaign, shop: shop, at: instant, week: w)
                        let fast = policy.isEligible(marketplaceEligible: creator, standing: standing, for: campaign, shop: shop, at: instant, week: w)
                        // The batch's form: the fields the rules read (CreatorTerms, CampaignTerms).
                        let terms = policy.isEligible(marketplaceEligible: CreatorTerms(creator), standing: standing,
                                                      for: CampaignTerms(campaign, shop: shop), at: instant, week: w)
                        #expect(full == fast && fast == terms, "\(creator.id) for \(campaign.id) at \(at)")
                        compared += 1
                        if !full { refused += 1 }
                    }
                }
            }
        }
        // Both verdicts occur, so the comparison can fail.
        #expect(compared > 1_000 && refused > 100 && refused < compared)
    }

    @Test("M-WEEKLY: a run respects slots, capacities and eligibility, and re-running unchanged inputs changes nothing", arguments: TestBackend.all)
    func idempotent(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let profile = ScoringProfile()
        let first = try store.runBatch(week: "2026-W48", profile: profile, now: Self.demo)
        #expect(!first.reused)
        #expect(first.run.assignments > 0)
        // Slots and capacities hold.
        for fill in first.fills { #expect(fill.filled <= fill.slots) }
        let perCreator = Dictionary(grouping: first.matches, by: \.creator).mapValues(\.count)
        #expect(perCreator.values.allSatisfy { $0 <= profile.weeklyCapacity })
        // Nobody ineligible: no pilot creator in a discount campaign, nobody at the CHR floor.
        #expect(!first.matches.contains { $0.creator == "cr-chr-150" || $0.creator == "cr-standard" })
        let discount = Set(try store.campaigns(limit: 1000).filter { $0.kind == .discount }.map(\.id.rawValue))
        #expect(!first.matches.contains { $0.creator == "cr-pilot-active" && discount.contains($0.campaign) })
        #expect(first.matches.allSatisfy { $0.score >= profile.minimumScore })
        let rows = try count(store, "SELECT COUNT(*) FROM batch_matches")
        let again = try store.runBatch(week: "2026-W48", profile: profile, now: Self.demo)
        #expect(again.reused)
        #expect(again.run.id == first.run.id)
        #expect(again.matches == first.matches)
        #expect(try count(store, "SELECT COUNT(*) FROM batch_runs") == 1)
        #expect(try count(store, "SELECT COUNT(*) FROM batch_matches") == rows)
    }

    @Test("M-WEEKLY: the same inputs give byte-identical assignments in a fresh database")
    func deterministic() throws {
        let a = try seededStore().runBatch(week: "2026-W48", profile: ScoringProfile(), now: Self.demo)
        let b = try seededStore().runBatch(week: "2026-W48", profile: ScoringProfile(), now: Self.demo)
        #expect(a.matches == b.matches)
        #expect(a.run.inputsHash == b.run.inputsHash)
        #expect(a.run.objective == b.run.objective)
    }

    @Test("M-WEEKLY: changed inputs supersede the earlier proposals; a dry run stores nothing", arguments: TestBackend.all)
    func supersedes(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let first = try store.runBatch(week: "2026-W48", profile: ScoringProfile(), now: Self.demo)
        let dry = try store.runBatch(week: "2026-W48", profile: ScoringProfile(weeklyCapacity: 1), dryRun: true, now: Self.demo)
        #expect(dry.dryRun)
        #expect(try count(store, "SELECT COUNT(*) FROM batch_runs") == 1)
        let second = try store.runBatch(week: "2026-W48", profile: ScoringProfile(weeklyCapacity: 1), now: Self.demo)
        #expect(!second.reused)
        #expect(second.run.id != first.run.id)
        #expect(second.matches.map(\.creator).count == Set(second.matches.map(\.creator)).count)  // capacity 1
        let runs = try store.batchRuns()
        #expect(runs.map(\.supersededBy) == [second.run.id, nil])
        #expect(try count(store, "SELECT COUNT(*) FROM batch_matches WHERE run_id = \(first.run.id) AND state = 'superseded'") == first.matches.count)
        #expect(try count(store, "SELECT COUNT(*) FROM batch_matches WHERE run_id = \(second.run.id) AND state = 'proposed'") == second.matches.count)
    }

    @Test("M-WEEKLY: the batch's objective is the optimum of its own candidates, and beats greedy", arguments: TestBackend.all)
    func optimalOverCandidates(_ backend: TestBackend) throws {
        let seeded = try SeededStore(backend)
        defer { seeded.drop() }
        let store = seeded.store
        let profile = ScoringProfile()
        let week = WeeklyBatch.week("2026-W48", timeZone: TimeZone(identifier: "America/Los_Angeles")!)!
        let population = try store.scoringPopulation(at: week.start, profile: profile)
        let plan = WeeklyBatch.plan(population: population, campaigns: try store.campaignsWithShops(), week: week, profile: profile)
        let result = WeeklyBatch.solve(plan)
        var used: [CreatorID: Int] = [:], filled: [CampaignID: Int] = [:]
        let slots = Dictionary(uniqueKeysWithValues: plan.campaigns.map { ($0.id, $0.slots) })
        var greedy = 0.0
        for c in plan.candidates.sorted(by: { $0.score != $1.score ? $0.score > $1.score : ($0.creator, $0.campaign) < ($1.creator, $1.campaign) })
        where used[c.creator, default: 0] < plan.capacities[c.creator]! && filled[c.campaign, default: 0] < slots[c.campaign]! {
            used[c.creator, default: 0] += 1
            filled[c.campaign, default: 0] += 1
            greedy += c.score
        }
        #expect(result.objective >= greedy - 1e-9)
        #expect(abs(result.objective - result.assignments.reduce(0) { $0 + $1.score }) < 1e-6)
    }

    @Test("Stored rows bound through SQLite's own calls (a stored run's proposals) keep every value as given: empty text and blobs are not NULL; a wrong value count or a broken constraint fails naming the statement, and the statement is reusable after")
    func rowsBoundDirectly() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a TEXT NOT NULL, b BLOB NOT NULL, c REAL, d INTEGER, e TEXT, UNIQUE (a, d))")
            let statement = try db.cachedStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?)")
            let rows: [[SQLValue]] = [
                [.text(""), .blob([]), .real(0.25), .integer(-7), .null],
                [.text("kitchen · köken"), .blob([0, 1, 255]), .null, .integer(Int64.max), .text("x")],
            ]
            for row in rows { try StarMatchStore.run(db, statement, row) }
            // A value too many would otherwise be dropped by SQLite and the row stored: refused before the step.
            #expect(throws: DatabaseError.self) {
                try StarMatchStore.run(db, statement, [.text("extra"), .blob([1]), .real(2), .integer(4), .null, .integer(5)])
            }
            // The unique pair ("", -7) again: SQLite's message, with the statement's SQL.
            do {
                try StarMatchStore.run(db, statement, rows[0])
                Issue.record("a duplicate row was stored")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_CONSTRAINT)
                #expect(error.sql == "INSERT INTO t VALUES (?, ?, ?, ?, ?)")
            }
            try StarMatchStore.run(db, statement, [.text("third"), .blob([9]), .real(1), .integer(3), .text("")])
            let stored = try Row.fetchAll(db, sql: "SELECT a, b, c, d, e, typeof(a), typeof(b), typeof(e) FROM t ORDER BY rowid")
            #expect(stored.count == 3)
            #expect(stored[0][0] as String == "" && (stored[0][1] as Data).isEmpty && stored[0][2] as Double == 0.25 && stored[0][3] as Int64 == -7)
            #expect(stored[0][4] as DatabaseValue == .null)
            #expect(stored[0][5] as String == "text" && stored[0][6] as String == "blob")
            #expect(stored[1][0] as String == "kitchen · köken" && [UInt8](stored[1][1] as Data) == [0, 1, 255])
            #expect(stored[1][2] as DatabaseValue == .null && stored[1][3] as Int64 == Int64.max && stored[1][4] as String == "x")
            #expect(stored[2][4] as String == "" && stored[2][7] as String == "text")
        }
    }
}
