public import Foundation

/// How creators are scored against a campaign (M-SCORE), as data (`Scoring/NAME.json`).
public struct ScoringProfile: Sendable, Equatable, Codable {
    /// Component weights; they need not sum to 1 (contributions are divided by their sum).
    public struct Weights: Sendable, Equatable, Codable {
        public var niche: Double
        public var sales: Double
        public var health: Double
        public var audience: Double
        public var fulfilment: Double

        public init(niche: Double, sales: Double, health: Double, audience: Double, fulfilment: Double) {
            self.niche = niche
            self.sales = sales
            self.health = health
            self.audience = audience
            self.fulfilment = fulfilment
        }

        public var sum: Double { niche + sales + health + audience + fulfilment }
    }

    public var name: String
    public var description: String?
    public var weights: Weights
    /// Niche credit when a creator's niche is a campaign category or lies below it.
    public var nicheExact: Double
    /// Niche credit when a campaign category lies below the creator's (broader) niche.
    public var nicheBroader: Double
    /// Niche credit for a shared parent (`beauty/skincare` vs `beauty/makeup`).
    public var nicheSharedParent: Double
    /// Sales lose half their weight every this many days.
    public var salesHalfLifeDays: Double
    /// Weight of sales outside the campaign's categories (inside: 1).
    public var salesOtherCategoryWeight: Double
    /// The population percentile whose sales value scores 1 (so one giant does not flatten everyone).
    public var salesReferencePercentile: Double
    /// The policy's currency rates (C-CURRENCY), which value every profile's sales: not part of a profile file
    /// (one set of rates for all profiles, so that two profiles cannot disagree on what a sale is worth or what
    /// may be imported); set from the policy where a profile is loaded (`ProfileCatalog`, the store).
    public var currencyRates: CurrencyRates = .standard
    /// CHR that scores full health (the floor scores 0).
    public var healthTop: Double
    /// Followers that score a full audience (log scale).
    public var audienceFullAtFollowers: Double
    /// M-FULFIL prior: the rate assumed for a creator without samples, and how many samples it counts as.
    public var fulfilmentPrior: Double
    public var fulfilmentPriorWeight: Double
    /// Weekly batch (M-WEEKLY): default creator capacity, minimum pair score, candidates kept per campaign.
    public var weeklyCapacity: Int
    public var minimumScore: Double
    public var candidatesPerCampaign: Int
    /// M-NICHE: the lowest niche fit a pair needs to be shortlisted, matched or proposed by the batch; absent: any
    /// positive fit (a pair whose niches share nothing with the campaign's categories, fit 0, is left out); 0
    /// admits every pair.
    public var minimumNiche: Double?

    public init(
        name: String = "default", description: String? = nil,
        weights: Weights = Weights(niche: 0.35, sales: 0.30, health: 0.15, audience: 0.10, fulfilment: 0.10),
        nicheExact: Double = 1, nicheBroader: Double = 0.75, nicheSharedParent: Double = 0.5,
        salesHalfLifeDays: Double = 90, salesOtherCategoryWeight: Double = 0.25, salesReferencePercentile: Double = 0.99,
        currencyRates: CurrencyRates = .standard,
        healthTop: Double = 1000, audienceFullAtFollowers: Double = 10_000_000,
        fulfilmentPrior: Double = 0.5, fulfilmentPriorWeight: Double = 4,
        weeklyCapacity: Int = 3, minimumScore: Double = 0.2, candidatesPerCampaign: Int = 300, minimumNiche: Double? = nil
    ) {
        self.name = name
        self.description = description
        self.weights = weights
        self.nicheExact = nicheExact
        self.nicheBroader = nicheBroader
        self.nicheSharedParent = nicheSharedParent
        self.salesHalfLifeDays = salesHalfLifeDays
        self.salesOtherCategoryWeight = salesOtherCategoryWeight
        self.salesReferencePercentile = salesReferencePercentile
        self.currencyRates = currencyRates
        self.healthTop = healthTop
        self.audienceFullAtFollowers = audienceFullAtFollowers
        self.fulfilmentPrior = fulfilmentPrior
        self.fulfilmentPriorWeight = fulfilmentPriorWeight
        self.weeklyCapacity = weeklyCapacity
        self.minimumScore = minimumScore
        self.candidatesPerCampaign = candidatesPerCampaign
        self.minimumNiche = minimumNiche
    }

    /// M-NICHE: whether a pair with niche fit `fit` may be shortlisted, matched or proposed.
    public func admitsNiche(_ fit: Double) -> Bool {
        if let minimumNiche { return fit >= minimumNiche }
        return fit > 0
    }

    /// M-NICHE: whether pairs with niche fit 0 are admitted (`minimumNiche` 0).
    public var admitsNoNiche: Bool { admitsNiche(0) }

    enum CodingKeys: String, CodingKey {
        case name, description, weights, nicheExact, nicheBroader, nicheSharedParent, salesHalfLifeDays, salesOtherCategoryWeight
        case salesReferencePercentile, healthTop, audienceFullAtFollowers, fulfilmentPrior, fulfilmentPriorWeight
        case weeklyCapacity, minimumScore, candidatesPerCampaign, minimumNiche
    }

    /// Decodes and validates a profile file; its sales are valued with `currencies`, the policy's rates.
    /// - Throws: `ConfigError` naming the file and the key (a `currencyRates` key is refused: C-CURRENCY keeps
    ///   the rates in the policy).
    public static func load(json: Data, source: String, currencies: CurrencyRates) throws(ConfigError) -> ScoringProfile {
        var profile: ScoringProfile
        if let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any], object["currencyRates"] != nil {
            throw ConfigError(source: source, key: "currencyRates", reason:
                "currency rates are set once for every profile, as currencyRates in policy.json (C-CURRENCY); remove the key from the profile")
        }
        do {
            profile = try JSONDecoder().decode(ScoringProfile.self, from: json)
        } catch let DecodingError.keyNotFound(key, context) {
            let path = (context.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            throw ConfigError(source: source, key: path, reason: "missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ConfigError(source: source, key: context.codingPath.map(\.stringValue).joined(separator: "."), reason: "wrong type: \(context.debugDescription)")
        } catch {
            throw ConfigError(source: source, key: nil, reason: "not a valid profile: \(error)")
        }
        profile.currencyRates = currencies
        try profile.validate(source: source)
        return profile
    }

    /// Weights non-negative with a positive sum; credits and rates in range.
    public func validate(source: String = "profile") throws(ConfigError) {
        func require(_ ok: Bool, _ key: String, _ reason: String) throws(ConfigError) {
            if !ok { throw ConfigError(source: source, key: key, reason: reason) }
        }
        let w = weights
        for (key, value) in [("niche", w.niche), ("sales", w.sales), ("health", w.health), ("audience", w.audience), ("fulfilment", w.fulfilment)] {
            try require(value >= 0 && value.isFinite, "weights.\(key)", "must be a non-negative number, got \(value)")
        }
        try require(w.sum > 0, "weights", "must not all be zero")
        try require(!name.isEmpty, "name", "must not be empty")
        for (key, value) in [("nicheExact", nicheExact), ("nicheBroader", nicheBroader), ("nicheSharedParent", nicheSharedParent), ("salesOtherCategoryWeight", salesOtherCategoryWeight), ("fulfilmentPrior", fulfilmentPrior)] {
            try require((0...1).contains(value), key, "must be 0–1, got \(value)")
        }
        try require(salesHalfLifeDays > 0 && salesHalfLifeDays.isFinite, "salesHalfLifeDays", "must be positive")
        try require(salesReferencePercentile > 0 && salesReferencePercentile <= 1, "salesReferencePercentile", "must be in (0, 1]")
        try require(healthTop > 0, "healthTop", "must be positive")
        try require(audienceFullAtFollowers >= 10, "audienceFullAtFollowers", "must be at least 10")
        try require(fulfilmentPriorWeight >= 0, "fulfilmentPriorWeight", "must not be negative")
        try require(weeklyCapacity >= 0, "weeklyCapacity", "must not be negative")
        try require((0...1).contains(minimumScore), "minimumScore", "must be 0–1")
        try require(candidatesPerCampaign >= 1, "candidatesPerCampaign", "must be at least 1")
        if let minimumNiche { try require((0...1).contains(minimumNiche), "minimumNiche", "must be 0–1, got \(minimumNiche)") }
    }
}
