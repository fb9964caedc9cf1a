import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchAPI

/// `--profile` for commands that score.
struct ProfileOptions: ParsableArguments {
    @Option(help: "The scoring profile: Scoring/NAME.json.") var profile = "default"

    func load() throws -> ScoringProfile {
        do {
            return try StarMatchStore.profile(named: profile)
        } catch let error as ConfigError {
            throw CLIError(error.description, code: 2)
        }
    }
}

/// Builds the scoring population with a progress line on terminals.
func loadPopulation(_ store: StarMatchStore, at instant: Date, profile: ScoringProfile, json: Bool) throws -> ScoringPopulation {
    let progress = Progress(enabled: !json)
    defer { progress.finish() }
    return try store.scoringPopulation(at: instant, profile: profile) { label, fraction in
        progress.update("scoring \(label)", done: Int(fraction * 1000), total: 1000, detail: "")
    }
}

func score(_ value: Double) -> String { String(format: "%.4f", value) }

func printBreakdown(_ breakdown: ScoreBreakdown) {
    Output.table(["component", "value", "weight", "contribution", "input"],
        breakdown.components.map { [$0.name, score($0.value), score($0.weight), score($0.contribution), $0.input] } + [["total", "", "", score(breakdown.total), ""]],
        rightAligned: [1, 2, 3])
}

extension StarMatch {
    struct Shortlist: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                let store = try global.openStore()
                let instant = try query.instant()
                let profile = try scoring.load()
                guard let campaign = try store.campaign(CampaignID(self.campaign)) else { throw CLIError("unknown campaign '\(self.campaign)'") }
                guard let shop = try store.shop(campaign.shop) else { throw CLIError("campaign \(campaign.id) names unknown shop '\(campaign.shop)'") }
                let population = try loadPopulation(store, at: instant, profile: profile, json: query.json)
                let ranked = population.shortlist(campaign, shop: shop, limit: limit,
                    filter: ShortlistFilter(region: region, minFollowers: minFollowers), explain: true)
                if query.json {
                    return try Output.json(ShortlistView(campaign: campaign, at: instant, profile: profile.name,
                        salesReference: rounded(population.scorer.salesReference), ranked: ranked, explain: explain))
                }
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
        static let configuration = CommandConfiguration(abstract: "The campaigns that fit a creator best, among those it is eligible for.")

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
                let store = try global.openStore()
                let instant = try query.instant()
                let profile = try scoring.load()
                guard try store.creator(CreatorID(creator)) != nil else { throw CLIError("unknown creator '\(creator)'") }
                let population = try loadPopulation(store, at: instant, profile: profile, json: query.json)
                let index = population.index(of: CreatorID(creator))!
                let ranked = population.matches(creator: index, campaigns: try store.campaignsWithShops(), limit: limit, explain: true)
                if query.json {
                    return try Output.json(MatchesView(creator: creator, at: instant, profile: profile.name, ranked: ranked, explain: explain))
                }
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
        static let configuration = CommandConfiguration(
            abstract: "Why a creator does or does not fit a campaign: every rule, and the score with its parts.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var scoring: ProfileOptions
        @Argument(help: "The creator id.") var creator: String
        @Argument(help: "The campaign id.") var campaign: String

        func run() throws {
            try guarded {
                let store = try global.openStore()
                let instant = try query.instant()
                let profile = try scoring.load()
                guard let c = try store.creator(CreatorID(creator)) else { throw CLIError("unknown creator '\(creator)'") }
                guard let k = try store.campaign(CampaignID(campaign)) else { throw CLIError("unknown campaign '\(campaign)'") }
                let (report, _) = try store.eligibility(of: c, campaign: k.id, at: instant)
                let population = try loadPopulation(store, at: instant, profile: profile, json: query.json)
                let index = population.index(of: c.id)!
                let breakdown = population.scorer.explain(population.inputs[index], CampaignTarget(k.categories, table: population.scorer.table))
                if query.json {
                    return try Output.json(WhyView(eligibility: EligibilityView(report), profile: profile.name,
                        score: rounded(breakdown.total), components: breakdown.components.map(ComponentView.init)))
                }
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

