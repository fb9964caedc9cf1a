import Foundation
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

@Suite("The desk report page (issue 6)")
struct DeskReportHTMLTests {
    @Test func thePageShowsTheReportsNumbersAndEscapesText() throws {
        let f = try APIFixture()
        let profile = try StarMatchStore.profile(named: "default", in: ProjectResources(), currencies: .standard)
        _ = try f.store.runBatch(week: "2026-W48", profile: profile, now: Timestamp.parse("2026-11-25T18:00:00Z")!)
        var report = try f.store.deskReport(week: "2026-W48", profile: profile, now: Timestamp.parse("2026-11-25T18:00:00Z")!)
        report.chrDrops.append(.init(creator: "cr-x", handle: "<script>alert(1)</script>", from: 200, to: 150, violations: 2))
        let html = DeskReportHTML.render(report, chartCampaigns: 10_000)
        #expect(html.hasPrefix("<!doctype html>") && html.hasSuffix("</html>"))
        #expect(!html.contains("<script") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").dropFirst().allSatisfy { $0.hasPrefix("www.w3.org/2000/svg") })
        let batch = try #require(report.batch)
        #expect(html.contains("<b>\(batch.filled)</b> of <b>\(batch.slots)</b> slots filled"))
        for fill in batch.fills { #expect(html.contains("\(fill.filled)/\(fill.slots) · \(fill.bound)")) }
        for count in batch.scoreHistogram { #expect(html.contains(">\(count)</text>")) }
        for group in report.shopStars {
            #expect(html.contains("<h3>\(group.category)</h3>"))
            for star in group.stars { #expect(html.contains(star.creator)) }
        }
    }
}
