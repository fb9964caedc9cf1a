import Foundation
import StarMatchCore
import Testing

// Shared fixtures for the StarMatchCore tests: fixed instants, a creator factory with eligible defaults,
// shops, campaigns, content events, violations, sales and a reference-lookup stub for the import validator.

/// The default policy (the defaults of docs/rules.md).
let defaultPolicy = Policy()

/// The Pacific quota time zone of P-WEEK.
let pacific = TimeZone(identifier: "America/Los_Angeles")!

/// A fixed instant from an ISO 8601 literal. A typo in a fixture is recorded as a test issue.
func at(_ raw: String, sourceLocation: SourceLocation = #_sourceLocation) -> Date {
    guard let date = Timestamp.parse(raw) else {
        Issue.record("fixture timestamp '\(raw)' does not parse", sourceLocation: sourceLocation)
        return Date(timeIntervalSince1970: 0)
    }
    return date
}

/// A calendar day from `YYYY-MM-DD`.
func day(_ raw: String, sourceLocation: SourceLocation = #_sourceLocation) -> CalendarDay {
    guard let d = CalendarDay(iso: raw) else {
        Issue.record("fixture day '\(raw)' does not parse", sourceLocation: sourceLocation)
        return CalendarDay(year: 2000, month: 1, day: 1)!
    }
    return d
}

let hour: TimeInterval = 3_600
let dayLength: TimeInterval = 86_400

/// "Now" for tests that do not care about the instant: Monday 2026-06-15, 12:00 UTC.
let now = at("2026-06-15T12:00:00Z")

/// A creator that is eligible everywhere under the default policy at `now`: an experienced affiliate
/// (not in the pilot) with 10,000 followers in the US, adult, age confirmed in time, verified.
func makeCreator(
    id: CreatorID = "c1",
    kind: Creator.Kind = .affiliate,
    followers: Int = 10_000,
    region: String = "US",
    birthDate: CalendarDay = CalendarDay(year: 1995, month: 5, day: 5)!,
    registeredAt: Date = at("2026-01-10T00:00:00Z"),
    ageConfirmedAt: Date? = at("2026-01-20T00:00:00Z"),
    identityVerified: Bool = true,
    identityDocument: String? = "doc-1",
    gpppa: Bool = false,
    ecommerceRevoked: Bool = false,
    linkedToSeriousViolator: Bool = false,
    policiesAccepted: Bool = true,
    boundShop: ShopID? = nil,
    niches: [CategoryPath] = ["beauty/skincare"],
    pilotStartedAt: Date? = nil,
    quizPassedAt: Date? = nil
) -> Creator {
    Creator(
        id: id, handle: "handle_\(id)", kind: kind, followers: followers, region: region, birthDate: birthDate,
        registeredAt: registeredAt, ageConfirmedAt: ageConfirmedAt, identityVerified: identityVerified,
        identityDocument: identityDocument, gpppa: gpppa, ecommerceRevoked: ecommerceRevoked,
        linkedToSeriousViolator: linkedToSeriousViolator, policiesAccepted: policiesAccepted, boundShop: boundShop,
        niches: niches, pilotStartedAt: pilotStartedAt, quizPassedAt: quizPassedAt)
}

/// The start of the pilot used by pilot fixtures (before the P-WEEK weeks of March 2026).
let pilotStart = at("2026-03-01T00:00:00Z")

/// An affiliate new to affiliate marketing, in the 30-day pilot (P-ENTER) from `pilotStart`.
func makePilotCreator(followers: Int = 2_000, pilotStartedAt: Date = pilotStart, quizPassedAt: Date? = nil) -> Creator {
    makeCreator(followers: followers, pilotStartedAt: pilotStartedAt, quizPassedAt: quizPassedAt)
}

func makeShop(id: ShopID = "sh1", score: Double = 99, region: String = "US") -> Shop {
    Shop(id: id, name: "Shop \(id)", region: region, score: score, categories: ["beauty/skincare"])
}

func makeCampaign(
    id: CampaignID = "k1", shop: ShopID = "sh1", kind: Campaign.Kind = .sample,
    startsAt: Date = at("2026-01-01T00:00:00Z"), endsAt: Date = at("2027-01-01T00:00:00Z"),
    minFollowers: Int? = nil, regions: [String] = []
) -> Campaign {
    Campaign(
        id: id, shop: shop, name: "Campaign \(id)", kind: kind, categories: ["beauty/skincare"], slots: 10,
        startsAt: startsAt, endsAt: endsAt, commissionPercent: 12, minFollowers: minFollowers, regions: regions)
}

/// A content event; the event id is derived from the content, action and instant.
func contentEvent(
    _ content: ContentID, _ medium: ContentEvent.Medium = .video, _ action: ContentEvent.Action = .published,
    at instant: Date, seconds: Int? = nil, isPrivate: Bool = false, shoppable: Bool = true, creator: CreatorID = "c1"
) -> ContentEvent {
    ContentEvent(
        id: ContentEventID("\(content)-\(action.rawValue)-\(Int(instant.timeIntervalSince1970))"), creator: creator,
        content: content, medium: medium, action: action, at: instant, durationSeconds: seconds,
        isPrivate: isPrivate, shoppable: shoppable)
}

/// `count` shoppable publications of `medium`, one per hour from `start`, with the given length.
func publications(_ count: Int, _ medium: ContentEvent.Medium = .video, from start: Date, seconds: Int? = nil, prefix: String = "v") -> [ContentEvent] {
    (0..<count).map { n in
        contentEvent(ContentID("\(prefix)\(n)"), medium, .published, at: start.addingTimeInterval(Double(n) * hour), seconds: seconds)
    }
}

func violation(_ points: Int, at instant: Date, kind: Violation.Kind = .spam, id: String = "x1") -> Violation {
    Violation(id: ViolationID(id), creator: "c1", kind: kind, points: points, at: instant)
}

func sale(_ id: String = "s1", orders: Int, returned: Int = 0, at instant: Date) -> Sale {
    Sale(
        id: SaleID(id), creator: "c1", shop: "sh1", category: "beauty/skincare", orderedAt: instant, orders: orders,
        returnedOrders: returned, gmvMinor: Int64(orders) * 1_000)
}

extension EligibilityReport {
    /// The checks of one rule.
    func checks(of rule: RuleID) -> [Check] { checks.filter { $0.rule == rule } }

    /// The outcome of `rule` when exactly one check names it; `nil` when none does (or several do).
    func outcome(of rule: RuleID) -> Check.Outcome? {
        let found = checks(of: rule)
        return found.count == 1 ? found[0].outcome : nil
    }

    /// The refused rules, as a set.
    var refusedRules: Set<RuleID> { Set(refusals.map(\.rule)) }
}

/// Eligibility for the marketplace, with the standing derived from `facts` at `instant`.
func marketplaceReport(_ creator: Creator, facts: CreatorFacts = CreatorFacts(), at instant: Date = now, policy: Policy = defaultPolicy) -> EligibilityReport {
    policy.eligibility(creator, standing: policy.standing(of: creator, facts: facts, at: instant), at: instant)
}

/// Eligibility for a sample match with `shop`.
func sampleReport(_ creator: Creator, from shop: Shop = makeShop(), facts: CreatorFacts = CreatorFacts(), at instant: Date = now, policy: Policy = defaultPolicy) -> EligibilityReport {
    policy.eligibility(creator, standing: policy.standing(of: creator, facts: facts, at: instant), sampleFrom: shop, at: instant)
}

/// Eligibility for `campaign` of `shop`.
func campaignReport(_ creator: Creator, _ campaign: Campaign = makeCampaign(), shop: Shop = makeShop(), facts: CreatorFacts = CreatorFacts(), at instant: Date = now, policy: Policy = defaultPolicy) -> EligibilityReport {
    policy.eligibility(creator, standing: policy.standing(of: creator, facts: facts, at: instant), for: campaign, shop: shop, at: instant)
}

/// A `ReferenceLookup` over fixed sets.
struct StubRefs: ReferenceLookup {
    var categories: Set<CategoryPath> = ["beauty", "beauty/skincare", "home", "home/kitchen"]
    var shops: Set<ShopID> = ["sh1", "sh2"]
    var creators: Set<CreatorID> = ["c1"]
    var campaigns: Set<CampaignID> = ["k1"]

    func hasCategory(_ path: CategoryPath) -> Bool { categories.contains(path) }
    func hasShop(_ id: ShopID) -> Bool { shops.contains(id) }
    func hasCreator(_ id: CreatorID) -> Bool { creators.contains(id) }
    /// Every stub campaign is shop sh1's.
    func campaignShop(_ id: CampaignID) -> ShopID? { campaigns.contains(id) ? "sh1" : nil }
    /// Products by id: shop and category.
    var products: [ProductID: ProductReference] = ["p1": ProductReference(shop: "sh1", category: "beauty/skincare")]
    func product(_ id: ProductID) -> ProductReference? { products[id] }
    /// E-HANDLE: handle keys already held, by creator.
    var handles: [String: CreatorID] = [:]
    func creatorHolding(handleKey: String, other id: CreatorID) -> CreatorID? { handles[handleKey].flatMap { $0 == id ? nil : $0 } }
}

/// A raw row of `kind` from column name → value; columns not named are absent. Unknown names are test bugs.
func rawRow(_ kind: ImportKind, line: Int = 2, _ values: [String: String], sourceLocation: SourceLocation = #_sourceLocation) -> RawRow {
    let names = kind.columns.map(\.name)
    for key in values.keys where !names.contains(key) {
        Issue.record("fixture names unknown \(kind.rawValue) column '\(key)'", sourceLocation: sourceLocation)
    }
    return RawRow(line: line, fields: names.map { values[$0] })
}

/// A creator row that validates: an experienced, verified US affiliate.
let goodCreatorFields: [String: String] = [
    "id": "c9", "handle": "creator_9", "kind": "affiliate", "followers": "1200", "region": "US",
    "birth_date": "1999-04-30", "registered_at": "2026-01-10T08:00:00Z", "age_confirmed_at": "2026-01-12T08:00:00Z",
    "identity_verified": "true", "identity_document": "doc-9", "policies_accepted": "true", "niches": "beauty/skincare",
]

/// A sale row that validates.
let goodSaleFields: [String: String] = [
    "id": "s9", "creator": "c1", "shop": "sh1", "category": "beauty/skincare", "ordered_at": "2026-05-01T10:00:00Z",
    "orders": "12", "returned_orders": "2", "gmv_minor": "12000", "currency": "USD",
]

extension Result {
    /// The failure's issues, or `[]` on success.
    var issues: [RowIssue] {
        if case .failure(let failure) = self, let issues = failure as? RowIssues { return issues.issues }
        return []
    }
    var value: Success? {
        if case .success(let v) = self { return v }
        return nil
    }
}
