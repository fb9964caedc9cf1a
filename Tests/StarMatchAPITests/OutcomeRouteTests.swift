import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: tips (T-TIPS), match outcomes and campaign performance (issue 17)")
struct OutcomeRouteTests {
    /// A sales line of cr-0001 selling brand A's featured product `pr-glowlab-3` (beauty/makeup, 8 %).
    static func sale(_ id: String, at: String, orders: Int = 3, gmv: Int64 = 8_082) -> String {
        #"[{"id":"\#(id)","creator":"cr-0001","shop":"sh-glowlab","category":"beauty/makeup","orderedAt":"\#(at)","orders":\#(orders),"returnedOrders":0,"gmvMinor":\#(gmv),"currency":"USD","product":"pr-glowlab-3"}]"#
    }

    @Test func anAcceptedMatchShowsWhatItBroughtInAndABrandSeesItsOwnCampaignsOnly() async throws {
        let f = try APIFixture()
        try await f.test { client in
            // Before acceptance the match has no window.
            let proposed = try object(try await client.call(.get, "/v1/matches/\(f.matchA)", key: f.manager))
            #expect((proposed["outcome"] as? [String: Any])?["from"] == nil && (proposed["outcome"] as? [String: Any])?["orders"] as? Int == 0)
            try await client.call(.post, "/v1/matches/\(f.matchA)/accept", key: f.manager) { #expect($0.status == .ok) }
            // The fixture's clock stands at the acceptance instant: a line at that second counts, one a second before does not.
            try await client.call(.post, "/v1/sales", key: f.manager, body: Self.sale("sa-at", at: "2026-11-25T18:00:00Z")) { #expect($0.status == .created) }
            try await client.call(.post, "/v1/sales", key: f.manager, body: Self.sale("sa-before", at: "2026-11-25T17:59:59Z", orders: 9, gmv: 24_246)) {
                #expect($0.status == .created)
            }
            let shown = try object(try await client.call(.get, "/v1/matches/\(f.matchA)", key: f.brandA) { #expect($0.status == .ok) })
            let outcome = try #require(shown["outcome"] as? [String: Any])
            #expect(outcome["from"] as? String == "2026-11-25T18:00:00Z" && outcome["orders"] as? Int == 3)
            let usd = try #require((outcome["amounts"] as? [[String: Any]])?.first)
            #expect(usd["currency"] as? String == "USD" && usd["gmvMinor"] as? Int == 8_082 && usd["commissionMinor"] as? Int == 647)  // 8 % (C-RATE)
            // The campaign's performance sums its matches; brand B gets the answer an unknown id gets.
            let performance = try object(try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)/performance", key: f.brandA) {
                #expect($0.status == .ok)
            })
            #expect((performance["total"] as? [String: Any])?["orders"] as? Int == 3)
            #expect((performance["matchesByState"] as? [String: Int])?["accepted"] == 1)
            #expect((performance["matches"] as? [[String: Any]])?.first?["creator"] as? String == "cr-0001")
            var answers: [String] = []
            for target in [APIFixture.campaignA, "cp-nobody-has-this"] {
                let response = try await client.call(.get, "/v1/campaigns/\(target)/performance", key: f.brandB)
                #expect(response.status == .notFound)
                answers.append(((try? object(response))?["detail"] as? String ?? "").replacingOccurrences(of: target, with: "ID"))
            }
            #expect(answers[0] == answers[1], "\(answers)")
            try await client.call(.get, "/v1/matches/\(f.matchA)", key: f.brandB) { #expect($0.status == .notFound) }
        }
    }

    @Test func tipsAreForManagersAndNameTheirFigures() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let tips = try object(try await client.call(.get, "/v1/creators/cr-0001/tips?limit=5", key: f.manager) { #expect($0.status == .ok) })
            #expect(tips["creator"] as? String == "cr-0001" && tips["at"] as? String == "2026-11-25T18:00:00Z")
            let products = try #require(tips["products"] as? [[String: Any]])
            let campaigns = try #require(tips["campaigns"] as? [[String: Any]])
            #expect(products.count <= 5 && campaigns.count <= 5)
            for p in products {
                #expect(p["product"] is String && p["commissionPercent"] is Double && p["why"] is String && p["estimatedEarningMinor"] is Int)
            }
            for c in campaigns { #expect(c["campaign"] is String && c["why"] is String) }
            try await client.call(.get, "/v1/creators/cr-0001/tips", key: f.brandA) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/creators/cr-nobody/tips", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/creators/cr-0001/tips?limit=0", key: f.manager) { #expect($0.status == .badRequest) }
        }
    }
}
