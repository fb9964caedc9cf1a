public import Foundation
public import StarMatchCore
public import StarMatchStore

extension StarMatchUseCases {
    /// What a brand may do to its own campaigns' matches; accepting, declining and posting are the creator's
    /// decisions, recorded by a manager.
    public static let brandActions: Set<MatchAction> = [.ship, .complete, .cancel]

    /// Proposes a match by hand, now. Managers only.
    /// - Throws: `DomainError`: `refused` (M-ELIGIBLE with the refusing rules, M-WEEKLY), `notFound`.
    public func createMatch(creator: CreatorID, campaign: CampaignID, caller: Principal) throws -> Match {
        try caller.requireManager()
        return try store.createMatch(creator: creator, campaign: campaign, actor: caller.actorName, at: clock())
    }

    /// Matches by id as they show at `instant` (a lapsed proposal is `expired`); a brand's only its shop's.
    /// - Throws: `DomainError.notFound` for a `campaign` filter naming one that does not exist or the caller may not
    ///   see, and (managers: a brand never learns which creator ids exist) a `creator` that does not exist — an empty
    ///   list would read as "no matches".
    public func matches(_ filter: MatchFilter, at instant: Date, caller: Principal) throws -> [Match] {
        var filter = filter
        if let campaign = filter.campaign { _ = try visibleCampaign(campaign, caller: caller) }
        if caller.isManager, let creator = filter.creator, try store.creator(creator) == nil {
            throw DomainError.notFound("unknown creator '\(creator)'")
        }
        if !caller.isManager { filter.shop = caller.shop }
        return try store.matches(filter, at: instant)
    }

    /// A match with its history as it shows at `instant`, if the caller may see it.
    public func match(_ id: Int64, at instant: Date, caller: Principal) throws -> (match: Match, history: [MatchEvent]) {
        guard let (match, history) = try store.match(id, at: instant), caller.sees(shop: ShopID(match.shop)) else {
            throw DomainError.notFound("unknown match \(id)")
        }
        return (match, history)
    }

    /// Moves a match on, now; an expired proposal can no longer be accepted (M-STEPS).
    /// - Throws: `DomainError`: `notFound` (unknown or not the caller's), `forbidden` (a brand's creator step),
    ///   `illegalTransition` naming the current state.
    public func transition(match id: Int64, _ action: MatchAction, note: String? = nil, caller: Principal) throws -> Match {
        let now = clock()
        _ = try match(id, at: now, caller: caller)
        guard action != .expire else { throw DomainError.invalid("a match expires by itself when its window passes", .member("action")) }
        guard caller.isManager || Self.brandActions.contains(action) else {
            throw DomainError.forbidden("a brand may ship, complete or cancel its matches; \(action.rawValue) is the creator's decision, recorded by a manager")
        }
        return try store.transition(match: id, action, actor: caller.actorName, note: note, at: now)
    }
}

/// Pairs added and removed between two batch runs.
public struct BatchDiff: Sendable, Encodable {
    public let from: Int64
    public let to: Int64
    public let objectiveDelta: Double
    public let added: [BatchMatch]
    public let removed: [BatchMatch]
    public let kept: Int
    /// The two runs themselves.
    public let fromRun: BatchRun
    public let toRun: BatchRun

    enum CodingKeys: String, CodingKey { case from, to, objectiveDelta, added, removed, kept }
}

/// A stored run with its pairs and per-campaign fill.
public struct BatchRunDetail: Sendable {
    public var run: BatchRun
    public var matches: [BatchMatch]
    public var fills: [WeeklyBatch.CampaignFill]
}

extension StarMatchUseCases {
    /// Runs the weekly batch of an ISO week now (its proposals dated by `clock`). Managers only.
    public func runBatch(week: String, profile: ScoringProfile, dryRun: Bool = false, exhaustive: Bool = false, caller: Principal,
                         progress: ((String, Double) -> Void)? = nil) throws -> BatchOutcome {
        try caller.requireManager()
        let now = clock()
        return try profiles.buildLock.withLock {
            try store.runBatch(week: week, profile: profile, dryRun: dryRun, exhaustive: exhaustive, now: now, progress: progress)
        }
    }

    /// Every stored run. Managers only.
    public func batchRuns(caller: Principal) throws -> [BatchRun] {
        try caller.requireManager()
        return try store.batchRuns()
    }

    /// A stored run. Managers only.
    public func batchRun(_ id: Int64, caller: Principal) throws -> BatchRunDetail {
        try caller.requireManager()
        guard let (run, matches, fills) = try store.batchRun(id) else { throw DomainError.notFound("unknown batch run \(id)") }
        return BatchRunDetail(run: run, matches: matches, fills: fills)
    }

    /// Pairs added and removed between two runs. Managers only.
    public func batchDiff(from: Int64, to: Int64, caller: Principal) throws -> BatchDiff {
        let a = try batchRun(from, caller: caller), b = try batchRun(to, caller: caller)
        let key = { (m: BatchMatch) in "\(m.creator)\u{1F}\(m.campaign)" }
        let before = Set(a.matches.map(key)), after = Set(b.matches.map(key))
        let added = b.matches.filter { !before.contains(key($0)) }
        let removed = a.matches.filter { !after.contains(key($0)) }
        return BatchDiff(from: from, to: to, objectiveDelta: rounded(b.run.objective - a.run.objective),
            added: added, removed: removed, kept: b.matches.count - added.count, fromRun: a.run, toRun: b.run)
    }
}
