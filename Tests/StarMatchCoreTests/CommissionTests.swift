import Foundation
import StarMatchCore
import Testing

@Suite("C-RATE, C-VALIDATE: estimated and validated commission")
struct CommissionTests {
    let ordered = Timestamp.parse("2026-10-01T12:00:00Z")!

    func sale(_ id: String, orders: Int, returned: Int, gmv: Int64, at: Date, campaign: String? = "k1", currency: String = "USD",
              product: String? = nil) -> Sale {
        Sale(id: SaleID(id), creator: "c1", shop: "s1", campaign: campaign.map { CampaignID($0) }, category: "beauty", orderedAt: at,
             orders: orders, returnedOrders: returned, gmvMinor: gmv, currency: currency, product: product.map { ProductID($0) })
    }

    @Test func validatesExactlyWhenTheReturnWindowHasPassed() throws {
        let sales = [sale("a", orders: 4, returned: 1, gmv: 10_000, at: ordered)]  // 3 kept of 4: 7,500 kept GMV
        let window = 30.0 * 86_400
        let before = try Commissions.lines(sales: sales, rates: CommissionRates(campaigns: ["k1": 20]), at: ordered.addingTimeInterval(window - 1), returnWindowDays: 30)
        #expect(before.count == 1)
        #expect(before[0].estimatedMinor == 1_500 && before[0].validatedMinor == 0 && before[0].pendingMinor == 1_500)
        #expect(before[0].nextValidation == ordered.addingTimeInterval(window))
        let at = try Commissions.lines(sales: sales, rates: CommissionRates(campaigns: ["k1": 20]), at: ordered.addingTimeInterval(window), returnWindowDays: 30)
        #expect(at[0].validatedMinor == 1_500 && at[0].pendingMinor == 0 && at[0].nextValidation == nil)
        #expect(at[0].orders == 4 && at[0].keptOrders == 3)
    }

    @Test func returnsEarnNothingAndOtherSalesAreLeftOut() throws {
        let sales = [
            sale("all-returned", orders: 2, returned: 2, gmv: 5_000, at: ordered),
            sale("no-campaign", orders: 1, returned: 0, gmv: 5_000, at: ordered, campaign: nil),
            sale("future", orders: 1, returned: 0, gmv: 5_000, at: ordered.addingTimeInterval(86_400 * 90)),
            sale("gbp", orders: 1, returned: 0, gmv: 1_000, at: ordered, currency: "GBP"),
        ]
        let lines = try Commissions.lines(sales: sales, rates: CommissionRates(campaigns: ["k1": 12.5]), at: ordered.addingTimeInterval(86_400 * 40), returnWindowDays: 30)
        #expect(lines.map(\.currency) == ["GBP", "USD"])
        #expect(lines[0].estimatedMinor == 125 && lines[0].validatedMinor == 125)
        #expect(lines[1].estimatedMinor == 0 && lines[1].orders == 2 && lines[1].keptOrders == 0)
    }

    @Test func aLineNamingItsProductEarnsTheProductsRateAndValidatesAtTheWindowEdge() throws {
        // C-RATE per product: the seller's rate of the product, whether or not the line was sold under a campaign.
        let rates = CommissionRates(campaigns: ["k1": 20], products: ["p1": 8, "p2": 30])
        let sales = [
            sale("under-campaign", orders: 2, returned: 0, gmv: 10_000, at: ordered, product: "p1"),
            sale("no-campaign", orders: 1, returned: 0, gmv: 5_000, at: ordered, campaign: nil, product: "p2"),
            sale("campaign-only", orders: 1, returned: 0, gmv: 1_000, at: ordered),
            sale("unknown-product", orders: 1, returned: 0, gmv: 1_000, at: ordered, campaign: nil, product: "gone"),
        ]
        let window = 30.0 * 86_400
        let before = try Commissions.lines(sales: sales, rates: rates, at: ordered.addingTimeInterval(window - 1), returnWindowDays: 30)
        #expect(before.map { "\($0.campaign?.rawValue ?? "-")/\($0.product?.rawValue ?? "-")" } == ["-/p2", "k1/-", "k1/p1"])
        let byProduct = Dictionary(uniqueKeysWithValues: before.map { ($0.product?.rawValue ?? "-", $0) })
        #expect(byProduct["p1"]?.ratePercent == 8 && byProduct["p1"]?.estimatedMinor == 800 && byProduct["p1"]?.validatedMinor == 0)
        #expect(byProduct["p2"]?.ratePercent == 30 && byProduct["p2"]?.estimatedMinor == 1_500 && byProduct["p2"]?.pendingMinor == 1_500)
        #expect(byProduct["-"]?.ratePercent == 20 && byProduct["-"]?.estimatedMinor == 200)
        // At the window's edge exactly, every line is validated (C-VALIDATE).
        let at = try Commissions.lines(sales: sales, rates: rates, at: ordered.addingTimeInterval(window), returnWindowDays: 30)
        #expect(at.allSatisfy { $0.validatedMinor == $0.estimatedMinor && $0.nextValidation == nil })
    }

    @Test func theEstimateShownBeforePromotingIsPriceTimesRate() {
        let product = Product(id: "p1", shop: "s1", name: "Serum", category: "beauty", priceMinor: 1_999, commissionPercent: 12.5)
        #expect(product.commissionPerItemMinor == 250)  // 249.875 rounded
        let yen = Product(id: "p2", shop: "s1", name: "Mask", category: "beauty", priceMinor: 1_500, currency: "JPY", commissionPercent: 10)
        #expect(yen.commissionPerItemMinor == 150 && ISO4217.amount(minor: yen.commissionPerItemMinor, currency: "JPY") == "150 JPY")
    }
}
