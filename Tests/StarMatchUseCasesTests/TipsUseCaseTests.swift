import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases
import Testing

@Suite("T-TIPS and outcomes on the demo data", .serialized)
struct TipsUseCaseTests {
    let manager = Principal.manager("ana")

    @Test func everyTipIsInTheCreatorsNichesUnpromotedAndForPilotsOfA95Shop() throws {
        let f = try Fixture()
        let profile = try f.useCases.profiles.profile("default")
        let creators = try f.store.creators(CreatorFilter(limit: 1_000))
        var pilotsWithTips = 0, productTips = 0
        for creator in creators.enumerated().filter({ $0.offset % 3 == 0 }).map(\.element) {
            let tips = try f.useCases.tips(creator: creator.id, limit: 10, profile: profile, at: Fixture.demo, caller: manager)
            // Promoted: any sales line of the creator naming the product, up to the instant.
            let sold = Set(try f.store.sales(creator: creator.id, from: .distantPast, to: Fixture.demo).compactMap(\.product))
            for tip in tips.products {
                productTips += 1
                #expect(creator.niches.contains { tip.category.isWithin($0) }, "\(creator.id): \(tip.product) outside the niches")
                #expect(!sold.contains(tip.product), "\(creator.id) already sold \(tip.product)")
                if tips.pilotLimits { #expect(tip.shopScore >= 95, "pilot \(creator.id): \(tip.product) of a shop under 95 (P-SHOPS)") }
            }
            if tips.pilotLimits && !tips.products.isEmpty { pilotsWithTips += 1 }
            // P-CAMPAIGNS: a pilot is offered samples only.
            if tips.pilotLimits { #expect(tips.campaigns.allSatisfy { $0.kind == .sample }) }
            #expect(tips.products.map(\.keptOrders) == tips.products.map(\.keptOrders).sorted(by: >))
        }
        #expect(productTips > 20)
        _ = pilotsWithTips
    }

    @Test func aProductOnceSoldOrFeaturedByAnAcceptedMatchIsNoLongerATip() throws {
        let f = try Fixture()
        let profile = try f.useCases.profiles.profile("default")
        let creators = try f.store.creators(CreatorFilter(limit: 1_000))
        let (creator, tip) = try #require(try creators.lazy.compactMap { c -> (Creator, ProductTip)? in
            try f.useCases.tips(creator: c.id, limit: 1, profile: profile, at: Fixture.demo, caller: manager).products.first.map { (c, $0) }
        }.first)
        let sale = Sale(id: "sa-tip", creator: creator.id, shop: tip.shop, category: tip.category, orderedAt: Fixture.demo.addingTimeInterval(-60),
                        orders: 1, gmvMinor: tip.priceMinor, currency: tip.currency, product: tip.product)
        _ = try f.useCases.createEntities(.sales, [.sale(sale)], caller: manager)
        let after = try f.useCases.tips(creator: creator.id, limit: 50, profile: profile, at: Fixture.demo, caller: manager)
        #expect(!after.products.contains { $0.product == tip.product })
        // Before the sale's instant, it is still a tip (a read at an earlier instant sees the data as it was).
        let earlier = try f.useCases.tips(creator: creator.id, limit: 50, profile: profile, at: Fixture.demo.addingTimeInterval(-120), caller: manager)
        #expect(earlier.products.contains { $0.product == tip.product })
    }

    @Test func tipsAndPerformanceAreReadsThatWriteNothing() throws {
        let f = try Fixture()
        let before = try f.hashes()
        let profile = try f.useCases.profiles.profile("default")
        _ = try f.useCases.tips(creator: "cr-0001", limit: 10, profile: profile, at: Fixture.demo.addingTimeInterval(86_400 * 400), caller: manager)
        _ = try f.useCases.campaignPerformance("cp-glowlab-black-friday", at: Fixture.demo.addingTimeInterval(86_400 * 400), caller: manager)
        _ = try f.useCases.commissions(product: "pr-glowlab-3", at: Fixture.demo, caller: manager)
        #expect(try f.hashes() == before)
    }
}
