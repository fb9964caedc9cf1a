import Foundation
import GRDB
import StarMatchCore
@testable import StarMatchStore
import Testing

// The scoring state maintained at write time (issue 13) against history: random sequences of every kind of
// write, the settled boundary moving both ways, and after each step `check --scoring` plus shortlists and
// matches compared with a brute-force ranking of the population built from history alone.
//
// Replay one sequence: SCORING_PROP_SEED=<seed> swift test --filter ScoringStateTests
// More sequences: SCORING_PROP_SEQUENCES=200 (and SCORING_PROP_STEPS=40).

/// SplitMix64: a tiny deterministic generator.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The store's settle clock, moved by the test.
final class MovableClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ start: Date) { value = start }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// A difference between the state and brute force, or a failed step.
struct ScenarioFailure: Error, CustomStringConvertible {
    var description: String
}

/// One random sequence of writes against one in-memory store.
final class ScoringScenario {
    let seed: UInt64
    var rng: SplitMix64
    let base: Date
    let clock: MovableClock
    let store: StarMatchStore
    let profiles = [ScoringProfile(), ScoringProfile(salesHalfLifeDays: 60)]
    var log: [String] = []
    var categories: [CategoryPath] = ["beauty", "beauty/skincare", "beauty/makeup", "home", "home/kitchen", "toys", "toys/puzzles"]
    var shops: [Shop] = []
    var campaigns: [Campaign] = []
    var creatorIDs: [CreatorID] = []
    var sales: [SaleID: Sale] = [:]
    var saleOrder: [SaleID] = []
    /// Violations written, for appeals (H-POINTS).
    var violationIDs: [ViolationID] = []
    var serial = 0
    let dir: TempDir
    /// Counts of steps that did something, by kind (to see the sequences exercise every path).
    var done: [String: Int] = [:]

    /// Reads through the in-memory follower (`followScoringState()`), compared with the disk reads too.
    let follow: Bool

    /// The backend the scenario's store runs on (issue 19: the state is kept the same way on both).
    let backend: TestBackend

    init(seed: UInt64, follow: Bool = false, backend: TestBackend = .sqlite) throws {
        self.seed = seed
        self.follow = follow
        self.backend = backend
        rng = SplitMix64(seed: seed)
        // Odd seeds run just before an era boundary of the 60-day half-life (eras of 1,920 days: day 21,120 since
        // 1970 is 2027-10-28), so sales, instants and settled boundaries straddle eras; even seeds mid-2026.
        base = seed % 2 == 1 ? Date(timeIntervalSince1970: 21_120 * 86_400 - 40 * 86_400) : Timestamp.parse("2026-06-15T12:00:00Z")!
        clock = MovableClock(base)
        let clock = self.clock
        dir = try TempDir()
        switch backend {
        case .sqlite:
            store = try StarMatchStore(inMemory: PolicyConfig(), scoringProfiles: profiles, settleClock: { clock.now })
        case .postgres:
            let pg = try TestPostgres()
            dir.cleanups.append { pg.drop() }
            store = try StarMatchStore(postgres: pg.location, scoringProfiles: profiles, settleClock: { clock.now })
        }
        if follow { store.followScoringState() }
    }

    // MARK: Random values

    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
    /// `base` ± `days`, at a random whole second.
    func instant(within days: Int) -> Date {
        base.addingTimeInterval(Double(int(-days * 86_400...days * 86_400)))
    }
    func next(_ prefix: String) -> String {
        serial += 1
        return "\(prefix)-\(serial)"
    }

    // MARK: Entities

    func setUp() throws {
        _ = try store.writeRecords(.categories, records: categories.map { .category(Category(path: $0, name: $0.rawValue)) }, mode: .create)
        shops = [
            Shop(id: "sh-a", name: "A", region: "US", score: 96.5, categories: ["beauty/skincare", "beauty/makeup"]),
            Shop(id: "sh-b", name: "B", region: "GB", score: 80, categories: ["home/kitchen"]),
            Shop(id: "sh-c", name: "C", region: "US", score: 99, categories: ["toys"]),
        ]
        _ = try store.writeRecords(.shops, records: shops.map { .shop($0) }, mode: .create)
        func days(_ n: Double) -> Date { base.addingTimeInterval(n * 86_400) }
        campaigns = [
            Campaign(id: "cp-1", shop: "sh-a", name: "1", kind: .sample, categories: ["beauty/skincare"], slots: 5,
                     startsAt: days(-300), endsAt: days(300), commissionPercent: 10),
            Campaign(id: "cp-2", shop: "sh-a", name: "2", kind: .discount, categories: ["beauty/skincare", "beauty/makeup"], slots: 5,
                     startsAt: days(-100), endsAt: days(100), commissionPercent: 20, minFollowers: 5_000),
            Campaign(id: "cp-3", shop: "sh-b", name: "3", kind: .sample, categories: ["home/kitchen"], slots: 5,
                     startsAt: days(-300), endsAt: days(300), commissionPercent: 10, regions: ["GB"]),
            Campaign(id: "cp-4", shop: "sh-c", name: "4", kind: .sample, categories: ["toys"], slots: 5,
                     startsAt: days(-50), endsAt: days(250), commissionPercent: 5),
            Campaign(id: "cp-5", shop: "sh-b", name: "5", kind: .discount, categories: ["home", "toys/puzzles"], slots: 5,
                     startsAt: days(-300), endsAt: days(300), commissionPercent: 15),
        ]
        _ = try store.writeRecords(.campaigns, records: campaigns.map { .campaign($0) }, mode: .create)
        _ = try store.writeRecords(.creators, records: (0..<3).map { _ in .creator(randomCreator()) }, mode: .create)
        log.append("setup: 7 categories, 3 shops, 5 campaigns, creators \(creatorIDs)")
    }

    func randomCreator(id: CreatorID? = nil) -> Creator {
        // Ids of every allowed shape (case, separators, lengths) so id order is exercised, not only "cr-N".
        let id = id ?? CreatorID(next(pick(["cr", "cr", "CR", "Cr", "c.x", "c_y", "c:z", "Z9"])))
        if !creatorIDs.contains(id) { creatorIDs.append(id) }
        let kind = pick([Creator.Kind.affiliate, .affiliate, .affiliate, .standard, .officialShop, .marketing])
        let registered = instant(within: 300).addingTimeInterval(-100 * 86_400)
        let verified = chance(0.85)
        let document: String? = verified || chance(0.3) ? (chance(0.6) ? "doc-\(int(0...3))" : "doc-\(id)") : nil
        let pilot = kind == .affiliate && chance(0.45) ? registered.addingTimeInterval(Double(int(0...20 * 86_400))) : nil
        return Creator(
            id: id, handle: "h \(id)", kind: kind, followers: pick([200, 1_500, 3_000, 4_900, 8_000, 50_000]),
            region: pick(["US", "US", "GB", "FR"]), birthDate: CalendarDay(year: pick([1990, 2001, 2009]), month: 5, day: 5)!,
            registeredAt: registered, ageConfirmedAt: chance(0.85) ? registered.addingTimeInterval(Double(int(0...10 * 86_400))) : nil,
            identityVerified: verified && document != nil, identityDocument: document, gpppa: chance(0.05), ecommerceRevoked: chance(0.05),
            linkedToSeriousViolator: chance(0.05), policiesAccepted: chance(0.95), boundShop: kind.isShopBound ? pick(shops).id : nil,
            niches: (0..<int(0...2)).map { _ in pick(categories) }, pilotStartedAt: pilot, quizPassedAt: nil)
    }

    func randomSale(creator: CreatorID? = nil) -> Sale {
        let orders = pick([0, 1, 2, 5, 12, 30])
        let id = SaleID(next("sa")), seller = creator ?? pick(creatorIDs), shop = pick(shops).id
        // A line sold under a campaign is its shop's (the draws stay as they were).
        let campaign = chance(0.2) ? pick(campaigns) : nil
        return Sale(
            id: id, creator: seller, shop: campaign?.shop ?? shop, campaign: campaign?.id,
            category: pick(categories), orderedAt: instant(within: 200), orders: orders,
            returnedOrders: chance(0.3) ? int(0...orders) : 0, gmvMinor: Int64(int(0...400_000)), currency: pick(["USD", "USD", "GBP", "EUR"]))
    }

    func remember(_ sale: Sale) {
        if sales[sale.id] == nil { saleOrder.append(sale.id) }
        sales[sale.id] = sale
    }

    // MARK: Steps

    func step() throws {
        let kinds: [(String, Int)] = [
            ("creators", 12), ("sales", 20), ("replace sale", 10), ("replace creator", 8), ("violation", 6), ("content", 7),
            ("import", 8), ("match", 9), ("quiz", 5), ("policy quiz", 4), ("appeal", 4), ("clock", 10), ("horizon", 4), ("category", 1),
        ]
        var roll = int(0...kinds.map(\.1).reduce(0, +) - 1)
        var kind = kinds[0].0
        for (k, w) in kinds {
            if roll < w { kind = k; break }
            roll -= w
        }
        switch kind {
        case "creators":
            let made = (0..<int(1...3)).map { _ in randomCreator() }
            _ = try store.writeRecords(.creators, records: made.map { .creator($0) }, mode: .create)
            log.append("create creators \(made.map { "\($0.id) \($0.kind) doc \($0.identityDocument ?? "-") reg \(Timestamp.format($0.registeredAt)) pilot \($0.pilotStartedAt.map(Timestamp.format) ?? "-")" })")
        case "sales":
            let made = (0..<int(1...4)).map { _ in randomSale() }
            _ = try store.writeRecords(.sales, records: made.map { .sale($0) }, mode: .create)
            made.forEach(remember)
            log.append("create sales \(made.map(describe))")
        case "replace sale":
            guard !saleOrder.isEmpty else { return }
            var sale = sales[pick(saleOrder)]!
            let old = describe(sale)
            switch int(0...3) {
            case 0: sale.creator = pick(creatorIDs)
            case 1: sale.orderedAt = instant(within: 200)
            case 2: sale.gmvMinor = Int64(int(0...400_000)); sale.orders = int(0...20); sale.returnedOrders = int(0...sale.orders)
            default:
                sale.creator = pick(creatorIDs); sale.orderedAt = instant(within: 200); sale.category = pick(categories)
                sale.currency = pick(["USD", "GBP", "EUR"])
            }
            _ = try store.writeRecords(.sales, records: [.sale(sale)], mode: .replace)
            remember(sale)
            log.append("replace sale \(old) -> \(describe(sale))")
        case "replace creator":
            var c = try #require(try store.creator(pick(creatorIDs)))
            let old = "\(c.kind) doc \(c.identityDocument ?? "-") reg \(Timestamp.format(c.registeredAt))"
            switch int(0...3) {
            case 0:
                c.identityDocument = chance(0.8) ? "doc-\(int(0...3))" : nil
                if c.identityDocument == nil { c.identityVerified = false }
            case 1:
                // Earlier or later, never past the instants that must follow it.
                let latest = [c.ageConfirmedAt, c.pilotStartedAt].compactMap { $0 }.min() ?? base.addingTimeInterval(300 * 86_400)
                c.registeredAt = min(latest, c.registeredAt.addingTimeInterval(Double(int(-100 * 86_400...100 * 86_400))))
            case 2:
                c.kind = pick(Creator.Kind.allCases)
                c.boundShop = c.kind.isShopBound ? pick(shops).id : nil
                if c.kind != .affiliate { c.pilotStartedAt = nil; c.quizPassedAt = nil }
                if c.kind == .affiliate && c.pilotStartedAt == nil && chance(0.5) { c.pilotStartedAt = c.registeredAt.addingTimeInterval(86_400) }
            default:
                c.followers = pick([200, 1_500, 4_900, 8_000, 50_000]); c.niches = (0..<int(0...2)).map { _ in pick(categories) }
            }
            _ = try store.writeRecords(.creators, records: [.creator(c)], mode: .replace)
            log.append("replace creator \(c.id): \(old) -> \(c.kind) doc \(c.identityDocument ?? "-") reg \(Timestamp.format(c.registeredAt)) followers \(c.followers)")
        case "violation":
            let v = Violation(id: ViolationID(next("vi")), creator: pick(creatorIDs), kind: pick(Violation.Kind.allCases), points: int(1...40),
                              at: instant(within: 250))
            _ = try store.writeRecords(.violations, records: [.violation(v)], mode: .create)
            violationIDs.append(v.id)
            log.append("violation \(v.id) \(v.creator) \(v.points) at \(Timestamp.format(v.at))")
        case "policy quiz":
            // H-POINTS: a perfect score regains lost points, any other score nothing.
            let q = PolicyQuiz(id: QuizID(next("qz")), creator: pick(creatorIDs), at: instant(within: 250), score: chance(0.6) ? 100 : int(0...99))
            _ = try store.writeRecords(.quizzes, records: [.quiz(q)], mode: .create)
            log.append("policy quiz \(q.id) \(q.creator) \(q.score) at \(Timestamp.format(q.at))")
        case "appeal":
            guard !violationIDs.isEmpty else { return }
            let id = pick(violationIDs)
            guard let v = try store.violation(id), v.appealedAt == nil else { return }
            let at = v.at.addingTimeInterval(Double(int(0...60 * 86_400)))
            _ = try store.appealViolation(id, at: at)
            log.append("appeal \(id) at \(Timestamp.format(at))")
        case "content":
            let creator = try #require(try store.creator(pick(creatorIDs)))
            let start = creator.pilotStartedAt ?? instant(within: 250)
            let events = (0..<int(1...7)).map { _ in
                ContentEvent(id: ContentEventID(next("ce")), creator: creator.id, content: ContentID("v-\(int(0...9))"),
                             medium: pick([.video, .video, .live]), action: pick([.published, .published, .scheduled, .linkAdded, .deleted, .removed]),
                             at: start.addingTimeInterval(Double(int(0...25 * 86_400))), durationSeconds: chance(0.8) ? pick([5, 30, 900, 4_000]) : nil,
                             isPrivate: chance(0.1), shoppable: chance(0.8))
            }
            _ = try store.writeRecords(.contentEvents, records: events.map { .contentEvent($0) }, mode: .create)
            log.append("content events for \(creator.id): \(events.count)")
        case "import":
            try importStep()
        case "match":
            try matchStep()
        case "quiz":
            let pilots = try creatorIDs.compactMap { try store.creator($0) }.filter { $0.kind == .affiliate && $0.pilotStartedAt != nil && $0.quizPassedAt == nil }
            guard !pilots.isEmpty else { return }
            let c = pick(pilots)
            // Pilot creators with enough orders: sales since the pilot started (P-GRADUATE needs 10 orders).
            if chance(0.6) {
                let made = (0..<2).map { _ in
                    var s = randomSale(creator: c.id)
                    s.orders = 8; s.returnedOrders = 0
                    s.orderedAt = c.pilotStartedAt!.addingTimeInterval(Double(int(0...20 * 86_400)))
                    return s
                }
                _ = try store.writeRecords(.sales, records: made.map { .sale($0) }, mode: .create)
                made.forEach(remember)
                log.append("pilot sales for \(c.id): \(made.map(describe))")
            }
            let at = c.pilotStartedAt!.addingTimeInterval(Double(int(30 * 86_400...80 * 86_400)))
            do {
                try store.recordQuizPassed(creator: c.id, at: at)
                log.append("quiz passed \(c.id) at \(Timestamp.format(at))")
                done["quiz passed", default: 0] += 1
            } catch let error as DomainError {
                log.append("quiz refused \(c.id) at \(Timestamp.format(at)): \(error)")
            }
        case "clock":
            let days = chance(0.2) ? int(-200...200) : int(-40...40)
            clock.now = clock.now.addingTimeInterval(Double(days * 86_400 + int(-43_200...43_200)))
            log.append("settle clock -> \(Timestamp.format(clock.now))")
        case "horizon":
            // The recent-sales index starts anywhere: instants before it read their pending sales from the table,
            // after it from the index; both must give what history gives.
            let horizon = Int64(instant(within: 250).timeIntervalSince1970)
            try store.sqlWrite { db in try StarMatchStore.moveRecentSalesHorizon(db, to: horizon) }
            log.append("recent-sales horizon -> \(Timestamp.format(Date(timeIntervalSince1970: Double(horizon))))")
        default:
            // A new category: the taxonomy moves, every record is rebuilt.
            let path = CategoryPath("\(pick(["beauty", "home", "toys"]))/extra-\(next("x"))")
            _ = try store.writeRecords(.categories, records: [.category(Category(path: path, name: "x"))], mode: .create)
            categories.append(path)
            log.append("category \(path)")
        }
        done[kind, default: 0] += 1
    }

    func describe(_ s: Sale) -> String {
        "\(s.id)[\(s.creator) \(s.category) \(Timestamp.format(s.orderedAt)) \(s.orders)/\(s.returnedOrders) \(s.gmvMinor) \(s.currency)]"
    }

    /// Creators and sales through `importFiles` (one transaction, two files): new rows and updates of existing ones.
    func importStep() throws {
        let header = "id,handle,kind,followers,region,birth_date,registered_at,age_confirmed_at,identity_verified,identity_document,gpppa,ecommerce_revoked,linked_serious_violator,policies_accepted,bound_shop,niches,pilot_started_at,quiz_passed_at"
        var creators = [randomCreator()]
        if chance(0.5), var old = try store.creator(pick(creatorIDs)) {
            old.identityDocument = "doc-\(int(0...3))"; old.identityVerified = true
            old.followers = pick([1_500, 8_000])
            creators.append(old)
        }
        func t(_ d: Date?) -> String { d.map(Timestamp.format) ?? "" }
        let creatorLines = creators.map { c in
            [c.id.rawValue, c.handle, c.kind.rawValue, String(c.followers), c.region, c.birthDate.description, t(c.registeredAt), t(c.ageConfirmedAt),
             String(c.identityVerified), c.identityDocument ?? "", String(c.gpppa), String(c.ecommerceRevoked), String(c.linkedToSeriousViolator),
             String(c.policiesAccepted), c.boundShop?.rawValue ?? "", c.niches.map(\.rawValue).joined(separator: ";"), t(c.pilotStartedAt),
             t(c.quizPassedAt)].joined(separator: ",")
        }
        var newSales = (0..<int(1...3)).map { _ in randomSale(creator: chance(0.5) ? creators[0].id : nil) }
        if !saleOrder.isEmpty, chance(0.6) {
            var moved = sales[pick(saleOrder)]!
            moved.creator = pick(creatorIDs)
            moved.orderedAt = instant(within: 200)
            newSales.append(moved)
        }
        let saleLines = newSales.map { s in
            [s.id.rawValue, s.creator.rawValue, s.shop.rawValue, s.campaign?.rawValue ?? "", s.category.rawValue, t(s.orderedAt), String(s.orders),
             String(s.returnedOrders), String(s.gmvMinor), s.currency].joined(separator: ",")
        }
        let creatorFile = try dir.file("creators-\(serial).csv", ([header] + creatorLines).joined(separator: "\n"))
        let salesFile = try dir.file("sales-\(serial).csv", (["id,creator,shop,campaign,category,ordered_at,orders,returned_orders,gmv_minor,currency"] + saleLines).joined(separator: "\n"))
        _ = try store.importFiles([(.creators, creatorFile), (.sales, salesFile)])
        newSales.forEach(remember)
        log.append("import creators \(creators.map(\.id)) sales \(newSales.map(describe))")
    }

    /// A sample match for a creator eligible at a random instant, shipped and perhaps posted.
    func matchStep() throws {
        let campaign = pick(campaigns.filter { $0.kind == .sample })
        let at = instant(within: 200)
        guard campaign.isOpen(at: at), let shop = shops.first(where: { $0.id == campaign.shop }) else { return }
        let population = try store.scoringPopulation(at: at, profile: profiles[0])
        let candidates = population.shortlist(campaign, shop: shop, limit: 6)
        guard !candidates.isEmpty else { log.append("match: nobody eligible for \(campaign.id) at \(Timestamp.format(at))"); return }
        let creator = pick(candidates).creator.id
        let match: Match
        do {
            match = try store.createMatch(creator: creator, campaign: campaign.id, actor: "m", at: at)
        } catch let error as DomainError {
            log.append("match refused \(creator) \(campaign.id) at \(Timestamp.format(at)): \(error)")
            return
        }
        try store.transition(match: match.id, .accept, actor: "m", at: at.addingTimeInterval(60))
        let shipped = at.addingTimeInterval(Double(int(120...3 * 86_400)))
        try store.transition(match: match.id, .ship, actor: "brand", at: shipped)
        done["match shipped", default: 0] += 1
        var text = "match \(match.id) \(creator) \(campaign.id) shipped \(Timestamp.format(shipped))"
        if chance(0.6) {
            let posted = shipped.addingTimeInterval(Double(int(0...20 * 86_400)))
            try store.transition(match: match.id, .posted, actor: "m", at: posted)
            text += " posted \(Timestamp.format(posted))"
            done["match posted", default: 0] += 1
        }
        log.append(text)
    }

    // MARK: Checks

    /// `check --scoring` at a random instant for both profiles; a shortlist and a creator's matches against brute force.
    func verify() throws {
        let t = instant(within: 250)
        for profile in profiles {
            let report = try store.checkScoring(at: t, profile: profile)
            guard report.ok else {
                throw ScenarioFailure(description: "checkScoring(at: \(Timestamp.format(t)), half-life \(profile.salesHalfLifeDays)) not ok: built \(report.built), first difference \(String(describing: report.firstDifference)); settled through \(report.settledThrough.map(Timestamp.format) ?? "-")")
            }
        }
        let profile = pick(profiles)
        let population = try store.scoringPopulation(at: t, profile: profile)
        let history = try store.sqlRead { db in try store.populationFromHistory(db, at: t, profile: profile) }
        guard population.creators.map(\.id) == history.creators.map(\.id) else {
            throw ScenarioFailure(description: "population creators differ at \(Timestamp.format(t))")
        }
        try checkSalesDirectly(history, at: t, profile: profile)
        let withShops = try store.campaignsWithShops()
        let (campaign, shop) = pick(withShops)
        let limit = int(1...8)
        let target = CampaignTarget(campaign.categories, table: history.scorer.table)
        var brute: [(id: CreatorID, score: Double)] = []
        for (i, c) in history.creators.enumerated()
        where history.policy.isEligible(c, standing: history.standings[i], for: campaign, shop: shop, at: t) {
            let breakdown = history.scorer.explain(history.inputs[i], target)
            if profile.admitsNiche(breakdown.nicheValue) { brute.append((c.id, breakdown.total)) }  // M-NICHE
        }
        brute.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        brute = Array(brute.prefix(limit))
        let shortlist = population.shortlist(campaign, shop: shop, limit: limit)
        if shortlist.map(\.creator.id) != brute.map(\.id) || shortlist.map(\.score) != brute.map(\.score) {
            throw ScenarioFailure(description: """
                shortlist(\(campaign.id), limit \(limit)) at \(Timestamp.format(t)), half-life \(profile.salesHalfLifeDays): \
                state \(shortlist.map { "\($0.creator.id)=\($0.score)" }) vs brute force \(brute.map { "\($0.id)=\($0.score)" })
                """)
        }
        if !shortlist.isEmpty { done["nonempty shortlist", default: 0] += 1 }
        // The bounded read of the state (bounds first, records only while they can enter) equals it too.
        let fast = try #require(try store.shortlistFromState(campaign, shop: shop, at: t, profile: profile, limit: limit))
        if fast.ranked.map(\.creator.id) != brute.map(\.id) || fast.ranked.map(\.score) != brute.map(\.score)
            || fast.salesReference != history.scorer.salesReference {
            throw ScenarioFailure(description: """
                shortlistFromState(\(campaign.id), limit \(limit)) at \(Timestamp.format(t)), half-life \(profile.salesHalfLifeDays): \
                state \(fast.ranked.map { "\($0.creator.id)=\($0.score)" }) reference \(fast.salesReference) vs brute force \(brute.map { "\($0.id)=\($0.score)" }) reference \(history.scorer.salesReference)
                """)
        }
        let id = pick(history.creators).id
        let i = try #require(history.index(of: id)), j = try #require(population.index(of: id))
        var bruteCampaigns: [(id: CampaignID, score: Double)] = []
        for (campaign, shop) in withShops where history.policy.isEligible(history.creators[i], standing: history.standings[i], for: campaign, shop: shop, at: t) {
            let breakdown = history.scorer.explain(history.inputs[i], CampaignTarget(campaign.categories, table: history.scorer.table))
            if profile.admitsNiche(breakdown.nicheValue) { bruteCampaigns.append((campaign.id, breakdown.total)) }  // M-NICHE
        }
        bruteCampaigns.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
        let matchLimit = int(1...5)
        bruteCampaigns = Array(bruteCampaigns.prefix(matchLimit))
        let matches = population.matches(creator: j, campaigns: withShops, limit: matchLimit)
        let (_, standing, inputs, scorer) = try #require(try store.scoringFromState(creator: id, at: t, profile: profile))
        if standing != history.standings[i] || inputs != history.inputs[i] || scorer.salesReference != history.scorer.salesReference {
            throw ScenarioFailure(description: "scoringFromState(\(id)) at \(Timestamp.format(t)) differs from history")
        }
        if matches.map(\.campaign.id) != bruteCampaigns.map(\.id) || matches.map(\.score) != bruteCampaigns.map(\.score) {
            throw ScenarioFailure(description: """
                matches(\(id), limit \(matchLimit)) at \(Timestamp.format(t)), half-life \(profile.salesHalfLifeDays): \
                state \(matches.map { "\($0.campaign.id)=\($0.score)" }) vs brute force \(bruteCampaigns.map { "\($0.id)=\($0.score)" })
                """)
        }
        if !matches.isEmpty { done["nonempty matches", default: 0] += 1 }
        if follow { try verifyFollower(at: [t, base]) }
    }

    /// The history population's sales inputs against the plain formula over the sales table (independent of
    /// `SalesSums` and `buildScoringRecords`, which the state and the history population share): per creator and
    /// category, Σ keptGMV/100 × rate × 2^(−age/halfLife) over the sales validated at `t` (C-VALIDATE), and the kept orders.
    func checkSalesDirectly(_ history: ScoringPopulation, at t: Date, profile: ScoringProfile) throws {
        let validated = Int64(t.timeIntervalSince1970.rounded(.down)) - Int64(store.config.returnWindowDays) * 86_400
        let rows = try store.sqlRead { db in
            try db.rows("SELECT creator_id, category, ordered_at, orders, returned_orders, gmv_minor, currency FROM sales WHERE ordered_at <= ?", [.integer(validated)])
        }
        var direct: [CreatorID: [Int32: (value: Double, orders: Int)]] = [:]
        for row in rows {
            let creator = try #require(row.get(0, as: String.self)), path = try #require(row.get(1, as: String.self))
            let ordered = try #require(row.get(2, as: Int64.self)), orders = try #require(row.get(3, as: Int.self))
            let returned = try #require(row.get(4, as: Int.self)), gmv = try #require(row.get(5, as: Int64.self))
            let currency = try #require(row.get(6, as: String.self))
            guard orders > 0, orders - returned > 0, let category = history.scorer.table.id(CategoryPath(path)) else { continue }
            let kept = Sale.keptGMV(gmvMinor: gmv, orders: orders, returnedOrders: returned)
            let value = profile.currencyRates.referenceValue(minor: kept, currency: currency)
                * exp2(-(t.timeIntervalSince1970 - Double(ordered)) / 86_400 / profile.salesHalfLifeDays)
            direct[CreatorID(creator), default: [:]][category, default: (0, 0)].value += value
            direct[CreatorID(creator), default: [:]][category, default: (0, 0)].orders += orders - returned
        }
        for (i, creator) in history.creators.enumerated() {
            let expected = direct[creator.id] ?? [:]
            let got = history.inputs[i].sales
            let same = got.map(\.category) == expected.keys.sorted() && got.allSatisfy { s in
                let e = expected[s.category]!
                return s.keptOrders == e.orders && abs(s.value - e.value) <= 1e-9 * max(abs(e.value), 1)
            }
            guard same else {
                throw ScenarioFailure(description: "sales inputs of \(creator.id) at \(Timestamp.format(t)), half-life \(profile.salesHalfLifeDays): \(got.map { "\($0.category)=\($0.value)/\($0.keptOrders)" }) vs direct \(expected.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.value)/\($0.value.orders)" })")
            }
        }
        if rows.count > 0 { done["direct sales check", default: 0] += 1 }
    }

    /// Runs `steps` random steps, verifying after each; the first failure names the seed, the step and the steps so far.
    func run(steps: Int) throws {
        try setUp()
        try verify()
        for n in 1...steps {
            do {
                try step()
                try verify()
            } catch {
                let steps = log.enumerated().map { "  \($0.offset): \($0.element)" }.joined(separator: "\n")
                throw ScenarioFailure(description: "seed \(seed) (replay: SCORING_PROP_SEED=\(seed)), step \(n): \(error)\nsteps:\n\(steps)")
            }
        }
    }
}

extension ScoreBreakdown {
    /// The niche component's value (M-NICHE).
    var nicheValue: Double { components.first { $0.name == "niche" }?.value ?? 0 }
}

@Suite("Scoring state (issue 13): maintained at write time, equal to history")
struct ScoringStateTests {
    static func environment(_ name: String) -> Int? { ProcessInfo.processInfo.environment[name].flatMap { Int($0) } }

    @Test("random writes, imports, matches, quizzes and settle-clock moves: check --scoring ok, shortlists and matches equal brute force",
          arguments: TestBackend.all)
    func stateEqualsHistory(backend: TestBackend) throws {
        // PostgreSQL runs 8 of SQLite's 20 sequences by default (each write is a round trip per statement there).
        let sequences = Self.environment("SCORING_PROP_SEQUENCES") ?? (backend == .sqlite ? 20 : 8)
        let seeds: [UInt64] = Self.environment("SCORING_PROP_SEED").map { [UInt64($0)] } ?? (0..<UInt64(sequences)).map { 1_000 + $0 }
        let steps = Self.environment("SCORING_PROP_STEPS") ?? 25
        var totals: [String: Int] = [:]
        for seed in seeds {
            let scenario = try ScoringScenario(seed: seed, backend: backend)
            do {
                try scenario.run(steps: steps)
            } catch {
                Issue.record("\(error)")
            }
            totals.merge(scenario.done, uniquingKeysWith: +)
        }
        // The sequences reach every kind of step (and sometimes a graduation and non-empty rankings).
        if seeds.count >= 20 && steps >= 25 {
            for kind in ["creators", "sales", "replace sale", "replace creator", "violation", "content", "import", "match shipped", "match posted", "quiz", "quiz passed", "policy quiz", "appeal", "clock", "horizon",
                         "nonempty shortlist", "nonempty matches"] {
                #expect(totals[kind, default: 0] > 0, "no step of kind \(kind) ran: \(totals)")
            }
        }
        print("ScoringStateTests (\(backend)): \(seeds.count) sequences × \(steps) steps: \(totals.sorted { $0.key < $1.key })")
    }

    @Test("every demo file into a fresh database in one import (seed): the state built after the categories, then each new creator's record written with its rows, equals a file-at-a-time import and history")
    func oneImportEqualsFileAtATime() throws {
        // Both settle at the demo's instant (the settled boundary comes from this clock).
        let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_636_800) }
        let files = ProjectResources.seedFiles(in: seedsFolder)
        #expect(files.map(\.0).starts(with: [.categories, .shops]) && files.contains { $0.0 == .creators } && files.contains { $0.0 == .sales })
        let oneGo = try StarMatchStore(inMemory: PolicyConfig(), settleClock: clock)
        _ = try oneGo.importFiles(files)
        let byFile = try StarMatchStore(inMemory: PolicyConfig(), settleClock: clock)
        for file in files { _ = try byFile.importFiles([file]) }
        let expected = try byFile.sqlRead(PostgresServerTests.scoringState)
        let kept = try oneGo.sqlRead(PostgresServerTests.scoringState)
        #expect(expected["records"]?.count == 311)
        for name in expected.keys.sorted() {
            #expect(kept[name] == expected[name], "\(name) differs")
        }
        let at = Date(timeIntervalSince1970: 1_795_636_800)
        #expect(try oneGo.checkScoring(at: at, profile: ScoringProfile()).ok)
        // Run again over the same files (every row an update): the state still equals history.
        _ = try oneGo.importFiles(files)
        #expect(try oneGo.checkScoring(at: at, profile: ScoringProfile()).ok)
    }

    @Test("a stored record damaged by raw SQL makes the population throw DamagedRow naming scoring_records", arguments: TestBackend.all)
    func damagedRecord(backend: TestBackend) throws {
        let scenario = try ScoringScenario(seed: 2, backend: backend)
        try scenario.setUp()
        let at = scenario.base
        _ = try scenario.store.scoringPopulation(at: at, profile: ScoringProfile())
        // SQLite's column takes text too (past its check); PostgreSQL's BYTEA only bytes.
        let damages = backend == .sqlite ? ["x'00'", "x'01'", "x'0102'", "'text'"] : [#"'\x00'::bytea"#, #"'\x01'::bytea"#, #"'\x0102'::bytea"#]
        for damage in damages {
            switch backend {
            case .sqlite:
                try scenario.store.writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA ignore_check_constraints = ON; UPDATE scoring_records SET record = \(damage) WHERE creator_id = (SELECT MIN(creator_id) FROM scoring_records); PRAGMA ignore_check_constraints = OFF")
                }
            case .postgres:
                try scenario.store.sqlWrite { db in
                    try db.execute("UPDATE scoring_records SET record = \(damage) WHERE creator_id = (SELECT MIN(creator_id) FROM scoring_records)", [])
                }
            }
            let error = try #require(throws: DamagedRow.self, "\(damage)") { try scenario.store.scoringPopulation(at: at, profile: ScoringProfile()) }
            #expect(error.table == "scoring_records" && error.column == "record", "\(damage): \(error)")
            #expect(error.id == scenario.creatorIDs.map(\.rawValue).min(), "\(error)")
            #expect(DomainError.from(error)?.kind == .damagedData)
            // check --scoring names it too; a rebuild repairs it.
            #expect(throws: DamagedRow.self) { try scenario.store.checkScoring(at: at, profile: ScoringProfile()) }
            try scenario.store.rebuildScoringState()
            #expect(try scenario.store.checkScoring(at: at, profile: ScoringProfile()).ok)
        }
    }
}

@Suite("The recent-sales index (issue 13)")
struct RecentSalesIndexTests {
    @Test("sales ordered after the horizon are read through the partial index; a range starting before it reads the table")
    func plan() throws {
        let store = try StarMatchStore(inMemory: PolicyConfig())
        try store.writer.write { db in
            try StarMatchStore.moveRecentSalesHorizon(SQLiteSession(db), to: 1_000)
            func plan(from: Int64) throws -> String {
                let sql = "EXPLAIN QUERY PLAN SELECT id FROM sales WHERE ordered_at > ? AND ordered_at <= ? \(try StarMatchStore.recentSalesTerm(db, from: from))"
                return try Row.fetchAll(db, sql: sql, arguments: [from, 5_000]).map { $0["detail"] as String }.joined(separator: "; ")
            }
            #expect(try StarMatchStore.recentSalesHorizon(db) == 1_000)
            #expect(try plan(from: 1_000).contains("sales_recent"))
            #expect(try plan(from: 4_000).contains("sales_recent"))
            #expect(try !plan(from: 999).contains("sales_recent"))
        }
    }
}
