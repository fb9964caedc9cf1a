public import Foundation

/// Everything the policy needs to know about a creator besides the creator row itself.
/// A creator's CHR (H-POINTS) at an instant: one point of `Policy.chrHistory`.
public struct CHRPoint: Sendable, Codable, Equatable {
    public var at: Date
    public var chr: Int

    public init(at: Date, chr: Int) {
        self.at = at
        self.chr = chr
    }
}

public struct CreatorFacts: Sendable, Equatable {
    public var violations: [Violation]
    public var contentEvents: [ContentEvent]
    public var sales: [Sale]
    /// Policy quizzes taken (H-POINTS).
    public var quizzes: [PolicyQuiz]
    /// The kept orders of all the creator's sales by the quota week they earn CHR in (`Policy.earnings`).
    public var earnings: [EarningWeek]
    /// How many other accounts on the same identity document registered before this one
    /// (earlier `registeredAt`, ties broken by id). `nil` when the creator has no document.
    public var earlierAccountsOnDocument: Int?

    /// - Parameter sales: for P-GRADUATE; `earnings` are given apart (a scoring record keeps them for every sale).
    public init(violations: [Violation] = [], contentEvents: [ContentEvent] = [], sales: [Sale] = [], quizzes: [PolicyQuiz] = [],
                earnings: [EarningWeek] = [], earlierAccountsOnDocument: Int? = nil) {
        self.violations = violations
        self.contentEvents = contentEvents
        self.sales = sales
        self.quizzes = quizzes
        self.earnings = earnings
        self.earlierAccountsOnDocument = earlierAccountsOnDocument
    }
}

/// Where a creator stands in the pilot program at an instant (P-ENTER … P-STAY).
public enum PilotStatus: Sendable, Equatable {
    /// Never entered the pilot (not an affiliate, or an experienced affiliate).
    case notInPilot
    /// Inside the 30-day pilot (P-ENTER), which ends at the given instant.
    case active(endsAt: Date)
    /// After 30 days, in good standing and meeting a criterion: invited to the quiz (P-GRADUATE).
    case quizInvited
    /// After 30 days without a criterion met, or not in good standing: stays in the pilot (P-STAY).
    case staying
    /// Passed the quiz (P-GRADUATE): no pilot limits.
    case graduated(at: Date)
    /// Reached the follower ceiling (P-FOLLOWERS): no pilot limits.
    case lifted

    /// Whether the pilot limits (P-SHOPS, P-QUOTA, P-CAMPAIGNS) apply.
    public var limitsApply: Bool {
        switch self {
        case .active, .quizInvited, .staying: return true
        case .notInPilot, .graduated, .lifted: return false
        }
    }

    /// A short name for tables and JSON.
    public var name: String {
        switch self {
        case .notInPilot: return "none"
        case .active: return "active"
        case .quizInvited: return "quizInvited"
        case .staying: return "staying"
        case .graduated: return "graduated"
        case .lifted: return "lifted"
        }
    }
}

/// Shoppable content counted against P-QUOTA in one quota week (P-COUNT).
public struct QuotaUsage: Sendable, Equatable {
    public var week: QuotaWeek
    public var videos: Int
    public var lives: Int

    public init(week: QuotaWeek, videos: Int, lives: Int) {
        self.week = week
        self.videos = videos
        self.lives = lives
    }
}

/// Progress towards the P-GRADUATE criteria since the pilot started.
public struct GraduationProgress: Sendable, Equatable {
    /// Shoppable videos of at least the minimum length.
    public var qualifyingVideos: Int
    /// Shoppable LIVEs of at least the minimum length.
    public var qualifyingLives: Int
    /// Orders through the creator's content that were not returned.
    public var orders: Int

    public init(qualifyingVideos: Int, qualifyingLives: Int, orders: Int) {
        self.qualifyingVideos = qualifyingVideos
        self.qualifyingLives = qualifyingLives
        self.orders = orders
    }

    /// What each unmet criterion still needs, e.g. "2 more videos ≥ 8 s" (P-GRADUATE: meeting any one is
    /// enough, so nothing is missing once one is met).
    public func missing(_ config: PolicyConfig) -> [String] {
        guard criteriaMet(config).isEmpty else { return [] }
        var missing: [String] = []
        if qualifyingVideos < config.graduationMinVideos {
            missing.append("\(config.graduationMinVideos - qualifyingVideos) more shoppable videos ≥ \(config.graduationMinVideoSeconds) s")
        }
        if qualifyingLives < config.graduationMinLives {
            missing.append("\(config.graduationMinLives - qualifyingLives) more shoppable LIVEs ≥ \(config.graduationMinLiveSeconds) s")
        }
        if orders < config.graduationMinOrders { missing.append("\(config.graduationMinOrders - orders) more kept orders") }
        return missing
    }

    /// The criteria met, by name.
    public func criteriaMet(_ config: PolicyConfig) -> [String] {
        var met: [String] = []
        if qualifyingVideos >= config.graduationMinVideos { met.append("videos") }
        if qualifyingLives >= config.graduationMinLives { met.append("live") }
        if orders >= config.graduationMinOrders { met.append("orders") }
        return met
    }
}

/// A creator's derived state at an instant: CHR, pilot status, quota use, identity-document rank.
public struct CreatorStanding: Sendable, Equatable {
    /// CHR and how it got there (H-POINTS, H-MILESTONE).
    public var health: CreatorHealth
    public var chr: Int { health.chr }
    /// Points of the violations in effect (not overturned by an appeal).
    public var violationPoints: Int { health.violationPoints }
    public var pilot: PilotStatus
    public var quota: QuotaUsage
    public var graduation: GraduationProgress
    /// 1 for the first account on its identity document, 6 for the sixth; `nil` without a document.
    public var documentRank: Int?

    public init(health: CreatorHealth, pilot: PilotStatus, quota: QuotaUsage, graduation: GraduationProgress, documentRank: Int?) {
        self.health = health
        self.pilot = pilot
        self.quota = quota
        self.graduation = graduation
        self.documentRank = documentRank
    }
}

extension Policy {
    /// P-COUNT: shoppable videos and LIVEs counted in the quota week containing `instant`.
    ///
    /// Each piece of content counts once, at the first event that makes it shoppable: publishing
    /// (private too) or scheduling shoppable content, or adding a product link to existing content.
    /// A scheduled video is not counted again when it goes out; deleting it or its removal refunds nothing.
    /// Only events up to `instant` are seen.
    /// - Parameter week: the quota week containing `instant`, when the caller has it already (it depends only
    ///   on the instant, so bulk callers compute it once).
    public func quotaUsage(events: [ContentEvent], at instant: Date, week: QuotaWeek? = nil) -> QuotaUsage {
        let week = week ?? QuotaWeek(containing: instant, timeZone: config.timeZone)
        guard !events.isEmpty else { return QuotaUsage(week: week, videos: 0, lives: 0) }
        var videos = 0
        var lives = 0
        for (medium, countedAt) in firstCountingEvents(events, until: instant).values where week.contains(countedAt) {
            if medium == .video { videos += 1 } else { lives += 1 }
        }
        return QuotaUsage(week: week, videos: videos, lives: lives)
    }

    /// For each content id, its medium and when it first counted as shoppable (up to `instant`).
    func firstCountingEvents(_ events: [ContentEvent], until instant: Date) -> [ContentID: (ContentEvent.Medium, Date)] {
        var first: [ContentID: (ContentEvent.Medium, Date)] = [:]
        for event in events where event.countsAsShoppable && event.at <= instant {
            if let seen = first[event.content], seen.1 <= event.at { continue }
            first[event.content] = (event.medium, event.at)
        }
        return first
    }

    /// P-GRADUATE progress: counted content and kept orders from `since` up to `instant`.
    public func graduationProgress(events: [ContentEvent], sales: [Sale], since: Date, at instant: Date) -> GraduationProgress {
        var longest: [ContentID: Int] = [:]
        for event in events where event.at <= instant {
            if let seconds = event.durationSeconds { longest[event.content] = max(longest[event.content] ?? 0, seconds) }
        }
        var videos = 0
        var lives = 0
        for (content, (medium, countedAt)) in firstCountingEvents(events, until: instant) where countedAt >= since {
            let seconds = longest[content] ?? 0
            switch medium {
            case .video where seconds >= config.graduationMinVideoSeconds: videos += 1
            case .live where seconds >= config.graduationMinLiveSeconds: lives += 1
            default: break
            }
        }
        let orders = sales.lazy.filter { $0.orderedAt >= since && $0.orderedAt <= instant }.reduce(0) { $0 + $1.keptOrders }
        return GraduationProgress(qualifyingVideos: videos, qualifyingLives: lives, orders: orders)
    }

    /// CHR over time (H-POINTS): the CHR just before the first of the creator's last `limit` changes up to `instant`
    /// — a violation, an appeal, a policy quiz, an earning week credited — right after each, and at `instant`; oldest
    /// first, each the CHR `health` computes at that instant.
    public func chrHistory(_ facts: CreatorFacts, upTo instant: Date, limit: Int = 24) -> [CHRPoint] {
        func chr(_ at: Date) -> CHRPoint {
            CHRPoint(at: at, chr: health(violations: facts.violations, quizzes: facts.quizzes, earnings: facts.earnings, at: at).chr)
        }
        var changes = Set(facts.violations.flatMap { [$0.at, $0.appealedAt].compactMap { $0 } } + facts.quizzes.map(\.at))
        changes.formUnion(facts.earnings.map { Date(timeIntervalSince1970: Double($0.creditedAt)) })
        let shown = changes.filter { $0 <= instant }.sorted().suffix(limit)
        guard let first = shown.first else { return [chr(instant)] }
        return ([first.addingTimeInterval(-1)] + shown + (shown.last == instant ? [] : [instant])).map(chr)
    }

    /// The creator's standing at `instant`.
    /// - Parameter week: the quota week containing `instant`, if already known.
    public func standing(of creator: Creator, facts: CreatorFacts, at instant: Date, week: QuotaWeek? = nil) -> CreatorStanding {
        let health = health(violations: facts.violations, quizzes: facts.quizzes, earnings: facts.earnings, at: instant)
        let quota = quotaUsage(events: facts.contentEvents, at: instant, week: week)
        let since = creator.pilotStartedAt ?? creator.registeredAt
        let progress = graduationProgress(events: facts.contentEvents, sales: facts.sales, since: since, at: instant)
        let pilot = pilotStatus(of: creator, chr: health.chr, progress: progress, at: instant)
        return CreatorStanding(
            health: health, pilot: pilot, quota: quota, graduation: progress,
            documentRank: facts.earlierAccountsOnDocument.map { $0 + 1 })
    }

    /// P-ENTER, P-FOLLOWERS, P-GRADUATE, P-STAY.
    public func pilotStatus(of creator: Creator, chr: Int, progress: GraduationProgress, at instant: Date) -> PilotStatus {
        guard creator.kind == .affiliate, let started = creator.pilotStartedAt, started <= instant else { return .notInPilot }
        if creator.followers >= config.pilotFollowerCeiling { return .lifted }
        if let passed = creator.quizPassedAt, passed <= instant { return .graduated(at: passed) }
        let ends = started.addingTimeInterval(Double(config.pilotDays) * 86_400)
        if instant < ends { return .active(endsAt: ends) }
        if chr >= config.chrGoodStanding && !progress.criteriaMet(config).isEmpty { return .quizInvited }
        return .staying
    }
}
