import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: honest answers — unknown filters, a brand's own shop, step notes (issue 15 §5)")
struct HonestRouteTests {
    @Test func anUnknownNicheIsNotFoundNotAnEmptyPage() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.get, "/v1/creators?niche=nonsense", key: f.manager) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("nonsense"))
            }
            try await client.call(.get, "/v1/creators?niche=beauty", key: f.manager) { #expect($0.status == .ok) }
            try await client.call(.get, "/v1/campaigns?shop=sh-nope", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/matches?creator=cr-nope", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/matches?campaign=cp-nope", key: f.manager) { #expect($0.status == .notFound) }
            // A brand learns nothing about creator ids: the same empty page for any.
            try await client.call(.get, "/v1/matches?creator=cr-nope", key: f.brandA) { #expect($0.status == .ok) }
            // Another shop's campaign is not found for a brand, as an unknown one is.
            try await client.call(.get, "/v1/matches?campaign=\(APIFixture.campaignB)", key: f.brandA) { #expect($0.status == .notFound) }
        }
    }

    @Test func aBrandsCampaignWithoutShopIsForItsOwnShop() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let body = campaignBody(id: nil, shop: "x").replacingOccurrences(of: #""shop":"x","#, with: "")
            #expect(!body.contains("\"shop\""))
            try await client.call(.post, "/v1/campaigns", key: f.brandA, body: body) { response in
                #expect(response.status == .created)
                #expect((try? object(response))?["shop"] as? String == APIFixture.shopA)
            }
            // A manager must still name the shop (and the id).
            try await client.call(.post, "/v1/campaigns", key: f.manager, body: #"{"id":"cp-own-2","# + body.dropFirst()) {
                #expect($0.status == .unprocessableContent)
            }
        }
    }

    @Test func aStepKeepsItsNote() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let id = f.matchA
            try await client.call(.post, "/v1/matches/\(id)/cancel", key: f.brandA, body: #"{"note":"budget cut"}"#) { #expect($0.status == .ok) }
            try await client.call(.get, "/v1/matches/\(id)", key: f.manager) { response in
                let history = ((try? object(response))?["history"] as? [[String: Any]]) ?? []
                #expect(history.last?["note"] as? String == "budget cut")
            }
            try await client.call(.post, "/v1/matches/\(id)/cancel", key: f.brandA, body: #"{"reason":"x"}"#) { #expect($0.status == .unprocessableContent) }
        }
    }

    @Test func aStoredRunIsAtItsLocationAndFinishedJobsAreBounded() async throws {
        let f = try APIFixture(batchWait: .zero, keptJobs: 2)
        try await f.test { client in
            // Three dry runs, one after the other (each waited for: jobs are dropped in the order they finish).
            var jobs: [String] = []
            for _ in 0..<10 where jobs.count < 3 {
                var job = ""
                try await client.call(.post, "/v1/batches", key: f.manager, body: #"{"week":"2026-W48","dryRun":true}"#) { response in
                    job = (try? object(response))?["job"] as? String ?? ""
                }
                guard !job.isEmpty else { continue }  // finished within the (zero) wait: no job to keep
                jobs.append(job)
                for _ in 0..<300 {
                    var running = false
                    try await client.call(.get, "/v1/batches/\(job)", key: f.manager) { running = $0.status == .accepted }
                    if !running { break }
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            try #require(jobs.count == 3)
            // Only the last two finished jobs are kept.
            try await client.call(.get, "/v1/batches/\(jobs[0])", key: f.manager) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/batches/\(jobs[2])", key: f.manager) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response))?["run"] as? [String: Any])?["id"] is NSNull)
            }
        }
        let g = try APIFixture()
        try await g.test { client in
            try await client.call(.post, "/v1/batches", key: g.manager, body: #"{"week":"2026-W48"}"#) { response in
                #expect(response.status == .created)
                let id = ((try? object(response))?["run"] as? [String: Any])?["id"] as? Int
                #expect(id != nil && response.headers[.location] == "/v1/batches/\(id ?? -1)")
            }
        }
    }
}
