import Foundation
import Hummingbird
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

// The desk's pages: each reads its use cases (the same calls as the API's routes, so the same answers, the same
// 404s for what a brand may not see) and turns the results into a page model of display strings for its Mustache
// template. Nothing here decides a rule.

/// A page's frame: title, navigation for the caller's role, who is signed in, and the session's CSRF token for every
/// form; `body` is the page's own model.
/// A link of the main navigation.
struct DeskLink { let href: String; let label: String; let current: Bool }

struct DeskPage<Body>: @unchecked Sendable {
    let title: String
    let signedIn: Bool
    let who: String
    let csrf: String
    /// For templates that show managers more (links to creator pages).
    let isManager: Bool
    let nav: [DeskLink]
    let body: Body

    init(title: String, session: DeskSession?, current: String, body: Body) {
        self.title = title
        self.body = body
        signedIn = session != nil
        csrf = session?.csrfToken ?? ""
        isManager = session?.principal.isManager ?? false
        guard let principal = session?.principal else { who = ""; nav = []; return }
        who = principal.isManager ? "Manager (\(principal.keyID))" : "Brand \(principal.shop?.rawValue ?? "") (\(principal.keyID))"
        let links: [(String, String, String)] = principal.isManager
            ? [("week", "/desk", "This week"), ("creators", "/desk/creators", "Creators"), ("campaigns", "/desk/campaigns", "Campaigns"),
               ("matches", "/desk/matches", "Matches"), ("batches", "/desk/batches", "Batches")]
            : [("campaigns", "/desk", "My campaigns"), ("matches", "/desk/matches", "Matches")]
        nav = links.map { DeskLink(href: $0.1, label: $0.2, current: $0.0 == current) }
    }
}

/// What a page handler returns: its template and model.
struct DeskRendered: @unchecked Sendable {
    let template: String
    let page: Any
    var status: HTTPResponse.Status = .ok
}

struct SignInBody { let csrf: String; let problem: String?; let next: String }

struct ErrorBody {
    struct Field { let field: String; let rule: String?; let detail: String }
    let status: Int
    let title: String
    let detail: String
    let errors: [Field]
}

/// A label and a value, for fact lists.
struct Fact { let label: String; let value: String }
/// One score component as shown: name, what it read, its value, weight and contribution.
struct ComponentRow { let name: String; let input: String; let value: String; let weight: String; let contribution: String }
/// One eligibility check as shown.
struct CheckRow { let rule: String; let outcome: String; let refused: Bool; let message: String }
/// One match as a row.
struct MatchRow {
    let id: String; let creator: String; let campaign: String; let state: String; let source: String; let score: String
    let created: String; let expires: String
    /// The steps the caller may take now (the match board shows them as buttons).
    var actions: [ActionButton] = []
}
/// A button that moves a match on (a POST form).
struct ActionButton { let action: String; let label: String; let href: String }

struct DeskPages: Sendable {
    let services: APIServices
    let templates: DeskTemplates
    let format: DeskFormat
    var useCases: StarMatchUseCases { services.useCases }

    func caller(_ context: APIContext) throws -> Principal { try context.caller() }

    func profile() throws -> ScoringProfile { try useCases.profiles.profile("default") }

    func query(_ request: Request, _ name: String) -> String? {
        guard let value = request.uri.queryParameters.get(name)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The quota week (P-WEEK, Pacific) containing `instant`, as an ISO label.
    func weekLabel(_ instant: Date) -> String { QuotaWeek(containing: instant, timeZone: useCases.config.timeZone).isoLabel }

    func matchRow(_ m: Match) -> MatchRow {
        MatchRow(id: String(m.id), creator: m.creator, campaign: m.campaign, state: m.state.rawValue, source: m.source,
                 score: m.score.map(DeskFormat.score) ?? "", created: format.instant(m.createdAt), expires: format.instant(m.expiresAt))
    }

    func components(_ breakdown: ScoreBreakdown) -> [ComponentRow] {
        zip(breakdown.components, breakdown.roundedContributions).map { c, contribution in
            ComponentRow(name: c.name, input: c.input, value: DeskFormat.score(c.value), weight: DeskFormat.score(c.weight), contribution: DeskFormat.score(contribution))
        }
    }

    func checks(_ report: EligibilityReport) -> [CheckRow] {
        report.checks.map { CheckRow(rule: $0.rule.rawValue, outcome: $0.outcome.rawValue, refused: $0.outcome == .refuse, message: $0.message) }
    }

    // MARK: Home

    func home(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context)
        guard caller.isManager else { return try await campaigns(request, context, home: true) }
        return try await week(request, context)
    }

    struct WeekBody {
        let week: String
        let range: String
        let judged: String
        let hasBatch: Bool
        let batchHeadline: String
        let certificate: String
        let certified: Bool
        let histogram: String
        let histogramLabel: String
        let unfilled: [Fact]
        let matchesByState: [Fact]
        let pilotRows: [PilotRow]
        let drops: [DropRow]
        let products: [ProductRow]
        let categories: [CategoryRow]
        let outcomes: String
    }
    struct PilotRow { let creator: String; let handle: String; let state: String; let missing: String; let closeness: String }
    struct DropRow { let creator: String; let handle: String; let from: String; let to: String; let violations: String }
    struct ProductRow { let product: String; let name: String; let shop: String; let category: String; let gmv: String; let kept: String; let creators: String }
    struct CategoryRow { let category: String; let gmv: String; let kept: String; let creators: String }

    /// "This week": the desk report of the current quota week (or `?week=`): batch fill and certificate, matches by
    /// state, pilots close to graduating, CHR drops, best-selling products and categories. Managers only.
    func week(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context)
        let typed = query(request, "week")
        let label = typed?.uppercased() ?? weekLabel(services.now())
        guard WeeklyBatch.week(label, timeZone: useCases.config.timeZone) != nil else {
            throw DomainError.invalid("'\(typed ?? label)' is not an ISO week such as 2026-W48 (M-WEEKLY)", .parameter("week"), rule: "M-WEEKLY")
        }
        let profile = try profile()
        let report = try await services.run { try $0.deskReport(week: label, profile: profile, caller: caller) }
        let c = report.currency
        var headline = "", certificate = "", certified = false, histogram = "", unfilled: [Fact] = []
        if let b = report.batch {
            let share = b.slots > 0 ? Double(b.filled) / Double(b.slots) * 100 : 0
            headline = "Run \(b.run): \(DeskFormat.int(b.filled)) of \(DeskFormat.int(b.slots)) slots filled (\(DeskFormat.percent(share))), "
                + "\(DeskFormat.int(b.assignments)) matches, \(DeskFormat.int(b.creatorsUsed)) creators, objective \(String(format: "%.4f", b.objective))"
            certificate = b.certificate?.statement ?? "this run was stored before certificates"
            certified = b.certificate?.optimal ?? false
            histogram = DeskReportHTML.histogram(b.scoreHistogram)
            unfilled = b.fills.filter { $0.filled < $0.slots }.prefix(10).map {
                Fact(label: $0.campaign, value: "\(DeskFormat.int($0.filled)) of \(DeskFormat.int($0.slots)) (\($0.bound))")
            }
        }
        let body = WeekBody(
            week: report.week, range: "\(format.instant(report.weekStart)) – \(format.instant(report.weekEnd))",
            judged: format.instant(report.judgedAt), hasBatch: report.batch != nil, batchHeadline: headline, certificate: certificate,
            certified: certified, histogram: histogram, histogramLabel: "Scores of the run's matches, in bins of 0.1", unfilled: unfilled,
            matchesByState: MatchState.allCases.compactMap { s in report.matchesByState[s.rawValue].map { Fact(label: s.rawValue, value: DeskFormat.int($0)) } },
            pilotRows: report.pilotsNearGraduation.map {
                PilotRow(creator: $0.creator, handle: $0.handle, state: $0.state,
                         missing: $0.state == "quizInvited" ? "nothing: invited to the policy quiz (P-GRADUATE)" : ($0.missing + $0.alsoNeeds).joined(separator: "; "),
                         closeness: DeskFormat.percent($0.closeness * 100))
            },
            drops: report.chrDrops.map { DropRow(creator: $0.creator, handle: $0.handle, from: String($0.from), to: String($0.to), violations: String($0.violations)) },
            products: report.bestSellingProducts.map {
                ProductRow(product: $0.product, name: $0.name, shop: $0.shop, category: $0.category, gmv: DeskFormat.money($0.gmvMinor, c),
                           kept: DeskFormat.int($0.keptOrders), creators: DeskFormat.int($0.creators))
            },
            categories: report.bestSellingCategories.map {
                CategoryRow(category: $0.category, gmv: DeskFormat.money($0.gmvMinor, c), kept: DeskFormat.int($0.keptOrders), creators: DeskFormat.int($0.creators))
            },
            outcomes: "\(DeskFormat.int(report.outcomes.matches)) \(report.outcomes.matches == 1 ? "match" : "matches") accepted this week brought \(DeskFormat.int(report.outcomes.total.keptOrders)) kept orders"
                + (report.outcomes.total.amounts.isEmpty ? "" : ": " + report.outcomes.total.amounts.map { DeskFormat.money($0.gmvMinor, $0.currency) + " GMV" }.joined(separator: ", ")))
        return DeskRendered(template: "week", page: DeskPage(title: "This week: \(report.week)", session: context.deskSession, current: "week", body: body))
    }

    // MARK: Creators

    struct CreatorsBody {
        struct Row { let id: String; let handle: String; let kind: String; let region: String; let followers: String; let niches: String }
        let handle: String; let niche: String; let region: String; let minFollowers: String
        let searched: Bool
        let rows: [Row]
        let next: String?
    }

    /// Creator search by handle (the start of it, compared as E-HANDLE compares), niche, region and followers. Managers only.
    func creators(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context).requireManager()
        let handle = query(request, "handle"), niche = query(request, "niche"), region = query(request, "region"), minimum = query(request, "minFollowers")
        var filter = CreatorFilter(limit: 50)
        filter.handlePrefix = handle.map(Creator.handleKey)
        if let region { filter.region = region.uppercased() }
        if let niche { filter.niche = CategoryPath(niche) }
        if let minimum {
            guard let n = Int(minimum.replacingOccurrences(of: ",", with: "")), n >= 0 else {
                throw DomainError.invalid("minFollowers: a whole number of at least 0", .parameter("minFollowers"))
            }
            filter.minFollowers = n
        }
        filter.after = query(request, "after")
        let searched = handle != nil || niche != nil || region != nil || minimum != nil
        let found = searched ? try await services.run { [filter] in try $0.creators(filter, caller: caller) } : []
        var next: String?
        if found.count == 50, let last = found.last {
            var items = [("after", last.id.rawValue)]
            for (k, v) in [("handle", handle), ("niche", niche), ("region", region), ("minFollowers", minimum)] { if let v { items.append((k, v)) } }
            next = "/desk/creators?" + items.map { "\($0.0)=\(Self.escapeQuery($0.1))" }.joined(separator: "&")
        }
        let body = CreatorsBody(handle: handle ?? "", niche: niche ?? "", region: region ?? "", minFollowers: minimum ?? "", searched: searched,
            rows: found.map { .init(id: $0.id.rawValue, handle: $0.handle, kind: $0.kind.rawValue, region: $0.region,
                                    followers: DeskFormat.int($0.followers), niches: $0.niches.map(\.rawValue).joined(separator: ", ")) },
            next: next)
        return DeskRendered(template: "creators", page: DeskPage(title: "Creators", session: context.deskSession, current: "creators", body: body))
    }

    static func escapeQuery(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-_.~/"))) ?? s }

    struct CreatorBody {
        struct TipRow { let title: String; let detail: String; let why: String }
        struct CampaignRow { let id: String; let name: String; let shop: String; let kind: String; let score: String; let components: [ComponentRow] }
        struct ViolationRow { let at: String; let kind: String; let points: String; let appealed: String }
        struct CommissionRow { let campaign: String; let product: String; let rate: String; let orders: String; let kept: String; let estimated: String; let validated: String }
        let id: String
        let handle: String
        let facts: [Fact]
        let standing: [Fact]
        let pilotLimits: Bool
        let missing: [String]
        let violations: [ViolationRow]
        let quizzes: [Fact]
        /// SVG; `nil` when there is no history to draw (an empty string would still open a Mustache section).
        let chrChart: String?
        let campaignField: String
        let why: WhyBody?
        let whyProblem: String?
        let best: [CampaignRow]
        let tipsRefused: String?
        let productTips: [TipRow]
        let campaignTips: [TipRow]
        let matches: [MatchRow]
        let commissions: [CommissionRow]
    }

    struct WhyBody {
        let creator: String
        let campaign: String
        let eligible: Bool
        let verdict: String
        let checks: [CheckRow]
        let score: String
        let components: [ComponentRow]
    }

    /// The words of a lookup that failed as a user's mistake (an unknown creator or campaign typed in a field), shown
    /// on the page; anything else is thrown on.
    static func problem<T>(_ result: Result<T, any Error>) throws -> String? {
        guard case .failure(let error) = result else { return nil }
        guard let domain = DomainError.from(error), domain.kind == .notFound || domain.kind == .invalidInput else { throw error }
        return domain.message
    }

    func whyBody(_ w: WhyResult) -> WhyBody {
        let refused = w.report.refusals.map(\.rule.rawValue)
        return WhyBody(creator: w.creator.id.rawValue, campaign: w.campaign.id.rawValue, eligible: w.report.isEligible,
                       verdict: w.report.isEligible ? "eligible" : "not eligible: " + refused.joined(separator: ", "),
                       checks: checks(w.report), score: DeskFormat.score(w.breakdown.total), components: components(w.breakdown))
    }

    /// A creator's page: standing, pilot progress and what is missing, CHR with its violations and quizzes, eligibility
    /// against a chosen campaign (`?campaign=`), best campaigns, tips, match history, commissions. Managers only.
    func creator(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context).requireManager()
        let raw = try context.pathParameter("id")
        // To the minute, as the API's default instant of scoring reads (every rule's boundary falls on a whole minute).
        let now = ScoringRoutes.minute(services.now())
        let campaignField = query(request, "campaign")
        let profile = try profile()
        let (status, best, tips, history, lines, why) = try await services.run { useCases in
            let id = try useCases.creatorID(named: raw, caller: caller)
            let status = try useCases.creatorStatus(id, at: now, caller: caller)
            let best = try useCases.matches(creator: id, limit: 10, profile: profile, at: now, caller: caller)
            let tips = try useCases.tips(creator: id, limit: 5, profile: profile, at: now, caller: caller)
            let history = try useCases.matches(MatchFilter(creator: id, limit: 100), at: now, caller: caller)
            let lines = try useCases.commissions(creator: id, at: now, caller: caller)
            // A campaign that does not exist is said on the page, which stays.
            let why = Result { try campaignField.map { try useCases.why(creator: id, campaign: CampaignID($0), profile: profile, at: now, caller: caller) } }
            return (status, best, tips, history, lines, why)
        }
        let c = status.creator, s = status.standing, config = useCases.config
        let view = CreatorStatusView(status, config: config)
        var standing = [
            Fact(label: "Creator Health Rating (CHR)", value: "\(s.chr) (\(s.health.band.rawValue))"),
            Fact(label: "Violation points", value: DeskFormat.int(s.violationPoints)),
            Fact(label: "Points earned / regained", value: "\(DeskFormat.int(s.health.earnedPoints)) / \(DeskFormat.int(s.health.regainedPoints))"),
            Fact(label: "Pilot", value: view.pilot.state),
            Fact(label: "Quota week (\(format.zoneName))", value: "\(format.instant(s.quota.week.start)) – \(format.instant(s.quota.week.end))"),
        ]
        if let m = s.health.milestone {
            standing.append(Fact(label: "Milestone (H-MILESTONE)", value: "CHR \(m.chr): step \(m.step), \(m.enforcement)" + (m.reachedAt.map { ", reached \(format.instant($0))" } ?? "")))
        }
        if s.pilot.limitsApply {
            standing.append(Fact(label: "This week (P-QUOTA)", value: "\(s.quota.videos) of \(config.pilotVideoQuota) videos, \(s.quota.lives) of \(config.pilotLiveQuota) lives"))
            if let ends = view.pilot.endsAt { standing.append(Fact(label: "Pilot ends", value: format.instant(ends))) }
            standing.append(Fact(label: "Towards graduation (P-GRADUATE)",
                value: "\(view.pilot.qualifyingVideos) videos, \(view.pilot.qualifyingLives) lives, \(view.pilot.keptOrders) kept orders"))
        }
        if let rank = s.documentRank { standing.append(Fact(label: "Document rank", value: String(rank))) }
        let facts = [
            Fact(label: "Id", value: c.id.rawValue), Fact(label: "Kind", value: c.kind.rawValue), Fact(label: "Region", value: c.region),
            Fact(label: "Followers", value: DeskFormat.int(c.followers)), Fact(label: "Niches", value: c.niches.map(\.rawValue).joined(separator: ", ")),
            Fact(label: "Registered", value: format.day(c.registeredAt)),
        ]
        let body = CreatorBody(
            id: c.id.rawValue, handle: c.handle, facts: facts, standing: standing, pilotLimits: s.pilot.limitsApply, missing: status.missing,
            violations: status.violations.sorted { $0.at < $1.at }.map {
                .init(at: format.instant($0.at), kind: $0.kind.rawValue, points: String($0.points), appealed: $0.appealedAt.map(format.instant) ?? "")
            },
            quizzes: status.quizzes.map { Fact(label: format.instant($0.at), value: "score \($0.score)") },
            chrChart: status.chrHistory.count > 1
                ? DeskCharts.chrHistory(status.chrHistory, chrMax: config.chrMax, goodStanding: config.chrGoodStanding, format: format) : nil,
            campaignField: campaignField ?? "", why: ((try? why.get()) ?? nil).map(whyBody), whyProblem: try Self.problem(why),
            best: best.ranked.map {
                .init(id: $0.campaign.id.rawValue, name: $0.campaign.name, shop: $0.campaign.shop.rawValue, kind: $0.campaign.kind.rawValue,
                      score: DeskFormat.score($0.score), components: $0.breakdown.map(components) ?? [])
            },
            tipsRefused: tips.refusedBy.isEmpty ? nil : "The marketplace refuses this creator (\(tips.refusedBy.joined(separator: ", "))): no tips until that is resolved.",
            productTips: tips.products.map {
                .init(title: "\($0.name) (\($0.product), shop \($0.shop))",
                      detail: "\(DeskFormat.money($0.commissionPerItemMinor, $0.currency)) per item at \(DeskFormat.percent($0.commissionPercent)); "
                        + "about \(DeskFormat.money($0.estimatedEarningMinor, $0.currency)) in 30 days", why: $0.why)
            },
            campaignTips: tips.campaigns.map {
                .init(title: "\($0.name) (\($0.campaign), \($0.kind.rawValue))", detail: "score \(DeskFormat.score($0.score)), ends \(format.instant($0.endsAt))", why: $0.why)
            },
            matches: history.map(matchRow),
            commissions: lines.map {
                .init(campaign: $0.campaign?.rawValue ?? "", product: $0.product?.rawValue ?? "", rate: DeskFormat.percent($0.ratePercent),
                      orders: DeskFormat.int($0.orders), kept: DeskFormat.int($0.keptOrders),
                      estimated: DeskFormat.money($0.estimatedMinor, $0.currency), validated: DeskFormat.money($0.validatedMinor, $0.currency))
            })
        return DeskRendered(template: "creator", page: DeskPage(title: "@\(c.handle.hasPrefix("@") ? String(c.handle.dropFirst()) : c.handle)",
                                                                session: context.deskSession, current: "creators", body: body))
    }

    // MARK: Campaigns

    struct CampaignsBody {
        struct Row { let id: String; let name: String; let shop: String; let kind: String; let categories: String; let slots: String; let starts: String; let ends: String }
        let rows: [Row]
        let openOnly: Bool
        let shop: String?
        let isManager: Bool
        let next: String?
    }

    /// Campaigns: a brand's own (its home page), a manager's of every shop (or `?shop=`), those running now by default.
    func campaigns(_ request: Request, _ context: APIContext, home: Bool = false) async throws -> DeskRendered {
        let caller = try caller(context)
        let shop = query(request, "shop").map { ShopID($0) }
        let openOnly = query(request, "all") == nil
        let after = query(request, "after")
        let now = services.now()
        let rows = try await services.run { try $0.campaigns(shop: shop, openAt: openOnly ? now : nil, after: after, limit: 51, caller: caller) }
        var next: String?
        if rows.count > 50, let last = rows.prefix(50).last {
            next = "/desk/campaigns?after=\(Self.escapeQuery(last.id.rawValue))" + (openOnly ? "" : "&all=1") + (shop.map { "&shop=\(Self.escapeQuery($0.rawValue))" } ?? "")
        }
        let body = CampaignsBody(
            rows: rows.prefix(50).map {
                .init(id: $0.id.rawValue, name: $0.name, shop: $0.shop.rawValue, kind: $0.kind.rawValue, categories: $0.categories.map(\.rawValue).joined(separator: ", "),
                      slots: DeskFormat.int($0.slots), starts: format.instant($0.startsAt), ends: format.instant($0.endsAt))
            },
            openOnly: openOnly, shop: shop?.rawValue, isManager: caller.isManager, next: next)
        let title = caller.isManager ? "Campaigns" : "My campaigns (shop \(caller.shop?.rawValue ?? ""))"
        return DeskRendered(template: "campaigns", page: DeskPage(title: title, session: context.deskSession, current: "campaigns", body: body))
    }

    struct CampaignBody {
        struct ShortRow {
            let rank: String; let creator: String; let handle: String; let kind: String; let region: String; let followers: String; let score: String
            let components: [ComponentRow]
        }
        let id: String
        let facts: [Fact]
        let isManager: Bool
        let canEdit: Bool
        let shortlist: [ShortRow]
        let shortlistAt: String
        let whyField: String
        let why: WhyBody?
        let whyProblem: String?
        let matches: [MatchRow]
        let performance: [Fact]
    }

    /// A campaign's page: its facts, the shortlist with explanations, why (not) for any creator (`?why=`, managers),
    /// proposing a match (managers), its matches and performance. Another shop's campaign is 404 for a brand, as an
    /// unknown id.
    func campaign(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context)
        let id = CampaignID(try context.pathParameter("id"))
        let whyField = query(request, "why")
        let now = ScoringRoutes.minute(services.now())
        let minute = now
        let profile = try profile()
        let (campaign, shortlist, history, performance, why) = try await services.run { useCases in
            let (campaign, _) = try useCases.visibleCampaign(id, caller: caller)
            let shortlist = try useCases.shortlist(campaign: id, limit: 20, profile: profile, at: minute, caller: caller)
            let history = try useCases.matches(MatchFilter(campaign: id, limit: 100), at: now, caller: caller)
            let performance = try useCases.campaignPerformance(id, at: now, caller: caller)
            let why = Result { try whyField.map { raw in
                try useCases.why(creator: try useCases.creatorID(named: raw, caller: caller), campaign: id, profile: profile, at: now, caller: caller)
            } }
            return (campaign, shortlist, history, performance, why)
        }
        var facts = [
            Fact(label: "Shop", value: campaign.shop.rawValue), Fact(label: "Kind", value: campaign.kind.rawValue),
            Fact(label: "Categories", value: campaign.categories.map(\.rawValue).joined(separator: ", ")),
            Fact(label: "Slots", value: DeskFormat.int(campaign.slots)),
            Fact(label: "Runs (\(format.zoneName))", value: "\(format.instant(campaign.startsAt)) – \(format.instant(campaign.endsAt))"),
            Fact(label: "Commission", value: DeskFormat.percent(campaign.commissionPercent)),
        ]
        if let minimum = campaign.minFollowers { facts.append(Fact(label: "Minimum followers", value: DeskFormat.int(minimum))) }
        if !campaign.regions.isEmpty { facts.append(Fact(label: "Regions", value: campaign.regions.joined(separator: ", "))) }
        if !campaign.products.isEmpty { facts.append(Fact(label: "Products", value: campaign.products.map(\.rawValue).joined(separator: ", "))) }
        var perf = MatchState.allCases.compactMap { s in performance.matchesByState[s.rawValue].map { Fact(label: "Matches \(s.rawValue)", value: DeskFormat.int($0)) } }
        perf.append(Fact(label: "Orders (kept)", value: "\(DeskFormat.int(performance.total.orders)) (\(DeskFormat.int(performance.total.keptOrders)))"))
        perf.append(Fact(label: "Samples shipped", value: DeskFormat.int(performance.total.samplesShipped)))
        for a in performance.total.amounts {
            perf.append(Fact(label: "GMV / commission (\(a.currency))", value: "\(DeskFormat.money(a.gmvMinor, a.currency)) / \(DeskFormat.money(a.commissionMinor, a.currency))"))
        }
        let body = CampaignBody(
            id: campaign.id.rawValue, facts: facts, isManager: caller.isManager, canEdit: true,
            shortlist: shortlist.ranked.enumerated().map { i, r in
                .init(rank: String(i + 1), creator: r.creator.id.rawValue, handle: r.creator.handle, kind: r.creator.kind.rawValue, region: r.creator.region,
                      followers: DeskFormat.int(r.creator.followers), score: DeskFormat.score(r.score), components: r.breakdown.map(components) ?? [])
            },
            shortlistAt: format.instant(minute), whyField: whyField ?? "", why: ((try? why.get()) ?? nil).map(whyBody), whyProblem: try Self.problem(why),
            matches: history.map(matchRow), performance: perf)
        return DeskRendered(template: "campaign", page: DeskPage(title: "\(campaign.name) (\(campaign.id))", session: context.deskSession, current: "campaigns", body: body))
    }

    /// `POST /desk/campaigns/{id}/matches` (form: `creator`, an id or @handle): proposes a match now (managers), then
    /// shows it.
    func propose(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try caller(context).requireManager()
        let campaign = CampaignID(try context.pathParameter("id"))
        let (form, _) = try await DeskForm.read(request)
        guard let raw = form["creator"] else { throw DomainError.invalid("creator: required (an id or @handle)", .member("creator")) }
        let match = try await services.run { useCases in
            try useCases.createMatch(creator: try useCases.creatorID(named: raw, caller: caller), campaign: campaign, caller: caller)
        }
        return DeskRedirect(location: "/desk/matches/\(match.id)").response
    }

    struct CampaignFormBody {
        let action: String
        let isNew: Bool
        let isManager: Bool
        let shop: String; let name: String; let kindSample: Bool; let categories: String; let slots: String; let startsAt: String; let endsAt: String
        let commissionPercent: String; let minFollowers: String; let regions: String; let products: String
        let zone: String
        let errors: [ErrorBody.Field]
    }

    /// The form to create a campaign (`/desk/campaigns/new`) or change one (`/desk/campaigns/{id}/edit`).
    func campaignForm(_ request: Request, _ context: APIContext, editing: CampaignID?, values: DeskForm? = nil, errors: [ErrorBody.Field] = []) async throws -> DeskRendered {
        let caller = try caller(context)
        var current: Campaign?
        if let editing { current = try await services.run { try $0.campaign(editing, caller: caller) } }
        func value(_ name: String, _ stored: String) -> String { values.map { $0.fields[name] ?? "" } ?? stored }
        let start = services.now()
        let body = CampaignFormBody(
            action: editing.map { "/desk/campaigns/\(Self.escapeQuery($0.rawValue))" } ?? "/desk/campaigns", isNew: editing == nil, isManager: caller.isManager,
            shop: value("shop", current?.shop.rawValue ?? caller.shop?.rawValue ?? ""), name: value("name", current?.name ?? ""),
            kindSample: value("kind", current?.kind.rawValue ?? "sample") == "sample",
            categories: value("categories", current?.categories.map(\.rawValue).joined(separator: "; ") ?? ""),
            slots: value("slots", current.map { String($0.slots) } ?? ""),
            startsAt: value("startsAt", format.localInput(current?.startsAt ?? start)),
            endsAt: value("endsAt", format.localInput(current?.endsAt ?? start.addingTimeInterval(28 * 86_400))),
            commissionPercent: value("commissionPercent", current.map { String($0.commissionPercent) } ?? ""),
            minFollowers: value("minFollowers", current?.minFollowers.map(String.init) ?? ""),
            regions: value("regions", current?.regions.joined(separator: "; ") ?? ""),
            products: value("products", current?.products.map(\.rawValue).joined(separator: "; ") ?? ""),
            zone: format.timeZone.identifier, errors: errors)
        let title = editing.map { "Change campaign \($0)" } ?? "New campaign"
        return DeskRendered(template: "campaign-form", page: DeskPage(title: title, session: context.deskSession, current: "campaigns", body: body),
                            status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Creates or changes a campaign from the form, through the API's typed body (`RecordBody`: the same conversion,
    /// validation and messages as `POST`/`PATCH /v1/campaigns`); a refusal shows the form again with every problem.
    func saveCampaign(_ request: Request, _ context: APIContext, editing: CampaignID?) async throws -> Response {
        let caller = try caller(context)
        let (form, _) = try await DeskForm.read(request)
        var members: [String: JSONValue] = [:]
        func list(_ name: String) -> JSONValue {
            .array((form[name] ?? "").split(whereSeparator: { $0 == ";" || $0 == "," }).map { .string($0.trimmingCharacters(in: .whitespaces)) }.filter { $0 != .string("") })
        }
        func number(_ name: String, integer: Bool) -> JSONValue? {
            guard let text = form[name] else { return nil }
            if integer, let n = Int64(text.replacingOccurrences(of: ",", with: "")) { return .integer(n) }
            if !integer, let x = Double(text.replacingOccurrences(of: ",", with: "")) { return .number(x) }
            return .string(text)  // checked above; the typed body would refuse it naming the member
        }
        func instant(_ name: String) -> JSONValue? {
            guard let text = form[name] else { return nil }
            return .string(format.parseLocalInput(text).map(Timestamp.format) ?? text)  // checked above
        }
        // The form's own terms first: what is required, numbers, and times as the form's fields give them (a date and
        // time in the policy's zone); the entity's one validation then decides the rest.
        var formErrors: [ErrorBody.Field] = []
        for (field, label) in [("name", "name"), ("categories", "categories"), ("slots", "slots"), ("startsAt", "starts"), ("endsAt", "ends"),
                               ("commissionPercent", "commission %")] where form[field] == nil {
            formErrors.append(.init(field: field, rule: nil, detail: "\(label) is required"))
        }
        for (field, integer) in [("slots", true), ("minFollowers", true), ("commissionPercent", false)] {
            guard let text = form[field] else { continue }
            let plain = text.replacingOccurrences(of: ",", with: "")
            if integer ? Int64(plain) == nil : Double(plain).map({ !$0.isFinite }) ?? true {
                formErrors.append(.init(field: field, rule: nil, detail: integer ? "'\(text)' is not a whole number" : "'\(text)' is not a number"))
            }
        }
        for field in ["startsAt", "endsAt"] {
            guard let text = form[field] else { continue }
            if format.parseLocalInput(text) == nil {
                formErrors.append(.init(field: field, rule: nil,
                    detail: "'\(text)' is not a date and time such as 2026-12-01T09:00 (\(format.zoneName); a time skipped by a daylight-saving change does not exist)"))
            }
        }
        if !formErrors.isEmpty {
            let rendered = try await campaignForm(request, context, editing: editing, values: form, errors: formErrors)
            return templates.page(rendered.template, rendered.page, status: rendered.status)
        }
        if let name = form["name"] { members["name"] = .string(name) }
        if let kind = form["kind"] { members["kind"] = .string(kind) }
        members["categories"] = list("categories")
        members["regions"] = list("regions")
        members["products"] = list("products")
        members["slots"] = number("slots", integer: true)
        members["commissionPercent"] = number("commissionPercent", integer: false)
        members["startsAt"] = instant("startsAt")
        members["endsAt"] = instant("endsAt")
        if let minimum = number("minFollowers", integer: true) { members["minFollowers"] = minimum } else if editing != nil { members["minFollowers"] = .null }
        let shop = caller.isManager ? form["shop"] : caller.shop?.rawValue
        if let shop { members["shop"] = .string(shop) }
        let store = services.store
        do {
            let id: String
            if let editing {
                let current = try useCases.entityToChange(.campaigns, id: editing.rawValue, caller: caller)
                try useCases.authorizeWrite(.campaigns, shops: [shop], caller: caller)
                let record = try RecordBody.patch(.campaigns, current: current, .object(members), store: store)
                _ = try await services.run { try $0.replaceEntity(record, caller: caller) }
                id = editing.rawValue
            } else {
                try useCases.authorizeWrite(.campaigns, shops: [shop], caller: caller)
                guard let assigned = try useCases.assignedID(.campaigns, requested: false, caller: caller) else { throw DomainError(.failed, "no campaign id") }
                members["id"] = .string(assigned)
                let (records, _) = try RecordBody.records(.campaigns, .object(members), allowArray: false, store: store)
                try await services.run { try $0.createEntities(.campaigns, records, caller: caller) }
                id = assigned
            }
            return DeskRedirect(location: "/desk/campaigns/\(Self.escapeQuery(id))").response
        } catch {
            let translated = RecordBody.translate(error, isArray: false)
            guard let problem = translated as? Problem, problem.status == 422 || problem.status == 400 else { throw translated }
            let fields = (problem.errors ?? [.init(detail: problem.detail)]).map {
                ErrorBody.Field(field: ($0.pointer ?? $0.parameter ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/")), rule: $0.rule, detail: $0.detail)
            }
            let rendered = try await campaignForm(request, context, editing: editing, values: form, errors: fields)
            return templates.page(rendered.template, rendered.page, status: rendered.status)
        }
    }

    // MARK: Matches

    struct MatchesBody {
        struct Tab { let state: String; let href: String; let current: Bool }
        let tabs: [Tab]
        let state: String
        /// This page, to come back to after a step.
        let back: String
        let matches: [MatchRow]
        let next: String?
    }

    /// The match board: matches by state (a brand's of its own shop only), 100 a page.
    func matches(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context)
        let stateText = query(request, "state") ?? "proposed"
        guard let state = MatchState(rawValue: stateText) else {
            throw DomainError.invalid("state: one of \(MatchState.allCases.map(\.rawValue).joined(separator: ", "))", .parameter("state"))
        }
        let after = try query(request, "after").map { text -> Int64 in
            guard let n = Int64(text) else { throw DomainError.invalid("after: a match id", .parameter("after")) }
            return n
        }
        let now = services.now()
        let (rows, kinds) = try await services.run { useCases in
            let rows = try useCases.matches(MatchFilter(state: state, limit: 101, after: after), at: now, caller: caller)
            var kinds: [String: Campaign.Kind] = [:]
            for id in Set(rows.map(\.campaign)) { kinds[id] = try useCases.store.campaign(CampaignID(id))?.kind }
            return (rows, kinds)
        }
        let next = rows.count > 100 ? "/desk/matches?state=\(state.rawValue)&after=\(rows[99].id)" : nil
        let body = MatchesBody(
            tabs: MatchState.allCases.map { .init(state: $0.rawValue, href: "/desk/matches?state=\($0.rawValue)", current: $0 == state) },
            state: state.rawValue, back: "/desk/matches?state=\(state.rawValue)" + (after.map { "&after=\($0)" } ?? ""),
            matches: rows.prefix(100).map { m in
                var row = matchRow(m)
                row.actions = Self.actions(m, sample: kinds[m.campaign] == .sample, caller: caller)
                return row
            },
            next: next)
        return DeskRendered(template: "matches", page: DeskPage(title: "Matches: \(state.rawValue)", session: context.deskSession, current: "matches", body: body))
    }

    struct MatchBody {
        struct Event { let at: String; let from: String; let to: String; let actor: String; let note: String }
        let id: String
        let facts: [Fact]
        let history: [Event]
        let outcome: [Fact]
        let actions: [ActionButton]
    }

    /// One match: its facts, history, outcome and the steps the caller may take now (M-STEPS; a brand ships,
    /// completes or cancels, a manager records the creator's decisions too).
    func match(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context)
        guard let id = Int64(try context.pathParameter("id")) else { throw DomainError.notFound("unknown match") }
        let now = services.now()
        let (detail, campaign) = try await services.run { useCases in
            let detail = try useCases.matchDetail(id, at: now, caller: caller)
            return (detail, try useCases.store.campaign(CampaignID(detail.match.campaign)))
        }
        let m = detail.match
        let actions = Self.actions(m, sample: campaign?.kind == .sample, caller: caller)
        var facts = [
            Fact(label: "State", value: m.state.rawValue), Fact(label: "Creator", value: m.creator), Fact(label: "Campaign", value: m.campaign),
            Fact(label: "Shop", value: m.shop), Fact(label: "Source", value: m.source + (m.runID.map { " (run \($0))" } ?? "")),
            Fact(label: "Quota week from", value: format.instant(m.weekStart)), Fact(label: "Proposed", value: format.instant(m.createdAt)),
            Fact(label: "Proposal lapses", value: format.instant(m.expiresAt)),
        ]
        if let score = m.score { facts.insert(Fact(label: "Score", value: DeskFormat.score(score)), at: 1) }
        let o = detail.outcome
        var outcome = [Fact(label: "Window", value: o.from.map { "\(format.instant($0)) – \(format.instant(o.to))" } ?? "not accepted: no window")]
        outcome.append(Fact(label: "Orders (kept)", value: "\(DeskFormat.int(o.orders)) (\(DeskFormat.int(o.keptOrders)))"))
        for a in o.amounts {
            outcome.append(Fact(label: "GMV / commission (\(a.currency))", value: "\(DeskFormat.money(a.gmvMinor, a.currency)) / \(DeskFormat.money(a.commissionMinor, a.currency))"))
        }
        let body = MatchBody(id: String(m.id), facts: facts,
            history: detail.history.map { .init(at: format.instant($0.at), from: $0.from?.rawValue ?? "", to: $0.to.rawValue, actor: $0.actor, note: $0.note ?? "") },
            outcome: outcome, actions: actions)
        return DeskRendered(template: "match", page: DeskPage(title: "Match \(m.id)", session: context.deskSession, current: "matches", body: body))
    }

    /// The steps `caller` may take on `m` now, by the lifecycle (M-STEPS: which state each step starts from, for a
    /// sample or a discount campaign) and the caller's role (a brand ships, completes or cancels). Whether the campaign
    /// still runs is decided when the step is taken (a refused step is shown with its rule).
    static func actions(_ m: Match, sample: Bool, caller: Principal) -> [ActionButton] {
        MatchAction.allCases.filter { action in
            action != .expire && MatchLifecycle.allowedFrom(action, sample: sample).contains(m.state)
                && (caller.isManager || StarMatchUseCases.brandActions.contains(action))
        }.map { ActionButton(action: $0.rawValue, label: Self.actionLabel($0), href: "/desk/matches/\(m.id)/\($0.rawValue)") }
    }

    static func actionLabel(_ action: MatchAction) -> String {
        switch action {
        case .accept: "Accept (creator agreed)"
        case .decline: "Decline (creator said no)"
        case .expire: "Expire"
        case .ship: "Sample shipped"
        case .posted: "Content posted"
        case .complete: "Complete"
        case .cancel: "Cancel"
        }
    }

    /// `POST /desk/matches/{id}/{action}` (form: optional `note`, optional `back`: a desk path to return to): the step,
    /// now, then back to the match (or `back`).
    func transition(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try caller(context)
        guard let id = Int64(try context.pathParameter("id")) else { throw DomainError.notFound("unknown match") }
        guard let action = MatchAction(rawValue: try context.pathParameter("action")), action != .expire else {
            throw DomainError.notFound("no such step (steps: \(MatchAction.allCases.filter { $0 != .expire }.map(\.rawValue).joined(separator: ", ")))")
        }
        let (form, _) = try await DeskForm.read(request)
        let note = form["note"]
        _ = try await services.run { try $0.transition(match: id, action, note: note, caller: caller) }
        // From the board, back to the board; else to the match.
        return DeskRedirect(location: DeskRoutes.safeNext(form["back"]) ?? "/desk/matches/\(id)").response
    }

    // MARK: Batches

    struct BatchesBody {
        struct Row { let id: String; let week: String; let objective: String; let assignments: String; let creators: String; let campaigns: String; let certified: String; let created: String; let superseded: String }
        let week: String
        let rows: [Row]
    }

    /// The weekly batch's runs, newest first, and a form to run this week's. Managers only.
    func batches(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context).requireManager()
        let runs = try await services.run { try $0.batchRuns(caller: caller) }
        let body = BatchesBody(week: weekLabel(services.now()), rows: runs.sorted { $0.id > $1.id }.prefix(100).map {
            .init(id: String($0.id), week: $0.week, objective: String(format: "%.4f", $0.objective), assignments: DeskFormat.int($0.assignments),
                  creators: DeskFormat.int($0.creatorsUsed), campaigns: DeskFormat.int($0.campaigns),
                  certified: $0.certificate.map { $0.optimal ? "optimal" : "not certified" } ?? "—", created: format.instant($0.createdAt),
                  superseded: $0.supersededBy.map { "by run \($0)" } ?? "")
        })
        return DeskRendered(template: "batches", page: DeskPage(title: "Weekly batch runs", session: context.deskSession, current: "batches", body: body))
    }

    /// `POST /desk/batches` (form: `week`): runs and stores the week's batch (M-WEEKLY), then shows the run.
    func runBatch(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try caller(context).requireManager()
        let (form, _) = try await DeskForm.read(request)
        guard let week = form["week"] else { throw DomainError.invalid("week: required, an ISO week such as 2026-W48", .member("week"), rule: "M-WEEKLY") }
        let profile = try profile()
        let outcome = try await services.run { try $0.runBatch(week: week, profile: profile, caller: caller) }
        return DeskRedirect(location: "/desk/batches/\(outcome.run.id)").response
    }

    struct BatchBody {
        struct FillRow { let campaign: String; let slots: String; let filled: String; let candidates: String; let bound: String }
        struct PairRow { let creator: String; let campaign: String; let score: String; let state: String }
        let id: String
        let facts: [Fact]
        let certificate: String
        let certified: Bool
        let fills: [FillRow]
        let compareField: String
        let diff: [Fact]
        let added: [PairRow]
        let removed: [PairRow]
    }

    /// A stored run: its certificate, fill per campaign, and a comparison with another run (`?compare=`). Managers only.
    func batch(_ request: Request, _ context: APIContext) async throws -> DeskRendered {
        let caller = try caller(context).requireManager()
        guard let id = Int64(try context.pathParameter("id")) else { throw DomainError.notFound("unknown batch run") }
        let compare = try query(request, "compare").map { text -> Int64 in
            guard let n = Int64(text) else { throw DomainError.invalid("compare: a run id", .parameter("compare")) }
            return n
        }
        let (detail, diff) = try await services.run { useCases in
            (try useCases.batchRun(id, caller: caller), try compare.map { try useCases.batchDiff(from: $0, to: id, caller: caller) })
        }
        let r = detail.run
        let facts = [
            Fact(label: "Week", value: r.week), Fact(label: "Objective", value: String(format: "%.4f", r.objective)),
            Fact(label: "Matches", value: DeskFormat.int(r.assignments)), Fact(label: "Creators used", value: DeskFormat.int(r.creatorsUsed)),
            Fact(label: "Campaigns", value: DeskFormat.int(r.campaigns)), Fact(label: "Candidate pairs", value: DeskFormat.int(r.candidates)),
            Fact(label: "Took", value: "\(DeskFormat.int(r.durationMs)) ms"), Fact(label: "Run at", value: format.instant(r.createdAt)),
            Fact(label: "Profile", value: r.profile), Fact(label: "Inputs fingerprint", value: r.inputsHash),
        ] + (r.supersededBy.map { [Fact(label: "Superseded by", value: "run \($0)")] } ?? [])
        func pair(_ p: BatchMatch) -> BatchBody.PairRow { .init(creator: p.creator, campaign: p.campaign, score: DeskFormat.score(p.score), state: p.state) }
        let body = BatchBody(
            id: String(r.id), facts: facts, certificate: r.certificate?.statement ?? "stored before certificates", certified: r.certificate?.optimal ?? false,
            fills: detail.fills.map { .init(campaign: $0.campaign, slots: DeskFormat.int($0.slots), filled: DeskFormat.int($0.filled), candidates: DeskFormat.int($0.candidates), bound: $0.bound) },
            compareField: compare.map(String.init) ?? "",
            diff: diff.map { d in [
                Fact(label: "Objective change", value: String(format: "%+.4f", d.objectiveDelta)),
                Fact(label: "Pairs added / removed / kept", value: "\(DeskFormat.int(d.added.count)) / \(DeskFormat.int(d.removed.count)) / \(DeskFormat.int(d.kept))"),
            ] } ?? [],
            added: (diff?.added ?? []).prefix(50).map(pair), removed: (diff?.removed ?? []).prefix(50).map(pair))
        return DeskRendered(template: "batch", page: DeskPage(title: "Batch run \(r.id)", session: context.deskSession, current: "batches", body: body))
    }
}
