import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: eligibility, shortlists, matches")
struct ScoringRouteTests {
    @Test func eligibilityNamesEveryRule() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let report = try object(try await client.call(.get, "/v1/creators/cr-age-under18/eligibility?campaign=\(APIFixture.campaignA)&at=2026-11-25T18:00:00Z", key: f.manager) {
                #expect($0.status == .ok)
            })
            #expect(report["eligible"] as? Bool == false)
            #expect((report["refusedBy"] as? [String])?.contains("E-AGE") == true)
            #expect(((report["checks"] as? [[String: Any]]) ?? []).allSatisfy { $0["rule"] is String })
            try await client.call(.get, "/v1/creators/cr-0001/eligibility?campaign=cp-nope", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/creators/cr-0001/eligibility?shop=sh-nope", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/creators/cr-0001/eligibility?shop=\(APIFixture.shopA)&campaign=\(APIFixture.campaignA)", key: f.manager) {
                #expect($0.status == .badRequest)
            }
            try await client.call(.get, "/v1/creators/cr-0001/eligibility?at=yesterday", key: f.manager) { #expect($0.status == .badRequest) }
            try await client.call(.get, "/v1/creators/cr-nobody/eligibility", key: f.manager) { #expect($0.status == .notFound) }
        }
    }

    @Test func shortlistIsTheCLIsShortlist() async throws {
        let f = try APIFixture()
        let at = Timestamp.parse("2026-11-25T18:00:00Z")!
        let profile = try StarMatchStore.profile(named: "default", in: ProjectResources(), currencies: .standard)
        let population = try f.store.scoringPopulation(at: at, profile: profile)
        let campaign = try #require(try f.store.campaign(CampaignID(APIFixture.campaignA)))
        let expected = population.shortlist(campaign, shop: try #require(try f.store.shop(campaign.shop)), limit: 5).map(\.creator.id.rawValue)
        try await f.test { client in
            for key in [f.manager, f.brandA] {
                let list = try object(try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)/shortlist?limit=5&explain=true", key: key) {
                    #expect($0.status == .ok)
                })
                let creators = try #require(list["creators"] as? [[String: Any]])
                #expect(creators.map { $0["creator"] as! String } == expected)
                #expect(creators.allSatisfy { ($0["explanation"] as? [Any])?.isEmpty == false })
            }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)/shortlist", key: f.brandB) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)/shortlist?limit=0", key: f.manager) { #expect($0.status == .badRequest) }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)/shortlist?limit=1001", key: f.manager) { #expect($0.status == .badRequest) }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)/shortlist?explain=maybe", key: f.manager) { #expect($0.status == .badRequest) }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)/shortlist?profile=../../etc/passwd", key: f.manager) { #expect($0.status == .badRequest) }
            try await client.call(.get, "/v1/campaigns/cp-nope/shortlist", key: f.manager) { #expect($0.status == .notFound) }
        }
    }

    @Test func matchesRankACreatorsCampaigns() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let view = try object(try await client.call(.get, "/v1/creators/cr-0001/matches?limit=3", key: f.manager) { #expect($0.status == .ok) })
            let campaigns = try #require(view["campaigns"] as? [[String: Any]])
            #expect(campaigns.count <= 3)
            let scores = campaigns.map { $0["score"] as! Double }
            #expect(scores == scores.sorted(by: >))
            try await client.call(.get, "/v1/creators/cr-nobody/matches", key: f.manager) { #expect($0.status == .notFound) }
        }
    }
}

@Suite("API: weekly batches (M-WEEKLY)")
struct BatchRouteTests {
    @Test func runReadAndRerun() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let first = try object(try await client.call(.post, "/v1/batches", key: f.manager, body: #"{"week":"2026-W48"}"#) { response in
                #expect(response.status == .created)
                #expect(response.headers[.location]?.hasPrefix("/v1/batches/") == true)
            })
            let run = try #require(first["run"] as? [String: Any])
            let id = try #require(run["id"] as? Int)
            try await client.call(.get, "/v1/batches/\(id)", key: f.manager) { response in
                #expect(response.status == .ok)
                #expect((((try? object(response)) ?? [:])["assignments"] as? [Any])?.count == run["assignments"] as? Int)
            }
            let again = try object(try await client.call(.post, "/v1/batches", key: f.manager, body: #"{"week":"2026-W48"}"#) { #expect($0.status == .ok) })
            #expect(again["reused"] as? Bool == true)
            try await client.call(.post, "/v1/batches", key: f.manager, body: #"{"week":"2026-W48","dryRun":true}"#) { #expect($0.status == .ok) }
            try await client.call(.get, "/v1/batches", key: f.manager) { #expect($0.status == .ok) }
            try await client.call(.get, "/v1/batches/999", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/batches/job-nope", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/metrics", key: f.manager) { response in
                #expect(String(buffer: response.body).contains("starmatch_batch_duration_seconds"))
            }
        }
        #expect(try f.store.batchRuns().count == 1)
    }

    @Test func badRequestsNameTheField() async throws {
        let f = try APIFixture()
        try await f.test { client in
            for (body, pointer) in [(#"{"week":"2026-48"}"#, "/week"), (#"{}"#, "/week"), (#"{"week":"2026-W48","dryRun":"yes"}"#, "/dryRun"),
                                    (#"{"week":"2026-W48","force":true}"#, "/force"), (#"{"week":"2026-W48","profile":"nope"}"#, "/profile")] {
                let response = try await client.call(.post, "/v1/batches", key: f.manager, body: body) { #expect($0.status == .unprocessableContent, "\(body)") }
                let errors = try #require(try object(response)["errors"] as? [[String: Any]])
                #expect(errors.contains { $0["pointer"] as? String == pointer }, "\(body)")
            }
            try await client.call(.post, "/v1/batches", key: f.brandA, body: #"{"week":"2026-W48"}"#) { #expect($0.status == .notFound) }
        }
        #expect(try f.store.batchRuns().isEmpty)
    }

    @Test func aLongRunAnswers202AndAJobToPoll() async throws {
        let f = try APIFixture(batchWait: .zero)
        try await f.test { client in
            let accepted = try object(try await client.call(.post, "/v1/batches", key: f.manager, body: #"{"week":"2026-W48"}"#) { #expect($0.status == .accepted) })
            let job = try #require(accepted["job"] as? String)
            var status = HTTPResponse.Status.accepted
            for _ in 0..<200 where status == .accepted {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.call(.get, "/v1/batches/\(job)", key: f.manager).status
            }
            #expect(status == .ok)
        }
        #expect(try f.store.batchRuns().count == 1)
    }
}

@Suite("API: matches (issue 6 lifecycle)")
struct MatchRouteTests {
    @Test func aMatchMovesThroughItsLifeWithRolesAndStates() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let id = f.matchA
            // The brand sees its match, may not accept it, the manager does; then the brand ships the sample… of a discount
            // campaign, which has none: 409 naming the state.
            try await client.call(.post, "/v1/matches/\(id)/accept", key: f.brandA) { #expect($0.status == .forbidden) }
            try await client.call(.post, "/v1/matches/\(id)/accept", key: f.manager) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response)) ?? [:])["state"] as? String == "accepted")
            }
            try await client.call(.post, "/v1/matches/\(id)/ship", key: f.brandA) { response in
                #expect(response.status == .conflict)
                #expect((((try? object(response)) ?? [:])["detail"] as? String ?? "").contains("it is accepted"))
            }
            try await client.call(.post, "/v1/matches/\(id)/posted", key: f.brandA) { #expect($0.status == .forbidden) }
            try await client.call(.post, "/v1/matches/\(id)/posted", key: f.manager) { #expect($0.status == .ok) }
            try await client.call(.post, "/v1/matches/\(id)/complete", key: f.brandA) { #expect($0.status == .ok) }
            try await client.call(.post, "/v1/matches/\(id)/cancel", key: f.manager) { #expect($0.status == .conflict) }
            try await client.call(.post, "/v1/matches/\(id)/expire", key: f.manager) { #expect($0.status == .notFound) }
            let view = try object(try await client.call(.get, "/v1/matches/\(id)", key: f.brandA))
            let history = try #require(view["history"] as? [[String: Any]])
            #expect(history.map { $0["to"] as? String } == ["proposed", "accepted", "contentPosted", "completed"])
            #expect((history[1]["actor"] as? String)?.hasPrefix("manager:") == true)
            #expect((history[3]["actor"] as? String)?.hasPrefix("brand:\(APIFixture.shopA)") == true)
            let listB = try object(try await client.call(.get, "/v1/matches", key: f.brandB))
            #expect((listB["items"] as? [Any])?.isEmpty == true)
            try await client.call(.get, "/v1/matches?state=nope", key: f.manager) { #expect($0.status == .badRequest) }
        }
    }

    @Test func creatingNamesTheRefusingRules() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let response = try await client.call(.post, "/v1/matches", key: f.manager,
                body: "{\"creator\":\"cr-age-under18\",\"campaign\":\"\(APIFixture.campaignA)\"}") { #expect($0.status == .unprocessableContent) }
            let rules = ((try object(response))["errors"] as? [[String: Any]] ?? []).compactMap { $0["rule"] as? String }
            #expect(rules.contains("M-ELIGIBLE") && rules.contains("E-AGE"))
            try await client.call(.post, "/v1/matches", key: f.manager, body: #"{"creator":"cr-nobody","campaign":"cp-nope"}"#) { #expect($0.status == .notFound) }
            try await client.call(.post, "/v1/matches", key: f.manager, body: #"{"creator":"cr-0001"}"#) { #expect($0.status == .unprocessableContent) }
        }
    }
}
