import Foundation
import Testing

/// Issue 7: every hostile file is refused with its line and field named, exit 2, and the database unchanged.
@Suite("Hostile input corpus (Tests/hostile)", .serialized)
struct HostileInputTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("hostile")

    func hashes(_ cli: CLI) throws -> [String: String] {
        let result = try cli.run(["check", "--hash", "--json"])
        #expect(result.status == 0)
        return try #require((try cli.json(result) as? [String: Any])?["hashes"] as? [String: String])
    }

    @Test("every corpus file: exit 2, the error names line and field, nothing changes")
    func corpusFiles() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let before = try hashes(cli)
        let cases = try String(contentsOf: Self.corpus.appendingPathComponent("cases.tsv"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { $0.split(separator: "\t").map(String.init) }
        #expect(cases.count >= 12)
        for fields in cases {
            let (file, kind, words) = (fields[0], fields[1], fields.dropFirst(2))
            let result = try cli.run(["import", kind, Self.corpus.appendingPathComponent(file).path])
            #expect(result.status == 2, "\(file): exit \(result.status)")
            for word in words { #expect(result.stderr.contains(word), "\(file): the error does not name '\(word)': \(result.stderr)") }
            #expect(try hashes(cli) == before, "\(file) changed the database")
        }
    }

    @Test("too large to commit: a 5 MB field and a 200,000-column row")
    func generatedFiles() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let before = try hashes(cli)
        let header = "id,name,region,score,categories\n"
        let huge = try cli.write("huge-field.csv", header + "sh-huge,\"" + String(repeating: "x", count: 5 << 20) + "\",US,90,beauty\n")
        let wide = try cli.write("wide-row.csv", header + String(repeating: "a,", count: 200_000) + "z\n")
        for (file, word) in [(huge, "line 2"), (wide, "line 2")] {
            let result = try cli.run(["import", "shops", file])
            #expect(result.status == 2 && result.stderr.contains(word), "\(file): \(result.stderr.prefix(300))")
            #expect(try hashes(cli) == before)
        }
    }
}
