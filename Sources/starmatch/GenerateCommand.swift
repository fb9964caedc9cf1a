import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore

extension StarMatch {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "generate", 
            abstract: "Write seeded synthetic data in the import format (one CSV per kind).",
            discussion: "Power-law followers and GMV, Zipf niche and shop popularity. Constant memory at any size.")

        @Option(help: "Creators to generate.") var creators: Int
        @Option(help: "Shops to generate.") var shops: Int
        @Option(help: "Campaigns to generate.") var campaigns: Int
        @Option(help: "Average sales rows per creator.") var salesPerCreator = 10.0
        @Option(help: "Random seed: the same seed writes the same files.") var seed: UInt64 = 1
        @Option(help: "Reference instant: sales go back a year from it, campaigns run around it.") var reference = "2026-11-25T00:00:00Z"
        @Option(help: "Output folder.") var out: String
        @Option(help: "The taxonomy to draw niches from (default: Seeds/categories.csv).") var categories: String?
        @Flag(help: "Machine-readable JSON output.") var json = false

        func validate() throws {
            guard creators >= 0, creators <= 50_000_000 else { throw ValidationError("--creators must be 0–50,000,000") }
            guard shops >= 1, shops <= 1_000_000 else { throw ValidationError("--shops must be 1–1,000,000") }
            guard campaigns >= 0, campaigns <= 1_000_000 else { throw ValidationError("--campaigns must be 0–1,000,000") }
            guard salesPerCreator >= 0, salesPerCreator <= 1_000 else { throw ValidationError("--sales-per-creator must be 0–1000") }
            guard Timestamp.parse(reference) != nil else { throw ValidationError("--reference: '\(reference)' is not an instant") }
        }

        func run() throws {
            try guarded {
                guard let taxonomyURL = categories.map({ URL(fileURLWithPath: $0) }) ?? GlobalOptions.resources.seeds?.appendingPathComponent("categories.csv") else {
                    throw CLIError("no taxonomy: pass --categories FILE or run inside the checkout (Seeds/categories.csv)")
                }
                // The taxonomy is validated by importing it into a scratch in-memory store.
                let scratch = try StarMatchStore(inMemory: PolicyConfig())
                do {
                    try scratch.importFile(kind: .categories, at: taxonomyURL)
                } catch let failure as ImportFailure {
                    try reportFailure(failure, json: json)
                    throw ExitCode(2)
                }
                let taxonomy = try scratch.taxonomy()
                let data = SyntheticData(
                    creators: creators, shops: shops, campaigns: campaigns, salesPerCreator: salesPerCreator, seed: seed,
                    reference: Timestamp.parse(reference)!, leaves: taxonomy.leaves)
                let progress = Progress(enabled: !json)
                let started = Date()
                let counts = try GeneratedFiles.write(data, taxonomy: taxonomy, to: URL(fileURLWithPath: out)) { done in
                    progress.update("generate", done: done, total: creators, detail: "\(Output.number(done)) creators")
                }
                progress.finish()
                if json { return try Output.json(counts) }
                Output.table(["kind", "rows"], ImportKind.allCases.map { [$0.rawValue, Output.number(counts[$0.rawValue] ?? 0)] }, rightAligned: [1])
                print("written to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s; import in the order listed")
            }
        }
    }
}
