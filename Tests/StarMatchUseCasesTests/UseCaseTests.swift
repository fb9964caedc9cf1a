import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases
import Testing

/// A clock the test sets.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var time: Date
    init(_ time: Date) { self.time = time }
    var now: Date {
        get { lock.withLock { time } }
        set { lock.withLock { time = newValue } }
    }
}

/// The demo data in memory, with the use cases on a clock the test sets.
final class Fixture: Sendable {
    static let demo = Timestamp.parse("2026-11-25T18:00:00Z")!
    let store: StarMatchStore
    let useCases: StarMatchUseCases
    let clock = TestClock(Fixture.demo)
    var now: Date {
        get { clock.now }
        set { clock.now = newValue }
    }

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        store = try StarMatchStore(inMemory: PolicyConfig())
        _ = try store.importFiles(ProjectResources.seedFiles(in: root.appendingPathComponent("Seeds")))
        let resources = ProjectResources(environment: ["STARMATCH_HOME": root.path])
        useCases = StarMatchUseCases(store: store, profiles: ProfileCatalog(resources: resources, currencies: .standard), clock: { [clock] in clock.now })
    }

    func hashes() throws -> [String: String] { try store.check(hashes: true).hashes ?? [:] }
}

@Suite("Use cases: reads never write, one error per case, one visibility rule", .serialized)
struct UseCaseTests {
    let manager = Principal.manager("ana")
    let glowlab = Principal(keyID: "key_b", role: .brand, shop: "sh-glowlab")

    @Test("every read use case at a far-future instant leaves every table's hash as it was")
    func readsNeverWrite() throws {
        let f = try Fixture()
        // Given: a proposal by hand and a batch run's proposals, all open now.
        let match = try f.useCases.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", caller: manager)
        let profile = try f.useCases.profiles.profile("default")
        let run = try f.useCases.runBatch(week: "2026-W48", profile: profile, caller: manager)
        let before = try f.hashes()
        // When: every read asks about 2030.
        let future = Timestamp.parse("2030-01-01T00:00:00Z")!
        let listed = try f.useCases.matches(MatchFilter(limit: 10_000), at: future, caller: manager)
        let (shown, history) = try f.useCases.match(match.id, at: future, caller: manager)
        _ = try f.useCases.matches(MatchFilter(state: .expired, limit: 10_000), at: future, caller: manager)
        _ = try f.useCases.creatorStatus("cr-0001", at: future, caller: manager)
        _ = try f.useCases.creatorStanding("cr-0001", at: future, caller: manager)
        _ = try f.useCases.eligibility(creator: "cr-0001", campaign: "cp-glowlab-samples", at: future, caller: manager)
        _ = try f.useCases.shortlist(campaign: "cp-glowlab-samples", limit: 20, profile: profile, at: future, caller: manager)
        _ = try f.useCases.matches(creator: "cr-0001", limit: 10, profile: profile, at: future, caller: manager)
        _ = try f.useCases.why(creator: "cr-0001", campaign: "cp-glowlab-samples", profile: profile, at: future, caller: manager)
        _ = try f.useCases.commissions(at: future, caller: manager)
        _ = try f.useCases.batchRuns(caller: manager)
        _ = try f.useCases.batchRun(run.run.id, caller: manager)
        _ = try f.useCases.deskReport(week: "2029-W52", profile: profile, caller: manager)
        _ = try f.useCases.keys(caller: manager)
        // Then: they show the lapse, dated at the real expiry, and nothing was stored.
        #expect(listed.allSatisfy { $0.state != .proposed })
        #expect(shown.state == .expired && shown.updatedAt == match.expiresAt)
        #expect(history.last?.to == .expired && history.last?.at == match.expiresAt && history.last?.actor == "system")
        #expect(try f.hashes() == before)
        // And at the demo instant the same match is still proposed.
        #expect(try f.useCases.match(match.id, at: Fixture.demo, caller: manager).match.state == .proposed)
    }

    @Test("the next write stores the lapse at its real expiry; accepting an expired proposal is refused")
    func writesStoreTheLapse() throws {
        let f = try Fixture()
        let match = try f.useCases.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", caller: manager)
        f.now = match.expiresAt.addingTimeInterval(3600)
        #expect(throws: DomainError.self) { try f.useCases.transition(match: match.id, .accept, caller: manager) }
        do {
            _ = try f.useCases.transition(match: match.id, .accept, caller: manager)
        } catch let error as DomainError {
            #expect(error.kind == .illegalTransition && error.message.contains("it is expired"))
        }
        // A new match stores it, dated at the expiry rather than the write's time.
        _ = try f.useCases.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", caller: manager)
        let (stored, history) = try f.useCases.match(match.id, at: f.now, caller: manager)
        #expect(stored.state == .expired)
        #expect(history.last?.at == match.expiresAt)
        // Stored, not only derived: nothing is left for the expiry service to store.
        #expect(try f.store.storeLapsedProposals(now: f.now) == 0)
        // Read at the demo instant, before its window ended, it was still a proposal (reads show the past as it was).
        #expect(try f.useCases.match(match.id, at: Fixture.demo, caller: manager).match.state == .proposed)
    }

    @Test("a brand sees its own shop's campaigns and matches; anything else is not found, as an unknown id")
    func brandVisibility() throws {
        let f = try Fixture()
        let profile = try f.useCases.profiles.profile("default")
        let own = try f.useCases.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", caller: manager)
        #expect(try f.useCases.match(own.id, at: Fixture.demo, caller: glowlab).match.id == own.id)
        _ = try f.useCases.shortlist(campaign: "cp-glowlab-samples", limit: 5, profile: profile, at: Fixture.demo, caller: glowlab)
        let other = try #require(try f.store.campaigns(limit: 10_000).first { $0.shop != "sh-glowlab" })
        for attempt in [
            { _ = try f.useCases.shortlist(campaign: other.id, limit: 5, profile: profile, at: Fixture.demo, caller: glowlab) },
            { _ = try f.useCases.shortlist(campaign: "cp-nope", limit: 5, profile: profile, at: Fixture.demo, caller: glowlab) },
            { _ = try f.useCases.eligibility(creator: "cr-0001", at: Fixture.demo, caller: glowlab) },
            { _ = try f.useCases.createMatch(creator: "cr-0001", campaign: "cp-glowlab-samples", caller: glowlab) },
            { _ = try f.useCases.match(9_999, at: Fixture.demo, caller: manager) },
        ] as [() throws -> Void] {
            #expect { try attempt() } throws: { ($0 as? DomainError)?.kind == .notFound }
        }
        #expect { try f.useCases.transition(match: own.id, .accept, caller: glowlab) } throws: { ($0 as? DomainError)?.kind == .forbidden }
        #expect(try f.useCases.matches(MatchFilter(limit: 100), at: Fixture.demo, caller: glowlab).allSatisfy { $0.shop == "sh-glowlab" })
    }

    @Test("refusals name their rules; an unknown id is not found in every use case")
    func typedErrors() throws {
        let f = try Fixture()
        #expect {
            try f.useCases.createMatch(creator: "cr-age-under18", campaign: "cp-glowlab-samples", caller: manager)
        } throws: { error in
            let e = error as? DomainError
            return e?.kind == .refused && e?.rules.first == "M-ELIGIBLE" && e?.rules.contains("E-AGE") == true
        }
        #expect { try f.useCases.recordQuizPassed("cr-pilot-stay", caller: manager) } throws: {
            ($0 as? DomainError)?.kind == .refused && ($0 as? DomainError)?.rules == ["P-GRADUATE"]
        }
        #expect { try f.useCases.recordQuizPassed("cr-nobody", caller: manager) } throws: { ($0 as? DomainError)?.kind == .notFound }
        #expect { try f.useCases.batchRun(42, caller: manager) } throws: { ($0 as? DomainError)?.kind == .notFound }
        #expect { try f.useCases.revokeKey("key_nope", caller: manager) } throws: { ($0 as? DomainError)?.kind == .notFound }
        #expect { try f.useCases.deskReport(week: "2026-48", profile: try f.useCases.profiles.profile("default"), caller: manager) } throws: {
            ($0 as? DomainError)?.kind == .invalidInput
        }
        #expect { _ = try f.useCases.profiles.profile("nope") } throws: { DomainError.from($0)?.kind == .invalidInput }
    }
}
