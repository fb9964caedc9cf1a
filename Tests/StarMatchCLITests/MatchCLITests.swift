import Foundation
import Testing

@Suite("starmatch match", .serialized)
struct MatchCLITests {
    @Test("create, accept, refuse an illegal step with the state named, show the history")
    func lifecycle() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let at = ["--at", "2026-11-25T18:00:00Z"]
        let created = try cli.run(["match", "create", "cr-0001", "cp-glowlab-samples", "--json"] + at)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require((try cli.json(created) as? [String: Any])?["id"] as? Int)
        let refused = try cli.run(["match", "create", "cr-age-under18", "cp-glowlab-samples"] + at)
        #expect(refused.status == 2 && refused.stderr.contains("M-ELIGIBLE") && refused.stderr.contains("E-AGE"))
        #expect(try cli.run(["match", "accept", String(id)] + at).status == 0)
        let illegal = try cli.run(["match", "complete", String(id)] + at)
        #expect(illegal.status == 2 && illegal.stderr.contains("it is accepted"))
        #expect(try cli.run(["match", "ship", String(id), "--note", "DHL 42"] + at).status == 0)
        let show = try cli.run(["match", "show", String(id)])
        #expect(show.status == 0 && show.stdout.contains("sampleShipped") && show.stdout.contains("DHL 42"))
        let list = try cli.run(["match", "list", "--state", "sampleShipped"])
        #expect(list.status == 0 && list.stdout.contains("cr-0001"))
        #expect(try cli.run(["match", "list", "--state", "nope"]).status == 2)
        #expect(try cli.run(["match", "accept", "999"] + at).status == 1)
    }
}

@Suite("starmatch creators status and quiz-passed", .serialized)
struct CreatorStatusCLITests {
    @Test("status shows what a pilot misses, the quota reset in Pacific time, and open matches")
    func status() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let at = ["--at", "2026-11-25T18:00:00Z"]
        let stay = try cli.run(["creators", "status", "cr-pilot-stay"] + at)
        #expect(stay.status == 0)
        #expect(stay.stdout.contains("P-STAY") && stay.stdout.contains("1 more kept orders"))
        #expect(stay.stdout.contains("Monday 2026-11-30 00:00 PST (2026-11-30T08:00:00Z)"))
        #expect(try cli.run(["match", "create", "cr-0001", "cp-glowlab-samples"] + at).status == 0)
        let json = try #require(try cli.json(try cli.run(["creators", "status", "cr-0001", "--json"] + at)) as? [String: Any])
        #expect((json["openMatches"] as? [[String: Any]])?.count == 1)
        #expect((json["pilot"] as? [String: Any])?["state"] as? String == "none")
    }

    @Test("H-POINTS, H-MILESTONE: status shows the milestone; an appeal gives the points back once; a read writes nothing")
    func appealAndMilestone() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let at = ["--at", "2026-11-25T18:00:00Z"]
        let before = try cli.run(["creators", "status", "cr-chr-150"] + at)
        #expect(before.status == 0)
        #expect(before.stdout.contains("150 of 1000, unhealthy") && before.stdout.contains("milestone")
                && before.stdout.contains("reached 2026-10-02T18:30:00Z") && before.stdout.contains("H-MILESTONE"))
        #expect(before.stdout.contains("68 earned by kept orders"))
        let appeal = try cli.run(["creators", "appeal", "vi-00039", "--at", "2026-11-21T00:00:00Z"])
        #expect(appeal.status == 0 && appeal.stdout.contains("cr-chr-150's CHR ") && appeal.stdout.contains("H-POINTS"))
        // The appeal gives back all 83 points of the strike (no quiz won any back, no clamp).
        let chrs = appeal.stdout.components(separatedBy: "CHR ").last?.components(separatedBy: " from").first?
            .components(separatedBy: " → ").compactMap { Int($0) } ?? []
        #expect(chrs.count == 2 && chrs[1] - chrs[0] == 83, "\(appeal.stdout)")
        let again = try cli.run(["creators", "appeal", "vi-00039", "--at", "2026-11-22T00:00:00Z"])
        #expect(again.status == 2 && again.stderr.contains("H-POINTS") && again.stderr.contains("already overturned"))
        let json = try #require(try cli.json(try cli.run(["creators", "status", "cr-chr-150", "--json"] + at)) as? [String: Any])
        let standing = try #require(json["standing"] as? [String: Any])
        #expect(standing["chr"] as? Int == 233 && standing["band"] as? String == "healthy" && standing["milestone"] == nil)
        let violations = try #require(json["violations"] as? [[String: Any]])
        #expect(violations.contains { $0["id"] as? String == "vi-00039" && $0["appealedAt"] as? String == "2026-11-21T00:00:00Z" })
        // Before the appeal's instant the strike still counts.
        let earlier = try #require(try cli.json(try cli.run(["creators", "status", "cr-chr-150", "--json", "--at", "2026-11-20T00:00:00Z"])) as? [String: Any])
        #expect(((earlier["standing"] as? [String: Any])?["chr"] as? Int ?? 999) <= 150)
    }

    @Test("quiz-passed graduates an invited creator and refuses others with P-GRADUATE")
    func quizPassed() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let at = ["--at", "2026-11-25T18:00:00Z"]
        let refused = try cli.run(["creators", "quiz-passed", "cr-pilot-stay"] + at)
        #expect(refused.status == 2 && refused.stderr.contains("P-GRADUATE") && refused.stderr.contains("staying"))
        let passed = try cli.run(["creators", "quiz-passed", "cr-pilot-grad-live"] + at)
        #expect(passed.status == 0 && passed.stdout.contains("graduated"))
        // Graduated: the pilot's P-CAMPAIGNS limit no longer refuses a discount campaign.
        let eligibility = try #require(try cli.json(try cli.run(["eligibility", "cr-pilot-grad-live", "--campaign", "cp-glowlab-black-friday", "--json"] + at)) as? [String: Any])
        #expect(!((eligibility["refusedBy"] as? [String]) ?? []).contains("P-CAMPAIGNS"))
        #expect(try cli.run(["creators", "quiz-passed", "cr-pilot-grad-live"] + at).status == 2)  // graduated: not invited any more
        #expect(try cli.run(["creators", "quiz-passed", "cr-nobody"] + at).status == 1)
    }
}

@Suite("starmatch commissions")
struct CommissionsCLITests {
    @Test("C-VALIDATE: what is validated grows with the instant, never past the estimate")
    func validatedGrows() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        func total(_ at: String, _ key: String) throws -> Int {
            let lines = try #require(try cli.json(try cli.run(["commissions", "--creator", "cr-0005", "--json", "--at", at])) as? [[String: Any]])
            #expect(!lines.isEmpty)
            return lines.reduce(0) { $0 + ($1[key] as? Int ?? 0) }
        }
        let now = try total("2026-11-25T18:00:00Z", "validatedMinor"), later = try total("2027-01-31T00:00:00Z", "validatedMinor")
        #expect(now < later)
        #expect(later == (try total("2027-01-31T00:00:00Z", "estimatedMinor")))
    }
}

@Suite("starmatch tips, campaigns performance, match show (issue 17)")
struct TipsCLITests {
    @Test("T-TIPS and outcomes from the built executable: tables, --json, and clear refusals")
    func tipsAndPerformance() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let at = ["--at", "2026-11-25T18:00:00Z"]
        let tips = try #require(try cli.json(try cli.run(["tips", "cr-0001", "--limit", "3", "--json"] + at)) as? [String: Any])
        #expect(tips["creator"] as? String == "cr-0001" && tips["products"] is [Any] && tips["campaigns"] is [Any])
        let table = try cli.run(["tips", "cr-0001"] + at)
        #expect(table.status == 0 && table.stdout.contains("Tips for cr-0001"))
        let unknown = try cli.run(["tips", "cr-nobody"] + at)
        #expect(unknown.status == 1 && unknown.stderr.contains("unknown creator 'cr-nobody'"))
        #expect(try cli.run(["tips", "cr-0001", "--limit", "0"] + at).status == 2)
        // A match accepted, then what it brought in (at the demo's instant: the campaign ends 2026-12-02T08:00Z).
        let match = try #require(try cli.json(try cli.run(["match", "create", "cr-0001", "cp-glowlab-black-friday", "--json"] + at)) as? [String: Any])
        let id = try #require(match["id"] as? Int)
        #expect(try cli.run(["match", "accept", String(id)] + at).status == 0)
        let shown = try #require(try cli.json(try cli.run(["match", "show", String(id), "--json"] + at)) as? [String: Any])
        #expect((shown["outcome"] as? [String: Any])?["from"] is String)
        let performance = try #require(try cli.json(try cli.run(["campaigns", "performance", "cp-glowlab-black-friday", "--json"] + at)) as? [String: Any])
        #expect(((performance["matches"] as? [[String: Any]]) ?? []).contains { $0["match"] as? Int == id })
        let text = try cli.run(["campaigns", "performance", "cp-glowlab-black-friday"] + at)
        #expect(text.status == 0 && text.stdout.contains("samples shipped"))
        #expect(try cli.run(["campaigns", "performance", "cp-nobody"]).status == 1)
        // Commission per product (C-RATE).
        let lines = try #require(try cli.json(try cli.run(["commissions", "--product", "pr-glowlab-3", "--json"] + at)) as? [[String: Any]])
        #expect(lines.allSatisfy { $0["product"] as? String == "pr-glowlab-3" && $0["ratePercent"] as? Double == 8 })
        #expect(try cli.run(["commissions", "--product", "pr-nobody"] + at).status == 1)
    }
}
