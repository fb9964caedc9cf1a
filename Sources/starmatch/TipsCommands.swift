import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch {
    /// `tips CREATOR`: what the Star Creator team passes a creator (T-TIPS).
    struct TipsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tips",
            abstract: "Tips for a creator (T-TIPS): best-selling products of its niches not promoted yet, then campaigns and samples it may join.",
            discussion: """
                Products: kept orders of the last 30 days in the creator's niches, with the commission per item (C-RATE) and what the \
                creator may earn at its usual volume (kept orders per product per 30 days over the last 90). Pilot creators see shops \
                scoring 95 or more only (P-SHOPS). Campaigns: open, eligible under every rule, not closed for the pair (M-ONCE), best first.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var scoring: ProfileOptions
        @Argument(help: "The creator id.") var creator: String
        @Option(help: "How many products and how many campaigns (1–100).") var limit = 10

        func validate() throws {
            guard (1...100).contains(limit) else { throw ValidationError("--limit must be 1–100") }
        }

        func run() throws {
            try guarded {
                let useCases = try global.useCases(readOnly: true)
                let tips = try useCases.tips(creator: CreatorID(creator), limit: limit, profile: try scoring.load(useCases), at: try query.instant(),
                                             caller: GlobalOptions.caller)
                if query.json { return try Output.json(tips) }
                print("Tips for \(tips.creator) at \(Timestamp.format(tips.at))\(tips.pilotLimits ? " (pilot: shops scoring 95 or more only, samples only)" : "")")
                print("usual volume: \(String(format: "%.1f", tips.volume.usualOrders)) kept orders per product per 30 days "
                    + "(\(Output.number(tips.volume.keptOrders)) kept orders over \(tips.volume.lines) product line\(tips.volume.lines == 1 ? "" : "s") in \(StarMatchCore.Tips.volumeDays) days)\n")
                guard tips.refusedBy.isEmpty else {
                    print("no tips: the marketplace refuses \(tips.creator) at this instant (\(tips.refusedBy.joined(separator: ", "))); see: starmatch eligibility \(creator)")
                    return
                }
                if tips.products.isEmpty {
                    print("products: none — no product of the creator's niches sold in the last \(StarMatchCore.Tips.windowDays) days that it has not promoted")
                } else {
                    print("Best-selling products of the last \(StarMatchCore.Tips.windowDays) days not promoted yet:")
                    Output.table(["#", "product", "name", "shop", "category", "price", "rate", "per item", "kept orders", "sellers", "est. 30 days"],
                        tips.products.enumerated().map { n, t in
                            [String(n + 1), t.product.rawValue, t.name, t.shop.rawValue, t.category.rawValue, ISO4217.amount(minor: t.priceMinor, currency: t.currency),
                             "\(t.commissionPercent)%", ISO4217.amount(minor: t.commissionPerItemMinor, currency: t.currency), Output.number(t.keptOrders),
                             Output.number(t.sellers), ISO4217.amount(minor: t.estimatedEarningMinor, currency: t.currency)]
                        }, rightAligned: [0, 5, 6, 7, 8, 9, 10])
                }
                print("")
                if tips.campaigns.isEmpty {
                    print("campaigns: none open that the creator is eligible for (see: starmatch eligibility \(creator) --campaign C)")
                } else {
                    print("Campaigns and samples it may join, best first:")
                    Output.table(["#", "campaign", "shop", "kind", "ends", "rate", "score", "products"], tips.campaigns.enumerated().map { n, c in
                        [String(n + 1), c.campaign.rawValue, c.shop.rawValue, c.kind.rawValue, Output.day(c.endsAt), "\(c.commissionPercent)%",
                         String(format: "%.3f", c.score), c.products.map(\.rawValue).joined(separator: ";")]
                    }, rightAligned: [0, 5, 6])
                }
            }
        }
    }
}

/// Prints a match outcome's figures (`match show`, `campaigns performance`).
func printOutcome(_ o: MatchOutcome) {
    let window = o.from.map { "\(Timestamp.format($0)) to \(Timestamp.format(o.to))" } ?? "not accepted: nothing attributed"
    var rows = [["window", window], ["orders", "\(Output.number(o.orders)) (\(Output.number(o.keptOrders)) kept)"],
                ["samples shipped", Output.number(o.samplesShipped)]]
    for a in o.amounts {
        rows.append(["GMV \(a.currency)", ISO4217.amount(minor: a.gmvMinor, currency: a.currency)])
        rows.append(["commission \(a.currency)", ISO4217.amount(minor: a.commissionMinor, currency: a.currency)])
        if let per = a.gmvPerSampleMinor { rows.append(["GMV per sample \(a.currency)", ISO4217.amount(minor: per, currency: a.currency)]) }
    }
    Output.table(["outcome", "value"], rows)
}

extension StarMatch.Campaigns {
    /// `campaigns performance ID`: what a campaign's matches brought in.
    struct Performance: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "performance", 
            abstract: "A campaign's matches and what each brought in: orders, GMV and commission from acceptance to the campaign's end, samples shipped.",
            discussion: "A sales line counts for a campaign when it names the campaign, or names none and sells one of the campaign's products.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Argument(help: "The campaign id.") var id: String

        func run() throws {
            try guarded {
                let p = try global.useCases(readOnly: true).campaignPerformance(CampaignID(id), at: try query.instant(), caller: GlobalOptions.caller)
                if query.json { return try Output.json(p) }
                let states = p.matchesByState.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                print("campaign \(p.campaign) (shop \(p.shop)) at \(Timestamp.format(p.at)): \(p.matches.count) matches\(states.isEmpty ? "" : " — \(states)")\n")
                printOutcome(p.total)
                guard !p.matches.isEmpty else { return }
                print("")
                Output.table(["match", "creator", "state", "accepted", "orders", "kept", "GMV", "commission"], p.matches.map { line in
                    let o = line.outcome
                    return [String(line.match), line.creator.rawValue, line.state.rawValue, o.from.map(Timestamp.format) ?? "", Output.number(o.orders),
                            Output.number(o.keptOrders), o.amounts.map { ISO4217.amount(minor: $0.gmvMinor, currency: $0.currency) }.joined(separator: " + "),
                            o.amounts.map { ISO4217.amount(minor: $0.commissionMinor, currency: $0.currency) }.joined(separator: " + ")]
                }, rightAligned: [0, 4, 5, 6, 7])
            }
        }
    }
}
