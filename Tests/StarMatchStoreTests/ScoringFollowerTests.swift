import Foundation
import GRDB
@testable import StarMatchStore
import StarMatchCore
import Testing

extension StarMatchStore {
    /// The shortlist read from disk (every bound read in the transaction), whatever the follower does.
    func shortlistFromDisk(_ campaign: Campaign, shop: Shop, at instant: Date, profile: ScoringProfile, limit: Int,
                           filter: ShortlistFilter = ShortlistFilter()) throws -> (ranked: [RankedCreator], salesReference: Double)? {
        try sqlRead { db in
            guard let state = try stateAtInstant(db, at: instant, profile: profile) else { return nil }
            return (try shortlist(db, state, campaign, shop: shop, limit: limit, filter: filter, explain: false), state.scorer.salesReference)
        }
    }
}

extension ScoringScenario {
    /// The follower's shortlists (every campaign) and one creator's inputs equal the disk reads and brute force.
    func verifyFollower(at instants: [Date]) throws {
        for t in instants {
            let profile = pick(profiles)
            let history = try store.sqlRead { db in try store.populationFromHistory(db, at: t, profile: profile) }
            for (campaign, shop) in try store.campaignsWithShops() {
                let limit = int(1...8)
                let followed = try #require(try store.shortlistFromState(campaign, shop: shop, at: t, profile: profile, limit: limit))
                let disk = try #require(try store.shortlistFromDisk(campaign, shop: shop, at: t, profile: profile, limit: limit))
                let brute = history.shortlist(campaign, shop: shop, limit: limit)
                let describe = { (r: [RankedCreator]) in r.map { "\($0.creator.id)=\($0.score)" } }
                if followed.ranked.map(\.creator.id) != disk.ranked.map(\.creator.id) || followed.ranked.map(\.score) != disk.ranked.map(\.score)
                    || followed.salesReference != disk.salesReference || followed.ranked.map(\.creator.id) != brute.map(\.creator.id)
                    || followed.ranked.map(\.score) != brute.map(\.score) || followed.salesReference != history.scorer.salesReference {
                    throw ScenarioFailure(description: """
                        follower shortlist(\(campaign.id), limit \(limit)) at \(Timestamp.format(t)): \(describe(followed.ranked)) ref \(followed.salesReference) \
                        vs disk \(describe(disk.ranked)) ref \(disk.salesReference) vs history \(describe(brute)) ref \(history.scorer.salesReference)
                        """)
                }
            }
            if let creator = history.creators.first {
                let i = try #require(history.index(of: creator.id))
                let (_, standing, inputs, scorer) = try #require(try store.scoringFromState(creator: creator.id, at: t, profile: profile))
                if standing != history.standings[i] || inputs != history.inputs[i] || scorer.salesReference != history.scorer.salesReference {
                    throw ScenarioFailure(description: "follower scoringFromState(\(creator.id)) at \(Timestamp.format(t)) differs from history")
                }
            }
            done["follower check", default: 0] += 1
        }
    }
}

/// The server's in-memory follower of the bounds (issue 13): after writes from its own store and from another
/// store on the same file (another process), at several instants, its reads equal the disk reads and the
/// population built from history.
@Suite("Scoring follower: the in-memory bounds follow every write and read like the disk and history")
struct ScoringFollowerTests {
    static let clock = Timestamp.parse("2026-11-29T12:00:00Z")!
    /// The settle clock (the instant after every write), one before the settled boundary, one after it.
    static let instants = [clock, Timestamp.parse("2026-09-01T00:00:00Z")!, Timestamp.parse("2027-01-10T00:00:00Z")!]

    @Test("random writes (rebuilds on new categories included): the follower equals the disk and brute force after each", arguments: TestBackend.all)
    func randomSequences(backend: TestBackend) throws {
        for seed in UInt64(2_000)..<2_003 {
            let scenario = try ScoringScenario(seed: seed, follow: true, backend: backend)
            do {
                try scenario.run(steps: 12)
            } catch {
                Issue.record("\(error)")
            }
            #expect(scenario.done["follower check", default: 0] > 0)
        }
    }

    /// Checks every campaign at every instant (limits 1 and 40) and a few creators' inputs: `follower` equals
    /// `other`'s disk reads and history.
    func expectEqual(_ follower: StarMatchStore, _ other: StarMatchStore, _ note: String) throws {
        for profile in [ScoringProfile()] {
            for at in Self.instants {
                let history = try other.sqlRead { db in try other.populationFromHistory(db, at: at, profile: profile) }
                for (campaign, shop) in try follower.campaignsWithShops() {
                    for limit in [1, 40] {
                        let followed = try #require(try follower.shortlistFromState(campaign, shop: shop, at: at, profile: profile, limit: limit))
                        let disk = try #require(try other.shortlistFromState(campaign, shop: shop, at: at, profile: profile, limit: limit))
                        let brute = history.shortlist(campaign, shop: shop, limit: limit)
                        #expect(followed.ranked.map(\.creator.id) == disk.ranked.map(\.creator.id), "\(note): \(campaign.id) at \(at)")
                        #expect(followed.ranked.map(\.score) == disk.ranked.map(\.score), "\(note): \(campaign.id) at \(at)")
                        #expect(followed.ranked.map(\.creator.id) == brute.map(\.creator.id), "\(note): \(campaign.id) at \(at)")
                        #expect(followed.ranked.map(\.score) == brute.map(\.score), "\(note): \(campaign.id) at \(at)")
                        #expect(followed.salesReference == history.scorer.salesReference, "\(note): at \(at)")
                    }
                }
                for creator in history.creators.suffix(3) + history.creators.prefix(3) {
                    let (_, standing, inputs, scorer) = try #require(try follower.scoringFromState(creator: creator.id, at: at, profile: profile))
                    let i = try #require(history.index(of: creator.id))
                    #expect(standing == history.standings[i] && inputs == history.inputs[i], "\(note): \(creator.id) at \(at)")
                    #expect(scorer.salesReference == history.scorer.salesReference)
                }
            }
        }
    }

    @Test("writes through the follower's store and through a second store on the same database: equal to disk and history", arguments: TestBackend.all)
    func followsOwnAndOtherWrites(backend: TestBackend) throws {
        let dir = try TempDir()
        let clock = Self.clock
        // Two stores on one database: a file on SQLite, one PostgreSQL database (two instances).
        let open: () throws -> StarMatchStore
        switch backend {
        case .sqlite:
            let path = dir.url.appendingPathComponent("follow.sqlite").path
            open = { try StarMatchStore(path: path, settleClock: { clock }) }
        case .postgres:
            let pg = try TestPostgres()
            dir.cleanups.append { pg.drop() }
            open = { try StarMatchStore(postgres: pg.location, settleClock: { clock }) }
        }
        let server = try open()
        _ = try server.importFiles(ProjectResources.seedFiles(in: seedsFolder))
        server.followScoringState()
        let other = try open()
        try expectEqual(server, other, "after the seed")

        let creators = try server.sqlRead { db in try server.populationFromHistory(db, at: clock, profile: ScoringProfile()) }.creators
        let (campaign, shop) = try #require(try server.campaignsWithShops().first)
        var serial = 0
        func sale(_ creator: CreatorID, daysAgo: Double, gmv: Int64) -> Sale {
            serial += 1
            return Sale(id: SaleID("sa-follow-\(serial)"), creator: creator, shop: shop.id, campaign: nil,
                        category: campaign.categories[0], orderedAt: clock.addingTimeInterval(-daysAgo * 86_400), orders: 3,
                        returnedOrders: 0, gmvMinor: gmv, currency: "USD")
        }
        // The server's own writes: validated sales that move keys and the reference, a recent one, a new creator
        // (held past the sorted ones, though its id sorts first) with a sale.
        var newcomer = creators[0]
        newcomer.id = CreatorID("AAA-new")
        newcomer.handle = "aaa new"
        newcomer.identityDocument = "doc-AAA-new"
        _ = try server.writeRecords(.creators, records: [.creator(newcomer)], mode: .create)
        _ = try server.writeRecords(.sales, records: creators.prefix(6).enumerated().map { n, c in .sale(sale(c.id, daysAgo: 35 + Double(n), gmv: 90_000_000)) }
                                    + [.sale(sale(newcomer.id, daysAgo: 40, gmv: 500_000_000)), .sale(sale(creators[7].id, daysAgo: 1, gmv: 10_000))], mode: .create)
        try expectEqual(server, other, "after the server's writes")

        // Another process's writes: a changed creator (other niches), sales, another new creator.
        var changed = creators[3]
        changed.niches = Array(Set(changed.niches + campaign.categories)).sorted { $0.rawValue < $1.rawValue }
        changed.followers += 100_000
        var second = creators[1]
        second.id = CreatorID("zzz-new")
        second.handle = "zzz new"
        second.identityDocument = nil
        second.identityVerified = false
        _ = try other.writeRecords(.creators, records: [.creator(changed)], mode: .replace)
        _ = try other.writeRecords(.creators, records: [.creator(second)], mode: .create)
        _ = try other.writeRecords(.sales, records: creators.suffix(4).map { .sale(sale($0.id, daysAgo: 45, gmv: 300_000_000)) }
                                   + [.sale(sale(second.id, daysAgo: 50, gmv: 700_000_000))], mode: .create)
        try expectEqual(server, other, "after another store's writes")

        // A rebuild elsewhere (a new generation): the follower reloads.
        try other.rebuildScoringState()
        _ = try other.writeRecords(.sales, records: [.sale(sale(creators[2].id, daysAgo: 33, gmv: 800_000_000))], mode: .create)
        try expectEqual(server, other, "after another store's rebuild")
    }
}
