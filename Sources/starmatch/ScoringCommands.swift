import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchAPI
import StarMatchUseCases

/// `--profile` for commands that score.
struct ProfileOptions: ParsableArguments {
    @Option(help: "The scoring profile: Scoring/NAME.json.") var profile = "default"

    /// The profile, from the use cases' catalog (a bad name exits 2, naming it).
    func load(_ useCases: StarMatchUseCases) throws -> ScoringProfile { try useCases.profiles.profile(profile) }
}

/// Runs `body` with a progress line on terminals (never with `--json`).
func withProgress<T>(json: Bool, _ body: (@escaping (String, Double) -> Void) throws -> T) rethrows -> T {
    let progress = Progress(enabled: !json)
    defer { progress.finish() }
    return try body { label, fraction in progress.update("scoring \(label)", done: Int(fraction * 1000), total: 1000, detail: "") }
}

func score(_ value: Double) -> String { String(format: "%.4f", value) }

func printBreakdown(_ breakdown: ScoreBreakdown) {
    Output.table(["component", "value", "weight", "contribution", "input"],
        breakdown.components.map { [$0.name, score($0.value), score($0.weight), score($0.contribution), $0.input] } + [["total", "", "", score(breakdown.total), ""]],
        rightAligned: [1, 2, 3])
}

extension StarMatch {
    struct Shortlist: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "shortlist", 
            abstract: "The best eligible creators for a campaign (M-SCORE, M-ELIGIBLE), with their score components.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var scoring: ProfileOptions
        @Argument(help: "The campaign id.") var campaign: String
        @Option(help: "How many creators (1–1000).") var limit = 20
        @Option(help: "Only creators in this region.") var region: String?
        @Option(help: "Only creators with at least this many followers.") var minFollowers: Int?
        @Flag(help: "Show each component's input.") var explain = false

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1–1000") }
            if let region, !Region.isValid(region) { throw ValidationError("--region: '\(region)' is not a region code (e.g. US)") }
        }

        func run() throws {
            try guarded {
                let useCases = try global.useCases(readOnly: true)
                let instant = try query.instant()
                let profile = try scoring.load(useCases)
                let result = try withProgress(json: query.json) { progress in
                    try useCases.shortlist(campaign: CampaignID(self.campaign), limit: limit, filter: ShortlistFilter(region: region, minFollowers: minFollowers),
                        profile: profile, at: instant, caller: GlobalOptions.caller, progress: progress)
                }
                if query.json { return try Output.json(ShortlistView(result, explain: explain)) }
                let (campaign, shop, ranked) = (result.campaign, result.shop, result.ranked)
                print("Shortlist for \(campaign.id) (\(campaign.kind.rawValue), \(joinedPaths(campaign.categories))) of shop \(shop.id) at \(Timestamp.format(instant)), profile \(profile.name)\n")
                if ranked.isEmpty { print("no eligible creator"); return }
                Output.table(
                    ["#", "creator", "handle", "kind", "followers", "region", "score", "niche", "sales", "health", "audience", "fulfil"],
                    ranked.enumerated().map { n, r in
                        let v = r.breakdown!.components.map { score($0.value) }
                        return [String(n + 1), r.creator.id.rawValue, r.creator.handle, r.creator.kind.rawValue, Output.number(r.creator.followers),
                                r.creator.region, score(r.score)] + v
                    }, rightAligned: [0, 4, 6, 7, 8, 9, 10, 11])
                if explain {
                    for (n, r) in ranked.enumerated() {
                        print("\n#\(n + 1) \(r.creator.id) \(r.creator.handle)")
                        printBreakdown(r.breakdown!)
                    }
                }
            }
        }
    }

    struct Matches: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "matches", abstract: "The campaigns that fit a creator best, among those it is eligible for.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var scoring: ProfileOptions
        @Argument(help: "The creator id.") var creator: String
        @Option(help: "How many campaigns (1–1000).") var limit = 10
        @Flag(help: "Show each component's input.") var explain = false

        func validate() throws {
            guard (1...1000).contains(limit) else { throw ValidationError("--limit must be 1–1000") }
        }

        func run() throws {
            try guarded {
                let useCases = try global.useCases(readOnly: true)
                let instant = try query.instant()
                let profile = try scoring.load(useCases)
                let result = try withProgress(json: query.json) { progress in
                    try useCases.matches(creator: CreatorID(creator), limit: limit, profile: profile, at: instant, caller: GlobalOptions.caller, progress: progress)
                }
                if query.json { return try Output.json(MatchesView(result, explain: explain)) }
                let ranked = result.ranked
                print("Best campaigns for \(creator) at \(Timestamp.format(instant)), profile \(profile.name)\n")
                if ranked.isEmpty { print("no campaign this creator is eligible for (see: starmatch eligibility \(creator) --campaign C)"); return }
                Output.table(["#", "campaign", "shop", "kind", "categories", "ends", "score", "niche", "sales", "health", "audience", "fulfil"],
                    ranked.enumerated().map { n, r in
                        [String(n + 1), r.campaign.id.rawValue, r.campaign.shop.rawValue, r.campaign.kind.rawValue, joinedPaths(r.campaign.categories),
                         Output.day(r.campaign.endsAt), score(r.score)] + r.breakdown!.components.map { score($0.value) }
                    }, rightAligned: [0, 6, 7, 8, 9, 10, 11])
                if explain {
                    for (n, r) in ranked.enumerated() {
                        print("\n#\(n + 1) \(r.campaign.id)")
                        printBreakdown(r.breakdown!)
                    }
                }
            }
        }
    }

    struct Why: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "why", 
            abstract: "Why a creator does or does not fit a campaign: every rule, and the score with its parts.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var scoring: ProfileOptions
        @Argument(help: "The creator id.") var creator: String
        @Argument(help: "The campaign id.") var campaign: String

        func run() throws {
            try guarded {
                let useCases = try global.useCases(readOnly: true)
                let instant = try query.instant()
                let profile = try scoring.load(useCases)
                let result = try withProgress(json: query.json) { progress in
                    try useCases.why(creator: CreatorID(creator), campaign: CampaignID(campaign), profile: profile, at: instant,
                        caller: GlobalOptions.caller, progress: progress)
                }
                if query.json { return try Output.json(WhyView(result)) }
                let (c, k, report, breakdown) = (result.creator, result.campaign, result.report, result.breakdown)
                print("\(c.id) for \(k.id) at \(Timestamp.format(instant)): "
                    + (report.isEligible ? "ELIGIBLE, score \(score(breakdown.total))" : "NOT ELIGIBLE (\(report.refusals.map(\.rule.rawValue).joined(separator: ", ")))"))
                print("")
                Output.table(["rule", "outcome", "why"], report.checks.map { [$0.rule.rawValue, $0.outcome.rawValue, $0.message] })
                print("\nScore (\(profile.name)\(report.isEligible ? "" : "; never shortlisted while refused")):")
                printBreakdown(breakdown)
            }
        }
    }
}

