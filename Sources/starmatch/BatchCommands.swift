import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchAPI
import StarMatchUseCases

extension StarMatch {
    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "batch", 
            abstract: "The weekly batch (M-WEEKLY): assign creators to the week's campaigns, exactly.",
            subcommands: [Run.self, List.self, Show.self, Diff.self])

        struct Run: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "run", 
                abstract: "Run the batch for an ISO week and store its proposals in one transaction.",
                discussion: "Unchanged inputs return the week's latest run as it was; changed inputs supersede its open proposals.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var scoring: ProfileOptions
            @Option(help: "The ISO week, e.g. 2026-W48 (weeks start Monday 00:00 Pacific, P-WEEK).") var week: String
            @Flag(help: "Compute and show, store nothing.") var dryRun = false
            @Flag(help: "Audit mode (with --dry-run): every eligible pair is a candidate, not each campaign's top candidatesPerCampaign; slow, the reference.")
            var exhaustive = false
            @Option(help: "Write the solved instance (every candidate pair, capacities, slots) to this file in the `solve` format.") var export: String?
            /// `--at`: the run's instant (campaigns ended by then are left out; proposals are dated at it), and `--json`.
            @OptionGroup var query: QueryOptions
            var json: Bool { query.json }

            func validate() throws {
                if exhaustive && !dryRun { throw ValidationError("--exhaustive needs --dry-run (the audit mode stores nothing)") }
            }

            func run() throws {
                // The solver's graph is rebuilt every round: reuse its freed memory (ProcessMemory).
                ProcessMemory.keepFreedMemoryForReuse()
                try guarded {
                    // A path that cannot be written is said before the run, in plain words.
                    if let export {
                        var isFolder: ObjCBool = false
                        if FileManager.default.fileExists(atPath: export, isDirectory: &isFolder), isFolder.boolValue {
                            throw CLIError("--export \(export): is a folder; name a file", code: 2)
                        }
                        let folder = URL(fileURLWithPath: export).deletingLastPathComponent().path
                        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                            throw CLIError("--export \(export): the folder \(folder) does not exist", code: 2)
                        }
                    }
                    // A dry run is a read: it opens the file read-only and leaves it byte for byte as it was.
                    let useCases = try global.useCases(clock: query.clock(), readOnly: dryRun)
                    let profile = try scoring.load(useCases)
                    let progress = Progress(enabled: !json)
                    let outcome = try useCases.runBatch(week: week, profile: profile, dryRun: dryRun, exhaustive: exhaustive,
                                                        caller: GlobalOptions.caller) { label, fraction in
                        progress.update("batch \(label)", done: Int(fraction * 1000), total: 1000, detail: "")
                    }
                    progress.finish()
                    if let export {
                        let encoder = JSONEncoder()
                        encoder.outputFormatting = [.sortedKeys]
                        do {
                            try encoder.encode(outcome.instance).write(to: URL(fileURLWithPath: export), options: .atomic)
                        } catch {
                            throw CLIError(FileProblem.cannotWrite(export, error))
                        }
                    }
                    if json { return try Output.json(BatchView(outcome.run, outcome.matches, outcome.fills, reused: outcome.reused, dryRun: outcome.dryRun)) }
                    let status = outcome.dryRun ? "dry run, nothing stored" : outcome.reused ? "inputs unchanged: run \(outcome.run.id) stands" : "stored as run \(outcome.run.id)"
                    print("Batch \(week) (\(status))\n")
                    printRun(outcome.run, outcome.matches, outcome.fills)
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "Every stored run.")
            @OptionGroup var global: GlobalOptions
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let runs = try global.useCases(readOnly: true).batchRuns(caller: GlobalOptions.caller)
                    if json { return try Output.json(runs) }
                    Output.table(["run", "week", "profile", "objective", "pairs", "creators", "campaigns", "ms", "created", "superseded by"],
                        runs.map { [String($0.id), $0.week, $0.profile, String(format: "%.4f", $0.objective), String($0.assignments),
                                    String($0.creatorsUsed), String($0.campaigns), String($0.durationMs), Timestamp.format($0.createdAt),
                                    $0.supersededBy.map(String.init) ?? ""] },
                        rightAligned: [0, 3, 4, 5, 6, 7])
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "A run: summary, per-campaign fill and what bound it, score distribution, pairs.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The run id.") var id: Int64
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let detail = try global.useCases(readOnly: true).batchRun(id, caller: GlobalOptions.caller)
                    let (r, matches, fills) = (detail.run, detail.matches, detail.fills)
                    if json { return try Output.json(BatchView(r, matches, fills, reused: false, dryRun: false)) }
                    printRun(r, matches, fills)
                    print("")
                    Output.table(["creator", "campaign", "score", "state"], matches.map { [$0.creator, $0.campaign, String(format: "%.4f", $0.score), $0.state] }, rightAligned: [2])
                }
            }
        }

        struct Diff: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "diff", abstract: "Pairs added and removed between two runs.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The earlier run.") var from: Int64
            @Argument(help: "The later run.") var to: Int64
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let diff = try global.useCases(readOnly: true).batchDiff(from: from, to: to, caller: GlobalOptions.caller)
                    if json { return try Output.json(diff) }
                    let (a, b, added, removed) = (diff.fromRun, diff.toRun, diff.added, diff.removed)
                    print(String(format: "run %lld (%@) → run %lld (%@): objective %.4f → %.4f (%+.4f); %d kept, %d added, %d removed\n",
                        from, a.week, to, b.week, a.objective, b.objective, b.objective - a.objective, diff.kept, added.count, removed.count))
                    Output.table(["", "creator", "campaign", "score"],
                        added.map { ["+", $0.creator, $0.campaign, String(format: "%.4f", $0.score)] } + removed.map { ["-", $0.creator, $0.campaign, String(format: "%.4f", $0.score)] },
                        rightAligned: [3])
                }
            }
        }
    }
}

/// Summary, per-campaign fill and score distribution of a run.
func printRun(_ run: BatchRun, _ matches: [BatchMatch], _ fills: [WeeklyBatch.CampaignFill]) {
    let open = fills.reduce(0) { $0 + $1.slots - $1.filled }
    print(String(format: "objective %.4f · %d pairs · %d creators · %d campaigns (%d slots open) · %d candidates · %d ms · inputs %@",
        run.objective, run.assignments, run.creatorsUsed, run.campaigns, open, run.candidates, run.durationMs, run.inputsHash))
    print("certificate: \(run.certificate?.statement ?? "none (stored before certificates)")")
    let scores = matches.map(\.score).sorted()
    if !scores.isEmpty {
        let mean = scores.reduce(0, +) / Double(scores.count)
        print(String(format: "scores: min %.4f · median %.4f · mean %.4f · max %.4f", scores[0], scores[scores.count / 2], mean, scores[scores.count - 1]))
        var buckets = [Int](repeating: 0, count: 10)
        for s in scores { buckets[min(9, Int(s * 10))] += 1 }
        let top = max(1, buckets.max() ?? 1)
        for (i, n) in buckets.enumerated() where n > 0 {
            print(String(format: "  %.1f–%.1f %@ %d", Double(i) / 10, Double(i + 1) / 10, String(repeating: "█", count: max(1, n * 40 / top)), n))
        }
    }
    print("")
    Output.table(["campaign", "slots", "filled", "open", "candidates", "bound by"],
        fills.map { [$0.campaign, String($0.slots), String($0.filled), String($0.slots - $0.filled), String($0.candidates), $0.bound] },
        rightAligned: [1, 2, 3, 4])
}

