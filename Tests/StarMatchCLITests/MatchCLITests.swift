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
