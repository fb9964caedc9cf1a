import Foundation
import Hummingbird
import HummingbirdTesting
@testable import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// The hand-written OpenAPI document (`Sources/StarMatchAPI/Resources/openapi.json`) held against the Swift
/// code: routes, enums, field ranges, entity members and their JSON types, required members, query parameter
/// ranges. Change one side without the other and one of these fails. The responses themselves are checked
/// against the document by schemathesis (`Tests/api-fuzz.sh`).
@Suite("API: the OpenAPI document")
struct OpenAPITests {
    /// The document exactly as `GET /openapi.json` serves it.
    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try OpenAPISpec.load()) as? [String: Any])
    }

    /// Every route the router serves is in the document and every documented operation is served.
    @Test func documentsExactlyTheRoutesServed() throws {
        let router = try buildRouter(services: APIServices(store: try StarMatchStore(inMemory: PolicyConfig())))
        try router.validate()
        // The web desk's HTML pages (`/desk`, issue 18) are not the JSON API: they are tested by DeskTests and in Chromium.
        let served = Set(router.routes.compactMap { route -> String? in
            let path = route.path.description.replacingOccurrences(of: #":(\w+)"#, with: "{$1}", options: .regularExpression)
            let absolute = path.hasPrefix("/") ? path : "/" + path
            return absolute.hasPrefix("/desk") ? nil : "\(route.method.rawValue) \(absolute)"
        })
        let document = try Self.document()
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

    /// A missing document, or one that is not OpenAPI 3.1 JSON, is an error naming the file, never an empty
    /// document (`OpenAPISpec.served`, and so `buildRouter`, throws it: `serve` exits 1 with the reason).
    @Test func aMissingOrBrokenDocumentIsAnError() throws {
        var folders: [URL] = []
        defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
        /// A fresh folder (bundles are cached by path) holding `text` as openapi.json, or nothing.
        func bundle(_ text: String?) throws -> Bundle {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            folders.append(folder)
            if let text { try Data(text.utf8).write(to: folder.appendingPathComponent("openapi.json")) }
            return try #require(Bundle(path: folder.path))
        }
        for text in [nil, "", "[]", #"{"openapi": "3.0.3"}"#, #"{"openapi": "3.1.0""#] {
            #expect(throws: OpenAPISpec.LoadError.self, "\(text ?? "no file")") { try OpenAPISpec.load(from: try bundle(text)) }
        }
        #expect(try OpenAPISpec.load(from: try bundle(#"{"openapi": "3.1.0"}"#)).count == 20)
        let missing = try #require(throws: OpenAPISpec.LoadError.self) { try OpenAPISpec.served(from: try bundle(nil)) }
        #expect(missing.description.contains("openapi.json is missing"))
    }

    /// The file stays in one form, so diffs show only what changed: keys sorted, two-space indent, UTF-8
    /// unescaped (`python3 -m json.tool --indent 2 --sort-keys --no-ensure-ascii` writes exactly this).
    @Test func isPrettyPrintedWithSortedKeys() throws {
        let data = try OpenAPISpec.load()
        let text = try #require(String(data: data, encoding: .utf8))
        let canonical = CanonicalJSON.print(try JSONDecoder().decode(JSONValue.self, from: data)) + "\n"
        #expect(text == canonical, "reformat Sources/StarMatchAPI/Resources/openapi.json with python3 -m json.tool --indent 2 --sort-keys --no-ensure-ascii")
    }

    // MARK: Enums

    /// Every `enum` in the document, by where it is, equals the raw values of the Swift type behind it, in
    /// declaration order; an enum added to the document must be added here too.
    @Test func enumsAreTheSwiftEnums() throws {
        let creatorKinds = Creator.Kind.allCases.map(\.rawValue)
        let campaignKinds = Campaign.Kind.allCases.map(\.rawValue)
        let matchStates = MatchState.allCases.map(\.rawValue)
        // `Check.Outcome` is not `CaseIterable`: this switch stops compiling when a case is added.
        let outcomes: [Check.Outcome] = [.pass, .refuse, .note]
        for outcome in outcomes {
            switch outcome { case .pass, .refuse, .note: break }
        }
        let s = "components/schemas/"
        let expected: [String: [String]] = [
            s + "Creator/properties/kind": creatorKinds,
            s + "CreatorInput/properties/kind": creatorKinds,
            s + "CreatorPatch/properties/kind": creatorKinds,
            s + "RankedCreator/properties/kind": creatorKinds,
            "paths//v1/creators/get/parameters/kind/schema": creatorKinds,
            s + "Campaign/properties/kind": campaignKinds,
            s + "CampaignInput/properties/kind": campaignKinds,
            s + "CampaignPatch/properties/kind": campaignKinds,
            s + "RankedCampaign/properties/kind": campaignKinds,
            s + "CampaignTip/properties/kind": campaignKinds,
            s + "ContentEventInput/properties/medium": ContentEvent.Medium.allCases.map(\.rawValue),
            s + "ContentEventInput/properties/action": ContentEvent.Action.allCases.map(\.rawValue),
            s + "ViolationInput/properties/kind": Violation.Kind.allCases.map(\.rawValue),
            s + "Match/properties/state": matchStates,
            s + "MatchEvent/properties/from": matchStates,
            s + "MatchEvent/properties/to": matchStates,
            "paths//v1/matches/get/parameters/state/schema": matchStates,
            // `expire` is the clock's step, not a route (`MatchRoutes.act` refuses it).
            "paths//v1/matches/{id}/{action}/parameters/action/schema": MatchAction.allCases.filter { $0 != .expire }.map(\.rawValue),
            s + "Check/properties/outcome": outcomes.map(\.rawValue),
            s + "RuleID": RuleID.allCases.map(\.rawValue),
            // Plain strings on the Swift side: the values the store writes and the routes accept.
            s + "Match/properties/source": ["batch", "manual"],
            s + "BatchMatch/properties/state": ["proposed", "superseded", "notStored"],
            s + "Job/properties/status": ["running"],
            "paths//v1/campaigns/{id}/shortlist/get/parameters/explain/schema": ["true", "false", "1", "0"],
            "paths//v1/creators/{id}/matches/get/parameters/explain/schema": ["true", "false", "1", "0"],
        ]
        var found: [String: [String]] = [:]
        walk(try Self.document(), "") { path, schema in
            if let values = schema["enum"] { found[path] = (values as? [String]) ?? ["(not strings)"] }
        }
        #expect(Set(found.keys) == Set(expected.keys), "in the document only: \(Set(found.keys).subtracting(expected.keys).sorted()); expected only: \(Set(expected.keys).subtracting(found.keys).sorted())")
        for (path, values) in expected where found[path] != nil {
            #expect(found[path] == values, "\(path)")
        }
    }

    // MARK: Entities

    /// The entity schemas: the JSON shape of each entity (what `GET` returns), its create body and its patch.
    static let entitySchemas: [(entity: String, schemas: [String])] = [
        ("Creator", ["Creator", "CreatorInput", "CreatorPatch"]),
        ("Shop", ["Shop", "ShopInput", "ShopPatch"]),
        ("Campaign", ["Campaign", "CampaignInput", "CampaignPatch"]),
        ("Product", ["Product", "ProductInput", "ProductPatch"]),
        ("Sale", ["SaleInput"]),
        ("ContentEvent", ["ContentEventInput"]),
        ("Violation", ["ViolationInput"]),
        ("PolicyQuiz", ["QuizInput"]),
    ]

    /// Every numeric bound of an entity member is the validator's, from `EntityLimits` (and the policy's CHR
    /// scale for violation points); every numeric member has both bounds; text is bounded as the validator does.
    @Test func entityRangesAreEntityLimits() throws {
        let policy = try PolicyConfig.load(json: try Data(contentsOf: Self.repository.appendingPathComponent("Scoring/policy.json")), source: "policy.json")
        func range(_ r: ClosedRange<Int>) -> [Double] { [Double(r.lowerBound), Double(r.upperBound)] }
        let limits: [String: [Double]] = [
            "followers": range(EntityLimits.followers),
            "minFollowers": range(EntityLimits.followers),
            "score": [EntityLimits.shopScore.lowerBound, EntityLimits.shopScore.upperBound],
            "slots": range(EntityLimits.slots),
            "commissionPercent": [EntityLimits.commissionPercent.lowerBound, EntityLimits.commissionPercent.upperBound],
            "orders": range(EntityLimits.orders),
            "returnedOrders": range(EntityLimits.orders),
            "gmvMinor": [Double(EntityLimits.gmvMinor.lowerBound), Double(EntityLimits.gmvMinor.upperBound)],
            "priceMinor": [Double(EntityLimits.priceMinor.lowerBound), Double(EntityLimits.priceMinor.upperBound)],
            "durationSeconds": range(EntityLimits.durationSeconds),
            "points": range(EntityLimits.violationPoints(chrMax: policy.chrMax)),
        ]
        let document = try Self.document()
        var checked = Set<String>()
        for (_, names) in Self.entitySchemas {
            for name in names {
                for (member, raw) in try Self.properties(name, in: document) {
                    let property = try Self.resolve(raw, in: document)
                    guard ["integer", "number"].contains(property["type"] as? String) else { continue }
                    let bounds = [property["minimum"], property["maximum"]].map(Self.number)
                    #expect(bounds == limits[member]?.map { Optional($0) }, "\(name).\(member): \(bounds) in the document, \(limits[member].map { "\($0)" } ?? "no limit") in EntityLimits")
                    checked.insert(member)
                }
            }
        }
        #expect(checked == Set(limits.keys), "limits not found in the document: \(Set(limits.keys).subtracting(checked).sorted())")
        let text = try Self.resolve(["$ref": "#/components/schemas/Text"], in: document)
        #expect(text["maxLength"] as? Int == EntityLimits.maxTextBytes)
        #expect(text["minLength"] as? Int == 1)
    }

    /// Each entity schema lists exactly the members the entity encodes to (with every optional member set), and
    /// each member's JSON type is the Swift type's: `Int` an integer, `Double` a number, `Bool` a boolean, arrays
    /// arrays (of strings), the rest strings.
    @Test func entityMembersAndTypesAreTheEntities() throws {
        let document = try Self.document()
        for (entity, names) in Self.entitySchemas {
            let sample = try #require(Self.fullSamples[entity])
            let encoded = try Self.encoded(sample)
            let types = Self.jsonTypes(sample, encoded: encoded)
            #expect(Set(types.keys) == Set(encoded.keys), "\(entity): Swift property names and JSON member names differ")
            for name in names {
                let properties = try Self.properties(name, in: document)
                #expect(Set(properties.keys) == Set(encoded.keys), "\(name): document only \(Set(properties.keys).subtracting(encoded.keys).sorted()), \(entity) only \(Set(encoded.keys).subtracting(properties.keys).sorted())")
                for (member, raw) in properties {
                    let property = try Self.resolve(raw, in: document)
                    #expect(property["type"] as? String == types[member], "\(name).\(member)")
                    if types[member] == "array" {
                        let items = try Self.resolve(try #require(property["items"] as? [String: Any]), in: document)
                        #expect(items["type"] as? String == "string", "\(name).\(member) items")
                    }
                }
            }
        }
    }

    /// What `GET` returns: the `required` members of the response schemas are the entity's non-optional
    /// fields, exactly the members an entity with every optional member `nil` encodes to.
    @Test func responseSchemasRequireTheNonOptionalFields() throws {
        let document = try Self.document()
        for (entity, sample) in Self.minimalSamples {
            let schema = try Self.schema(entity, in: document)
            let required = Set(try #require(schema["required"] as? [String]))
            #expect(required == Set(try Self.encoded(sample).keys), "\(entity)")
        }
    }

    /// Request bodies are strict: every request body schema (and each item of an array body) refuses members
    /// it does not list, and lists its `required` members among its properties.
    @Test func requestSchemasRefuseUnknownMembers() throws {
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        var bodies = 0
        for (path, item) in paths {
            for (method, value) in item {
                guard let operation = value as? [String: Any], let body = operation["requestBody"] as? [String: Any] else { continue }
                let content = try #require(body["content"] as? [String: [String: Any]])
                let top = try Self.resolve(try #require(content["application/json"]?["schema"] as? [String: Any]), in: document)
                let alternatives = (top["oneOf"] as? [[String: Any]]) ?? [top]
                for alternative in alternatives {
                    var schema = try Self.resolve(alternative, in: document)
                    if schema["type"] as? String == "array" { schema = try Self.resolve(try #require(schema["items"] as? [String: Any]), in: document) }
                    #expect(schema["type"] as? String == "object", "\(method) \(path)")
                    #expect(schema["additionalProperties"] as? Bool == false, "\(method) \(path): additionalProperties must be false")
                    let properties = Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? [])
                    let required = Set((schema["required"] as? [String]) ?? [])
                    #expect(required.isSubset(of: properties), "\(method) \(path): required members not listed: \(required.subtracting(properties))")
                    bodies += 1
                }
            }
        }
        #expect(bodies >= 11)
    }

    /// The members a body must give, asked of the server: from the create schema's example (which must be
    /// accepted), each member is left out in turn; the server must refuse (422, pointing at the member) exactly
    /// those the schema lists as required. An unknown member is refused too, as `additionalProperties: false` says.
    @Test func createSchemasRequireWhatTheServerRequires() async throws {
        let f = try APIFixture()
        try await f.test { client in
            let document = try Self.document()
            var serial = 0
            func post(_ route: String, _ body: [String: Any]) async throws -> (status: HTTPResponse.Status, pointers: [String]) {
                let text = String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]), as: UTF8.self)
                let response = try await client.call(.post, route, key: f.manager, body: text)
                let errors = (try? object(response))?["errors"] as? [[String: Any]] ?? []
                return (response.status, errors.compactMap { $0["pointer"] as? String })
            }
            for (route, name) in Self.createRoutes {
                let schema = try Self.schema(name, in: document)
                let required = Set((schema["required"] as? [String]) ?? [])
                var base = try #require((schema["examples"] as? [[String: Any]])?.first, "\(name) has no example")
                base["id"] = nil
                func body() -> [String: Any] {
                    serial += 1
                    var body = base
                    body["id"] = "t-\(serial)"
                    if body["handle"] != nil { body["handle"] = "handle-\(serial)" }  // E-HANDLE: one creator per handle
                    return body
                }
                #expect(try await post(route, body()).status == .created, "\(route): the full body must be accepted")
                var refusedWithout = Set<String>()
                for member in ["id"] + base.keys.sorted() {
                    var partial = body()
                    partial[member] = nil
                    let (status, pointers) = try await post(route, partial)
                    switch status {
                    case .created: break
                    case .unprocessableContent where pointers.contains("/" + member): refusedWithout.insert(member)
                    default: Issue.record("\(route) without \(member): \(status) \(pointers) (do the test body's members depend on each other?)")
                    }
                }
                #expect(refusedWithout == required, "\(name): refused without \(refusedWithout.sorted()), the document requires \(required.sorted())")
                var unknown = body()
                unknown["notAMember"] = 1
                let (status, pointers) = try await post(route, unknown)
                #expect(status == .unprocessableContent && pointers == ["/notAMember"], "\(route) with an unknown member: \(status) \(pointers)")
            }
        }
    }

    /// The create routes and their body schemas; each schema's first example is a valid body whose members
    /// do not depend on each other (it refers to the demo data: `Seeds/`).
    static let createRoutes: [(route: String, schema: String)] = [
        ("/v1/creators", "CreatorInput"), ("/v1/shops", "ShopInput"), ("/v1/campaigns", "CampaignInput"), ("/v1/products", "ProductInput"),
        ("/v1/sales", "SaleInput"), ("/v1/content-events", "ContentEventInput"), ("/v1/violations", "ViolationInput"),
        ("/v1/quizzes", "QuizInput"),
    ]

    /// The value schemas' patterns accept exactly what the Swift validators accept, on strings at their edges.
    @Test func patternsAgreeWithTheValidators() throws {
        let document = try Self.document()
        let probes: [(schema: String, valid: (String) -> Bool, strings: [String])] = [
            ("Id", { CreatorID(validating: $0) != nil }, ["a", "A9", "cr-0001", "x._:-y", String(repeating: "a", count: 64),
                String(repeating: "a", count: 65), "", "-a", ".a", "a b", "a/b", "é", "a;b"]),
            ("Region", Region.isValid, ["US", "GB", "us", "USA", "U", "", "U1"]),
            ("CategoryPath", { CategoryPath(validating: $0) != nil }, ["beauty", "beauty/skincare", "a/b/c", "a-1/b-2", "a/b/c/d",
                "Beauty", "a//b", "/a", "a/", "", String(repeating: "a", count: 48), String(repeating: "a", count: 49), "a_b"]),
            ("Day", { CalendarDay(iso: $0) != nil }, ["2026-11-25", "1995-03-04", "2026-1-25", "2026-11-25T00:00:00Z", "20261125", ""]),
            ("InstantInput", { Timestamp.parse($0) != nil }, ["2026-11-25", "2026-11-25T18:00Z", "2026-11-25T18:00:00Z",
                "2026-11-25T18:00:00.123456789Z", "2026-11-25T18:00:00+01:00", "2026-11-25 18:00:00-05:30",
                "2026-11-25T18:00:00", "2026-11-25T18:00:00.1234567890Z", "2026-11-25T18:00:00+0100", "2026-11-25T18Z", "25/11/2026"]),
            ("BatchRequest.week", { WeeklyBatch.week($0, timeZone: TimeZone(identifier: "UTC")!) != nil }, ["2026-W48", "2026-W01", "2026-W52",
                "1000-W10", "9999-W30", "2026-W00", "2026-W54", "2026-W048", "0999-W10", "2026W48", "2026-w48"]),
        ]
        /// Whether `string` matches `schema`'s pattern and lengths (any alternative of an `anyOf`).
        func documents(_ schema: [String: Any], _ string: String) throws -> Bool {
            let schema = try Self.resolve(schema, in: document)
            if let alternatives = schema["anyOf"] as? [[String: Any]] { return try alternatives.contains { try documents($0, string) } }
            let pattern = try #require(schema["pattern"] as? String, "\(schema) has no pattern")
            let regex = try NSRegularExpression(pattern: pattern)
            let matches = regex.firstMatch(in: string, range: NSRange(string.startIndex..., in: string)) != nil
            let lengthOK = (schema["minLength"] as? Int).map { string.count >= $0 } ?? true
                && (schema["maxLength"] as? Int).map { string.count <= $0 } ?? true
            return matches && lengthOK
        }
        for (name, valid, strings) in probes {
            let parts = name.split(separator: ".").map(String.init)
            let schema = parts.count == 2 ? try #require(try Self.properties(parts[0], in: document)[parts[1]]) : try Self.schema(name, in: document)
            for string in strings {
                let documented = try documents(schema, string)
                #expect(documented == valid(string), "\(name) '\(string)': the document says \(documented), Swift \(valid(string))")
            }
        }
    }

    // MARK: Query parameters

    /// Every bounded integer query parameter's range is the one the route enforces: both ends accepted, one
    /// past either end refused with 400.
    @Test func queryParameterRangesAreTheRoutes() async throws {
        let f = try APIFixture()
        let document = try Self.document()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let ids = ["/v1/creators/{id}": "cr-0001", "/v1/campaigns/{id}": APIFixture.campaignA]
        var probes: [(uri: String, accepted: Bool)] = []
        for (path, item) in paths {
            guard let operation = item["get"] as? [String: Any] else { continue }
            var uri = path
            for (template, id) in ids { uri = uri.replacingOccurrences(of: template, with: template.replacingOccurrences(of: "{id}", with: id)) }
            for parameter in (operation["parameters"] as? [[String: Any]]) ?? [] where parameter["in"] as? String == "query" {
                let schema = try Self.resolve(try #require(parameter["schema"] as? [String: Any]), in: document)
                guard schema["type"] as? String == "integer" else { continue }
                let name = try #require(parameter["name"] as? String)
                let low = try #require(schema["minimum"] as? Int, "\(path) ?\(name) has no minimum")
                let high = try #require(schema["maximum"] as? Int, "\(path) ?\(name) has no maximum")
                probes += [(low, true), (high, true), (low - 1, false), (high + 1, false)].map { ("\(uri)?\(name)=\($0)", $1) }
            }
        }
        #expect(probes.count >= 28)
        try await f.test { [probes] client in
            for (uri, accepted) in probes {
                try await client.call(.get, uri, key: f.manager) { response in
                    #expect(response.status == (accepted ? .ok : .badRequest), "\(uri)")
                }
            }
        }
    }

    // MARK: Helpers

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func schema(_ name: String, in document: [String: Any]) throws -> [String: Any] {
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        return try #require(schemas[name] as? [String: Any], "no schema \(name)")
    }

    static func properties(_ name: String, in document: [String: Any]) throws -> [String: [String: Any]] {
        try #require(try schema(name, in: document)["properties"] as? [String: [String: Any]], "\(name) has no properties")
    }

    /// A schema with its `$ref` (if any) followed; the reference's own members win over the referring object's.
    static func resolve(_ schema: [String: Any], in document: [String: Any]) throws -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        let prefix = "#/components/schemas/"
        #expect(ref.hasPrefix(prefix), "\(ref)")
        return try resolve(try Self.schema(String(ref.dropFirst(prefix.count)), in: document), in: document)
    }

    /// A JSON number as a `Double` (exact for the document's bounds, all below 2^53).
    static func number(_ value: Any?) -> Double? {
        switch value {
        case let n as Int: Double(n)
        case let n as Int64: Double(n)
        case let n as Double: n
        case let n as NSNumber: n.doubleValue
        default: nil
        }
    }

    static func encoded(_ value: any Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: try APIJSON.encoder.encode(value)) as? [String: Any])
    }

    /// The JSON type of each stored property: integers and numbers by the Swift type, the rest by what it encodes to.
    static func jsonTypes(_ value: Any, encoded: [String: Any]) -> [String: String] {
        var types: [String: String] = [:]
        for child in Mirror(reflecting: value).children {
            guard let label = child.label else { continue }
            var value = child.value
            if Mirror(reflecting: value).displayStyle == .optional, let wrapped = Mirror(reflecting: value).children.first?.value { value = wrapped }
            switch value {
            case is Int, is Int64, is Int32: types[label] = "integer"
            case is Double: types[label] = "number"
            case is Bool: types[label] = "boolean"
            default:
                switch encoded[label] {
                case is String: types[label] = "string"
                case is [Any]: types[label] = "array"
                case is [String: Any]: types[label] = "object"
                default: types[label] = "?"
                }
            }
        }
        return types
    }

    static let instant = Date(timeIntervalSince1970: 1_764_000_000)

    /// One value of each entity with every optional member set.
    static var fullSamples: [String: any Encodable] {
        [
        "Creator": Creator(
            id: "cr-s", handle: "h", kind: .affiliate, followers: 1, region: "US", birthDate: CalendarDay(iso: "1990-01-01")!,
            registeredAt: instant, ageConfirmedAt: instant, identityVerified: true, identityDocument: "d", boundShop: "sh-s",
            niches: ["beauty"], pilotStartedAt: instant, quizPassedAt: instant),
        "Shop": Shop(id: "sh-s", name: "n", region: "US", score: 97.5, categories: ["beauty"]),
        "Campaign": Campaign(
            id: "cp-s", shop: "sh-s", name: "n", kind: .sample, categories: ["beauty"], slots: 1, startsAt: instant,
            endsAt: instant, commissionPercent: 12.5, minFollowers: 1, regions: ["US"], products: ["pr-s"]),
        "Product": Product(id: "pr-s", shop: "sh-s", name: "n", category: "beauty", priceMinor: 2499, currency: "USD", commissionPercent: 15,
            freeSample: true),
        "Sale": Sale(id: "sa-s", creator: "cr-s", shop: "sh-s", campaign: "cp-s", category: "beauty", orderedAt: instant, orders: 2,
            returnedOrders: 1, gmvMinor: 100, currency: "USD", product: "pr-s"),
        "ContentEvent": ContentEvent(id: "ev-s", creator: "cr-s", content: "v-s", medium: .video, action: .published, at: instant,
            durationSeconds: 30, isPrivate: false, shoppable: true),
        "Violation": Violation(id: "vi-s", creator: "cr-s", kind: .spam, points: 5, at: instant, appealedAt: instant),
        "PolicyQuiz": PolicyQuiz(id: "qz-s", creator: "cr-s", at: instant, score: 100),
        ]
    }

    /// The entities `GET` returns, with every optional member `nil`.
    static var minimalSamples: [String: any Encodable] {
        [
        "Creator": Creator(
            id: "cr-s", handle: "h", kind: .affiliate, followers: 1, region: "US", birthDate: CalendarDay(iso: "1990-01-01")!,
            registeredAt: instant, ageConfirmedAt: nil, identityVerified: false, identityDocument: nil, niches: []),
        "Shop": Shop(id: "sh-s", name: "n", region: "US", score: 97.5, categories: ["beauty"]),
        "Campaign": Campaign(
            id: "cp-s", shop: "sh-s", name: "n", kind: .sample, categories: ["beauty"], slots: 1, startsAt: instant,
            endsAt: instant, commissionPercent: 12.5),
        "Product": Product(id: "pr-s", shop: "sh-s", name: "n", category: "beauty", priceMinor: 2499, commissionPercent: 15),
        ]
    }
}

/// Visits every schema-like object of the document with its path (`a/b/c`; array items by their `name` when
/// they have one, else by index).
private func walk(_ value: Any, _ path: String, _ visit: (String, [String: Any]) -> Void) {
    if let object = value as? [String: Any] {
        visit(path, object)
        for (key, child) in object { walk(child, path.isEmpty ? key : path + "/" + key, visit) }
    } else if let array = value as? [Any] {
        for (index, child) in array.enumerated() {
            let name = (child as? [String: Any])?["name"] as? String ?? String(index)
            walk(child, path + "/" + name, visit)
        }
    }
}

/// A JSON value (the store's `JSONValue`, the one JSON reader) printed in one canonical form: Python's
/// `json.dumps(indent=2, sort_keys=True, ensure_ascii=False)`.
private enum CanonicalJSON {
    static func print(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let n): return String(n)
        case .number(let d): return String(d)
        case .string(let s): return quoted(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + print($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) { $0.value < $1.value } }
            return "{\n" + keys.map { inner + quoted($0) + ": " + print(members[$0]!, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
