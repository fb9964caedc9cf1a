import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "bench", 
            abstract: "Benchmarks on the current database, each next to a reference measured in the same run.",
            subcommands: [ShortlistBench.self, HTTPBaseline.self, PointReadBench.self])
    }

    struct ShortlistBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "shortlist",
            abstract: "Warm shortlist latency against a plain-SQL computation of the same ranking.",
            discussion: "Use a release build. Loads the scoring population once (timed apart), then times shortlists.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @OptionGroup var scoring: ProfileOptions
        @Option(help: "Campaigns to shortlist (open at the instant first, by id).") var campaigns = 100
        @Option(help: "Shortlist length.") var limit = 50
        @Option(help: "Repetitions of the single-campaign timing.") var repeats = 21
        @Option(help: "Campaigns to also rank with the plain-SQL reference.") var sqlReference = 3

        func run() throws {
            try guarded {
                let useCases = try global.useCases()
                let store = useCases.store
                let instant = try query.instant()
                let profile = try scoring.load(useCases)
                let clock = ContinuousClock()
                var population: ScoringPopulation?
                // Built afresh (not from the cache): the load time is one of the numbers measured.
                let loading = clock.measure {
                    population = try? withProgress(json: query.json) { try store.scoringPopulation(at: instant, profile: profile, progress: $0) }
                }
                guard let population else { throw CLIError("could not build the scoring population") }
                var all = try store.campaignsWithShops()
                all.sort { ($0.0.isOpen(at: instant) ? 0 : 1, $0.0.id) < ($1.0.isOpen(at: instant) ? 0 : 1, $1.0.id) }
                let chosen = Array(all.prefix(campaigns))
                guard let (first, firstShop) = chosen.first else { throw CLIError("no campaigns in the database") }

                var single: [Double] = []
                for _ in 0..<repeats {
                    let d = clock.measure { _ = population.shortlist(first, shop: firstShop, limit: limit) }
                    single.append(d.seconds)
                }
                single.sort()
                var lists: [[RankedCreator]] = []
                let batch = clock.measure {
                    for (campaign, shop) in chosen { lists.append(population.shortlist(campaign, shop: shop, limit: limit)) }
                }

                var references: [ReferenceRun] = []
                for (n, (campaign, shop)) in chosen.prefix(sqlReference).enumerated() {
                    let eligible = population.creators.indices.filter {
                        population.policy.isEligible(population.creators[$0], standing: population.standings[$0], for: campaign, shop: shop, at: instant)
                    }.map { (id: population.creators[$0].id, chr: population.standings[$0].chr) }
                    var rows: [(CreatorID, Double)] = []
                    let sqlTime = try clock.measure { rows = try store.referenceRanking(campaign: campaign, eligible: eligible, profile: profile, at: instant, limit: limit) }
                    let ours = clock.measure { _ = population.shortlist(campaign, shop: shop, limit: limit) }
                    references.append(ReferenceRun(campaign: campaign.id.rawValue, eligible: eligible.count, sqlSeconds: sqlTime.seconds,
                        oursSeconds: ours.seconds, agreement: agreement(lists[n], rows)))
                }
                let result = BenchResult(
                    creators: population.creators.count, campaigns: chosen.count, limit: limit, loadSeconds: loading.seconds,
                    singleMedianMs: single[single.count / 2] * 1000, singleP90Ms: single[min(single.count - 1, single.count * 9 / 10)] * 1000,
                    allCampaignsSeconds: batch.seconds, references: references)
                if query.json { return try Output.json(result) }
                print("creators \(Output.number(result.creators)), campaigns \(result.campaigns), shortlist of \(limit), profile \(profile.name), at \(Timestamp.format(instant))")
                print(String(format: "load population (once):      %.2f s", result.loadSeconds))
                print(String(format: "one campaign, warm:          median %.2f ms, p90 %.2f ms over %d runs", result.singleMedianMs, result.singleP90Ms, repeats))
                print(String(format: "%d campaigns, warm:          %.3f s total", result.campaigns, result.allCampaignsSeconds))
                for r in references {
                    print(String(format: "SQL reference %@: %.2f s vs %.2f ms here (%.0fx), %d eligible; %@", r.campaign, r.sqlSeconds, r.oursSeconds * 1000,
                        r.sqlSeconds / max(r.oursSeconds, 1e-9), r.eligible, r.agreement))
                }
            }
        }

        /// Whether two rankings agree: same ids in the same order, allowing swaps within 1e-9 (float sums).
        func agreement(_ ours: [RankedCreator], _ sql: [(CreatorID, Double)]) -> String {
            guard ours.count == sql.count else { return "DIFFERENT lengths \(ours.count) vs \(sql.count)" }
            var swapped = 0
            for (a, b) in zip(ours, sql) where a.creator.id != b.0 {
                guard abs(a.score - b.1) < 1e-9 else {
                    return "DIFFERENT at \(a.creator.id) \(a.score) vs \(b.0) \(b.1)"
                }
                swapped += 1
            }
            let maxDiff = zip(ours, sql).map { abs($0.score - $1.1) }.max() ?? 0
            return swapped == 0 ? String(format: "same ranking (max score difference %.1e)", maxDiff)
                : "same ranking up to \(swapped) near-ties within 1e-9"
        }
    }
}

struct ReferenceRun: Encodable {
    let campaign: String
    let eligible: Int
    let sqlSeconds: Double
    let oursSeconds: Double
    let agreement: String
}

struct BenchResult: Encodable {
    let creators: Int
    let campaigns: Int
    let limit: Int
    let loadSeconds: Double
    let singleMedianMs: Double
    let singleP90Ms: Double
    let allCampaignsSeconds: Double
    let references: [ReferenceRun]
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

extension StarMatch {
    /// Uncached point reads through the store, the floor under `GET /v1/creators/{id}` when the server's
    /// entity cache misses.
    struct PointReadBench: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "point-read", abstract: "Time uncached reads of creators by id and API-key lookups (the API's per-request store work).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "Reads to time.") var count = 100_000

        func run() throws {
            try guarded {
                let store = try global.openStore()
                let ids = try store.creators(CreatorFilter(limit: 1000)).map(\.id)
                guard !ids.isEmpty else { throw CLIError("no creators to read") }
                let clock = ContinuousClock()
                var found = 0
                let reads = clock.measure {
                    for i in 0..<count where (try? store.creator(ids[i % ids.count])) != nil { found += 1 }
                }
                let keys = clock.measure {
                    for i in 0..<count where (try? store.authenticate(secret: "sm_bench_\(i)")) != nil { found += 1 }
                }
                print(String(format: "creator by id: %.1f µs a read (%d reads); unknown API key: %.1f µs a lookup",
                    reads.seconds / Double(count) * 1e6, count, keys.seconds / Double(count) * 1e6))
            }
        }
    }
}
