import Foundation
import GRDB
@testable import StarMatchStore
import StarMatchCore
import Testing

/// The fast reads of the scoring state (bounds, then only the records that can still enter) equal the whole
/// population built from history, at instants before, at and after the settled boundary.
@Suite("Scoring state reads: the bounded shortlist and one creator's inputs equal the population from history")
struct ScoringStateReadTests {
    /// Settled boundaries far apart, so instants land on both sides of them.
    static let clocks = ["2026-11-29T12:00:00Z", "2026-06-01T00:00:00Z", "2027-02-01T00:00:00Z"]
    static let instants = ["2026-11-25T18:00:00Z", "2026-09-01T00:00:00Z", "2027-03-01T00:00:00Z"].map { Timestamp.parse($0)! }

    func store(settledAt clock: String, profiles: [ScoringProfile]) throws -> StarMatchStore {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Seeds")
        let now = Timestamp.parse(clock)!
        let store = try StarMatchStore(inMemory: PolicyConfig(), scoringProfiles: profiles, settleClock: { now })
        _ = try store.importFiles(ProjectResources.seedFiles(in: seeds))
        return store
    }

    @Test("twelve campaigns, limits 1 and 7 and 50 in one region: the same creators, order and scores", arguments: clocks)
    func shortlistEqualsPopulation(clock: String) throws {
        let profiles = try ["default", "sales-first"].map { try StarMatchStore.profile(named: $0, in: ProjectResources(), currencies: .standard) }
        let store = try store(settledAt: clock, profiles: profiles)
        for profile in profiles {
            for at in Self.instants {
                let history = try store.sqlRead { db in try store.populationFromHistory(db, at: at, profile: profile) }
                for (campaign, shop) in try store.campaignsWithShops().prefix(12) {
                    for (limit, filter) in [(1, ShortlistFilter()), (7, ShortlistFilter()), (50, ShortlistFilter(region: "GB"))] {
                        let expected = history.shortlist(campaign, shop: shop, limit: limit, filter: filter)
                        let fast = try #require(try store.shortlistFromState(campaign, shop: shop, at: at, profile: profile, limit: limit, filter: filter))
                        #expect(fast.salesReference == history.scorer.salesReference, "\(campaign.id) at \(at)")
                        #expect(fast.ranked.map(\.creator.id) == expected.map(\.creator.id), "\(campaign.id) at \(at), limit \(limit), profile \(profile.name)")
                        #expect(fast.ranked.map(\.score) == expected.map(\.score), "\(campaign.id) at \(at)")
                    }
                }
                for creator in history.creators.prefix(25) {
                    let (_, standing, inputs, scorer) = try #require(try store.scoringFromState(creator: creator.id, at: at, profile: profile))
                    let i = try #require(history.index(of: creator.id))
                    #expect(standing == history.standings[i])
                    #expect(inputs == history.inputs[i])
                    #expect(scorer.salesReference == history.scorer.salesReference)
                }
            }
        }
    }

    @Test("a profile whose sales figures the state does not keep reads nothing from it (the caller builds from history)")
    func unknownProfileFallsBack() throws {
        let store = try store(settledAt: Self.clocks[0], profiles: [ScoringProfile()])
        let other = ScoringProfile(salesHalfLifeDays: 30)
        let (campaign, shop) = try #require(try store.campaignsWithShops().first)
        #expect(try store.shortlistFromState(campaign, shop: shop, at: Self.instants[0], profile: other, limit: 5) == nil)
        #expect(try store.scoringPopulation(at: Self.instants[0], profile: other).creators.count == (try store.counts().creators))
    }

    @Test("check --scoring: equal after the seed; a violation deleted behind the state's back is named")
    func checkNamesTheCreator() throws {
        let store = try store(settledAt: Self.clocks[0], profiles: [ScoringProfile()])
        #expect(try store.checkScoring(at: Self.instants[0], profile: ScoringProfile()).ok)
        let victim = try store.writer.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT id, creator_id FROM violations ORDER BY id LIMIT 1")!
            try db.execute(sql: "DELETE FROM violations WHERE id = ?", arguments: [row[0] as String])
            return row[1] as String
        }
        let report = try store.checkScoring(at: nil, profile: ScoringProfile())
        #expect(!report.ok)
        #expect(report.firstDifference?.creator == victim)
        #expect(report.firstDifference?.what.contains("H-POINTS") == true)
        try store.rebuildScoringState()
        #expect(try store.checkScoring(at: Self.instants[1], profile: ScoringProfile()).ok)
    }

    @Test("creator ids compare in SQLite's byte order of their UTF-8: prefixes, empty, non-ASCII, long ids")
    func idsCompareInByteOrder() {
        let alphabet: [String] = ["a", "b", "Z", "0", "é", "ß", "日", "_", "\u{7F}"]
        var generator = SplitMix64(seed: 5)
        var ids = ["", "a", "ab", "abc", "c0000001", "c0000010", "c00000010", String(repeating: "x", count: 40), String(repeating: "x", count: 39) + "é"]
        for _ in 0..<300 { ids.append((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()) }
        for a in ids {
            for b in ids.prefix(60) {
                #expect(BoundScan.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a) against \(b)")
            }
        }
    }

    @Test("a creator's reference from the keys in order equals history, at instants whose approximations underflow too")
    func keyedReferenceEqualsHistory() throws {
        let profiles = try ["default", "sales-first"].map { try StarMatchStore.profile(named: $0, in: ProjectResources(), currencies: .standard) }
        let store = try store(settledAt: Self.clocks[0], profiles: profiles)
        let far = ["2290-01-01T00:00:00Z", "2400-06-01T00:00:00Z"].map { Timestamp.parse($0)! }
        for profile in profiles {
            for at in Self.instants + far {
                let history = try store.sqlRead { db in try store.populationFromHistory(db, at: at, profile: profile) }
                let creator = try #require(history.creators.first)
                let (_, _, _, scorer) = try #require(try store.scoringFromState(creator: creator.id, at: at, profile: profile))
                #expect(scorer.salesReference == history.scorer.salesReference, "\(profile.name) at \(at)")
            }
        }
    }

    @Test("check --scoring: a key missing from the order, an extra one or a wrong count is named; the migration fills the order from the bounds")
    func checkNamesKeyOrder() throws {
        let store = try store(settledAt: Self.clocks[0], profiles: [ScoringProfile()])
        #expect(try store.checkScoring(at: Self.instants[0], profile: ScoringProfile()).ok)
        let keys = try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scoring_keys")! }
        #expect(keys > 0)
        // A key deleted behind the state's back: its creator is named.
        let victim = try store.writer.write { db in
            let row = try Row.fetchOne(db, sql: "SELECT profile, key, creator_id FROM scoring_keys ORDER BY creator_id LIMIT 1 OFFSET 3")!
            try db.execute(sql: "DELETE FROM scoring_keys WHERE profile = ? AND key = ? AND creator_id = ?", arguments: [row[0] as Int, row[1] as Double, row[2] as String])
            return row[2] as String
        }
        var report = try store.checkScoring(at: nil, profile: ScoringProfile())
        #expect(report.firstDifference?.creator == victim)
        #expect(report.firstDifference?.what.contains("scoring_keys") == true)
        try store.rebuildScoringState()
        #expect(try store.checkScoring(at: nil, profile: ScoringProfile()).ok)
        // A key moved: named too.
        let moved = try store.writer.write { db in
            let id = try String.fetchOne(db, sql: "SELECT creator_id FROM scoring_keys ORDER BY key DESC LIMIT 1")!
            try db.execute(sql: "UPDATE scoring_keys SET key = key - 1 WHERE creator_id = ?", arguments: [id])
            return id
        }
        #expect(try store.checkScoring(at: nil, profile: ScoringProfile()).firstDifference?.creator == moved)
        try store.rebuildScoringState()
        // A count off by one: named as the count.
        try store.writer.write { db in try db.execute(sql: "UPDATE scoring_key_counts SET positive = positive + 1") }
        report = try store.checkScoring(at: nil, profile: ScoringProfile())
        #expect(report.firstDifference?.what.contains("scoring_key_counts") == true)
        // A database from before the key order: the migration fills it from the bounds, equal to what writes keep.
        try store.writer.write { db in
            try db.execute(sql: "DROP TABLE scoring_keys; DROP TABLE scoring_key_counts; DELETE FROM grdb_migrations WHERE identifier = 'v7-scoring-keys'")
        }
        try StarMatchStore.migrator.migrate(store.writer)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scoring_keys")! } == keys)
        #expect(try store.checkScoring(at: Self.instants[1], profile: ScoringProfile()).ok)
    }
}
