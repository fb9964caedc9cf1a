public import Foundation
public import StarMatchCore
public import StarMatchStore

/// A creator's one screen (issue 6): standing, the violations behind its CHR, open matches as they show.
public struct CreatorStatus: Sendable {
    public var creator: Creator
    public var at: Date
    public var standing: CreatorStanding
    /// P-GRADUATE: what is still missing (any one criterion would do); empty once the limits no longer apply.
    public var missing: [String]
    /// H-GOOD.
    public var goodStanding: Bool
    /// CHR around each of the creator's last 24 changes up to `at`, oldest first (`Policy.chrHistory`, H-POINTS).
    public var chrHistory: [CHRPoint]
    /// Violations up to `at` (H-POINTS), with their appeals.
    public var violations: [Violation]
    /// Policy quizzes taken up to `at` (H-POINTS).
    public var quizzes: [PolicyQuiz]
    /// Matches still open at `at` (a lapsed proposal is no longer open).
    public var openMatches: [Match]
}

extension StarMatchUseCases {
    /// A creator with its standing at `instant`. Managers only.
    public func creatorStanding(_ id: CreatorID, at instant: Date, caller: Principal) throws -> (creator: Creator, standing: CreatorStanding) {
        try caller.requireManager()
        let creator = try creator(id)
        return (creator, try store.standing(of: creator, at: instant))
    }

    /// Pilot state and what is missing to graduate, quota, CHR with its history and violations, open matches. Managers only.
    public func creatorStatus(_ id: CreatorID, at instant: Date, caller: Principal) throws -> CreatorStatus {
        let (creator, standing) = try creatorStanding(id, at: instant, caller: caller)
        let facts = try store.facts(for: creator)
        let open = try store.matches(MatchFilter(creator: creator.id, limit: 10_000), at: instant).filter(\.state.isOpen)
        return CreatorStatus(creator: creator, at: instant, standing: standing,
            missing: standing.pilot.limitsApply ? standing.graduation.missing(config) : [],
            goodStanding: standing.chr >= config.chrGoodStanding,
            chrHistory: Policy(config: config).chrHistory(facts, upTo: instant),
            violations: facts.violations.filter { $0.at <= instant }, quizzes: facts.quizzes.filter { $0.at <= instant }, openMatches: open)
    }

    /// P-GRADUATE's last step, now (`clock`): an invited pilot creator passed the quiz and graduates.
    /// - Throws: `DomainError`: `refused` (P-GRADUATE) unless invited, `notFound` for an unknown creator.
    public func recordQuizPassed(_ id: CreatorID, caller: Principal) throws -> CreatorStanding {
        try caller.requireManager()
        return try store.recordQuizPassed(creator: id, at: clock())
    }

    /// H-POINTS: a successful appeal overturns a violation at `at` (default now, `clock`); its points come back from
    /// then. Managers only.
    /// - Throws: `DomainError`: `notFound`, `refused` (H-POINTS: already overturned); `RecordsRejected` (an appeal before
    ///   its violation).
    public func appealViolation(_ id: ViolationID, at: Date? = nil, caller: Principal) throws -> Violation {
        try caller.requireManager()
        let now = clock()
        if let at, at > now {
            throw DomainError.refused(rules: ["H-POINTS"], "an appeal is recorded once decided: \(Timestamp.format(at)) is after now (\(Timestamp.format(now)))", field: "at")
        }
        return try store.appealViolation(id, at: at ?? now)
    }

    /// Estimated against validated commission per creator, campaign, product and currency at `instant` (C-RATE,
    /// C-VALIDATE). Managers only.
    /// - Throws: `DomainError.notFound` naming a creator, campaign or product that does not exist (an empty table would
    ///   read as "nothing earned").
    public func commissions(creator: CreatorID? = nil, campaign: CampaignID? = nil, product: ProductID? = nil, at instant: Date,
                            caller: Principal) throws -> [CommissionLine] {
        try caller.requireManager()
        if let creator, try store.creator(creator) == nil { throw DomainError.notFound("unknown creator '\(creator)'") }
        if let campaign, try store.campaign(campaign) == nil { throw DomainError.notFound("unknown campaign '\(campaign)'") }
        if let product, try store.product(product) == nil { throw DomainError.notFound("unknown product '\(product)'") }
        return try store.commissions(creator: creator, campaign: campaign, product: product, at: instant)
    }

    /// The weekly desk report of an ISO week. Managers only.
    public func deskReport(week: String, profile: ScoringProfile, caller: Principal) throws -> DeskReport {
        try caller.requireManager()
        return try store.deskReport(week: week, profile: profile, now: clock())
    }
}

extension StarMatchUseCases {
    /// A new API key, created now; its secret is returned once. Managers only.
    public func createKey(role: APIRole, shop: ShopID?, label: String?, caller: Principal) throws -> (info: APIKeyInfo, secret: String) {
        try caller.requireManager()
        return try store.createAPIKey(role: role, shop: shop, label: label, at: clock())
    }

    /// Every key, without secrets. Managers only.
    public func keys(caller: Principal) throws -> [APIKeyInfo] {
        try caller.requireManager()
        return try store.apiKeys()
    }

    /// Revokes a key now (a second revoke keeps the first time). Managers only.
    public func revokeKey(_ id: String, caller: Principal) throws -> APIKeyInfo {
        try caller.requireManager()
        return try store.revokeAPIKey(id, at: clock())
    }
}
