public import Foundation
import GRDB
public import StarMatchCore

extension StarMatchStore {
    /// Loads a scoring profile by name (`Scoring/NAME.json`), or the built-in default when no such
    /// folder exists and the default is asked for.
    public static func profile(named name: String, in resources: ProjectResources) throws -> ScoringProfile {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !name.isEmpty else {
            throw ConfigError(source: "--profile", key: nil, reason: "'\(name)' is not a profile name (letters, digits, - and _)")
        }
        guard let folder = resources.scoring else {
            if name == "default" { return ScoringProfile() }
            throw ConfigError(source: "--profile", key: nil, reason: "no Scoring/ folder found for profile '\(name)'")
        }
        let url = folder.appendingPathComponent("\(name).json")
        guard name != "policy", let data = try? Data(contentsOf: url) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".json") && $0 != "policy.json" }.map { String($0.dropLast(5)) }.sorted()
            throw ConfigError(source: "--profile", key: nil, reason: "unknown profile '\(name)' (known: \(known.joined(separator: ", ")))")
        }
        return try ScoringProfile.load(json: data, source: url.path)
    }

    /// M-FULFIL per creator at `instant` (the rule is `SampleFulfilment` in the core): every shipped sample
    /// with the instant its content was posted, if it was.
    static func fulfilment(_ db: Database, at instant: Date, windowDays: Int) throws -> [String: SampleFulfilment] {
        var result: [String: SampleFulfilment] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.creator_id, ship.at, MIN(posted.at)
            FROM matches m
            JOIN match_events ship ON ship.match_id = m.id AND ship.to_state = 'sampleShipped' AND ship.at <= ?
            LEFT JOIN match_events posted ON posted.match_id = m.id AND posted.to_state = 'contentPosted'
            GROUP BY m.id
            """, arguments: [UpsertSQL.seconds(instant)])
        while let row = try rows.next() {
            let posted: Int64? = row[2]
            result[row[0], default: SampleFulfilment()].add(
                shippedAt: Date(timeIntervalSince1970: Double(row[1] as Int64)),
                postedAt: posted.map { Date(timeIntervalSince1970: Double($0)) }, at: instant, windowDays: windowDays)
        }
        return result
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

    /// Every creator's standing and scoring inputs at `instant`, ready for shortlists and matches.
    /// Reads each table once; `progress` gets a label and a fraction.
    public func scoringPopulation(at instant: Date, profile: ScoringProfile, progress: ((String, Double) -> Void)? = nil) throws -> ScoringPopulation {
        let policy = Policy(config: config)
        let table = CategoryTable(try taxonomy())
        let seconds = UpsertSQL.seconds(instant)
        return try writer.read { db in
            progress?("creators", 0)
            var creators: [Creator] = []
            var positions: [String: Int] = [:]
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM creators") ?? 0
            creators.reserveCapacity(total)
            positions.reserveCapacity(total)
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM creators ORDER BY id")
            while let row = try rows.next() {
                let creator = try Self.creator(row)
                positions[creator.id.rawValue] = creators.count
                creators.append(creator)
                if creators.count & 0xFFFF == 0 { progress?("creators", Double(creators.count) / Double(max(total, 1))) }
            }
            var facts = [CreatorFacts](repeating: CreatorFacts(), count: creators.count)
            progress?("violations and content", 0)
            let violations = try Row.fetchCursor(db, sql: "SELECT * FROM violations WHERE at <= ? ORDER BY at, id", arguments: [seconds])
            while let row = try violations.next() {
                if let i = positions[row["creator_id"]] { facts[i].violations.append(try Self.violation(row)) }
            }
            let events = try Row.fetchCursor(db, sql: "SELECT * FROM content_events WHERE at <= ? ORDER BY at, id", arguments: [seconds])
            while let row = try events.next() {
                if let i = positions[row["creator_id"]] { facts[i].contentEvents.append(try Self.contentEvent(row)) }
            }
            let documentOrder = IdentityDocumentOrder.earlierAccounts(creators.indices.lazy.map { i in
                (position: i, id: creators[i].id, registeredAt: creators[i].registeredAt, document: creators[i].identityDocument)
            })
            for (i, earlier) in documentOrder { facts[i].earlierAccountsOnDocument = earlier }
            // Sales: scoring needs every validated sale as an aggregate; the pilot's graduation criteria
            // (P-GRADUATE) need the sales themselves, and only pilot creators have such criteria.
            progress?("sales", 0)
            var accumulators = [SalesAccumulator](repeating: SalesAccumulator(at: instant, returnWindowDays: config.returnWindowDays, profile: profile), count: creators.count)
            let inPilot = creators.map { $0.pilotStartedAt != nil && $0.kind == .affiliate }
            let categoryIDs = Dictionary(uniqueKeysWithValues: table.paths.enumerated().map { ($0.element.rawValue, Int32($0.offset)) })
            let salesTotal = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sales") ?? 0
            var done = 0
            let sales = try Row.fetchCursor(db, sql: "SELECT creator_id, category, ordered_at, orders, returned_orders, gmv_minor, currency, id, shop_id FROM sales WHERE ordered_at <= ?", arguments: [seconds])
            while let row = try sales.next() {
                done += 1
                if done & 0xFFFFF == 0 { progress?("sales", Double(done) / Double(max(salesTotal, 1))) }
                guard let i = positions[row[0]], let category = categoryIDs[row[1]] else { continue }
                let orderedAt: Int64 = row[2]
                let orders: Int = row[3]
                let returned: Int = row[4]
                accumulators[i].add(category: category, orderedAt: Double(orderedAt), orders: orders, returned: returned, gmvMinor: row[5], currency: row[6])
                if inPilot[i] {
                    facts[i].sales.append(Sale(
                        id: SaleID(row[7] as String), creator: creators[i].id, shop: ShopID(row[8] as String),
                        category: CategoryPath(row[1] as String), orderedAt: Date(timeIntervalSince1970: Double(orderedAt)),
                        orders: orders, returnedOrders: returned, gmvMinor: row[5], currency: row[6]))
                }
            }
            let fulfilment = try Self.fulfilment(db, at: instant, windowDays: config.fulfilmentDays)
            progress?("standing", 0)
            var standings: [CreatorStanding] = []
            var inputs: [ScoringInputs] = []
            standings.reserveCapacity(creators.count)
            inputs.reserveCapacity(creators.count)
            let week = QuotaWeek(containing: instant, timeZone: config.timeZone)
            for (i, creator) in creators.enumerated() {
                let standing = policy.standing(of: creator, facts: facts[i], at: instant, week: week)
                standings.append(standing)
                let samples = fulfilment[creator.id.rawValue]
                inputs.append(ScoringInputs(niches: creator.niches.compactMap(table.id), chr: standing.chr, followers: creator.followers,
                    sales: accumulators[i].result, samplesShipped: samples?.judged ?? 0, samplesFulfilled: samples?.fulfilled ?? 0))
            }
            let reference = Scorer.salesReference(totals: inputs.map(\.totalSalesValue), percentile: profile.salesReferencePercentile)
            let scorer = Scorer(profile: profile, table: table, policy: config, salesReference: reference)
            progress?("index", 0)
            return ScoringPopulation(instant: instant, policy: policy, scorer: scorer, creators: creators, standings: standings, inputs: inputs)
        }
    }

    /// All campaigns with their shops (for matches).
    public func campaignsWithShops() throws -> [(Campaign, Shop)] {
        try writer.read { db in
            let shops = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT * FROM shops").map { (($0["id"] as String), try Self.shop($0)) })
            return try Row.fetchAll(db, sql: "SELECT * FROM campaigns ORDER BY id").compactMap { row in
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
