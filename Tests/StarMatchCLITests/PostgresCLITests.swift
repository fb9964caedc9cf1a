import Foundation
import Testing

/// `starmatch --database postgres://…` against a fresh database of the server `STARMATCH_TEST_POSTGRES` names
/// (issue 19), compared with the same commands on a SQLite file.
@Suite("starmatch on PostgreSQL (issue 19)", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["STARMATCH_TEST_POSTGRES"].map { !$0.isEmpty } ?? false,
                "STARMATCH_TEST_POSTGRES names no server"))
struct PostgresCLITests {
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

    @Test("init, seed and the entity commands answer on PostgreSQL as on SQLite; what is not there yet exits 1 saying so")
    func sameAnswers() throws {
        let url = try Self.freshDatabase()
        let cli = try CLI()
        let created = try cli.run(["init", "--database", url], withDB: false)
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("with 151 categories") && !created.stdout.contains("test.sqlite"))
        #expect(try cli.run(["seed", "--json", "--database", url], withDB: false).status == 0)
        #expect(try cli.run(["seed", "--json"]).status == 0)
        for command in [["creators", "list", "--limit", "10000", "--json"], ["shops", "list", "--json"], ["campaigns", "list", "--json"],
                        ["products", "list", "--limit", "1000", "--json"], ["creators", "list", "--niche", "beauty", "--region", "US", "--json"],
                        ["campaigns", "show", "cp-glowlab-black-friday", "--json"], ["creators", "show", "@FRESH.FACE.FRAN", "--json", "--at", "2026-11-25T18:00:00Z"]] {
            let onFile = try cli.run(command)
            let onServer = try cli.run(command + ["--database", url], withDB: false)
            #expect(onFile.status == 0, "\(command): \(onFile.stderr)")
            #expect(onServer.status == 0, "\(command): \(onServer.stderr)")
            #expect(onServer.stdout == onFile.stdout, "\(command)")
        }
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

        let shortlist = try cli.run(["shortlist", "cp-glowlab-black-friday", "--database", url], withDB: false)
        #expect(shortlist.status == 1 && shortlist.stderr.contains("does not run on PostgreSQL yet"), "\(shortlist.stderr)")
        let both = try cli.run(["shops", "list", "--database", url])  // --db too
        #expect(both.status == 2 && both.stderr.contains("--db and --database"))
        let badURL = try cli.run(["shops", "list", "--database", "postgres://nobody@127.0.0.1/"], withDB: false)
        #expect(badURL.status == 2 && badURL.stderr.contains("names no database"))
    }
}
