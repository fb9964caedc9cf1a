import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

let newCreator = """
    {"id":"cr-api-1","handle":"api.one","kind":"affiliate","followers":5000,"region":"US","birthDate":"1995-03-04",
     "registeredAt":"2026-01-05T10:00:00Z","ageConfirmedAt":"2026-01-06T10:00:00Z","identityVerified":true,
     "identityDocument":"idd-api-1","gpppa":false,"ecommerceRevoked":false,"linkedToSeriousViolator":false,
     "policiesAccepted":true,"niches":["beauty/skincare"]}
    """

/// A campaign's JSON; without `id` (a brand's create: the server assigns it).
func campaignBody(id: String?, shop: String) -> String {
    """
    {\(id.map { "\"id\":\"\($0)\"," } ?? "")"shop":"\(shop)","name":"API test","kind":"discount","categories":["beauty/skincare"],"slots":5,
     "startsAt":"2026-11-23T08:00:00Z","endsAt":"2026-12-07T08:00:00Z","commissionPercent":12.5}
    """
}

@Suite("API: authentication (issue 5, Security)")
struct AuthenticationTests {
    @Test func missingUnknownMalformedAndRevokedKeysAre401() async throws {
        let f = try APIFixture()
        try await f.test { client in
            for key in [nil, "sm_nope_00", f.revoked, String(repeating: "x", count: 500)] as [String?] {
                for uri in ["/v1/creators/cr-0001", "/v1/shops", "/metrics"] {
                    try await client.call(.get, uri, key: key) { response in
                        #expect(response.status == .unauthorized, "\(uri) with \(key ?? "no key")")
                        #expect(response.headers[.contentType] == "application/problem+json")
                        #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    }
                }
            }
            var headers = HTTPFields()
            headers[.authorization] = "Basic \(f.manager)"
            try await client.execute(uri: "/v1/shops", method: .get, headers: headers) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func probesAndTheDocumentAreOpen() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.get, "/healthz", key: nil) { #expect($0.status == .ok) }
            try await client.call(.get, "/readyz", key: nil) { #expect($0.status == .ok) }
            try await client.call(.get, "/openapi.json", key: nil) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response)) ?? [:])["openapi"] as? String == "3.1.0")
            }
        }
    }

    @Test func metricsNeedAManagerAndCountRequests() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.get, "/v1/shops", key: f.manager) { #expect($0.status == .ok) }
            try await client.call(.get, "/metrics", key: f.brandA) { #expect($0.status == .notFound) }
            try await client.call(.get, "/metrics", key: f.manager) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("http_server_request_duration"))
                #expect(text.contains("/v1/shops"))
            }
        }
    }
}

@Suite("API: creators, shops, campaigns")
struct ResourceRouteTests {
    @Test func creatorsPageByCursorWithoutGapsOrRepeats() async throws {
        let f = try APIFixture()
        try await f.test { client in
            var seen: [String] = []
            var cursor: String? = nil
            repeat {
                let uri = "/v1/creators?limit=100&region=US" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try object(try await client.call(.get, uri, key: f.manager) { #expect($0.status == .ok) })
                let items = try #require(page["items"] as? [[String: Any]])
                seen += items.map { $0["id"] as! String }
                #expect(items.allSatisfy { $0["region"] as? String == "US" })
                cursor = page["nextCursor"] as? String
            } while cursor != nil
            #expect(seen == seen.sorted())
            #expect(Set(seen).count == seen.count)
            let expected = try f.store.creators(CreatorFilter(region: "US", limit: 10_000)).map(\.id.rawValue)
            #expect(seen == expected)
            try await client.call(.get, "/v1/creators?limit=0", key: f.manager) { #expect($0.status == .badRequest) }
            try await client.call(.get, "/v1/creators?cursor=%%%", key: f.manager) { #expect($0.status == .badRequest) }
            try await client.call(.get, "/v1/creators?kind=robot", key: f.manager) { #expect($0.status == .badRequest) }
        }
    }

    @Test func creatorCreateReadUpdate() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.post, "/v1/creators", key: f.manager, body: newCreator) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location] == "/v1/creators/cr-api-1")
            }
            try await client.call(.get, "/v1/creators/cr-api-1", key: f.manager) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response)) ?? [:])["followers"] as? Int == 5000)
            }
            try await client.call(.post, "/v1/creators", key: f.manager, body: newCreator) { #expect($0.status == .conflict) }
            try await client.call(.patch, "/v1/creators/cr-api-1", key: f.manager, body: #"{"followers": 999}"#) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response)) ?? [:])["followers"] as? Int == 999)
            }
            try await client.call(.patch, "/v1/creators/cr-api-1", key: f.manager, body: #"{"id": "cr-other"}"#) { #expect($0.status == .unprocessableContent) }
            try await client.call(.patch, "/v1/creators/cr-nobody", key: f.manager, body: #"{"followers": 1}"#) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/creators/cr-nobody", key: f.manager) { #expect($0.status == .notFound) }
        }
    }

    @Test func badCreatorsAre422WithAPointerPerFieldAndNothingStored() async throws {
        let f = try APIFixture()
        let before = try f.store.counts()
        try await f.test { client in
            let bad = newCreator.replacingOccurrences(of: #""followers":5000"#, with: #""followers":-3"#)
                .replacingOccurrences(of: #""region":"US""#, with: #""region":"USA","colour":"red""#)
            let response = try await client.call(.post, "/v1/creators", key: f.manager, body: bad) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            let pointers = try #require(try object(response)["errors"] as? [[String: Any]]).compactMap { $0["pointer"] as? String }
            #expect(pointers.contains("/colour"))
            // Unknown members stop the request before the validator; fix that one and the field rules speak.
            let response2 = try await client.call(.post, "/v1/creators", key: f.manager,
                body: bad.replacingOccurrences(of: #","colour":"red""#, with: ""))
            let errors = try #require(try object(response2)["errors"] as? [[String: Any]])
            #expect(Set(errors.compactMap { $0["pointer"] as? String }) == ["/followers", "/region"])
            try await client.call(.post, "/v1/creators", key: f.manager, body: #"{"id": {"nested": 1}}"#) { response in
                #expect(response.status == .unprocessableContent)
            }
            try await client.call(.post, "/v1/creators", key: f.manager, body: "{not json") { #expect($0.status == .badRequest) }
            try await client.call(.post, "/v1/creators", key: f.manager, body: "[]") { #expect($0.status == .unprocessableContent) }
            let huge = "{\"id\":\"" + String(repeating: "a", count: (1 << 20) + 10) + "\"}"
            try await client.call(.post, "/v1/creators", key: f.manager, body: huge) { #expect($0.status == .contentTooLarge) }
        }
        #expect(try f.store.counts() == before)
    }

    @Test func aBrandSeesOnlyItsOwnShopAndCampaigns() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.get, "/v1/shops/\(APIFixture.shopA)", key: f.brandA) { #expect($0.status == .ok) }
            try await client.call(.get, "/v1/shops/\(APIFixture.shopB)", key: f.brandA) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/shops/sh-does-not-exist", key: f.brandA) { #expect($0.status == .notFound) }
            let shops = try object(try await client.call(.get, "/v1/shops?limit=1000", key: f.brandA))["items"] as! [[String: Any]]
            #expect(shops.map { $0["id"] as! String } == [APIFixture.shopA])
            // Small pages never hand a brand a cursor made of another shop's id.
            let firstPage = try object(try await client.call(.get, "/v1/shops?limit=1", key: f.brandA))
            #expect((firstPage["items"] as? [[String: Any]])?.map { $0["id"] as! String } == [APIFixture.shopA])
            #expect(firstPage["nextCursor"] == nil)
            let campaigns = try object(try await client.call(.get, "/v1/campaigns?limit=1000", key: f.brandA))["items"] as! [[String: Any]]
            #expect(!campaigns.isEmpty && campaigns.allSatisfy { $0["shop"] as? String == APIFixture.shopA })
            try await client.call(.get, "/v1/campaigns?shop=\(APIFixture.shopB)", key: f.brandA) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)", key: f.brandA) { #expect($0.status == .ok) }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignB)", key: f.brandA) { #expect($0.status == .notFound) }
            for uri in ["/v1/creators", "/v1/creators/cr-0001", "/v1/creators/cr-0001/eligibility", "/v1/creators/cr-0001/matches", "/v1/batches"] {
                try await client.call(.get, uri, key: f.brandA) { #expect($0.status == .notFound, "\(uri)") }
            }
            try await client.call(.patch, "/v1/shops/\(APIFixture.shopA)", key: f.brandA, body: #"{"name":"Mine now"}"#) { #expect($0.status == .notFound) }
            try await client.call(.post, "/v1/shops", key: f.brandA, body: #"{"id":"sh-x"}"#) { #expect($0.status == .notFound) }
            try await client.call(.post, "/v1/sales", key: f.brandA, body: "[]") { #expect($0.status == .notFound) }
        }
    }

    @Test func aBrandCreatesAndChangesCampaignsOfItsOwnShopOnly() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let created = try await client.call(.post, "/v1/campaigns", key: f.brandA, body: campaignBody(id: nil, shop: APIFixture.shopA)) {
                #expect($0.status == .created)
            }
            let id = try #require(try object(created)["id"] as? String)
            #expect(created.headers[.location] == "/v1/campaigns/\(id)")
            let before = try f.store.counts().campaigns
            try await client.call(.post, "/v1/campaigns", key: f.brandA, body: campaignBody(id: nil, shop: APIFixture.shopB)) { #expect($0.status == .notFound) }
            #expect(try f.store.counts().campaigns == before)
            try await client.call(.patch, "/v1/campaigns/\(id)", key: f.brandA, body: #"{"slots": 9}"#) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response)) ?? [:])["slots"] as? Int == 9)
            }
            try await client.call(.patch, "/v1/campaigns/\(id)", key: f.brandA, body: "{\"shop\": \"\(APIFixture.shopB)\"}") { #expect($0.status == .notFound) }
            try await client.call(.patch, "/v1/campaigns/\(id)", key: f.brandB, body: #"{"slots": 1}"#) { #expect($0.status == .notFound) }
            try await client.call(.patch, "/v1/campaigns/\(id)", key: f.brandA, body: #"{"endsAt": "2026-11-01T00:00:00Z"}"#) { #expect($0.status == .unprocessableContent) }
            #expect(try f.store.campaign(CampaignID(id))?.slots == 9)
            try await client.call(.patch, "/v1/shops/\(APIFixture.shopB)", key: f.manager, body: #"{"score": 90}"#) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response)) ?? [:])["score"] as? Double == 90)
            }
        }
    }

    /// No existence oracle (issue 16): a brand that names an id gets the same answer whether the id is its own
    /// campaign's, another shop's, or nobody's; nothing is written.
    @Test func aBrandNeverChoosesACampaignIdSoNoAnswerTellsWhichIdsExist() async throws {
        let f = try APIFixture()
        let before = try f.store.counts().campaigns
        try await f.test { client in
            var answers: [String] = []
            for id in [APIFixture.campaignA, APIFixture.campaignB, "cp-nobody-has-this"] {
                let response = try await client.call(.post, "/v1/campaigns", key: f.brandA, body: campaignBody(id: id, shop: APIFixture.shopA))
                #expect(response.status == .unprocessableContent)
                var problem = try object(response)
                problem["instance"] = nil
                answers.append(String(decoding: try JSONSerialization.data(withJSONObject: problem, options: .sortedKeys), as: UTF8.self))
            }
            #expect(Set(answers).count == 1, "\(answers)")
            #expect(answers[0].contains("id from the server") && answers[0].contains(#""pointer":"\/id""#))
            // Two creates get two different ids.
            var ids: Set<String> = []
            for _ in 0..<2 {
                let created = try await client.call(.post, "/v1/campaigns", key: f.brandA, body: campaignBody(id: nil, shop: APIFixture.shopA))
                ids.insert(try #require(try object(created)["id"] as? String))
            }
            #expect(ids.count == 2 && ids.allSatisfy { $0.hasPrefix("cp-") && $0.count == 19 })
        }
        #expect(try f.store.counts().campaigns == before + 2)
    }
}

@Suite("API: activity feeds")
struct ActivityRouteTests {
    @Test func salesArriveAllOrNothing() async throws {
        let f = try APIFixture()
        let before = try f.store.counts().sales
        try await f.test { client in
            let sale = { (id: String, orders: Int) in
                "{\"id\":\"\(id)\",\"creator\":\"cr-0001\",\"shop\":\"\(APIFixture.shopA)\",\"category\":\"beauty/skincare\",\"orderedAt\":\"2026-11-20T10:00:00Z\",\"orders\":\(orders),\"gmvMinor\":1999}"
            }
            let response = try await client.call(.post, "/v1/sales", key: f.manager, body: "[\(sale("sa-api-1", 2)),\(sale("sa-api-2", -1))]") {
                #expect($0.status == .unprocessableContent)
            }
            let errors = try #require(try object(response)["errors"] as? [[String: Any]])
            #expect(errors.map { $0["pointer"] as? String } == ["/1/orders"])
            #expect(try f.store.counts().sales == before)
            try await client.call(.post, "/v1/sales", key: f.manager, body: "[\(sale("sa-api-1", 2)),\(sale("sa-api-2", 1))]") { response in
                #expect(response.status == .created)
                #expect(((try? object(response)) ?? [:])["created"] as? Int == 2)
            }
            try await client.call(.post, "/v1/sales", key: f.manager, body: sale("sa-api-1", 2)) { #expect($0.status == .conflict) }
            try await client.call(.post, "/v1/sales", key: f.manager, body: "[\(sale("sa-api-3", 1)),\(sale("sa-api-3", 1))]") { #expect($0.status == .unprocessableContent) }
        }
        #expect(try f.store.counts().sales == before + 2)
    }

    @Test func contentEventsAndViolationsTakeOneObject() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.post, "/v1/content-events", key: f.manager, body: """
                {"id":"ev-api-1","creator":"cr-0001","content":"cr-0001:api","medium":"video","action":"published","at":"2026-11-24T10:00:00Z","durationSeconds":60,"isPrivate":false,"shoppable":true}
                """) { #expect($0.status == .created) }
            try await client.call(.post, "/v1/violations", key: f.manager, body: """
                {"id":"vi-api-1","creator":"cr-0001","kind":"intellectualProperty","points":4,"at":"2026-11-24T10:00:00Z"}
                """) { #expect($0.status == .created) }
            try await client.call(.post, "/v1/violations", key: f.manager, body: """
                {"id":"vi-api-2","creator":"cr-nobody","kind":"intellectualProperty","points":4,"at":"2026-11-24T10:00:00Z"}
                """) { response in
                #expect(response.status == .unprocessableContent)
                #expect(((try? object(response)) ?? [:])["detail"] as? String ?? "" == "/creator: unknown creator 'cr-nobody'")
            }
        }
    }
}

@Suite("API: hostile JSON (issue 7)")
struct HostileJSONTests {
    @Test func everyHostileBodyIsA4xxProblemAndChangesNothing() async throws {
        let f = try APIFixture()
        let before = try f.store.check(hashes: true).hashes
        try await f.test { client in
            let cases: [(String, HTTPResponse.Status, String?)] = [
                (String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000), .badRequest, nil),
                (#"{"id":"vi-d1","id":"vi-d2","creator":"cr-0001","kind":"spam","points":1,"at":"2026-11-24T10:00:00Z"}"#, .badRequest, "/id"),
                (#"[{"id":"vi-d3","creator":"cr-0001","kind":"spam","points":1,"at":"2026-11-24T10:00:00Z","points":2}]"#, .badRequest, "/0/points"),
                (#"{"id":"vi-d4","creator":"cr-0001","kind":"spam","points":"many","at":"2026-11-24T10:00:00Z"}"#, .unprocessableContent, "/points"),
                (#"{"id":"vi-d5","creator":"cr-0001","kind":"spam","points":1e999,"at":"2026-11-24T10:00:00Z"}"#, .badRequest, nil),
                (#"{"id":"vi-d6","creator":"cr-0001","kind":"gossip","points":1,"at":"2026-11-24T10:00:00Z"}"#, .unprocessableContent, "/kind"),
                (#"{"id":"vi-d7","creator":"cr-0001","kind":"spam","points":1,"at":"yesterday"}"#, .unprocessableContent, "/at"),
                (#"{"id":"x'); DROP TABLE violations;--","creator":"cr-0001","kind":"spam","points":1,"at":"2026-11-24T10:00:00Z"}"#, .unprocessableContent, "/id"),
                ("{\"id\":\"" + String(repeating: "a", count: APILimits.maxActivityBody) + "\"}", .contentTooLarge, nil),
                ("{\"id\":\"\u{FFFD}\"", .badRequest, nil),
            ]
            for (body, status, pointer) in cases {
                let response = try await client.call(.post, "/v1/violations", key: f.manager, body: body)
                #expect(response.status == status, "\(body.prefix(80)): \(response.status)")
                #expect(response.headers[.contentType] == "application/problem+json")
                if let pointer {
                    let errors = ((try? object(response))?["errors"] as? [[String: Any]]) ?? []
                    #expect(errors.contains { $0["pointer"] as? String == pointer }, "\(body.prefix(80)): \(errors)")
                }
            }
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(f.manager)"
            let invalidUTF8 = ByteBuffer(bytes: Array(#"{"id":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))
            try await client.execute(uri: "/v1/violations", method: .post, headers: headers, body: invalidUTF8) { #expect($0.status == .badRequest) }
        }
        #expect(try f.store.check(hashes: true).hashes == before)
    }
}

@Suite("API: edges found by fuzzing")
struct FuzzFindingsTests {
    @Test func schemeCaseArraysProfilesAndMetricsStatuses() async throws {
        let f = try APIFixture()
        try await f.test { client in
            var headers = HTTPFields()
            headers[.authorization] = "bearer \(f.manager)"
            try await client.execute(uri: "/v1/shops", method: .get, headers: headers) { #expect($0.status == .ok) }
            let bad = newCreator.replacingOccurrences(of: #""handle":"api.one""#, with: #""handle":["a","b"]"#)
            let response = try await client.call(.post, "/v1/creators", key: f.manager, body: bad) { #expect($0.status == .unprocessableContent) }
            #expect((((try? object(response))?["errors"] as? [[String: Any]]) ?? []).contains { $0["pointer"] as? String == "/handle" })
            let profile = try await client.call(.get, "/v1/creators/cr-0001/matches?profile=policy", key: f.manager) { #expect($0.status == .badRequest) }
            #expect((((try? object(profile))?["detail"] as? String) ?? "").contains("unknown profile 'policy'"))
            try await client.call(.post, "/v1/batches", key: f.manager, body: #"{"week":"2026-W048"}"#) { #expect($0.status == .unprocessableContent) }
            try await client.call(.get, "/v1/creators/cr-fuzz-404", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/metrics", key: f.manager) { response in
                let text = String(buffer: response.body)
                let line = text.split(separator: "\n").first { $0.contains("/v1/creators/{id}") && $0.contains("http_response_status_code=\"404\"") }
                #expect(line != nil, "a 404 is recorded as a 404")
            }
        }
    }
}
