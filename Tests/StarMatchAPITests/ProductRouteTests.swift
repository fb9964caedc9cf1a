import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// A product's JSON; without `id` (a brand's create: the server assigns it).
func productBody(id: String?, shop: String?, category: String = "beauty/skincare") -> String {
    var members: [String] = []
    if let id { members.append("\"id\":\"\(id)\"") }
    if let shop { members.append("\"shop\":\"\(shop)\"") }
    members += ["\"name\":\"Glow serum\"", "\"category\":\"\(category)\"", "\"priceMinor\":2499", "\"currency\":\"USD\"",
                "\"commissionPercent\":15", "\"freeSample\":true"]
    return "{" + members.joined(separator: ",") + "}"
}

@Suite("API: products (issue 17, C-RATE) — a brand manages its own shop's only")
struct ProductRouteTests {
    @Test func aBrandCreatesReadsAndChangesItsOwnProductsOnly() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let created = try await client.call(.post, "/v1/products", key: f.brandA, body: productBody(id: nil, shop: nil)) { response in
                #expect(response.status == .created)
            }
            let product = try object(created)
            let id = try #require(product["id"] as? String)
            #expect(id.hasPrefix("pr-") && product["shop"] as? String == APIFixture.shopA && product["commissionPercent"] as? Double == 15)
            #expect(created.headers[.location] == "/v1/products/\(id)")
            try await client.call(.get, "/v1/products/\(id)", key: f.brandA) { #expect($0.status == .ok) }
            try await client.call(.patch, "/v1/products/\(id)", key: f.brandA, body: #"{"commissionPercent": 20}"#) { response in
                #expect(response.status == .ok && (try? object(response))?["commissionPercent"] as? Double == 20)
            }
            // Another brand: the product does not exist for it, exactly as an unknown id.
            var answers: [String] = []
            for target in [id, "pr-nobody-has-this"] {
                let get = try await client.call(.get, "/v1/products/\(target)", key: f.brandB)
                let patch = try await client.call(.patch, "/v1/products/\(target)", key: f.brandB, body: #"{"priceMinor": 1}"#)
                #expect(get.status == .notFound && patch.status == .notFound)
                answers.append("\(get.status.code) \(patch.status.code) \(((try? object(get))?["detail"] as? String ?? "").replacingOccurrences(of: target, with: "ID"))")
            }
            #expect(answers[0] == answers[1], "\(answers)")
            // Lists: a brand's own shop only; naming another shop is 404.
            let mine = try object(try await client.call(.get, "/v1/products", key: f.brandA))
            #expect(((mine["items"] as? [[String: Any]]) ?? []).allSatisfy { $0["shop"] as? String == APIFixture.shopA })
            let theirs = try object(try await client.call(.get, "/v1/products", key: f.brandB))
            #expect(((theirs["items"] as? [[String: Any]]) ?? []).allSatisfy { $0["shop"] as? String == APIFixture.shopB })
            try await client.call(.get, "/v1/products?shop=\(APIFixture.shopA)", key: f.brandB) { #expect($0.status == .notFound) }
            // A brand never names an id, nor writes another shop's product.
            try await client.call(.post, "/v1/products", key: f.brandA, body: productBody(id: "pr-mine", shop: nil)) { #expect($0.status == .unprocessableContent) }
            try await client.call(.post, "/v1/products", key: f.brandA, body: productBody(id: nil, shop: APIFixture.shopB)) { #expect($0.status == .notFound) }
        }
        #expect(try f.store.product("pr-mine") == nil)
    }

    @Test func managersListByShopAndCategoryAndCampaignsAndSalesReferToProducts() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.post, "/v1/products", key: f.manager, body: productBody(id: "pr-a", shop: APIFixture.shopA)) { #expect($0.status == .created) }
            try await client.call(.post, "/v1/products", key: f.manager, body: productBody(id: "pr-a", shop: APIFixture.shopA)) { #expect($0.status == .conflict) }
            try await client.call(.post, "/v1/products", key: f.manager, body: productBody(id: "pr-b", shop: APIFixture.shopB, category: "beauty/makeup")) {
                #expect($0.status == .created)
            }
            // A category and everything under it (the demo's products too).
            let beauty = (try object(try await client.call(.get, "/v1/products?category=beauty&limit=1000", key: f.manager))["items"] as? [[String: Any]]) ?? []
            #expect(Set(beauty.compactMap { $0["id"] as? String }).isSuperset(of: ["pr-a", "pr-b"]))
            #expect(beauty.allSatisfy { ($0["category"] as? String ?? "").hasPrefix("beauty/") })
            let skincare = (try object(try await client.call(.get, "/v1/products?category=beauty/skincare&limit=1000", key: f.manager))["items"] as? [[String: Any]]) ?? []
            let ids = Set(skincare.compactMap { $0["id"] as? String })
            #expect(ids.contains("pr-a") && !ids.contains("pr-b") && skincare.allSatisfy { $0["category"] as? String == "beauty/skincare" })
            try await client.call(.get, "/v1/products?category=nope", key: f.manager) { #expect($0.status == .notFound) }
            // A campaign features its own shop's products only.
            try await client.call(.patch, "/v1/campaigns/\(APIFixture.campaignA)", key: f.manager, body: #"{"products": ["pr-a"]}"#) { #expect($0.status == .ok) }
            try await client.call(.patch, "/v1/campaigns/\(APIFixture.campaignA)", key: f.manager, body: #"{"products": ["pr-b"]}"#) { response in
                #expect(response.status == .unprocessableContent)
            }
            // A sale naming its product must carry the product's shop and category.
            let sale = { (shop: String, category: String) in
                "{\"id\":\"sa-pr\",\"creator\":\"cr-0001\",\"shop\":\"\(shop)\",\"category\":\"\(category)\",\"orderedAt\":\"2026-11-20T10:00:00Z\",\"orders\":1,\"gmvMinor\":2499,\"product\":\"pr-a\"}"
            }
            try await client.call(.post, "/v1/sales", key: f.manager, body: sale(APIFixture.shopB, "beauty/skincare")) { #expect($0.status == .unprocessableContent) }
            try await client.call(.post, "/v1/sales", key: f.manager, body: sale(APIFixture.shopA, "beauty/skincare")) { #expect($0.status == .created) }
        }
        #expect(try f.store.campaign(CampaignID(APIFixture.campaignA))?.products == ["pr-a"])
    }

    @Test func aProductNamedBySalesLinesKeepsItsShopCategoryAndCurrency() async throws {
        let f = try APIFixture()
        try await f.test { client in
            // pr-glowlab-2 is named by demo sales lines: its category and currency are theirs too.
            for body in [#"{"category": "beauty/makeup"}"#, #"{"currency": "GBP"}"#] {
                let response = try await client.call(.patch, "/v1/products/pr-glowlab-2", key: f.brandA, body: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(((try? object(response))?["detail"] as? String ?? "").isEmpty == false)
            }
            // Its rate and price may change (C-RATE: the seller sets them).
            try await client.call(.patch, "/v1/products/pr-glowlab-2", key: f.brandA, body: #"{"priceMinor": 3000}"#) { #expect($0.status == .ok) }
            // A product no line names may move to another category.
            let created = try object(try await client.call(.post, "/v1/products", key: f.brandA, body: productBody(id: nil, shop: nil)))
            let id = try #require(created["id"] as? String)
            try await client.call(.patch, "/v1/products/\(id)", key: f.brandA, body: #"{"category": "beauty/makeup"}"#) { #expect($0.status == .ok) }
        }
        #expect(try f.store.product("pr-glowlab-2")?.category == "health/wellness")
    }
}
