import Foundation
import Testing

/// Issue 7: SIGKILL at random points of an import leaves the database as it was or wholly imported, never in
/// between, and a rerun ends where an uninterrupted import ends.
@Suite("Crash safety: kill -9 during import", .serialized)
struct ImportCrashTests {
    static let dataTables = ["categories", "shops", "products", "creators", "campaigns", "sales", "content_events", "violations"]

    func check(_ cli: CLI, db: String) throws -> [String: Any] {
        let result = try cli.run(["check", "--hash", "--json", "--db", db], withDB: false)
        #expect(result.status == 0, "check: \(result.stderr)")
        return try #require(try cli.json(result) as? [String: Any])
    }

    func prepare(_ cli: CLI, db: String, gen: String) throws {
        for (kind, file) in [("categories", "categories"), ("shops", "shops"), ("products", "products"), ("creators", "creators"), ("campaigns", "campaigns")] {
            let r = try cli.run(["import", kind, "\(gen)/\(file).csv", "--json", "--db", db], withDB: false)
            #expect(r.status == 0, "\(kind): \(r.stderr)")
        }
    }

    @Test("20 kill points during `import sales`, every other one a bulk import (a rollback journal instead of the WAL): all or nothing each time, the next read-only command reads the last commit; a rerun equals an uninterrupted import")
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
            // Every other attempt writes through a rollback journal (`StarMatchStore.withBulkJournal`),  whose
            // journal the next command (`check`, read-only) must roll back first when it is hot.
            if attempt % 2 == 0 { process.environment = ProcessInfo.processInfo.environment.merging(["STARMATCH_BULK_IMPORT_BYTES": "1"]) { $1 } }
            try process.run()
            usleep(UInt32.random(in: 20_000...1_500_000, using: &rng))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killedMidway += 1 }
            process.waitUntilExit()
            // A killed bulk import leaves its journal: hot once the import had begun to write the database (the next
            // open rolls it back), else not needed yet (left for the next writer to remove). Either way `check` reads
            // the last commit.
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

/// Issue 16: a damaged database file — `check` names each failed check, `backup` writes nothing, both exit 1.
@Suite("starmatch on a damaged database file", .serialized)
struct DamagedFileCLITests {
    /// Scribbles 0xFF over the start of every page from `first` (1-based) on; `last` pages only when given.
    func damage(_ path: String, first: Int = 1, lastPages: Int? = nil) throws {
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let header = try handle.read(upToCount: 100) ?? Data()
        let rawSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawSize == 1 ? 65_536 : rawSize
        let pages = Int(try handle.seekToEnd()) / pageSize
        for page in max(first, lastPages.map { pages - $0 + 1 } ?? 1)...pages {
            try handle.seek(toOffset: UInt64((page - 1) * pageSize + 8))
            try handle.write(contentsOf: Data(repeating: 0xFF, count: 64))
        }
    }

    @Test func checkAndBackupNameTheDamage() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        // Checkpoint (a backup read closes the WAL into the file) so every page is in the file.
        #expect(try cli.run(["backup", cli.dir.appendingPathComponent("good.sqlite").path]).status == 0)
        #expect(try cli.run(["check"]).status == 0)
        try? FileManager.default.removeItem(atPath: cli.db + "-wal")
        try? FileManager.default.removeItem(atPath: cli.db + "-shm")
        // The last pages written (the seeds' data and scoring state; the schema's pages come first).
        try damage(cli.db, lastPages: 20)
        let check = try cli.run(["check"])
        #expect(check.status == 1)
        #expect(check.stdout.contains("FAILED integrity"), "\(check.stdout)")
        #expect(check.stderr.contains("failed") && check.stderr.contains("starmatch restore"), "\(check.stderr)")
        let json = try #require(try cli.json(try cli.run(["check", "--json"])) as? [String: Any])
        #expect(((json["failures"] as? [[String: Any]]) ?? []).contains { $0["check"] as? String == "integrity" })

        let target = cli.dir.appendingPathComponent("copy.sqlite").path
        let backup = try cli.run(["backup", target])
        #expect(backup.status == 1 && backup.stderr.contains("no backup written"), "\(backup.stderr)")
        #expect(!FileManager.default.fileExists(atPath: target))
        // What a question answers: the file is damaged, in words, exit 1.
        // A file damaged from its first page on cannot be opened: `check` says that is what failed.
        let unopenable = try CLI()
        #expect(try unopenable.run(["seed", "--json"]).status == 0)
        #expect(try unopenable.run(["backup", unopenable.dir.appendingPathComponent("good.sqlite").path]).status == 0)
        try? FileManager.default.removeItem(atPath: unopenable.db + "-wal")
        try? FileManager.default.removeItem(atPath: unopenable.db + "-shm")
        try damage(unopenable.db, first: 2)
        let open = try unopenable.run(["check"])
        #expect(open.status == 1 && open.stdout.contains("integrity: not run") && open.stdout.contains("FAILED open"), "\(open.stdout)")
        let question = try unopenable.run(["shops", "list"])
        #expect(question.status == 1 && question.stderr.contains("damaged") && !question.stderr.contains("SQLite error"), "\(question.stderr)")
    }
}
