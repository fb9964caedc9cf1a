import Foundation
import StarMatchCore
public import StarMatchStore

/// The desk report as one self-contained HTML page: inline CSS and SVG charts, no script, no network.
public enum DeskReportHTML {
    /// Text as HTML: `&`, `<`, `>`, `"` and `'` as entities, byte by byte over UTF-8 (the five are ASCII, so no
    /// character is split), and the text itself when it holds none of them. The one HTML escaping of the report and
    /// the desk (`DeskHTMLContent`).
    static func escape(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 32)
        for byte in utf8 {
            switch byte {
            case 0x26: out += "&amp;".utf8
            case 0x3C: out += "&lt;".utf8
            case 0x3E: out += "&gt;".utf8
            case 0x22: out += "&quot;".utf8
            case 0x27: out += "&#39;".utf8
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Minor units of the report's currency in its decimals (ISO 4217, C-CURRENCY).
    static func money(_ minor: Int64, _ currency: String) -> String { ISO4217.format(minor: minor, currency: currency) }

    /// Horizontal bars: one row per label, the value's share of the largest, with the value written beside.
    static func bars(_ rows: [(label: String, value: Double, total: Double?, text: String)], width: Int = 900) -> String {
        let rowHeight = 18, labelWidth = 240, barWidth = width - labelWidth - 200
        let maximum = max(1, rows.map { $0.total ?? $0.value }.max() ?? 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(rows.count * rowHeight + 4)\" role=\"img\">"
        for (i, row) in rows.enumerated() {
            let y = i * rowHeight + 2
            svg += "<text x=\"0\" y=\"\(y + 13)\" class=\"l\">\(escape(String(row.label.prefix(34))))</text>"
            if let total = row.total {
                svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(Int(Double(barWidth) * total / maximum))\" height=\"13\" class=\"open\"/>"
            }
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(Int(Double(barWidth) * row.value / maximum))\" height=\"13\" class=\"bar\"/>"
            svg += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 13)\" class=\"v\">\(escape(row.text))</text>"
        }
        return svg + "</svg>"
    }

    static func histogram(_ counts: [Int]) -> String {
        let width = 420, height = 150, column = width / counts.count
        let maximum = max(1, counts.max() ?? 1)
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height + 30)\" role=\"img\">"
        for (i, n) in counts.enumerated() {
            let h = Int(Double(height - 16) * Double(n) / Double(maximum))
            svg += "<rect x=\"\(i * column + 4)\" y=\"\(height - h)\" width=\"\(column - 8)\" height=\"\(h)\" class=\"bar\"/>"
            svg += "<text x=\"\(i * column + column / 2)\" y=\"\(height - h - 3)\" class=\"c\">\(n)</text>"
            svg += "<text x=\"\(i * column + column / 2)\" y=\"\(height + 16)\" class=\"c\">\(String(format: "%.1f", Double(i) / 10))</text>"
        }
        return svg + "</svg>"
    }

    static func table(_ header: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        var html = "<table><tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"
        for row in rows {
            html += "<tr>" + row.enumerated().map { i, cell in "<td\(numeric.contains(i) ? " class=\"n\"" : "")>\(escape(cell))</td>" }.joined() + "</tr>"
        }
        return html + "</table>"
    }

    /// The page. `chartCampaigns` campaigns with the most open slots are drawn; the JSON has them all.
    public static func render(_ r: DeskReport, chartCampaigns: Int = 40) -> String {
        var body = "<h1>StarMatch weekly desk — \(escape(r.week))</h1>"
        body += "<p class=\"sub\">\(Timestamp.format(r.weekStart)) to \(Timestamp.format(r.weekEnd)) (P-WEEK; last week from \(Timestamp.format(r.previousWeekStart))) · amounts in \(escape(r.currency))"
            + " · pilots, matchability and matches judged at \(Timestamp.format(r.judgedAt))</p>"
        body += "<section><h2>Weekly batch (M-WEEKLY)</h2>"
        if let b = r.batch {
            body += "<p class=\"kpi\"><b>\(b.filled)</b> of <b>\(b.slots)</b> slots filled · <b>\(b.assignments)</b> pairs · <b>\(b.creatorsUsed)</b> creators · "
                + "objective <b>\(String(format: "%.4f", b.objective))</b> · run \(b.run)</p>"
            body += "<p class=\"sub\">Certificate: \(escape(b.certificate?.statement ?? "none (run stored before certificates)"))</p>"
            let shown = b.fills.sorted { ($0.slots - $0.filled, $0.campaign) > ($1.slots - $1.filled, $1.campaign) }.prefix(chartCampaigns)
            body += "<h3>Share of slots filled, the \(shown.count) campaigns with the most open slots</h3>"
            // Each bar is its own campaign's slots: a full 9-slot campaign is as full as a full 500-slot one.
            body += bars(shown.map { ($0.campaign, $0.slots > 0 ? Double($0.filled) / Double($0.slots) : 0, 1, "\($0.filled)/\($0.slots) · \($0.bound)") })
            body += "<h3>Score distribution of the pairs</h3>" + histogram(b.scoreHistogram)
        } else {
            body += "<p>No batch run for this week yet (<code>starmatch batch run --week \(escape(r.week))</code>).</p>"
        }
        body += "</section><section><h2>Shop Stars: most GMV validated this week (C-VALIDATE), per category</h2>"
        if r.shopStars.isEmpty { body += "<p>No sales validated this week.</p>" }
        for group in r.shopStars {
            body += "<h3>\(escape(group.category))</h3>" + table(["creator", "handle", "validated GMV", "last week", "trend", "can be matched"], group.stars.map {
                [$0.creator, $0.handle, money($0.gmvMinor, r.currency), money($0.previousWeekMinor, r.currency),
                 $0.trendPercent.map { ($0 >= 0 ? "▲ +" : "▼ ") + String(format: "%.1f%%", $0) } ?? "new",
                 $0.refusedBy.isEmpty ? "yes" : "no: " + $0.refusedBy.joined(separator: ", ")]
            }, numeric: [2, 3, 4])
        }
        body += "</section><section><h2>Best-selling products of the week (kept orders, C-RATE)</h2>"
        body += r.bestSellingProducts.isEmpty ? "<p>No sales line named its product this week.</p>"
            : table(["product", "name", "shop", "category", "kept GMV", "kept orders", "creators"], r.bestSellingProducts.map {
                [$0.product, $0.name, $0.shop, $0.category, money($0.gmvMinor, r.currency), String($0.keptOrders), String($0.creators)]
            }, numeric: [4, 5, 6])
        body += "</section><section><h2>Best-selling categories of the week (kept orders)</h2>"
        body += r.bestSellingCategories.isEmpty ? "<p>No orders this week.</p>"
            : bars(r.bestSellingCategories.map { ($0.category, Double($0.gmvMinor), nil, money($0.gmvMinor, r.currency) + " · \($0.keptOrders) orders") })
        body += "</section><section><h2>The week's outcomes: what accepted matches brought in</h2>"
        let o = r.outcomes.total
        func amounts(_ outcome: MatchOutcome) -> String {
            outcome.amounts.isEmpty ? "—" : outcome.amounts.map {
                "\(ISO4217.amount(minor: $0.gmvMinor, currency: $0.currency)) (commission \(ISO4217.amount(minor: $0.commissionMinor, currency: $0.currency)))"
            }.joined(separator: " + ")
        }
        body += "<p class=\"kpi\"><b>\(r.outcomes.matches)</b> accepted matches · <b>\(o.keptOrders)</b> kept orders · <b>\(o.samplesShipped)</b> samples shipped · "
            + "GMV \(escape(amounts(o)))</p>"
        body += "<p class=\"sub\">A sales line counts for a match when it names the campaign, or names none and sells one of the campaign's products, "
            + "ordered in the week after the acceptance and before the campaign's end.</p>"
        body += r.outcomes.campaigns.isEmpty ? "<p>No accepted match ran this week.</p>"
            : table(["campaign", "matches", "orders", "kept orders", "samples shipped", "GMV (commission)"], r.outcomes.campaigns.map {
                [$0.campaign, String($0.matches), String($0.outcome.orders), String($0.outcome.keptOrders), String($0.outcome.samplesShipped), amounts($0.outcome)]
            }, numeric: [1, 2, 3, 4])
        body += "</section><section><h2>Pilot creators close to graduating (P-GRADUATE)</h2>"
        body += r.pilotsNearGraduation.isEmpty ? "<p>None.</p>" : table(["creator", "handle", "state", "closest criterion", "still missing"],
            r.pilotsNearGraduation.map { p in
                var missing = p.missing.isEmpty ? [] : ["any one of: " + p.missing.joined(separator: "; ")]
                missing += p.alsoNeeds.map { "and " + $0 }
                return [p.creator, p.handle, p.state, String(format: "%.0f%%", p.closeness * 100), missing.joined(separator: "; ")]
            }, numeric: [3])
        body += "</section><section><h2>Creators whose CHR fell this week (H-POINTS)</h2>"
        body += r.chrDrops.isEmpty ? "<p>None.</p>" : table(["creator", "handle", "CHR before", "CHR after", "violations"],
            r.chrDrops.map { [$0.creator, $0.handle, String($0.from), String($0.to), String($0.violations)] }, numeric: [2, 3, 4])
        body += "</section><section><h2>The week's matches by state, at \(Timestamp.format(r.matchesJudgedAt))</h2>"
        let states = MatchState.allCases.compactMap { s in r.matchesByState[s.rawValue].map { (s.rawValue, $0) } }
        body += states.isEmpty ? "<p>No matches for this week.</p>"
            : table(["state", "matches"], states.map { [$0.0, String($0.1)] }, numeric: [1])
        body += "</section>"
        return """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>StarMatch desk \(escape(r.week))</title>
            <style>
            body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:980px}
            h1{font-size:22px;margin:0}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #ddd}h3{font-size:14px;margin:14px 0 4px}
            .sub{color:#666;margin:2px 0}.kpi{font-size:15px}table{border-collapse:collapse;margin:4px 0 10px}
            th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
            svg text{font:11px system-ui,sans-serif;fill:#333}svg .c{text-anchor:middle}.bar{fill:#3b7dd8}.open{fill:#dde6f3}
            </style></head><body>\(body)</body></html>
            """
    }
}
