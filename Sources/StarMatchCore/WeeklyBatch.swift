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

    /// The batch's input, ready to solve: the creators that have candidates and the open campaigns, both in id
    /// order, and the candidate pairs as indexes into them (16 bytes a pair: a run at 1M × 10,000 has about
    /// 10 M). `candidates` and `capacities` spell them out by id, built when asked for.
    public struct Plan: Sendable {
        public var week: QuotaWeek
        /// Per creator with candidates, in id order: its id and its capacity this week.
        public var creators: [(id: CreatorID, capacity: Int)]
        public var campaigns: [(id: CampaignID, slots: Int)]
        /// The candidate pairs in (creator id, campaign id) order.
        public var pairs: [Pair]
        /// A fingerprint of everything the solution depends on (FNV-1a, 64 bits).
        public var inputsHash: String

        /// A candidate pair: indexes into `creators` and `campaigns`, and the score's weight (score × 10,000, as the
        /// solver sees it: `WeeklyBatch.weight`).
        public struct Pair: Sendable, Equatable {
            public var creator: Int32
            public var campaign: Int32
            public var weight: Int64
        }

        /// Candidate pair `n` by id, its score rounded to 4 decimals.
        public func candidate(_ n: Int) -> Candidate {
            let pair = pairs[n]
            return Candidate(creator: creators[Int(pair.creator)].id, campaign: campaigns[Int(pair.campaign)].id, score: Double(pair.weight) / 10_000)
        }

        /// Every candidate pair by id, in (creator id, campaign id) order.
        public var candidates: [Candidate] { pairs.indices.map(candidate) }

        /// Each creator's capacity by id.
        public var capacities: [CreatorID: Int] { Dictionary(uniqueKeysWithValues: creators.lazy.map { ($0.id, $0.capacity) }) }
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

    /// Builds the batch's first candidates: the campaigns running during `week`, each one's top
    /// `profile.candidatesPerCampaign` eligible creators (by the shortlist) scoring at least
    /// `profile.minimumScore`, and each creator's capacity: `profile.weeklyCapacity` minus the matches
    /// already committed this week, and for pilot creators no more than their remaining P-QUOTA. Committed
    /// matches also fill their campaign's slots, and their pairs are not candidates again; nor are the pairs
    /// M-ONCE closed (`Commitments.closed`): the cut still keeps up to `candidatesPerCampaign` others.
    /// `optimal` then adds every pair that can raise the total.
    /// - Parameter runInstant: when the run happens; a campaign ended by then is left out.
    public static func plan(
        population: ScoringPopulation, campaigns: [(Campaign, Shop)], week: QuotaWeek, profile: ScoringProfile,
        committed: Commitments = Commitments(), at runInstant: Date? = nil
    ) -> Plan {
        var pricing = Pricing(population: population, campaigns: campaigns, week: week, profile: profile, committed: committed, at: runInstant,
                              grouped: false)
        pricing.seed(everyone: false)
        return pricing.makePlan(pricing.expand()).plan
    }

    /// The scaled integer weight the solver sees for a score (score × 10,000, rounded).
    static func weight(_ score: Double) -> Int64 { Int64((score * 10_000).rounded()) }

    /// What proves a run optimal over every eligible pair, not only over its candidates.
    public struct Certificate: Sendable, Codable, Equatable {
        public init(rounds: Int, candidatePairs: Int, pricedPairs: Int, dualObjective: Double, maxReducedCost: Double?, exhaustive: Bool, optimal: Bool) {
            self.rounds = rounds
            self.candidatePairs = candidatePairs
            self.pricedPairs = pricedPairs
            self.dualObjective = dualObjective
            self.maxReducedCost = maxReducedCost
            self.exhaustive = exhaustive
            self.optimal = optimal
        }

        /// Solves of the candidate set (the first, then one per round that added pairs).
        public var rounds: Int
        /// Pairs in the final candidate set.
        public var candidatePairs: Int
        /// Entries of the sets' scans (a creator and a set of categories) compared with the prices in the last
        /// round: every eligible pair outside the candidates either scores at most its campaign's price (its set's
        /// scan never reached it, in bound order) or was compared here and found no positive reduced cost.
        public var pricedPairs: Int
        /// Σ capacity × creator price + Σ slots × campaign price + Σ chosen pairs' surplus: equals the objective.
        public var dualObjective: Double
        /// The largest positive reduced cost (score − creator price − campaign price) the last round found; `nil`
        /// when it found none, as in every certified run. (A pair whose creator's slack in the set — score less
        /// creator price — is at most its campaign's price is settled by that one subtraction.)
        public var maxReducedCost: Double?
        /// The audit mode: every eligible pair was a candidate from the start.
        public var exhaustive: Bool
        /// The dual prices certify the candidates' optimum and no eligible pair outside has positive reduced cost.
        public var optimal: Bool

        public var statement: String {
            optimal ? "optimal over every eligible pair: no eligible pair outside the candidates has positive reduced cost "
                + "(dual objective \(String(format: "%.4f", dualObjective)) = objective; \(rounds) round\(rounds == 1 ? "" : "s"), "
                + "\(candidatePairs) candidate pairs, \(pricedPairs) more priced)"
                : "NOT certified: the dual prices do not prove this run optimal"
        }
    }

    /// Solves the batch exactly over **every** eligible pair by column generation (delayed column generation on
    /// the b-matching LP, whose bipartite constraint matrix is totally unimodular, so the LP optimum is integral).
    /// Starting from a greedy fill and each campaign's top cut (`Pricing.seed`), each round solves the candidates
    /// exactly, takes the solver's optimal dual
    /// prices — one per creator `u` and campaign `v` (`BMatchingSolution`) — and prices the pairs outside: a pair
    /// can raise the total only if its score exceeds `u + v` (positive reduced cost). Each campaign's creators are
    /// reached in falling score through the shortlist index (`RankedScan`, bound order; one scan per set of
    /// categories), so the scan stops at the first score ≤ `v` (prices are ≥ 0): pairs never reached cannot have
    /// positive reduced cost (`Pricing.price`). Pairs with positive reduced cost (at most `candidatesPerCampaign` per
    /// campaign a round) join the candidates, which are solved again — warm, from the last round's flow and prices
    /// (`BMatchingSolver.Warm`) — until none is left; then the last round's prices are an
    /// optimal dual solution of the full problem (LP duality; see Ahuja, Magnanti & Orlin, *Network Flows*, 1993,
    /// §9.4 and §17.2; Dantzig & Wolfe's column generation, *Operations Research* 8, 1960).
    ///
    /// **Campaign groups.** A score depends on the creator and the campaign's set of categories alone, so campaigns
    /// of one set whose terms every creator's eligibility reads alike (kind, minimum followers, regions, whether the
    /// shop scores enough for pilot creators) and whose open slots fall in the same band of 25 are one node of the
    /// solver (`BMatchingProblem.groups`): a creator every one of them admits has one edge into the group, of
    /// capacity min(its capacity, the group's size), instead of one per campaign, and the group's tied campaigns no
    /// longer trade the same creators back and forth (at 1M creators × 10,000 campaigns, about half of the open
    /// campaigns share a group). A creator only some of them admit (bound to one shop; a pair committed or M-ONCE
    /// closed) has an edge per campaign that does. That relaxes "each pair at most once": after each solve every
    /// group's units are placed on distinct campaigns of it (`Pricing.decompose`, a small b-matching), and a group
    /// whose units cannot be placed is split into its campaigns for good. Only a round that splits nothing and adds
    /// nothing ends the run, so the answer is feasible for the pairs, and since every solution of the pairs is one of
    /// the groups, it is optimal. The certificate is checked on the candidate **pairs** (every campaign of a group that admits a
    /// creator of it), with each campaign's own price (`Pricing.pairPrices`), not on the groups. The audit mode
    /// groups nothing.
    /// - Returns: the final candidates as a plan (sorted, fingerprinted), the answer, and its certificate.
    /// - Parameters:
    ///   - exhaustive: the audit mode: every eligible pair is a candidate from the start.
    ///   - greedy: start from a greedy fill as well as the top cut (the default; `false` starts from `plan`'s cut
    ///     alone, which reaches the same optimum in more rounds).
    ///   - progress: called after each round's pricing with the round and the solver's edges so far (an edge into a
    ///     campaign group stands for a pair with each of its campaigns).
    public static func optimal(
        population: ScoringPopulation, campaigns: [(Campaign, Shop)], week: QuotaWeek, profile: ScoringProfile,
        committed: Commitments = Commitments(), at runInstant: Date? = nil, exhaustive: Bool = false, greedy: Bool = true,
        progress: ((_ round: Int, _ candidateEdges: Int) -> Void)? = nil
    ) -> (plan: Plan, result: Result, certificate: Certificate) {
        // The audit mode keeps every campaign apart: it is the reference the grouped default is checked against.
        var pricing = Pricing(population: population, campaigns: campaigns, week: week, profile: profile, committed: committed, at: runInstant,
                              grouped: !exhaustive)
        pricing.seed(everyone: exhaustive, greedy: greedy)
        var rounds = 0
        var warm: BMatchingSolver.Warm?
        // The first rounds, which add many candidates, are solved only to ε = `approximateEpsilon` (see
        // `ColumnGeneration`); the run ends on an exact round.
        var approximate = !exhaustive
        while true {
            rounds += 1
            // Rounds work on the candidates as they grew (no sort, no fingerprint): only the answer is put in order.
            let problem = BMatchingProblem(capacities: pricing.problemCapacities, slots: pricing.slots, edges: pricing.edges, groups: pricing.problemGroups)
            let solution = BMatchingSolver.solve(problem, warm: warm, approximateTo: approximate ? ColumnGeneration.approximateEpsilon : nil)
            // Pricing only appends edges: the next round keeps this solution's flow and prices.
            warm = BMatchingSolver.Warm(solution)
            // Each group's units must go to distinct campaigns of it (`decompose`), which the solver does not see. A group
            // whose units do not fit is split into its campaigns, and the candidates solved again from this solution.
            let placing = pricing.decompose(solution)
            let failed = placing.failed
            if !failed.isEmpty {
                let moved = pricing.ungroup(failed)
                var chosen: [Int] = [], units: [Int32] = []
                for (n, e) in solution.chosen.enumerated() where moved[e] >= 0 {
                    chosen.append(Int(moved[e]))
                    units.append(solution.units.isEmpty ? 1 : solution.units[n])
                }
                warm = BMatchingSolver.Warm(creatorPrices: solution.creatorPrices, campaignPrices: solution.campaignPrices, chosen: chosen,
                                            units: units, groupPrices: solution.groupPrices)
            }
            // Pricing only adds candidates, so it runs in the same round (a split group's campaigns are judged by their
            // own prices in this solution); only a round that splits nothing and adds nothing ends the run.
            let priced = pricing.price(solution.isApproximate ? ColumnGeneration.withMargin(solution) : solution)
            progress?(rounds, pricing.edges.count)
            if solution.isApproximate && priced.added * ColumnGeneration.exactBelow < problem.edges.count { approximate = false }
            guard failed.isEmpty && priced.added == 0 && priced.complete else { continue }
            // Approximate prices cannot end the run: solve the same candidates exactly, and price again.
            if solution.isApproximate { continue }
            let expansion = pricing.expand()
            let chosen = placing.units.map { expansion.start[$0.e] + $0.position }.sorted()
            // The certificate is checked on the candidate pairs themselves, not on the groups (`pairPrices`).
            let pairs = BMatchingProblem(capacities: pricing.problemCapacities, slots: pricing.slots, edges: expansion.pairs)
            let answer = BMatchingSolution(chosen: chosen, objective: solution.objective,
                                           creatorPrices: pricing.pairPrices(solution), campaignPrices: solution.campaignPrices)
            let certified = pairs.certifies(answer) && (priced.maxReducedCost ?? 0) <= 0
            let dual = Double(pairs.dualObjective(answer)) / 10_000
            let (plan, origin) = pricing.makePlan(expansion)
            // The chosen pairs as plan pairs, which are in (creator id, campaign id) order.
            var isChosen = [Bool](repeating: false, count: expansion.pairs.count)
            for e in chosen { isChosen[e] = true }
            let result = Self.result(plan, chosen: origin.indices.filter { isChosen[Int(origin[$0])] }, objective: solution.objective)
            return (plan, result, Certificate(
                rounds: rounds, candidatePairs: plan.pairs.count, pricedPairs: priced.count, dualObjective: dual,
                maxReducedCost: priced.maxReducedCost.map { Double($0) / 10_000 }, exhaustive: exhaustive, optimal: certified))
        }
    }

    /// How the weekly batch's column generation uses approximate solves (`BMatchingSolver.solve(_:warm:approximateTo:)`).
    ///
    /// Column generation only needs its intermediate rounds' prices to point at the pairs worth adding; exact
    /// optima matter in the round that ends the run, whose prices certify it. So while a round adds at least
    /// 1/`exactBelow` of the candidates it solved, the next solve stops at ε = `approximateEpsilon` weight units
    /// (cost scaling's last two or three phases skipped; at 1M × 10,000 rounds of 4–5 s instead of 5.5–6.5 s), and
    /// its pricing takes a pair only when its reduced cost at the rounded prices exceeds `margin` weight units, which
    /// keeps pairs tied at the true prices (reduced cost 0 give or take the rounding) from flooding in. After that
    /// every round is exact, and a run ends only on an exact round that adds no pair and splits no group, so the
    /// answer and its certificate are those of the exact method. (Measured at 1M × 10,000: a margin of 5 with
    /// ε = 3, or staying approximate down to rounds of 5,000 pairs, took more rounds and more time.)
    enum ColumnGeneration {
        static let approximateEpsilon: Int64 = 1
        static let margin: Int64 = 2
        static let exactBelow = 100

        /// `solution` with its campaigns' and groups' prices raised by `margin`, for pricing.
        static func withMargin(_ solution: BMatchingSolution) -> BMatchingSolution {
            var raised = solution
            raised.campaignPrices = solution.campaignPrices.map { $0 + margin }
            raised.groupPrices = solution.groupPrices.map { $0 + margin }
            return raised
        }
    }

    /// An entry of a set's scan: a creator's population index and its weight for the set's campaigns (8 bytes: a
    /// run over 10,000 campaigns reads millions).
    typealias Reached = RankedScan.Entry

    /// The candidates, capacities and scans of a run being priced.
    struct Pricing {
        let population: ScoringPopulation
        let open: [(Campaign, Shop)]
        let week: QuotaWeek
        let profile: ScoringProfile
        let committed: Commitments
        /// The lowest weight a candidate may have (`minimumScore`, and above 0).
        let minimumWeight: Int64
        /// Per distinct set of categories among the open campaigns: one resumable scan of the creators the set
        /// admits (`ScoringPopulation.rankedScan(categories:)`, no campaign's eligibility) and what it yielded so
        /// far, in rank order. A score depends on the set alone, so the campaigns sharing a set (10,000 generated
        /// campaigns have about 740) share its scan, and each filters the stream by its own eligibility.
        var streams: [RankedScan] = []
        var streamed: [[Reached]] = []
        var streamEnded: [Bool] = []
        /// Per stream: pointers past creators at capacity for the greedy fill (`firstOpen`), path-compressed: entry
        /// `p` points at or before the first creator with capacity left from `p` on (itself when not known).
        var skip: [[Int32]] = []
        /// Per open campaign: its set's stream.
        var streamOf: [Int] = []
        /// Per open campaign: its group (campaign groups, see `optimal`); per group: its campaigns (ascending), its set's
        /// stream, and the open slots of its campaigns together. Candidates join groups, not campaigns.
        var groupOf: [Int] = []
        var members: [[Int]] = []
        var groupStream: [Int] = []
        var groupSlots: [Int] = []
        /// Per group of more than one campaign: its index in the solver's groups (`BMatchingProblem.groups`), else −1;
        /// and the solver's groups (a group split by `ungroup` leaves an empty one).
        var solverGroup: [Int] = []
        var problemGroups: [[Int32]] = []
        /// The audit mode seeded every eligible pair: nothing is left to price.
        var everyPairIsCandidate = false
        /// Per group: the population indexes of its candidates.
        var inPlan: [Set<Int32>] = []
        /// The candidates in the order they joined, as the solver sees them: an edge per creator and group (its
        /// capacity: how many of the group's campaigns the creator may take, `join`), a problem index per creator (in
        /// order of first appearance) with its capacity and its population index, open slots per campaign.
        var edges: [BMatchingProblem.Edge] = []
        var problemCapacities: [Int] = []
        var populationIndexOf: [Int32] = []
        /// By population index: the creator's problem index, and its capacity (−1: not known yet).
        var problemIndexAt: [Int32]
        var capacityAt: [Int32]
        /// Per open campaign: the fields of it and its shop that eligibility reads.
        let terms: [CampaignTerms]
        /// Campaigns with committed or M-ONCE closed pairs (the only ones `isTaken` needs to look at).
        let hasTaken: [Bool]
        /// The committed and M-ONCE closed pairs of open campaigns, as population index × open campaigns + campaign.
        let taken: Set<Int64>
        var slots: [Int] = []

        /// - Parameter grouped: campaigns that admit the same creators at the same scores share a node of the
        ///   solver (campaign groups, see `optimal`); `false` gives each campaign its own (the audit mode, the top
        ///   cut's plan).
        init(population: ScoringPopulation, campaigns: [(Campaign, Shop)], week: QuotaWeek, profile: ScoringProfile,
             committed: Commitments, at runInstant: Date?, grouped: Bool) {
            self.population = population
            // Campaigns running during the week and not ended by the run's instant (nothing is proposed for a
            // campaign that is over).
            open = campaigns.filter { campaign, _ in
                campaign.startsAt < week.end && week.start < campaign.endsAt && runInstant.map { $0 < campaign.endsAt } ?? true
            }.sorted { $0.0.id < $1.0.id }
            self.week = week
            self.profile = profile
            self.committed = committed
            minimumWeight = max(1, WeeklyBatch.weight(profile.minimumScore))
            var streamAt: [[Int32]: Int] = [:]
            for (campaign, _) in open {
                let set = Array(Set(CampaignTarget(campaign.categories, table: population.scorer.table).categories)).sorted()
                if let s = streamAt[set] {
                    streamOf.append(s)
                } else {
                    streamAt[set] = streams.count
                    streamOf.append(streams.count)
                    streams.append(population.rankedScan(categories: campaign.categories))
                }
            }
            streamed = Array(repeating: [], count: streams.count)
            streamEnded = Array(repeating: false, count: streams.count)
            skip = Array(repeating: [], count: streams.count)
            slots = open.map { max(0, $0.0.slots - (committed.perCampaign[$0.0.id] ?? 0)) }
            // Campaign groups (see `optimal`): one per set of categories, terms that every creator's eligibility reads
            // alike (kind, minimum followers, regions, whether the shop scores enough for pilot creators) and band of 25
            // open slots (groups of very unequal campaigns split more often: a creator's units need distinct campaigns
            // with room). Campaigns without open slots stay alone (nothing is proposed for them).
            struct GroupKey: Hashable {
                var stream: Int
                var kind: Campaign.Kind
                var minFollowers: Int?
                var regions: [String]
                var pilotShop: Bool
                var slotBucket: Int
            }
            var groupAt: [GroupKey: Int] = [:]
            let pilotShopMinScore = population.policy.config.pilotShopMinScore
            for (k, (campaign, shop)) in open.enumerated() {
                let key = GroupKey(stream: streamOf[k], kind: campaign.kind, minFollowers: campaign.minFollowers, regions: campaign.regions,
                                   pilotShop: shop.score >= pilotShopMinScore, slotBucket: slots[k] / 25)
                if grouped && slots[k] > 0, let g = groupAt[key] {
                    groupOf.append(g)
                    members[g].append(k)
                    groupSlots[g] += slots[k]
                    continue
                }
                if grouped && slots[k] > 0 { groupAt[key] = members.count }
                groupOf.append(members.count)
                members.append([k])
                groupStream.append(streamOf[k])
                groupSlots.append(slots[k])
            }
            inPlan = Array(repeating: [], count: members.count)
            for group in members {
                solverGroup.append(group.count > 1 ? problemGroups.count : -1)
                if group.count > 1 { problemGroups.append(group.map(Int32.init)) }
            }
            problemIndexAt = Array(repeating: -1, count: population.creators.count)
            capacityAt = Array(repeating: -1, count: population.creators.count)
            terms = open.map { CampaignTerms($0.0, shop: $0.1) }
            var openIndex: [CampaignID: Int] = [:]
            for (k, (campaign, _)) in open.enumerated() { openIndex[campaign.id] = k }
            var taken = Set<Int64>(), hasTaken = [Bool](repeating: false, count: open.count)
            for pair in committed.pairs.union(committed.closed) {
                guard let k = openIndex[pair.campaign], let i = population.index(of: pair.creator) else { continue }
                taken.insert(Int64(i) * Int64(open.count) + Int64(k))
                hasTaken[k] = true
            }
            self.taken = taken
            self.hasTaken = hasTaken
        }

        /// The capacity this week of the creator at population `index`: `weeklyCapacity` less its committed
        /// matches, and for a pilot creator no more than its remaining P-QUOTA (computed once, then kept).
        mutating func capacity(at index: Int32) -> Int {
            let capacity = knownCapacity(at: index)
            capacityAt[Int(index)] = Int32(capacity)
            return capacity
        }

        /// `capacity(at:)` without keeping it (the pricing threads read, never write).
        func knownCapacity(at index: Int32) -> Int {
            if capacityAt[Int(index)] >= 0 { return Int(capacityAt[Int(index)]) }
            var capacity = max(0, profile.weeklyCapacity - (committed.perCreator[creatorID(index)] ?? 0))
            let standing = population.standings[Int(index)]
            let config = population.policy.config
            if standing.pilot.limitsApply {
                let remaining = max(0, config.pilotVideoQuota - standing.quota.videos) + max(0, config.pilotLiveQuota - standing.quota.lives)
                capacity = min(capacity, remaining)
            }
            return capacity
        }

        /// Makes the creator at population `index` a candidate of group `g`'s campaigns that admit it (`admits`). When
        /// every campaign of a group of several admits it: one edge into the group, whose capacity is the creator's
        /// capacity or the group's size when smaller; else one edge per campaign that admits it (a creator bound to
        /// one shop, a pair committed or M-ONCE closed). Nothing when it is a candidate of the group already or no
        /// campaign of it admits it.
        /// - Returns: whether it joined.
        @discardableResult
        mutating func join(_ g: Int, _ pair: Reached) -> Bool {
            guard !inPlan[g].contains(pair.index) else { return false }
            let group = members[g]
            let admitting = group.filter { slots[$0] > 0 && admits($0, pair.index) }
            guard !admitting.isEmpty else { return false }
            inPlan[g].insert(pair.index)
            var i = problemIndexAt[Int(pair.index)]
            if i < 0 {
                i = Int32(problemCapacities.count)
                problemIndexAt[Int(pair.index)] = i
                problemCapacities.append(capacity(at: pair.index))
                populationIndexOf.append(pair.index)
            }
            if solverGroup[g] >= 0 && admitting.count == group.count {
                edges.append(.init(creator: i, campaign: Int32(open.count + solverGroup[g]), weight: Int64(pair.weight),
                                   capacity: Int32(min(problemCapacities[Int(i)], group.count))))
            } else {
                for k in admitting { edges.append(.init(creator: i, campaign: Int32(k), weight: Int64(pair.weight))) }
            }
            return true
        }

        /// The price a creator must beat to enter group `g`: its solver group's, or its one campaign's (a group's price
        /// is at most each of its campaigns', `BMatchingSolution.groupPrices`).
        func price(of g: Int, _ solution: BMatchingSolution) -> Int64 {
            solverGroup[g] >= 0 ? solution.groupPrices[solverGroup[g]] : solution.campaignPrices[members[g][0]]
        }

        /// Whether some campaign of group `g` admits the creator at population `index`.
        func groupAdmits(_ g: Int, _ index: Int32) -> Bool {
            members[g].contains { slots[$0] > 0 && admits($0, index) }
        }

        /// Entry `p` of stream `s`, reading the stream further when `p` is past what it yielded so far; `nil` past
        /// its end.
        mutating func entry(_ s: Int, _ p: Int) -> Reached? {
            if p < streamed[s].count { return streamed[s][p] }
            // Read further through the same code the pricing threads use (`SetStream.entry`).
            return streams.withUnsafeMutableBufferPointer { scans in
                streamed.withUnsafeMutableBufferPointer { yielded in
                    streamEnded.withUnsafeMutableBufferPointer { ended in
                        skip.withUnsafeMutableBufferPointer { skips in
                            var stream = SetStream(scan: scans.baseAddress! + s, yielded: yielded.baseAddress! + s,
                                                   ended: ended.baseAddress! + s, skip: skips.baseAddress! + s)
                            return stream.entry(p)
                        }
                    }
                }
            }
        }

        /// Reads each set's stream `depth[s]` entries deep (or to its end), the sets side by side on every core
        /// (`eachSet`): what `entry` then returns is the same, read earlier.
        mutating func readAhead(_ depth: [Int]) {
            let work = streams.indices.filter { depth[$0] > streamed[$0].count && !streamEnded[$0] }
            _ = eachSet(work, empty: false) { _, s, stream in stream.entry(depth[s] - 1) != nil }
        }

        /// Runs `body` on the streams of `sets` side by side (one thread per core), each set's scan by one thread,
        /// and returns what it gave in `sets` order. Nothing a set reads is changed by another's work. The scans
        /// are moved out of `self` for the while, and only then is the read-only copy of `self` that the threads
        /// share (`reader`) taken, so that it holds no reference to what they extend (else each stream they
        /// extend would be copied first).
        mutating func eachSet<T: Sendable>(_ sets: [Int], empty: T,
                                           _ body: @Sendable (_ reader: Pricing, _ s: Int, _ stream: inout SetStream) -> T) -> [T] {
            guard !sets.isEmpty else { return [] }
            var scans = streams, yielded = streamed, ended = streamEnded, skips = skip
            streams = []; streamed = []; streamEnded = []; skip = []
            let reader = self
            var results = [T](repeating: empty, count: sets.count)
            scans.withUnsafeMutableBufferPointer { scans in
            yielded.withUnsafeMutableBufferPointer { yielded in
            ended.withUnsafeMutableBufferPointer { ended in
            skips.withUnsafeMutableBufferPointer { skips in
            results.withUnsafeMutableBufferPointer { results in
                let shared = SetBuffers(scans: scans, yielded: yielded, ended: ended, skips: skips)
                let out = SetResults(base: results)
                DispatchQueue.concurrentPerform(iterations: sets.count) { j in
                    let s = sets[j]
                    var stream = SetStream(scan: shared.scans.baseAddress! + s, yielded: shared.yielded.baseAddress! + s,
                                           ended: shared.ended.baseAddress! + s, skip: shared.skips.baseAddress! + s)
                    out.base[j] = body(reader, s, &stream)
                }
            }}}}}
            streams = scans; streamed = yielded; streamEnded = ended; skip = skips
            return results
        }

        /// Whether campaign `k` may take the creator at population `index`: eligible for it at the run's instant
        /// over the week (M-ELIGIBLE; streams hold marketplace-eligible creators only), neither committed nor M-ONCE
        /// closed.
        func admits(_ k: Int, _ index: Int32) -> Bool {
            let i = Int(index)
            // The creator's fields read in place: an array element passed on whole is copied first (a retain of each
            // of its strings), which cost two thirds of a pricing round at 1M creators × 10,000 campaigns.
            let eligible = population.creators.withUnsafeBufferPointer { creators in
                population.standings.withUnsafeBufferPointer { standings in
                    population.policy.isEligible(marketplaceEligible: CreatorTerms(creators.baseAddress![i]), standing: standings.baseAddress![i],
                                                 for: terms[k], at: population.instant, week: week)
                }
            }
            return eligible && !isTaken(index, k)
        }

        /// The first position from `p` on in stream `s` whose creator has capacity left in the greedy fill (`left`,
        /// −1: not known yet), or `nil` past the stream's end. Creators only fill up during the fill, so the
        /// positions passed are skipped for good by every campaign of the set (a union-find's path compression).
        mutating func firstOpen(_ s: Int, from p: Int, left: inout [Int32]) -> Int? {
            var q = p
            while let e = entry(s, q) {
                let i = Int(e.index)
                if left[i] < 0 { left[i] = Int32(capacity(at: e.index)) }
                if left[i] > 0 { break }
                let j = Int(skip[s][q])
                q = j > q ? j : q + 1
            }
            var r = p
            while r < q {
                let j = Int(skip[s][r])
                skip[s][r] = Int32(q)
                r = j > r ? j : r + 1
            }
            return q < streamed[s].count ? q : nil
        }

        /// Whether a pair may never be a candidate: committed already, or M-ONCE closed.
        func isTaken(_ index: Int32, _ k: Int) -> Bool {
            hasTaken[k] && taken.contains(Int64(index) * Int64(open.count) + Int64(k))
        }

        /// The id of the creator at population `index`, read in place (an array element passed on is copied first:
        /// a retain of each of the creator's strings).
        func creatorID(_ index: Int32) -> CreatorID {
            population.creators.withUnsafeBufferPointer { $0[Int(index)].id }
        }

        /// The first candidates: with `greedy`, the pairs of a greedy fill (`greedyFill`); then each campaign's
        /// best pairs that are neither committed nor M-ONCE closed, until it has `candidatesPerCampaign`
        /// candidates (the top cut); with `everyone` (the audit mode), every eligible pair.
        mutating func seed(everyone: Bool, greedy: Bool = false) {
            if everyone {
                for (k, (campaign, shop)) in open.enumerated() {
                    // The audit mode takes every eligible creator at once (an unbounded shortlist above the minimum).
                    let atLeast = (Double(minimumWeight) - 0.5) / 10_000 - 1e-12
                    for entry in population.ranked(campaign, shop: shop, limit: .max, week: week, atLeast: atLeast) where !isTaken(entry.index, k) {
                        join(groupOf[k], Reached(index: entry.index, weight: Int32(WeeklyBatch.weight(entry.score))))
                    }
                }
                everyPairIsCandidate = true
                return
            }
            if greedy {
                // The fill and the cut read each set's stream about 4 to 70 times its slots deep, one entry at a time
                // on one core; most of that is read first on every core, each set's scan by one thread (the entries
                // are the same whenever they are read).
                var depth = [Int](repeating: 0, count: streams.count)
                for k in open.indices where slots[k] > 0 { depth[streamOf[k]] += 8 * slots[k] }
                for s in depth.indices where depth[s] > 0 { depth[s] += profile.candidatesPerCampaign }
                readAhead(depth)
                greedyFill()
            }
            // Each group's best creators that some campaign of it admits (a campaign's score is its set's, so a group's
            // campaigns share their best creators).
            for g in members.indices where groupSlots[g] > 0 {
                let s = groupStream[g]
                var p = 0
                while inPlan[g].count < profile.candidatesPerCampaign, let pair = entry(s, p), Int64(pair.weight) >= minimumWeight {
                    p += 1
                    join(g, pair)
                }
            }
        }

        /// The greedy fill of weighted b-matching: the best pair left over all campaigns first, taken while its
        /// creator has capacity and its campaign a slot, each campaign read in rank order until its slots are
        /// full or its creators run out. Its pairs become candidates. The first solve then starts from candidates
        /// that fill every campaign as far as a greedy fill can; without it, campaigns whose top creators other
        /// campaigns take too would come out unfilled (price 0), and each pricing round would walk them down
        /// `candidatesPerCampaign` pairs at a time (at 1M creators × 10,000 campaigns, millions of pairs a round).
        /// Greedy is only a start: the rounds make the run optimal.
        ///
        /// A campaign's next pair is the first creator in its set's stream, from where it stopped, that has capacity
        /// left and that the campaign admits; creators at capacity are skipped through the stream's shared pointers
        /// (`firstOpen`), so a contended set's full creators are passed once, not once per campaign. The heap holds
        /// each campaign's next weight as last seen; a creator filling up can only lower it, so a popped campaign
        /// whose next pair still weighs its key is the best pair left (lazy re-keying).
        mutating func greedyFill() {
            struct Next: Sendable {
                var weight: Int32
                var k: Int32
            }
            var next = BinaryHeap<Next>(first: { $0.weight != $1.weight ? $0.weight > $1.weight : $0.k < $1.k })
            var position = [Int](repeating: 0, count: open.count)
            var filled = [Int](repeating: 0, count: open.count)
            var left = [Int32](repeating: -1, count: population.creators.count)
            /// Campaign k's next pair from `position[k]` on (its position in the stream), or `nil`.
            func following(_ k: Int, _ pricing: inout Pricing) -> (p: Int, pair: Reached)? {
                let s = pricing.streamOf[k]
                while let p = pricing.firstOpen(s, from: position[k], left: &left) {
                    let pair = pricing.streamed[s][p]
                    guard Int64(pair.weight) >= pricing.minimumWeight else { return nil }
                    if pricing.admits(k, pair.index) { return (p, pair) }
                    position[k] = p + 1
                }
                return nil
            }
            for k in open.indices where slots[k] > 0 {
                if let (_, pair) = following(k, &self) { next.push(Next(weight: pair.weight, k: Int32(k))) }
            }
            while let top = next.pop() {
                let k = Int(top.k)
                // Campaign k's pairs are taken in a run while each comes before every other campaign's next pair in
                // the heap's order (weight, then campaign).
                while let (p, pair) = following(k, &self) {
                    let key = Next(weight: pair.weight, k: top.k)
                    if let other = next.items.first, !next.first(key, other) {
                        next.push(key)
                        break
                    }
                    position[k] = p + 1
                    left[Int(pair.index)] -= 1
                    filled[k] += 1
                    join(groupOf[k], pair)
                    if filled[k] == slots[k] { break }
                }
            }
        }

        /// The candidates as a plan (`expansion`: the pairs behind the solver's edges): sorted by (creator, campaign),
        /// with the fingerprint of everything the answer depends on (FNV-1a, 64 bits); and per plan pair, its index
        /// among `expansion.pairs`.
        func makePlan(_ expansion: Expansion) -> (plan: Plan, origin: [Int32]) {
            let edges = expansion.pairs
            // (creator id, campaign id) order without comparing strings (10 M candidates at 1M × 10,000): the problem's
            // creators in the population's id order (`byIDRank`), each one's candidates bucketed together, then
            // ordered by campaign within the bucket (open campaigns are in id order; each pair is a candidate once).
            let byIDRank = population.byIDRank
            let creatorCount = problemCapacities.count
            var creatorsInIDOrder: [Int32] = []
            creatorsInIDOrder.reserveCapacity(creatorCount)
            // Problem index → position in id order (the plan's creator index).
            var planIndex = [Int32](repeating: -1, count: creatorCount)
            for rank in 0..<population.creators.count {
                let q = problemIndexAt[byIDRank.isEmpty ? rank : Int(byIDRank[rank])]
                if q >= 0 {
                    planIndex[Int(q)] = Int32(creatorsInIDOrder.count)
                    creatorsInIDOrder.append(q)
                }
            }
            var bucketEnd = [Int](repeating: 0, count: creatorCount)
            for edge in edges { bucketEnd[Int(edge.creator)] += 1 }
            var at = 0
            for q in creatorsInIDOrder {
                at += bucketEnd[Int(q)]
                bucketEnd[Int(q)] = at
            }
            var order = [Int32](repeating: 0, count: edges.count)
            for e in edges.indices.reversed() {
                let q = Int(edges[e].creator)
                bucketEnd[q] -= 1
                order[bucketEnd[q]] = Int32(e)
            }
            // `bucketEnd` now holds each bucket's start, and a bucket ends where the next creator's starts; a bucket is
            // one creator's few candidates.
            for (n, q) in creatorsInIDOrder.enumerated() {
                let start = bucketEnd[Int(q)]
                let end = n + 1 < creatorsInIDOrder.count ? bucketEnd[Int(creatorsInIDOrder[n + 1])] : order.count
                if end - start > 1 { order[start..<end].sort { edges[Int($0)].campaign < edges[Int($1)].campaign } }
            }
            let pairs = order.map { e in
                let edge = edges[Int(e)]
                return Plan.Pair(creator: planIndex[Int(edge.creator)], campaign: edge.campaign, weight: edge.weight)
            }
            let creators = creatorsInIDOrder.map { q in (id: creatorID(populationIndexOf[Int(q)]), capacity: problemCapacities[Int(q)]) }
            let campaigns = zip(open, slots).map { (id: $0.0.id, slots: $1) }
            // The bytes of "creator|campaign|weight\n" for each pair, "cap|creator|capacity\n" for each creator and
            // "slots|campaign|slots\n" for each campaign, in those orders, without building the lines.
            var hasher = FNV1a()
            hasher.add("\(week.start.timeIntervalSince1970)|\(profile.name)|")
            for pair in pairs {
                hasher.add(creators[Int(pair.creator)].id.rawValue)
                hasher.add("|")
                hasher.add(campaigns[Int(pair.campaign)].id.rawValue)
                hasher.add("|")
                hasher.add(decimal: pair.weight)
                hasher.add("\n")
            }
            for creator in creators {
                hasher.add("cap|")
                hasher.add(creator.id.rawValue)
                hasher.add("|")
                hasher.add(decimal: Int64(creator.capacity))
                hasher.add("\n")
            }
            for (id, n) in campaigns { hasher.add("slots|\(id)|\(n)\n") }
            return (Plan(week: week, creators: creators, campaigns: campaigns, pairs: pairs, inputsHash: hasher.hex), order)
        }

        /// The candidate pairs behind the solver's edges: edge `e` stands for the pairs `pairs[start[e]..<start[e + 1]]`
        /// — itself when it goes to a campaign, one per campaign of its group when it goes to a group — each with the
        /// creator's problem index, the campaign's open index and the score's weight.
        struct Expansion {
            var pairs: [BMatchingProblem.Edge] = []
            var start: [Int] = []
        }

        /// The candidate pairs of every edge (`Expansion`), in edge order.
        func expand() -> Expansion {
            var x = Expansion()
            x.pairs.reserveCapacity(edges.count)
            x.start.reserveCapacity(edges.count + 1)
            for edge in edges {
                x.start.append(x.pairs.count)
                let t = Int(edge.campaign)
                guard t >= open.count else {
                    x.pairs.append(.init(creator: edge.creator, campaign: edge.campaign, weight: edge.weight))
                    continue
                }
                // Every campaign of the group admits the creator (`join`).
                for k in problemGroups[t - open.count] { x.pairs.append(.init(creator: edge.creator, campaign: k, weight: edge.weight)) }
            }
            x.start.append(x.pairs.count)
            return x
        }

        /// Gives each group's units in `solution` to its campaigns: each creator's units to distinct campaigns of the
        /// group, no campaign past the slots its own edges left. A bipartite b-matching of the group's creators and
        /// campaigns: creators with the most units first, each taking the campaigns with the most slots left; a unit
        /// that finds none takes an augmenting path (a breadth-first search that moves creators already placed to
        /// other campaigns), so a group fails only when no way to place its units exists (max-flow min-cut).
        /// - Returns: each chosen unit as its edge and its position among the edge's pairs (`Expansion`: 0 for an edge
        ///   to a campaign, the campaign's position in its group for an edge to a group), and the groups (indexes into
        ///   `members`) that failed; their units are left out.
        func decompose(_ solution: BMatchingSolution) -> (units: [(e: Int, position: Int)], failed: [Int]) {
            var units: [(e: Int, position: Int)] = []
            units.reserveCapacity(solution.chosen.count)
            var left = slots
            var unitsOf = [[(e: Int, units: Int)]](repeating: [], count: problemGroups.count)
            for (n, e) in solution.chosen.enumerated() {
                let t = Int(edges[e].campaign)
                if t < open.count {
                    units.append((e, 0))
                    left[t] -= 1
                } else {
                    unitsOf[t - open.count].append((e, solution.units.isEmpty ? 1 : Int(solution.units[n])))
                }
            }
            var failed: [Int] = []
            for (sg, holders) in unitsOf.enumerated() where !holders.isEmpty {
                let group = problemGroups[sg]
                if let placed = Self.placeUnits(holders, room: group.map { left[Int($0)] }) {
                    for (h, positions) in placed.enumerated() {
                        for position in positions { units.append((holders[h].e, position)) }
                    }
                } else {
                    failed.append(groupOf[Int(group[0])])
                }
            }
            return (units, failed)
        }

        /// `decompose` for one group: per holder (an edge and its units) the group positions it takes, each slot count
        /// in `room` at most; `nil` when they cannot all be placed.
        static func placeUnits(_ holders: [(e: Int, units: Int)], room: [Int]) -> [[Int]]? {
            var left = room
            var takes = [[Int]](repeating: [], count: holders.count)
            var placed = [[Int]](repeating: [], count: room.count)
            let order = holders.indices.sorted { (-holders[$0].units, $0) < (-holders[$1].units, $1) }
            /// Places one more unit of holder `h` along a shortest augmenting path; false when there is none.
            func augment(_ h: Int) -> Bool {
                var parent = [Int](repeating: -2, count: room.count), mover = [Int](repeating: -1, count: room.count)
                var queue: [Int] = []
                for p in room.indices where !takes[h].contains(p) {
                    parent[p] = -1
                    mover[p] = h
                    queue.append(p)
                }
                var head = 0
                while head < queue.count {
                    let at = queue[head]
                    head += 1
                    if left[at] > 0 {
                        left[at] -= 1
                        var to = at
                        while true {
                            let m = mover[to], from = parent[to]
                            placed[to].append(m)
                            takes[m].append(to)
                            guard from >= 0 else { break }
                            placed[from].removeAll { $0 == m }
                            takes[m].removeAll { $0 == from }
                            to = from
                        }
                        return true
                    }
                    for m in placed[at] {
                        for p in room.indices where parent[p] == -2 && !takes[m].contains(p) {
                            parent[p] = at
                            mover[p] = m
                            queue.append(p)
                        }
                    }
                }
                return false
            }
            for h in order {
                for _ in 0..<holders[h].units {
                    var best = -1
                    for p in room.indices where left[p] > 0 && !takes[h].contains(p) && (best < 0 || left[p] > left[best]) { best = p }
                    if best >= 0 {
                        left[best] -= 1
                        placed[best].append(h)
                        takes[h].append(best)
                    } else if !augment(h) {
                        return nil
                    }
                }
            }
            return takes
        }

        /// Creator prices that, with each campaign's own price, prove the pairs' answer optimal over the candidate
        /// pairs (`BMatchingProblem.certifies` on the pairs of `expand()`). The solver's prices are an optimal dual of
        /// the grouped problem, in which each campaign's price is at least its group's; so a pair through a group has
        /// at most the surplus z of its edge (score − creator price − group price). A creator's price is the solver's,
        /// except where an edge carries the creator's whole capacity into a group of more campaigns at a surplus
        /// z > 0: there the price rises by z. Its capacity is spent in that group, so its pairs elsewhere carry
        /// nothing and keep no surplus, and the dual objective does not change (capacity × z in place of the edge's
        /// capacity × z); elsewhere a group's pairs add at most the edge's capacity × z. The pairs' dual objective is
        /// then at most the grouped one, which equals the objective: by weak duality both are optimal.
        func pairPrices(_ solution: BMatchingSolution) -> [Int64] {
            var prices = solution.creatorPrices
            for (n, e) in solution.chosen.enumerated() {
                let edge = edges[e], units = solution.units.isEmpty ? 1 : Int(solution.units[n])
                let t = Int(edge.campaign)
                guard t >= open.count, units == Int(edge.capacity), units < problemGroups[t - open.count].count else { continue }
                let i = Int(edge.creator)
                let surplus = edge.weight - solution.creatorPrices[i] - solution.groupPrices[t - open.count]
                if surplus > 0 { prices[i] = max(prices[i], solution.creatorPrices[i] + surplus) }
            }
            return prices
        }

        /// Splits `groups` into their campaigns, each its own group; their candidates become candidates of each campaign
        /// that admits them.
        /// - Returns: per old edge, its index among the new edges (the others keep their order), or −1 when it went.
        mutating func ungroup(_ groups: [Int]) -> [Int32] {
            var split = Set<Int32>()
            for g in groups where solverGroup[g] >= 0 {
                split.insert(Int32(open.count + solverGroup[g]))
                for k in members[g] { split.insert(Int32(k)) }
            }
            // The groups' candidates, once each in the order they joined: their edges, and those of creators that only
            // some of a group's campaigns admit (a campaign is in one group only).
            var creators: [(g: Int, pair: Reached)] = []
            var seen = Set<Int64>()
            var kept: [BMatchingProblem.Edge] = []
            var moved = [Int32](repeating: -1, count: edges.count)
            for (e, edge) in edges.enumerated() {
                guard split.contains(edge.campaign) else {
                    moved[e] = Int32(kept.count)
                    kept.append(edge)
                    continue
                }
                let t = Int(edge.campaign)
                let g = t < open.count ? groupOf[t] : groupOf[Int(problemGroups[t - open.count][0])]
                let index = populationIndexOf[Int(edge.creator)]
                if seen.insert(Int64(g) << 32 | Int64(index)).inserted { creators.append((g, Reached(index: index, weight: Int32(edge.weight)))) }
            }
            edges = kept
            var campaignsOf: [Int: [Int]] = [:]
            for g in groups where solverGroup[g] >= 0 {
                let group = members[g]
                campaignsOf[g] = group
                problemGroups[solverGroup[g]] = []
                solverGroup[g] = -1
                members[g] = [group[0]]
                groupSlots[g] = slots[group[0]]
                inPlan[g] = []
                for k in group.dropFirst() {
                    groupOf[k] = members.count
                    members.append([k])
                    groupStream.append(streamOf[k])
                    groupSlots.append(slots[k])
                    solverGroup.append(-1)
                    inPlan.append([])
                }
            }
            for (g, pair) in creators {
                for k in campaignsOf[g]! { join(groupOf[k], pair) }
            }
            return moved
        }

        /// The creators outside each group's candidates with positive reduced cost at `solution`'s prices — at most
        /// `candidatesPerCampaign` per campaign of the group, the highest scores first, and a creator at most once per
        /// set of categories — made candidates (`join`), with how many joined, how many scan entries were compared
        /// with the prices, the largest reduced cost of the pairs found, and whether every group read below its price
        /// (so that no pair left unpriced can have positive reduced cost).
        ///
        /// A pair's score depends on its creator and its campaign's set of categories alone, so its reduced cost is
        /// the creator's **slack** in the set's stream (score − creator price) less the campaign's price (its group's).
        /// Each set's stream is read once a round, down to its cheapest group's price; only creators whose slack
        /// exceeds that price (the set's **hot** creators) can enter any group of the set, and only they are judged
        /// one by one against each group's eligibility and price. The others, mostly contended creators whose price
        /// their best pairs already pay, are passed at the cost of one subtraction.
        mutating func price(_ solution: BMatchingSolution) -> (added: Int, count: Int, maxReducedCost: Int64?, complete: Bool) {
            guard !everyPairIsCandidate else { return (0, 0, nil, true) }
            var groupsOfSet = [[Int]](repeating: [], count: streams.count)
            for g in members.indices where groupSlots[g] > 0 { groupsOfSet[groupStream[g]].append(g) }
            let groupsOf = groupsOfSet
            let work = streams.indices.filter { !groupsOf[$0].isEmpty }
            // The sets are priced side by side (`eachSet`); the pairs found join afterwards in set order, so the
            // candidates come out in the order a single thread gives. A creator new to the problem has price 0
            // either way, and a campaign's candidates are its set's alone.
            let found = eachSet(work, empty: SetPricing()) { reader, s, stream in reader.priceSet(groupsOf[s], stream: &stream, solution) }
            var complete = true, added = 0, count = 0
            var maxReduced: Int64?
            for result in found {
                for (g, pairs) in result.joining {
                    for pair in pairs where join(g, pair) { added += 1 }
                }
                count += result.walked
                if let reduced = result.maxReduced { maxReduced = max(maxReduced ?? reduced, reduced) }
                complete = complete && result.complete
            }
            return (added, count, maxReduced, complete)
        }

        /// What pricing one set found: the pairs to join per group (in the order found), the stream entries
        /// compared with the prices, the largest reduced cost seen, and whether every campaign read below its price.
        struct SetPricing {
            var joining: [(g: Int, pairs: [Reached])] = []
            var walked = 0
            var maxReduced: Int64?
            var complete = true
        }

        /// The per-set state the pricing threads extend, each set by one thread.
        struct SetBuffers: @unchecked Sendable {
            let scans: UnsafeMutableBufferPointer<RankedScan>
            let yielded: UnsafeMutableBufferPointer<[Reached]>
            let ended: UnsafeMutableBufferPointer<Bool>
            let skips: UnsafeMutableBufferPointer<[Int32]>
        }

        /// Where the threads of `eachSet` put what each set gave (each its own element).
        struct SetResults<T>: @unchecked Sendable {
            let base: UnsafeMutableBufferPointer<T>
        }

        /// One set's scan and what it yielded, extended in place: the one reading of a stream further, for `entry`
        /// and for the pricing threads.
        struct SetStream {
            let scan: UnsafeMutablePointer<RankedScan>
            let yielded: UnsafeMutablePointer<[Reached]>
            let ended: UnsafeMutablePointer<Bool>
            let skip: UnsafeMutablePointer<[Int32]>

            mutating func entry(_ p: Int) -> Reached? {
                while p >= yielded.pointee.count {
                    guard !ended.pointee else { return nil }
                    // Read a chunk at a time (the entries are the same whenever they are read).
                    let before = yielded.pointee.count
                    if !scan.pointee.next(upTo: max(Self.chunk, p + 1 - before), into: &yielded.pointee) { ended.pointee = true }
                    for n in before..<yielded.pointee.count { skip.pointee.append(Int32(n)) }
                }
                return yielded.pointee[p]
            }

            /// How many entries a stream is read further at least, once it must be.
            static let chunk = 64
        }

        /// Prices the groups of one set (`groups`, all of the same set) against `solution` — see `price`. A group's
        /// price is each of its campaigns' price.
        func priceSet(_ groups: [Int], stream: inout SetStream, _ solution: BMatchingSolution) -> SetPricing {
            var result = SetPricing()
            struct Hot {
                var pair: Reached
                var slack: Int64
            }
            // Groups of one set give a creator the same score, so its pair with the set's group of lowest price has the
            // largest reduced cost, and covers the others once solved: a creator enters at most once per set a round.
            // Groups are priced lowest price first.
            let groups = groups.sorted { (price(of: $0, solution), $0) < (price(of: $1, solution), $1) }
            let cheapest = price(of: groups[0], solution)
            // Scores are ≥ 0 and creator prices ≥ 0: a pair weighing at most its campaign's price cannot enter.
            let floor = max(minimumWeight, cheapest + 1)
            // The hot creators in rank order, read from the stream only as deep as some campaign asks: a campaign
            // left with open slots (price 0) stops after its `candidatesPerCampaign` entering pairs, most often
            // just below the creators the greedy fill gave it, not at the bottom of its set.
            var hot: [Hot] = []
            var walked = 0, bottom = false
            func nextHot() -> Bool {
                while !bottom {
                    guard let pair = stream.entry(walked), Int64(pair.weight) >= floor else { bottom = true; break }
                    walked += 1
                    // A creator new to the problem has price 0 (it took nothing).
                    let q = Int(problemIndexAt[Int(pair.index)])
                    let u = q >= 0 && q < solution.creatorPrices.count ? solution.creatorPrices[q] : 0
                    let slack = Int64(pair.weight) - u
                    if slack > cheapest && knownCapacity(at: pair.index) > 0 {
                        hot.append(Hot(pair: pair, slack: slack))
                        return true
                    }
                }
                return false
            }
            for g in groups {
                let v = price(of: g, solution)
                let threshold = max(minimumWeight, v + 1)
                var entering = 0, h = 0
                var joining: [Reached] = []
                let planned = inPlan[g]
                // `candidatesPerCampaign` for each campaign of the group.
                let most = profile.candidatesPerCampaign
                while h < hot.count || nextHot() {
                    let e = hot[h]
                    h += 1
                    if Int64(e.pair.weight) < threshold { break }
                    guard e.slack > v, !planned.contains(e.pair.index), groupAdmits(g, e.pair.index) else { continue }
                    let reduced = e.slack - v
                    result.maxReduced = max(result.maxReduced ?? reduced, reduced)
                    if entering == most { result.complete = false; break }
                    entering += 1
                    joining.append(e.pair)
                    // Claimed for the set this round: its slack no longer lets it enter another campaign, which then
                    // passes it before judging its eligibility. (Those campaigns' reduced costs and completeness are
                    // only read in a round that adds nothing, where nobody is claimed.)
                    hot[h - 1].slack = .min
                }
                if !joining.isEmpty { result.joining.append((g, joining)) }
            }
            result.walked = walked
            return result
        }
    }

    /// The chosen pairs and the per-campaign report.
    public struct Result: Sendable {
        public var assignments: [Candidate]
        public var objective: Double
        public var fills: [CampaignFill]
        public var creatorsUsed: Int
    }

    /// Solves a plan exactly over its candidates (no pricing: the optimum of the cut alone). Deterministic: the
    /// same plan gives the same assignments.
    public static func solve(_ plan: Plan) -> Result {
        let problem = BMatchingProblem(
            capacities: plan.creators.map(\.capacity), slots: plan.campaigns.map(\.slots),
            edges: plan.pairs.map { .init(creator: $0.creator, campaign: $0.campaign, weight: $0.weight) })
        let solution = BMatchingSolver.solve(problem)
        return result(plan, chosen: solution.chosen, objective: solution.objective)
    }

    /// The per-campaign report of an answer: `chosen` indexes `plan.pairs`, ascending.
    static func result(_ plan: Plan, chosen: [Int], objective: Int64) -> Result {
        var filled = [Int](repeating: 0, count: plan.campaigns.count)
        var candidateCount = [Int](repeating: 0, count: plan.campaigns.count)
        for n in chosen { filled[Int(plan.pairs[n].campaign)] += 1 }
        for pair in plan.pairs { candidateCount[Int(pair.campaign)] += 1 }
        let fills = plan.campaigns.enumerated().map { k, c -> CampaignFill in
            let f = filled[k], n = candidateCount[k]
            let bound = f >= c.slots ? "slots" : n < c.slots ? (f < n ? "eligibility, capacity" : "eligibility") : "capacity"
            return CampaignFill(campaign: c.id.rawValue, slots: c.slots, filled: f, candidates: n, bound: bound)
        }
        // Ascending pairs are in creator order: a creator used is one whose index differs from the pair before.
        var creatorsUsed = 0, last: Int32 = -1
        for n in chosen where plan.pairs[n].creator != last {
            creatorsUsed += 1
            last = plan.pairs[n].creator
        }
        return Result(assignments: chosen.map(plan.candidate), objective: Double(objective) / 10_000, fills: fills, creatorsUsed: creatorsUsed)
    }
}

/// 64-bit FNV-1a, for fingerprinting inputs (not for security).
public struct FNV1a: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325
    public init() {}
    public mutating func add(_ text: String) {
        for byte in text.utf8 { add(byte: byte) }
    }
    /// Adds the bytes of `value` in decimal, as `String(value)` spells it, without making the string.
    public mutating func add(decimal value: Int64) {
        if value < 0 { add(byte: UInt8(ascii: "-")) }
        var magnitude = value.magnitude, divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        repeat {
            add(byte: UInt8(truncatingIfNeeded: magnitude / divisor) + UInt8(ascii: "0"))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    @inline(__always)
    mutating func add(byte: UInt8) {
        state ^= UInt64(byte)
        state = state &* 0x0000_0100_0000_01B3
    }

    public var hex: String {
        let s = String(state, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
