public import Foundation
public import StarMatchCore
public import StarMatchStore
public import StarMatchUseCases

// JSON shapes shared by the CLI's `--json` output and the HTTP API (documented in README and the OpenAPI
// document): one definition, so both always agree.

/// JSON shape of one score component.
public struct ComponentView: Encodable, Sendable {
    public let name: String
    public let input: String
    public let value: Double
    public let weight: Double
    public let contribution: Double

    init(_ c: ComponentScore, contribution: Double) {
        name = c.name
        input = c.input
        value = rounded(c.value)
        weight = rounded(c.weight)
        self.contribution = contribution
    }

    /// The components of a score, their contributions adding up to the rounded score exactly
    /// (`ScoreBreakdown.roundedContributions`).
    public static func list(_ breakdown: ScoreBreakdown) -> [ComponentView] {
        zip(breakdown.components, breakdown.roundedContributions).map { ComponentView($0, contribution: $1) }
    }
}


/// Component name → value, rounded for JSON.
public func componentValues(_ breakdown: ScoreBreakdown) -> [String: Double] {
    Dictionary(uniqueKeysWithValues: breakdown.components.map { ($0.name, rounded($0.value)) })
}


public struct RankedCreatorView: Encodable, Sendable {
    public let rank: Int
    public let creator: String
    public let handle: String
    public let kind: String
    public let followers: Int
    public let region: String
    public let score: Double
    public let components: [String: Double]
    public let explanation: [ComponentView]?
}

public struct ShortlistView: Encodable, Sendable {
    public let campaign: String
    public let shop: String
    public let at: Date
    public let profile: String
    public let salesReference: Double
    public let creators: [RankedCreatorView]

    public init(campaign: Campaign, at: Date, profile: String, salesReference: Double, ranked: [RankedCreator], explain: Bool) {
        self.campaign = campaign.id.rawValue
        shop = campaign.shop.rawValue
        self.at = at
        self.profile = profile
        self.salesReference = salesReference
        creators = ranked.enumerated().map { n, r in
            RankedCreatorView(
                rank: n + 1, creator: r.creator.id.rawValue, handle: r.creator.handle, kind: r.creator.kind.rawValue,
                followers: r.creator.followers, region: r.creator.region, score: rounded(r.score),
                components: componentValues(r.breakdown!),
                explanation: explain ? ComponentView.list(r.breakdown!) : nil)
        }
    }
}

extension ShortlistView {
    public init(_ result: ShortlistResult, explain: Bool) {
        self.init(campaign: result.campaign, at: result.at, profile: result.profile.name, salesReference: rounded(result.salesReference),
            ranked: result.ranked, explain: explain)
    }
}

extension MatchesView {
    public init(_ result: CreatorMatchesResult, explain: Bool) {
        self.init(creator: result.creator.id.rawValue, at: result.at, profile: result.profile.name, ranked: result.ranked, explain: explain)
    }
}

extension WhyView {
    public init(_ result: WhyResult) {
        self.init(eligibility: EligibilityView(result.report), profile: result.profile.name, score: rounded(result.breakdown.total),
            components: ComponentView.list(result.breakdown))
    }
}

public struct MatchesView: Encodable, Sendable {
    public struct Entry: Encodable, Sendable {
        public let rank: Int
        public let campaign: String
        public let shop: String
        public let kind: String
        public let score: Double
        public let components: [String: Double]
        public let explanation: [ComponentView]?
    }

    public let creator: String
    public let at: Date
    public let profile: String
    public let campaigns: [Entry]

    public init(creator: String, at: Date, profile: String, ranked: [RankedCampaign], explain: Bool) {
        self.creator = creator
        self.at = at
        self.profile = profile
        campaigns = ranked.enumerated().map { n, r in
            Entry(rank: n + 1, campaign: r.campaign.id.rawValue, shop: r.campaign.shop.rawValue, kind: r.campaign.kind.rawValue,
                score: rounded(r.score), components: componentValues(r.breakdown!),
                explanation: explain ? ComponentView.list(r.breakdown!) : nil)
        }
    }
}

public struct WhyView: Encodable, Sendable {
    public let eligibility: EligibilityView
    public let profile: String
    public let score: Double
    public let components: [ComponentView]

    public init(eligibility: EligibilityView, profile: String, score: Double, components: [ComponentView]) {
        self.eligibility = eligibility
        self.profile = profile
        self.score = score
        self.components = components
    }
}

/// JSON shape of `eligibility --json` (documented in README).
public struct EligibilityView: Encodable, Sendable {
    public let creator: String
    public let subject: String
    public let at: Date
    public let eligible: Bool
    public let refusedBy: [String]
    public let checks: [Check]

    public init(_ report: EligibilityReport) {
        creator = report.creator.rawValue
        subject = report.subject.description
        at = report.at
        eligible = report.isEligible
        refusedBy = report.refusals.map(\.rule.rawValue)
        checks = report.checks
    }
}

/// JSON shape of a creator's standing.
public struct StandingView: Encodable, Sendable {
    /// H-MILESTONE: the lowest milestone CHR is at or below, its enforcement step and when it was reached.
    public struct Milestone: Encodable, Sendable {
        public let chr: Int
        public let step: Int
        public let enforcement: String
        /// `nil`: the account started at or below it.
        public let reachedAt: Date?
    }

    public let chr: Int
    /// H-POINTS: healthy, caution or unhealthy.
    public let band: String
    public let violationPoints: Int
    /// Points earned by validated kept orders, and regained by perfect quizzes and appeals (H-POINTS).
    public let earnedPoints: Int
    public let regainedPoints: Int
    public let milestone: Milestone?
    public let pilot: String
    public let quotaWeekStart: Date
    public let quotaWeekEnd: Date
    public let videosThisWeek: Int
    public let livesThisWeek: Int
    public let videoQuota: Int
    public let liveQuota: Int
    public let graduationVideos: Int
    public let graduationLives: Int
    public let graduationOrders: Int
    public let documentRank: Int?

    public init(_ s: CreatorStanding, config: PolicyConfig) {
        chr = s.chr
        band = s.health.band.rawValue
        violationPoints = s.violationPoints
        earnedPoints = s.health.earnedPoints
        regainedPoints = s.health.regainedPoints
        milestone = s.health.milestone.map { Milestone(chr: $0.chr, step: $0.step, enforcement: $0.enforcement, reachedAt: $0.reachedAt) }
        pilot = s.pilot.name
        quotaWeekStart = s.quota.week.start
        quotaWeekEnd = s.quota.week.end
        videosThisWeek = s.quota.videos
        livesThisWeek = s.quota.lives
        videoQuota = config.pilotVideoQuota
        liveQuota = config.pilotLiveQuota
        graduationVideos = s.graduation.qualifyingVideos
        graduationLives = s.graduation.qualifyingLives
        graduationOrders = s.graduation.orders
        documentRank = s.documentRank
    }
}

/// A creator's one screen as JSON (`creators status --json`, `GET /v1/creators/{id}/status`): pilot state and
/// what is missing to graduate, quota and its reset, CHR with its band, milestone and history (H-POINTS,
/// H-MILESTONE), open matches.
public struct CreatorStatusView: Encodable, Sendable {
    public struct Pilot: Encodable, Sendable {
        public let state: String
        public let startedAt: Date?
        public let endsAt: Date?
        public let graduatedAt: Date?
        public let qualifyingVideos: Int
        public let qualifyingLives: Int
        public let keptOrders: Int
        /// P-GRADUATE: any one of these would do.
        public let missing: [String]
        public let goodStanding: Bool
    }

    public let creator: String
    public let at: Date
    public let pilot: Pilot
    public let standing: StandingView
    public let quotaResetsAt: Date
    public let quotaResetsAtLocal: String
    /// CHR around each of the last 24 changes (H-POINTS), oldest first.
    public let chrHistory: [CHRPoint]
    public let violations: [Violation]
    public let quizzes: [PolicyQuiz]
    public let openMatches: [Match]

    public init(_ status: CreatorStatus, config: PolicyConfig) {
        let standing = status.standing
        var ends: Date?, graduated: Date?
        switch standing.pilot {
        case .active(let endsAt): ends = endsAt
        case .graduated(let at): graduated = at
        default: break
        }
        let local = DateFormatter()
        local.timeZone = config.timeZone
        local.dateFormat = "EEEE yyyy-MM-dd HH:mm zzz"
        local.locale = Locale(identifier: "en_US_POSIX")
        creator = status.creator.id.rawValue
        at = status.at
        pilot = Pilot(state: standing.pilot.name, startedAt: status.creator.pilotStartedAt, endsAt: ends, graduatedAt: graduated,
                      qualifyingVideos: standing.graduation.qualifyingVideos, qualifyingLives: standing.graduation.qualifyingLives,
                      keptOrders: standing.graduation.orders, missing: status.missing, goodStanding: status.goodStanding)
        self.standing = StandingView(standing, config: config)
        quotaResetsAt = standing.quota.week.end
        quotaResetsAtLocal = local.string(from: standing.quota.week.end)
        chrHistory = status.chrHistory
        violations = status.violations
        quizzes = status.quizzes
        openMatches = status.openMatches
    }
}

public struct CreatorView: Encodable, Sendable {
    public let creator: Creator
    public let standing: StandingView
    public let at: Date

    public init(creator: Creator, standing: StandingView, at: Date) {
        self.creator = creator
        self.standing = standing
        self.at = at
    }
}

public struct BatchView: Encodable, Sendable {
    /// The run as JSON: `id` is `null` for a dry run, which stores nothing.
    public struct Run: Encodable, Sendable {
        let id: Int64?
        let week: String, inputsHash: String, profile: String
        let objective: Double
        let assignments: Int, creatorsUsed: Int, campaigns: Int, candidates: Int, durationMs: Int
        let createdAt: Date
        let supersededBy: Int64?
        let certificate: WeeklyBatch.Certificate?

        init(_ r: BatchRun, stored: Bool) {
            id = stored ? r.id : nil
            week = r.week; inputsHash = r.inputsHash; profile = r.profile; objective = r.objective
            assignments = r.assignments; creatorsUsed = r.creatorsUsed; campaigns = r.campaigns; candidates = r.candidates
            durationMs = r.durationMs; createdAt = r.createdAt; supersededBy = r.supersededBy; certificate = r.certificate
        }

        enum CodingKeys: String, CodingKey {
            case id, week, inputsHash, profile, objective, assignments, creatorsUsed, campaigns, candidates, durationMs, createdAt, supersededBy, certificate
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)  // null for a dry run: present, so the shape does not change
            try c.encode(week, forKey: .week)
            try c.encode(inputsHash, forKey: .inputsHash)
            try c.encode(profile, forKey: .profile)
            try c.encode(objective, forKey: .objective)
            try c.encode(assignments, forKey: .assignments)
            try c.encode(creatorsUsed, forKey: .creatorsUsed)
            try c.encode(campaigns, forKey: .campaigns)
            try c.encode(candidates, forKey: .candidates)
            try c.encode(durationMs, forKey: .durationMs)
            try c.encode(createdAt, forKey: .createdAt)
            try c.encodeIfPresent(supersededBy, forKey: .supersededBy)
            try c.encodeIfPresent(certificate, forKey: .certificate)
        }
    }

    public let run: Run
    public let reused: Bool
    public let dryRun: Bool
    public let campaigns: [WeeklyBatch.CampaignFill]
    public let assignments: [BatchMatch]

    public init(_ run: BatchRun, _ matches: [BatchMatch], _ fills: [WeeklyBatch.CampaignFill], reused: Bool, dryRun: Bool) {
        self.run = Run(run, stored: !dryRun)
        self.reused = reused
        self.dryRun = dryRun
        campaigns = fills
        assignments = matches
    }
}
