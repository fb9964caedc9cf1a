public import Foundation

/// The rule ids of DOMAIN.md, plus the campaign's own terms (`K-…`).
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
        EligibilityReport(creator: creator.id, subject: .marketplace, at: instant, checks: baseChecks(creator, standing, shop: nil, at: instant))
    }

    /// Eligible for a free-sample match with `shop` (M-SAMPLES): base rules plus P-SHOPS and P-QUOTA.
    public func eligibility(_ creator: Creator, standing: CreatorStanding, sampleFrom shop: Shop, at instant: Date) -> EligibilityReport {
        var checks = baseChecks(creator, standing, shop: shop, at: instant)
        checks += pilotShopChecks(creator, standing, shop: shop)
        return EligibilityReport(creator: creator.id, subject: .sample(shop.id), at: instant, checks: checks)
    }

    /// Eligible for `campaign` of `shop`: base rules, pilot rules (P-CAMPAIGNS: pilot creators only in
    /// sample campaigns of shops that pass P-SHOPS) and the campaign's own terms.
    public func eligibility(_ creator: Creator, standing: CreatorStanding, for campaign: Campaign, shop: Shop, at instant: Date) -> EligibilityReport {
        var checks = baseChecks(creator, standing, shop: shop, at: instant)
        if standing.pilot.limitsApply {
            switch campaign.kind {
            case .discount:
                checks.append(Check(.pCampaigns, .refuse, "pilot creators take part in no discount campaigns"))
            case .sample:
                checks.append(Check(.pCampaigns, .pass, "sample campaigns stay open to pilot creators within P-SHOPS and P-QUOTA"))
            }
        }
        checks += pilotShopChecks(creator, standing, shop: shop)
        if campaign.isOpen(at: instant) {
            checks.append(Check(.kOpen, .pass, "campaign runs \(Timestamp.format(campaign.startsAt)) to \(Timestamp.format(campaign.endsAt))"))
        } else {
            checks.append(Check(.kOpen, .refuse, "campaign runs \(Timestamp.format(campaign.startsAt)) to \(Timestamp.format(campaign.endsAt)), not at \(Timestamp.format(instant))"))
        }
        if let minimum = campaign.minFollowers {
            checks.append(creator.followers >= minimum
                ? Check(.kFollowers, .pass, "\(fmt(creator.followers)) followers, campaign asks \(fmt(minimum))")
                : Check(.kFollowers, .refuse, "\(fmt(creator.followers)) followers, campaign asks at least \(fmt(minimum))"))
        }
        if !campaign.regions.isEmpty {
            checks.append(campaign.regions.contains(creator.region)
                ? Check(.kRegion, .pass, "region \(creator.region) is one of the campaign's")
                : Check(.kRegion, .refuse, "region \(creator.region) is not among the campaign's (\(campaign.regions.joined(separator: ", ")))"))
        }
        return EligibilityReport(creator: creator.id, subject: .campaign(campaign.id), at: instant, checks: checks)
    }

    // MARK: - Rules

    /// E-* and H-FLOOR, with E-FOLLOWERS judged for `shop` when given; plus a P-ENTER note on pilot state.
    func baseChecks(_ c: Creator, _ s: CreatorStanding, shop: Shop?, at instant: Date) -> [Check] {
        var checks: [Check] = []
        // E-STANDARD
        checks.append(c.kind == .standard
            ? Check(.eStandard, .refuse, "a standard creator is never matched")
            : Check(.eStandard, .pass, "\(c.kind.rawValue) creator"))
        // E-BIND
        if c.kind.isShopBound {
            checks.append(c.boundShop != nil
                ? Check(.eBind, .pass, "bound to shop \(c.boundShop!)")
                : Check(.eBind, .refuse, "\(c.kind.rawValue) creator has no bound shop"))
        }
        // E-AGE
        let today = CalendarDay(utc: instant)
        let age = c.birthDate.wholeYears(until: today)
        if age < config.minimumAge {
            checks.append(Check(.eAge, .refuse, "\(age) years old (born \(c.birthDate)); must be at least \(config.minimumAge)"))
        } else {
            let deadline = c.registeredAt.addingUTCMonths(config.ageConfirmationMonths)
            if let confirmed = c.ageConfirmedAt, confirmed <= instant {
                checks.append(confirmed <= deadline
                    ? Check(.eAge, .pass, "\(age) years old, age confirmed \(Timestamp.format(confirmed))")
                    : Check(.eAge, .refuse, "age confirmed \(Timestamp.format(confirmed)), after the \(config.ageConfirmationMonths)-month deadline \(Timestamp.format(deadline))"))
            } else if instant <= deadline {
                checks.append(Check(.eAge, .pass, "\(age) years old, age not yet confirmed; deadline \(Timestamp.format(deadline))"))
            } else {
                checks.append(Check(.eAge, .refuse, "age not confirmed within \(config.ageConfirmationMonths) months of registration (deadline \(Timestamp.format(deadline)))"))
            }
        }
        // E-FOLLOWERS
        checks.append(followerCheck(c, shop: shop))
        // E-REGION
        checks.append(config.regions.contains(c.region)
            ? Check(.eRegion, .pass, "region \(c.region) is in the program")
            : Check(.eRegion, .refuse, "region \(c.region) is not in the program (\(config.regions.joined(separator: ", ")))"))
        // E-GPPPA
        checks.append(c.gpppa
            ? Check(.eGPPPA, .refuse, "government, politician or political party account")
            : Check(.eGPPPA, .pass, "not a government or political account"))
        // E-REVOKED
        if c.ecommerceRevoked {
            checks.append(Check(.eRevoked, .refuse, "e-commerce permission was revoked"))
        } else if c.linkedToSeriousViolator {
            checks.append(Check(.eRevoked, .refuse, "linked by shared login data to an account with serious violations"))
        } else {
            checks.append(Check(.eRevoked, .pass, "e-commerce permission never revoked, no link to a serious violator"))
        }
        // E-POLICY
        checks.append(c.policiesAccepted
            ? Check(.ePolicy, .pass, "content policy and code of conduct accepted")
            : Check(.ePolicy, .refuse, "content policy and creator code of conduct not accepted"))
        // E-IDENTITY
        checks.append(c.identityVerified
            ? Check(.eIdentity, .pass, "identity verified")
            : Check(.eIdentity, .refuse, "identity not verified: product links hidden, no commission"))
        // E-IDDOC
        if let rank = s.documentRank {
            checks.append(rank <= config.maxAccountsPerDocument
                ? Check(.eIDDoc, .pass, "account \(rank) of at most \(config.maxAccountsPerDocument) on its identity document")
                : Check(.eIDDoc, .refuse, "account \(rank) on its identity document; one document verifies at most \(config.maxAccountsPerDocument)"))
        }
        // H-FLOOR
        checks.append(s.chr > config.chrFloor
            ? Check(.hFloor, .pass, "CHR \(s.chr) is above the floor \(config.chrFloor)")
            : Check(.hFloor, .refuse, "CHR \(s.chr) is at or below the floor \(config.chrFloor) (\(s.violationPoints) violation points)"))
        // Pilot state, as a note
        if let note = pilotNote(c, s) { checks.append(note) }
        return checks
    }

    func followerCheck(_ c: Creator, shop: Shop?) -> Check {
        let needed = "\(fmt(config.minFollowers))"
        if c.kind.isShopBound, let bound = c.boundShop, shop == nil || shop?.id == bound {
            return Check(.eFollowers, .pass, "\(c.kind.rawValue) creator needs no followers for its bound shop \(bound)")
        }
        let target = shop.map { "shop \($0.id)" } ?? "the marketplace"
        return c.followers >= config.minFollowers
            ? Check(.eFollowers, .pass, "\(fmt(c.followers)) followers (needs \(needed) for \(target))")
            : Check(.eFollowers, .refuse, "\(fmt(c.followers)) followers; needs \(needed) for \(target)")
    }

    /// P-SHOPS and P-QUOTA for a creator whose pilot limits apply.
    func pilotShopChecks(_ c: Creator, _ s: CreatorStanding, shop: Shop) -> [Check] {
        guard s.pilot.limitsApply else { return [] }
        var checks: [Check] = []
        checks.append(shop.score >= config.pilotShopMinScore
            ? Check(.pShops, .pass, "shop \(shop.id) scores \(fmtScore(shop.score)), at least \(fmtScore(config.pilotShopMinScore))")
            : Check(.pShops, .refuse, "shop \(shop.id) scores \(fmtScore(shop.score)); pilot creators promote only shops of \(fmtScore(config.pilotShopMinScore)) or more"))
        let q = s.quota
        let reset = Timestamp.format(q.week.end)
        let used = "\(q.videos)/\(config.pilotVideoQuota) videos, \(q.lives)/\(config.pilotLiveQuota) LIVEs this week (resets \(reset))"
        checks.append(q.videos >= config.pilotVideoQuota && q.lives >= config.pilotLiveQuota
            ? Check(.pQuota, .refuse, "weekly quota used up: \(used)")
            : Check(.pQuota, .pass, used))
        return checks
    }

    func pilotNote(_ c: Creator, _ s: CreatorStanding) -> Check? {
        switch s.pilot {
        case .notInPilot: return nil
        case .active(let ends): return Check(.pEnter, .note, "in the \(config.pilotDays)-day pilot until \(Timestamp.format(ends))")
        case .quizInvited: return Check(.pGraduate, .note, "pilot over, criteria met (\(s.graduation.criteriaMet(config).joined(separator: ", "))): invited to the quiz; limits apply until passed")
        case .staying: return Check(.pStay, .note, "pilot over without graduation (CHR \(s.chr), criteria met: \(s.graduation.criteriaMet(config).isEmpty ? "none" : s.graduation.criteriaMet(config).joined(separator: ", "))): stays in the pilot")
        case .graduated(let at): return Check(.pGraduate, .note, "graduated from the pilot \(Timestamp.format(at))")
        case .lifted: return Check(.pFollowers, .note, "\(fmt(c.followers)) followers: pilot limits lifted")
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

func fmtScore(_ score: Double) -> String {
    score == score.rounded() ? String(Int(score)) : String(score)
}
