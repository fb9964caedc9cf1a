import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: CHR both ways — quizzes, appeals, status (H-POINTS, H-MILESTONE)")
struct HealthRouteTests {
    @Test func appealsAndQuizzesMoveCHRAndTheStatusShowsTheMilestone() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let at = "2026-11-25T18:00:00Z"
            func standing() async throws -> [String: Any] {
                var standing: [String: Any] = [:]
                try await client.call(.get, "/v1/creators/cr-chr-150/status?at=\(at)", key: f.manager) { response in
                    #expect(response.status == .ok)
                    standing = ((try? object(response))?["standing"] as? [String: Any]) ?? [:]
                }
                return standing
            }
            // The demo's cr-chr-150 sits at the floor: milestone 150 reached, step 1.
            let before = try await standing()
            #expect(before["chr"] as? Int == 150 && before["band"] as? String == "unhealthy")
            let milestone = try #require(before["milestone"] as? [String: Any])
            #expect(milestone["chr"] as? Int == 150 && milestone["step"] as? Int == 1 && milestone["reachedAt"] as? String == "2026-10-02T18:30:00Z")
            // A perfect policy quiz regains 20 points (H-POINTS); a brand may not record one.
            let quiz = #"{"id":"qz-api-1","creator":"cr-chr-150","at":"2026-11-20T10:00:00Z","score":100}"#
            try await client.call(.post, "/v1/quizzes", key: f.brandA, body: quiz) { #expect($0.status == .notFound) }
            try await client.call(.post, "/v1/quizzes", key: f.manager, body: quiz) { #expect($0.status == .created) }
            let afterQuiz = try await standing()
            #expect(afterQuiz["chr"] as? Int == 170 && afterQuiz["regainedPoints"] as? Int == 20 && afterQuiz["milestone"] == nil)
            // An out-of-range score is refused naming the member.
            try await client.call(.post, "/v1/quizzes", key: f.manager, body: #"{"id":"qz-api-2","creator":"cr-chr-150","at":"2026-11-20T10:00:00Z","score":101}"#) { response in
                #expect(response.status == .unprocessableContent)
            }
            // An appeal of the 83-point strike gives back what is still lost of it.
            try await client.call(.post, "/v1/violations/vi-00039/appeal", key: f.manager, body: #"{"at":"2026-10-01T00:00:00Z"}"#) { response in
                #expect(response.status == .unprocessableContent, "an appeal before its violation")
                #expect(String(buffer: response.body).contains(#""pointer":"/at""#))
            }
            try await client.call(.post, "/v1/violations/vi-00039/appeal", key: f.manager, body: #"{"at":"2026-11-21T00:00:00Z"}"#) { response in
                #expect(response.status == .ok)
                #expect((try? object(response))?["appealedAt"] as? String == "2026-11-21T00:00:00Z")
            }
            let afterAppeal = try await standing()
            #expect(afterAppeal["chr"] as? Int == 253 && afterAppeal["violationPoints"] as? Int == 35)
            try await client.call(.post, "/v1/violations/vi-00039/appeal", key: f.manager, body: "{}") { response in
                #expect(response.status == .unprocessableContent)
                #expect(String(buffer: response.body).contains("H-POINTS"))
            }
            try await client.call(.post, "/v1/violations/vi-nope/appeal", key: f.manager, body: "{}") { #expect($0.status == .notFound) }
            try await client.call(.post, "/v1/violations/vi-00039/appeal", key: f.manager, body: #"{"when":"x"}"#) { #expect($0.status == .unprocessableContent) }
            try await client.call(.get, "/v1/creators/cr-chr-150/status", key: f.brandA) { #expect($0.status == .notFound) }
            try await client.call(.get, "/v1/creators/@fast.cuts.fiona/status?at=\(at)", key: f.manager) { #expect($0.status == .ok) }
        }
    }
}
