import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

@main
struct StarMatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "starmatch",
        abstract: "Match TikTok-Shop-style sales creators with brands, by the rules of docs/rules.md.",
        discussion: """
            The database is an embedded SQLite file: --db, else $STARMATCH_DB, else starmatch.sqlite in the \
            working directory; or a PostgreSQL database: --database postgres://USER@HOST[:PORT]/DB, else \
            $STARMATCH_DATABASE, shared by several servers (backup and restore: use pg_dump and pg_restore there). Exit codes: 0 done, 1 failed or not found, 2 bad input (nothing was changed).
            """,
        subcommands: [
            Init.self, Seed.self, Import.self, Generate.self, Demo.self,
            Creators.self, Shops.self, Products.self, Campaigns.self, Eligibility.self, Shortlist.self, Matches.self, Why.self, Solve.self, Batch.self, Bench.self, Serve.self, Keys.self, MatchCommand.self, CommissionsCommand.self, TipsCommand.self, Report.self, Backup.self, Restore.self, Check.self,
        ]
    )

    /// ArgumentParser's own usage errors exit 64; StarMatch's contract is 2 for any bad input.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every command that touches the database shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The database file (default: $STARMATCH_DB or ./starmatch.sqlite).")
    var db: String?

    @Option(name: .long, help: ArgumentHelp("A PostgreSQL database instead of a file (default: $STARMATCH_DATABASE).",
                                           valueName: "postgres://USER@HOST[:PORT]/DB"))
    var database: String?

    @Option(name: .long, help: "A policy file (default: Scoring/policy.json, else the documented defaults (docs/rules.md)).")
    var policy: String?

    var databasePath: String {
        if let url = postgresURL, let location = try? PostgresLocation(url: url) { return location.description }
        return db ?? ProcessInfo.processInfo.environment["STARMATCH_DB"] ?? "starmatch.sqlite"
    }

    /// The PostgreSQL URL: `--database`, else `$STARMATCH_DATABASE` unless `--db` names a file.
    var postgresURL: String? {
        if let database { return database }
        if db != nil { return nil }
        return ProcessInfo.processInfo.environment["STARMATCH_DATABASE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The project's data folders (`Scoring/`, `Seeds/`), found once per process.
    static let resources = ProjectResources()

    /// The use cases on the store; writes are dated by `clock` (the real now unless a write command's `--at`).
    /// - Parameter creating: whether the command may create the database file (init, seed, demo, import,
    ///   restore, keys create, serve); every other command needs an existing one.
    /// - Parameter readOnly: a command that only reads: the file is opened read-only and stays byte for byte as it was.
    func useCases(clock: @escaping @Sendable () -> Date = { Date() }, creating: Bool = false, readOnly: Bool = false,
                  bulkWriter: Bool = false) throws -> StarMatchUseCases {
        let store = try openStore(creating: creating, readOnly: readOnly, bulkWriter: bulkWriter)
        return StarMatchUseCases(store: store, profiles: ProfileCatalog(resources: Self.resources, currencies: store.config.currencies), clock: clock)
    }

    /// The CLI's caller: a manager, named after the user in match histories.
    static var caller: Principal { .manager(ProcessInfo.processInfo.environment["USER"] ?? "cli") }

    /// Loads the policy and opens the store, turning failures into one clear line. A read never writes: a
    /// command that is not `creating` refuses a missing file (exit 1) instead of leaving a new empty database.
    func openStore(creating: Bool = false, readOnly: Bool = false, bulkWriter: Bool = false) throws -> StarMatchStore {
        if let url = postgresURL {
            guard db == nil else { throw CLIError("--db and --database name two databases: pass one", code: 2) }
            let location: PostgresLocation
            do { location = try PostgresLocation(url: url) } catch let error as DomainError { throw CLIError(error.message, code: 2) }
            let config = try loadPolicy()
            do {
                return try StarMatchStore(postgres: location, config: config, scoringProfiles: Self.resources.scoringProfiles(currencies: config.currencies))
            } catch let error as DomainError {
                throw CLIError(error.message)
            }
        }
        guard creating || FileManager.default.fileExists(atPath: databasePath) else {
            throw CLIError("no database at \(databasePath) (create one with `starmatch init`, `seed` or `import`, or pass --db)")
        }
        if !creating, let size = (try? FileManager.default.attributesOfItem(atPath: databasePath))?[.size] as? Int, size == 0 {
            throw CLIError("\(databasePath) is empty, not a StarMatch database yet (make one with `starmatch init`, `seed` or `import`); nothing was written")
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: databasePath, isDirectory: &isFolder), isFolder.boolValue {
            throw CLIError("\(databasePath) is a folder, not a database file (pass --db FILE)")
        }
        let config = try loadPolicy()
        do {
            return try StarMatchStore(path: databasePath, config: config, scoringProfiles: Self.resources.scoringProfiles(currencies: config.currencies),
                                      readOnly: readOnly, bulkWriter: bulkWriter)
        } catch let error as DomainError {
            throw CLIError(error.message)
        } catch {
            guard let domain = StarMatchStore.domainError(for: error) else { throw CLIError("cannot open the database \(databasePath): \(error)") }
            var failure = CLIError("cannot open the database \(databasePath): \(domain.message)")
            failure.damagedDatabase = domain.kind == .damagedDatabase
            throw failure
        }
    }

    func loadPolicy() throws -> PolicyConfig {
        do {
            return try Self.resources.policy(path: policy)
        } catch let error as ConfigError {
            throw CLIError("policy: \(error)", code: 2)
        }
    }
}

/// `--at` and `--json`, for commands that answer questions.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: "The instant to answer for (ISO 8601, e.g. 2026-11-25T18:00:00Z; default: now).")
    var at: String?

    @Flag(name: .long, help: "Machine-readable JSON output.")
    var json = false

    /// The instant a read answers for (it only changes what is shown), and a write's clock (default now).
    func instant() throws -> Date {
        guard let at else { return Date() }
        guard let date = Timestamp.parse(at) else {
            throw CLIError("--at: '\(at)' is not an instant (YYYY-MM-DD or ISO 8601 with Z or an offset)", code: 2)
        }
        return date
    }

    /// A write command's clock: `--at` when given (the instant the step is recorded at), else the real now.
    func clock() throws -> @Sendable () -> Date {
        guard at != nil else { return { Date() } }
        let fixed = try instant()
        return { fixed }
    }
}

/// A failure reported as one line on standard error, with an exit code.
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    /// The database file is damaged (opening it failed on a damaged page).
    var damagedDatabase = false

    init(_ message: String, code: Int32 = 1) {
        self.message = message
        self.code = code
    }

    var description: String { message }
}

/// The one mapping of domain errors to exit codes: 1 failed or not found, 2 bad input or refused (and then
/// nothing was changed).
func cliExitCode(for kind: DomainError.Kind) -> Int32 {
    switch kind {
    case .notFound, .forbidden, .conflict, .failed, .damagedData, .busy, .damagedDatabase: return 1
    case .invalidInput, .refused, .illegalTransition, .alreadyExists: return 2
    }
}

extension ParsableCommand {
    /// Runs `body`, printing a `CLIError` (or any error) as one line and exiting with its code.
    func guarded(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as CLIError {
            Output.error(error.message)
            throw ExitCode(error.code)
        } catch let error as ExitCode {
            throw error
        } catch let rejected as RecordsRejected {
            for issue in rejected.issues { Output.error(issue.description) }
            throw ExitCode(2)
        } catch let error as any DomainErrorConvertible {
            let domain = error.domainError
            Output.error(domain.description)
            throw ExitCode(cliExitCode(for: domain.kind))
        } catch {
            if let domain = StarMatchStore.domainError(for: error) {
                Output.error(domain.description)
                throw ExitCode(cliExitCode(for: domain.kind))
            }
            Output.error("\(error)")
            throw ExitCode(1)
        }
    }
}
