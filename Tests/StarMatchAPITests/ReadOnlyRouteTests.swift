import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: reads never write")
struct ReadOnlyRouteTests {
    @Test("every read route at a far-future `at` leaves every table's hash unchanged, and shows open proposals as expired")
    func readsAtAFutureInstantChangeNothing() async throws {
        // Given: the fixture's proposal by hand and a batch run's proposals, made at the demo instant.
        let f = try APIFixture()
        let profile = try StarMatchStore.profile(named: "default", in: ProjectResources(), currencies: .standard)
        let run = try f.store.runBatch(week: "2026-W48", profile: profile, now: Timestamp.parse("2026-11-25T18:00:00Z")!)
        let before = try f.store.check(hashes: true).hashes
        let future = "2030-01-01T00:00:00Z"
        try await f.test { client in
            // When: every read route answers for 2030, as a manager and as the brand.
            let reads = [
                "/healthz", "/readyz", "/openapi.json", "/metrics",
                "/v1/creators", "/v1/creators/cr-0001", "/v1/shops", "/v1/shops/\(APIFixture.shopA)",
                "/v1/campaigns?openAt=\(future)", "/v1/campaigns/\(APIFixture.campaignA)",
                "/v1/creators/cr-0001/eligibility?campaign=\(APIFixture.campaignA)&at=\(future)",
                "/v1/campaigns/\(APIFixture.campaignA)/shortlist?at=\(future)", "/v1/creators/cr-0001/matches?at=\(future)",
                "/v1/batches", "/v1/batches/\(run.run.id)",
                "/v1/matches?at=\(future)", "/v1/matches?state=expired&at=\(future)", "/v1/matches/\(f.matchA)?at=\(future)",
                "/v1/matches", "/v1/matches/\(f.matchA)",
            ]
            for uri in reads {
                try await client.call(.get, uri, key: f.manager) { #expect($0.status == .ok, "\(uri)") }
            }
            for uri in ["/v1/matches?at=\(future)", "/v1/matches/\(f.matchA)?at=\(future)", "/v1/campaigns/\(APIFixture.campaignA)/shortlist?at=\(future)"] {
                try await client.call(.get, uri, key: f.brandA) { #expect($0.status == .ok, "\(uri)") }
            }
            // Then: the proposal shows as expired at its real expiry…
            let shown = try object(try await client.call(.get, "/v1/matches/\(f.matchA)?at=\(future)", key: f.manager))
            let match = try #require(shown["match"] as? [String: Any])
            #expect(match["state"] as? String == "expired" && match["updatedAt"] as? String == match["expiresAt"] as? String)
            let history = try #require(shown["history"] as? [[String: Any]])
            #expect(history.last?["at"] as? String == match["expiresAt"] as? String && history.last?["actor"] as? String == "system")
            let open = try object(try await client.call(.get, "/v1/matches?state=proposed&at=\(future)", key: f.manager))
            #expect((open["items"] as? [Any])?.isEmpty == true)
            // …while at the clock's own instant it is still proposed.
            let now = try object(try await client.call(.get, "/v1/matches/\(f.matchA)", key: f.manager))
            #expect((now["match"] as? [String: Any])?["state"] as? String == "proposed")
        }
        // …and nothing was stored.
        #expect(try f.store.check(hashes: true).hashes == before)
    }

    @Test("the same domain error has the same status in every route")
    func oneStatusPerError() async throws {
        let f = try APIFixture()
        try await f.test { client in
            // Not found, whichever route meets the unknown id (or another shop's thing).
            for uri in ["/v1/creators/cr-nobody/eligibility", "/v1/creators/cr-nobody/matches", "/v1/campaigns/cp-nope/shortlist",
                        "/v1/creators/cr-0001/eligibility?campaign=cp-nope", "/v1/matches/999999", "/v1/batches/999999"] {
                try await client.call(.get, uri, key: f.manager) { #expect($0.status == .notFound, "\(uri)") }
            }
            try await client.call(.post, "/v1/matches", key: f.manager, body: #"{"creator":"cr-nobody","campaign":"cp-glowlab-samples"}"#) {
                #expect($0.status == .notFound)
            }
            try await client.call(.post, "/v1/matches", key: f.manager, body: #"{"creator":"cr-0001","campaign":"cp-nope"}"#) {
                #expect($0.status == .notFound)
            }
            try await client.call(.get, "/v1/matches/\(f.matchA)", key: f.brandB) { #expect($0.status == .notFound) }
            // Refused by the rules: 422 naming them.
            let refused = try object(try await client.call(.post, "/v1/matches", key: f.manager,
                body: #"{"creator":"cr-age-under18","campaign":"cp-glowlab-samples"}"#) { #expect($0.status == .unprocessableContent) })
            #expect(((refused["errors"] as? [[String: Any]]) ?? []).compactMap { $0["rule"] as? String }.contains("E-AGE"))
            // An illegal step: 409 naming the state.
            try await client.call(.post, "/v1/matches/\(f.matchA)/complete", key: f.manager) { #expect($0.status == .conflict) }
        }
    }
}
