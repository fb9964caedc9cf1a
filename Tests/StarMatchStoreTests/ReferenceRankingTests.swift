import Foundation
import StarMatchCore
import StarMatchStore
import Testing

@Suite("The plain-SQL reference ranking agrees with the core's scorer")
struct ReferenceRankingTests {
    /// The reference re-derives in SQL what the core computes (the CHR clamp of H-POINTS, the kept-GMV pro rata
    /// of C-VALIDATE, the score): kept only as `bench`'s independent cross-check, and held to the core here.
    @Test("every campaign of the demo: the same creators in the same order, scores within 1e-9", arguments: ["default", "sales-first"])
    func referenceAgreesWithTheCore(profileName: String) throws {
        let store = try seededStore()
        let profile = try StarMatchStore.profile(named: profileName, in: ProjectResources(), currencies: .standard)
        // A CHR drop below the floor and a mostly returned sale put the clamp and the pro rata to work.
        try store.writeRecords(.violations, rows: [RawRow(line: 0, fields: ["vi-ref-1", "cr-0002", "spam", "1000", "2026-11-01T00:00:00Z"])], mode: .create)
        for at in [Timestamp.parse("2026-11-25T18:00:00Z")!, Timestamp.parse("2027-03-01T00:00:00Z")!] {
            let population = try store.scoringPopulation(at: at, profile: profile)
            for (campaign, shop) in try store.campaignsWithShops() {
                let eligible = population.creators.indices.filter {
                    population.policy.isEligible(population.creators[$0], standing: population.standings[$0], for: campaign, shop: shop, at: at)
                }.map { (id: population.creators[$0].id, chr: population.standings[$0].chr) }
                let ours = population.shortlist(campaign, shop: shop, limit: 50)
                let sql = try store.referenceRanking(campaign: campaign, eligible: eligible, profile: profile, at: at, limit: 50)
                #expect(ours.count == sql.count, "\(campaign.id) at \(at)")
                for (a, b) in zip(ours, sql) {
                    #expect(abs(a.score - b.1) < 1e-9, "\(campaign.id): \(a.creator.id) \(a.score) vs \(b.0) \(b.1)")
                }
            }
        }
    }
}
