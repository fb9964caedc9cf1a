import Foundation
import StarMatchCore
import Testing

@Suite("T-TIPS: best-selling products of the creator's niches, not promoted yet; P-SHOPS for pilots")
struct TipsTests {
    func candidate(_ id: String, category: CategoryPath, kept: Int, shopScore: Double = 97, sellers: Int = 1, price: Int64 = 1_000,
                   rate: Double = 10) -> ProductSales {
        ProductSales(product: ProductID(id), shop: "s1", category: category, shopScore: shopScore, priceMinor: price, commissionPercent: rate,
                     orders: kept, keptOrders: kept, sellers: sellers)
    }

    let niches: [CategoryPath] = ["beauty/skincare", "home"]

    func best(_ candidates: [ProductSales], promoted: Set<ProductID> = [], pilot: Bool = false, limit: Int = 10) -> [ProductID] {
        Tips.best(niches: niches, candidates: candidates, promoted: promoted, pilotLimits: pilot, minShopScore: 95, limit: limit).map(\.product)
    }

    @Test func onlyTheCreatorsNichesNothingPromotedBestSellersFirst() {
        let candidates = [
            candidate("in-leaf", category: "beauty/skincare", kept: 5),
            candidate("below-top", category: "home/decor", kept: 9),
            candidate("sibling", category: "beauty/makeup", kept: 50),      // outside the niches
            candidate("prefix-only", category: "home-garden", kept: 50),    // "home" is not a prefix of a segment
            candidate("promoted", category: "beauty/skincare", kept: 40),
            candidate("unsold", category: "home", kept: 0),                  // not a best-seller
        ]
        #expect(best(candidates, promoted: ["promoted"]) == ["below-top", "in-leaf"])
    }

    @Test func pilotsSeeShopsOf95OrMoreOnlyAtTheEdge() {
        let candidates = [candidate("at-95", category: "home", kept: 1, shopScore: 95), candidate("under", category: "home", kept: 9, shopScore: 94.9)]
        #expect(best(candidates, pilot: true) == ["at-95"])
        #expect(best(candidates, pilot: false) == ["under", "at-95"])
        let product = Product(id: "at-95", shop: "s1", name: "Lamp", category: "home", priceMinor: 1_000, commissionPercent: 10)
        let tip = Tips.tip(candidates[0], product: product, keptGMVMinor: 1_000, niches: niches, volume: CreatorVolume(keptOrders: 0, lines: 0),
                           pilotLimits: true, minShopScore: 95)
        #expect(tip.why.contains("P-SHOPS") && tip.why.contains("no sales of the creator's") && tip.estimatedEarningMinor == 0)
    }

    @Test func theEstimateIsTheUsualVolumeTimesTheCommissionPerItem() {
        // 36 kept orders over 4 lines in 90 days: 3 per product per 30 days; 12.5 % of 20.00 = 2.50 per item.
        let volume = CreatorVolume(keptOrders: 36, lines: 4)
        #expect(volume.usualOrders == 3)
        let figures = candidate("p", category: "home", kept: 2, price: 2_000, rate: 12.5)
        let product = Product(id: "p", shop: "s1", name: "Pan", category: "home", priceMinor: 2_000, commissionPercent: 12.5)
        let tip = Tips.tip(figures, product: product, keptGMVMinor: 4_000, niches: niches, volume: volume, pilotLimits: false, minShopScore: 95)
        #expect(tip.commissionPerItemMinor == 250 && figures.commissionPerItemMinor == 250 && tip.estimatedEarningMinor == 750)
        #expect(tip.keptGMVMinor == 4_000 && tip.why.contains("in the niche home"))
        // Ties: more sellers, then the higher commission per item, then the id.
        let tied = [candidate("b", category: "home", kept: 3, sellers: 1, rate: 20), candidate("a", category: "home", kept: 3, sellers: 1, rate: 20),
                    candidate("c", category: "home", kept: 3, sellers: 2), candidate("d", category: "home", kept: 3, sellers: 1, rate: 30)]
        #expect(best(tied, limit: 3) == ["c", "d", "a"])
    }

    /// Sellers are counted only for the contenders; ranking the contenders must equal ranking everything.
    @Test func rankingTheContendersEqualsRankingEveryCandidate() {
        var rng = SplitMix64(seed: 17)
        for _ in 0..<300 {
            let candidates = (0..<Int(rng.unit() * 40)).map { n in
                candidate("p\(n)", category: rng.unit() < 0.8 ? "home" : "toys", kept: Int(rng.unit() * 6) - 1, shopScore: rng.unit() < 0.5 ? 96 : 90,
                          sellers: Int(rng.unit() * 4), rate: Double(Int(rng.unit() * 3)) * 10)
            }
            let promoted: Set<ProductID> = rng.unit() < 0.5 ? ["p1", "p3"] : []
            let pilot = rng.unit() < 0.3, limit = 1 + Int(rng.unit() * 8)
            let contenders = Tips.contenders(niches: niches, candidates: candidates, promoted: promoted, pilotLimits: pilot, minShopScore: 95, limit: limit)
            #expect(best(contenders, promoted: promoted, pilot: pilot, limit: limit) == best(candidates, promoted: promoted, pilot: pilot, limit: limit))
        }
    }

    @Test func theVolumeWindowIsTheLast90Days() {
        let now = Timestamp.parse("2026-11-25T12:00:00Z")!
        func sale(_ id: String, daysAgo: Double, kept: Int, product: String?) -> Sale {
            Sale(id: SaleID(id), creator: "c1", shop: "s1", category: "home", orderedAt: now.addingTimeInterval(-daysAgo * 86_400), orders: kept,
                 gmvMinor: 100, product: product.map { ProductID($0) })
        }
        let volume = CreatorVolume(sales: [
            sale("edge", daysAgo: 90, kept: 100, product: "x"),   // (now − 90 days) is outside
            sale("in", daysAgo: 89.9, kept: 6, product: "p"), sale("same", daysAgo: 1, kept: 3, product: "p"),
            sale("line", daysAgo: 2, kept: 9, product: nil), sale("future", daysAgo: -1, kept: 50, product: "q"),
        ], at: now)
        #expect(volume.keptOrders == 18 && volume.lines == 2 && volume.usualOrders == 3)
    }
}

@Suite("Match outcomes: attributed sales from acceptance to the campaign's end")
struct MatchOutcomeTests {
    let accepted = Timestamp.parse("2026-11-02T10:00:00Z")!
    var campaign: Campaign {
        Campaign(id: "k1", shop: "s1", name: "K", kind: .sample, categories: ["home"], slots: 5, startsAt: Timestamp.parse("2026-11-01T00:00:00Z")!,
                 endsAt: Timestamp.parse("2026-11-30T00:00:00Z")!, commissionPercent: 20, products: ["p1"])
    }

    func sale(_ id: String, at: Date, campaign: String? = nil, product: String? = "p1", orders: Int = 2, returned: Int = 0, gmv: Int64 = 2_000,
              currency: String = "USD") -> Sale {
        Sale(id: SaleID(id), creator: "c1", shop: "s1", campaign: campaign.map { CampaignID($0) }, category: "home", orderedAt: at, orders: orders,
             returnedOrders: returned, gmvMinor: gmv, currency: currency, product: product.map { ProductID($0) })
    }

    @Test func theWindowOpensAtAcceptanceAndClosesAtTheEnd() throws {
        let end = campaign.endsAt
        let sales = [
            sale("before", at: accepted.addingTimeInterval(-1)),
            sale("at-acceptance", at: accepted),
            sale("last-second", at: end.addingTimeInterval(-1), returned: 1),
            sale("at-end", at: end),
            sale("other-product", at: accepted, product: "p9"),
            sale("other-campaign", at: accepted, campaign: "k2"),
            sale("named-campaign", at: accepted, campaign: "k1", product: nil, gmv: 1_000),
            sale("gbp", at: accepted, gmv: 500, currency: "GBP"),
        ]
        let rates = CommissionRates(campaigns: ["k1": 20], products: ["p1": 10])
        let o = try MatchOutcomes.outcome(campaign: campaign, acceptedAt: accepted, shippedAt: accepted.addingTimeInterval(86_400), sales: sales,
                                          rates: rates, at: end.addingTimeInterval(86_400))
        #expect(o.from == accepted && o.to == end)
        #expect(o.orders == 8 && o.keptOrders == 7 && o.samplesShipped == 1)
        // USD: 2,000 + 1,000 (one of two returned) + 1,000 kept GMV; commission 10 % on product lines, 20 % on the campaign's line.
        let usd = try #require(o.amounts.first { $0.currency == "USD" })
        #expect(usd.gmvMinor == 4_000 && usd.commissionMinor == 200 + 100 + 200 && usd.gmvPerSampleMinor == 4_000)
        #expect(o.amounts.map(\.currency) == ["GBP", "USD"])
    }

    @Test func beforeAcceptanceOrAShipmentLaterThanTheInstantNothingCounts() throws {
        let sales = [sale("a", at: accepted.addingTimeInterval(3_600))]
        let rates = CommissionRates(products: ["p1": 10])
        let never = try MatchOutcomes.outcome(campaign: campaign, acceptedAt: nil, shippedAt: nil, sales: sales, rates: rates, at: campaign.endsAt)
        #expect(never.from == nil && never.orders == 0 && never.amounts.isEmpty)
        let early = try MatchOutcomes.outcome(campaign: campaign, acceptedAt: accepted, shippedAt: accepted.addingTimeInterval(7_200), sales: sales,
                                              rates: rates, at: accepted.addingTimeInterval(3_599))
        #expect(early.orders == 0 && early.samplesShipped == 0 && early.to == accepted.addingTimeInterval(3_599))
        let total = try MatchOutcomes.total([early, try MatchOutcomes.outcome(campaign: campaign, acceptedAt: accepted, shippedAt: accepted,
            sales: sales, rates: rates, at: campaign.endsAt)], to: campaign.endsAt)
        #expect(total.orders == 2 && total.samplesShipped == 1 && total.amounts.first?.gmvPerSampleMinor == 2_000)
    }

    @Test func aLineSeveralMatchesCouldClaimCountsForTheOneAcceptedLast() {
        var other = campaign
        other.id = "k2"
        other.endsAt = Timestamp.parse("2026-11-10T00:00:00Z")!
        let first = AcceptedWindow(match: 1, campaign: campaign, acceptedAt: accepted)
        let second = AcceptedWindow(match: 2, campaign: other, acceptedAt: accepted.addingTimeInterval(3_600))
        let product = sale("p", at: accepted.addingTimeInterval(7_200))               // both feature p1: the later acceptance
        #expect(MatchOutcomes.owner(of: product, among: [first, second]) == 2)
        let early = sale("early", at: accepted.addingTimeInterval(60))                 // before match 2 was accepted
        #expect(MatchOutcomes.owner(of: early, among: [first, second]) == 1)
        let afterK2 = sale("late", at: other.endsAt)                                    // k2 has ended: match 1's
        #expect(MatchOutcomes.owner(of: afterK2, among: [first, second]) == 1)
        let named = sale("named", at: accepted.addingTimeInterval(7_200), campaign: "k1", product: nil)  // names k1: never k2's
        #expect(MatchOutcomes.owner(of: named, among: [first, second]) == 1)
        let tie = AcceptedWindow(match: 3, campaign: campaign, acceptedAt: accepted.addingTimeInterval(3_600))
        #expect(MatchOutcomes.owner(of: product, among: [first, second, tie]) == 3)   // equal acceptances: the higher id
        #expect(MatchOutcomes.owner(of: sale("none", at: accepted, product: "p9"), among: [first, second]) == nil)
    }
}
