public import Foundation

/// Dense integer ids for the taxonomy, so niche fit and category weighting compare integers.
public struct CategoryTable: Sendable {
    public let paths: [CategoryPath]
    let ids: [CategoryPath: Int32]
    /// Parent id, or -1 for a top-level category.
    let parents: [Int32]
    /// Top-level ancestor id (itself for a top-level category).
    public let tops: [Int32]

    public init(_ taxonomy: Taxonomy) {
        // Parents are added even when the taxonomy lacks them, so every path has a chain to its top.
        var all = Set(taxonomy.paths)
        for path in taxonomy.paths {
            var p = path.parent
            while let parent = p { all.insert(parent); p = parent.parent }
        }
        paths = all.sorted()
        var ids: [CategoryPath: Int32] = [:]
        for (i, p) in paths.enumerated() { ids[p] = Int32(i) }
        self.ids = ids
        parents = paths.map { $0.parent.flatMap { ids[$0] } ?? -1 }
        tops = paths.map { ids[$0.topLevel]! }
    }

    public func id(_ path: CategoryPath) -> Int32? { ids[path] }

    /// Whether `a` is `b` or lies below it.
    func isWithin(_ a: Int32, _ b: Int32) -> Bool {
        var x = a
        while x >= 0 {
            if x == b { return true }
            x = parents[Int(x)]
        }
        return false
    }

    func top(_ id: Int32) -> Int32 { tops[Int(id)] }
}

/// What a creator brings to scoring at one instant (M-SCORE inputs).
public struct ScoringInputs: Sendable, Equatable {
    public var niches: [Int32]
    public var chr: Int
    public var followers: Int
    /// Validated, decayed GMV of kept orders per sale category, in the profile's reference currency.
    public var sales: [CategorySales]
    /// M-FULFIL: samples shipped to the creator, and those followed by shoppable content within 14 days.
    public var samplesShipped: Int
    public var samplesFulfilled: Int

    public struct CategorySales: Sendable, Equatable {
        public var category: Int32
        public var value: Double
        public var keptOrders: Int
    }

    public init(niches: [Int32], chr: Int, followers: Int, sales: [CategorySales], samplesShipped: Int = 0, samplesFulfilled: Int = 0) {
        self.niches = niches
        self.chr = chr
        self.followers = followers
        self.sales = sales
        self.samplesShipped = samplesShipped
        self.samplesFulfilled = samplesFulfilled
    }

    /// All validated sales value, every category weighted 1.
    public var totalSalesValue: Double { Self.total(of: sales) }

    /// The sum of the values, left to right (`totalSalesValue`).
    public static func total(of sales: [CategorySales]) -> Double { sales.reduce(0) { $0 + $1.value } }
}

/// Sums one creator's sales into `ScoringInputs.sales` at one instant: only validated sales (C-VALIDATE: the
/// return window has passed at the instant), kept orders only, converted to the reference currency and decayed
/// with the profile's half-life — `SalesSums` read at the instant, the same sums the scoring state keeps.
public struct SalesAccumulator {
    let instant: Date
    let validatedThrough: Int64
    let decay: SalesDecay
    let rates: CurrencyRates
    private var sums = SalesSums()

    public init(at instant: Date, returnWindowDays: Int, profile: ScoringProfile) {
        self.instant = instant
        validatedThrough = Int64(instant.timeIntervalSince1970.rounded(.down)) - Int64(returnWindowDays) * 86_400
        decay = SalesDecay(halfLifeDays: profile.salesHalfLifeDays)
        rates = profile.currencyRates
    }

    /// Adds one sales line (order instant in Unix seconds, GMV in minor units of `currency`).
    public mutating func add(category: Int32, orderedAt: Int64, orders: Int, returned: Int, gmvMinor: Int64, currency: String) {
        guard orderedAt <= validatedThrough else { return }
        sums.add(category: category, orderedAt: orderedAt, orders: orders, returned: returned, gmvMinor: gmvMinor, currency: currency, decay: decay)
    }

    public mutating func add(_ sale: Sale, table: CategoryTable) {
        guard let category = table.id(sale.category) else { return }
        add(category: category, orderedAt: Int64(sale.orderedAt.timeIntervalSince1970.rounded(.down)), orders: sale.orders,
            returned: sale.returnedOrders, gmvMinor: sale.gmvMinor, currency: sale.currency)
    }

    /// The per-category totals, by category id.
    public var result: [ScoringInputs.CategorySales] { sums.values(at: instant, decay: decay, rates: rates) }
}

/// A campaign's categories resolved to ids.
public struct CampaignTarget: Sendable {
    public let categories: [Int32]
    public let tops: [Int32]

    public init(_ categories: [CategoryPath], table: CategoryTable) {
        self.categories = categories.compactMap(table.id)
        self.tops = Array(Set(self.categories.map(table.top))).sorted()
    }
}

/// One component of a score, with what went in and what came out (M-SCORE explanations).
public struct ComponentScore: Sendable, Equatable, Codable {
    public var name: String
    /// The raw input, for people ("beauty/skincare fits beauty/skincare", "$1,234 validated GMV").
    public var input: String
    /// The component value in [0, 1].
    public var value: Double
    /// The weight, as a share of all weights (the shares sum to 1).
    public var weight: Double
    /// `value × weight`; the contributions sum to the total.
    public var contribution: Double

    public init(name: String, input: String, value: Double, weight: Double, contribution: Double) {
        self.name = name
        self.input = input
        self.value = value
        self.weight = weight
        self.contribution = contribution
    }
}

/// A score with its explanation.
public struct ScoreBreakdown: Sendable, Equatable, Codable {
    public var total: Double
    public var components: [ComponentScore]

    public init(total: Double, components: [ComponentScore]) {
        self.total = total
        self.components = components
    }
}

/// Scores creators against campaigns (M-SCORE). A plain function of values: the profile, the category
/// table and the population's sales reference are fixed at construction.
public struct Scorer: Sendable {
    public let profile: ScoringProfile
    public let table: CategoryTable
    /// The sales value that scores 1: the profile's percentile of all creators' positive sales values.
    public let salesReference: Double
    let chrFloor: Double
    /// H-GOOD: the CHR that scores `Scorer.healthAtGoodStanding` (H-SCORE).
    let chrGoodStanding: Double
    /// M-FULFIL's window, for the explanation.
    let fulfilmentDays: Int
    let weights: (niche: Double, sales: Double, health: Double, audience: Double, fulfilment: Double)

    public init(profile: ScoringProfile, table: CategoryTable, policy: PolicyConfig, salesReference: Double) {
        self.profile = profile
        self.table = table
        self.salesReference = salesReference
        self.chrFloor = Double(policy.chrFloor)
        self.chrGoodStanding = Double(policy.chrGoodStanding)
        self.fulfilmentDays = policy.fulfilmentDays
        let w = profile.weights
        let sum = w.sum
        weights = (w.niche / sum, w.sales / sum, w.health / sum, w.audience / sum, w.fulfilment / sum)
    }

    /// The `percentile` of the positive values in `totals` (nearest rank), or 0 when there are none.
    public static func salesReference(totals: [Double], percentile: Double) -> Double {
        let positive = totals.filter { $0 > 0 }.sorted()
        guard !positive.isEmpty else { return 0 }
        // ⌈p·n⌉, forgiving the binary representation of p (0.07 × 100 is 7.000000000000001).
        let rank = Int((percentile * Double(positive.count) - 1e-9).rounded(.up)) - 1
        return positive[min(max(rank, 0), positive.count - 1)]
    }

    // MARK: Components

    /// How a creator's niche relates to a campaign category (M-NICHE), the first that holds: the niche lies within
    /// the category (exact credit), contains it (broader), or shares its top-level category (shared parent).
    public enum NicheRelation: Sendable {
        case exact, broader, sharedParent

        /// Exact or broader: the relations whose credit the shared-parent bound of the batch's scans does not cover.
        public var isClose: Bool { self != .sharedParent }
    }

    /// The relation of `niche` to `category` (category ids of `table`), or `nil` when they share no top-level category.
    public func nicheRelation(_ niche: Int32, _ category: Int32) -> NicheRelation? {
        if table.isWithin(niche, category) { return .exact }
        if table.isWithin(category, niche) { return .broader }
        return table.top(niche) == table.top(category) ? .sharedParent : nil
    }

    /// The profile's credit for a relation (a fraction of the niche weight).
    public func credit(_ relation: NicheRelation) -> Double {
        switch relation {
        case .exact: profile.nicheExact
        case .broader: profile.nicheBroader
        case .sharedParent: profile.nicheSharedParent
        }
    }

    /// Niche fit: the best credit over (creator niche, campaign category) pairs.
    public func nicheFit(_ niches: [Int32], _ target: CampaignTarget) -> (value: Double, niche: Int32, category: Int32) {
        var best = (value: 0.0, niche: Int32(-1), category: Int32(-1))
        for n in niches {
            for c in target.categories {
                guard let relation = nicheRelation(n, c) else { continue }
                let credit = credit(relation)
                if credit > best.value { best = (credit, n, c) }
            }
        }
        return best
    }

    /// Sales value weighted for the campaign: its categories count fully, the rest at the profile's weight.
    public func weightedSales(_ sales: [ScoringInputs.CategorySales], _ target: CampaignTarget) -> (weighted: Double, inCategory: Double) {
        var inCategory = 0.0
        var other = 0.0
        for s in sales {
            if target.categories.contains(where: { table.isWithin(s.category, $0) }) { inCategory += s.value } else { other += s.value }
        }
        return (inCategory + other * profile.salesOtherCategoryWeight, inCategory)
    }

    /// Sales on a log scale against the population reference, capped at 1.
    public func salesComponent(_ weighted: Double) -> Double {
        guard salesReference > 0, weighted > 0 else { return 0 }
        return min(1, log1p(weighted) / log1p(salesReference))
    }

    /// H-SCORE: what a healthy creator (CHR at good standing, H-GOOD) scores for health.
    public static let healthAtGoodStanding = 0.5

    /// Health (H-SCORE), piecewise linear in CHR: 0 at or below the floor (H-FLOOR: unhealthy), rising through
    /// the caution band to `healthAtGoodStanding` (0.5) at good standing (200), then to 1 at the profile's
    /// `healthTop` (1,000). Non-decreasing in CHR (the scoring bound relies on it).
    public func healthComponent(_ chr: Int) -> Double {
        let x = Double(chr), half = Self.healthAtGoodStanding
        if x <= chrFloor { return 0 }
        if x < chrGoodStanding { return half * (x - chrFloor) / (chrGoodStanding - chrFloor) }
        let span = profile.healthTop - chrGoodStanding
        guard span > 0 else { return 1 }
        return min(1, half + (1 - half) * (x - chrGoodStanding) / span)
    }

    /// Audience: followers on a log scale, 1 at the profile's full audience.
    public func audienceComponent(_ followers: Int) -> Double {
        min(1, log10(1 + Double(max(0, followers))) / log10(1 + profile.audienceFullAtFollowers))
    }

    /// M-FULFIL with a neutral prior: (fulfilled + prior × weight) / (shipped + weight).
    public func fulfilmentComponent(shipped: Int, fulfilled: Int) -> Double {
        let denominator = Double(shipped) + profile.fulfilmentPriorWeight
        guard denominator > 0 else { return profile.fulfilmentPrior }
        return (Double(fulfilled) + profile.fulfilmentPrior * profile.fulfilmentPriorWeight) / denominator
    }

    /// The campaign-independent components of a creator's score: health, audience, fulfilment.
    public struct FixedComponents: Sendable, Equatable {
        public var health: Double
        public var audience: Double
        public var fulfilment: Double
    }

    public func fixedComponents(_ inputs: ScoringInputs) -> FixedComponents {
        FixedComponents(
            health: healthComponent(inputs.chr), audience: audienceComponent(inputs.followers),
            fulfilment: fulfilmentComponent(shipped: inputs.samplesShipped, fulfilled: inputs.samplesFulfilled))
    }

    /// The total: the five weighted components added left to right, in the order `explain` lists them,
    /// so a reader adding the contributions as shown gets this total to the last bit.
    func total(niche: Double, sales: Double, _ f: FixedComponents) -> Double {
        niche * weights.niche + sales * weights.sales + f.health * weights.health + f.audience * weights.audience
            + f.fulfilment * weights.fulfilment
    }

    /// The most the niche component can add to any score.
    public var nicheCeiling: Double {
        weights.niche * max(profile.nicheExact, profile.nicheBroader, profile.nicheSharedParent)
    }

    /// The highest score a creator could reach for a campaign without any niche fit: its sales counted as if
    /// all were in the campaign's categories. Used to stop scanning a population early.
    /// (Rounded up by a hair, so a different order of additions can never put a score above it.)
    public func boundWithoutNiche(_ inputs: ScoringInputs) -> Double {
        total(niche: 0, sales: salesComponent(inputs.totalSalesValue), fixedComponents(inputs)) + 1e-12
    }

    // MARK: Scores

    /// The total score, computed exactly as `explain` computes it, without the texts.
    /// - Parameter fixed: `fixedComponents(inputs)` when the caller has them already.
    public func score(_ inputs: ScoringInputs, _ target: CampaignTarget, fixed: FixedComponents? = nil) -> Double {
        score(inputs, target, niche: nicheFit(inputs.niches, target).value, fixed: fixed)
    }

    /// The score of a pair M-NICHE admits (`ScoringProfile.admitsNiche`), or `nil` for a pair that is neither
    /// shortlisted, matched nor proposed: the one place shortlists and matches apply the rule.
    public func admittedScore(_ inputs: ScoringInputs, _ target: CampaignTarget, fixed: FixedComponents? = nil) -> Double? {
        let niche = nicheFit(inputs.niches, target).value
        return profile.admitsNiche(niche) ? score(inputs, target, niche: niche, fixed: fixed) : nil
    }

    private func score(_ inputs: ScoringInputs, _ target: CampaignTarget, niche: Double, fixed: FixedComponents?) -> Double {
        let sales = salesComponent(weightedSales(inputs.sales, target).weighted)
        return total(niche: niche, sales: sales, fixed ?? fixedComponents(inputs))
    }

    /// The score with every component's input, value, weight and contribution.
    public func explain(_ inputs: ScoringInputs, _ target: CampaignTarget) -> ScoreBreakdown {
        let fit = nicheFit(inputs.niches, target)
        let (weighted, inCategory) = weightedSales(inputs.sales, target)
        let fixed = fixedComponents(inputs)
        let (health, audience, fulfilment) = (fixed.health, fixed.audience, fixed.fulfilment)
        let sales = salesComponent(weighted)
        let nicheText: String
        if fit.niche >= 0 {
            let relation = switch nicheRelation(fit.niche, fit.category) {
            case .exact: "within"
            case .broader: "broader than"
            case .sharedParent, nil: "shares a parent with"
            }
            nicheText = "niche \(table.paths[Int(fit.niche)]) \(relation) \(table.paths[Int(fit.category)])"
        } else {
            nicheText = inputs.niches.isEmpty ? "no niches" : "niches \(inputs.niches.map { table.paths[Int($0)].rawValue }.joined(separator: ";")) unrelated to the campaign"
        }
        let orders = inputs.sales.reduce(0) { $0 + $1.keptOrders }
        let salesText = "\(money(weighted)) weighted validated GMV (\(money(inCategory)) in the campaign's categories, \(orders) kept orders; \(money(salesReference)) scores 1, half-life \(fmtScore(profile.salesHalfLifeDays)) days)"
        let parts: [(String, String, Double, Double)] = [
            ("niche", nicheText, fit.value, weights.niche),
            ("sales", salesText, sales, weights.sales),
            ("health", "CHR \(inputs.chr) (floor \(Int(chrFloor)) scores 0, \(Int(chrGoodStanding)) scores \(fmtScore(Self.healthAtGoodStanding)), \(fmtScore(profile.healthTop)) scores 1)", health, weights.health),
            ("audience", "\(fmt(inputs.followers)) followers (log scale, \(fmt(Int(profile.audienceFullAtFollowers))) scores 1)", audience, weights.audience),
            ("fulfilment", inputs.samplesShipped == 0
                ? "no samples yet: neutral prior \(fmtScore(profile.fulfilmentPrior))"
                : "\(inputs.samplesFulfilled) of \(inputs.samplesShipped) samples followed by content within \(fulfilmentDays) days", fulfilment, weights.fulfilment),
        ]
        let components = parts.map { ComponentScore(name: $0.0, input: $0.1, value: $0.2, weight: $0.3, contribution: $0.2 * $0.3) }
        return ScoreBreakdown(total: total(niche: fit.value, sales: sales, fixed), components: components)
    }

    func money(_ value: Double) -> String {
        let code = profile.currencyRates.reference
        return "\(code) \(fmt(Int(value.rounded())))"
    }
}

/// A number as the JSON views show it: six decimals.
public func rounded(_ value: Double) -> Double { (value * 1_000_000).rounded() / 1_000_000 }

extension ScoreBreakdown {
    /// The contributions at six decimals (as `rounded` shows the total) that add up to the rounded total: each is
    /// rounded down to whole millionths, and the millionths still missing go one each to the largest remainders,
    /// ties in component order (the largest remainder method). Each differs from its exact value by less than 10⁻⁶.
    public var roundedContributions: [Double] {
        let scale = 1_000_000.0
        let exact = components.map { $0.contribution * scale }
        var units = exact.map { $0.rounded(.down) }
        var missing = Int((total * scale).rounded() - units.reduce(0, +))
        let order = exact.indices.sorted { (exact[$0] - units[$0], -$0) > (exact[$1] - units[$1], -$1) }
        for i in order where missing > 0 {
            units[i] += 1
            missing -= 1
        }
        return units.map { $0 / scale }
    }
}
