public import Foundation

/// A profile's way of valuing sales (half-life and currency rates): the scoring state keeps one sales key per
/// key profile, so a population's sales figures can be found without reading every record.
public struct SalesKeyProfile: Sendable, Hashable, Codable {
    public var halfLifeDays: Double
    /// The policy's rates (C-CURRENCY), stored as the value of a major unit of each currency.
    public var currencyRates: [String: Double]
    /// How each currency's minor units are valued (ISO 4217 exponents), derived from `currencyRates`.
    let valuations: [String: CurrencyRates.Valuation]

    public init(_ profile: ScoringProfile) {
        halfLifeDays = profile.salesHalfLifeDays
        currencyRates = profile.currencyRates.rates
        valuations = profile.currencyRates.valuations
    }

    enum CodingKeys: String, CodingKey { case halfLifeDays, currencyRates }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        halfLifeDays = try c.decode(Double.self, forKey: .halfLifeDays)
        currencyRates = try c.decode([String: Double].self, forKey: .currencyRates)
        valuations = CurrencyRates(reference: "", rates: currencyRates).valuations
    }

    public static func == (a: Self, b: Self) -> Bool { a.halfLifeDays == b.halfLifeDays && a.currencyRates == b.currencyRates }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(halfLifeDays)
        hasher.combine(currencyRates)
    }

    /// log₂ of a creator's settled sales total relative to the epoch (`SalesDecay`), so that its total at
    /// instant `T` is about `2^(key − T/h) / scale` — the same factor for everyone, so keys order creators
    /// by total at any instant. −∞ without sales. Within a relative 10⁻¹² of the exact total.
    public func key(_ sums: SalesSums, decay: SalesDecay) -> Double {
        guard let top = sums.entries.map(\.era).max() else { return -.infinity }
        var sum = 0.0
        for e in sums.entries {
            sum += (valuations[e.currency]?.value(Double(fast: e.amount)) ?? 0)
                * exp2(Double(e.era - top) * Double(SalesDecay.halfLivesPerEra))
        }
        guard sum > 0 else { return -.infinity }
        return log2(sum) + Double(top) * Double(SalesDecay.halfLivesPerEra)
    }

    /// The approximate total at `instant` for a key (within a relative 10⁻¹² of `ScoringInputs.totalSalesValue`).
    public static func approximateTotal(key: Double, at instant: Date, decay: SalesDecay) -> Double {
        guard key > -.infinity else { return 0 }
        return exp2(key - instant.timeIntervalSince1970 / decay.halfLifeSeconds) / SalesDecay.scale
    }
}

/// What a creator can score at most, for any campaign at any instant, kept beside its record so that a
/// shortlist reads every creator's bound cheaply and opens only the records that can still enter the list.
public struct ScoringBound: Sendable, Equatable {
    public var followers: Int
    /// The highest CHR the creator's record gives at any instant (H-POINTS): its health is never better. (Sales
    /// not settled yet can earn more: a creator with pending sales at an instant is bounded with `chrMax` there.)
    public var chrCeiling: Int
    /// Samples shipped to the creator (M-FULFIL): without any, the fulfilment component is the prior.
    public var samplesShipped: Int
    /// Top-level categories of its niches (frame category ids), sorted: only these can give niche fit.
    public var tops: [Int32]
    /// Per key profile of the frame, `SalesKeyProfile.key` of the settled sums.
    public var salesKeys: [Double]

    public init(followers: Int, chrCeiling: Int, samplesShipped: Int, tops: [Int32], salesKeys: [Double]) {
        self.followers = followers
        self.chrCeiling = chrCeiling
        self.samplesShipped = samplesShipped
        self.tops = tops
        self.salesKeys = salesKeys
    }

    /// The bound of a record in `frame`, with a key for each of `keyProfiles` (their half-lives are in the frame).
    public init(_ record: ScoringRecord, frame: ScoringFrame, keyProfiles: [SalesKeyProfile], policy: Policy) {
        followers = record.creator.followers
        chrCeiling = policy.chrCeiling(violations: record.violations, quizzes: record.quizzes, earnings: record.earnings)
        samplesShipped = record.shipments.count
        tops = Array(Set(record.creator.niches.compactMap(frame.table.id).map(frame.table.top))).sorted()
        salesKeys = keyProfiles.map { profile in
            guard let d = frame.decays.firstIndex(where: { $0.halfLifeDays == profile.halfLifeDays }) else { return -.infinity }
            return profile.key(record.settledSales[d], decay: frame.decays[d])
        }
    }
}

extension Scorer {
    /// Upper bounds of a creator's score for any campaign whose top-level categories it shares (`sharingTop`)
    /// and for any other (`notSharingTop`), from its bound's parts and an upper bound of its total sales value
    /// at the instant; the components computed once for both.
    public func upperBounds(followers: Int, chrCeiling: Int, samplesShipped: Int, salesTotal: Double) -> (sharingTop: Double, notSharingTop: Double) {
        let shipped = Double(samplesShipped)
        var fulfilment = profile.fulfilmentPrior
        if samplesShipped > 0 {
            let w = profile.fulfilmentPriorWeight
            fulfilment = max(fulfilment, w > 0 ? (shipped + profile.fulfilmentPrior * w) / (shipped + w) : 1)
        }
        let fixed = FixedComponents(health: healthComponent(chrCeiling), audience: audienceComponent(followers), fulfilment: fulfilment)
        let sales = salesComponent(salesTotal)
        return (total(niche: max(profile.nicheExact, profile.nicheBroader, profile.nicheSharedParent), sales: sales, fixed) + 1e-9,
                total(niche: 0, sales: sales, fixed) + 1e-9)
    }
}
