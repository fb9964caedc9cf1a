public import Foundation

/// The rule ids of docs/rules.md, plus the campaign's own terms (`K-…`).
public enum RuleID: String, Sendable, Codable, CaseIterable, Comparable {
    case eAge = "E-AGE", eFollowers = "E-FOLLOWERS", eRegion = "E-REGION", eGPPPA = "E-GPPPA"
    case eRevoked = "E-REVOKED", ePolicy = "E-POLICY", eIdentity = "E-IDENTITY", eIDDoc = "E-IDDOC"
    case eStandard = "E-STANDARD", eBind = "E-BIND"
    case hPoints = "H-POINTS", hFloor = "H-FLOOR", hGood = "H-GOOD", hEvasion = "H-EVASION"
    case pEnter = "P-ENTER", pShops = "P-SHOPS", pQuota = "P-QUOTA", pWeek = "P-WEEK", pCount = "P-COUNT"
    case pCampaigns = "P-CAMPAIGNS", pGraduate = "P-GRADUATE", pFollowers = "P-FOLLOWERS", pStay = "P-STAY"
    case cRate = "C-RATE", cValidate = "C-VALIDATE", cAccount = "C-ACCOUNT"
    case mScore = "M-SCORE", mEligible = "M-ELIGIBLE", mSamples = "M-SAMPLES", mFulfil = "M-FULFIL", mWeekly = "M-WEEKLY"
    /// The campaign runs at the instant asked about.
    case kOpen = "K-OPEN"
    /// The campaign's own minimum follower count.
    case kFollowers = "K-FOLLOWERS"
    /// The campaign's own region list.
    case kRegion = "K-REGION"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One rule checked for one creator: passed, refused, or a note that explains state.
public struct Check: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable { case pass, refuse, note }

    public var rule: RuleID
    public var outcome: Outcome
    public var message: String

    public init(_ rule: RuleID, _ outcome: Outcome, _ message: String) {
        self.rule = rule
        self.outcome = outcome
        self.message = message
    }
}

/// The answer to "may this creator be matched here, now?", with every rule that applies.
public struct EligibilityReport: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case marketplace
        case sample(ShopID)
        case campaign(CampaignID)

        public var description: String {
            switch self {
            case .marketplace: return "marketplace"
            case .sample(let shop): return "sample match with shop \(shop)"
            case .campaign(let campaign): return "campaign \(campaign)"
            }
        }
    }

    public var creator: CreatorID
    public var subject: Subject
    public var at: Date
    public var checks: [Check]

    /// Eligible when no check refuses (M-ELIGIBLE).
    public var isEligible: Bool { !checks.contains { $0.outcome == .refuse } }
    public var refusals: [Check] { checks.filter { $0.outcome == .refuse } }
}

/// Where the policy engine puts its findings. The report sink keeps every check with its message; the
/// verdict sink keeps only whether any check refused and never builds a message, so shortlists over a
/// million creators run the very same rules without their cost.
public protocol CheckSink {
    mutating func add(_ rule: RuleID, _ outcome: Check.Outcome, _ message: @autoclosure () -> String)
}

extension CheckSink {
    /// A pass or a refusal, with the message for each.
    mutating func add(_ rule: RuleID, passes: Bool, _ pass: @autoclosure () -> String, else refuse: @autoclosure () -> String) {
        if passes { add(rule, .pass, pass()) } else { add(rule, .refuse, refuse()) }
    }
}

/// Keeps every check, in order.
public struct ReportSink: CheckSink {
    public var checks: [Check] = []
    public init() {}
    public mutating func add(_ rule: RuleID, _ outcome: Check.Outcome, _ message: @autoclosure () -> String) {
        checks.append(Check(rule, outcome, message()))
    }
}

/// Keeps only the verdict.
public struct VerdictSink: CheckSink {
    public private(set) var refused = false
    public init() {}
    public mutating func add(_ rule: RuleID, _ outcome: Check.Outcome, _ message: @autoclosure () -> String) {
        if outcome == .refuse { refused = true }
    }
}

/// The policy engine: answers eligibility questions for a creator at an instant, naming every rule.
///
/// ```swift
/// let policy = Policy(config: PolicyConfig())
/// let standing = policy.standing(of: creator, facts: facts, at: now)
/// let report = policy.eligibility(creator, standing: standing, for: campaign, shop: shop, at: now)
/// report.refusals.map(\.rule)  // e.g. [.pCampaigns]
/// ```
public struct Policy: Sendable {
    public let config: PolicyConfig

    public init(config: PolicyConfig = PolicyConfig()) { self.config = config }

    /// Eligible for the marketplace at all (no particular shop).
    public func eligibility(_ creator: Creator, standing: CreatorStanding, at instant: Date) -> EligibilityReport {
        var sink = ReportSink()
        evaluate(creator, standing, shop: nil, campaign: nil, at: instant, into: &sink)
        return EligibilityReport(creator: creator.id, subject: .marketplace, at: instant, checks: sink.checks)
    }

    /// Eligible for a free-sample match with `shop` (M-SAMPLES): base rules plus P-SHOPS and P-QUOTA.
    public func eligibility(_ creator: Creator, standing: CreatorStanding, sampleFrom shop: Shop, at instant: Date) -> EligibilityReport {
        var sink = ReportSink()
        evaluate(creator, standing, shop: shop, campaign: nil, at: instant, into: &sink)
        return EligibilityReport(creator: creator.id, subject: .sample(shop.id), at: instant, checks: sink.checks)
    }

    /// Eligible for `campaign` of `shop`: base rules, pilot rules (P-CAMPAIGNS: pilot creators only in
    /// sample campaigns of shops that pass P-SHOPS) and the campaign's own terms.
    public func eligibility(_ creator: Creator, standing: CreatorStanding, for campaign: Campaign, shop: Shop, at instant: Date) -> EligibilityReport {
        var sink = ReportSink()
        evaluate(creator, standing, shop: shop, campaign: campaign, at: instant, into: &sink)
        return EligibilityReport(creator: creator.id, subject: .campaign(campaign.id), at: instant, checks: sink.checks)
    }

    /// Whether `creator` may take part in `campaign` (M-ELIGIBLE), without building any message.
    /// - Parameter week: for the weekly batch: K-OPEN then asks whether the campaign runs at some point of
    ///   the week, not at `instant`.
    public func isEligible(_ creator: Creator, standing: CreatorStanding, for campaign: Campaign, shop: Shop, at instant: Date, week: QuotaWeek? = nil) -> Bool {
        var sink = VerdictSink()
        evaluate(creator, standing, shop: shop, campaign: campaign, at: instant, week: week, into: &sink)
        return !sink.refused
    }

    /// `isEligible` for a creator the marketplace admits at `instant` (`eligibility(_:standing:at:)` refuses
    /// nothing): of the base rules only E-FOLLOWERS judges a shop differently from the marketplace, so only it and
    /// the shop's and campaign's rules are evaluated — the very checks `evaluate` runs, not a copy of them. For
    /// scans that judge one creator against many campaigns (shortlists, the weekly batch); the caller vouches for
    /// the marketplace verdict at the same instant.
    public func isEligible(marketplaceEligible creator: Creator, standing: CreatorStanding, for campaign: Campaign, shop: Shop, at instant: Date,
                           week: QuotaWeek? = nil) -> Bool {
        isEligible(marketplaceEligible: CreatorTerms(creator), standing: standing, for: CampaignTerms(campaign, shop: shop), at: instant, week: week)
    }

    /// `isEligible(marketplaceEligible:standing:for:shop:at:week:)` on the fields those rules read: the weekly batch
    /// asks it for millions of pairs, and reads the creator's fields in place rather than copying each creator.
    @inline(__always)
    public func isEligible(marketplaceEligible creator: CreatorTerms, standing: borrowing CreatorStanding, for campaign: CampaignTerms, at instant: Date,
                           week: QuotaWeek? = nil) -> Bool {
        var sink = VerdictSink()
        followerCheck(creator, shopID: campaign.shopID, into: &sink)
        campaignChecks(creator, standing, campaign, at: instant, week: week, into: &sink)
        return !sink.refused
    }

    /// Every rule that applies: the base rules; with a shop, P-SHOPS and P-QUOTA; with a campaign, also
    /// P-CAMPAIGNS and the campaign's terms.
    public func evaluate<S: CheckSink>(_ creator: Creator, _ standing: CreatorStanding, shop: Shop?, campaign: Campaign?, at instant: Date, week: QuotaWeek? = nil, into sink: inout S) {
        baseChecks(creator, standing, shop: shop, at: instant, into: &sink)
        guard let shop else { return }
        shopChecks(creator, standing, shop: shop, campaign: campaign, at: instant, week: week, into: &sink)
    }

    /// The rules a shop adds to the base rules (P-SHOPS, P-QUOTA), and with a campaign P-CAMPAIGNS and the
    /// campaign's terms (K-OPEN, K-FOLLOWERS, K-REGION).
    @inline(__always)
    func shopChecks<S: CheckSink>(_ creator: Creator, _ standing: CreatorStanding, shop: Shop, campaign: Campaign?, at instant: Date, week: QuotaWeek?, into sink: inout S) {
        guard let campaign else {
            pilotShopChecks(standing, shopID: shop.id, shopScore: shop.score, into: &sink)
            return
        }
        campaignChecks(CreatorTerms(creator), standing, CampaignTerms(campaign, shop: shop), at: instant, week: week, into: &sink)
    }

    /// The rules a campaign adds, in order: P-CAMPAIGNS, P-SHOPS and P-QUOTA for its shop, then its terms — on the
    /// fields they read (the full report and the weekly batch's verdict both come here).
    @inline(__always)
    func campaignChecks<S: CheckSink>(_ creator: CreatorTerms, _ standing: borrowing CreatorStanding, _ campaign: CampaignTerms, at instant: Date,
                                      week: QuotaWeek?, into sink: inout S) {
        campaignPilotCheck(campaign.kind, standing, into: &sink)
        pilotShopChecks(standing, shopID: campaign.shopID, shopScore: campaign.shopScore, into: &sink)
        campaignTermChecks(creator, campaign, at: instant, week: week, into: &sink)
    }

    /// P-CAMPAIGNS: pilot creators take part in sample campaigns only.
    @inline(__always)
    func campaignPilotCheck<S: CheckSink>(_ kind: Campaign.Kind, _ standing: borrowing CreatorStanding, into sink: inout S) {
        guard standing.pilot.limitsApply else { return }
        switch kind {
        case .discount: sink.add(.pCampaigns, .refuse, "pilot creators take part in no discount campaigns")
        case .sample: sink.add(.pCampaigns, .pass, "sample campaigns stay open to pilot creators within P-SHOPS and P-QUOTA")
        }
    }

    /// The campaign's terms: K-OPEN, K-FOLLOWERS, K-REGION.
    @inline(__always)
    func campaignTermChecks<S: CheckSink>(_ creator: CreatorTerms, _ campaign: CampaignTerms, at instant: Date, week: QuotaWeek?, into sink: inout S) {
        openCheck(startsAt: campaign.startsAt, endsAt: campaign.endsAt, at: instant, week: week, into: &sink)
        let followers = creator.followers
        if let minimum = campaign.minFollowers {
            sink.add(.kFollowers, passes: followers >= minimum,
                "\(fmt(followers)) followers, campaign asks \(fmt(minimum))",
                else: "\(fmt(followers)) followers, campaign asks at least \(fmt(minimum))")
        }
        let regions = campaign.regions
        if !regions.isEmpty {
            let region = creator.region
            sink.add(.kRegion, passes: regions.contains(region),
                "region \(region) is one of the campaign's",
                else: "region \(region) is not among the campaign's (\(regions.joined(separator: ", ")))")
        }
    }

    /// K-OPEN alone: whether `campaign` runs at `instant` (or, with `week`, during that quota week). It judges the
    /// campaign, not the creator: when it refuses, every creator is refused, so a scan may stop before it opens one.
    public func campaignIsOpen(_ campaign: Campaign, at instant: Date, week: QuotaWeek? = nil) -> Bool {
        var sink = VerdictSink()
        openCheck(campaign, at: instant, week: week, into: &sink)
        return !sink.refused
    }

    /// K-OPEN: the campaign runs at the instant, or during the quota week when one is given.
    @inline(__always)
    func openCheck<S: CheckSink>(_ campaign: Campaign, at instant: Date, week: QuotaWeek?, into sink: inout S) {
        openCheck(startsAt: campaign.startsAt, endsAt: campaign.endsAt, at: instant, week: week, into: &sink)
    }

    @inline(__always)
    func openCheck<S: CheckSink>(startsAt: Date, endsAt: Date, at instant: Date, week: QuotaWeek?, into sink: inout S) {
        func window() -> String { "campaign runs \(Timestamp.format(startsAt)) to \(Timestamp.format(endsAt))" }
        if let week {
            sink.add(.kOpen, passes: startsAt < week.end && week.start < endsAt, window() + ", during the week \(week)",
                else: window() + ", not during the week \(week)")
        } else {
            sink.add(.kOpen, passes: Campaign.isOpen(startsAt: startsAt, endsAt: endsAt, at: instant), window(), else: window() + ", not at \(Timestamp.format(instant))")
        }
    }

    // MARK: - Rules

    /// E-* and H-FLOOR, with E-FOLLOWERS judged for `shop` when given; plus a note on pilot state.
    func baseChecks<S: CheckSink>(_ c: Creator, _ s: CreatorStanding, shop: Shop?, at instant: Date, into sink: inout S) {
        sink.add(.eStandard, passes: c.kind != .standard, "\(c.kind.rawValue) creator", else: "a standard creator is never matched")
        if c.kind.isShopBound {
            sink.add(.eBind, passes: c.boundShop != nil, "bound to shop \(c.boundShop?.rawValue ?? "")",
                else: "\(c.kind.rawValue) creator has no bound shop")
        }
        // E-AGE
        let age = c.birthDate.wholeYears(until: CalendarDay(utc: instant))
        if age < config.minimumAge {
            sink.add(.eAge, .refuse, "\(age) years old (born \(c.birthDate)); must be at least \(config.minimumAge)")
        } else {
            let deadline = c.registeredAt.addingUTCMonths(config.ageConfirmationMonths)
            if let confirmed = c.ageConfirmedAt, confirmed <= instant {
                sink.add(.eAge, passes: confirmed <= deadline, "\(age) years old, age confirmed \(Timestamp.format(confirmed))",
                    else: "age confirmed \(Timestamp.format(confirmed)), after the \(config.ageConfirmationMonths)-month deadline \(Timestamp.format(deadline))")
            } else {
                sink.add(.eAge, passes: instant <= deadline,
                    "\(age) years old, age not yet confirmed; deadline \(Timestamp.format(deadline))",
                    else: "age not confirmed within \(config.ageConfirmationMonths) months of registration (deadline \(Timestamp.format(deadline)))")
            }
        }
        followerCheck(CreatorTerms(c), shopID: shop?.id, into: &sink)
        sink.add(.eRegion, passes: config.regions.contains(c.region), "region \(c.region) is in the program",
            else: "region \(c.region) is not in the program (\(config.regions.joined(separator: ", ")))")
        sink.add(.eGPPPA, passes: !c.gpppa, "not a government or political account",
            else: "government, politician or political party account")
        if c.ecommerceRevoked {
            sink.add(.eRevoked, .refuse, "e-commerce permission was revoked")
        } else if c.linkedToSeriousViolator {
            sink.add(.eRevoked, .refuse, "linked by shared login data to an account with serious violations")
        } else {
            sink.add(.eRevoked, .pass, "e-commerce permission never revoked, no link to a serious violator")
        }
        sink.add(.ePolicy, passes: c.policiesAccepted, "content policy and code of conduct accepted",
            else: "content policy and creator code of conduct not accepted")
        sink.add(.eIdentity, passes: c.identityVerified, "identity verified",
            else: "identity not verified: product links hidden, no commission")
        if let rank = s.documentRank {
            sink.add(.eIDDoc, passes: rank <= config.maxAccountsPerDocument,
                "account \(rank) of at most \(config.maxAccountsPerDocument) on its identity document",
                else: "account \(rank) on its identity document; one document verifies at most \(config.maxAccountsPerDocument)")
        }
        sink.add(.hFloor, passes: s.chr > config.chrFloor, "CHR \(s.chr) is above the floor \(config.chrFloor)",
            else: "CHR \(s.chr) is at or below the floor \(config.chrFloor) (\(s.violationPoints) violation points)")
        pilotNote(c, s, into: &sink)
    }

    @inline(__always)
    func followerCheck<S: CheckSink>(_ c: CreatorTerms, shopID: ShopID?, into sink: inout S) {
        let kind = c.kind, followers = c.followers
        if kind.isShopBound, let bound = c.boundShop, shopID == nil || shopID == bound {
            sink.add(.eFollowers, .pass, "\(kind.rawValue) creator needs no followers for its bound shop \(bound)")
            return
        }
        // The messages are built only when a sink keeps them (a verdict alone needs none).
        sink.add(.eFollowers, passes: followers >= config.minFollowers,
            "\(fmt(followers)) followers (needs \(fmt(config.minFollowers)) for \(shopID.map { "shop \($0)" } ?? "the marketplace"))",
            else: "\(fmt(followers)) followers; needs \(fmt(config.minFollowers)) for \(shopID.map { "shop \($0)" } ?? "the marketplace")")
    }

    /// P-SHOPS and P-QUOTA for a creator whose pilot limits apply.
    @inline(__always)
    func pilotShopChecks<S: CheckSink>(_ s: borrowing CreatorStanding, shopID: ShopID, shopScore score: Double, into sink: inout S) {
        guard s.pilot.limitsApply else { return }
        sink.add(.pShops, passes: score >= config.pilotShopMinScore,
            "shop \(shopID) scores \(fmtScore(score)), at least \(fmtScore(config.pilotShopMinScore))",
            else: "shop \(shopID) scores \(fmtScore(score)); pilot creators promote only shops of \(fmtScore(config.pilotShopMinScore)) or more")
        let q = s.quota
        func used() -> String {
            "\(q.videos)/\(config.pilotVideoQuota) videos, \(q.lives)/\(config.pilotLiveQuota) LIVEs this week (resets \(Timestamp.format(q.week.end)))"
        }
        sink.add(.pQuota, passes: q.videos < config.pilotVideoQuota || q.lives < config.pilotLiveQuota, used(), else: "weekly quota used up: " + used())
    }

    func pilotNote<S: CheckSink>(_ c: Creator, _ s: CreatorStanding, into sink: inout S) {
        func met() -> String {
            let met = s.graduation.criteriaMet(config)
            return met.isEmpty ? "none" : met.joined(separator: ", ")
        }
        switch s.pilot {
        case .notInPilot: break
        case .active(let ends):
            sink.add(.pEnter, .note, "in the \(config.pilotDays)-day pilot until \(Timestamp.format(ends))")
        case .quizInvited:
            sink.add(.pGraduate, .note, "pilot over, criteria met (\(met())): invited to the quiz; limits apply until passed")
        case .staying:
            sink.add(.pStay, .note, "pilot over without graduation (CHR \(s.chr), criteria met: \(met())): stays in the pilot")
        case .graduated(let at):
            sink.add(.pGraduate, .note, "graduated from the pilot \(Timestamp.format(at))")
        case .lifted:
            sink.add(.pFollowers, .note, "\(fmt(c.followers)) followers: pilot limits lifted")
        }
    }
}

/// `1234567` as `1,234,567`.
func fmt(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return n < 0 ? "-" + out : out
}

/// A number as people read it: whole numbers without a fraction; one past `Int`'s range (an input refused for its
/// range, e.g. −1.8e308) as `Double` prints it, never a trap.
func fmtScore(_ score: Double) -> String {
    if score == score.rounded(), let whole = Int(exactly: score) { return String(whole) }
    return String(score)
}

/// The fields of a creator that the shop and campaign rules read (E-FOLLOWERS for a shop, K-FOLLOWERS, K-REGION).
public struct CreatorTerms: Sendable {
    public var kind: Creator.Kind
    public var boundShop: ShopID?
    public var followers: Int
    public var region: String

    @inline(__always)
    public init(_ creator: borrowing Creator) {
        kind = creator.kind
        boundShop = creator.boundShop
        followers = creator.followers
        region = creator.region
    }
}

/// The fields of a campaign and its shop that the rules read (P-CAMPAIGNS, P-SHOPS, K-OPEN, K-FOLLOWERS, K-REGION).
public struct CampaignTerms: Sendable {
    public var kind: Campaign.Kind
    public var startsAt: Date
    public var endsAt: Date
    public var minFollowers: Int?
    public var regions: [String]
    public var shopID: ShopID
    public var shopScore: Double

    public init(_ campaign: Campaign, shop: Shop) {
        kind = campaign.kind
        startsAt = campaign.startsAt
        endsAt = campaign.endsAt
        minFollowers = campaign.minFollowers
        regions = campaign.regions
        shopID = shop.id
        shopScore = shop.score
    }
}
