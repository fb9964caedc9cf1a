public import Foundation

/// A creator on a shortlist, with its score.
public struct RankedCreator: Sendable {
    public var creator: Creator
    public var score: Double
    /// Filled when an explanation was asked for.
    public var breakdown: ScoreBreakdown?

    public init(creator: Creator, score: Double, breakdown: ScoreBreakdown?) {
        self.creator = creator
        self.score = score
        self.breakdown = breakdown
    }
}

/// A campaign that fits a creator, with the score.
public struct RankedCampaign: Sendable {
    public var campaign: Campaign
    public var score: Double
    public var breakdown: ScoreBreakdown?
}

/// Optional narrowing of a shortlist.
public struct ShortlistFilter: Sendable {
    public var region: String?
    public var minFollowers: Int?

    public init(region: String? = nil, minFollowers: Int? = nil) {
        self.region = region
        self.minFollowers = minFollowers
    }
}

/// Every creator's policy standing and scoring inputs at one instant, indexed for shortlists.
///
/// Built once per instant and data version (the store builds it); a shortlist then scores only the
/// creators whose niches share a top-level category with the campaign, and scans the rest in order of the
/// best score they could reach without niche fit, stopping as soon as none can enter the list. Eligibility
/// is the policy engine's own verdict (M-ELIGIBLE), scores are `Scorer.score` (M-SCORE): a shortlist
/// equals ranking every creator by `Scorer.explain` and dropping the ineligible ones.
public struct ScoringPopulation: Sendable {
    public let instant: Date
    public let policy: Policy
    public let scorer: Scorer
    public let creators: [Creator]
    public let standings: [CreatorStanding]
    public let inputs: [ScoringInputs]
    /// Campaign-independent components of each creator's score.
    let fixed: [Scorer.FixedComponents]
    /// Marketplace eligibility (a creator refused there is refused for every shop and campaign).
    let marketplaceEligible: [Bool]
    /// Creator indexes by the top-level categories of their niches.
    let byTop: [Int32: [Int32]]
    /// Per category id: the creators with a niche that is exactly that category (each once), in bound order.
    let byNiche: [[Int32]]
    /// Per creator index: its place in `boundOrder` (−1: not marketplace-eligible, in no list).
    let boundPlace: [Int32]
    /// Creator indexes by descending `Scorer.boundWithoutNiche`, and those bounds.
    let boundOrder: [Int32]
    let bounds: [Double]
    let positions: [CreatorID: Int32]
    /// Each creator's place in creator id order, and the creator index at each place (the scans break ties by id
    /// with one integer comparison); both empty when the creators are in id order already (the store reads them
    /// so), where the place is the index.
    let idRank: [Int32]
    let byIDRank: [Int32]

    /// - Parameters: parallel arrays, one entry per creator.
    public init(instant: Date, policy: Policy, scorer: Scorer, creators: [Creator], standings: [CreatorStanding], inputs: [ScoringInputs]) {
        precondition(creators.count == standings.count && creators.count == inputs.count)
        self.instant = instant
        self.policy = policy
        self.scorer = scorer
        self.creators = creators
        self.standings = standings
        self.inputs = inputs
        fixed = inputs.map(scorer.fixedComponents)
        var eligible: [Bool] = []
        eligible.reserveCapacity(creators.count)
        // Read in place: an array element passed on is copied first (a retain of each of the creator's strings).
        creators.withUnsafeBufferPointer { creators in
            standings.withUnsafeBufferPointer { standings in
                for i in creators.indices {
                    var sink = VerdictSink()
                    policy.evaluate(creators[i], standings[i], shop: nil, campaign: nil, at: instant, into: &sink)
                    eligible.append(!sink.refused)
                }
            }
        }
        marketplaceEligible = eligible
        let bounds = inputs.map(scorer.boundWithoutNiche)
        self.bounds = bounds
        // The ids apart: a comparison reading `creators[i].id` copied the whole creator first (a retain of each of
        // its strings, 20 M times in a sort of a million: 4 % of a 1M × 1,000 batch run).
        let ids = creators.withUnsafeBufferPointer { creators in creators.map(\.id) }
        // Every list runs from the highest bound down, so a scan can stop once no one further can enter.
        boundOrder = creators.indices.filter { eligible[$0] }.map(Int32.init).sorted {
            bounds[Int($0)] != bounds[Int($1)] ? bounds[Int($0)] > bounds[Int($1)] : ids[Int($0)] < ids[Int($1)]
        }
        var byTop: [Int32: [Int32]] = [:]
        var byNiche = [[Int32]](repeating: [], count: scorer.table.paths.count)
        var boundPlace = [Int32](repeating: -1, count: creators.count)
        for (place, i) in boundOrder.enumerated() {
            boundPlace[Int(i)] = Int32(place)
            // Each creator once per list: a niche (or its top) already met among the creator's earlier niches is
            // skipped (a few niches each; a Set per creator cost two hash tables a creator, a million times).
            let niches = inputs[Int(i)].niches
            for (k, niche) in niches.enumerated() {
                let top = scorer.table.top(niche)
                if !niches[..<k].contains(where: { scorer.table.top($0) == top }) { byTop[top, default: []].append(i) }
                if niche >= 0, Int(niche) < byNiche.count, !niches[..<k].contains(niche) { byNiche[Int(niche)].append(i) }
            }
        }
        self.byTop = byTop
        self.byNiche = byNiche
        self.boundPlace = boundPlace
        var positions: [CreatorID: Int32] = [:]
        positions.reserveCapacity(creators.count)
        for (i, id) in ids.enumerated() { positions[id] = Int32(i) }
        self.positions = positions
        let inIDOrder = zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
        byIDRank = inIDOrder ? [] : ids.indices.map(Int32.init).sorted { ids[Int($0)] < ids[Int($1)] }
        var idRank = [Int32](repeating: 0, count: inIDOrder ? 0 : creators.count)
        for (rank, i) in byIDRank.enumerated() { idRank[Int(i)] = Int32(rank) }
        self.idRank = idRank
    }

    /// The union of `lists` (creator indexes, each list in bound order), in bound order, each creator once: merged
    /// two by two on their places in `boundOrder` (O(n log k) for k lists of n creators in all).
    func mergedInBoundOrder(_ lists: some Sequence<[Int32]>) -> [Int32] {
        let runs = lists.filter { !$0.isEmpty }
        guard runs.count > 1 else { return runs.first ?? [] }
        let place = boundPlace
        var places = runs.map { run in run.map { place[Int($0)] } }
        while places.count > 1 {
            var merged: [[Int32]] = []
            merged.reserveCapacity((places.count + 1) / 2)
            for pair in stride(from: 0, to: places.count, by: 2) {
                merged.append(pair + 1 < places.count ? Self.union(places[pair], places[pair + 1]) : places[pair])
            }
            places = merged
        }
        return places[0].map { boundOrder[Int($0)] }
    }

    /// The union of two ascending lists without repeats, ascending, each value once.
    static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] < b[j] { out.append(a[i]); i += 1 } else if b[j] < a[i] { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1; j += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    /// The index of a creator, if in the population.
    public func index(of id: CreatorID) -> Int? { positions[id].map(Int.init) }

    /// The top `limit` eligible creators for `campaign`, best first; equal scores by creator id (`limit: .max`:
    /// all of them).
    /// - Parameters:
    ///   - week: judge K-OPEN over this week (the weekly batch) instead of at the instant.
    ///   - atLeast: only creators scoring at least this (the scan stops where no bound can reach it): with a
    ///     large `limit`, every eligible creator above a score (the weekly batch's pricing).
    public func shortlist(_ campaign: Campaign, shop: Shop, limit: Int, filter: ShortlistFilter = ShortlistFilter(), explain: Bool = false, week: QuotaWeek? = nil,
                          atLeast: Double = -.infinity) -> [RankedCreator] {
        let target = explain ? CampaignTarget(campaign.categories, table: scorer.table) : nil
        return ranked(campaign, shop: shop, limit: limit, filter: filter, week: week, atLeast: atLeast).map { entry in
            let i = Int(entry.index)
            return RankedCreator(creator: creators[i], score: entry.score, breakdown: target.map { scorer.explain(inputs[i], $0) })
        }
    }

    /// `shortlist` as (score, id, population index) entries, best first: no copy of the creators (the weekly
    /// batch's pricing reads thousands of creators per campaign).
    public func ranked(_ campaign: Campaign, shop: Shop, limit: Int, filter: ShortlistFilter = ShortlistFilter(), week: QuotaWeek? = nil,
                       atLeast: Double = -.infinity) -> [TopK.Entry] {
        // K-OPEN refuses every creator of a campaign that does not run then: nobody need be scored.
        guard limit > 0, policy.campaignIsOpen(campaign, at: instant, week: week) else { return [] }
        let target = CampaignTarget(campaign.categories, table: scorer.table)
        var heap = TopK(capacity: limit)
        var seen = Set<Int32>()
        func consider(_ i: Int32) {
            let c = creators[Int(i)]
            if let region = filter.region, c.region != region { return }
            if let minimum = filter.minFollowers, c.followers < minimum { return }
            // M-NICHE: a pair without the niche fit the profile asks for is not shortlisted.
            guard let score = scorer.admittedScore(inputs[Int(i)], target, fixed: fixed[Int(i)]), score >= atLeast else { return }
            guard heap.wouldAccept(score: score, id: c.id) else { return }
            // Every creator walked here is marketplace-eligible at the instant (`boundOrder`, `byTop`).
            guard policy.isEligible(marketplaceEligible: c, standing: standings[Int(i)], for: campaign, shop: shop, at: instant, week: week) else { return }
            heap.insert(score: score, id: c.id, index: i)
        }
        // Creators whose niches share a top-level category with the campaign can gain niche credit: at most
        // `nicheCeiling` on top of their bound. Everyone else scores at most their bound.
        let ceiling = scorer.nicheCeiling
        for top in target.tops {
            for i in byTop[top] ?? [] {
                if bounds[Int(i)] + ceiling < atLeast { break }
                if heap.isFull, let worst = heap.worst, bounds[Int(i)] + ceiling < worst.score { break }
                if seen.insert(i).inserted { consider(i) }
            }
        }
        // Creators sharing no top-level category have niche fit 0 (every credit needs a shared top): M-NICHE leaves
        // them out unless the profile admits fit 0.
        for i in boundOrder where scorer.profile.admitsNoNiche {
            if bounds[Int(i)] < atLeast { break }
            if heap.isFull, let worst = heap.worst, bounds[Int(i)] < worst.score { break }
            if seen.contains(i) { continue }
            consider(i)
        }
        return heap.sorted()
    }

    /// A scan of `campaign`'s eligible creators that yields them one at a time in the weekly batch's order (weight
    /// descending — the score × 10,000, rounded: the batch's unit — equal weights by creator id) and goes only as
    /// deep as asked: the weekly batch's pricing, which resumes each campaign's scan round after round instead of
    /// starting it again.
    public func rankedScan(_ campaign: Campaign, shop: Shop, week: QuotaWeek? = nil) -> RankedScan {
        RankedScan(population: self, categories: campaign.categories, eligibleFor: (campaign, shop), week: week)
    }

    /// A scan of the creators a campaign with `categories` admits (M-NICHE), in the batch's weight order, judging no
    /// campaign's eligibility: marketplace-eligible creators only. Every campaign with the same set of categories
    /// ranks creators the same way (a score depends on the set alone), so the weekly batch scans each set once and
    /// filters the stream by each campaign's eligibility.
    public func rankedScan(categories: [CategoryPath]) -> RankedScan {
        RankedScan(population: self, categories: categories, eligibleFor: nil, week: nil)
    }

    /// The campaigns that fit creator `index` best among `campaigns` it is eligible for, best first;
    /// equal scores by campaign id.
    public func matches(creator index: Int, campaigns: [(Campaign, Shop)], limit: Int, explain: Bool = false) -> [RankedCampaign] {
        Self.rankCampaigns(creator: creators[index], standing: standings[index], inputs: inputs[index], scorer: scorer, policy: policy,
                           at: instant, campaigns: campaigns, limit: limit, explain: explain)
    }

    /// The campaigns among `campaigns` a creator is eligible for (M-ELIGIBLE), scored (M-SCORE), best first;
    /// equal scores by campaign id. The one ranking of a creator's matches, from a population or the state.
    public static func rankCampaigns(creator: Creator, standing: CreatorStanding, inputs: ScoringInputs, scorer: Scorer, policy: Policy,
                                     at instant: Date, campaigns: [(Campaign, Shop)], limit: Int, explain: Bool) -> [RankedCampaign] {
        let fixed = scorer.fixedComponents(inputs)
        var ranked: [RankedCampaign] = []
        for (campaign, shop) in campaigns where policy.isEligible(creator, standing: standing, for: campaign, shop: shop, at: instant) {
            let target = CampaignTarget(campaign.categories, table: scorer.table)
            guard let score = scorer.admittedScore(inputs, target, fixed: fixed) else { continue }  // M-NICHE
            ranked.append(RankedCampaign(campaign: campaign, score: score,
                breakdown: explain ? scorer.explain(inputs, target) : nil))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.campaign.id < $1.campaign.id }
        return Array(ranked.prefix(limit))
    }
}

/// A resumable best-first scan of a campaign's eligible creators (`ScoringPopulation.rankedScan`), by the weekly
/// batch's weight (`WeeklyBatch.weight`: score × 10,000, rounded), equal weights by creator id. Lists of creators in
/// bound order (`Scorer.boundWithoutNiche`) are walked side by side, each with the most niche credit its creators can
/// add to their bound:
/// - the **close** creators, whose niche lies within one of the campaign's categories or contains one (exact or
///   broader credit): the niche ceiling;
/// - per top-level category of the campaign, its other creators, who can only share a parent (the shared-parent
///   credit; at the default weights 0.175 of score below the ceiling, so the walk stops that much higher);
/// - for a profile admitting niche fit 0, everyone else (no credit).
/// A creator is scored from the first list it belongs to. Scored creators wait in a heap, and one is released once
/// its weight is above the weight of every list's next bound plus that list's credit (rounding is monotone, so
/// nobody unseen can outrank it) and it is eligible.
public struct RankedScan: Sendable {
    let population: ScoringPopulation
    /// The campaign whose eligibility a creator must pass to be yielded (`nil`: marketplace eligibility only).
    let eligibleFor: (campaign: Campaign, shop: Shop)?
    let week: QuotaWeek?
    let target: CampaignTarget
    /// The lists walked (creator indexes in bound order: the close creators, then each of the campaign's top-level
    /// categories, then everyone when fit 0 is admitted), the bound slack each adds, and how far each has been walked.
    var lists: [[Int32]] = []
    /// Per category id: whether a niche there earns exact or broader credit for the campaign (a close creator).
    var close: [Bool] = []
    var slack: [Double] = []
    var walked: [Int] = []
    /// Scored creators not yet yielded, best first, as one 8-byte key each: the weight in the high half, the
    /// complement of the creator's id rank in the low half, so that a larger key comes first (a set's scan of a
    /// million creators holds hundreds of thousands, and a run over 10,000 campaigns holds about 740 scans).
    var waiting = KeyHeap()

    /// A creator yielded: its population index and its weight.
    public struct Entry: Sendable, Equatable {
        public var index: Int32
        public var weight: Int32
    }

    /// A waiting creator's key (the sign bit flipped so that unsigned order is signed order), and its parts.
    static func key(weight: Int32, rank: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: weight) ^ 0x8000_0000) << 32 | UInt64(UInt32.max - UInt32(bitPattern: rank))
    }
    static func weight(_ key: UInt64) -> Int32 { Int32(bitPattern: UInt32(key >> 32) ^ 0x8000_0000) }
    static func rank(_ key: UInt64) -> Int { Int(UInt32.max - UInt32(truncatingIfNeeded: key)) }

    init(population: ScoringPopulation, categories: [CategoryPath], eligibleFor: (campaign: Campaign, shop: Shop)?, week: QuotaWeek?) {
        self.population = population
        self.eligibleFor = eligibleFor
        self.week = week
        let scorer = population.scorer, table = scorer.table
        target = CampaignTarget(categories, table: table)
        let target = self.target
        close = (0..<table.paths.count).map { n in
            target.categories.contains { c in scorer.nicheRelation(Int32(n), c)?.isClose == true }
        }
        // The close creators: the lists of their niches merged in bound order, each creator once.
        let close = self.close
        lists.append(population.mergedInBoundOrder(close.indices.lazy.filter { close[$0] }.map { population.byNiche[$0] }))
        slack.append(scorer.nicheCeiling)
        // Any other creator sharing a top-level category earns at most the shared-parent credit (`Scorer.nicheFit`).
        for top in target.tops {
            lists.append(population.byTop[top] ?? [])
            slack.append(scorer.weights.niche * scorer.profile.nicheSharedParent)
        }
        if population.scorer.profile.admitsNoNiche {
            lists.append(population.boundOrder)
            slack.append(0)
        }
        walked = Array(repeating: 0, count: lists.count)
    }

    /// The next creator in weight order, or `nil` when every eligible creator has been yielded.
    public mutating func next() -> Entry? {
        var one: [Entry] = []
        _ = next(upTo: 1, into: &one)
        return one.first
    }

    /// Appends the next `count` creators in weight order to `out` (the same entries `next()` gives one at a time):
    /// false when the scan ended before that many. The arrays the walk reads are taken once a call, not once an
    /// entry (a fifth of reading a set's stream at 1M creators × 10,000 campaigns went to retaining and releasing them).
    public mutating func next(upTo count: Int, into out: inout [Entry]) -> Bool {
        let wanted = out.count + count
        // Read through locals and buffer pointers: inside a mutating method every access through `self`, and every
        // array element passed on, would otherwise copy (retain) the arrays and the creator read, per creator walked.
        let lists = self.lists, slack = self.slack, bounds = population.bounds, tops = target.tops, close = self.close
        let scorer = population.scorer, policy = population.policy, instant = population.instant, eligibleFor = self.eligibleFor
        let idRank = population.idRank, byIDRank = population.byIDRank, inIDOrder = population.idRank.isEmpty
        return population.creators.withUnsafeBufferPointer { creators in
        population.inputs.withUnsafeBufferPointer { inputs in
        population.fixed.withUnsafeBufferPointer { fixed in
        population.standings.withUnsafeBufferPointer { standings in
            while out.count < wanted {
                // The highest bound not walked yet, and its list.
                var frontier = -Double.infinity, at = -1
                for n in lists.indices where walked[n] < lists[n].count {
                    let bound = bounds[Int(lists[n][walked[n]])] + slack[n]
                    if bound > frontier { frontier = bound; at = n }
                }
                // Every creator not walked yet weighs at most the frontier's weight.
                if let best = waiting.items.first, at < 0 || Int64(Self.weight(best)) > WeeklyBatch.weight(frontier) {
                    _ = waiting.pop()
                    // Eligibility is judged only for a creator about to be yielded (most scored creators never are).
                    let b = inIDOrder ? Self.rank(best) : Int(byIDRank[Self.rank(best)])
                    if let (campaign, shop) = eligibleFor {
                        guard policy.isEligible(marketplaceEligible: creators[b], standing: standings[b], for: campaign, shop: shop, at: instant, week: week)
                        else { continue }
                    }
                    out.append(Entry(index: Int32(b), weight: Self.weight(best)))
                    continue
                }
                guard at >= 0 else { return false }
                let i = Int(lists[at][walked[at]])
                walked[at] += 1
                // A creator in several lists is taken from the first it is in (the close creators, the campaign's
                // tops in order, then everyone). (The close list has no earlier one: its creators are not opened for
                // this.)
                let earlier = at > 0 && inputs[i].niches.contains { niche in (niche >= 0 && Int(niche) < close.count && close[Int(niche)]) || tops.prefix(at - 1).contains(scorer.table.top(niche)) }
                guard !earlier else { continue }
                // M-NICHE exactly as `ranked` judges it (eligibility when yielded, above).
                guard let score = scorer.admittedScore(inputs[i], target, fixed: fixed[i]) else { continue }
                waiting.push(Self.key(weight: Int32(WeeklyBatch.weight(score)), rank: inIDOrder ? Int32(i) : idRank[i]))
            }
            return true
        }}}}
    }
}

/// The best `capacity` entries by (score descending, id ascending), as a binary min-heap on "worse".
public struct TopK: Sendable {
    public struct Entry: Sendable {
        public var score: Double
        public var id: CreatorID
        public var index: Int32
    }

    public let capacity: Int
    private var heap = BinaryHeap<Entry>(first: TopK.worse)

    public init(capacity: Int) {
        self.capacity = capacity
        heap.items.reserveCapacity(min(capacity, 1 << 16))
    }

    public var isFull: Bool { heap.items.count >= capacity }
    public var worst: Entry? { heap.items.first }

    /// `a` ranks below `b`.
    static func worse(_ a: Entry, _ b: Entry) -> Bool { a.score != b.score ? a.score < b.score : a.id > b.id }

    public func wouldAccept(score: Double, id: CreatorID) -> Bool {
        guard isFull, let worst = heap.items.first else { return true }
        return Self.worse(worst, Entry(score: score, id: id, index: 0))
    }

    public mutating func insert(score: Double, id: CreatorID, index: Int32) {
        let entry = Entry(score: score, id: id, index: index)
        if capacity == .max {
            heap.items.append(entry)  // unbounded (`limit: .max`): everyone is kept, sorted once at the end
        } else if heap.items.count < capacity {
            heap.push(entry)
        } else if Self.worse(heap.items[0], entry) {
            heap.replaceFirst(with: entry)
        }
    }

    /// Best first.
    public func sorted() -> [Entry] { heap.items.sorted { Self.worse($1, $0) } }
}

/// A binary heap whose first element is the one `first(a, b)` puts before all others (TopK's worst entry,
/// a shortlist scan's highest bound).
public struct BinaryHeap<Element: Sendable>: Sendable {
    public internal(set) var items: [Element]
    let first: @Sendable (Element, Element) -> Bool

    /// A heap of `items` (arranged in linear time).
    public init(_ items: [Element] = [], first: @escaping @Sendable (Element, Element) -> Bool) {
        self.items = items
        self.first = first
        var i = items.count / 2 - 1
        while i >= 0 { siftDown(i); i -= 1 }
    }

    public mutating func push(_ element: Element) {
        items.append(element)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard first(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    /// Removes and returns the first element.
    public mutating func pop() -> Element? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty { replaceFirst(with: last) }
        return top
    }

    /// Puts `element` in the first element's place and restores the order.
    public mutating func replaceFirst(with element: Element) {
        items[0] = element
        siftDown(0)
    }

    private mutating func siftDown(_ start: Int) {
        var i = start
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && first(items[l], items[m]) { m = l }
            if r < items.count && first(items[r], items[m]) { m = r }
            if m == i { return }
            items.swapAt(i, m)
            i = m
        }
    }
}

/// A 4-ary max-heap of 64-bit keys: half the levels of a binary heap, and a node's four children in one cache line
/// (a set's scan of a million creators holds hundreds of thousands of scored creators waiting for the frontier to
/// pass them, and each level of a binary heap was a cache miss); keys compared in place, with no comparison closure
/// (whose calls cost a third of the weekly batch's greedy start).
public struct KeyHeap: Sendable {
    public private(set) var items: [UInt64] = []

    public init() {}

    public mutating func push(_ key: UInt64) {
        items.append(key)
        items.withUnsafeMutableBufferPointer { items in
            var i = items.count - 1
            while i > 0 {
                let parent = (i - 1) >> 2
                guard key > items[parent] else { break }
                items[i] = items[parent]
                i = parent
            }
            items[i] = key
        }
    }

    /// Removes and returns the largest key.
    public mutating func pop() -> UInt64? {
        guard let top = items.first else { return nil }
        let last = items.removeLast()
        guard !items.isEmpty else { return top }
        items.withUnsafeMutableBufferPointer { items in
            let count = items.count
            var i = 0
            while true {
                let c = 4 * i + 1
                if c >= count { break }
                var m = c
                for j in c + 1..<min(c + 4, count) where items[j] > items[m] { m = j }
                guard items[m] > last else { break }
                items[i] = items[m]
                i = m
            }
            items[i] = last
        }
        return top
    }
}
