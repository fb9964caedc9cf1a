public import Foundation
import GRDB
public import StarMatchCore

/// A stored weekly batch run.
public struct BatchRun: Sendable, Codable, Equatable {
    public var id: Int64
    public var week: String
    public var inputsHash: String
    public var profile: String
    public var objective: Double
    public var assignments: Int
    public var creatorsUsed: Int
    public var campaigns: Int
    public var candidates: Int
    public var durationMs: Int
    public var createdAt: Date
    public var supersededBy: Int64?
    /// What proves the run optimal over every eligible pair (`nil` for runs stored before certificates).
    public var certificate: WeeklyBatch.Certificate?
}

/// One pair of a run.
public struct BatchMatch: Sendable, Codable, Equatable {
    public var creator: String
    public var campaign: String
    public var score: Double
    /// `proposed`, or `superseded` once a later run of the week replaced it.
    public var state: String
}

/// What `runBatch` did.
public struct BatchOutcome: Sendable {
    public var run: BatchRun
    public var matches: [BatchMatch]
    public var fills: [WeeklyBatch.CampaignFill]
    /// True when the inputs were unchanged and the earlier run was returned as it was.
    public var reused: Bool
    public var dryRun: Bool
    /// The plan solved: every candidate pair with its score, each creator's capacity, each campaign's open slots.
    public var plan: WeeklyBatch.Plan
    /// The plan in the `solve` interchange format (for an independent solver to check the optimum), built only
    /// when asked for.
    public var instance: MatchingInstance { plan.instance }
}

extension WeeklyBatch.Plan {
    /// The plan in the `solve` interchange format (`MatchingInstance`), creators and campaigns by id.
    public var instance: MatchingInstance {
        MatchingInstance(creators: creators.map { .init(id: $0.id.rawValue, capacity: $0.capacity) },
                         campaigns: campaigns.map { .init(id: $0.id.rawValue, slots: $0.slots) },
                         edges: pairs.indices.map { n in
                             let c = candidate(n)
                             return .init(creator: c.creator.rawValue, campaign: c.campaign.rawValue, score: c.score)
                         })
    }
}

extension StarMatchStore {
    /// Runs the weekly batch for an ISO week (`2026-W48`): builds candidates at the week's start, solves the
    /// assignment exactly and stores the run with its proposals in one transaction. Unchanged inputs return
    /// the week's latest run untouched; changed inputs supersede the proposals still only proposed.
    /// - Parameters:
    ///   - now: the write's clock (the real now; tests pass their own): the run's and its proposals' time.
    ///   - exhaustive: the audit mode (dry runs only): every eligible pair is a candidate instead of each
    ///     campaign's top `candidatesPerCampaign` — slow, the reference the default run is checked against.
    /// - Throws: `DomainError`: `invalidInput` for a bad week label, `conflict` for data that changed while the
    ///   run was computed.
    public func runBatch(
        week label: String, profile: ScoringProfile, dryRun: Bool = false, exhaustive: Bool = false, now: Date,
        progress: ((String, Double) -> Void)? = nil
    ) throws -> BatchOutcome {
        guard dryRun || !exhaustive else { throw DomainError.invalid("exhaustive: only with a dry run (the audit mode stores nothing)", rule: "M-WEEKLY") }
        let week = try isoWeek(label)
        // Stored runs are computed one at a time across every process on the database (PostgreSQL: an advisory
        // lock held for the whole run); a run that waited finds the inputs already run and returns that run.
        return try serializingBatches(dryRun: dryRun) {
            try computeBatch(week: week, label: label, profile: profile, dryRun: dryRun, exhaustive: exhaustive, now: now, progress: progress)
        }
    }

    /// Runs `body` holding the batch lock on PostgreSQL (not for dry runs, which store nothing); directly on SQLite,
    /// where the run's write transaction checks the data version it was computed at.
    private func serializingBatches<T>(dryRun: Bool, _ body: () throws -> T) throws -> T {
        guard let postgres, !dryRun else { return try body() }
        return try postgres.holdingLock(PostgresDatabase.batchLock, body)
    }

    private func computeBatch(week: QuotaWeek, label: String, profile: ScoringProfile, dryRun: Bool, exhaustive: Bool, now: Date,
                              progress: ((String, Double) -> Void)?) throws -> BatchOutcome {
        let started = ContinuousClock.now
        let version = try dataVersion()
        let population = try cachedScoringPopulation(at: week.start, profile: profile, progress: progress)
        progress?("candidates", 0)
        let commitments = try sqlRead { db in try Self.commitments(db, weekStart: week.start) }
        let (plan, result, certificate) = WeeklyBatch.optimal(population: population, campaigns: try campaignsWithShops(), week: week,
                                                              profile: profile, committed: commitments, at: now, exhaustive: exhaustive) { round, edges in
            progress?("round \(round), \(edges) candidate edges", 0)
        }
        let elapsed = ContinuousClock.now - started
        let durationMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        var run = BatchRun(
            id: 0, week: label, inputsHash: plan.inputsHash, profile: profile.name, objective: result.objective,
            assignments: result.assignments.count, creatorsUsed: result.creatorsUsed, campaigns: plan.campaigns.count,
            candidates: plan.pairs.count, durationMs: durationMs, createdAt: now, supersededBy: nil, certificate: certificate)
        // A dry run stores nothing: its pairs are not proposed ("notStored"), its run has no id (`BatchView`).
        let matches = result.assignments.map {
            BatchMatch(creator: $0.creator.rawValue, campaign: $0.campaign.rawValue, score: $0.score, state: dryRun ? "notStored" : "proposed")
        }
        if dryRun { return BatchOutcome(run: run, matches: matches, fills: result.fills, reused: false, dryRun: true, plan: plan) }
        return try sqlWrite { db in
            let current = try Self.currentDataVersion(db)
            guard current == version, try Self.commitments(db, weekStart: week.start) == commitments else {
                throw DomainError.conflict("the data or the week's accepted matches changed while the batch was computed; run it again")
            }
            // Proposals that lapsed by now are stored as expired (at their expiry) before this run cancels the rest.
            _ = try Self.expireDue(db, at: now)
            if let latest = try db.row("SELECT * FROM batch_runs WHERE week = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1", [.text(label)]),
                latest.get("inputs_hash", as: String.self) == plan.inputsHash, latest.get("profile", as: String.self) == profile.name
            {
                let existing = try Self.batchRun(latest)
                return BatchOutcome(run: existing, matches: try Self.batchMatches(db, existing.id), fills: try Self.batchFills(db, existing.id), reused: true, dryRun: false, plan: plan)
            }
            guard let id = try db.value("""
                INSERT INTO batch_runs (week, week_start, inputs_hash, profile, data_version, objective, assignments, creators_used,
                    campaigns, candidates, duration_ms, created_at, certificate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
                """, [.text(label), .integer(UpsertSQL.seconds(week.start)), .text(plan.inputsHash), .text(profile.name), .integer(version),
                      .real(result.objective), .integer(Int64(run.assignments)), .integer(Int64(run.creatorsUsed)), .integer(Int64(run.campaigns)),
                      .integer(Int64(run.candidates)), .integer(Int64(durationMs)), .integer(UpsertSQL.seconds(now)),
                      .text(String(decoding: try JSONEncoder().encode(certificate), as: UTF8.self))], as: Int64.self) else {
                throw DomainError(.failed, "the batch run was not stored (no id returned)")
            }
            run.id = id
            // Earlier proposals of the week that nobody acted on give way to this run.
            try db.execute("""
                UPDATE batch_matches SET state = 'superseded'
                WHERE state = 'proposed' AND run_id IN (SELECT id FROM batch_runs WHERE week = ? AND id != ?)
                """, [.text(label), .integer(run.id)])
            try db.execute("UPDATE batch_runs SET superseded_by = ? WHERE week = ? AND id != ? AND superseded_by IS NULL",
                           [.integer(run.id), .text(label), .integer(run.id)])
            try Self.insertRows(db, "batch_matches (run_id, creator_id, campaign_id, score, state)", "(?, ?, ?, ?, 'proposed')", matches) { m in
                [.integer(run.id), .text(m.creator), .text(m.campaign), .real(m.score)]
            }
            // The run's pairs become proposed matches (issue 6); the week's earlier batch proposals nobody acted on
            // are cancelled, with the run that replaced them in their history.
            for row in try db.rows("""
                SELECT id FROM matches WHERE source = 'batch' AND state = 'proposed' AND week_start = ? AND run_id != ?
                """, [.integer(UpsertSQL.seconds(week.start)), .integer(run.id)]) {
                guard let match = row.get(0, as: Int64.self) else { throw DamagedRow(table: "matches", id: "?", column: "id", reason: "not a number") }
                try Self.setState(db, id: match, from: .proposed, to: .cancelled, at: now, actor: "batch", note: "superseded by batch run \(run.id)")
            }
            // The same rows as `insertMatch` gives each (a proposed match, and its first step in its history), written
            // for the whole run at once: the matches row by row, their first steps in one statement (at 1M × 10,000,
            // 834,040 matches took 39 s as four statements a match).
            let expires = proposalExpiry(now)
            try Self.insertRows(db, Self.newMatchTable, Self.newMatchRow, matches) { m in
                Self.newMatchValues(creator: m.creator, campaign: m.campaign, source: "batch", runID: run.id, score: m.score,
                                    weekStart: week.start, at: now, expiresAt: expires)
            }
            try db.execute("""
                INSERT INTO match_events (match_id, seq, from_state, to_state, at, actor, note)
                SELECT id, 1, NULL, 'proposed', ?, 'batch', ? FROM matches WHERE run_id = ? ORDER BY id
                """, [.integer(UpsertSQL.seconds(now)), .text("batch run \(run.id)"), .integer(run.id)])
            try Self.insertRows(db, "batch_campaigns (run_id, campaign_id, slots, filled, candidates, bound)", "(?, ?, ?, ?, ?, ?)", result.fills) { f in
                [.integer(run.id), .text(f.campaign), .integer(Int64(f.slots)), .integer(Int64(f.filled)), .integer(Int64(f.candidates)), .text(f.bound)]
            }
            return BatchOutcome(run: run, matches: matches, fills: result.fills, reused: false, dryRun: false, plan: plan)
        }
    }

    /// The quota week (P-WEEK) an ISO week label (`2026-W48`) names.
    /// - Throws: `DomainError.invalidInput` on `week` for anything else.
    public func isoWeek(_ label: String) throws -> QuotaWeek {
        guard let week = WeeklyBatch.week(label, timeZone: config.timeZone) else {
            throw DomainError.invalid("--week: '\(label)' is not an ISO week such as 2026-W48", .member("week"), rule: "M-WEEKLY")
        }
        return week
    }

    public func batchRuns() throws -> [BatchRun] {
        try sqlRead { db in try db.rows("SELECT * FROM batch_runs ORDER BY id", []).map { try Self.batchRun($0) } }
    }

    /// Inserts `items` into `table` (`name (columns)`), each bound as `values` gives (`row`: one placeholder group):
    /// on SQLite one prepared statement stepped per row through SQLite's own calls, on PostgreSQL up to 500 rows a
    /// statement (one round trip each).
    ///
    /// Binding through GRDB's statement arguments cost more than SQLite's own work: at 1M × 10,000 the 834,040
    /// proposals' three tables took about 13 s that way, against 7.5 s for the same inserts in the `sqlite3` shell
    /// (Benchmarks/README.md, "Session of 2026-12-04 (third)").
    static func insertRows<Item>(_ db: any SQLSession, _ table: String, _ row: String, _ items: [Item], _ values: (Item) -> [SQLValue]) throws {
        if let sqlite = (db as? SQLiteSession)?.db {
            let statement = try sqlite.cachedStatement(sql: "INSERT INTO \(table) VALUES \(row)")
            for item in items { try Self.run(sqlite, statement, values(item)) }
            return
        }
        let chunk = 500
        for start in stride(from: 0, to: items.count, by: chunk) {
            let part = items[start..<min(start + chunk, items.count)]
            try db.execute("INSERT INTO \(table) VALUES " + Array(repeating: row, count: part.count).joined(separator: ", "), part.flatMap(values))
        }
    }

    /// A run with its matches and per-campaign fills.
    public func batchRun(_ id: Int64) throws -> (BatchRun, [BatchMatch], [WeeklyBatch.CampaignFill])? {
        try sqlRead { db in
            guard let row = try db.row("SELECT * FROM batch_runs WHERE id = ?", [.integer(id)]) else { return nil }
            return (try Self.batchRun(row), try Self.batchMatches(db, id), try Self.batchFills(db, id))
        }
    }

    /// A stored run, strictly (`StrictRow`).
    static func batchRun<R: StoredRow>(_ row: R) throws -> BatchRun {
        let id = row.get("id", as: Int64.self) ?? 0
        let strict = StrictRow(row, table: "batch_runs", id: String(id))
        var certificate: WeeklyBatch.Certificate?
        if let text = row.get("certificate", as: String.self) {
            do {
                certificate = try JSONDecoder().decode(WeeklyBatch.Certificate.self, from: Data(text.utf8))
            } catch {
                throw strict.damaged("certificate", "not a certificate")
            }
        }
        func value<T: SQLValueConvertible>(_ column: String, _: T.Type = T.self) throws -> T {
            guard let value = row.get(column, as: T.self) else { throw strict.damaged(column, "'\(row.storedValue(column))' is not a \(T.self)") }
            return value
        }
        guard let superseded = row.get("superseded_by", as: Int64?.self) else { throw strict.damaged("superseded_by", "not a run id") }
        return try BatchRun(
            id: value("id"), week: value("week"), inputsHash: value("inputs_hash"), profile: value("profile"), objective: value("objective"),
            assignments: value("assignments"), creatorsUsed: value("creators_used"), campaigns: value("campaigns"), candidates: value("candidates"),
            durationMs: value("duration_ms"), createdAt: strict.instant("created_at"), supersededBy: superseded, certificate: certificate)
    }

    static func batchMatches(_ db: any SQLSession, _ id: Int64) throws -> [BatchMatch] {
        try db.rows("SELECT creator_id, campaign_id, score, state FROM batch_matches WHERE run_id = ? ORDER BY creator_id, campaign_id", [.integer(id)]).map { row in
            guard let creator = row.get(0, as: String.self), let campaign = row.get(1, as: String.self), let score = row.get(2, as: Double.self),
                  let state = row.get(3, as: String.self) else {
                throw DamagedRow(table: "batch_matches", id: "run \(id)", column: "score", reason: "not a proposal")
            }
            return BatchMatch(creator: creator, campaign: campaign, score: score, state: state)
        }
    }
    static func batchMatches(_ db: Database, _ id: Int64) throws -> [BatchMatch] { try batchMatches(SQLiteSession(db), id) }

    static func batchFills(_ db: any SQLSession, _ id: Int64) throws -> [WeeklyBatch.CampaignFill] {
        try db.rows("SELECT campaign_id, slots, filled, candidates, bound FROM batch_campaigns WHERE run_id = ? ORDER BY campaign_id", [.integer(id)]).map { row in
            guard let campaign = row.get(0, as: String.self), let slots = row.get(1, as: Int.self), let filled = row.get(2, as: Int.self),
                  let candidates = row.get(3, as: Int.self), let bound = row.get(4, as: String.self) else {
                throw DamagedRow(table: "batch_campaigns", id: "run \(id)", column: "filled", reason: "not a fill")
            }
            return WeeklyBatch.CampaignFill(campaign: campaign, slots: slots, filled: filled, candidates: candidates, bound: bound)
        }
    }
    static func batchFills(_ db: Database, _ id: Int64) throws -> [WeeklyBatch.CampaignFill] { try batchFills(SQLiteSession(db), id) }
}
