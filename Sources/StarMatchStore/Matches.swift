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
        try sqlWrite { db in try Self.expireDue(db, at: now) }
    }

    /// The lapses due by `now`, stored by the write that runs at `now` (a step, a new match, a batch run).
    static func expireDue(_ db: any SQLSession, at now: Date) throws -> Int {
        let due = try db.rows("SELECT id, expires_at FROM matches WHERE state = 'proposed' AND expires_at <= ?", [.integer(UpsertSQL.seconds(now))])
        for row in due {
            let strict = StrictRow(row, table: "matches", id: row.get(0, as: Int64.self).map { String($0) } ?? "?")
            try setState(db, id: try strict.int64(at: 0), from: .proposed, to: .expired, at: try strict.instant("expires_at"), actor: "system", note: lapseNote)
        }
        return due.count
    }
    static func expireDue(_ db: Database, at now: Date) throws -> Int { try expireDue(SQLiteSession(db), at: now) }

    static func setState(_ db: any SQLSession, id: Int64, from: MatchState?, to: MatchState, at: Date, actor: String, note: String?) throws {
        try db.execute("UPDATE matches SET state = ?, updated_at = ? WHERE id = ?", [.text(to.rawValue), .integer(UpsertSQL.seconds(at)), .integer(id)])
        let seq = (try db.value("SELECT COALESCE(MAX(seq), 0) FROM match_events WHERE match_id = ?", [.integer(id)], as: Int64.self) ?? 0) + 1
        try db.execute("INSERT INTO match_events (match_id, seq, from_state, to_state, at, actor, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.integer(id), .integer(seq), from?.rawValue.sqlValue ?? .null, .text(to.rawValue), .integer(UpsertSQL.seconds(at)), .text(actor), note.sqlValue])
    }
    static func setState(_ db: Database, id: Int64, from: MatchState?, to: MatchState, at: Date, actor: String, note: String?) throws {
        try setState(SQLiteSession(db), id: id, from: from, to: to, at: at, actor: actor, note: note)
    }

    /// A new match's row — proposed, made and last updated at `now` — as `insertMatch` writes it, and a stored
    /// batch run for each of its pairs (`newMatchTable`, one `newMatchRow` placeholder group, `newMatchValues`).
    static let newMatchTable = "matches (creator_id, campaign_id, state, source, run_id, score, week_start, created_at, expires_at, updated_at)"
    static let newMatchRow = "(?, ?, 'proposed', ?, ?, ?, ?, ?, ?, ?)"
    static func newMatchValues(creator: String, campaign: String, source: String, runID: Int64?, score: Double?,
                               weekStart: Date, at now: Date, expiresAt: Date) -> [SQLValue] {
        [.text(creator), .text(campaign), .text(source), runID.sqlValue, score.sqlValue, .integer(UpsertSQL.seconds(weekStart)),
         .integer(UpsertSQL.seconds(now)), .integer(UpsertSQL.seconds(expiresAt)), .integer(UpsertSQL.seconds(now))]
    }

    static func insertMatch(_ db: any SQLSession, creator: String, campaign: String, source: String, runID: Int64?, score: Double?,
                            weekStart: Date, at now: Date, expiresAt: Date, actor: String) throws -> Int64 {
        guard let id = try db.value("INSERT INTO \(newMatchTable) VALUES \(newMatchRow) RETURNING id",
                                    newMatchValues(creator: creator, campaign: campaign, source: source, runID: runID, score: score,
                                                   weekStart: weekStart, at: now, expiresAt: expiresAt), as: Int64.self)
        else { throw DomainError(.failed, "the new match got no id") }
        try setState(db, id: id, from: nil, to: .proposed, at: now, actor: actor, note: runID.map { "batch run \($0)" })
        return id
    }
    static func insertMatch(_ db: Database, creator: String, campaign: String, source: String, runID: Int64?, score: Double?,
                            weekStart: Date, at now: Date, expiresAt: Date, actor: String) throws -> Int64 {
        try insertMatch(SQLiteSession(db), creator: creator, campaign: campaign, source: source, runID: runID, score: score,
                        weekStart: weekStart, at: now, expiresAt: expiresAt, actor: actor)
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
        let id: Int64 = try sqlWrite { db in
            _ = try Self.expireDue(db, at: now)
            if let closed = try db.row("""
                SELECT m.id, e.to_state FROM matches m JOIN match_events e ON e.match_id = m.id
                WHERE m.creator_id = ? AND m.campaign_id = ? AND \(Self.closingEvent) ORDER BY m.id LIMIT 1
                """, [.text(creator.rawValue), .text(campaign.rawValue)]) {
                throw DomainError.refused(rules: ["M-ONCE"],
                    "\(creator) and \(campaign) are done for good: match \(closed[0]) was \(closed[1]) (one free sample per creator and campaign; a pair declined, or cancelled by a person, is not proposed again)",
                    field: "creator")
            }
            // One live match per pair: this week's proposal or commitment, or one still open from an earlier week
            // (a proposal not lapsed — `expireDue` ran above — or a match accepted and not finished).
            if let existing = try db.row("""
                SELECT id, state, CASE WHEN week_start = ?3 THEN 1 ELSE 0 END AS this_week FROM matches WHERE creator_id = ?1 AND campaign_id = ?2
                AND (state IN (\(MatchState.sqlList(where: \.isOpen))) OR (week_start = ?3 AND state IN (\(MatchState.sqlList(where: { $0 == .proposed || $0.isCommitted })))))
                ORDER BY id LIMIT 1
                """, [.text(creator.rawValue), .text(campaign.rawValue), .integer(UpsertSQL.seconds(week.start))]) {
                throw DomainError.refused(rules: ["M-WEEKLY"],
                    "\(creator) already has match \(existing["id"]) (\(existing["state"])) for \(campaign)"
                        + ((existing.get("this_week", as: Bool.self) ?? false) ? " this week" : ", still open"), field: "creator")
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
        try sqlWrite { db in
            _ = try Self.expireDue(db, at: now)
            guard let row = try db.row("""
                SELECT m.state, m.campaign_id, k.kind, k.ends_at FROM matches m JOIN campaigns k ON k.id = m.campaign_id WHERE m.id = ?
                """, [.integer(id)]) else { throw DomainError.notFound("unknown match \(id)") }
            let current = try StrictRow(row, table: "matches", id: String(id)).value("state", as: MatchState.self)
            let campaignID = row.get("campaign_id", as: String.self) ?? "?"
            let endsAt = try StrictRow(row, table: "campaigns", id: campaignID).instant("ends_at")
            if MatchLifecycle.needsRunningCampaign(action), now >= endsAt {
                throw DomainError.refused(rules: ["M-STEPS", "K-OPEN"], """
                    cannot \(action.verb) match \(id): its campaign \(campaignID) ended at \(Timestamp.format(endsAt)) \
                    (a match moves forward only while its campaign runs; it can still be declined or cancelled)
                    """)
            }
            // M-STEPS: a step never comes before the match's previous one (its history stays in time order).
            if let last = try db.value("SELECT MAX(at) FROM match_events WHERE match_id = ?", [.integer(id)], as: Int64.self),
               UpsertSQL.seconds(now) < last {
                throw DomainError.refused(rules: ["M-STEPS"], """
                    cannot \(action.verb) match \(id) at \(Timestamp.format(now)): its previous step was at \
                    \(Timestamp.format(Date(timeIntervalSince1970: TimeInterval(last)))) (a step never comes before the previous one)
                    """)
            }
            let next = try MatchLifecycle.next(current, action, sample: row.get("kind", as: String.self) == Campaign.Kind.sample.rawValue, match: id)
            try Self.setState(db, id: id, from: current, to: next, at: now, actor: actor, note: note)
            // Shipping and posting move M-FULFIL, which scoring reads: the creator's record follows.
            if next == .sampleShipped || next == .contentPosted {
                var change = ScoringChange()
                if let creator = try db.value("SELECT creator_id FROM matches WHERE id = ?", [.integer(id)], as: String.self) { change.touch(creator) }
                try dataChanged(db, change)
            }
        }
        return try match(id, at: now)!.match
    }

    /// A match with its history, oldest step first, as it shows at `instant`: the steps up to the instant (`nil` for a
    /// match made later); a lapsed proposal whose expiry is not stored yet shows as `expired` with that step (dated at
    /// its expiry) at the end of its history.
    public func match(_ id: Int64, at instant: Date) throws -> (match: Match, history: [MatchEvent])? {
        try sqlRead { db in
            guard let row = try db.row("SELECT \(Self.matchColumns) FROM matches m JOIN campaigns k ON k.id = m.campaign_id WHERE m.id = ?",
                [.integer(id)]) else { return nil }
            // The history up to the instant: the match as it stood then (none yet: it did not exist).
            let history = try db.rows("SELECT * FROM match_events WHERE match_id = ? AND at <= ? ORDER BY seq",
                                      [.integer(id), .integer(UpsertSQL.seconds(instant))]).map {
                let event = StrictRow($0, table: "match_events", id: "match \(id) step \($0.get("seq", as: Int64.self) ?? 0)")
                return MatchEvent(from: try event.optionalValue("from_state", as: MatchState.self), to: try event.value("to_state", as: MatchState.self),
                    at: try event.instant("at"), actor: $0.get("actor", as: String.self) ?? "", note: $0.get("note", as: String.self))
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
        // Each match as it stood at the instant: its last step at or before it (the history is append-only and in
        // time order, M-STEPS); a match made later did not exist yet and is left out. Only the filters given are
        // written, each with its own argument.
        let at = SQLValue.integer(UpsertSQL.seconds(instant))
        var inner: [String] = []
        var arguments: [SQLValue] = [at]
        for (column, value) in [("m.creator_id", filter.creator?.rawValue), ("m.campaign_id", filter.campaign?.rawValue), ("k.shop_id", filter.shop?.rawValue)] {
            guard let value else { continue }
            inner.append("\(column) = ?")
            arguments.append(.text(value))
        }
        if let after = filter.after { inner.append("m.id > ?"); arguments.append(.integer(after)) }
        var outer = ["state_at IS NOT NULL"]
        switch filter.state {
        case nil: break
        case .expired?: outer.append("(state_at = 'expired' OR (state_at = 'proposed' AND expires_at <= ?))"); arguments.append(at)
        case .proposed?: outer.append("(state_at = 'proposed' AND expires_at > ?)"); arguments.append(at)
        case let state?: outer.append("state_at = ?"); arguments.append(.text(state.rawValue))
        }
        arguments.append(.integer(Int64(filter.limit)))
        return try sqlRead { db in
            try db.rows("""
                SELECT * FROM (
                  SELECT \(Self.matchColumns),
                         (SELECT e.to_state FROM match_events e WHERE e.match_id = m.id AND e.at <= ? ORDER BY e.seq DESC LIMIT 1) AS state_at
                  FROM matches m JOIN campaigns k ON k.id = m.campaign_id
                  \(inner.isEmpty ? "" : "WHERE " + inner.joined(separator: " AND "))
                ) AS shown
                WHERE \(outer.joined(separator: " AND "))
                ORDER BY id LIMIT ?
                """, arguments).map { try Self.match($0, at: instant) }
        }
    }

    /// The week's committed matches (accepted or further), for the batch (M-WEEKLY).
    static func commitments(_ db: any SQLSession, weekStart: Date) throws -> WeeklyBatch.Commitments {
        var commitments = WeeklyBatch.Commitments()
        for row in try db.rows("""
            SELECT creator_id, campaign_id FROM matches WHERE week_start = ? AND state IN (\(MatchState.sqlList(where: \.isCommitted)))
            """, [.integer(UpsertSQL.seconds(weekStart))]) {
            commitments.add(creator: CreatorID(row.get(0, as: String.self) ?? ""), campaign: CampaignID(row.get(1, as: String.self) ?? ""))
        }
        for row in try db.rows(Self.closedPairsSQL, []) {
            commitments.close(creator: CreatorID(row.get(0, as: String.self) ?? ""), campaign: CampaignID(row.get(1, as: String.self) ?? ""))
        }
        return commitments
    }
    static func commitments(_ db: Database, weekStart: Date) throws -> WeeklyBatch.Commitments { try commitments(SQLiteSession(db), weekStart: weekStart) }

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
    static func match<R: StoredRow>(_ row: R, at instant: Date) throws -> Match {
        var match = try match(row)
        match.state = try StrictRow(row, table: "match_events", id: "match \(match.id)").value("state_at", as: MatchState.self)
        return match.shown(at: instant)
    }

    static func match<R: StoredRow>(_ row: R) throws -> Match {
        let id = row.get("id", as: Int64.self) ?? 0
        let strict = StrictRow(row, table: "matches", id: String(id))
        func text(_ column: String) throws -> String {
            guard let value = row.get(column, as: String.self) else { throw strict.damaged(column, "not text") }
            return value
        }
        return Match(id: id, creator: try text("creator_id"), campaign: try text("campaign_id"), shop: try text("shop_id"),
            state: try strict.value("state", as: MatchState.self), source: try text("source"), runID: row.get("run_id", as: Int64.self),
            score: row.get("score", as: Double.self),
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
