import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the database and load the category taxonomy from Seeds/.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            try guarded {
                let useCases = try global.useCases(creating: true)
                guard let seeds = GlobalOptions.resources.seeds else {
                    print("created \(global.databasePath) (no Seeds/ folder found: import categories yourself)")
                    return
                }
                let report = try useCases.importFile(kind: .categories, url: seeds.appendingPathComponent("categories.csv"), caller: GlobalOptions.caller)
                print("created \(global.databasePath) with \(report.inserted + report.updated) categories")
            }
        }
    }

    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "seed", abstract: "Load the demo dataset from Seeds/ (idempotent: rows are upserted by id).",
            discussion: """
                --seeds DIR loads every file of DIR named as in Seeds/ (what `generate --out DIR` writes), in one \
                transaction: a bad row in any file loads nothing. A folder of 64 MiB or more \
                ($STARMATCH_BULK_IMPORT_BYTES) is written through a rollback journal, as a large import is.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "The folder of files to load (default: Seeds/ of this checkout).") var seeds: String?
        @Flag(help: "Machine-readable JSON output.") var json = false

        func run() throws {
            try guarded {
                // The folder first: without one, no database file is created either.
                let directory = try seedsFolder(seeds)
                // A folder as large as a large file (a generated dataset) is its process's bulk write too (`import`).
                let bytes = ProjectResources.seedFiles(in: directory).reduce(0) { $0 + StarMatchStore.fileBytes($1.1.path) }
                let reports = try seedStore(try global.useCases(creating: true, bulkWriter: bytes >= Import.bulkImportBytes), folder: directory, json: json)
                if json { return try Output.json(reports) }
                printImportReports(reports)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", 
            abstract: "Import a CSV or JSON Lines file in one transaction (docs/import-formats.md).",
            discussion: """
                A file with any bad row imports nothing and lists every bad row (exit 2), unless --skip-invalid.

                A file of 64 MiB or more ($STARMATCH_BULK_IMPORT_BYTES sets the size) is written through a rollback \
                journal instead of the WAL when no other process has the database open: each page is written once. \
                Processes that open the database meanwhile wait for the import; it is back in WAL mode afterwards.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "What the file holds: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).")
        var kind: String
        @Argument(help: "The file (.csv, or .jsonl/.ndjson for JSON Lines).") var file: String
        @Option(help: "Force the format: csv or jsonl.") var format: String?
        @Flag(help: "Import the good rows; write the rejected ones with reasons to --rejects.") var skipInvalid = false
        @Option(help: "Where rejected rows go with --skip-invalid (default: FILE.rejects.csv).") var rejects: String?
        @Flag(help: "Machine-readable JSON output.") var json = false

        /// The file size from which an import is its process's bulk write (`StarMatchStore.withBulkJournal`): 64 MiB,
        /// or `$STARMATCH_BULK_IMPORT_BYTES`.
        static var bulkImportBytes: Int {
            ProcessInfo.processInfo.environment["STARMATCH_BULK_IMPORT_BYTES"].flatMap { Int($0) } ?? 64 << 20
        }

        func validate() throws {
            guard ImportKind(rawValue: kind) != nil else {
                throw ValidationError("unknown kind '\(kind)'; one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if let format, ImportFormat(rawValue: format) == nil { throw ValidationError("--format must be csv or jsonl") }
            if rejects != nil && !skipInvalid { throw ValidationError("--rejects goes with --skip-invalid") }
        }

        func run() throws {
            try guarded {
                let useCases = try global.useCases(creating: true, bulkWriter: StarMatchStore.fileBytes(file) >= Self.bulkImportBytes)
                let options = ImportOptions(
                    skipInvalid: skipInvalid, rejectsURL: rejects.map { URL(fileURLWithPath: $0) },
                    format: format.flatMap(ImportFormat.init(rawValue:)))
                let progress = Progress(enabled: !json)
                let report: ImportReport
                do {
                    report = try useCases.importFile(kind: ImportKind(rawValue: kind)!, url: URL(fileURLWithPath: file), options: options,
                                                     caller: GlobalOptions.caller) { p in
                        progress.update("import \(kind)", done: p.bytesRead, total: p.bytesTotal, detail: "\(Output.number(p.rows)) rows")
                    }
                    progress.finish()
                } catch let failure as ImportFailure {
                    progress.finish()
                    try reportFailure(failure, json: json)
                    throw ExitCode(2)
                }
                // The same shape as `seed --json`: a list of reports.
                if json { return try Output.json([report]) }
                printImportReports([report])
            }
        }
    }

    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "demo", 
            abstract: "Seed the demo dataset and show which rules refuse which creators.",
            discussion: "Uses the demo's reference instant 2026-11-25T18:00:00Z unless --at is given.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The instant to judge at (ISO 8601).") var at = "2026-11-25T18:00:00Z"

        func run() throws {
            try guarded {
                guard let instant = Timestamp.parse(at) else { throw CLIError("--at: '\(at)' is not an instant", code: 2) }
                let directory = try seedsFolder(nil)
                let useCases = try global.useCases(creating: true)
                let reports = try seedStore(useCases, folder: directory, json: false)
                printImportReports(reports)
                print("")
                let summary = try useCases.marketplaceSummary(at: instant, caller: GlobalOptions.caller)
                print("Marketplace eligibility at \(Timestamp.format(instant)): \(Output.number(summary.eligible)) of \(Output.number(summary.total)) creators eligible\n")
                Output.table(
                    ["rule", "refused", "for example"],
                    summary.refusals.map { [$0.rule.rawValue, Output.number($0.count), $0.examples.joined(separator: ", ")] },
                    rightAligned: [1])
                print("\nNext: starmatch eligibility CREATOR --at \(at)   (see Seeds/README.md for the showcase creators)")
            }
        }
    }
}

/// Loads every seed file in one transaction: `folder`, else the `Seeds/` folder found once (`GlobalOptions.resources`).
/// The seeds folder: `folder` if given, else the checkout's `Seeds/`.
func seedsFolder(_ folder: String?) throws -> URL {
    guard let directory = folder.map({ URL(fileURLWithPath: $0) }) ?? GlobalOptions.resources.seeds else {
        throw CLIError("no Seeds/ folder found: run from the checkout, set STARMATCH_HOME, or pass --seeds DIR")
    }
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isFolder), isFolder.boolValue else {
        throw CLIError("no seeds folder at \(directory.path) (pass --seeds DIR)")
    }
    return directory
}

func seedStore(_ useCases: StarMatchUseCases, folder directory: URL, json: Bool) throws -> [ImportReport] {
    let progress = Progress(enabled: !json)
    do {
        let reports = try useCases.seed(from: directory, caller: GlobalOptions.caller) { p in
            progress.update("seed", done: p.bytesRead, total: p.bytesTotal, detail: URL(fileURLWithPath: p.file).lastPathComponent)
        }
        progress.finish()
        return reports
    } catch let failure as ImportFailure {
        progress.finish()
        try reportFailure(failure, json: json)
        throw ExitCode(2)
    }
}

func printImportReports(_ reports: [ImportReport]) {
    Output.table(
        ["kind", "file", "rows", "inserted", "updated", "rejected"],
        reports.map {
            [$0.kind, URL(fileURLWithPath: $0.file).lastPathComponent, Output.number($0.rowsRead), Output.number($0.inserted),
             Output.number($0.updated), Output.number($0.rejectedRows)]
        },
        rightAligned: [2, 3, 4, 5])
    for report in reports where report.rejectedRows > 0 {
        print("\(report.rejectedRows) rejected row\(report.rejectedRows == 1 ? "" : "s") of \(report.kind) written to \(report.rejectsFile ?? "?"):")
        for issue in report.issues.prefix(20) { print("  \(issue)") }
        if report.issues.count > 20 { print("  … and \(report.issues.count - 20) more problems (see the rejects file)") }
    }
}

/// Prints every problem of a failed import (stderr for people, stdout as JSON for machines).
func reportFailure(_ failure: ImportFailure, json: Bool) throws {
    if json {
        struct Body: Encodable { let error: String; let file: String; let kind: String; let issues: [RowIssue] }
        try Output.json(Body(error: failure.description, file: failure.file, kind: failure.kind.rawValue, issues: failure.issues))
        return
    }
    Output.error(failure.description)
    let limit = 200
    for issue in failure.issues.prefix(limit) { Output.note("  \(issue)") }
    if failure.issues.count > limit { Output.note("  … and \(failure.issues.count - limit) more (use --json for all)") }
}

extension StarMatch {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "backup", 
            abstract: "Copy the database to FILE while it stays in use (one consistent snapshot; FILE appears whole or not at all).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The backup file to write.") var file: String
        @Flag(help: "Replace FILE if it exists.") var force = false
        @Flag(help: "Machine-readable JSON output.") var json = false

        func run() throws {
            try guarded {
                let report: BackupReport
                do {
                    report = try global.useCases().backup(to: file, overwrite: force, caller: GlobalOptions.caller)
                } catch let error as StoreError where error.kind == .invalidInput {
                    throw CLIError(error.message, code: 2)  // FILE exists, or is the database itself
                }
                if json { return try Output.json(report) }
                print("backed up to \(report.file): \(Output.number(report.bytes)) bytes, \(Output.number(report.counts.creators)) creators, \(Output.number(report.counts.sales)) sales, data version \(report.dataVersion)")
            }
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "restore", 
            abstract: "Replace the database's content with a backup (checked first: a damaged or foreign file changes nothing).",
            discussion: "Everything is replaced, API keys included: revoke again any key revoked after the backup was taken.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The backup file.") var file: String
        @Flag(help: "Confirm that the current content is to be replaced.") var yes = false
        @Flag(help: "Machine-readable JSON output.") var json = false

        func validate() throws {
            guard yes else { throw ValidationError("restore replaces everything in \(ProcessInfo.processInfo.environment["STARMATCH_DB"] ?? "the database"); pass --yes to confirm") }
        }

        func run() throws {
            try guarded {
                let report: BackupReport
                do {
                    report = try global.useCases(creating: true).restore(from: file, caller: GlobalOptions.caller)
                } catch let error as StoreError {
                    throw CLIError(error.message, code: 2)
                }
                if json { return try Output.json(report) }
                print("restored \(report.file): \(Output.number(report.counts.creators)) creators, \(Output.number(report.counts.sales)) sales; data version now \(report.dataVersion)")
            }
        }
    }
}

extension StarMatch {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", 
            abstract: "Check the database: SQLite's integrity and foreign keys, row counts, and (--hash) a content hash per table; (--scoring) the scoring state against history. Exit 1 if damaged.")
        @OptionGroup var global: GlobalOptions
        @Flag(help: "Also hash every table's content.") var hash = false
        @Flag(help: "Recompute every creator's scoring record from history and compare it with the maintained one; exit 1 naming the first creator that differs.")
        var scoring = false
        @Option(help: "With --scoring: also compare every creator's standing and scoring inputs at this instant (ISO 8601).")
        var at: String?
        @Option(help: "With --scoring --at: the scoring profile whose half-life is compared (Scoring/NAME.json).")
        var profile = "default"
        @Flag(help: "With --scoring: rebuild the scoring state from history first (a write, in one transaction).")
        var repair = false
        @Flag(help: "Machine-readable JSON output.") var json = false

        func validate() throws {
            if !scoring && (at != nil || repair || profile != "default") {
                throw ValidationError("--at, --profile and --repair go with --scoring")
            }
        }

        func run() throws {
            try guarded {
                if scoring { return try checkScoring() }
                let report: CheckReport
                do {
                    report = try global.useCases(readOnly: true).check(hashes: hash, caller: GlobalOptions.caller)
                } catch let error as CLIError where error.damagedDatabase {
                    // The file is too damaged to open (its schema pages): that is the check that failed.
                    report = CheckReport(integrity: [], foreignKeyViolations: nil, counts: nil, hashes: nil,
                        failures: [.init(check: "open", finding: "the file cannot be opened: its schema pages are damaged, or it is not a SQLite database")])
                }
                if json { try Output.json(report) } else {
                    func state(_ check: String, ran: Bool) -> String { !ran ? "not run" : report.failures.contains { $0.check == check } ? "FAILED" : "ok" }
                    print("integrity: \(state("integrity", ran: !report.integrity.isEmpty)) · foreign keys: \(state("foreign keys", ran: report.counts != nil || report.foreignKeyViolations != nil))")
                    if global.postgresURL != nil {
                        print("(on PostgreSQL the server checks its own pages — data checksums, pg_amcheck — and enforces every foreign key on write)")
                    }
                    if let c = report.counts {
                        print("rows: \(c.categories) categories, \(c.shops) shops, \(Output.number(c.products)) products, \(Output.number(c.creators)) creators, \(c.campaigns) campaigns, "
                            + "\(Output.number(c.sales)) sales, \(Output.number(c.contentEvents)) content events, \(Output.number(c.violations)) violations, \(Output.number(c.quizzes)) policy quizzes")
                    }
                    for (table, digest) in (report.hashes ?? [:]).sorted(by: { $0.key < $1.key }) { print("  \(table): \(digest)") }
                    for failure in report.failures { print("FAILED \(failure.check): \(failure.finding)") }
                }
                if !report.ok {
                    throw CLIError("the database is damaged: \(report.failures.count) check\(report.failures.count == 1 ? "" : "s") failed (\(report.failures.map(\.check).joined(separator: ", "))); restore a backup (`starmatch restore FILE`)")
                }
            }
        }

        func checkScoring() throws {
            let instant = try at.map { at in
                guard let date = Timestamp.parse(at) else {
                    throw CLIError("--at: '\(at)' is not an instant (YYYY-MM-DD or ISO 8601 with Z or an offset)", code: 2)
                }
                return date
            }
            let useCases = try global.useCases()
            if repair { try useCases.rebuildScoringState(caller: GlobalOptions.caller) }
            let report = try useCases.checkScoring(at: instant, profile: profile, caller: GlobalOptions.caller)
            if json { try Output.json(report) } else if !report.built {
                print("scoring state: not built yet (the next write builds it, or run `starmatch check --scoring --repair`)")
            } else {
                let settled = report.settledThrough.map(Timestamp.format) ?? "-"
                print("scoring state: \(Output.number(report.records)) records, sales settled through \(settled), half-lives \(report.halfLives.map { $0 == $0.rounded() ? String(Int($0)) : String($0) }.joined(separator: ", ")) days")
                if let instant = report.instant { print("at \(Timestamp.format(instant)): standings and scoring inputs compared (profile \(profile))") }
                if let d = report.firstDifference {
                    print("differs from history: \(d.creator.isEmpty ? "" : "creator \(d.creator): ")\(d.what)")
                } else {
                    print("equal to history")
                }
            }
            if !report.ok { throw CLIError(report.built ? "the scoring state differs from history" : "the scoring state is not built") }
        }
    }
}
