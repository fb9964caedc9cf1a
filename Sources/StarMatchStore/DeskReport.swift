public import Foundation
import GRDB
public import StarMatchCore

/// The weekly desk report (issue 6): what the managers' Monday meeting looks at. Every number here is what
/// the HTML page shows; `report --json` prints this value.
public struct DeskReport: Sendable, Codable, Equatable {
    public struct Fill: Sendable, Codable, Equatable {
        public var campaign: String
        public var slots: Int
        public var filled: Int
        public var bound: String
    }

    public struct Batch: Sendable, Codable, Equatable {
        public var run: Int64
        public var objective: Double
        public var assignments: Int
        public var creatorsUsed: Int
        public var slots: Int
        public var filled: Int
        public var fills: [Fill]
        /// Assignments per score tenth: [0, 0.1), [0.1, 0.2), … [0.9, 1].
        public var scoreHistogram: [Int]
        /// What proves the run optimal over every eligible pair (`nil` for runs stored before certificates).
        public var certificate: WeeklyBatch.Certificate?
    }

    public struct Star: Sendable, Codable, Equatable {
        public var creator: String
        public var handle: String
        /// Validated GMV this week and last week, in the reference currency's minor units.
        public var gmvMinor: Int64
        public var previousWeekMinor: Int64
        public var trendPercent: Double?
        /// The rules that keep the creator from being matched at `DeskReport.judgedAt` (M-ELIGIBLE, marketplace);
        /// empty when it can be matched.
        public var refusedBy: [String]
    }

    public struct CategoryStars: Sendable, Codable, Equatable {
        public var category: String
        public var stars: [Star]
    }

    public struct CategorySales: Sendable, Codable, Equatable {
        public var category: String
        public var gmvMinor: Int64
        public var keptOrders: Int
        public var creators: Int
    }

    /// A product's sales of the week: kept GMV in the reference currency's minor units.
    public struct ProductSalesLine: Sendable, Codable, Equatable {
        public var product: String
        public var name: String
        public var shop: String
        public var category: String
        public var gmvMinor: Int64
        public var keptOrders: Int
        public var creators: Int
    }

    /// What a campaign's matches brought in during the week (`MatchOutcome`, the window cut to the week).
    public struct CampaignOutcome: Sendable, Codable, Equatable {
        public var campaign: String
        public var matches: Int
        public var outcome: MatchOutcome
    }

    /// The week's outcomes: every match accepted by the week's end whose campaign ran into the week, with the sales
    /// attributed to it ordered in the week (from its acceptance if later) and the samples shipped in the week.
    public struct WeekOutcomes: Sendable, Codable, Equatable {
        public var matches: Int
        public var total: MatchOutcome
        /// The campaigns with the most kept orders, at most the report's list length.
        public var campaigns: [CampaignOutcome]
    }

    public struct PilotNearGraduation: Sendable, Codable, Equatable {
        public var creator: String
        public var handle: String
        public var state: String
        /// What is still missing (any one criterion suffices, P-GRADUATE); empty when invited to the quiz.
        public var missing: [String]
        /// What is needed on top of a criterion: good standing (H-GOOD) when CHR is below it; empty otherwise.
        public var alsoNeeds: [String]
        /// How close the closest criterion is, 0–1.
        public var closeness: Double
    }

    public struct CHRDrop: Sendable, Codable, Equatable {
        public var creator: String
        public var handle: String
        public var from: Int
        public var to: Int
        public var violations: Int

        public init(creator: String, handle: String, from: Int, to: Int, violations: Int) {
            self.creator = creator
            self.handle = handle
            self.from = from
            self.to = to
            self.violations = violations
        }
    }

    public var week: String
    public var weekStart: Date
    public var weekEnd: Date
    /// Last week (P-WEEK: the calendar week before, 167, 168 or 169 hours): from this instant to `weekStart`.
    public var previousWeekStart: Date
    /// When pilots, matchability and matches are judged: the week's last second, or now while the week runs.
    public var judgedAt: Date
    public var currency: String
    public var batch: Batch?
    /// "Shop Stars": per top-level category, the creators with the most GMV validated this week (C-VALIDATE).
    public var shopStars: [CategoryStars]
    /// Categories by kept GMV of the week's orders (every sales line, with or without a product).
    public var bestSellingCategories: [CategorySales]
    /// Products by kept GMV of the week's orders (the lines naming their product).
    public var bestSellingProducts: [ProductSalesLine]
    public var outcomes: WeekOutcomes
    public var pilotsNearGraduation: [PilotNearGraduation]
    public var chrDrops: [CHRDrop]
    /// The week's matches (`week_start` this week) by their state at `matchesJudgedAt` (a lapsed proposal counts as
    /// expired).
    public var matchesByState: [String: Int]
    /// When the matches are counted: now, or the week's last second if later — a batch run after the week still shows.
    public var matchesJudgedAt: Date
}

extension StarMatchStore {
    /// Builds the desk report of an ISO week (`2026-W48`) with the policy's currency rates (`profile`'s, C-CURRENCY):
    /// amounts in minor units of the reference currency, each sale converted by its currency's ISO 4217 minor unit.
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a total cannot be represented in 64 bits.
    /// - Parameter now: pilots, matchability and matches are judged at the week's last second, or at `now` while the
    ///   week runs (its start before it begins).
    public func deskReport(week label: String, profile: ScoringProfile, now: Date, starsPerCategory: Int = 5, listLength: Int = 20) throws -> DeskReport {
        let week = try isoWeek(label)
        let judgedAt = max(week.start, min(now, week.end.addingTimeInterval(-1)))
        let policy = Policy(config: config)
        let window = Int64(config.returnWindowDays) * 86_400
        // Last week is the quota week before (P-WEEK: a week with a daylight-saving change is not 7 × 24 h long).
        let start = UpsertSQL.seconds(week.start), end = UpsertSQL.seconds(week.end), previousStart = UpsertSQL.seconds(week.previous.start)
        let rates = profile.currencyRates
        let currency = rates.reference
        func converted(_ gmv: Int64, _ orders: Int, _ returned: Int, _ cur: String) throws -> Int64 {
            guard let value = rates.referenceMinor(Sale.keptGMV(gmvMinor: gmv, orders: orders, returnedOrders: returned), currency: cur) else {
                throw DomainError(.refused, "a sale of \(gmv) minor units of \(cur) cannot be represented in \(currency)", rules: ["C-CURRENCY"])
            }
            return value
        }
        let outcomeAt = min(judgedAt, week.end.addingTimeInterval(-1))
        let (batch, stars, best, bestProducts, outcomes) = try sqlRead { db
            -> (DeskReport.Batch?, [DeskReport.CategoryStars], [DeskReport.CategorySales], [DeskReport.ProductSalesLine], DeskReport.WeekOutcomes) in
            // The batch: the week's current run.
            var batch: DeskReport.Batch?
            if let row = try db.row("SELECT * FROM batch_runs WHERE week = ? AND superseded_by IS NULL ORDER BY id DESC LIMIT 1", [.text(label)]) {
                let run = try Self.batchRun(row)
                let fills = try Self.batchFills(db, run.id)
                var histogram = [Int](repeating: 0, count: 10)
                for row in try db.rows("SELECT score FROM batch_matches WHERE run_id = ?", [.integer(run.id)]) {
                    guard let score = row.get(0, as: Double.self) else { throw DamagedRow(table: "batch_matches", id: "run \(run.id)", column: "score", reason: "not a number") }
                    histogram[min(9, max(0, Int(score * 10)))] += 1
                }
                batch = DeskReport.Batch(run: run.id, objective: run.objective, assignments: run.assignments, creatorsUsed: run.creatorsUsed,
                    slots: fills.reduce(0) { $0 + $1.slots }, filled: fills.reduce(0) { $0 + $1.filled },
                    fills: fills.map { DeskReport.Fill(campaign: $0.campaign, slots: $0.slots, filled: $0.filled, bound: $0.bound) },
                    scoreHistogram: histogram, certificate: run.certificate)
            }
            // Shop Stars: GMV whose return window ends this week (validated this week) against last week's.
            var thisWeek: [String: [String: Int64]] = [:], lastWeek: [String: [String: Int64]] = [:]
            var categories: [String: (gmv: Int64, orders: Int, creators: Set<String>)] = [:]
            var products: [String: (gmv: Int64, orders: Int, creators: Set<String>)] = [:]
            // The week's outcomes: the matches accepted by the week's end whose campaign ends after it starts.
            let accepted = try Self.acceptedMatches(db, from: week.start, to: week.end)
            let matchesOf = Dictionary(grouping: accepted.indices, by: { accepted[$0].creator })
            var attributed: [[Sale]] = Array(repeating: [], count: accepted.count)
            let salesSQL = """
                SELECT creator_id, category, ordered_at, orders, returned_orders, gmv_minor, currency, product_id, campaign_id, id FROM sales
                WHERE ((ordered_at >= ?1 AND ordered_at < ?2) OR (ordered_at >= ?3 AND ordered_at < ?4))
                \(try Self.recentSalesTerm(db, from: min(previousStart - window, start) - 1))
                """
            let salesArguments: [SQLValue] = [.integer(previousStart - window), .integer(end - window), .integer(start), .integer(end)]
            /// One sales line of the two weeks, tallied.
            func line(_ creator: String, _ category: String, _ at: Int64, _ orders: Int, _ returned: Int, _ gmv: Int64, _ cur: String,
                      _ product: String?, _ campaign: String?, _ id: String) throws {
                let value = try converted(gmv, orders, returned, cur)
                let top = String(category.split(separator: "/").first ?? "")
                if at + window >= start && at + window < end {
                    thisWeek[top, default: [:]][creator, default: 0] = try MoneySum.add(thisWeek[top]?[creator] ?? 0, value, "\(creator)'s validated GMV in \(top)")
                }
                if at + window >= previousStart && at + window < start {
                    lastWeek[top, default: [:]][creator, default: 0] = try MoneySum.add(lastWeek[top]?[creator] ?? 0, value, "\(creator)'s validated GMV in \(top)")
                }
                if at >= start && at < end {
                    // The week's kept GMV, kept orders and creators, per category and per product named.
                    func tally(_ sums: inout [String: (gmv: Int64, orders: Int, creators: Set<String>)], _ key: String, _ what: String) throws {
                        var entry = sums[key] ?? (0, 0, [])
                        entry.gmv = try MoneySum.add(entry.gmv, value, "the GMV of \(what)")
                        entry.orders += orders - returned
                        entry.creators.insert(creator)
                        sums[key] = entry
                    }
                    try tally(&categories, category, category)
                    if let product { try tally(&products, product, "product \(product)") }
                    if let indices = matchesOf[creator] {
                        let sale = Sale(id: SaleID(id), creator: CreatorID(creator), shop: "", campaign: campaign.map { CampaignID($0) },
                                        category: CategoryPath(category), orderedAt: Date(timeIntervalSince1970: Double(at)), orders: orders,
                                        returnedOrders: returned, gmvMinor: gmv, currency: cur, product: product.map { ProductID($0) })
                        // Each line counts for one match only: the one of the creator's it belongs to (`MatchOutcomes.owner`).
                        let windows = indices.map { AcceptedWindow(match: accepted[$0].id, campaign: accepted[$0].campaign, acceptedAt: accepted[$0].acceptedAt) }
                        if let owner = MatchOutcomes.owner(of: sale, among: windows), let i = indices.first(where: { accepted[$0].id == owner }) {
                            attributed[i].append(sale)
                        }
                    }
                }
            }
            if let sqlite = (db as? SQLiteSession)?.db {
                // A week's lines at 1M creators are hundreds of thousands: GRDB's typed accessors, no SQLValue per cell.
                let rows = try Row.fetchCursor(sqlite, sql: salesSQL, arguments: StatementArguments(salesArguments.map(SQLiteSession.databaseValue)))
                while let row = try rows.next() {
                    try line(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9])
                }
            } else {
                try db.forEachRow(salesSQL, salesArguments) { row in
                    guard let creator = row.get(0, as: String.self), let category = row.get(1, as: String.self), let at = row.get(2, as: Int64.self),
                          let orders = row.get(3, as: Int.self), let returned = row.get(4, as: Int.self), let gmv = row.get(5, as: Int64.self),
                          let cur = row.get(6, as: String.self), let product = row.get(7, as: String?.self), let campaign = row.get(8, as: String?.self),
                          let id = row.get(9, as: String.self) else {
                        throw DamagedRow(table: "sales", id: row.get(9, as: String.self) ?? "?", column: "ordered_at", reason: "not a sales line")
                    }
                    try line(creator, category, at, orders, returned, gmv, cur, product, campaign, id)
                }
            }
            // Each match's outcome over the week: its window starts at its acceptance or the week's start.
            var rates = CommissionRates(products: try Self.productRates(db, of: attributed.joined()))
            for m in accepted { rates.campaigns[m.campaign.id] = m.campaign.commissionPercent }
            var byCampaign: [CampaignID: [MatchOutcome]] = [:]
            var all: [MatchOutcome] = []
            for (i, m) in accepted.enumerated() {
                let shipped = m.shippedAt.flatMap { $0 >= week.start ? $0 : nil }
                let outcome = try MatchOutcomes.outcome(campaign: m.campaign, acceptedAt: max(m.acceptedAt, week.start), shippedAt: shipped,
                                                        sales: attributed[i], rates: rates, at: outcomeAt)
                byCampaign[m.campaign.id, default: []].append(outcome)
                all.append(outcome)
            }
            let campaignOutcomes = try byCampaign.map { campaign, outcomes in
                DeskReport.CampaignOutcome(campaign: campaign.rawValue, matches: outcomes.count, outcome: try MatchOutcomes.total(outcomes, to: outcomeAt))
            }.sorted { ($0.outcome.keptOrders, $1.campaign) > ($1.outcome.keptOrders, $0.campaign) }.prefix(listLength)
            let weekOutcomes = DeskReport.WeekOutcomes(matches: accepted.count, total: try MatchOutcomes.total(all, to: outcomeAt), campaigns: Array(campaignOutcomes))
            let topProducts = products.sorted { $0.value.gmv != $1.value.gmv ? $0.value.gmv > $1.value.gmv : $0.key < $1.key }.prefix(listLength)
            let bestProducts = try topProducts.map { id, sold in
                let product = try db.row("SELECT * FROM products WHERE id = ?", [.text(id)]).map { try Self.product($0) }
                return DeskReport.ProductSalesLine(product: id, name: product?.name ?? id, shop: product?.shop.rawValue ?? "", category: product?.category.rawValue ?? "",
                                                   gmvMinor: sold.gmv, keptOrders: sold.orders, creators: sold.creators.count)
            }
            func handle(_ id: String) throws -> String { try db.value("SELECT handle FROM creators WHERE id = ?", [.text(id)], as: String.self) ?? id }
            var stars: [DeskReport.CategoryStars] = []
            for (category, byCreator) in thisWeek.sorted(by: { $0.key < $1.key }) {
                let top = byCreator.filter { $0.value > 0 }.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(starsPerCategory)
                guard !top.isEmpty else { continue }
                stars.append(DeskReport.CategoryStars(category: category, stars: try top.map { creator, gmv in
                    let previous = lastWeek[category]?[creator] ?? 0
                    return DeskReport.Star(creator: creator, handle: try handle(creator), gmvMinor: gmv, previousWeekMinor: previous,
                        trendPercent: previous > 0 ? ((Double(gmv) / Double(previous) - 1) * 1000).rounded() / 10 : nil, refusedBy: [])
                }))
            }
            let best = categories.map { DeskReport.CategorySales(category: $0.key, gmvMinor: $0.value.gmv, keptOrders: $0.value.orders, creators: $0.value.creators.count) }
                .sorted { $0.gmvMinor != $1.gmvMinor ? $0.gmvMinor > $1.gmvMinor : $0.category < $1.category }.prefix(listLength)
            return (batch, stars, Array(best), bestProducts, weekOutcomes)
        }
        // M-ELIGIBLE: a star who cannot be matched at the judging instant says why (the policy engine's own rules).
        var judgedStars = stars
        for g in judgedStars.indices {
            for s in judgedStars[g].stars.indices {
                guard let creator = try creator(CreatorID(judgedStars[g].stars[s].creator)) else { continue }
                let report = policy.eligibility(creator, standing: try standing(of: creator, at: judgedAt), at: judgedAt)
                judgedStars[g].stars[s].refusedBy = Array(Set(report.refusals.map(\.rule.rawValue))).sorted()
            }
        }
        return DeskReport(week: label, weekStart: week.start, weekEnd: week.end, previousWeekStart: week.previous.start, judgedAt: judgedAt,
            currency: currency, batch: batch, shopStars: judgedStars,
            bestSellingCategories: best, bestSellingProducts: bestProducts, outcomes: outcomes, pilotsNearGraduation: try pilotsNearGraduation(at: judgedAt, profile: profile, limit: listLength),
            chrDrops: try chrDrops(from: week.start, to: week.end, limit: listLength),
            matchesByState: try matchesByState(weekStart: week.start, at: max(judgedAt, now)), matchesJudgedAt: max(judgedAt, now))
    }

    /// A match accepted before `to` whose campaign ends after `from`: what the week's outcomes are made of.
    struct AcceptedMatch {
        let id: Int64
        let creator: String
        let campaign: Campaign
        let acceptedAt: Date
        let shippedAt: Date?
    }

    /// The matches accepted before `to` (their first acceptance) whose campaign ends after `from`, with when their
    /// sample shipped, if it did.
    static func acceptedMatches(_ db: any SQLSession, from: Date, to: Date) throws -> [AcceptedMatch] {
        var campaigns: [String: Campaign] = [:]
        return try db.rows("""
            SELECT * FROM (
              SELECT m.id, m.creator_id, m.campaign_id,
                (SELECT MIN(e.at) FROM match_events e WHERE e.match_id = m.id AND e.to_state = '\(MatchState.accepted.rawValue)') AS accepted_at,
                (SELECT MIN(e.at) FROM match_events e WHERE e.match_id = m.id AND e.to_state = '\(MatchState.sampleShipped.rawValue)') AS shipped_at
              FROM matches m JOIN campaigns k ON k.id = m.campaign_id WHERE k.ends_at > ?1
            ) AS accepted WHERE accepted_at < ?2 ORDER BY id
            """, [.integer(UpsertSQL.seconds(from)), .integer(UpsertSQL.seconds(to))]).compactMap { row in
            guard let match = row.get("id", as: Int64.self), let creator = row.get("creator_id", as: String.self),
                  let id = row.get("campaign_id", as: String.self), let acceptedAt = row.get("accepted_at", as: Int64.self),
                  let shippedAt = row.get("shipped_at", as: Int64?.self) else {
                throw DamagedRow(table: "matches", id: row.get("id", as: Int64.self).map { String($0) } ?? "?", column: "campaign_id", reason: "not an accepted match")
            }
            if campaigns[id] == nil {
                campaigns[id] = try db.row("SELECT * FROM campaigns WHERE id = ?", [.text(id)]).map { try Self.campaign($0) }
            }
            guard let campaign = campaigns[id] else { return nil }
            return AcceptedMatch(id: match, creator: creator, campaign: campaign, acceptedAt: Date(timeIntervalSince1970: Double(acceptedAt)),
                                 shippedAt: shippedAt.map { Date(timeIntervalSince1970: Double($0)) })
        }
    }

    /// The matches of the week starting `weekStart`, by state at `instant`: each match's last step at or before it
    /// (history is append-only), a proposal past its window counted as expired; matches made later are left out.
    func matchesByState(weekStart: Date, at instant: Date) throws -> [String: Int] {
        try sqlRead { db in
            var counts: [String: Int] = [:]
            let t = UpsertSQL.seconds(instant)
            for row in try db.rows("""
                SELECT m.expires_at, (SELECT e.to_state FROM match_events e WHERE e.match_id = m.id AND e.at <= ?1 ORDER BY e.seq DESC LIMIT 1)
                FROM matches m WHERE m.week_start = ?2
                """, [.integer(t), .integer(UpsertSQL.seconds(weekStart))]) {
                guard let raw = row.get(1, as: String.self), var state = MatchState(rawValue: raw) else { continue }
                if state == .proposed, (row.get(0, as: Int64.self) ?? .max) <= t { state = .expired }
                counts[state.rawValue, default: 0] += 1
            }
            return counts
        }
    }

    /// Pilot creators (limits still applying) closest to a graduation criterion at `instant`; invited ones first.
    /// Who is in the pilot is the core's test (`Policy.pilotStatus`, via the standing): the query only narrows to
    /// creators with a pilot start, never re-deriving the rule (a quiz passed after `instant` still counts as not passed).
    /// Their standings come from the scoring state when it can answer for the instant (tens of thousands of pilots at
    /// 1M creators: reading each one's history took seconds), else from history.
    func pilotsNearGraduation(at instant: Date, profile: ScoringProfile, limit: Int) throws -> [DeskReport.PilotNearGraduation] {
        let pilots = try sqlRead { db in
            try db.rows("SELECT * FROM creators WHERE pilot_started_at IS NOT NULL ORDER BY id", []).map { try Self.creator($0) }
        }
        let fromState = try standingsFromState(pilots, at: instant, profile: profile)
        var near: [DeskReport.PilotNearGraduation] = []
        for (n, creator) in pilots.enumerated() {
            let standing = try fromState?[n] ?? standing(of: creator, at: instant)
            guard standing.pilot.limitsApply else { continue }
            let g = standing.graduation
            let closeness = min(1, max(
                Double(g.qualifyingVideos) / Double(max(1, config.graduationMinVideos)),
                Double(g.qualifyingLives) / Double(max(1, config.graduationMinLives)),
                Double(g.orders) / Double(max(1, config.graduationMinOrders))))
            let alsoNeeds = standing.chr >= config.chrGoodStanding ? [] : ["good standing: CHR \(standing.chr) < \(config.chrGoodStanding) (H-GOOD)"]
            near.append(DeskReport.PilotNearGraduation(creator: creator.id.rawValue, handle: creator.handle, state: standing.pilot.name,
                missing: g.missing(config), alsoNeeds: alsoNeeds, closeness: (closeness * 1000).rounded() / 1000))
        }
        return Array(near.sorted {
            ($0.state == "quizInvited" ? 0 : 1, -$0.closeness, $0.creator) < ($1.state == "quizInvited" ? 0 : 1, -$1.closeness, $1.creator)
        }.prefix(limit))
    }

    /// Creators whose CHR fell during [from, to) (H-POINTS), biggest fall first: those with a violation in the
    /// window, their CHR at its start and at its last second computed by the core (`Policy.health`: appeals,
    /// quizzes and earnings count as they do everywhere).
    func chrDrops(from: Date, to: Date, limit: Int) throws -> [DeskReport.CHRDrop] {
        let policy = Policy(config: config)
        let candidates = try sqlRead { db in
            try db.rows("""
                SELECT creator_id, COUNT(*) FROM violations WHERE at >= ? AND at < ? GROUP BY creator_id ORDER BY creator_id
                """, [.integer(UpsertSQL.seconds(from)), .integer(UpsertSQL.seconds(to))]).map { row in
                guard let id = row.get(0, as: String.self), let count = row.get(1, as: Int.self) else {
                    throw DamagedRow(table: "violations", id: "?", column: "creator_id", reason: "not text")
                }
                return (id, count)
            }
        }
        var drops: [DeskReport.CHRDrop] = []
        for (id, count) in candidates {
            guard let creator = try creator(CreatorID(id)) else { continue }
            let facts = try facts(for: creator)
            func chr(_ violations: [Violation], _ t: Date) -> Int {
                policy.health(violations: violations, quizzes: facts.quizzes, earnings: facts.earnings, at: t).chr
            }
            // Before: at the week's start, with what the previous week earned (credited at its end, this instant) but
            // without the violations of this instant; after: at the week's last second.
            let before = chr(facts.violations.filter { $0.at < from }, from), after = chr(facts.violations, to.addingTimeInterval(-1))
            guard after < before else { continue }
            drops.append(DeskReport.CHRDrop(creator: id, handle: creator.handle, from: before, to: after, violations: count))
        }
        return Array(drops.sorted { ($0.to - $0.from, $0.creator) < ($1.to - $1.from, $1.creator) }.prefix(limit))
    }
}
