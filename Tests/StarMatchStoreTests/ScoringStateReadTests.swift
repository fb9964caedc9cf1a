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

    /// The demo data on `backend`, its state settled at `clock`; `drop()` the result when done.
    func seeded(settledAt clock: String, profiles: [ScoringProfile], backend: TestBackend = .sqlite) throws -> SeededStore {
        let now = Timestamp.parse(clock)!
        return try SeededStore(backend, scoringProfiles: profiles, settleClock: { now })
    }

    /// Every clock on SQLite; the first on PostgreSQL (its instants fall on both sides of that boundary already).
    static let clocksOnBackends = TestBackend.all.flatMap { backend in (backend == .sqlite ? clocks : [clocks[0]]).map { (backend, $0) } }

    @Test("twelve campaigns, limits 1 and 7 and 50 in one region: the same creators, order and scores", arguments: clocksOnBackends)
    func shortlistEqualsPopulation(backend: TestBackend, clock: String) throws {
        let profiles = try ["default", "sales-first"].map { try StarMatchStore.profile(named: $0, in: ProjectResources(), currencies: .standard) }
        let seeded = try seeded(settledAt: clock, profiles: profiles, backend: backend)
        defer { seeded.drop() }
        let store = seeded.store
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

    @Test("a shortlist never opens a record past where its walk stops: a damaged record of a creator without niche fit (M-NICHE) fails nothing, on PostgreSQL's read-ahead too",
          arguments: TestBackend.all)
    func walkStopsBeforeUnreachedRecords(backend: TestBackend) throws {
        let seeded = try seeded(settledAt: Self.clocks[0], profiles: [ScoringProfile()], backend: backend)
        defer { seeded.drop() }
        let store = seeded.store, at = Self.instants[0]
        let (campaign, shop) = try #require(try store.campaignsWithShops().first { $0.0.id.rawValue == "cp-glowlab-black-friday" })
        let tops = Set(campaign.categories.map { String($0.rawValue.split(separator: "/")[0]) })
        // A creator sharing no top-level category with the campaign: its bound is −∞ and the walk ends before it.
        let outsider = try #require(try store.creators(CreatorFilter(limit: 10_000)).first { creator in
            !creator.niches.contains { tops.contains(String($0.rawValue.split(separator: "/")[0])) }
        })
        // A limit no list fills: the walk runs until the bounds of −∞.
        let before = try #require(try store.shortlistFromState(campaign, shop: shop, at: at, profile: ScoringProfile(), limit: 10_000))
        #expect(!before.ranked.isEmpty && !before.ranked.contains { $0.creator.id == outsider.id })
        let zero = backend == .sqlite ? "x'00'" : #"'\x00'::bytea"#
        try store.sqlWrite { db in try db.execute("UPDATE scoring_records SET record = \(zero) WHERE creator_id = ?", [.text(outsider.id.rawValue)]) }
        let after = try #require(try store.shortlistFromState(campaign, shop: shop, at: at, profile: ScoringProfile(), limit: 10_000))
        #expect(after.ranked.map(\.creator.id) == before.ranked.map(\.creator.id) && after.ranked.map(\.score) == before.ranked.map(\.score))
        // The damage is still named where the record is read: check --scoring.
        #expect(throws: DamagedRow.self) { try store.checkScoring(at: at, profile: ScoringProfile()) }
    }

    @Test("a profile whose sales figures the state does not keep reads nothing from it (the caller builds from history)", arguments: TestBackend.all)
    func unknownProfileFallsBack(backend: TestBackend) throws {
        let seeded = try seeded(settledAt: Self.clocks[0], profiles: [ScoringProfile()], backend: backend)
        defer { seeded.drop() }
        let store = seeded.store
        let other = ScoringProfile(salesHalfLifeDays: 30)
        let (campaign, shop) = try #require(try store.campaignsWithShops().first)
        #expect(try store.shortlistFromState(campaign, shop: shop, at: Self.instants[0], profile: other, limit: 5) == nil)
        #expect(try store.scoringPopulation(at: Self.instants[0], profile: other).creators.count == (try store.counts().creators))
    }

    @Test("check --scoring: equal after the seed; a violation deleted behind the state's back is named", arguments: TestBackend.all)
    func checkNamesTheCreator(backend: TestBackend) throws {
        let seeded = try seeded(settledAt: Self.clocks[0], profiles: [ScoringProfile()], backend: backend)
        defer { seeded.drop() }
        let store = seeded.store
        #expect(try store.checkScoring(at: Self.instants[0], profile: ScoringProfile()).ok)
        let victim = try store.sqlWrite { db in
            let row = try #require(try db.rows("SELECT id, creator_id FROM violations ORDER BY id LIMIT 1", []).first)
            try db.execute("DELETE FROM violations WHERE id = ?", [row.storedValue(at: 0)])
            return try #require(row.get(1, as: String.self))
        }
        let report = try store.checkScoring(at: nil, profile: ScoringProfile())
        #expect(!report.ok)
        #expect(report.firstDifference?.creator == victim)
        #expect(report.firstDifference?.what.contains("H-POINTS") == true)
        // A bound kept for no creator, its id just before the victim's (after every other creator before it): named
        // first, the first difference in id order.
        let last = try #require(victim.unicodeScalars.last?.value)
        let nobody = String(victim.dropLast()) + String(UnicodeScalar(UInt8(last - 1))) + "~"
        #expect(try store.creator(CreatorID(nobody)) == nil && nobody < victim)
        try store.sqlWrite { db in
            try db.execute("""
                INSERT INTO scoring_bounds (creator_id, followers, chr_ceiling, samples, tops, sales_keys, seq)
                SELECT ?, followers, chr_ceiling, samples, tops, sales_keys, seq FROM scoring_bounds WHERE creator_id = ?
                """, [.text(nobody), .text(victim)])
        }
        let orphan = try store.checkScoring(at: nil, profile: ScoringProfile()).firstDifference
        #expect(orphan?.creator == nobody && orphan?.what.contains("scoring_bounds") == true, "\(String(describing: orphan))")
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

    @Test("a creator's reference from the keys in order equals history, at instants whose approximations underflow too", arguments: TestBackend.all)
    func keyedReferenceEqualsHistory(backend: TestBackend) throws {
        let profiles = try ["default", "sales-first"].map { try StarMatchStore.profile(named: $0, in: ProjectResources(), currencies: .standard) }
        let seeded = try seeded(settledAt: Self.clocks[0], profiles: profiles, backend: backend)
        defer { seeded.drop() }
        let store = seeded.store
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

    @Test("a cold read whose pending creator's settled keys are not a blob throws DamagedRow naming scoring_bounds.sales_keys")
    func damagedSettledKeyIsNamed() throws {
        // SQLite only: PostgreSQL's bytea column holds nothing but bytes.
        let seeded = try seeded(settledAt: Self.clocks[0], profiles: [ScoringProfile()])
        defer { seeded.drop() }
        let store = seeded.store
        // Before the boundary: the sales settled since the instant's own boundary are taken away, and every one of their
        // creators' keys is looked up. (After it, pending sales only add and a creator's key is read only if its sales
        // could reach the rank: `Scorer.salesReference(positiveKeys:known:lifted:…)`.)
        let at = Self.instants[1]
        let victim = try store.sqlRead { db in
            let settled = try #require(try db.value("SELECT value FROM scoring_frame WHERE key = 'settled_through'", [], as: String.self))
            let row = try #require(try db.rows("SELECT creator_id FROM sales WHERE ordered_at <= ? ORDER BY ordered_at DESC, id LIMIT 1", [.integer(Int64(settled)!)]).first)
            return CreatorID(try #require(row.get(0, as: String.self)))
        }
        #expect(try store.scoringFromState(creator: victim, at: at, profile: ScoringProfile()) != nil)
        try store.sqlWrite { db in
            try db.execute("UPDATE scoring_bounds SET sales_keys = 'not keys' WHERE creator_id = ?", [.text(victim.rawValue)])
        }
        let error = try #require(throws: DamagedRow.self) { try store.scoringFromState(creator: victim, at: at, profile: ScoringProfile()) }
        #expect(error.table == "scoring_bounds" && error.column == "sales_keys" && error.id == victim.rawValue, "\(error)")
    }

    @Test("a read-only one-shot open keeps SQLite's default page cache (2,000 KiB); a pool's connections keep 128 MiB")
    func pageCacheBySortOfOpen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let writable = try StarMatchStore(path: path)
        #expect(try writable.sqlRead { try $0.value("PRAGMA cache_size", [], as: Int.self) } == -StarMatchStore.poolCacheKiB)
        #expect(try writable.sqlWrite { try $0.value("PRAGMA cache_size", [], as: Int.self) } == -StarMatchStore.poolCacheKiB)
        let reader = try StarMatchStore(path: path, readOnly: true)
        #expect(try reader.sqlRead { try $0.value("PRAGMA cache_size", [], as: Int.self) } == -2_000)
        #expect(StarMatchStore.poolCacheKiB == 131_072)
    }

    @Test("the JSON array of ids a lookup passes reads back as the same strings: quotes, backslashes, control characters, non-ASCII")
    func jsonArrayRoundTrips() throws {
        var generator = SplitMix64(seed: 11)
        let alphabet: [String] = ["a", "Z", "0", "\"", "\\", "/", "\u{0}", "\n", "\t", "\u{1F}", "\u{7F}", "é", "日", "😀", "-", "_"]
        var lists: [[String]] = [[], [""], ["c0000001"], ["\"\\\""]]
        for _ in 0..<200 {
            lists.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in
                (0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            })
        }
        for list in lists {
            let text = jsonArray(list)
            #expect(try JSONDecoder().decode([String].self, from: Data(text.utf8)) == list, "\(text)")
        }
        // SQLite's own JSON reader gets the same strings back (but for U+0000, where its text values end).
        let queue = try DatabaseQueue()
        for list in lists.suffix(80) where !list.contains(where: { $0.contains("\u{0}") }) {
            let read = try queue.read { db in try String.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [jsonArray(list)]) }
            #expect(read == list)
        }
    }

    @Test("check --scoring: a key missing from the order, an extra one or a wrong count is named; the migration fills the order from the bounds",
          arguments: TestBackend.all)
    func checkNamesKeyOrder(backend: TestBackend) throws {
        let seeded = try seeded(settledAt: Self.clocks[0], profiles: [ScoringProfile()], backend: backend)
        defer { seeded.drop() }
        let store = seeded.store
        #expect(try store.checkScoring(at: Self.instants[0], profile: ScoringProfile()).ok)
        let keys = try store.sqlRead { db in try db.value("SELECT COUNT(*) FROM scoring_keys", as: Int.self) ?? 0 }
        #expect(keys > 0)
        // A key deleted behind the state's back: its creator is named.
        let victim = try store.sqlWrite { db in
            let row = try #require(try db.rows("SELECT profile, key, creator_id FROM scoring_keys ORDER BY creator_id LIMIT 1 OFFSET 3", []).first)
            try db.execute("DELETE FROM scoring_keys WHERE profile = ? AND key = ? AND creator_id = ?", [row.storedValue(at: 0), row.storedValue(at: 1), row.storedValue(at: 2)])
            return try #require(row.get(2, as: String.self))
        }
        var report = try store.checkScoring(at: nil, profile: ScoringProfile())
        #expect(report.firstDifference?.creator == victim)
        #expect(report.firstDifference?.what.contains("scoring_keys") == true)
        try store.rebuildScoringState()
        #expect(try store.checkScoring(at: nil, profile: ScoringProfile()).ok)
        // A key moved: named too.
        let moved = try store.sqlWrite { db in
            let id = try #require(try db.value("SELECT creator_id FROM scoring_keys ORDER BY key DESC LIMIT 1", as: String.self))
            try db.execute("UPDATE scoring_keys SET key = key - 1 WHERE creator_id = ?", [.text(id)])
            return id
        }
        #expect(try store.checkScoring(at: nil, profile: ScoringProfile()).firstDifference?.creator == moved)
        try store.rebuildScoringState()
        // A count off by one: named as the count.
        try store.sqlWrite { db in try db.execute("UPDATE scoring_key_counts SET positive = positive + 1", []) }
        report = try store.checkScoring(at: nil, profile: ScoringProfile())
        #expect(report.firstDifference?.what.contains("scoring_key_counts") == true)
        guard backend == .sqlite else { return }  // PostgreSQL's schema starts with the key order
        // A database from before the key order: the migration fills it from the bounds, equal to what writes keep.
        try store.writer.write { db in
            try db.execute(sql: "DROP TABLE scoring_keys; DROP TABLE scoring_key_counts; DELETE FROM grdb_migrations WHERE identifier = 'v7-scoring-keys'")
        }
        try StarMatchStore.migrator.migrate(store.writer)
        #expect(try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scoring_keys")! } == keys)
        #expect(try store.checkScoring(at: Self.instants[1], profile: ScoringProfile()).ok)
    }
}
