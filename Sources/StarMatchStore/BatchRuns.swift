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
        MatchingInstance(creators: capacities.sorted { $0.key < $1.key }.map { .init(id: $0.key.rawValue, capacity: $0.value) },
                         campaigns: campaigns.map { .init(id: $0.id.rawValue, slots: $0.slots) },
                         edges: candidates.map { .init(creator: $0.creator.rawValue, campaign: $0.campaign.rawValue, score: $0.score) })
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
        let started = ContinuousClock.now
        let version = try dataVersion()
        let population = try cachedScoringPopulation(at: week.start, profile: profile, progress: progress)
        progress?("candidates", 0)
        let commitments = try writer.read { db in try Self.commitments(db, weekStart: week.start) }
        let (plan, result, certificate) = WeeklyBatch.optimal(population: population, campaigns: try campaignsWithShops(), week: week,
                                                              profile: profile, committed: commitments, at: now, exhaustive: exhaustive) { round, pairs in
            progress?("round \(round), \(pairs) candidate pairs", 0)
        }
        let elapsed = ContinuousClock.now - started
        let durationMs = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        var run = BatchRun(
            id: 0, week: label, inputsHash: plan.inputsHash, profile: profile.name, objective: result.objective,
            assignments: result.assignments.count, creatorsUsed: result.creatorsUsed, campaigns: plan.campaigns.count,
            candidates: plan.candidates.count, durationMs: durationMs, createdAt: now, supersededBy: nil, certificate: certificate)
        // A dry run stores nothing: its pairs are not proposed ("notStored"), its run has no id (`BatchView`).
        let matches = result.assignments.map {
            BatchMatch(creator: $0.creator.rawValue, campaign: $0.campaign.rawValue, score: $0.score, state: dryRun ? "notStored" : "proposed")
        }
        if dryRun { return BatchOutcome(run: run, matches: matches, fills: result.fills, reused: false, dryRun: true, plan: plan) }
        return try writer.write { db in
            let current = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'data_version'") ?? 0
            guard current == version, try Self.commitments(db, weekStart: week.start) == commitments else {
                throw DomainError.conflict("the data or the week's accepted matches changed while the batch was computed; run it again")
            }
            // Proposals that lapsed by now are stored as expired (at their expiry) before this run cancels the rest.
            _ = try Self.expireDue(db, at: now)
            if let latest = try Row.fetchOne(db, sql: "SELECT * FROM batch_runs WHERE week = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1", arguments: [label]),
                (latest["inputs_hash"] as String) == plan.inputsHash, (latest["profile"] as String) == profile.name
            {
                let existing = try Self.batchRun(latest)
                return BatchOutcome(run: existing, matches: try Self.batchMatches(db, existing.id), fills: try Self.batchFills(db, existing.id), reused: true, dryRun: false, plan: plan)
            }
            try db.execute(sql: """
                INSERT INTO batch_runs (week, week_start, inputs_hash, profile, data_version, objective, assignments, creators_used,
                    campaigns, candidates, duration_ms, created_at, certificate) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [label, UpsertSQL.seconds(week.start), plan.inputsHash, profile.name, version, result.objective,
                    run.assignments, run.creatorsUsed, run.campaigns, run.candidates, durationMs, UpsertSQL.seconds(now),
                    String(decoding: try JSONEncoder().encode(certificate), as: UTF8.self)])
            run.id = db.lastInsertedRowID
            // Earlier proposals of the week that nobody acted on give way to this run.
            try db.execute(sql: """
                UPDATE batch_matches SET state = 'superseded'
                WHERE state = 'proposed' AND run_id IN (SELECT id FROM batch_runs WHERE week = ? AND id != ?)
                """, arguments: [label, run.id])
            try db.execute(sql: "UPDATE batch_runs SET superseded_by = ? WHERE week = ? AND id != ? AND superseded_by IS NULL", arguments: [run.id, label, run.id])
            let insert = try db.makeStatement(sql: "INSERT INTO batch_matches (run_id, creator_id, campaign_id, score, state) VALUES (?, ?, ?, ?, 'proposed')")
            for m in matches { try insert.execute(arguments: [run.id, m.creator, m.campaign, m.score]) }
            // The run's pairs become proposed matches (issue 6); the week's earlier batch proposals nobody acted on
            // are cancelled, with the run that replaced them in their history.
            for row in try Row.fetchAll(db, sql: """
                SELECT id FROM matches WHERE source = 'batch' AND state = 'proposed' AND week_start = ? AND run_id != ?
                """, arguments: [UpsertSQL.seconds(week.start), run.id]) {
                try Self.setState(db, id: row["id"], from: .proposed, to: .cancelled, at: now, actor: "batch", note: "superseded by batch run \(run.id)")
            }
            for m in matches {
                _ = try Self.insertMatch(db, creator: m.creator, campaign: m.campaign, source: "batch", runID: run.id, score: m.score,
                    weekStart: week.start, at: now, expiresAt: proposalExpiry(now), actor: "batch")
            }
            let fill = try db.makeStatement(sql: "INSERT INTO batch_campaigns (run_id, campaign_id, slots, filled, candidates, bound) VALUES (?, ?, ?, ?, ?, ?)")
            for f in result.fills { try fill.execute(arguments: [run.id, f.campaign, f.slots, f.filled, f.candidates, f.bound]) }
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
        try writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM batch_runs ORDER BY id").map(Self.batchRun) }
    }

    /// A run with its matches and per-campaign fills.
    public func batchRun(_ id: Int64) throws -> (BatchRun, [BatchMatch], [WeeklyBatch.CampaignFill])? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM batch_runs WHERE id = ?", arguments: [id]) else { return nil }
            return (try Self.batchRun(row), try Self.batchMatches(db, id), try Self.batchFills(db, id))
        }
    }

    /// A stored run, strictly (`StrictRow`).
    static func batchRun(_ row: Row) throws -> BatchRun {
        var certificate: WeeklyBatch.Certificate?
        if let text = row["certificate"] as String? {
            do {
                certificate = try JSONDecoder().decode(WeeklyBatch.Certificate.self, from: Data(text.utf8))
            } catch {
                throw DamagedRow(table: "batch_runs", id: String(row["id"] as Int64), column: "certificate", reason: "not a certificate")
            }
        }
        return try BatchRun(
            id: row["id"], week: row["week"], inputsHash: row["inputs_hash"], profile: row["profile"], objective: row["objective"],
            assignments: row["assignments"], creatorsUsed: row["creators_used"], campaigns: row["campaigns"], candidates: row["candidates"],
            durationMs: row["duration_ms"], createdAt: StrictRow(row, table: "batch_runs", id: String(row["id"] as Int64)).instant("created_at"), supersededBy: row["superseded_by"],
            certificate: certificate)
    }

    static func batchMatches(_ db: Database, _ id: Int64) throws -> [BatchMatch] {
        try Row.fetchAll(db, sql: "SELECT * FROM batch_matches WHERE run_id = ? ORDER BY creator_id, campaign_id", arguments: [id]).map {
            BatchMatch(creator: $0["creator_id"], campaign: $0["campaign_id"], score: $0["score"], state: $0["state"])
        }
    }

    static func batchFills(_ db: Database, _ id: Int64) throws -> [WeeklyBatch.CampaignFill] {
        try Row.fetchAll(db, sql: "SELECT * FROM batch_campaigns WHERE run_id = ? ORDER BY campaign_id", arguments: [id]).map {
            WeeklyBatch.CampaignFill(campaign: $0["campaign_id"], slots: $0["slots"], filled: $0["filled"], candidates: $0["candidates"], bound: $0["bound"])
        }
    }
}
