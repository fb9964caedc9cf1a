public import Foundation

/// Policy thresholds of docs/rules.md, as data (`Scoring/policy.json`). Every field has the documented default;
/// a file may set any subset. Unknown keys and out-of-range values are refused on load.
public struct PolicyConfig: Sendable, Equatable, Codable {
    /// E-AGE: minimum age in years.
    public var minimumAge = 18
    /// E-AGE: months after registration within which age must be confirmed.
    public var ageConfirmationMonths = 2
    /// E-FOLLOWERS: followers an affiliate needs (and a bound creator for a shop other than its own).
    public var minFollowers = 1_000
    /// P-ENTER / P-FOLLOWERS: pilot creators have fewer followers than this; reaching it lifts the limits.
    public var pilotFollowerCeiling = 5_000
    /// P-ENTER: length of the pilot in days.
    public var pilotDays = 30
    /// P-SHOPS: minimum store performance score (0–100) of a shop a pilot creator may promote.
    public var pilotShopMinScore = 95.0
    /// H-POINTS: CHR of a new account, and the top of the scale.
    public var chrStart = 200
    public var chrMax = 1_000
    /// H-POINTS earning (decision): CHR points each validated kept order earns, credited at the end of the
    /// quota week it was validated in …
    public var chrPointsPerKeptOrder = 1
    /// … and at most this many points a quota week.
    public var chrWeeklyEarningCap = 10
    /// H-POINTS (decision): CHR points a perfect policy quiz regains, at most what violations took and was not
    /// regained yet.
    public var chrQuizRegainPoints = 20
    /// H-FLOOR: at or below this CHR a creator is not matched.
    public var chrFloor = 150
    /// H-GOOD: good standing for pilot graduation.
    public var chrGoodStanding = 200
    /// P-QUOTA: shoppable videos and LIVEs per quota week.
    public var pilotVideoQuota = 5
    public var pilotLiveQuota = 3
    /// P-WEEK: the quota week's time zone (weeks start Monday 00:00 there).
    public var quotaTimeZone = "America/Los_Angeles"
    /// E-REGION: regions where the program runs.
    public var regions = ["US", "GB"]
    /// C-VALIDATE: return window in days.
    public var returnWindowDays = 30
    /// E-IDDOC: accounts one identity document may verify.
    public var maxAccountsPerDocument = 5
    /// P-GRADUATE criteria.
    public var graduationMinVideos = 6
    public var graduationMinVideoSeconds = 8
    public var graduationMinLives = 1
    public var graduationMinLiveSeconds = 300
    public var graduationMinOrders = 10
    /// Issue 6: a proposed match expires after this many days (TikTok Shop's 7-day sample decision window).
    public var matchProposalDays = 7
    /// M-FULFIL: days a creator has to post content for a shipped sample before it counts as unfulfilled.
    public var fulfilmentDays = 14
    /// C-CURRENCY: the accepted currencies (ISO 4217 codes) and the value of one major unit of each in the
    /// reference currency — the one set of rates every scoring profile, report and import uses.
    public var currencyRates = CurrencyRates.standard.rates
    /// C-CURRENCY: the currency scores and reports are in; it must have rate 1.
    public var referenceCurrency = CurrencyRates.standard.reference

    public init() {}

    /// The accepted currencies and their rates (C-CURRENCY).
    public var currencies: CurrencyRates { CurrencyRates(reference: referenceCurrency, rates: currencyRates) }

    /// The quota time zone (validated on load, so this does not fail for a loaded config).
    public var timeZone: TimeZone { TimeZone(identifier: quotaTimeZone) ?? TimeZone(identifier: "UTC")! }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case minimumAge, ageConfirmationMonths, minFollowers, pilotFollowerCeiling, pilotDays, pilotShopMinScore
        case chrStart, chrMax, chrPointsPerKeptOrder, chrWeeklyEarningCap, chrQuizRegainPoints, chrFloor, chrGoodStanding, pilotVideoQuota, pilotLiveQuota, quotaTimeZone, regions
        case returnWindowDays, maxAccountsPerDocument, graduationMinVideos, graduationMinVideoSeconds
        case graduationMinLives, graduationMinLiveSeconds, graduationMinOrders, matchProposalDays, fulfilmentDays
        case currencyRates, referenceCurrency
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PolicyConfig()
        func v<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try c.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        minimumAge = try v(.minimumAge, d.minimumAge)
        ageConfirmationMonths = try v(.ageConfirmationMonths, d.ageConfirmationMonths)
        minFollowers = try v(.minFollowers, d.minFollowers)
        pilotFollowerCeiling = try v(.pilotFollowerCeiling, d.pilotFollowerCeiling)
        pilotDays = try v(.pilotDays, d.pilotDays)
        pilotShopMinScore = try v(.pilotShopMinScore, d.pilotShopMinScore)
        chrStart = try v(.chrStart, d.chrStart)
        chrMax = try v(.chrMax, d.chrMax)
        chrPointsPerKeptOrder = try v(.chrPointsPerKeptOrder, d.chrPointsPerKeptOrder)
        chrWeeklyEarningCap = try v(.chrWeeklyEarningCap, d.chrWeeklyEarningCap)
        chrQuizRegainPoints = try v(.chrQuizRegainPoints, d.chrQuizRegainPoints)
        chrFloor = try v(.chrFloor, d.chrFloor)
        chrGoodStanding = try v(.chrGoodStanding, d.chrGoodStanding)
        pilotVideoQuota = try v(.pilotVideoQuota, d.pilotVideoQuota)
        pilotLiveQuota = try v(.pilotLiveQuota, d.pilotLiveQuota)
        quotaTimeZone = try v(.quotaTimeZone, d.quotaTimeZone)
        regions = try v(.regions, d.regions)
        returnWindowDays = try v(.returnWindowDays, d.returnWindowDays)
        maxAccountsPerDocument = try v(.maxAccountsPerDocument, d.maxAccountsPerDocument)
        graduationMinVideos = try v(.graduationMinVideos, d.graduationMinVideos)
        graduationMinVideoSeconds = try v(.graduationMinVideoSeconds, d.graduationMinVideoSeconds)
        graduationMinLives = try v(.graduationMinLives, d.graduationMinLives)
        graduationMinLiveSeconds = try v(.graduationMinLiveSeconds, d.graduationMinLiveSeconds)
        graduationMinOrders = try v(.graduationMinOrders, d.graduationMinOrders)
        matchProposalDays = try v(.matchProposalDays, d.matchProposalDays)
        fulfilmentDays = try v(.fulfilmentDays, d.fulfilmentDays)
        currencyRates = try v(.currencyRates, d.currencyRates)
        referenceCurrency = try v(.referenceCurrency, d.referenceCurrency)
    }

    /// Decodes and validates a policy file's bytes.
    /// - Throws: `ConfigError` naming the file, the key and what is wrong.
    public static func load(json: Data, source: String) throws(ConfigError) -> PolicyConfig {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: json)
        } catch {
            throw ConfigError(source: source, key: nil, reason: "not valid JSON")
        }
        guard let dict = object as? [String: Any] else {
            throw ConfigError(source: source, key: nil, reason: "expected a JSON object at the top level")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = dict.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConfigError(source: source, key: unknown, reason: "unknown key (known: \(known.sorted().joined(separator: ", ")))")
        }
        if let null = dict.keys.sorted().first(where: { dict[$0] is NSNull }) {
            throw ConfigError(source: source, key: null, reason: "null is not a value; leave the key out for its default")
        }
        for key in dict.keys.sorted() {
            if let problem = typeProblem(key: key, value: dict[key]!) {
                throw ConfigError(source: source, key: key, reason: problem)
            }
        }
        let config: PolicyConfig
        do {
            config = try JSONDecoder().decode(PolicyConfig.self, from: json)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context),
            let DecodingError.dataCorrupted(context)
        {
            throw ConfigError(source: source, key: context.codingPath.first?.stringValue, reason: "wrong type or out of range: \(context.debugDescription)")
        } catch {
            throw ConfigError(source: source, key: nil, reason: "\(error)")
        }
        try config.validate(source: source)
        return config
    }

    /// Why `value` cannot be the value of `key`, or `nil` when its JSON type fits.
    static func typeProblem(key: String, value: Any) -> String? {
        switch key {
        case CodingKeys.quotaTimeZone.rawValue:
            return value is String ? nil : "wrong type: expected a string such as \"America/Los_Angeles\""
        case CodingKeys.referenceCurrency.rawValue:
            return value is String ? nil : "wrong type: expected a currency code such as \"USD\""
        case CodingKeys.currencyRates.rawValue:
            guard let rates = value as? [String: Any],
                  rates.values.allSatisfy({ ($0 as? NSNumber)?.doubleValue.isFinite ?? false })
            else { return "wrong type: expected an object of currency codes and rates such as {\"USD\": 1, \"EUR\": 1.08}" }
            return nil
        case CodingKeys.regions.rawValue:
            return value is [String] ? nil : "wrong type: expected a list of region codes such as [\"US\", \"GB\"]"
        case CodingKeys.pilotShopMinScore.rawValue:
            guard let number = value as? NSNumber, number.doubleValue.isFinite else { return "wrong type: expected a number" }
            return nil
        default:
            guard let number = value as? NSNumber else { return "wrong type: expected a whole number" }
            let double = number.doubleValue
            guard double == double.rounded(), abs(double) < 1e15 else { return "wrong type: expected a whole number, got \(number)" }
            return nil
        }
    }

    /// Checks ranges and relations between thresholds.
    public func validate(source: String = "policy") throws(ConfigError) {
        func require(_ ok: Bool, _ key: CodingKeys, _ reason: String) throws(ConfigError) {
            if !ok { throw ConfigError(source: source, key: key.rawValue, reason: reason) }
        }
        try require((0...150).contains(minimumAge), .minimumAge, "must be 0–150, got \(minimumAge)")
        try require((0...120).contains(ageConfirmationMonths), .ageConfirmationMonths, "must be 0–120")
        try require(minFollowers >= 0, .minFollowers, "must not be negative")
        try require(pilotFollowerCeiling > minFollowers, .pilotFollowerCeiling, "must be above minFollowers (\(minFollowers))")
        try require(pilotDays > 0, .pilotDays, "must be positive")
        try require((0...100).contains(pilotShopMinScore), .pilotShopMinScore, "must be 0–100")
        try require(chrMax > 0, .chrMax, "must be positive")
        try require((0...chrMax).contains(chrStart), .chrStart, "must be 0–chrMax (\(chrMax))")
        try require((0...chrMax).contains(chrPointsPerKeptOrder), .chrPointsPerKeptOrder, "must be 0–chrMax (\(chrMax))")
        try require((0...chrMax).contains(chrWeeklyEarningCap), .chrWeeklyEarningCap, "must be 0–chrMax (\(chrMax))")
        try require((0...chrMax).contains(chrQuizRegainPoints), .chrQuizRegainPoints, "must be 0–chrMax (\(chrMax))")
        try require((0...chrMax).contains(chrFloor), .chrFloor, "must be 0–chrMax (\(chrMax))")
        try require(chrGoodStanding > chrFloor && chrGoodStanding <= chrMax, .chrGoodStanding, "must be above chrFloor (\(chrFloor)) and at most chrMax")
        try require(pilotVideoQuota >= 0, .pilotVideoQuota, "must not be negative")
        try require(pilotLiveQuota >= 0, .pilotLiveQuota, "must not be negative")
        try require(TimeZone(identifier: quotaTimeZone) != nil, .quotaTimeZone, "unknown time zone '\(quotaTimeZone)'")
        try require(!regions.isEmpty, .regions, "must name at least one region")
        try require(regions.allSatisfy(Region.isValid), .regions, "regions are ISO 3166-1 alpha-2 codes in capitals, e.g. US")
        try require((0...365).contains(returnWindowDays), .returnWindowDays, "must be 0–365")
        try require(maxAccountsPerDocument >= 1, .maxAccountsPerDocument, "must be at least 1")
        try require(graduationMinVideos >= 0, .graduationMinVideos, "must not be negative")
        try require(graduationMinVideoSeconds >= 0, .graduationMinVideoSeconds, "must not be negative")
        try require(graduationMinLives >= 0, .graduationMinLives, "must not be negative")
        try require(graduationMinLiveSeconds >= 0, .graduationMinLiveSeconds, "must not be negative")
        try require(graduationMinOrders >= 0, .graduationMinOrders, "must not be negative")
        try require((1...365).contains(matchProposalDays), .matchProposalDays, "must be 1–365")
        try require((1...365).contains(fulfilmentDays), .fulfilmentDays, "must be 1–365")
        if let unlisted = currencyRates.keys.sorted().first(where: { ISO4217.minorUnit($0) == nil }) {
            try require(false, .currencyRates, "'\(unlisted)' is not an ISO 4217 currency code with a minor unit (C-CURRENCY)")
        }
        if let bad = currencyRates.sorted(by: { $0.key < $1.key }).first(where: { !($0.value > 0 && $0.value.isFinite) }) {
            try require(false, .currencyRates, "the rate of \(bad.key) must be a positive number, got \(bad.value)")
        }
        try require(currencyRates[referenceCurrency] == 1, .referenceCurrency,
                    "'\(referenceCurrency)' must be in currencyRates with rate 1 (scores and reports are in it)")
    }
}

/// A configuration file that cannot be used.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let source: String
    public let key: String?
    public let reason: String

    public init(source: String, key: String?, reason: String) {
        self.source = source
        self.key = key
        self.reason = reason
    }

    public var description: String {
        if let key { return "\(source): \(key): \(reason)" }
        return "\(source): \(reason)"
    }
}

/// ISO 3166-1 alpha-2 region codes.
public enum Region {
    public static func isValid(_ code: String) -> Bool {
        code.utf8.count == 2 && code.utf8.allSatisfy { $0 >= 0x41 && $0 <= 0x5A }
    }
}

extension ConfigError: DomainErrorConvertible {
    /// A bad configuration value is bad input, named by its key.
    public var domainError: DomainError {
        DomainError(.invalidInput, description, issues: [DomainError.Issue(key.map { .member($0) }, detail: reason)])
    }
}
