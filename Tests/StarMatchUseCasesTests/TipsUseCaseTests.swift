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

    @Test func aCreatorTheMarketplaceRefusesGetsTheRulesInsteadOfTips() throws {
        let f = try Fixture()
        let tips = try f.useCases.tips(creator: "cr-revoked", limit: 10, profile: try f.useCases.profiles.profile("default"), at: Fixture.demo,
                                       caller: manager)
        #expect(tips.refusedBy.contains("E-REVOKED") && tips.products.isEmpty && tips.campaigns.isEmpty)
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

@Suite("T-TIPS figures: the index walks equal plain sums over every sale")
struct ProductSalesStoreTests {
    @Test func productSalesSellersAndGMVEqualSumsOverEverySale() throws {
        let f = try Fixture()
        let to = Fixture.demo, from = Fixture.demo.addingTimeInterval(-30 * 86_400)
        var all: [Sale] = []
        for creator in try f.store.creators(CreatorFilter(limit: 1_000)) {
            all += try f.store.sales(creator: creator.id, from: from.addingTimeInterval(-86_400), to: to.addingTimeInterval(86_400))
        }
        let inWindow = all.filter { $0.product != nil && $0.orderedAt > from && $0.orderedAt <= to }
        // Nested and sibling niches: beauty holds beauty/skincare; "home" must not take in "home-…" siblings twice.
        let niches: [CategoryPath] = ["beauty", "beauty/skincare", "home", "toys/puzzles"]
        let figures = try f.store.productSales(in: niches, from: from, to: to)
        #expect(Set(figures.map(\.product)).count == figures.count, "each product once")
        var expected: [ProductID: (orders: Int, kept: Int, gmv: Int64, sellers: Set<CreatorID>)] = [:]
        for sale in inWindow {
            guard let product = try f.store.product(sale.product!), niches.contains(where: { product.category.isWithin($0) }) else { continue }
            var e = expected[product.id] ?? (0, 0, 0, [])
            e.orders += sale.orders
            e.kept += sale.keptOrders
            e.gmv += sale.keptGMVMinor
            e.sellers.insert(sale.creator)
            expected[product.id] = e
        }
        let admitted = figures.filter { c in niches.contains { c.category.isWithin($0) } }
        #expect(Set(admitted.map(\.product)) == Set(expected.keys))
        #expect(!expected.isEmpty)
        let sellers = try f.store.sellers(of: admitted.map(\.product), from: from, to: to)
        let details = try f.store.productsWithGMV(admitted.map(\.product), from: from, to: to)
        for c in admitted {
            let e = try #require(expected[c.product])
            #expect(c.orders == e.orders && c.keptOrders == e.kept, "\(c.product)")
            #expect(sellers[c.product] == e.sellers.count && details[c.product]?.keptGMVMinor == e.gmv, "\(c.product)")
        }
    }
}

@Suite("A creator's best campaigns: reading only the running campaigns changes nothing (K-OPEN stays the policy's)")
struct RunningCampaignsTests {
    @Test func theNarrowedReadRanksAsEveryCampaign() throws {
        let f = try Fixture()
        let profile = try f.useCases.profiles.profile("default")
        let all = try f.store.campaignsWithShops()
        let instants = ["2026-11-01T07:59:59Z", "2026-11-01T08:00:00Z", "2026-11-25T18:00:00Z", "2026-12-02T07:59:59Z", "2026-12-02T08:00:00Z", "2027-02-01T00:00:00Z"]
            .map { Timestamp.parse($0)! }
        var compared = 0
        for creator in try f.store.creators(CreatorFilter(limit: 1_000)).enumerated().filter({ $0.offset % 9 == 0 }).map(\.element) {
            for at in instants {
                let narrowed = try f.useCases.matches(creator: creator.id, limit: 1_000, profile: profile, at: at, caller: .manager("ana")).ranked
                guard let (_, standing, inputs, scorer) = try f.store.scoringFromState(creator: creator.id, at: at, profile: profile) else { continue }
                let everything = ScoringPopulation.rankCampaigns(creator: creator, standing: standing, inputs: inputs, scorer: scorer,
                    policy: Policy(config: PolicyConfig()), at: at, campaigns: all, limit: 1_000, explain: false)
                #expect(narrowed.map(\.campaign.id) == everything.map(\.campaign.id), "\(creator.id) at \(at)")
                compared += 1
            }
        }
        #expect(compared > 50)
    }
}
