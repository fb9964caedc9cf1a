import Foundation
import StarMatchCore

/// The desk's charts, as inline SVG (no script, no image requests): each has a text equivalent beside it
/// (`role="img"` with an `aria-label`), and the numbers it draws are also in a table on the page.
enum DeskCharts {
    /// A CHR history (H-POINTS) as a step line over time, with the H-MILESTONE levels and good standing (H-GOOD)
    /// drawn as labelled lines. `points` are (instant, CHR) in time order, each CHR as the policy computes it then.
    static func chrHistory(_ points: [CHRPoint], chrMax: Int, goodStanding: Int, format: DeskFormat) -> String {
        guard let first = points.first, let last = points.last else { return "" }
        let width = 640.0, height = 200.0, left = 44.0, right = 12.0, top = 10.0, bottom = 24.0
        // The axis reaches a little over the highest CHR drawn and good standing, in steps of 50 (a creator at CHR 10–200
        // is not squashed under a 0–1,000 axis), never past the scale's top.
        let highest = max(points.map(\.chr).max() ?? 0, goodStanding)
        let top100 = Double(max(50, min(chrMax, (highest * 11 / 10 + 49) / 50 * 50)))
        let t0 = first.at.timeIntervalSince1970, t1 = max(last.at.timeIntervalSince1970, t0 + 1)
        func x(_ d: Date) -> Double { left + (d.timeIntervalSince1970 - t0) / (t1 - t0) * (width - left - right) }
        func y(_ chr: Int) -> Double { top + (1 - Double(chr) / top100) * (height - top - bottom) }
        func n(_ v: Double) -> String { String(format: "%.1f", v) }
        let label = "CHR from \(first.chr) on \(format.day(first.at)) to \(last.chr) on \(format.day(last.at)), \(points.count) changes"
        var svg = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(DeskReportHTML.escape(label))\">"
        var lastLabel = -Double.infinity
        for level in (Policy.healthMilestones + [goodStanding]).sorted(by: >) where level <= Int(top100) {
            let cls = level == goodStanding ? "good" : "milestone"
            svg += "<line x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(y(level)))\" y2=\"\(n(y(level)))\" class=\"\(cls)\"/>"
            // Labels at least 11 px apart (they would overlap on a small scale).
            guard y(level) - lastLabel >= 11 else { continue }
            lastLabel = y(level)
            svg += "<text x=\"\(n(left - 4))\" y=\"\(n(y(level) + 4))\" class=\"axis\" text-anchor=\"end\">\(level)</text>"
        }
        var path = "M\(n(x(first.at))),\(n(y(first.chr)))"
        for p in points.dropFirst() { path += " H\(n(x(p.at))) V\(n(y(p.chr)))" }
        svg += "<path d=\"\(path)\" class=\"line\"/>"
        svg += "<text x=\"\(n(left))\" y=\"\(n(height - 6))\" class=\"axis\">\(format.day(first.at))</text>"
        svg += "<text x=\"\(n(width - right))\" y=\"\(n(height - 6))\" class=\"axis\" text-anchor=\"end\">\(format.day(last.at))</text>"
        return svg + "</svg>"
    }
}
