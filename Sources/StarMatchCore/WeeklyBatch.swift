public import Foundation

/// The weekly batch (M-WEEKLY): candidates per campaign from the shortlist index, creator capacities, and
/// the exact maximum-weight assignment.
public enum WeeklyBatch {
    /// The quota week (P-WEEK: Monday 00:00 in the policy's zone) of an ISO week label such as `2026-W48`.
    public static func week(_ label: String, timeZone: TimeZone) -> QuotaWeek? {
        // Exactly YYYY-Www: one spelling per week, so one week never has two parallel series of runs.
        let bytes = Array(label.utf8)
        func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
              bytes[0..<4].allSatisfy(isDigit), bytes[6..<8].allSatisfy(isDigit),
              let year = Int(label.prefix(4)), let number = Int(label.suffix(2)), (1000...9999).contains(year), (1...53).contains(number)
        else { return nil }
        // ISO week 1 holds the year's first Thursday; its Monday is 4 January's Monday.
        let jan4 = Timestamp.daysFromCivil(year, 1, 4)
        let weekday = ((jan4 % 7) + 7 + 3) % 7  // 0 = Monday (1970-01-01 was a Thursday)
        let monday = jan4 - weekday + (number - 1) * 7
        if number == 53 {
            // Only years whose 1 January or 31 December is a Thursday have a week 53.
            let next = Timestamp.daysFromCivil(year + 1, 1, 4)
            let nextMonday = next - (((next % 7) + 7 + 3) % 7)
            guard monday < nextMonday else { return nil }
        }
        let (y, m, d) = Timestamp.civilFromDays(monday)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        guard let start = calendar.date(from: DateComponents(year: y, month: m, day: d, hour: 12)) else { return nil }
        return QuotaWeek(containing: start, timeZone: timeZone)
    }

    /// One pair the batch may choose.
    public struct Candidate: Sendable, Equatable {
        public var creator: CreatorID
        public var campaign: CampaignID
        /// Rounded to 4 decimals, as the solver sees it.
        public var score: Double
    }

    /// Per campaign: how full it got and what stopped it.
    public struct CampaignFill: Sendable, Equatable, Codable {
        public init(campaign: String, slots: Int, filled: Int, candidates: Int, bound: String) {
            self.campaign = campaign
            self.slots = slots
            self.filled = filled
            self.candidates = candidates
            self.bound = bound
        }

        public var campaign: String
        public var slots: Int
        public var filled: Int
        public var candidates: Int
        /// `slots` (full), `eligibility` (fewer eligible candidates above the minimum score than slots),
        /// `capacity` (the candidates left over are at their weekly capacity elsewhere), or both.
        public var bound: String
    }

    /// The batch's input, ready to solve.
    public struct Plan: Sendable {
        public var week: QuotaWeek
        public var candidates: [Candidate]
        public var capacities: [CreatorID: Int]
        public var campaigns: [(id: CampaignID, slots: Int)]
        /// A fingerprint of everything the solution depends on (FNV-1a, 64 bits).
        public var inputsHash: String
    }

    /// Matches already agreed to for the week (accepted or further): they take capacity and slots, and their
    /// pairs are not proposed again.
    public struct Commitments: Sendable, Equatable {
        public struct Pair: Hashable, Sendable {
            public var creator: CreatorID
            public var campaign: CampaignID
            public init(creator: CreatorID, campaign: CampaignID) {
                self.creator = creator
                self.campaign = campaign
            }
        }

        public var perCreator: [CreatorID: Int] = [:]
        public var perCampaign: [CampaignID: Int] = [:]
        public var pairs: Set<Pair> = []
        /// M-ONCE: pairs never proposed again (a sample shipped, a proposal declined, a match cancelled by a
        /// person), with how many each campaign has. They take no capacity or slot.
        public var closed: Set<Pair> = []
        public var closedPerCampaign: [CampaignID: Int] = [:]

        public init() {}

        public mutating func add(creator: CreatorID, campaign: CampaignID) {
            guard pairs.insert(Pair(creator: creator, campaign: campaign)).inserted else { return }
            perCreator[creator, default: 0] += 1
            perCampaign[campaign, default: 0] += 1
        }

        /// M-ONCE: the pair is not proposed again.
        public mutating func close(creator: CreatorID, campaign: CampaignID) {
            guard closed.insert(Pair(creator: creator, campaign: campaign)).inserted else { return }
            closedPerCampaign[campaign, default: 0] += 1
        }
    }

    /// Builds the batch's candidates: the campaigns running during `week`, each one's top
    /// `profile.candidatesPerCampaign` eligible creators (by the shortlist) scoring at least
    /// `profile.minimumScore`, and each creator's capacity: `profile.weeklyCapacity` minus the matches
    /// already committed this week, and for pilot creators no more than their remaining P-QUOTA. Committed
    /// matches also fill their campaign's slots, and their pairs are not candidates again; nor are the pairs
    /// M-ONCE closed (`Commitments.closed`): the cut still keeps up to `candidatesPerCampaign` others.
    /// - Parameter runInstant: when the run happens; a campaign ended by then is left out.
    public static func plan(
        population: ScoringPopulation, campaigns: [(Campaign, Shop)], week: QuotaWeek, profile: ScoringProfile,
        committed: Commitments = Commitments(), at runInstant: Date? = nil
    ) -> Plan {
        // Campaigns running during the week and not ended by the run's instant (nothing is proposed for a
        // campaign that is over).
        let open = campaigns.filter { campaign, _ in
            campaign.startsAt < week.end && week.start < campaign.endsAt && runInstant.map { $0 < campaign.endsAt } ?? true
        }.sorted { $0.0.id < $1.0.id }
        var candidates: [Candidate] = []
        var capacities: [CreatorID: Int] = [:]
        let config = population.policy.config
        for (campaign, shop) in open {
            let skipped = (committed.perCampaign[campaign.id] ?? 0) + (committed.closedPerCampaign[campaign.id] ?? 0)
            var kept = 0
            for ranked in population.shortlist(campaign, shop: shop, limit: profile.candidatesPerCampaign + skipped, week: week) {
                let score = (ranked.score * 10_000).rounded() / 10_000
                guard score >= profile.minimumScore, score > 0, kept < profile.candidatesPerCampaign else { break }
                let pair = Commitments.Pair(creator: ranked.creator.id, campaign: campaign.id)
                if committed.pairs.contains(pair) || committed.closed.contains(pair) { continue }
                kept += 1
                candidates.append(Candidate(creator: ranked.creator.id, campaign: campaign.id, score: score))
                if capacities[ranked.creator.id] == nil {
                    let i = population.index(of: ranked.creator.id)!
                    var capacity = max(0, profile.weeklyCapacity - (committed.perCreator[ranked.creator.id] ?? 0))
                    let standing = population.standings[i]
                    if standing.pilot.limitsApply {
                        let remaining = max(0, config.pilotVideoQuota - standing.quota.videos) + max(0, config.pilotLiveQuota - standing.quota.lives)
                        capacity = min(capacity, remaining)
                    }
                    capacities[ranked.creator.id] = capacity
                }
            }
        }
        candidates.sort { ($0.creator, $0.campaign) < ($1.creator, $1.campaign) }
        var hasher = FNV1a()
        hasher.add("\(week.start.timeIntervalSince1970)|\(profile.name)|")
        for c in candidates { hasher.add("\(c.creator)|\(c.campaign)|\(Int((c.score * 10_000).rounded()))\n") }
        for (id, capacity) in capacities.sorted(by: { $0.key < $1.key }) { hasher.add("cap|\(id)|\(capacity)\n") }
        let slots = open.map { (id: $0.0.id, slots: max(0, $0.0.slots - (committed.perCampaign[$0.0.id] ?? 0))) }
        for (id, n) in slots { hasher.add("slots|\(id)|\(n)\n") }
        return Plan(week: week, candidates: candidates, capacities: capacities, campaigns: slots, inputsHash: hasher.hex)
    }

    /// The chosen pairs and the per-campaign report.
    public struct Result: Sendable {
        public var assignments: [Candidate]
        public var objective: Double
        public var fills: [CampaignFill]
        public var creatorsUsed: Int
    }

    /// Solves a plan exactly. Deterministic: the same plan gives the same assignments.
    public static func solve(_ plan: Plan) -> Result {
        let creatorIDs = plan.capacities.keys.sorted()
        var creatorIndex: [CreatorID: Int32] = [:]
        for (i, id) in creatorIDs.enumerated() { creatorIndex[id] = Int32(i) }
        var campaignIndex: [CampaignID: Int32] = [:]
        for (k, c) in plan.campaigns.enumerated() { campaignIndex[c.id] = Int32(k) }
        let problem = BMatchingProblem(
            capacities: creatorIDs.map { plan.capacities[$0]! }, slots: plan.campaigns.map(\.slots),
            edges: plan.candidates.map {
                .init(creator: creatorIndex[$0.creator]!, campaign: campaignIndex[$0.campaign]!, weight: Int64(($0.score * 10_000).rounded()))
            })
        let solution = BMatchingSolver.solve(problem)
        let assignments = solution.chosen.map { plan.candidates[$0] }
        var filled: [CampaignID: Int] = [:]
        var candidateCount: [CampaignID: Int] = [:]
        for a in assignments { filled[a.campaign, default: 0] += 1 }
        for c in plan.candidates { candidateCount[c.campaign, default: 0] += 1 }
        let fills = plan.campaigns.map { c -> CampaignFill in
            let f = filled[c.id] ?? 0, n = candidateCount[c.id] ?? 0
            let bound = f >= c.slots ? "slots" : n < c.slots ? (f < n ? "eligibility, capacity" : "eligibility") : "capacity"
            return CampaignFill(campaign: c.id.rawValue, slots: c.slots, filled: f, candidates: n, bound: bound)
        }
        return Result(assignments: assignments, objective: Double(solution.objective) / 10_000, fills: fills,
            creatorsUsed: Set(assignments.map(\.creator)).count)
    }
}

/// 64-bit FNV-1a, for fingerprinting inputs (not for security).
public struct FNV1a: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}
    public mutating func add(_ text: String) {
        for byte in text.utf8 {
            state ^= UInt64(byte)
            state = state &* 0x0000_0100_0000_01B3
        }
    }
    public var hex: String {
        let s = String(state, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
