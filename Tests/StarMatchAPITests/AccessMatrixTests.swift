import Foundation
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// Every route × every caller: no key, a revoked key, brand A (owner of the objects below), brand B, a
/// manager. Brand B must never learn that brand A's objects exist (404, as for anything it may not see).
@Suite("API: access matrix (issue 5 roles)")
struct AccessMatrixTests {
    enum Caller: CaseIterable { case none, revoked, brandA, brandB, manager }

    struct Route: Sendable {
        let method: HTTPRequest.Method
        let path: String
        let body: String?
        /// Expected status for brand A, brand B and the manager (no key and revoked keys are always 401).
        let brandA: HTTPResponse.Status
        let brandB: HTTPResponse.Status
        let manager: HTTPResponse.Status
    }

    static let a = APIFixture.campaignA, shopA = APIFixture.shopA
    static let routes: [Route] = [
        Route(method: .get, path: "/v1/creators", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/creators/cr-0001", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .patch, path: "/v1/creators/cr-0001", body: #"{"followers": 447689}"#, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .post, path: "/v1/creators", body: "{}", brandA: .notFound, brandB: .notFound, manager: .unprocessableContent),
        Route(method: .get, path: "/v1/creators/cr-0001/eligibility?campaign=\(a)", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/creators/cr-0001/matches?limit=2", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/shops", body: nil, brandA: .ok, brandB: .ok, manager: .ok),
        Route(method: .get, path: "/v1/shops/\(shopA)", body: nil, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .patch, path: "/v1/shops/\(shopA)", body: #"{"score": 95}"#, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .post, path: "/v1/shops", body: "{}", brandA: .notFound, brandB: .notFound, manager: .unprocessableContent),
        Route(method: .get, path: "/v1/campaigns", body: nil, brandA: .ok, brandB: .ok, manager: .ok),
        Route(method: .get, path: "/v1/campaigns?shop=\(shopA)", body: nil, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/campaigns/\(a)", body: nil, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .patch, path: "/v1/campaigns/\(a)", body: #"{"slots": 40}"#, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .post, path: "/v1/campaigns", body: campaignBody(id: nil, shop: shopA), brandA: .created, brandB: .notFound, manager: .created),
        Route(method: .get, path: "/v1/campaigns/\(a)/shortlist?limit=3", body: nil, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/campaigns/\(a)/performance", body: nil, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/creators/cr-0001/tips?limit=3", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/products", body: nil, brandA: .ok, brandB: .ok, manager: .ok),
        Route(method: .get, path: "/v1/products/pr-glowlab-3", body: nil, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .post, path: "/v1/sales", body: "[]", brandA: .notFound, brandB: .notFound, manager: .unprocessableContent),
        Route(method: .post, path: "/v1/content-events", body: "[]", brandA: .notFound, brandB: .notFound, manager: .unprocessableContent),
        Route(method: .post, path: "/v1/violations", body: "[]", brandA: .notFound, brandB: .notFound, manager: .unprocessableContent),
        Route(method: .post, path: "/v1/quizzes", body: "[]", brandA: .notFound, brandB: .notFound, manager: .unprocessableContent),
        Route(method: .post, path: "/v1/violations/vi-00001/appeal", body: "{}", brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/creators/cr-0001/status", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/commissions?creator=cr-0001", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/batches", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .post, path: "/v1/batches", body: #"{"week":"2026-W48","dryRun":true}"#, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/batches/1", body: nil, brandA: .notFound, brandB: .notFound, manager: .notFound),
        Route(method: .get, path: "/metrics", body: nil, brandA: .notFound, brandB: .notFound, manager: .ok),
        Route(method: .get, path: "/v1/matches", body: nil, brandA: .ok, brandB: .ok, manager: .ok),
        Route(method: .post, path: "/v1/matches", body: "{\"creator\":\"cr-0001\",\"campaign\":\"\(APIFixture.campaignB)\"}",
              brandA: .notFound, brandB: .notFound, manager: .created),
        Route(method: .get, path: "/v1/matches/1", body: nil, brandA: .ok, brandB: .notFound, manager: .ok),
        Route(method: .post, path: "/v1/matches/1/accept", body: nil, brandA: .forbidden, brandB: .notFound, manager: .ok),
        Route(method: .post, path: "/v1/matches/1/cancel", body: nil, brandA: .ok, brandB: .notFound, manager: .conflict),
    ]

    /// Every route as every caller, on both databases (a brand's isolation is the store's as much as the API's).
    @Test(arguments: APIBackend.all, routes.indices)
    func route(_ backend: APIBackend, _ index: Int) async throws {
        let route = Self.routes[index]
        let f = try APIFixture(backend: backend)
        // The manager goes last: brand A's create must not collide with it, and the manager's conflict proves it stored.
        try await f.test { client in
            for caller in [Caller.none, .revoked, .brandB, .brandA, .manager] {
                let key: String? = switch caller {
                case .none: nil
                case .revoked: f.revoked
                case .brandA: f.brandA
                case .brandB: f.brandB
                case .manager: f.manager
                }
                let expected: HTTPResponse.Status = switch caller {
                case .none, .revoked: .unauthorized
                case .brandA: route.brandA
                case .brandB: route.brandB
                case .manager: route.manager
                }
                let response = try await client.call(route.method, route.path, key: key, body: route.body)
                #expect(response.status == expected, "\(route.method) \(route.path) as \(caller)")
                if response.status.code >= 400 {
                    #expect(response.headers[.contentType] == "application/problem+json", "\(route.method) \(route.path) as \(caller)")
                }
                if caller == .brandB, response.status == .notFound {
                    let text = String(buffer: response.body)
                    #expect(!text.contains(APIFixture.shopA) || (route.path + (route.body ?? "")).contains(APIFixture.shopA), "leaks brand A's shop: \(text)")
                }
            }
        }
    }
}
