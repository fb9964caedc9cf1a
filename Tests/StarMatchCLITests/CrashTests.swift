import Foundation
import Testing

/// Issue 7: SIGKILL at random points of an import leaves the database as it was or wholly imported, never in
/// between, and a rerun ends where an uninterrupted import ends.
@Suite("Crash safety: kill -9 during import", .serialized)
struct ImportCrashTests {
    static let dataTables = ["categories", "shops", "creators", "campaigns", "sales", "content_events", "violations"]

    func check(_ cli: CLI, db: String) throws -> [String: Any] {
        let result = try cli.run(["check", "--hash", "--json", "--db", db], withDB: false)
        #expect(result.status == 0, "check: \(result.stderr)")
        return try #require(try cli.json(result) as? [String: Any])
    }

    func prepare(_ cli: CLI, db: String, gen: String) throws {
        for (kind, file) in [("categories", "categories"), ("shops", "shops"), ("creators", "creators"), ("campaigns", "campaigns")] {
            let r = try cli.run(["import", kind, "\(gen)/\(file).csv", "--json", "--db", db], withDB: false)
            #expect(r.status == 0, "\(kind): \(r.stderr)")
        }
    }

    @Test("20 kill points during `import sales`: all or nothing each time; a rerun equals an uninterrupted import")
    func killedImports() throws {
        let cli = try CLI()
        let gen = cli.dir.appendingPathComponent("gen").path
        #expect(try cli.run(["generate", "--creators", "4000", "--shops", "100", "--campaigns", "50", "--seed", "9", "--out", gen, "--json"], withDB: false).status == 0)
        let rows = try String(contentsOfFile: "\(gen)/sales.csv", encoding: .utf8).split(separator: "\n").count - 1
        #expect(rows > 10_000)

        // The reference: the same import, never interrupted.
        let reference = cli.dir.appendingPathComponent("reference.sqlite").path
        try prepare(cli, db: reference, gen: gen)
        #expect(try cli.run(["import", "sales", "\(gen)/sales.csv", "--json", "--db", reference], withDB: false).status == 0)
        let expected = try check(cli, db: reference)["hashes"] as? [String: String]

        let db = cli.db
        try prepare(cli, db: db, gen: gen)
        let pristine = cli.dir.appendingPathComponent("pristine.sqlite").path
        #expect(try cli.run(["backup", pristine]).status == 0)
        let before = try check(cli, db: db)
        var rng = SystemRandomNumberGenerator()
        var killedMidway = 0, completed = 0
        for attempt in 0..<20 {
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["import", "sales", "\(gen)/sales.csv", "--json", "--db", db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 20_000...1_500_000, using: &rng))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killedMidway += 1 }
            process.waitUntilExit()
            let after = try check(cli, db: db)
            #expect(after["integrity"] as? [String] == ["ok"], "attempt \(attempt)")
            let sales = (after["counts"] as? [String: Any])?["sales"] as? Int
            let hashes = after["hashes"] as? [String: String]
            if sales == rows {
                completed += 1
                #expect(hashes?["sales"] == expected?["sales"], "attempt \(attempt): a finished import differs from the reference")
                #expect(try cli.run(["restore", pristine, "--yes"]).status == 0)
            } else {
                #expect(sales == 0, "attempt \(attempt): \(sales ?? -1) of \(rows) sales visible: a partial import")
                for table in Self.dataTables {
                    #expect(hashes?[table] == (before["hashes"] as? [String: String])?[table], "attempt \(attempt): \(table) changed")
                }
            }
        }
        #expect(killedMidway >= 5, "only \(killedMidway) of 20 attempts were killed while importing; the window is too short")
        let rerun = try cli.run(["import", "sales", "\(gen)/sales.csv", "--json"])
        #expect(rerun.status == 0)
        let final = try check(cli, db: db)["hashes"] as? [String: String]
        for table in Self.dataTables { #expect(final?[table] == expected?[table], "\(table) differs from an uninterrupted import") }
    }
}
