import Foundation
import StarMatchCore
@testable import StarMatchStore
import Testing

/// The repository's `Seeds/` folder (the demo dataset).
let seedsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Seeds")

/// The backends a store test runs on (issue 19): SQLite always, PostgreSQL when `STARMATCH_TEST_POSTGRES` names a
/// server (`.ci/run` starts one).
enum TestBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    static var all: [TestBackend] { TestPostgres.available ? [.sqlite, .postgres] : [.sqlite] }
    var testDescription: String { rawValue }
}

/// A store of one backend seeded with the demo dataset of `Seeds/`; `drop()` removes a PostgreSQL test database.
struct SeededStore {
    let store: StarMatchStore
    private let postgres: TestPostgres?

    init(_ backend: TestBackend, config: PolicyConfig = PolicyConfig(), scoringProfiles: [ScoringProfile] = [ScoringProfile()],
         settleClock: @escaping @Sendable () -> Date = { Date() }) throws {
        let seeds = seedsFolder
        switch backend {
        case .sqlite:
            postgres = nil
            store = try StarMatchStore(inMemory: config, scoringProfiles: scoringProfiles, settleClock: settleClock)
        case .postgres:
            let pg = try TestPostgres()
            postgres = pg
            do {
                store = try StarMatchStore(postgres: pg.location, config: config, scoringProfiles: scoringProfiles, settleClock: settleClock)
            } catch {
                pg.drop()
                throw error
            }
        }
        do {
            _ = try store.importFiles(ProjectResources.seedFiles(in: seeds))
        } catch {
            drop()
            throw error
        }
    }

    func drop() { postgres?.drop() }
}
