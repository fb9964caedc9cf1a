import Foundation
import Testing

/// Runs the built `starmatch` executable (it sits beside the test bundle) in a scratch folder.
struct CLI {
    let dir: URL
    var db: String { dir.appendingPathComponent("test.sqlite").path }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("starmatch-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    static var executable: URL {
        let me = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = me.deletingLastPathComponent()
        // On Linux the test runner is `.build/<triple>/debug/StarMatchPackageTests.xctest`.
        for _ in 0..<3 {
            let candidate = dir.appendingPathComponent("starmatch")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return me.deletingLastPathComponent().appendingPathComponent("starmatch")
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    @discardableResult
    func run(_ arguments: [String], withDB: Bool = true, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = withDB ? arguments + ["--db", db] : arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        process.currentDirectoryURL = dir
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func json(_ result: Result) throws -> Any { try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) }
}

@Suite("starmatch executable", .serialized)
struct CLITests {
    let demoInstant = "2026-11-25T18:00:00Z"

    @Test("seed loads Seeds/ and is idempotent")
    func seedIdempotent() throws {
        let cli = try CLI()
        let first = try cli.run(["seed", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let reports = try #require(try cli.json(first) as? [[String: Any]])
        #expect(reports.count == 8)  // every kind but quizzes has a demo file
        #expect(reports.allSatisfy { ($0["updated"] as? Int) == 0 })
        let second = try cli.run(["seed", "--json"])
        let again = try #require(try cli.json(second) as? [[String: Any]])
        #expect(again.allSatisfy { ($0["inserted"] as? Int) == 0 })
        #expect(again.map { $0["updated"] as? Int } == reports.map { $0["inserted"] as? Int })
    }

    @Test("import with bad rows exits 2, names every row and changes nothing")
    func badImport() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        let before = try cli.run(["creators", "list", "--limit", "10000", "--json"]).stdout
        let file = try cli.write("creators.csv", """
            id,handle,kind,followers,region,birth_date,registered_at,identity_verified,identity_document,policies_accepted
            new-1,ok,affiliate,1500,US,1990-01-01,2026-01-01,true,d1,true
            cr-0041,changed,affiliate,1.5k,US,1990-01-01,2026-01-01,true,d2,true
            new-2,ok,robot,1500,US,1990-01-01,2026-01-01,true,d3,true
            """)
        let result = try cli.run(["import", "creators", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("2 bad rows"))
        #expect(result.stderr.contains("line 3, column followers: '1.5k' is not a whole number"))
        #expect(result.stderr.contains("line 4, column kind: unknown value 'robot'"))
        #expect(!result.stderr.contains("Error:"))
        let after = try cli.run(["creators", "list", "--limit", "10000", "--json"]).stdout
        #expect(before == after)
    }

    @Test("a bulk import (a file over $STARMATCH_BULK_IMPORT_BYTES) with a bad row changes nothing, a good one imports, so does a bulk seed; the file ends in WAL mode")
    func bulkImport() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        let bulk = ["STARMATCH_BULK_IMPORT_BYTES": "1"]
        /// Bytes 18 and 19 of an SQLite file's header: 2 and 2 in WAL mode, 1 and 1 with a rollback journal.
        func walHeader() throws -> Bool {
            let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: cli.db)).read(upToCount: 20) ?? Data()
            return header.count == 20 && header[18] == 2 && header[19] == 2
        }
        #expect(try walHeader())
        let before = try cli.run(["creators", "list", "--limit", "10000", "--json"]).stdout
        let header = "id,handle,kind,followers,region,birth_date,registered_at,identity_verified,identity_document,policies_accepted"
        let bad = try cli.write("bad.csv", "\(header)\nnew-1,ok,affiliate,1500,US,1990-01-01,2026-01-01,true,d1,true\nnew-2,ok,robot,1500,US,1990-01-01,2026-01-01,true,d3,true\n")
        let refused = try cli.run(["import", "creators", bad], environment: bulk)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("line 3, column kind: unknown value 'robot'"))
        #expect(try cli.run(["creators", "list", "--limit", "10000", "--json"]).stdout == before)
        #expect(try walHeader())
        #expect(!FileManager.default.fileExists(atPath: cli.db + "-journal"))
        let good = try cli.write("good.csv", "\(header)\nnew-1,ok,affiliate,1500,US,1990-01-01,2026-01-01,true,d1,true\n")
        let imported = try cli.run(["import", "creators", good, "--json"], environment: bulk)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try cli.run(["creators", "show", "new-1"]).status == 0)
        #expect(try walHeader())
        #expect(try cli.run(["check", "--scoring"]).status == 0)
        // A seed folder over the size is its process's bulk write too: upserts into the same file, WAL mode after.
        let seeded = try cli.run(["seed", "--json"], environment: bulk)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        #expect(try walHeader())
        #expect(!FileManager.default.fileExists(atPath: cli.db + "-journal"))
        #expect(try cli.run(["check", "--scoring"]).status == 0)
        #expect(try cli.run(["creators", "show", "new-1"]).status == 0)
    }

    @Test("eligibility --json names every refusal with its rule id")
    func eligibilityJSON() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        let result = try cli.run(["eligibility", "cr-iddoc-6", "--at", demoInstant, "--json"])
        #expect(result.status == 0)
        let body = try #require(try cli.json(result) as? [String: Any])
        #expect(body["eligible"] as? Bool == false)
        #expect(body["refusedBy"] as? [String] == ["E-IDDOC"])
        let pilot = try cli.run(["eligibility", "cr-pilot-active", "--campaign", "cp-glowlab-black-friday", "--at", demoInstant, "--json"])
        let pilotBody = try #require(try cli.json(pilot) as? [String: Any])
        #expect(pilotBody["refusedBy"] as? [String] == ["P-CAMPAIGNS"])
        let table = try cli.run(["eligibility", "cr-followers-999", "--at", demoInstant])
        #expect(table.stdout.contains("NOT ELIGIBLE (E-FOLLOWERS)"))
        #expect(table.stdout.contains("E-FOLLOWERS  refuse"))
    }

    @Test("errors are one line and a non-zero exit")
    func errors() throws {
        let cli = try CLI()
        // A read on a database that does not exist fails and leaves no file behind (a read never writes).
        let noDatabase = try cli.run(["creators", "list"])
        #expect(noDatabase.status == 1 && noDatabase.stderr.hasPrefix("error: no database at "))
        #expect(!FileManager.default.fileExists(atPath: cli.db))
        #expect(try cli.run(["init"]).status == 0)
        let unknown = try cli.run(["eligibility", "nobody"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: unknown creator 'nobody'\n")
        let badInstant = try cli.run(["eligibility", "nobody", "--at", "yesterday"])
        #expect(badInstant.status == 2)
        let badKind = try cli.run(["import", "robots", "x.csv"])
        #expect(badKind.status != 0)
        #expect(badKind.stderr.contains("unknown kind 'robots'"))
        let missing = try cli.run(["import", "shops", "/nonexistent/shops.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/shops.csv: no such file") && !missing.stderr.contains("NSCocoaErrorDomain"))
        let folder = try cli.run(["import", "shops", cli.dir.path])
        #expect(folder.status == 1 && folder.stderr.contains("cannot be read"))
        let policy = try cli.write("policy.json", #"{"chrFloor": 300}"#)
        let badPolicy = try cli.run(["creators", "list", "--policy", policy])
        #expect(badPolicy.status == 2)
        #expect(badPolicy.stderr.contains("chrGoodStanding"))
    }

    @Test("a damaged stored row exits 1 naming table, row and column",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 shell to damage a row"))
    func damagedRow() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [cli.db, "UPDATE creators SET kind = 'superstar' WHERE id = 'cr-0001'"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        for arguments in [["creators", "show", "cr-0001"], ["creators", "list"]] {
            let result = try cli.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.hasPrefix("error: damaged row in creators (id 'cr-0001'), column kind:"), "\(result.stderr)")
        }
    }

    @Test("E-HANDLE: creators show and status find a creator by @handle, ignoring case; an unknown handle is not found (exit 1)")
    func showByHandle() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        let shown = try cli.run(["creators", "show", "@ZOË_Beauty", "--json"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(((try cli.json(shown) as? [String: Any])?["creator"] as? [String: Any])?["id"] as? String == "cr-0001")
        #expect(try cli.run(["creators", "status", "@zoë_beauty"]).stdout.contains("cr-0001"))
        let missing = try cli.run(["creators", "show", "@nobody-here"])
        #expect(missing.status == 1 && missing.stderr.contains("E-HANDLE"), "\(missing.stderr)")
    }

    @Test("generate writes seeded data that imports cleanly, the same for the same seed")
    func generate() throws {
        let cli = try CLI()
        let a = cli.dir.appendingPathComponent("a").path
        let b = cli.dir.appendingPathComponent("b").path
        for out in [a, b] {
            let result = try cli.run(["generate", "--creators", "300", "--shops", "20", "--campaigns", "15", "--seed", "7", "--out", out, "--json"], withDB: false)
            #expect(result.status == 0, "\(result.stderr)")
        }
        for name in ["creators.csv", "sales.csv", "campaigns.csv"] {
            let first = try Data(contentsOf: URL(fileURLWithPath: a).appendingPathComponent(name))
            let second = try Data(contentsOf: URL(fileURLWithPath: b).appendingPathComponent(name))
            #expect(first == second, "\(name) differs between runs with one seed")
        }
        for kind in ["categories", "shops", "products", "creators", "campaigns", "sales", "content-events", "violations"] {
            let file = URL(fileURLWithPath: a).appendingPathComponent(kind == "content-events" ? "content_events.csv" : "\(kind).csv").path
            let result = try cli.run(["import", kind, file, "--json"])
            #expect(result.status == 0, "\(kind): \(result.stderr) \(result.stdout.prefix(500))")
        }
        let list = try #require(try cli.json(try cli.run(["creators", "list", "--limit", "1000", "--json"])) as? [Any])
        #expect(list.count == 300)
    }

    @Test("demo seeds the database and shows each rule refusing someone")
    func demo() throws {
        let cli = try CLI()
        let result = try cli.run(["demo"])
        #expect(result.status == 0, "\(result.stderr)")
        for rule in ["E-AGE", "E-FOLLOWERS", "E-REGION", "E-GPPPA", "E-REVOKED", "E-POLICY", "E-IDENTITY", "E-IDDOC", "E-STANDARD", "H-FLOOR"] {
            #expect(result.stdout.contains(rule), "\(rule) missing from the demo summary")
        }
    }
}

@Suite("starmatch scoring commands", .serialized)
struct ScoringCLITests {
    let demoInstant = "2026-11-25T18:00:00Z"

    @Test("M-SCORE: shortlist --json is ranked, explained and free of ineligible creators")
    func shortlist() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        let result = try cli.run(["shortlist", "cp-glowlab-black-friday", "--at", demoInstant, "--limit", "50", "--json", "--explain"])
        #expect(result.status == 0, "\(result.stderr)")
        let body = try #require(try cli.json(result) as? [String: Any])
        let creators = try #require(body["creators"] as? [[String: Any]])
        #expect(!creators.isEmpty)
        let scores = creators.compactMap { $0["score"] as? Double }
        #expect(scores == scores.sorted(by: >))
        let ids = creators.compactMap { $0["creator"] as? String }
        // A discount campaign: no pilot creator in its limits (P-CAMPAIGNS), none below the CHR floor.
        #expect(!ids.contains("cr-pilot-active"))
        #expect(!ids.contains("cr-chr-150"))
        #expect(!ids.contains("cr-standard"))
        let first = try #require(creators.first?["explanation"] as? [[String: Any]])
        #expect(first.compactMap { $0["name"] as? String } == ["niche", "sales", "health", "audience", "fulfilment"])
        let sum = first.compactMap { $0["contribution"] as? Double }.reduce(0, +)
        #expect(abs(sum - (creators[0]["score"] as? Double ?? -1)) < 1e-5)
    }

    @Test("M-ELIGIBLE: why names every refusal; matches lists only campaigns the creator may join")
    func whyAndMatches() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        let why = try cli.run(["why", "cr-pilot-active", "cp-glowlab-black-friday", "--at", demoInstant])
        #expect(why.status == 0)
        #expect(why.stdout.contains("NOT ELIGIBLE (P-CAMPAIGNS)"))
        #expect(why.stdout.contains("niche"))
        let matches = try cli.run(["matches", "cr-pilot-active", "--at", demoInstant, "--limit", "100", "--json"])
        let body = try #require(try cli.json(matches) as? [String: Any])
        let campaigns = try #require(body["campaigns"] as? [[String: Any]])
        #expect(!campaigns.isEmpty)
        #expect(campaigns.allSatisfy { ($0["kind"] as? String) == "sample" })
        let unknown = try cli.run(["shortlist", "nope", "--at", demoInstant])
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "error: unknown campaign 'nope'\n")
        let badProfile = try cli.run(["shortlist", "cp-glowlab-black-friday", "--profile", "nope"])
        #expect(badProfile.status == 2)
        #expect(badProfile.stderr.contains("unknown profile 'nope'"))
    }
}

@Suite("starmatch solve")
struct SolveCLITests {
    @Test("M-WEEKLY: solve reads the interchange format and writes the optimal assignment")
    func solves() throws {
        let cli = try CLI()
        let instance = try cli.write("instance.json", """
            {"creators":[{"id":"c1","capacity":1},{"id":"c2","capacity":1}],
             "campaigns":[{"id":"k1","slots":1},{"id":"k2","slots":1}],
             "edges":[{"creator":"c1","campaign":"k1","score":0.9},{"creator":"c1","campaign":"k2","score":0.85},
                      {"creator":"c2","campaign":"k1","score":0.8},{"creator":"c2","campaign":"k2","score":0.1}]}
            """)
        let result = try cli.run(["solve", instance], withDB: false)
        #expect(result.status == 0, "\(result.stderr)")
        let body = try #require(try cli.json(result) as? [String: Any])
        #expect(abs((body["objective"] as? Double ?? 0) - 1.65) < 1e-9)
        let pairs = (body["assignments"] as? [[String: Any]] ?? []).map { "\($0["creator"]!)-\($0["campaign"]!)" }
        #expect(pairs == ["c1-k2", "c2-k1"])
    }

    @Test("M-WEEKLY: a malformed instance exits 2 and names every bad value")
    func malformed() throws {
        let cli = try CLI()
        let instance = try cli.write("bad.json", """
            {"creators":[{"id":"c1","capacity":-1},{"id":"c1","capacity":1}],
             "campaigns":[{"id":"k1","slots":1}],
             "edges":[{"creator":"c9","campaign":"k1","score":0.5},{"creator":"c1","campaign":"k1","score":1.5},
                      {"creator":"c1","campaign":"k1","score":0.12345},{"creator":"c1","campaign":"k1","score":0.5},
                      {"creator":"c1","campaign":"k1","score":0.6}]}
            """)
        let result = try cli.run(["solve", instance], withDB: false)
        #expect(result.status == 2)
        for expected in ["/creators/0/capacity: -1 is negative", "/creators/1/id: duplicate creator id 'c1'",
                         "/edges/0/creator: unknown creator 'c9'", "/edges/1/score: 1.5 is outside (0, 1]",
                         "/edges/2/score: 0.12345 has more than 4 decimals", "/edges/4: duplicate pair"] {
            #expect(result.stderr.contains(expected), "missing: \(expected)\n\(result.stderr)")
        }
        let notJSON = try cli.run(["solve", try cli.write("x.json", "{")], withDB: false)
        #expect(notJSON.status == 2)
        let wrongType = try cli.run(["solve", try cli.write("y.json", #"{"creators":[{"id":"c1","capacity":"two"}],"campaigns":[],"edges":[]}"#)], withDB: false)
        #expect(wrongType.status == 2)
        #expect(wrongType.stderr.contains("/creators/0/capacity"))
    }
}

@Suite("starmatch batch", .serialized)
struct BatchCLITests {
    /// Runs at the demo's instant, inside week 2026-W48: the same inputs whatever the wall clock says (a campaign
    /// ending between a run and its rerun would change them).
    let demoInstant = "2026-11-25T18:00:00Z"

    @Test("M-WEEKLY: SIGKILL at any point of a batch run leaves no partial run; a rerun completes")
    func killedRuns() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed"]).status == 0)
        // Every attempt starts from a copy of the seeded file, so each one has a whole run to interrupt (a rerun on
        // unchanged inputs returns early). The kill instants are spread over how long one whole run takes on this
        // machine, measured here, so the test does not depend on the machine's speed.
        let seeded = cli.dir.appendingPathComponent("seeded.sqlite").path
        try copyDatabase(from: cli.db, to: seeded)
        // The shortest of three whole runs, so one slow start (a cold binary, a busy machine) does not stretch it.
        var duration = Double.infinity
        for _ in 0..<3 {
            try copyDatabase(from: seeded, to: cli.db)
            let started = Date()
            let whole = try cli.run(["batch", "run", "--week", "2026-W48", "--json", "--at", demoInstant])
            duration = min(duration, Date().timeIntervalSince(started))
            #expect(whole.status == 0, "\(whole.stderr)")
        }
        let attempts = 16
        var killedMidway = 0
        for attempt in 0..<attempts {
            try copyDatabase(from: seeded, to: cli.db)
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["batch", "run", "--week", "2026-W48", "--db", cli.db, "--json", "--at", demoInstant]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(duration * 1_000_000 * (Double(attempt) + 0.5) / Double(attempts)))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killedMidway += 1 }
            process.waitUntilExit()
            // Whatever happened, every stored run is whole: its match count is what it says.
            let runs = try #require(try cli.json(try cli.run(["batch", "list", "--json"])) as? [[String: Any]])
            for run in runs {
                let id = run["id"] as? Int ?? -1
                let shown = try #require(try cli.json(try cli.run(["batch", "show", String(id), "--json"])) as? [String: Any])
                let assignments = (shown["assignments"] as? [Any])?.count ?? -1
                #expect(assignments == run["assignments"] as? Int, "attempt \(attempt): run \(id) is partial")
            }
            #expect(runs.count <= 1, "attempt \(attempt): one batch run at most")
            // The file is sound, and a stored run's pairs are all there as proposed matches (same transaction).
            let check = try cli.run(["check", "--json"])
            #expect(check.status == 0, "attempt \(attempt): \(check.stdout)")
            if let run = runs.first {
                let matches = try #require(try cli.json(try cli.run(["match", "list", "--limit", "10000", "--json"])) as? [[String: Any]])
                #expect(matches.filter { $0["runID"] as? Int == run["id"] as? Int }.count == run["assignments"] as? Int, "attempt \(attempt)")
            }
            // A rerun completes, and a second one on unchanged inputs adds nothing.
            #expect(try cli.run(["batch", "run", "--week", "2026-W48", "--json", "--at", demoInstant]).status == 0, "attempt \(attempt)")
            #expect(try cli.run(["batch", "run", "--week", "2026-W48", "--json", "--at", demoInstant]).status == 0, "attempt \(attempt)")
            let after = try #require(try cli.json(try cli.run(["batch", "list", "--json"])) as? [[String: Any]])
            #expect(after.count == 1, "attempt \(attempt): unchanged inputs must not add runs")
        }
        // Half the instants lie within the first half of the shortest whole run; allow for runs that go faster still.
        #expect(killedMidway >= attempts / 4, "only \(killedMidway) of \(attempts) attempts were killed while running (a whole run took \(duration) s)")
    }

    /// Copies a closed SQLite file and its write-ahead log, if any, replacing whatever `destination` held.
    private func copyDatabase(from source: String, to destination: String) throws {
        let files = FileManager.default
        for suffix in ["", "-wal", "-shm"] {
            if files.fileExists(atPath: destination + suffix) { try files.removeItem(atPath: destination + suffix) }
            if files.fileExists(atPath: source + suffix) { try files.copyItem(atPath: source + suffix, toPath: destination + suffix) }
        }
    }
}

@Suite("starmatch batch: optimal over every eligible pair on generated data (issue 14)", .serialized)
struct BatchOptimalityCLITests {
    /// Generated data with more slots than creators can take (1,500 creators × 3 against about 11,000 slots, 120
    /// campaigns on 30 shops): the campaigns of one set of categories contend for the same creators.
    @Test("M-WEEKLY: on contended generated data, the default run (greedy start, shared scans) reaches the exhaustive run's optimum, certified, on fewer pairs", arguments: [3, 17, 42])
    func defaultEqualsExhaustive(seed: Int) throws {
        let cli = try CLI()
        let gen = cli.dir.appendingPathComponent("gen").path
        let generated = try cli.run(["generate", "--creators", "1500", "--shops", "30", "--campaigns", "120", "--seed", String(seed), "--out", gen, "--json"],
                                    withDB: false)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(try cli.run(["seed", "--seeds", gen, "--json"]).status == 0)
        func run(_ extra: [String]) throws -> [String: Any] {
            // At the generator's reference instant, whatever today's date (campaigns run around it).
            let result = try cli.run(["batch", "run", "--week", "2026-W48", "--dry-run", "--json", "--at", "2026-11-25T18:00:00Z"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            return try #require(try cli.json(result) as? [String: Any])
        }
        let fast = try #require(try run([])["run"] as? [String: Any])
        let audit = try #require(try run(["--exhaustive"])["run"] as? [String: Any])
        let objective = try #require(fast["objective"] as? Double), optimum = try #require(audit["objective"] as? Double)
        #expect(objective > 0)
        #expect(abs(objective - optimum) <= 1e-9 * max(1, optimum), "seed \(seed): \(objective) against the exhaustive \(optimum)")
        let certificate = try #require(fast["certificate"] as? [String: Any])
        #expect(certificate["optimal"] as? Bool == true && certificate["exhaustive"] as? Bool == false)
        #expect((fast["candidates"] as? Int ?? .max) < (audit["candidates"] as? Int ?? 0), "the default run should not need every pair")
    }
}
