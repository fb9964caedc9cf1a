import Mustache

/// A page model that tells Mustache its fields by key path: a lookup is a dictionary hit instead of a `Mirror` of the
/// whole model (swift-mustache reflects an object once per variable and per context level; with `Mirror`, rendering
/// took twice as long as the page's own queries at 1M creators, Benchmarks/README.md). Each model lists every stored
/// property in `fields`; in debug builds a name missing from the table that is a stored property stops the run
/// (`DeskTests` and `Tests/desk-e2e.sh` render every template with the debug build), so a field left out cannot
/// render as blank unnoticed. The tables are `nonisolated(unsafe)`: key paths are immutable values that Swift 6 does
/// not mark `Sendable`, and a table is never written after it is made.
protocol DeskModel: MustacheParent {
    static var fields: [String: PartialKeyPath<Self>] { get }
}

extension DeskModel {
    func child(named name: String) -> Any? {
        guard let path = Self.fields[name] else {
            assert(!Mirror(reflecting: self).children.contains { $0.label == name }, "\(Self.self).fields lacks \(name)")
            return nil
        }
        let value = self[keyPath: path]
        // Mustache treats nil as absent (a closed section), as it does for a Mirror's optional.
        if let optional = value as? any DeskOptional { return optional.unwrapped }
        return value
    }
}

protocol DeskOptional { var unwrapped: Any? { get } }
extension Optional: DeskOptional { var unwrapped: Any? { map { $0 as Any } } }

extension DeskPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "signedIn": signedIn
        case "who": who
        case "csrf": csrf
        case "isManager": isManager
        case "nav": nav
        case "body": body
        default:
            { assert(!Mirror(reflecting: self).children.contains { $0.label == name }, "DeskPage lacks \(name)"); return nil }()
        }
    }
}

extension ActionButton: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ActionButton>] = ["action": \ActionButton.action, "label": \ActionButton.label, "href": \ActionButton.href]
}

extension CheckRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<CheckRow>] = ["rule": \CheckRow.rule, "outcome": \CheckRow.outcome, "refused": \CheckRow.refused, "message": \CheckRow.message]
}

extension ComponentRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ComponentRow>] = ["name": \ComponentRow.name, "input": \ComponentRow.input, "value": \ComponentRow.value, "weight": \ComponentRow.weight, "contribution": \ComponentRow.contribution]
}

extension DeskLink: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskLink>] = ["href": \DeskLink.href, "label": \DeskLink.label, "current": \DeskLink.current]
}

extension DeskPages.BatchBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.BatchBody>] = ["id": \DeskPages.BatchBody.id, "facts": \DeskPages.BatchBody.facts, "certificate": \DeskPages.BatchBody.certificate, "certified": \DeskPages.BatchBody.certified, "fills": \DeskPages.BatchBody.fills, "compareField": \DeskPages.BatchBody.compareField, "diff": \DeskPages.BatchBody.diff, "added": \DeskPages.BatchBody.added, "removed": \DeskPages.BatchBody.removed]
}

extension DeskPages.BatchBody.FillRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.BatchBody.FillRow>] = ["campaign": \DeskPages.BatchBody.FillRow.campaign, "slots": \DeskPages.BatchBody.FillRow.slots, "filled": \DeskPages.BatchBody.FillRow.filled, "candidates": \DeskPages.BatchBody.FillRow.candidates, "bound": \DeskPages.BatchBody.FillRow.bound]
}

extension DeskPages.BatchBody.PairRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.BatchBody.PairRow>] = ["creator": \DeskPages.BatchBody.PairRow.creator, "campaign": \DeskPages.BatchBody.PairRow.campaign, "score": \DeskPages.BatchBody.PairRow.score, "state": \DeskPages.BatchBody.PairRow.state]
}

extension DeskPages.BatchesBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.BatchesBody>] = ["week": \DeskPages.BatchesBody.week, "rows": \DeskPages.BatchesBody.rows]
}

extension DeskPages.BatchesBody.Row: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.BatchesBody.Row>] = ["id": \DeskPages.BatchesBody.Row.id, "week": \DeskPages.BatchesBody.Row.week, "objective": \DeskPages.BatchesBody.Row.objective, "assignments": \DeskPages.BatchesBody.Row.assignments, "creators": \DeskPages.BatchesBody.Row.creators, "campaigns": \DeskPages.BatchesBody.Row.campaigns, "certified": \DeskPages.BatchesBody.Row.certified, "created": \DeskPages.BatchesBody.Row.created, "superseded": \DeskPages.BatchesBody.Row.superseded]
}

extension DeskPages.CampaignBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CampaignBody>] = ["id": \DeskPages.CampaignBody.id, "facts": \DeskPages.CampaignBody.facts, "isManager": \DeskPages.CampaignBody.isManager, "canEdit": \DeskPages.CampaignBody.canEdit, "shortlist": \DeskPages.CampaignBody.shortlist, "shortlistAt": \DeskPages.CampaignBody.shortlistAt, "whyField": \DeskPages.CampaignBody.whyField, "why": \DeskPages.CampaignBody.why, "whyProblem": \DeskPages.CampaignBody.whyProblem, "matches": \DeskPages.CampaignBody.matches, "performance": \DeskPages.CampaignBody.performance]
}

extension DeskPages.CampaignBody.ShortRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CampaignBody.ShortRow>] = ["rank": \DeskPages.CampaignBody.ShortRow.rank, "creator": \DeskPages.CampaignBody.ShortRow.creator, "handle": \DeskPages.CampaignBody.ShortRow.handle, "kind": \DeskPages.CampaignBody.ShortRow.kind, "region": \DeskPages.CampaignBody.ShortRow.region, "followers": \DeskPages.CampaignBody.ShortRow.followers, "score": \DeskPages.CampaignBody.ShortRow.score, "components": \DeskPages.CampaignBody.ShortRow.components]
}

extension DeskPages.CampaignFormBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CampaignFormBody>] = ["action": \DeskPages.CampaignFormBody.action, "isNew": \DeskPages.CampaignFormBody.isNew, "isManager": \DeskPages.CampaignFormBody.isManager, "shop": \DeskPages.CampaignFormBody.shop, "name": \DeskPages.CampaignFormBody.name, "kindSample": \DeskPages.CampaignFormBody.kindSample, "categories": \DeskPages.CampaignFormBody.categories, "slots": \DeskPages.CampaignFormBody.slots, "startsAt": \DeskPages.CampaignFormBody.startsAt, "endsAt": \DeskPages.CampaignFormBody.endsAt, "commissionPercent": \DeskPages.CampaignFormBody.commissionPercent, "minFollowers": \DeskPages.CampaignFormBody.minFollowers, "regions": \DeskPages.CampaignFormBody.regions, "products": \DeskPages.CampaignFormBody.products, "zone": \DeskPages.CampaignFormBody.zone, "errors": \DeskPages.CampaignFormBody.errors]
}

extension DeskPages.CampaignsBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CampaignsBody>] = ["rows": \DeskPages.CampaignsBody.rows, "openOnly": \DeskPages.CampaignsBody.openOnly, "shop": \DeskPages.CampaignsBody.shop, "isManager": \DeskPages.CampaignsBody.isManager, "next": \DeskPages.CampaignsBody.next]
}

extension DeskPages.CampaignsBody.Row: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CampaignsBody.Row>] = ["id": \DeskPages.CampaignsBody.Row.id, "name": \DeskPages.CampaignsBody.Row.name, "shop": \DeskPages.CampaignsBody.Row.shop, "kind": \DeskPages.CampaignsBody.Row.kind, "categories": \DeskPages.CampaignsBody.Row.categories, "slots": \DeskPages.CampaignsBody.Row.slots, "starts": \DeskPages.CampaignsBody.Row.starts, "ends": \DeskPages.CampaignsBody.Row.ends]
}

extension DeskPages.CategoryRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CategoryRow>] = ["category": \DeskPages.CategoryRow.category, "gmv": \DeskPages.CategoryRow.gmv, "kept": \DeskPages.CategoryRow.kept, "creators": \DeskPages.CategoryRow.creators]
}

extension DeskPages.CreatorBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CreatorBody>] = ["id": \DeskPages.CreatorBody.id, "handle": \DeskPages.CreatorBody.handle, "facts": \DeskPages.CreatorBody.facts, "standing": \DeskPages.CreatorBody.standing, "pilotLimits": \DeskPages.CreatorBody.pilotLimits, "missing": \DeskPages.CreatorBody.missing, "violations": \DeskPages.CreatorBody.violations, "quizzes": \DeskPages.CreatorBody.quizzes, "chrChart": \DeskPages.CreatorBody.chrChart, "campaignField": \DeskPages.CreatorBody.campaignField, "why": \DeskPages.CreatorBody.why, "whyProblem": \DeskPages.CreatorBody.whyProblem, "best": \DeskPages.CreatorBody.best, "tipsRefused": \DeskPages.CreatorBody.tipsRefused, "productTips": \DeskPages.CreatorBody.productTips, "campaignTips": \DeskPages.CreatorBody.campaignTips, "matches": \DeskPages.CreatorBody.matches, "commissions": \DeskPages.CreatorBody.commissions]
}

extension DeskPages.CreatorBody.CampaignRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CreatorBody.CampaignRow>] = ["id": \DeskPages.CreatorBody.CampaignRow.id, "name": \DeskPages.CreatorBody.CampaignRow.name, "shop": \DeskPages.CreatorBody.CampaignRow.shop, "kind": \DeskPages.CreatorBody.CampaignRow.kind, "score": \DeskPages.CreatorBody.CampaignRow.score, "components": \DeskPages.CreatorBody.CampaignRow.components]
}

extension DeskPages.CreatorBody.CommissionRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CreatorBody.CommissionRow>] = ["campaign": \DeskPages.CreatorBody.CommissionRow.campaign, "product": \DeskPages.CreatorBody.CommissionRow.product, "rate": \DeskPages.CreatorBody.CommissionRow.rate, "orders": \DeskPages.CreatorBody.CommissionRow.orders, "kept": \DeskPages.CreatorBody.CommissionRow.kept, "estimated": \DeskPages.CreatorBody.CommissionRow.estimated, "validated": \DeskPages.CreatorBody.CommissionRow.validated]
}

extension DeskPages.CreatorBody.TipRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CreatorBody.TipRow>] = ["title": \DeskPages.CreatorBody.TipRow.title, "detail": \DeskPages.CreatorBody.TipRow.detail, "why": \DeskPages.CreatorBody.TipRow.why]
}

extension DeskPages.CreatorBody.ViolationRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CreatorBody.ViolationRow>] = ["at": \DeskPages.CreatorBody.ViolationRow.at, "kind": \DeskPages.CreatorBody.ViolationRow.kind, "points": \DeskPages.CreatorBody.ViolationRow.points, "appealed": \DeskPages.CreatorBody.ViolationRow.appealed]
}

extension DeskPages.CreatorsBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CreatorsBody>] = ["handle": \DeskPages.CreatorsBody.handle, "niche": \DeskPages.CreatorsBody.niche, "region": \DeskPages.CreatorsBody.region, "minFollowers": \DeskPages.CreatorsBody.minFollowers, "searched": \DeskPages.CreatorsBody.searched, "rows": \DeskPages.CreatorsBody.rows, "next": \DeskPages.CreatorsBody.next]
}

extension DeskPages.CreatorsBody.Row: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.CreatorsBody.Row>] = ["id": \DeskPages.CreatorsBody.Row.id, "handle": \DeskPages.CreatorsBody.Row.handle, "kind": \DeskPages.CreatorsBody.Row.kind, "region": \DeskPages.CreatorsBody.Row.region, "followers": \DeskPages.CreatorsBody.Row.followers, "niches": \DeskPages.CreatorsBody.Row.niches]
}

extension DeskPages.DropRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.DropRow>] = ["creator": \DeskPages.DropRow.creator, "handle": \DeskPages.DropRow.handle, "from": \DeskPages.DropRow.from, "to": \DeskPages.DropRow.to, "violations": \DeskPages.DropRow.violations]
}

extension DeskPages.MatchBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.MatchBody>] = ["id": \DeskPages.MatchBody.id, "facts": \DeskPages.MatchBody.facts, "history": \DeskPages.MatchBody.history, "outcome": \DeskPages.MatchBody.outcome, "actions": \DeskPages.MatchBody.actions]
}

extension DeskPages.MatchBody.Event: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.MatchBody.Event>] = ["at": \DeskPages.MatchBody.Event.at, "from": \DeskPages.MatchBody.Event.from, "to": \DeskPages.MatchBody.Event.to, "actor": \DeskPages.MatchBody.Event.actor, "note": \DeskPages.MatchBody.Event.note]
}

extension DeskPages.MatchesBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.MatchesBody>] = ["tabs": \DeskPages.MatchesBody.tabs, "state": \DeskPages.MatchesBody.state, "back": \DeskPages.MatchesBody.back, "matches": \DeskPages.MatchesBody.matches, "next": \DeskPages.MatchesBody.next]
}

extension DeskPages.MatchesBody.Tab: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.MatchesBody.Tab>] = ["state": \DeskPages.MatchesBody.Tab.state, "href": \DeskPages.MatchesBody.Tab.href, "current": \DeskPages.MatchesBody.Tab.current]
}

extension DeskPages.PilotRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.PilotRow>] = ["creator": \DeskPages.PilotRow.creator, "handle": \DeskPages.PilotRow.handle, "state": \DeskPages.PilotRow.state, "missing": \DeskPages.PilotRow.missing, "closeness": \DeskPages.PilotRow.closeness]
}

extension DeskPages.ProductRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.ProductRow>] = ["product": \DeskPages.ProductRow.product, "name": \DeskPages.ProductRow.name, "shop": \DeskPages.ProductRow.shop, "category": \DeskPages.ProductRow.category, "gmv": \DeskPages.ProductRow.gmv, "kept": \DeskPages.ProductRow.kept, "creators": \DeskPages.ProductRow.creators]
}

extension DeskPages.WeekBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.WeekBody>] = ["week": \DeskPages.WeekBody.week, "range": \DeskPages.WeekBody.range, "judged": \DeskPages.WeekBody.judged, "hasBatch": \DeskPages.WeekBody.hasBatch, "batchHeadline": \DeskPages.WeekBody.batchHeadline, "certificate": \DeskPages.WeekBody.certificate, "certified": \DeskPages.WeekBody.certified, "histogram": \DeskPages.WeekBody.histogram, "histogramLabel": \DeskPages.WeekBody.histogramLabel, "unfilled": \DeskPages.WeekBody.unfilled, "matchesByState": \DeskPages.WeekBody.matchesByState, "pilotRows": \DeskPages.WeekBody.pilotRows, "drops": \DeskPages.WeekBody.drops, "products": \DeskPages.WeekBody.products, "categories": \DeskPages.WeekBody.categories, "outcomes": \DeskPages.WeekBody.outcomes]
}

extension DeskPages.WhyBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<DeskPages.WhyBody>] = ["creator": \DeskPages.WhyBody.creator, "campaign": \DeskPages.WhyBody.campaign, "eligible": \DeskPages.WhyBody.eligible, "verdict": \DeskPages.WhyBody.verdict, "checks": \DeskPages.WhyBody.checks, "score": \DeskPages.WhyBody.score, "components": \DeskPages.WhyBody.components]
}

extension ErrorBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ErrorBody>] = ["status": \ErrorBody.status, "title": \ErrorBody.title, "detail": \ErrorBody.detail, "errors": \ErrorBody.errors]
}

extension ErrorBody.Field: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<ErrorBody.Field>] = ["field": \ErrorBody.Field.field, "rule": \ErrorBody.Field.rule, "detail": \ErrorBody.Field.detail]
}

extension Fact: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<Fact>] = ["label": \Fact.label, "value": \Fact.value]
}

extension MatchRow: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<MatchRow>] = ["id": \MatchRow.id, "creator": \MatchRow.creator, "campaign": \MatchRow.campaign, "state": \MatchRow.state, "source": \MatchRow.source, "score": \MatchRow.score, "created": \MatchRow.created, "expires": \MatchRow.expires, "actions": \MatchRow.actions]
}

extension SignInBody: DeskModel {
    nonisolated(unsafe) static let fields: [String: PartialKeyPath<SignInBody>] = ["csrf": \SignInBody.csrf, "problem": \SignInBody.problem, "next": \SignInBody.next]
}
