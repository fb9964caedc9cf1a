import Foundation
import StarMatchCore
import Testing

@Suite("Entities: sales, campaigns, content")
struct EntitiesTests {
    @Test("C-VALIDATE: kept orders and kept GMV leave returned orders out, pro rata", arguments: [
        (10, 0, 5_000, 10, 5_000), (10, 3, 5_000, 7, 3_500), (10, 10, 5_000, 0, 0), (0, 0, 0, 0, 0), (3, 1, 100, 2, 66),
    ])
    func keptOrders(orders: Int, returned: Int, gmv: Int64, kept: Int, keptGMV: Int64) {
        let s = Sale(id: "s1", creator: "c1", shop: "sh1", category: "beauty", orderedAt: now, orders: orders, returnedOrders: returned, gmvMinor: gmv)
        #expect(s.keptOrders == kept)
        #expect(s.keptGMVMinor == keptGMV)
    }

    // Bug found: keptGMVMinor computes gmvMinor × keptOrders in Int64 before dividing, which traps on overflow
    // for values RowValidator accepts (gmv_minor ≤ 2^53, orders ≤ 10^9).
    @Test("C-VALIDATE: kept GMV of a sale at the import limits is computed without trapping")
    func keptGMVAtImportLimits() async {
        await #expect(processExitsWith: .success) {
            let s = Sale(
                id: "s1", creator: "c1", shop: "sh1", category: "beauty", orderedAt: Date(timeIntervalSince1970: 0),
                orders: 1_000_000_000, returnedOrders: 1, gmvMinor: Int64(1) << 53)
            precondition(s.keptGMVMinor > 0)
        }
    }

    @Test("K-OPEN: Campaign.isOpen is start-inclusive and end-exclusive")
    func isOpen() {
        let c = makeCampaign(startsAt: at("2026-06-01T00:00:00Z"), endsAt: at("2026-06-02T00:00:00Z"))
        #expect(!c.isOpen(at: at("2026-05-31T23:59:59Z")))
        #expect(c.isOpen(at: at("2026-06-01T00:00:00Z")))
        #expect(c.isOpen(at: at("2026-06-01T23:59:59Z")))
        #expect(!c.isOpen(at: at("2026-06-02T00:00:00Z")))
    }
}
