import Foundation
import Testing

@Suite("starmatch: honest outputs — unknown filters, cut lists, dry runs, import reports (issue 15 §5)", .serialized)
struct HonestOutputCLITests {
    let at = ["--at", "2026-11-25T18:00:00Z"]

    @Test("a filter naming something that does not exist is an error (exit 1), not an empty table")
    func unknownFilters() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let creator = try cli.run(["commissions", "--creator", "nope"] + at)
        #expect(creator.status == 1 && creator.stderr.contains("unknown creator 'nope'"))
        let campaign = try cli.run(["commissions", "--campaign", "nope"] + at)
        #expect(campaign.status == 1 && campaign.stderr.contains("unknown campaign 'nope'"))
        let niche = try cli.run(["creators", "list", "--niche", "nonsense"])
        #expect(niche.status == 1 && niche.stderr.contains("no category 'nonsense'"))
        #expect(try cli.run(["creators", "list", "--niche", "beauty"]).status == 0)
    }

    @Test("match list says when it was cut and pages with --after; a dry run stores nothing and says so in its JSON (the batch runs at the seeds' instant: lists read now)")
    func pagingAndDryRun() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let at = ["--at", "2026-11-25T18:00:00Z"]
        let dry = try #require(try cli.json(try cli.run(["batch", "run", "--week", "2026-W48", "--dry-run", "--json"] + at)) as? [String: Any])
        #expect((dry["run"] as? [String: Any])?["id"] is NSNull)
        let pairs = try #require(dry["assignments"] as? [[String: Any]])
        #expect(!pairs.isEmpty && pairs.allSatisfy { $0["state"] as? String == "notStored" })
        #expect(try cli.run(["batch", "run", "--week", "2026-W48", "--json"] + at).status == 0)
        let all = try #require(try cli.json(try cli.run(["match", "list", "--limit", "10000", "--json"])) as? [[String: Any]])
        #expect(all.count > 3)
        let first = try cli.run(["match", "list", "--limit", "2", "--json"])
        let page = try #require(try cli.json(first) as? [[String: Any]])
        #expect(page.count == 2 && first.stderr.contains("the next page: --after \(page[1]["id"] as! Int)"))
        let second = try #require(try cli.json(try cli.run(["match", "list", "--limit", "2", "--after", "\(page[1]["id"] as! Int)", "--json"])) as? [[String: Any]])
        #expect(second.map { $0["id"] as! Int } == all.dropFirst(2).prefix(2).map { $0["id"] as! Int })
        let whole = try cli.run(["match", "list", "--limit", "10000"])
        #expect(!whole.stderr.contains("next page"))
    }

    @Test("import --json prints a list of reports, as seed --json does")
    func importReportIsAList() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0 || true)
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Seeds/categories.csv").path
        let reports = try #require(try cli.json(try cli.run(["import", "categories", seeds, "--json"])) as? [[String: Any]])
        #expect(reports.count == 1 && reports[0]["kind"] as? String == "categories")
    }
}

@Suite("starmatch: unknown ids in list filters (issue 15 §5)", .serialized)
struct UnknownFilterCLITests {
    @Test("campaigns list --shop, match list --creator/--campaign: an unknown id exits 1 naming it")
    func unknownIDs() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let shop = try cli.run(["campaigns", "list", "--shop", "sh-nope"])
        #expect(shop.status == 1 && shop.stderr.contains("unknown shop 'sh-nope'"))
        let creator = try cli.run(["match", "list", "--creator", "cr-nope"])
        #expect(creator.status == 1 && creator.stderr.contains("unknown creator 'cr-nope'"))
        let campaign = try cli.run(["match", "list", "--campaign", "cp-nope"])
        #expect(campaign.status == 1 && campaign.stderr.contains("unknown campaign 'cp-nope'"))
        #expect(try cli.run(["match", "list", "--creator", "cr-0001"]).status == 0)
    }
}
