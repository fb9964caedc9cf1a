import Foundation
import Hummingbird
@testable import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("API: the OpenAPI document")
struct OpenAPITests {
    /// Every route the router serves is in the document and every documented operation is served; the
    /// responses themselves are checked against the document by schemathesis (`Tests/api-fuzz.sh`).
    @Test func documentsExactlyTheRoutesServed() throws {
        let router = buildRouter(services: APIServices(store: try StarMatchStore(inMemory: PolicyConfig())))
        try router.validate()
        let served = Set(router.routes.map { route in
            let path = route.path.description.replacingOccurrences(of: #":(\w+)"#, with: "{$1}", options: .regularExpression)
            return "\(route.method.rawValue) \(path.hasPrefix("/") ? path : "/" + path)"
        })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(openAPIDocument.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, item) in paths {
            for method in item.keys where ["get", "post", "patch", "put", "delete"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(served == documented, "served, not documented: \(served.subtracting(documented).sorted()); documented, not served: \(documented.subtracting(served).sorted())")
        // Every operation documents 401 unless it is open, and every error body is a problem document.
        for (path, item) in paths {
            for (method, value) in item where method != "parameters" {
                let operation = try #require(value as? [String: Any])
                let responses = try #require(operation["responses"] as? [String: [String: Any]])
                let open = (operation["security"] as? [Any])?.isEmpty == true
                #expect(open || responses["401"] != nil, "\(method) \(path) lacks 401")
                for (status, response) in responses where status.hasPrefix("4") || status.hasPrefix("5") {
                    #expect((response["content"] as? [String: Any])?["application/problem+json"] != nil, "\(method) \(path) \(status)")
                }
            }
        }
    }
}
