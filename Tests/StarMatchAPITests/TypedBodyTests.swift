import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

let newCampaign = """
    {"id":"cp-typed-1","shop":"sh-glowlab","name":"Typed","kind":"sample","categories":["beauty/skincare"],"slots":10,
     "startsAt":"2026-11-01T00:00:00Z","endsAt":"2026-12-01T00:00:00Z","commissionPercent":12.5}
    """

func errorPointers(_ response: TestResponse) -> [String] {
    (((try? object(response))?["errors"] as? [[String: Any]]) ?? []).compactMap { $0["pointer"] as? String }
}

@Suite("API bodies: typed and strict (the JSON adapter)")
struct TypedBodyTests {
    @Test func stringsForNumbersNumbersForBooleansUnknownNullAndRepeatedMembersAreRefused() async throws {
        let f = try APIFixture()
        let before = try f.store.check(hashes: true).hashes
        try await f.test { client in
            let cases: [(String, String, HTTPResponse.Status, [String])] = [
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""slots":10"#, with: #""slots":"10""#), .unprocessableContent, ["/slots"]),
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""slots":10"#, with: #""slots":10.5"#), .unprocessableContent, ["/slots"]),
                // A wrong type and a broken rule: both in one answer.
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""slots":10"#, with: #""slots":"10""#)
                    .replacingOccurrences(of: #""endsAt":"2026-12-01T00:00:00Z""#, with: #""endsAt":"2026-10-01T00:00:00Z""#), .unprocessableContent, ["/slots", "/endsAt"]),
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""commissionPercent":12.5"#, with: #""commissionPercent":"12.5""#), .unprocessableContent, ["/commissionPercent"]),
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""name":"Typed""#, with: #""name":null"#), .unprocessableContent, ["/name"]),
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""slots":10"#, with: #""slots":10,"starts_at":"2026-11-01""#), .unprocessableContent, ["/starts_at"]),
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""categories":["beauty/skincare"]"#, with: #""categories":"beauty/skincare""#), .unprocessableContent, ["/categories"]),
                ("/v1/campaigns", newCampaign.replacingOccurrences(of: #""slots":10"#, with: #""slots":10,"slots":11"#), .badRequest, ["/slots"]),
                ("/v1/creators", newCreator.replacingOccurrences(of: #""identityVerified":true"#, with: #""identityVerified":1"#), .unprocessableContent, ["/identityVerified"]),
                ("/v1/creators", newCreator.replacingOccurrences(of: #""birthDate":"1995-03-04""#, with: #""birth_date":"1995-03-04""#), .unprocessableContent, ["/birth_date", "/birthDate"]),
                ("/v1/creators", newCreator.replacingOccurrences(of: #""gpppa":false"#, with: #""gpppa":"false""#), .unprocessableContent, ["/gpppa"]),
                ("/v1/sales", #"[{"id":"sa-t1","creator":"cr-0001","shop":"sh-glowlab","category":"beauty","orderedAt":"2026-11-20T10:00:00Z","orders":"2","gmvMinor":100}]"#, .unprocessableContent, ["/0/orders"]),
                ("/v1/content-events", #"{"id":"ce-t1","creator":"cr-0001","content":"v1","medium":"video","action":"published","at":"2026-11-20T10:00:00Z","private":true}"#, .unprocessableContent, ["/private"]),
            ]
            for (path, body, status, pointers) in cases {
                let response = try await client.call(.post, path, key: f.manager, body: body)
                #expect(response.status == status, "\(body): \(response.status)")
                #expect(Set(errorPointers(response)) == Set(pointers), "\(body)")
            }
        }
        #expect(try f.store.check(hashes: true).hashes == before)
    }

    @Test func aPatchIsTypedMergedAndValidatedWhole() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.post, "/v1/campaigns", key: f.manager, body: newCampaign) { #expect($0.status == .created) }
            let cases: [(String, [String])] = [
                (#"{"slots":"12"}"#, ["/slots"]),
                (#"{"slots":"12","endsAt":"2026-10-01T00:00:00Z"}"#, ["/slots", "/endsAt"]),
                (#"{"colour":"red"}"#, ["/colour"]),
                (#"{"id":"cp-other"}"#, ["/id"]),
                (#"{"name":null}"#, ["/name"]),
                (#"{"endsAt":"2026-10-01T00:00:00Z"}"#, ["/endsAt"]),
                (#"{"slots":0}"#, ["/slots"]),
            ]
            for (body, pointers) in cases {
                let response = try await client.call(.patch, "/v1/campaigns/cp-typed-1", key: f.manager, body: body)
                #expect(response.status == .unprocessableContent, "\(body)")
                #expect(errorPointers(response) == pointers, "\(body)")
            }
            try await client.call(.patch, "/v1/campaigns/cp-typed-1", key: f.manager, body: #"{"slots":12,"slots":13}"#) { #expect($0.status == .badRequest) }
            try await client.call(.patch, "/v1/campaigns/cp-typed-1", key: f.manager, body: #"{"slots":12,"minFollowers":100}"#) { response in
                #expect(response.status == .ok)
                let body = (try? object(response)) ?? [:]
                #expect(body["slots"] as? Int == 12 && body["minFollowers"] as? Int == 100 && body["name"] as? String == "Typed")
            }
            // null for an optional member clears it.
            try await client.call(.patch, "/v1/campaigns/cp-typed-1", key: f.manager, body: #"{"minFollowers":null}"#) { response in
                #expect(response.status == .ok)
                #expect(((try? object(response)) ?? [:])["minFollowers"] == nil)
            }
        }
        #expect(try f.store.campaign("cp-typed-1")?.slots == 12)
    }

    /// What GET returns (or, for kinds without a GET by id, the entity's API JSON) imports unchanged as a JSON line.
    @Test func whatGetReturnsImportsBackAsAJSONLine() async throws {
        let f = try APIFixture()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("starmatch-roundtrip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        @Sendable func roundTrip(_ kind: ImportKind, _ line: Data) throws -> ImportReport {
            let file = dir.appendingPathComponent("\(kind.rawValue).jsonl")
            try (line + Data("\n".utf8)).write(to: file)
            return try f.store.importFile(kind: kind, at: file)
        }
        let creator = try #require(try f.store.creator("cr-0001"))
        let shop = try #require(try f.store.shop("sh-glowlab"))
        let campaign = try #require(try f.store.campaign("cp-glowlab-black-friday"))
        try await f.test { client in
            for (kind, path) in [(ImportKind.creators, "creators/cr-0001"), (.shops, "shops/sh-glowlab"), (.campaigns, "campaigns/cp-glowlab-black-friday")] {
                let response = try await client.call(.get, "/v1/\(path)", key: f.manager) { #expect($0.status == .ok) }
                let report = try roundTrip(kind, Data(response.body.readableBytesView))
                #expect(report.updated == 1 && report.inserted == 0, "\(kind)")
            }
        }
        #expect(try f.store.creator("cr-0001") == creator)
        #expect(try f.store.shop("sh-glowlab") == shop)
        #expect(try f.store.campaign("cp-glowlab-black-friday") == campaign)

        // Sales, content events and violations have no GET by id: their API JSON is the entity's encoding.
        let withActivity = try #require(try f.store.creators(CreatorFilter(limit: 10_000)).first { creator in
            let facts = try f.store.facts(for: creator)
            return !facts.sales.isEmpty && !facts.violations.isEmpty && !facts.contentEvents.isEmpty
        })
        let facts = try f.store.facts(for: withActivity)
        #expect(try roundTrip(.sales, APIJSON.encoder.encode(facts.sales[0])).updated == 1)
        #expect(try roundTrip(.contentEvents, APIJSON.encoder.encode(facts.contentEvents[0])).updated == 1)
        #expect(try roundTrip(.violations, APIJSON.encoder.encode(facts.violations[0])).updated == 1)
        let after = try f.store.facts(for: withActivity)
        #expect(after.sales == facts.sales && after.contentEvents == facts.contentEvents && after.violations == facts.violations)
        #expect(try roundTrip(.categories, Data(#"{"path":"beauty","name":"Beauty"}"#.utf8)).updated == 1)
    }
}
