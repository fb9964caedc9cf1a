import Foundation
import Testing

/// `starmatch --database postgres://…` against a fresh database of the server `STARMATCH_TEST_POSTGRES` names
/// (issue 19), compared with the same commands on a SQLite file.
@Suite("starmatch on PostgreSQL (issue 19)", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["STARMATCH_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
                "STARMATCH_TEST_POSTGRES names no server"))
struct PostgresCLITests {
    /// Output without what differs between two runs of the same command: a run's duration (`durationMs`,
    /// `… ms`), when the scoring state was settled (each store settles at its own wall-clock write), and when a
    /// batch run was stored (`createdAt`: each process's wall clock; the two runs may fall in different seconds).
    static func timeless(_ text: String) -> String {
        text.replacingOccurrences(of: #""durationMs" : \d+"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #""createdAt" : "[0-9T:Z-]+""#, with: #""createdAt" : "(wall clock)""#, options: .regularExpression)
            .replacingOccurrences(of: #"\d+ ms\b"#, with: "", options: .regularExpression)
            .replacingOccurrences(of: #"settled through \S+"#, with: "", options: .regularExpression)
    }

    /// A new database on the test server (made with `psql`), and its URL.
    static func freshDatabase() throws -> String {
        let admin = try #require(ProcessInfo.processInfo.environment["STARMATCH_TEST_POSTGRES"])
        let name = "sm_cli_" + UUID().uuidString.prefix(8).lowercased()
        let psql = Process()
        psql.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        psql.arguments = ["psql", admin, "-q", "-c", "CREATE DATABASE \(name)"]
        try psql.run()
        psql.waitUntilExit()
        #expect(psql.terminationStatus == 0)
        return String(admin[..<admin.lastIndex(of: "/")!]) + "/" + name
    }

    @Test("every command answers on PostgreSQL as on SQLite: entities, matches, scoring reads, tips, outcomes, the batch, the report, check")
    func sameAnswers() throws {
        let url = try Self.freshDatabase()
        let cli = try CLI()
        let created = try cli.run(["init", "--database", url], withDB: false)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("with 151 categories") && !created.stdout.contains("test.sqlite"))
        #expect(try cli.run(["seed", "--json", "--database", url], withDB: false).status == 0)
        #expect(try cli.run(["init"]).status == 0)  // the same writes on both: the data versions agree too
        #expect(try cli.run(["seed", "--json"]).status == 0)
        for command in [["creators", "list", "--limit", "10000", "--json"], ["shops", "list", "--json"], ["campaigns", "list", "--json"],
                        ["products", "list", "--limit", "1000", "--json"], ["creators", "list", "--niche", "beauty", "--region", "US", "--json"],
                        ["campaigns", "show", "cp-glowlab-black-friday", "--json"], ["creators", "show", "@FRESH.FACE.FRAN", "--json", "--at", "2026-11-25T18:00:00Z"],
                        ["products", "show", "pr-brew-britannia-1", "--json"],
                        ["eligibility", "cr-pilot-active", "--campaign", "cp-glowlab-black-friday", "--at", "2026-11-25T18:00:00Z", "--json"],
                        ["eligibility", "cr-0001", "--at", "2026-11-25T18:00:00Z"],
                        ["commissions", "--creator", "cr-0001", "--at", "2026-11-25T18:00:00Z", "--json"],
                        ["demo", "--at", "2026-11-25T18:00:00Z"]] {
            let onFile = try cli.run(command)
            let onServer = try cli.run(command + ["--database", url], withDB: false)
            #expect(onFile.status == 0, "\(command): \(onFile.stderr)")
            #expect(onServer.status == 0, "\(command): \(onServer.stderr)")
            #expect(onServer.stdout == onFile.stdout, "\(command)")
        }
        // Matches: made, moved on and read back the same way (M-ELIGIBLE, M-WEEKLY, M-STEPS), refusals alike.
        let at = "2026-11-25T18:00:00Z"
        for command in [["match", "create", "cr-0001", "cp-glowlab-black-friday", "--at", at, "--json"],
                        ["match", "create", "cr-0001", "cp-glowlab-black-friday", "--at", at],  // M-WEEKLY: already has one
                        ["match", "create", "cr-pilot-active", "cp-glowlab-black-friday", "--at", at],  // P-CAMPAIGNS
                        ["match", "accept", "1", "--note", "yes", "--at", "2026-11-25T19:00:00Z", "--json"],
                        ["match", "ship", "1", "--at", "2026-11-25T18:30:00Z"],  // M-STEPS: before the previous step
                        ["match", "list", "--json", "--at", "2026-11-26T00:00:00Z"], ["match", "list", "--state", "accepted", "--at", "2026-11-26T00:00:00Z"],
                        ["match", "show", "99"],
                        ["creators", "status", "cr-0001", "--at", "2026-11-26T00:00:00Z", "--json"],
                        ["creators", "appeal", "vi-00001", "--at", "2026-11-20T00:00:00Z", "--json"],
                        ["creators", "appeal", "vi-00001", "--at", "2026-11-21T00:00:00Z"],  // H-POINTS: an appeal is final
                        ["creators", "quiz-passed", "cr-0001"],  // P-GRADUATE: not invited
                        ["creators", "status", "cr-0001", "--at", "2026-11-26T00:00:00Z"]] {
            let onFile = try cli.run(command)
            let onServer = try cli.run(command + ["--database", url], withDB: false)
            #expect(onServer.status == onFile.status, "\(command): \(onServer.stderr)")
            #expect(onServer.stdout == onFile.stdout, "\(command)")
            #expect(onServer.stderr == onFile.stderr, "\(command)")
        }

        // `check --hash`: the same row counts and content hashes on both backends (equal data, equal hashes).
        let checkFile = try #require(try cli.json(try cli.run(["check", "--hash", "--json"])) as? [String: Any])
        let checked = try cli.run(["check", "--hash", "--json", "--database", url], withDB: false)
        #expect(checked.status == 0, "\(checked.stderr)")
        let checkServer = try #require(try cli.json(checked) as? [String: Any])
        let fileHashes = try #require(checkFile["hashes"] as? [String: String])
        #expect(fileHashes.count == 16)
        #expect(checkServer["hashes"] as? [String: String] == fileHashes)
        #expect(checkServer["counts"] as? [String: Int] == checkFile["counts"] as? [String: Int])
        let inWords = try cli.run(["check", "--database", url], withDB: false)
        #expect(inWords.stdout.contains("integrity: not run") && inWords.stdout.contains("pg_amcheck"), "\(inWords.stdout)")

        // $STARMATCH_DATABASE stands for --database.
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["shops", "list", "--json"]
        process.currentDirectoryURL = cli.dir
        process.environment = ProcessInfo.processInfo.environment.merging(["STARMATCH_DATABASE": url]) { $1 }
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let shops = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let shopsOnFile = try cli.run(["shops", "list", "--json"]).stdout
        #expect(process.terminationStatus == 0 && String(decoding: shops, as: UTF8.self) == shopsOnFile)

        // Scoring reads, tips, match outcomes, the weekly batch and its report: the same answers on both backends (a run's
        // duration aside). Shortlists and matches at the settled boundary and days later (sales pending).
        for command in [["shortlist", "cp-glowlab-black-friday", "--at", at, "--json"], ["shortlist", "cp-glowlab-black-friday", "--at", "2026-12-20T00:00:00Z"],
                        ["shortlist", "cp-glowlab-black-friday", "--at", at, "--profile", "sales-first", "--limit", "5"],
                        ["matches", "cr-0002", "--at", "2026-11-29T00:00:00Z", "--json"], ["why", "cr-0002", "cp-glowlab-black-friday", "--at", at],
                        ["tips", "cr-0001", "--at", at, "--json"], ["tips", "cr-pilot-active", "--at", at],
                        ["match", "show", "1", "--at", "2026-11-29T00:00:00Z", "--json"],
                        ["campaigns", "performance", "cp-glowlab-black-friday", "--at", "2026-11-29T00:00:00Z"],
                        ["batch", "run", "--week", "2026-W48", "--dry-run", "--json", "--at", at], ["batch", "run", "--week", "2026-W48", "--json", "--at", at],
                        ["batch", "run", "--week", "2026-W48", "--json", "--at", at], ["batch", "list", "--json"], ["batch", "show", "1", "--json"],
                        ["report", "--week", "2026-W48", "--at", "2026-12-01T00:00:00Z", "--json"], ["check", "--scoring", "--at", "2026-11-29T00:00:00Z"]] {
            let onFile = try cli.run(command)
            let onServer = try cli.run(command + ["--database", url], withDB: false)
            #expect(onServer.status == onFile.status, "\(command): \(onServer.stderr)")
            #expect(Self.timeless(onServer.stdout) == Self.timeless(onFile.stdout), "\(command)")
            #expect(onServer.stderr == onFile.stderr, "\(command)")
        }
        let both = try cli.run(["shops", "list", "--database", url])  // --db too
        #expect(both.status == 2 && both.stderr.contains("--db and --database"))
        let badURL = try cli.run(["shops", "list", "--database", "postgres://nobody@127.0.0.1/"], withDB: false)
        #expect(badURL.status == 2 && badURL.stderr.contains("names no database"))
    }
}
