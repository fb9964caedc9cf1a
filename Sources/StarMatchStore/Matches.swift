public import Foundation
import GRDB
public import StarMatchCore

/// A match between a creator and a campaign (issue 6), from a batch run or made by hand.
public struct Match: Sendable, Codable, Equatable {
    public var id: Int64
    public var creator: String
    public var campaign: String
    public var shop: String
    public var state: MatchState
    /// `batch` or `manual`.
    public var source: String
    public var runID: Int64?
    public var score: Double?
    /// The quota week (P-WEEK) the match counts against.
    public var weekStart: Date
    public var createdAt: Date
    /// When a proposal lapses if nobody accepts or declines it.
    public var expiresAt: Date
    public var updatedAt: Date
}

/// One step of a match's append-only history.
public struct MatchEvent: Sendable, Codable, Equatable {
    public var from: MatchState?
    public var to: MatchState
    public var at: Date
    public var actor: String
    public var note: String?
}

/// Which matches to list.
public struct MatchFilter: Sendable {
    public var creator: CreatorID?
    public var campaign: CampaignID?
    public var shop: ShopID?
    public var state: MatchState?
    public var limit: Int
    /// Keyset pagination: ids after this one.
    public var after: Int64?

    public init(creator: CreatorID? = nil, campaign: CampaignID? = nil, shop: ShopID? = nil, state: MatchState? = nil, limit: Int = 100, after: Int64? = nil) {
        self.creator = creator
        self.campaign = campaign
        self.shop = shop
        self.state = state
        self.limit = limit
        self.after = after
    }
}

extension Match {
    /// The match as it shows at `instant`: a proposal past its window is `expired`, from the instant it lapsed
    /// (`MatchLifecycle.state`), whether or not that step is stored yet.
    public func shown(at instant: Date) -> Match {
        let state = MatchLifecycle.state(self.state, expiresAt: expiresAt, at: instant)
        guard state != self.state else { return self }
        var shown = self
        shown.state = state
        shown.updatedAt = expiresAt
        return shown
    }
}

extension StarMatchStore {
    static let matchColumns = "m.*, k.shop_id AS shop_id"

    /// Stores the lapse of every proposal whose decision window has passed by `now` (the real clock: the expiry
    /// service of `serve`), each dated at its own expiry, actor `system`; returns how many. Reads never call
    /// this: they derive the lapse (`Match.shown(at:)`).
    @discardableResult
    public func storeLapsedProposals(now: Date) throws -> Int {
        try writer.write { db in try Self.expireDue(db, at: now) }
    }

    /// The lapses due by `now`, stored by the write that runs at `now` (a step, a new match, a batch run).
    static func expireDue(_ db: Database, at now: Date) throws -> Int {
        let due = try Row.fetchAll(db, sql: "SELECT id, expires_at FROM matches WHERE state = 'proposed' AND expires_at <= ?",
            arguments: [UpsertSQL.seconds(now)])
        for row in due {
            try setState(db, id: row["id"], from: .proposed, to: .expired, at: date(row, "expires_at"), actor: "system", note: lapseNote)
        }
        return due.count
    }

    static func setState(_ db: Database, id: Int64, from: MatchState?, to: MatchState, at: Date, actor: String, note: String?) throws {
        try db.execute(sql: "UPDATE matches SET state = ?, updated_at = ? WHERE id = ?", arguments: [to.rawValue, UpsertSQL.seconds(at), id])
        let seq = (try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM match_events WHERE match_id = ?", arguments: [id]) ?? 0) + 1
        try db.execute(sql: "INSERT INTO match_events (match_id, seq, from_state, to_state, at, actor, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            arguments: [id, seq, from?.rawValue, to.rawValue, UpsertSQL.seconds(at), actor, note])
    }

    static func insertMatch(_ db: Database, creator: String, campaign: String, source: String, runID: Int64?, score: Double?,
                            weekStart: Date, at now: Date, expiresAt: Date, actor: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO matches (creator_id, campaign_id, state, source, run_id, score, week_start, created_at, expires_at, updated_at)
            VALUES (?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [creator, campaign, source, runID, score, UpsertSQL.seconds(weekStart), UpsertSQL.seconds(now),
                             UpsertSQL.seconds(expiresAt), UpsertSQL.seconds(now)])
        let id = db.lastInsertedRowID
        try setState(db, id: id, from: nil, to: .proposed, at: now, actor: actor, note: runID.map { "batch run \($0)" })
        return id
    }

    /// When a proposal made at `now` lapses.
    func proposalExpiry(_ now: Date) -> Date { now.addingTimeInterval(Double(config.matchProposalDays) * 86_400) }

    /// A manager's match by hand: refused unless the creator is eligible for the campaign now (M-ELIGIBLE,
    /// naming every refusing rule), the pair is not closed for good (M-ONCE) and it has no open or committed
    /// match this week.
    /// - Throws: `DomainError`: `notFound` for an unknown creator or campaign, `refused` (M-ELIGIBLE, M-ONCE,
    ///   M-WEEKLY).
    public func createMatch(creator: CreatorID, campaign: CampaignID, actor: String, at now: Date) throws -> Match {
        guard let c = try self.creator(creator) else { throw DomainError.notFound("unknown creator '\(creator)'") }
        // `eligibility` refuses an unknown campaign as not found.
        let (report, _) = try eligibility(of: c, campaign: campaign, at: now)
        guard report.isEligible else {
            throw DomainError.refused(rules: ["M-ELIGIBLE"] + report.refusals.map(\.rule.rawValue),
                report.refusals.map(\.message).joined(separator: "; "), field: "creator")
        }
        let week = QuotaWeek(containing: now, timeZone: config.timeZone)
        let id: Int64 = try writer.write { db in
            _ = try Self.expireDue(db, at: now)
            if let closed = try Row.fetchOne(db, sql: """
                SELECT m.id, e.to_state FROM matches m JOIN match_events e ON e.match_id = m.id
                WHERE m.creator_id = ? AND m.campaign_id = ? AND \(Self.closingEvent) ORDER BY m.id LIMIT 1
                """, arguments: [creator.rawValue, campaign.rawValue]) {
                throw DomainError.refused(rules: ["M-ONCE"],
                    "\(creator) and \(campaign) are done for good: match \(closed[0] as Int64) was \(closed[1] as String) (one free sample per creator and campaign; a pair declined, or cancelled by a person, is not proposed again)",
                    field: "creator")
            }
            // One live match per pair: this week's proposal or commitment, or one still open from an earlier week
            // (a proposal not lapsed — `expireDue` ran above — or a match accepted and not finished).
            if let existing = try Row.fetchOne(db, sql: """
                SELECT id, state, week_start = ?3 AS this_week FROM matches WHERE creator_id = ?1 AND campaign_id = ?2
                AND (state IN (\(MatchState.sqlList(where: \.isOpen))) OR (week_start = ?3 AND state IN (\(MatchState.sqlList(where: { $0 == .proposed || $0.isCommitted })))))
                ORDER BY id LIMIT 1
                """, arguments: [creator.rawValue, campaign.rawValue, UpsertSQL.seconds(week.start)]) {
                throw DomainError.refused(rules: ["M-WEEKLY"],
                    "\(creator) already has match \(existing["id"] as Int64) (\(existing["state"] as String)) for \(campaign)"
                        + ((existing["this_week"] as Bool) ? " this week" : ", still open"), field: "creator")
            }
            return try Self.insertMatch(db, creator: creator.rawValue, campaign: campaign.rawValue, source: "manual", runID: nil, score: nil,
                weekStart: week.start, at: now, expiresAt: proposalExpiry(now), actor: actor)
        }
        return try match(id, at: now)!.match
    }

    /// Moves a match on (accept, decline, ship, posted, complete, cancel), recording who and when. A proposal
    /// past its window is expired first (dated at its expiry), so accepting it is refused.
    /// - Throws: `DomainError`: `illegalTransition` naming the current state, `notFound` for an unknown match.
    @discardableResult
    public func transition(match id: Int64, _ action: MatchAction, actor: String, note: String? = nil, at now: Date) throws -> Match {
        try writer.write { db in
            _ = try Self.expireDue(db, at: now)
            guard let row = try Row.fetchOne(db, sql: """
                SELECT m.state, m.campaign_id, k.kind, k.ends_at FROM matches m JOIN campaigns k ON k.id = m.campaign_id WHERE m.id = ?
                """, arguments: [id]) else { throw DomainError.notFound("unknown match \(id)") }
            let current = try StrictRow(row, table: "matches", id: String(id)).value("state", as: MatchState.self)
            let endsAt = try StrictRow(row, table: "campaigns", id: row["campaign_id"] as String).instant("ends_at")
            if MatchLifecycle.needsRunningCampaign(action), now >= endsAt {
                throw DomainError.refused(rules: ["M-STEPS", "K-OPEN"], """
                    cannot \(action.verb) match \(id): its campaign \(row["campaign_id"] as String) ended at \(Timestamp.format(endsAt)) \
                    (a match moves forward only while its campaign runs; it can still be declined or cancelled)
                    """)
            }
            // M-STEPS: a step never comes before the match's previous one (its history stays in time order).
            if let last = try Int64.fetchOne(db, sql: "SELECT MAX(at) FROM match_events WHERE match_id = ?", arguments: [id]),
               UpsertSQL.seconds(now) < last {
                throw DomainError.refused(rules: ["M-STEPS"], """
                    cannot \(action.verb) match \(id) at \(Timestamp.format(now)): its previous step was at \
                    \(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(last)))) (a step never comes before the previous one)
                    """)
            }
            let next = try MatchLifecycle.next(current, action, sample: (row["kind"] as String) == Campaign.Kind.sample.rawValue, match: id)
            try Self.setState(db, id: id, from: current, to: next, at: now, actor: actor, note: note)
            // Shipping and posting move M-FULFIL, which scoring reads: the creator's record follows.
            if next == .sampleShipped || next == .contentPosted {
                var change = ScoringChange()
                if let creator = try String.fetchOne(db, sql: "SELECT creator_id FROM matches WHERE id = ?", arguments: [id]) { change.touch(creator) }
                try dataChanged(SQLiteSession(db), change)
            }
        }
        return try match(id, at: now)!.match
    }

    /// A match with its history, oldest step first, as it shows at `instant`: the steps up to the instant (`nil` for a
    /// match made later); a lapsed proposal whose expiry is not stored yet shows as `expired` with that step (dated at
    /// its expiry) at the end of its history.
    public func match(_ id: Int64, at instant: Date) throws -> (match: Match, history: [MatchEvent])? {
        try writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.matchColumns) FROM matches m JOIN campaigns k ON k.id = m.campaign_id WHERE m.id = ?",
                arguments: [id]) else { return nil }
            // The history up to the instant: the match as it stood then (none yet: it did not exist).
            let history = try Row.fetchAll(db, sql: "SELECT * FROM match_events WHERE match_id = ? AND at <= ? ORDER BY seq",
                                           arguments: [id, UpsertSQL.seconds(instant)]).map {
                let event = StrictRow($0, table: "match_events", id: "match \(id) step \($0["seq"] as Int64? ?? 0)")
                return MatchEvent(from: try event.optionalValue("from_state", as: MatchState.self), to: try event.value("to_state", as: MatchState.self),
                    at: try event.instant("at"), actor: $0["actor"], note: $0["note"])
            }
            guard let last = history.last else { return nil }
            var stored = try Self.match(row)
            stored.state = last.to
            stored.updatedAt = last.at
            let shown = stored.shown(at: instant)
            guard shown.state != stored.state else { return (stored, history) }
            return (shown, history + [MatchEvent(from: stored.state, to: shown.state, at: stored.expiresAt, actor: "system", note: Self.lapseNote)])
        }
    }

    static let lapseNote = "no decision within the proposal window"

    /// Matches by id, filtered, as they show at `instant` (`Match.shown(at:)`; the state filter sees the shown state).
    public func matches(_ filter: MatchFilter, at instant: Date) throws -> [Match] {
        // The state filter on the shown state: `expired` takes in lapsed proposals, `proposed` leaves them out.
        // `MatchStoreTests` holds this against `MatchLifecycle.state` for every state.
        let stateCondition: String
        switch filter.state {
        case nil: stateCondition = "1"
        case .expired?: stateCondition = "(state_at = 'expired' OR (state_at = 'proposed' AND expires_at <= ?7))"
        case .proposed?: stateCondition = "(state_at = 'proposed' AND expires_at > ?7)"
        case .some: stateCondition = "state_at = ?4"
        }
        // Each match as it stood at the instant: its last step at or before it (the history is append-only and in
        // time order, M-STEPS); a match made later did not exist yet and is left out.
        return try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM (
                  SELECT \(Self.matchColumns),
                         (SELECT e.to_state FROM match_events e WHERE e.match_id = m.id AND e.at <= ?7 ORDER BY e.seq DESC LIMIT 1) AS state_at
                  FROM matches m JOIN campaigns k ON k.id = m.campaign_id
                  WHERE (?1 IS NULL OR m.creator_id = ?1) AND (?2 IS NULL OR m.campaign_id = ?2) AND (?3 IS NULL OR k.shop_id = ?3)
                    AND (?5 IS NULL OR m.id > ?5)
                )
                WHERE state_at IS NOT NULL AND \(stateCondition)
                  AND (?4 IS NULL OR ?7 IS NOT NULL) -- every argument is bound whichever state condition applies
                ORDER BY id LIMIT ?6
                """, arguments: [filter.creator?.rawValue, filter.campaign?.rawValue, filter.shop?.rawValue, filter.state?.rawValue,
                                 filter.after, filter.limit, UpsertSQL.seconds(instant)]).map { try Self.match($0, at: instant) }
        }
    }

    /// The week's committed matches (accepted or further), for the batch (M-WEEKLY).
    static func commitments(_ db: Database, weekStart: Date) throws -> WeeklyBatch.Commitments {
        var commitments = WeeklyBatch.Commitments()
        for row in try Row.fetchAll(db, sql: """
            SELECT creator_id, campaign_id FROM matches WHERE week_start = ? AND state IN (\(MatchState.sqlList(where: \.isCommitted)))
            """, arguments: [UpsertSQL.seconds(weekStart)]) {
            commitments.add(creator: CreatorID(row["creator_id"] as String), campaign: CampaignID(row["campaign_id"] as String))
        }
        for row in try Row.fetchAll(db, sql: Self.closedPairsSQL) {
            commitments.close(creator: CreatorID(row["creator_id"] as String), campaign: CampaignID(row["campaign_id"] as String))
        }
        return commitments
    }

    /// M-ONCE: the (creator, campaign) pairs never proposed again, in any week — a match that reached
    /// `sampleShipped` (one free sample per creator and campaign), a declined proposal, a match cancelled by a
    /// person (not the batch replacing its own proposals with a newer run's). From the append-only history.
    static let closedPairsSQL = "SELECT DISTINCT m.creator_id, m.campaign_id FROM matches m JOIN match_events e ON e.match_id = m.id WHERE \(closingEvent)"
    /// The events (`e`, of `match_events`) that close their match's pair for good (M-ONCE).
    static let closingEvent = """
        (e.to_state IN ('\(MatchState.sampleShipped.rawValue)', '\(MatchState.declined.rawValue)')
         OR (e.to_state = '\(MatchState.cancelled.rawValue)' AND NOT (e.actor = 'batch' AND e.note LIKE 'superseded by batch run%')))
        """

    /// A stored match, strictly (`StrictRow`).
    /// A match row read with its `state_at` (the state of its last step at or before `instant`), as it shows then.
    static func match(_ row: Row, at instant: Date) throws -> Match {
        var match = try match(row)
        let id: Int64 = row["id"]
        match.state = try StrictRow(row, table: "match_events", id: "match \(id)").value("state_at", as: MatchState.self)
        return match.shown(at: instant)
    }

    static func match(_ row: Row) throws -> Match {
        let id: Int64 = row["id"]
        let strict = StrictRow(row, table: "matches", id: String(id))
        return Match(id: id, creator: row["creator_id"], campaign: row["campaign_id"], shop: row["shop_id"],
            state: try strict.value("state", as: MatchState.self), source: row["source"], runID: row["run_id"], score: row["score"],
            weekStart: try strict.instant("week_start"), createdAt: try strict.instant("created_at"), expiresAt: try strict.instant("expires_at"),
            updatedAt: try strict.instant("updated_at"))
    }
}

extension MatchState {
    /// The states for which `isIncluded` holds, as an SQL list of literals (`'accepted', 'sampleShipped'`), so
    /// queries take which states are open or committed from the core (`isOpen`, `isCommitted`) instead of
    /// repeating them. The literals are the enum's own raw values, never user input.
    static func sqlList(where isIncluded: (MatchState) -> Bool) -> String {
        allCases.filter(isIncluded).map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }
}
