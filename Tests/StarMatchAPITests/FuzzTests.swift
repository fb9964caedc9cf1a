import Foundation
import Hummingbird
import HummingbirdTesting
@testable import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// Mutated inputs for the bounded fuzz pass (issue 16), drawn from the core's seeded generator (`SplitMix64`: the same
/// seed, the same cases): each case applies one to four mutations to a valid input —
/// a byte changed, a token that parsers trip on inserted, a range deleted or doubled, the input cut short, a number
/// replaced by an extreme one, two lines swapped.
struct Mutator {
    /// `STARMATCH_FUZZ_SEED` replays a run; every failure message names the seed and the case.
    static let seed: UInt64 = ProcessInfo.processInfo.environment["STARMATCH_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20261130
    /// Cases per input in `swift test` (CI); `STARMATCH_FUZZ_CASES` for a longer local run.
    static let cases = ProcessInfo.processInfo.environment["STARMATCH_FUZZ_CASES"].flatMap { Int($0) } ?? 30

    static let tokens: [[UInt8]] = [
        ",", "\"", "\n", "\r\n", "\r", "\0", "\\", "{", "}", "[", "]", ":", ";", " ", "'", "null", "true", "-", ".", "e",
        "1e309", "-0", "NaN", "Infinity", "0x1p6", "99999999999999999999999", "-9223372036854775809", "9223372036854775807",
        "4611686018427387904", "2026-02-30T00:00:00Z", "9999-12-31T23:59:59.9999999Z", "\u{FEFF}", "\u{202E}", "é", "🦄",
        "\"\"", "{}", "[]", "\"id\"", "\"id\":\"x\",",
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80]]  // invalid UTF-8: a lone byte, a cut sequence, a surrogate

    static let numbers: [[UInt8]] = ["0", "-1", "1e309", "99999999999999999999", "9223372036854775807", "4611686018427387904", "0.00001", "1e-320"]
        .map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<7, using: &rng) {
            case 0 where !bytes.isEmpty: bytes[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes.insert(contentsOf: tokens.randomElement(using: &rng)!, at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...16, using: &rng)))
            case 3 where !bytes.isEmpty: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int.random(in: 1...64, using: &rng))], at: at)
            case 4: bytes = Array(bytes.prefix(at))
            case 5:
                // A run of digits becomes an extreme number.
                guard let start = bytes[at...].firstIndex(where: { (0x30...0x39).contains($0) }) else { break }
                let end = bytes[start...].firstIndex { !(0x30...0x39).contains($0) } ?? bytes.count
                bytes.replaceSubrange(start..<end, with: numbers.randomElement(using: &rng)!)
            default:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
                guard lines.count > 2 else { break }
                lines.swapAt(Int.random(in: 1..<lines.count, using: &rng), Int.random(in: 1..<lines.count, using: &rng))
                bytes = Array(lines.joined(separator: [0x0A]))
            }
        }
        return bytes
    }
}

/// The bounded fuzz pass (issue 16): mutated CSV and JSON Lines files, API bodies and `solve` instances. Nothing may
/// crash (a trap ends the test process), nothing may answer 5xx, and a refused input changes nothing: every table's
/// content hash is as before.
@Suite("Fuzz: mutated imports, bodies and solve instances (issue 16)", .serialized)
struct FuzzTests {
    static let seeds = OpenAPITests.repository.appendingPathComponent("Seeds")

    /// The demo's categories, shops, creators and campaigns (what the fuzzed rows refer to), without its activity:
    /// a small database, so that hashing it after every case stays cheap.
    func seededStore() throws -> StarMatchStore {
        let store = try StarMatchStore(inMemory: PolicyConfig())
        _ = try store.importFiles(ProjectResources.seedFiles(in: Self.seeds).filter { [.categories, .shops, .products, .creators, .campaigns].contains($0.0) })
        return store
    }

    func fingerprint(_ store: StarMatchStore) throws -> [String: String] { try store.check(hashes: true).hashes ?? [:] }

    /// Valid JSON objects of each kind, from the OpenAPI document's examples (the API's and JSON Lines' shape).
    static func examples() throws -> [(kind: ImportKind, route: String, object: [String: Any])] {
        let document = try OpenAPITests.document()
        return try OpenAPITests.createRoutes.map { route, schema in
            let example = try #require((try OpenAPITests.schema(schema, in: document)["examples"] as? [[String: Any]])?.first)
            let kind = try #require(ImportKind(rawValue: String(route.dropFirst("/v1/".count))))
            return (kind, route, example)
        }
    }

    @Test func mutatedCSVAndJSONLinesFilesAreRefusedOrImportedWhole() throws {
        let store = try seededStore()
        var before = try fingerprint(store)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("starmatch-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var inputs: [(ImportKind, String, [UInt8])] = []
        for kind in [ImportKind.creators, .shops, .campaigns, .sales, .contentEvents, .violations] {
            let file = Self.seeds.appendingPathComponent(kind.rawValue.replacingOccurrences(of: "-", with: "_") + ".csv")
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            inputs.append((kind, "csv", Array(lines.prefix(25).joined(separator: "\n").utf8)))
        }
        for (kind, _, object) in try Self.examples() {
            let lines = try (0..<3).map { n -> String in
                var line = object
                line["id"] = "fz-\(n)"
                if line["handle"] != nil { line["handle"] = "fuzz.\(n)" }
                return String(decoding: try JSONSerialization.data(withJSONObject: line, options: .sortedKeys), as: UTF8.self)
            }
            inputs.append((kind, "jsonl", Array(lines.joined(separator: "\n").utf8)))
        }
        var rng = SplitMix64(seed: Mutator.seed)
        var refused = 0, imported = 0
        for (kind, format, input) in inputs {
            for n in 0..<Mutator.cases {
                let mutated = Mutator.mutate(input, &rng)
                let url = dir.appendingPathComponent("case.\(format)")
                try Data(mutated).write(to: url)
                do {
                    try store.importFile(kind: kind, at: url)
                    imported += 1
                    before = try fingerprint(store)
                } catch {
                    refused += 1
                    #expect(try fingerprint(store) == before, "seed \(Mutator.seed), \(kind.rawValue).\(format) case \(n): a refused import changed the database (\(error))")
                }
            }
        }
        // Both ways out are taken: mutations that keep a file valid, and the many that break it.
        #expect(refused > 0 && imported > 0 && refused + imported == inputs.count * Mutator.cases, "\(refused) refused, \(imported) imported")
    }

    @Test func mutatedBodiesAreAnsweredBelow500AndRefusedWhole() async throws {
        let store = try seededStore()
        let key = try store.createAPIKey(role: .manager, shop: nil, label: "fuzz", at: Date()).secret
        let services = APIServices(store: store)
        let app = Application(router: try buildRouter(services: services), logger: testLogger)
        // The examples as bodies (bytes are Sendable; the JSON objects are not).
        let bodies: [(route: String, body: [UInt8])] = try Self.examples().map { _, route, object in
            var body = object
            body["id"] = "fz-body"
            if body["handle"] != nil { body["handle"] = "fuzz.body" }
            return (route, Array(try JSONSerialization.data(withJSONObject: body, options: .sortedKeys)))
        }
        try await app.test(.router) { client in
            var rng = SplitMix64(seed: Mutator.seed ^ 0x5EED)
            var before = try fingerprint(store)
            for (route, input) in bodies {
                for n in 0..<Mutator.cases {
                    let mutated = Mutator.mutate(input, &rng)
                    var headers = HTTPFields()
                    headers[.authorization] = "Bearer \(key)"
                    headers[.contentType] = "application/json"
                    let status = try await client.execute(uri: route, method: .post, headers: headers, body: ByteBuffer(bytes: mutated)) { $0.status }
                    #expect(status.code < 500, "seed \(Mutator.seed), POST \(route) case \(n): \(status) for \(String(decoding: mutated, as: UTF8.self))")
                    if status.code < 300 {
                        before = try fingerprint(store)
                    } else {
                        #expect(try fingerprint(store) == before, "seed \(Mutator.seed), POST \(route) case \(n): a refused body changed the database")
                    }
                }
            }
        }
    }

    @Test func mutatedSolveInstancesAreRefusedOrSolved() throws {
        var edges: [MatchingInstance.Edge] = []
        for c in 0..<5 {
            for k in 0..<3 {
                let score = Double((c * 3 + k) % 9 + 1) / 10
                edges.append(MatchingInstance.Edge(creator: "c\(c)", campaign: "k\(k)", score: score))
            }
        }
        let instance = MatchingInstance(
            creators: (0..<5).map { MatchingInstance.Creator(id: "c\($0)", capacity: $0 % 3 + 1) },
            campaigns: (0..<3).map { MatchingInstance.Campaign(id: "k\($0)", slots: $0 + 1) },
            edges: edges)
        let input = Array(try JSONEncoder().encode(instance))
        var rng = SplitMix64(seed: Mutator.seed ^ 0x501E)
        var solved = 0
        for _ in 0..<(Mutator.cases * 10) {
            let mutated = Mutator.mutate(input, &rng)
            // What `starmatch solve` does with a file: decode, check, solve.
            guard let parsed = try? JSONDecoder().decode(MatchingInstance.self, from: Data(mutated)),
                  let problem = try? parsed.problem() else { continue }
            let result = parsed.solution(problem, BMatchingSolver.solve(problem))
            solved += 1
            // Whatever was solved respects every capacity and slot count.
            var perCreator: [String: Int] = [:], perCampaign: [String: Int] = [:]
            for assignment in result.assignments {
                perCreator[assignment.creator, default: 0] += 1
                perCampaign[assignment.campaign, default: 0] += 1
            }
            for creator in parsed.creators { #expect(perCreator[creator.id, default: 0] <= creator.capacity) }
            for campaign in parsed.campaigns { #expect(perCampaign[campaign.id, default: 0] <= campaign.slots) }
        }
        #expect(solved > 0)
    }
}
