public import Foundation
import GRDB
public import StarMatchCore

extension StarMatchStore {
    /// Loads a scoring profile by name (`Scoring/NAME.json`), or the built-in default when no such
    /// folder exists and the default is asked for; its sales are valued with `currencies` (the policy's rates).
    public static func profile(named name: String, in resources: ProjectResources, currencies: CurrencyRates) throws -> ScoringProfile {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            throw ConfigError(source: "--profile", key: nil, reason: "'\(name)' is not a profile name (letters, digits, - and _)")
        }
        guard let folder = resources.scoring else {
            if name == "default" { return ScoringProfile(currencyRates: currencies) }
            throw ConfigError(source: "--profile", key: nil, reason: "no Scoring/ folder found for profile '\(name)'")
        }
        let url = folder.appendingPathComponent("\(name).json")
        guard name != "policy", let data = try? Data(contentsOf: url) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".json") && $0 != "policy.json" }.map { String($0.dropLast(5)) }.sorted()
            throw ConfigError(source: "--profile", key: nil, reason: "unknown profile '\(name)' (known: \(known.joined(separator: ", ")))")
        }
        return try ScoringProfile.load(json: data, source: url.path, currencies: currencies)
    }

    /// The scoring population at `instant` for `profile`, reused while the data has not changed since it was
    /// built (the data version moves with every import); otherwise rebuilt.
    public func cachedScoringPopulation(at instant: Date, profile: ScoringProfile, progress: ((String, Double) -> Void)? = nil) throws -> ScoringPopulation {
        let version = try dataVersion()
        if let hit = populationCache.get(instant: instant, profile: profile, version: version) { return hit }
        let population = try scoringPopulation(at: instant, profile: profile, progress: progress)
        populationCache.set(population, profile: profile, version: version)
        return population
    }

    /// Every creator's standing and scoring inputs at `instant`, ready for shortlists and matches: from the
    /// scoring state maintained at write time (no history is scanned but the sales near the instant), or, when
    /// the state keeps no sums for the profile's half-life, from history through the same records.
    public func scoringPopulation(at instant: Date, profile: ScoringProfile, progress: ((String, Double) -> Void)? = nil) throws -> ScoringPopulation {
        try sqlRead { db in
            if let population = try populationFromState(db, at: instant, profile: profile, progress: progress) { return population }
            progress?("history", 0)
            return try populationFromHistory(db, at: instant, profile: profile)
        }
    }

    /// All campaigns with their shops (for matches).
    /// - Parameter openAt: only the campaigns running at this instant (start inclusive, end exclusive), and their
    ///   shops: a narrowing for callers that check K-OPEN with the policy anyway (`Policy.isEligible` at that
    ///   instant), so the policy stays the rule's one home.
    public func campaignsWithShops(openAt: Date? = nil) throws -> [(Campaign, Shop)] {
        let open = openAt.map { UpsertSQL.seconds($0) }
        return try sqlRead { db in
            let within = open.map { [SQLValue.integer($0), .integer($0)] } ?? []
            let shops = Dictionary(uniqueKeysWithValues: try db.rows(open == nil ? "SELECT * FROM shops" : """
                SELECT * FROM shops WHERE id IN (SELECT shop_id FROM campaigns WHERE starts_at <= ? AND ? < ends_at)
                """, within).map { try Self.shop($0) }.map { ($0.id.rawValue, $0) })
            return try db.rows(open == nil ? "SELECT * FROM campaigns ORDER BY id" : "SELECT * FROM campaigns WHERE starts_at <= ? AND ? < ends_at ORDER BY id",
                               within).compactMap { row in
                let campaign = try Self.campaign(row)
                return shops[campaign.shop.rawValue].map { (campaign, $0) }
            }
        }
    }
}

/// The last scoring population built, with the data version and profile it was built for.
final class PopulationCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entry: (population: ScoringPopulation, profile: ScoringProfile, version: Int64)?

    func get(instant: Date, profile: ScoringProfile, version: Int64) -> ScoringPopulation? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry, entry.version == version, entry.profile == profile, entry.population.instant == instant else { return nil }
        return entry.population
    }

    func set(_ population: ScoringPopulation, profile: ScoringProfile, version: Int64) {
        lock.lock()
        entry = (population, profile, version)
        lock.unlock()
    }
}
