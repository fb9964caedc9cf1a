import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: HTTP conformance — HEAD, 405, percent-encoded ids, 415 (issue 16)")
struct HTTPConformanceTests {
    @Test func headIsGetWithoutABody() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.head, "/healthz", key: nil) { response in
                #expect(response.status == .ok && response.body.readableBytes == 0)
            }
            var length = 0
            try await client.call(.get, "/v1/shops", key: f.manager) { length = $0.body.readableBytes }
            try await client.call(.head, "/v1/shops", key: f.manager) { response in
                #expect(response.status == .ok && response.body.readableBytes == 0)
                #expect(response.headers[.contentLength] == String(length))
            }
            // HEAD needs the key GET needs.
            try await client.call(.head, "/v1/shops", key: nil) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func aMethodThePathDoesNotHaveIs405WithAllow() async throws {
        let f = try APIFixture()
        try await f.test { client in
            try await client.call(.delete, "/v1/shops", key: f.manager) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD, POST")
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            try await client.call(.put, "/v1/creators/cr-0001", key: f.manager, body: "{}") { response in
                #expect(response.status == .methodNotAllowed && response.headers[.allow] == "GET, HEAD, PATCH")
            }
            // A path no route has stays 404.
            try await client.call(.delete, "/v1/nothing-here", key: f.manager) { #expect($0.status == .notFound) }
        }
    }

    @Test func percentEncodedIdsAreDecoded() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let body = newCreator.replacingOccurrences(of: "cr-api-1", with: "cr:colon").replacingOccurrences(of: "api.one", with: "colon.one")
            try await client.call(.post, "/v1/creators", key: f.manager, body: body) { #expect($0.status == .created) }
            try await client.call(.get, "/v1/creators/cr%3Acolon", key: f.manager) { response in
                #expect(response.status == .ok)
                #expect((try? object(response))?["id"] as? String == "cr:colon")
            }
            try await client.call(.patch, "/v1/creators/cr%3Acolon", key: f.manager, body: #"{"followers": 6000}"#) { #expect($0.status == .ok) }
            try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA.replacingOccurrences(of: "-", with: "%2D"))", key: f.manager) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test("the documented 10,000 items per activity POST fit; past the activity cap, 413; other routes keep 1 MiB")
    func tenThousandItemsFit() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let items = (0..<APILimits.maxItems).map {
                #"{"id":"s-big-\#($0)","creator":"cr-0001","shop":"sh-glowlab","category":"beauty/skincare","orderedAt":"2026-11-01T00:00:00Z","orders":1,"gmvMinor":100}"#
            }
            let body = "[" + items.joined(separator: ",") + "]"
            #expect(body.utf8.count > APILimits.maxBody)
            try await client.call(.post, "/v1/sales", key: f.manager, body: body) { response in
                #expect(response.status == .created, "\(String(buffer: response.body).prefix(300))")
            }
            let huge = String(repeating: " ", count: APILimits.maxActivityBody + 1) + "[]"
            try await client.call(.post, "/v1/sales", key: f.manager, body: huge) { #expect($0.status == .contentTooLarge) }
            let big = #"{"name":""# + String(repeating: "x", count: APILimits.maxBody) + #""}"#
            try await client.call(.patch, "/v1/shops/sh-glowlab", key: f.manager, body: big) { #expect($0.status == .contentTooLarge) }
        }
    }

    @Test func aBodyDeclaredAsSomethingElseThanJSONIs415() async throws {
        let f = try APIFixture()
        try await f.test { client in
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(f.manager)"
            headers[.contentType] = "text/plain"
            try await client.execute(uri: "/v1/sales", method: .post, headers: headers, body: ByteBuffer(string: "[]")) { response in
                #expect(response.status == .unsupportedMediaType)
                #expect(response.headers[.contentType] == "application/problem+json")
            }
            headers[.contentType] = "application/merge-patch+json"
            try await client.execute(uri: "/v1/creators/cr-0001", method: .patch, headers: headers, body: ByteBuffer(string: #"{"followers": 447689}"#)) {
                #expect($0.status == .ok)
            }
            headers[.contentType] = "application/json; charset=utf-8"
            try await client.execute(uri: "/v1/creators/cr-0001", method: .patch, headers: headers, body: ByteBuffer(string: #"{"followers": 447690}"#)) {
                #expect($0.status == .ok)
            }
        }
    }
}
