import Foundation
import Testing

@Suite("Reads never write: every read command at a future --at leaves the data as it was", .serialized)
struct ReadOnlyCLITests {
    @Test("every read command at 2030-01-01 keeps `check --hash` unchanged, and shows open proposals as expired")
    func readsAtAFutureInstantChangeNothing() throws {
        // Given: the demo data, a proposal by hand, a batch run's proposals and a key, all written at the demo instant.
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let demo = ["--at", "2026-11-25T18:00:00Z"]
        let created = try cli.run(["match", "create", "cr-0001", "cp-glowlab-samples", "--json"] + demo)
        let id = String(try #require((try cli.json(created) as? [String: Any])?["id"] as? Int))
        #expect(try cli.run(["batch", "run", "--week", "2026-W48", "--json"] + demo).status == 0)
        #expect(try cli.run(["batch", "run", "--week", "2026-W48", "--profile", "sales-first", "--json"] + demo).status == 0)
        #expect(try cli.run(["keys", "create", "--role", "manager", "--json"]).status == 0)
        let before = try cli.run(["check", "--hash", "--json"])
        #expect(before.status == 0)

        // When: every command that reads runs at a far-future instant.
        let future = ["--at", "2030-01-01T00:00:00Z"]
        let reads: [[String]] = [
            ["creators", "list", "--json"], ["creators", "show", "cr-0001", "--json"] + future,
            ["creators", "status", "cr-0001", "--json"] + future, ["creators", "status", "cr-0001"] + future,
            ["shops", "list", "--json"], ["shops", "show", "sh-glowlab", "--json"],
            ["campaigns", "list", "--open-at", "2030-01-01T00:00:00Z", "--json"], ["campaigns", "show", "cp-glowlab-samples", "--json"],
            ["eligibility", "cr-0001", "--campaign", "cp-glowlab-samples", "--json"] + future,
            ["shortlist", "cp-glowlab-samples", "--json"] + future, ["matches", "cr-0001", "--json"] + future,
            ["why", "cr-0001", "cp-glowlab-samples", "--json"] + future,
            ["match", "list", "--json"] + future, ["match", "list"] + future, ["match", "list", "--state", "expired", "--json"] + future,
            ["match", "show", id, "--json"] + future, ["match", "show", id] + future,
            ["batch", "list", "--json"], ["batch", "show", "1", "--json"], ["batch", "diff", "1", "2", "--json"],
            ["commissions", "--json"] + future, ["report", "--week", "2029-W52", "--json"], ["report", "--week", "2026-W48", "--json"] + future, ["keys", "list", "--json"],
            ["report", "--week", "2026-W48", "--out", cli.dir.appendingPathComponent("report.html").path],
            ["bench", "shortlist", "--campaigns", "2", "--limit", "5", "--sql-reference", "1"] + future,
            ["bench", "point-read", "--count", "10"],
            ["backup", cli.dir.appendingPathComponent("copy.sqlite").path],
            ["check", "--json"], ["check"],
        ]
        for arguments in reads {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
        }

        // Then: not a row changed, and the reads showed the proposals lapsed at their real expiry.
        #expect(try cli.run(["check", "--hash", "--json"]).stdout == before.stdout)
        let shown = try #require(try cli.json(try cli.run(["match", "show", id, "--json"] + future)) as? [String: Any])
        let match = try #require(shown["match"] as? [String: Any])
        #expect(match["state"] as? String == "expired" && match["updatedAt"] as? String == match["expiresAt"] as? String)
        let history = try #require(shown["history"] as? [[String: Any]])
        #expect(history.last?["at"] as? String == match["expiresAt"] as? String && history.last?["actor"] as? String == "system")
        let open = try #require(try cli.json(try cli.run(["match", "list", "--state", "proposed", "--json"] + future)) as? [Any])
        #expect(open.isEmpty)
        let stillOpen = try #require(try cli.json(try cli.run(["match", "list", "--state", "proposed", "--json"] + demo)) as? [Any])
        #expect(!stillOpen.isEmpty)

        // The report's `--at` stands for now: inside the week it judges at that instant, with the proposals still open;
        // after the week (it ends Monday 08:00 UTC, midnight in the quota zone) it judges pilots at its last second and counts the matches as they stand at `--at`.
        let during = try #require(try cli.json(try cli.run(["report", "--week", "2026-W48", "--json"] + demo)) as? [String: Any])
        #expect(during["judgedAt"] as? String == "2026-11-25T18:00:00Z" && during["matchesJudgedAt"] as? String == "2026-11-25T18:00:00Z")
        #expect(((during["matchesByState"] as? [String: Int])?["proposed"] ?? 0) > 0)
        let later = try #require(try cli.json(try cli.run(["report", "--week", "2026-W48", "--json"] + future)) as? [String: Any])
        #expect(later["judgedAt"] as? String == "2026-11-30T07:59:59Z" && later["matchesJudgedAt"] as? String == "2030-01-01T00:00:00Z")
        #expect((later["matchesByState"] as? [String: Int])?["proposed"] == nil && ((later["matchesByState"] as? [String: Int])?["expired"] ?? 0) > 0)
        let badInstant = try cli.run(["report", "--week", "2026-W48", "--json", "--at", "next tuesday"])
        #expect(badInstant.status == 2 && badInstant.stderr.contains("--at"))
    }

    @Test("a read, a batch dry run included, leaves the database file byte for byte as it was (opened read-only: no WAL set-up, no header change)")
    func readsLeaveTheFileByteIdentical() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        #expect(try cli.run(["match", "create", "cr-0001", "cp-glowlab-samples", "--json", "--at", "2026-11-25T18:00:00Z"]).status == 0)
        let file = URL(fileURLWithPath: cli.db)
        let before = try Data(contentsOf: file)
        let at = ["--at", "2026-11-20T00:00:00Z"]
        // The batch and the report at the demo's instant, inside week 2026-W48, so the dry runs have campaigns to fill
        // whatever the wall clock says.
        let demo = ["--at", "2026-11-25T18:00:00Z"]
        let reads: [[String]] = [
            ["creators", "list"], ["creators", "show", "cr-0001"] + at, ["creators", "status", "cr-chr-150"] + at,
            ["shops", "list"], ["campaigns", "list"], ["eligibility", "cr-0001"] + at, ["shortlist", "cp-glowlab-samples"] + at,
            ["matches", "cr-0001"] + at, ["why", "cr-0001", "cp-glowlab-samples"] + at, ["match", "list"] + at,
            ["commissions"] + at, ["report", "--week", "2026-W48", "--json"] + demo, ["keys", "list"], ["batch", "list"],
            ["check", "--hash"], ["batch", "run", "--week", "2026-W48", "--dry-run", "--json"] + demo,
            ["batch", "run", "--week", "2026-W48", "--dry-run", "--exhaustive", "--export", cli.dir.appendingPathComponent("instance.json").path] + demo,
        ]
        for arguments in reads {
            let result = try cli.run(arguments)
            #expect(result.status == 0, "\(arguments.joined(separator: " ")): \(result.stderr)")
            #expect(try Data(contentsOf: file) == before, "\(arguments.joined(separator: " ")) changed the file")
        }
    }

    @Test("batch run --at is the run's instant: a campaign that ended by then (cp-glowlab-black-friday, until 2026-12-02T08:00Z) is left out, whatever today's date; serve and batch run refuse a bad --at with exit 2")
    func batchAndServeAt() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        func run(at: String) throws -> (createdAt: String?, campaigns: Set<String>) {
            let result = try cli.run(["batch", "run", "--week", "2026-W48", "--dry-run", "--json", "--at", at])
            #expect(result.status == 0, "\(result.stderr)")
            let view = try #require(try cli.json(result) as? [String: Any])
            let campaigns = (view["campaigns"] as? [[String: Any]] ?? []).compactMap { $0["campaign"] as? String }
            return ((view["run"] as? [String: Any])?["createdAt"] as? String, Set(campaigns))
        }
        let during = try run(at: "2026-11-25T18:00:00Z")
        #expect(during.createdAt == "2026-11-25T18:00:00Z" && during.campaigns.contains("cp-glowlab-black-friday"))
        let justBefore = try run(at: "2026-12-02T07:59:59Z"), atEnd = try run(at: "2026-12-02T08:00:00Z")
        #expect(justBefore.campaigns.contains("cp-glowlab-black-friday"))
        #expect(!atEnd.campaigns.contains("cp-glowlab-black-friday") && atEnd.campaigns.contains("cp-glowlab-samples"))
        for command in [["batch", "run", "--week", "2026-W48", "--dry-run", "--at", "next tuesday"], ["serve", "--port", "0", "--at", "next tuesday"]] {
            let refused = try cli.run(command)
            #expect(refused.status == 2 && refused.stderr.contains("--at"), "\(command.joined(separator: " ")): \(refused.stderr)")
        }
    }
}
