/// Maximum-weight bipartite b-matching: every creator takes at most its capacity of campaigns, every campaign
/// at most its slots of creators, each edge at most its capacity (1: a pair at most once), maximising the total
/// weight (M-WEEKLY).
///
/// Solved exactly as a minimum-cost circulation (source → creator → campaign → sink → source, pair arcs
/// costing −weight; an edge into a group of campaigns goes creator → group → campaign) by **cost-scaling
/// push-relabel**: A. V. Goldberg and R. E. Tarjan, "Finding minimum-cost circulations by successive
/// approximation", Math. of OR 15 (1990); A. V. Goldberg, "An efficient
/// implementation of a scaling minimum-cost flow algorithm", J. Algorithms 22 (1997). Costs are integers
/// scaled by the node count, so the final 1-optimal circulation is optimal. Last-in-first-out active nodes,
/// push look-ahead (Goldberg 1997, §4), CS2's early-exit relabel, α = 5, each node's arcs cheapest first;
/// deterministic for a given edge order.
public struct BMatchingProblem: Sendable, Equatable {
    public struct Edge: Sendable, Equatable {
        public var creator: Int32
        public var campaign: Int32
        /// A positive integer weight (scores × 10,000).
        public var weight: Int64
        /// The most units the edge may carry: 1 for a pair of a creator and a campaign; up to the group's size for an
        /// edge to a group (`groups`).
        public var capacity: Int32 = 1

        public init(creator: Int32, campaign: Int32, weight: Int64, capacity: Int32 = 1) {
            self.creator = creator
            self.campaign = campaign
            self.weight = weight
            self.capacity = capacity
        }
    }

    public var capacities: [Int]
    public var slots: [Int]
    public var edges: [Edge]
    /// Groups of campaigns (indexes into `slots`; a campaign in at most one group). An edge whose `campaign` is
    /// `slots.count + g` goes to group `g`: its units may be taken by any of the group's campaigns, each within its
    /// slots (a node between the creators and those campaigns). That each unit of one edge goes to a **different**
    /// campaign is not modelled: the solver's optimum is a relaxation's, and the caller places the units (the weekly
    /// batch's campaign groups, `WeeklyBatch.optimal`).
    public var groups: [[Int32]]

    public init(capacities: [Int], slots: [Int], edges: [Edge], groups: [[Int32]] = []) {
        self.capacities = capacities
        self.slots = slots
        self.edges = edges
        self.groups = groups
    }
}

public struct BMatchingSolution: Sendable, Equatable {
    public init(chosen: [Int], units: [Int32] = [], objective: Int64, creatorPrices: [Int64], campaignPrices: [Int64]) {
        self.chosen = chosen
        self.units = units
        self.objective = objective
        self.creatorPrices = creatorPrices
        self.campaignPrices = campaignPrices
    }

    /// Indexes into `BMatchingProblem.edges` of the chosen pairs, ascending.
    public var chosen: [Int]
    /// The units each chosen edge carries, parallel to `chosen`; empty when every one carries 1 (every edge of
    /// capacity 1).
    public var units: [Int32]
    /// The sum of the chosen weights, each times its units.
    public var objective: Int64
    /// Optimal dual prices (LP duality), in weight units, all ≥ 0: one per creator (`u`) and per campaign (`v`).
    /// Every edge has `weight ≤ u[creator] + v[campaign] + z` with `z = max(0, weight − u − v)` > 0 only on chosen
    /// edges carrying their full capacity, and `Σ capacity·u + Σ slots·v + Σ edge capacity·z = objective`
    /// (`BMatchingProblem.certifies`). A pair not in the
    /// problem can raise the optimum only if its weight exceeds `u + v` (positive reduced cost); a creator or
    /// campaign absent from the problem has price 0. Capacity-0 creators and 0-slot campaigns get a price above
    /// every weight (they take nothing).
    public var creatorPrices: [Int64]
    public var campaignPrices: [Int64]
    /// One price per group (`BMatchingProblem.groups`), ≤ each of its campaigns' prices; an edge into a group has
    /// reduced cost weight − u − group price. Empty without groups. (`certifies` judges problems without groups.)
    public var groupPrices: [Int64] = []
    /// Whether the solve stopped short of the optimum on request (`BMatchingSolver.solve(_:warm:approximateTo:)`):
    /// the chosen pairs are then a feasible b-matching that is only ε-optimal, and the prices are the solver's node
    /// potentials rounded to weight units — within a few units of prices that certify it, not a certificate.
    public var isApproximate = false
}

extension BMatchingProblem {
    /// Whether group `g` takes anything: one of its campaigns has slots.
    func groupIsOpen(_ g: Int) -> Bool { groups[g].contains { slots[Int($0)] > 0 } }

    /// Whether `solution` is a feasible b-matching whose dual prices prove it optimal: weak LP duality (the
    /// b-matching polytope of a bipartite graph is integral, so the LP optimum is the integer optimum).
    public func certifies(_ solution: BMatchingSolution) -> Bool {
        guard groups.isEmpty, solution.creatorPrices.count == capacities.count, solution.campaignPrices.count == slots.count,
              solution.creatorPrices.allSatisfy({ $0 >= 0 }), solution.campaignPrices.allSatisfy({ $0 >= 0 }) else { return false }
        var used = [Int](repeating: 0, count: capacities.count), filled = [Int](repeating: 0, count: slots.count)
        var primal: Int64 = 0
        guard solution.units.isEmpty || solution.units.count == solution.chosen.count else { return false }
        var carried: [Int: Int32] = [:]
        carried.reserveCapacity(solution.chosen.count)
        for (n, e) in solution.chosen.enumerated() {
            guard e >= 0 && e < edges.count else { return false }
            let edge = edges[e], units = solution.units.isEmpty ? 1 : solution.units[n]
            guard units >= 1, units <= edge.capacity, carried.updateValue(units, forKey: e) == nil else { return false }
            used[Int(edge.creator)] += Int(units)
            filled[Int(edge.campaign)] += Int(units)
            primal += edge.weight * Int64(units)
        }
        guard primal == solution.objective, zip(used, capacities).allSatisfy({ $0 <= $1 }), zip(filled, slots).allSatisfy({ $0 <= $1 }) else { return false }
        // A surplus (score above both prices) only on edges carrying their full capacity.
        for (e, edge) in edges.enumerated()
        where edge.capacity > 0 && edge.weight > solution.creatorPrices[Int(edge.creator)] + solution.campaignPrices[Int(edge.campaign)]
            && carried[e] != edge.capacity {
            return false
        }
        return dualObjective(solution) == primal
    }

    /// The dual objective of `solution`'s prices: Σ capacity·u + Σ slots·v + Σ over edges of each one's capacity
    /// times its surplus max(0, weight − u − v).
    public func dualObjective(_ solution: BMatchingSolution) -> Int64 {
        var dual: Int64 = 0
        for (i, capacity) in capacities.enumerated() where capacity > 0 { dual += Int64(capacity) * solution.creatorPrices[i] }
        for (k, n) in slots.enumerated() where n > 0 { dual += Int64(n) * solution.campaignPrices[k] }
        for edge in edges {
            dual += Int64(edge.capacity) * max(0, edge.weight - solution.creatorPrices[Int(edge.creator)] - solution.campaignPrices[Int(edge.campaign)])
        }
        return dual
    }
}

public enum BMatchingSolver {
    /// Where a re-solve starts: the optimum of a problem this one extends (the same creators first, the same
    /// campaigns, more edges — the weekly batch's next round).
    public struct Warm: Sendable {
        /// The last optimum's dual prices (`BMatchingSolution.creatorPrices`, `campaignPrices`); creators past
        /// their count price 0.
        public var creatorPrices: [Int64]
        public var campaignPrices: [Int64]
        /// The last optimum's chosen pairs, as indexes into the **new** problem's edges, and the units each carried
        /// (parallel to `chosen`; empty: 1 each).
        public var chosen: [Int]
        public var units: [Int32]
        /// The last optimum's group prices (`BMatchingSolution.groupPrices`).
        public var groupPrices: [Int64]

        public init(creatorPrices: [Int64], campaignPrices: [Int64], chosen: [Int], units: [Int32] = [], groupPrices: [Int64] = []) {
            self.creatorPrices = creatorPrices
            self.campaignPrices = campaignPrices
            self.chosen = chosen
            self.units = units
            self.groupPrices = groupPrices
        }

        /// The start a solution gives the next round when that round only appends edges.
        public init(_ solution: BMatchingSolution) {
            self.init(creatorPrices: solution.creatorPrices, campaignPrices: solution.campaignPrices, chosen: solution.chosen, units: solution.units,
                      groupPrices: solution.groupPrices)
        }
    }

    /// - Parameter warm: the optimum of a problem this one extends. The solve keeps its flow (the chosen pairs)
    ///   and starts from its exact prices, under which every old arc already has reduced cost ≥ 0, so only the new
    ///   edges that violate the prices (positive reduced cost) start work. Up to 1,500 such edges are repaired by
    ///   the primal-dual method (`CirculationGraph.repairByShortestPaths`), within 20 sweeps' worth of arcs; more,
    ///   or a repair that needs more, are left to cost scaling, started from the largest violation instead of the
    ///   largest weight. (At 1M creators × 10,000 campaigns the repair took 0.3–2.2 s for 2 to 684 violating edges,
    ///   five or six searches of about 1.4 sweeps each, where cost scaling's phases took 8–12 s; it needed more
    ///   than 20 searches for 3,300 or more. With layered blocking flows, a 220-edge round there took 4 searches
    ///   and 18 layouts, 7.1 s on a machine where cost scaling took 16–22 s a round; at 1M × 1,000 a 4,473-edge
    ///   round took 2.8 s against cost scaling's 1 s, hence the limit stays.) The answer is the same optimum
    ///   either way (both are exact from any start; a chosen pair that no longer fits is simply not kept).
    /// - Parameter approximateTo: when given (in weight units, ≥ 1), cost scaling stops after its first phase at
    ///   ε ≤ this, unless the flow is proven optimal first: the solution is then a feasible b-matching every
    ///   residual arc of which has reduced cost ≥ −ε (`isApproximate`), with its potentials rounded as prices.
    ///   The last phases of a solve, at ε below one weight unit, each cost about as much as any other, and
    ///   column generation's intermediate rounds only need prices close to optimal ones to choose the next
    ///   candidates (`WeeklyBatch.optimal`). A repaired warm start is exact either way.
    public static func solve(_ problem: BMatchingProblem, warm: Warm? = nil, approximateTo: Int64? = nil) -> BMatchingSolution {
        solve(problem, warm: warm, repairLimit: 1_500, repairBudget: 20, approximateTo: approximateTo)
    }

    /// `solve` with the shortest-path repair's limits: at most `repairLimit` violating edges, and
    /// `repairBudget` × the arc count arcs scanned in all (then cost scaling finishes).
    static func solve(_ problem: BMatchingProblem, warm: Warm?, repairLimit: Int, repairBudget: Int, approximateTo: Int64? = nil) -> BMatchingSolution {
        var graph = CirculationGraph(problem)
        var repaired = false
        if let warm {
            graph.startFrom(warm, problem)
            repaired = graph.repairByShortestPaths(limit: repairLimit, budget: repairBudget * graph.head.count)
        }
        var exact = true
        if !repaired { exact = graph.minimumCostCirculation(stopAt: max(0, approximateTo ?? 0) * Int64(graph.nodeCount)) }
        var chosen: [Int] = [], units: [Int32] = []
        var objective: Int64 = 0
        var unitEdges = true
        for (e, arc) in graph.pairArcs.enumerated() where arc >= 0 && graph.flow(arc) > 0 {
            let flow = graph.flow(arc)
            chosen.append(e)
            units.append(Int32(flow))
            unitEdges = unitEdges && flow == 1
            objective += problem.edges[e].weight * flow
        }
        // Exact prices need an optimal flow (shortest paths in a residual graph without negative cycles).
        let (u, v, g) = graph.prices(problem, labels: exact ? graph.optimalLabels() : graph.roundedPotentials())
        var solution = BMatchingSolution(chosen: chosen, units: unitEdges ? [] : units, objective: objective, creatorPrices: u, campaignPrices: v)
        solution.groupPrices = g
        solution.isApproximate = !exact
        return solution
    }
}

/// A residual graph in compressed-sparse-row form: the arcs leaving node v are `first[v]..<first[v+1]`,
/// stored contiguously for locality; `reverse[a]` is the arc in the opposite direction.
struct CirculationGraph {
    var head: [Int32] = []
    var reverse: [Int32] = []
    var residual: [Int64] = []
    var cost: [Int64] = []
    var first: [Int32] = []
    var potential: [Int64] = []
    var excess: [Int64] = []
    /// For each problem edge, its forward arc (or -1 when the edge was dropped).
    var pairArcs: [Int32] = []
    var nodeCount = 0
    var maxCost: Int64 = 0

    init(_ p: BMatchingProblem) {
        let creators = p.capacities.count
        let campaigns = p.slots.count
        nodeCount = 2 + creators + campaigns + p.groups.count
        let source = 0, sink = 1
        let scale = Int64(nodeCount)
        // A group's node follows the campaigns' (`BMatchingProblem.groups`).
        let groupOpen = p.groups.indices.map(p.groupIsOpen)
        /// The node an edge's `campaign` names: a campaign's, or past them a group's.
        func target(_ t: Int32) -> Int { 2 + creators + Int(t) }
        func isOpen(_ t: Int32) -> Bool { Int(t) < campaigns ? p.slots[Int(t)] > 0 : groupOpen[Int(t) - campaigns] }
        // Every node's arcs run cheapest first, which lets discharges find admissible arcs sooner: a creator's pair
        // arcs by weight, heaviest first, then its source arc; a campaign's sink arc, then its reverse pair arcs,
        // lightest first; the source's creator arcs, then its sink arc; the sink's campaign arcs, then its source
        // arc. The arrays are laid out in place from each node's degree (no intermediate arc list: at 7 M pairs
        // that list was 400 MB on top of the graph).
        let order = Self.byWeightDescending(p.edges)
        func kept(_ edge: BMatchingProblem.Edge) -> Bool {
            edge.weight > 0 && edge.capacity > 0 && p.capacities[Int(edge.creator)] > 0 && isOpen(edge.campaign)
        }
        var first = [Int32](repeating: 0, count: nodeCount + 1)
        for edge in p.edges where kept(edge) {
            first[2 + Int(edge.creator) + 1] += 1
            first[target(edge.campaign) + 1] += 1
        }
        for (g, group) in p.groups.enumerated() {
            for k in group where p.slots[Int(k)] > 0 {
                first[target(Int32(campaigns + g)) + 1] += 1
                first[target(k) + 1] += 1
            }
        }
        for (i, capacity) in p.capacities.enumerated() where capacity > 0 {
            first[source + 1] += 1
            first[2 + i + 1] += 1
        }
        for (k, slots) in p.slots.enumerated() where slots > 0 {
            first[2 + creators + k + 1] += 1
            first[sink + 1] += 1
        }
        first[source + 1] += 1
        first[sink + 1] += 1
        for v in 0..<nodeCount { first[v + 1] += first[v] }
        let m = Int(first[nodeCount])
        var head = [Int32](repeating: 0, count: m)
        var reverse = [Int32](repeating: 0, count: m)
        var residual = [Int64](repeating: 0, count: m)
        var cost = [Int64](repeating: 0, count: m)
        var next = first
        /// The next free arc position of node `v`.
        func place(_ v: Int) -> Int {
            let a = Int(next[v])
            next[v] += 1
            return a
        }
        /// Arcs `a` (v → w, `capacity`, `arcCost`) and `b` (its reverse) as mates.
        func mate(_ a: Int, _ b: Int, _ v: Int, _ w: Int, _ capacity: Int64, _ arcCost: Int64) {
            head[a] = Int32(w); head[b] = Int32(v)
            residual[a] = capacity; residual[b] = 0
            cost[a] = arcCost; cost[b] = -arcCost
            reverse[a] = Int32(b); reverse[b] = Int32(a)
        }
        var pairArcs = [Int32](repeating: -1, count: p.edges.count)
        for e in order {
            let edge = p.edges[Int(e)]
            guard kept(edge) else { continue }
            let a = place(2 + Int(edge.creator))
            head[a] = Int32(target(edge.campaign))
            residual[a] = Int64(edge.capacity)
            cost[a] = -edge.weight * scale
            pairArcs[Int(e)] = Int32(a)
            maxCost = max(maxCost, edge.weight * scale)
        }
        var totalCapacity: Int64 = 0
        for (i, capacity) in p.capacities.enumerated() where capacity > 0 {
            mate(place(source), place(2 + i), source, 2 + i, Int64(capacity), 0)
            totalCapacity += Int64(capacity)
        }
        for (k, slots) in p.slots.enumerated() where slots > 0 {
            mate(place(2 + creators + k), place(sink), 2 + creators + k, sink, Int64(slots), 0)
        }
        // A group's arcs to its campaigns cost nothing and never fill up (more than all the flow there is), so that a
        // campaign's price is never below its group's; the campaigns' own sink arcs bound them.
        for (g, group) in p.groups.enumerated() {
            for k in group where p.slots[Int(k)] > 0 {
                let v = target(Int32(campaigns + g)), w = target(k)
                mate(place(v), place(w), v, w, totalCapacity + 1, 0)
            }
        }
        mate(place(sink), place(source), sink, source, totalCapacity, 0)
        for e in order.reversed() where pairArcs[Int(e)] >= 0 {
            let a = Int(pairArcs[Int(e)])
            let edge = p.edges[Int(e)]
            mate(a, place(target(edge.campaign)), 2 + Int(edge.creator), Int(head[a]), Int64(edge.capacity), cost[a])
        }
        self.first = first
        self.head = head
        self.reverse = reverse
        self.residual = residual
        self.cost = cost
        self.pairArcs = pairArcs
        potential = [Int64](repeating: 0, count: nodeCount)
        excess = [Int64](repeating: 0, count: nodeCount)
    }

    /// Edge indexes by weight, heaviest first, ties in input order: a counting sort when weights are small
    /// (scores × 10,000), else a comparison sort.
    static func byWeightDescending(_ edges: [BMatchingProblem.Edge]) -> [Int32] {
        let maxWeight = edges.reduce(Int64(0)) { max($0, $1.weight) }
        guard maxWeight <= 1 << 22 else {
            return edges.indices.sorted { edges[$0].weight != edges[$1].weight ? edges[$0].weight > edges[$1].weight : $0 < $1 }.map(Int32.init)
        }
        var start = [Int](repeating: 0, count: Int(maxWeight) + 2)
        for edge in edges { start[Int(maxWeight - max(0, edge.weight)) + 1] += 1 }
        for w in 0..<Int(maxWeight) + 1 { start[w + 1] += start[w] }
        var order = [Int32](repeating: 0, count: edges.count)
        for (e, edge) in edges.enumerated() {
            let bucket = Int(maxWeight - max(0, edge.weight))
            order[start[bucket]] = Int32(e)
            start[bucket] += 1
        }
        return order
    }

    /// The node potentials in weight units, rounded down.
    func roundedPotentials() -> [Int64] {
        let scale = Int64(nodeCount)
        return potential.map { $0 >= 0 ? $0 / scale : -((-$0 + scale - 1) / scale) }
    }

    /// Shortest-path distances at unscaled costs in the residual graph of an **optimal** circulation.
    func optimalLabels() -> [Int64] {
        // ε-optimality (ε = 1 at scaled costs) says cost + p(u) − p(w) ≥ −1: p / scale is within one unit of a
        // feasible d, so few labels move. (Any start converges; this one is quick.)
        // At an optimum there is no negative cycle, so the labels settle without a budget.
        shortestPathLabels(from: roundedPotentials(), costDivisor: Int64(nodeCount), budget: .max)!
    }

    /// Dual prices from node labels `d` in weight units (see `BMatchingSolution`): `u = max(0, d(creator) − d(source) +
    /// max(0, d(source) − d(sink)))` and `v = max(0, d(sink) − d(campaign))`. They are exact optimal prices when the
    /// circulation is optimal and `d` is `optimalLabels()`, shortest-path distances in the residual graph at unscaled
    /// costs — Ahuja, Magnanti & Orlin, *Network Flows* (1993), §9.4 (reduced-cost optimality) and §17.2 (the
    /// assignment problem's LP dual); with `roundedPotentials()` of an ε-optimal one, only close to them.
    func prices(_ p: BMatchingProblem, labels d: [Int64]) -> (creators: [Int64], campaigns: [Int64], groups: [Int64]) {
        let maxWeight = p.edges.reduce(Int64(0)) { max($0, $1.weight) }
        let source = 0, sink = 1, creators = p.capacities.count
        let lift = max(0, d[source] - d[sink])
        let u = p.capacities.enumerated().map { i, c in c > 0 ? max(0, d[2 + i] - d[source] + lift) : maxWeight + 1 }
        let v = p.slots.enumerated().map { k, s in s > 0 ? max(0, d[sink] - d[2 + creators + k]) : maxWeight + 1 }
        let g = p.groups.indices.map { g in p.groupIsOpen(g) ? max(0, d[sink] - d[2 + creators + p.slots.count + g]) : maxWeight + 1 }
        return (u, v, g)
    }

    /// Flow on arc `a` (the residual capacity of its reverse).
    func flow(_ a: Int32) -> Int64 { residual[Int(reverse[Int(a)])] }

    /// The flow and potentials of a smaller problem's optimum (`BMatchingSolver.Warm`), and the scaling's first ε
    /// from the largest violation they leave on a pair's arc (0 when the old optimum is still optimal).
    ///
    /// The first ε ignores the source's and the sink's arcs: when the batch splits a campaign group, the flow into it
    /// is dropped, and a creator's arc from the source or a campaign's arc to the sink can then violate the old prices
    /// by a whole score (7,500–8,300 weight units at 1M × 10,000, on a handful of arcs). Started at that ε, every
    /// warm round ran the whole schedule of a cold solve (eight or nine phases of about a second there), however few
    /// pairs it added. Each phase begins by saturating every arc of negative reduced cost whatever its violation, and
    /// a relabel moves a node straight to its best arc's level, so those few arcs cost the first phase little.
    mutating func startFrom(_ warm: BMatchingSolver.Warm, _ p: BMatchingProblem) {
        let scale = Int64(nodeCount), creators = p.capacities.count
        let maxWeight = maxCost / scale
        // The kept flow: each chosen pair that still fits, and the source, sink and return arcs that carry it.
        var used = [Int64](repeating: 0, count: creators), filled = [Int64](repeating: 0, count: p.slots.count)
        var total: Int64 = 0
        func carry(_ a: Int, _ amount: Int64) {
            residual[a] -= amount
            residual[Int(reverse[a])] += amount
        }
        /// Keeps chosen edge `warm.chosen[n]` with at most `left` units (and what its creator has left); the units kept.
        func keep(_ n: Int, left: Int64) -> Int64 {
            let e = warm.chosen[n], a = Int(pairArcs[e]), i = Int(p.edges[e].creator)
            let units = n < warm.units.count ? Int64(max(0, warm.units[n])) : 1
            let amount = max(0, min(units, residual[a], Int64(p.capacities[i]) - used[i], left))
            carry(a, amount)
            used[i] += amount
            total += amount
            return amount
        }
        let campaigns = p.slots.count
        let kept = warm.chosen.indices.filter { warm.chosen[$0] >= 0 && warm.chosen[$0] < pairArcs.count && pairArcs[warm.chosen[$0]] >= 0 }
        // Edges to campaigns first; then edges to groups, within the slots their campaigns have left.
        for n in kept where Int(p.edges[warm.chosen[n]].campaign) < campaigns {
            let k = Int(p.edges[warm.chosen[n]].campaign)
            filled[k] += keep(n, left: Int64(p.slots[k]) - filled[k])
        }
        let room = p.groups.map { $0.reduce(Int64(0)) { $0 + max(0, Int64(p.slots[Int($1)]) - filled[Int($1)]) } }
        var intoGroup = [Int64](repeating: 0, count: p.groups.count)
        for n in kept where Int(p.edges[warm.chosen[n]].campaign) >= campaigns {
            let g = Int(p.edges[warm.chosen[n]].campaign) - campaigns
            intoGroup[g] += keep(n, left: room[g] - intoGroup[g])
        }
        for g in p.groups.indices {
            // What the group took, spread over its campaigns' slots left.
            var taken = intoGroup[g]
            let node = 2 + creators + campaigns + g
            for a in Int(first[node])..<Int(first[node + 1]) where taken > 0 {
                let w = Int(head[a]) - 2 - creators
                guard w >= 0 && w < campaigns, residual[a] > 0 else { continue }
                let amount = min(taken, max(0, Int64(p.slots[w]) - filled[w]))
                carry(a, amount)
                filled[w] += amount
                taken -= amount
            }
        }
        let source = 0, sink = 1
        for a in Int(first[source])..<Int(first[source + 1]) {
            let w = Int(head[a])
            if w >= 2 && w < 2 + creators { carry(a, used[w - 2]) }
        }
        for a in Int(first[sink])..<Int(first[sink + 1]) {
            let w = Int(head[a])
            if w == source { carry(a, total) } else if w >= 2 + creators { carry(Int(reverse[a]), filled[w - 2 - creators]) }
        }
        for i in 0..<creators {
            potential[2 + i] = (i < warm.creatorPrices.count ? min(max(0, warm.creatorPrices[i]), maxWeight + 1) : 0) * scale
        }
        for k in 0..<p.slots.count {
            potential[2 + creators + k] = -(k < warm.campaignPrices.count ? min(max(0, warm.campaignPrices[k]), maxWeight + 1) : 0) * scale
        }
        for g in p.groups.indices {
            potential[2 + creators + campaigns + g] = -(g < warm.groupPrices.count ? min(max(0, warm.groupPrices[g]), maxWeight + 1) : 0) * scale
        }
        var largestOnPairs: Int64 = 0, violating = 0
        for v in 0..<nodeCount {
            let isCreator = v >= 2 && v < 2 + creators
            for a in Int(first[v])..<Int(first[v + 1]) where residual[a] > 0 {
                let violation = -(cost[a] + potential[v] - potential[Int(head[a])])
                guard violation > 0 else { continue }
                if isCreator && Int(head[a]) >= 2 + creators { largestOnPairs = max(largestOnPairs, violation) }
                violating += 1
            }
        }
        // At least one weight unit when anything violates: a phase at a smaller ε with large violations left would
        // move potentials a sliver at a time.
        startEpsilon = violating == 0 ? 0 : max(largestOnPairs, scale)
        startViolations = violating
    }

    /// The scaling's first ε, and how many residual arcs violate the start's potentials (`startFrom`).
    var startEpsilon: Int64?
    var startViolations = 0
    /// The shortest-path repair's searches, and those that found every node short of flow at distance 0 (which
    /// move no potential: the blocking flows should have reached those nodes, so a correct repair has none).
    var repairSearches = 0
    var idleRepairSearches = 0

    /// Saturates every residual arc of negative reduced cost: a 0-optimal pseudoflow (the first step of each
    /// cost-scaling phase, and of the shortest-path repair).
    mutating func saturateNegativeArcs() {
        let n = nodeCount
        first.withUnsafeBufferPointer { first in
        head.withUnsafeBufferPointer { head in
        reverse.withUnsafeBufferPointer { reverse in
        cost.withUnsafeBufferPointer { cost in
        residual.withUnsafeMutableBufferPointer { residual in
        potential.withUnsafeBufferPointer { potential in
        excess.withUnsafeMutableBufferPointer { excess in
            for v in 0..<n {
                let pv = potential[v]
                for a in Int(first[v])..<Int(first[v + 1]) where residual[a] > 0 && cost[a] + pv - potential[Int(head[a])] < 0 {
                    let delta = residual[a]
                    residual[a] = 0
                    residual[Int(reverse[a])] += delta
                    excess[v] -= delta
                    excess[Int(head[a])] += delta
                }
            }
        }}}}}}}
    }

    /// Repairs a warm start by the **primal-dual method** (successive shortest paths, all excess at once; Ahuja,
    /// Magnanti & Orlin, *Network Flows*, §9.7–9.8): every residual arc of negative reduced cost is saturated, which
    /// leaves a pseudoflow under which every residual arc has reduced cost ≥ 0. Then, in turn: flow is sent from
    /// the nodes with excess to nodes short of flow along **admissible** paths (residual arcs of reduced cost 0) by
    /// blocking flows on the admissible network laid out in layers (Dinic's method, AMO §7.5), until no node short
    /// of flow is reachable along admissible arcs; then one Dijkstra search from all the nodes with excess at once,
    /// on the reduced costs, runs until it has settled every node short of flow (the last at distance D), and every
    /// node it settled moves its potential by its distance less D. That keeps every reduced cost ≥ 0 and makes the
    /// shortest paths to all of those nodes admissible at once, whatever their distance. At the end every residual
    /// arc has reduced cost ≥ 0 at the scaled costs: the circulation is optimal. A round that added some pairs to an
    /// optimum needs a few searches, where cost scaling's phases sweep the whole graph several times.
    ///
    /// The layers matter: admissible arcs can form cycles of reduced cost 0, and a depth-first search that marks
    /// a node dead when its only way on runs through the path itself misses paths that exist. (Before, at 1M
    /// creators, three searches in four then found every node short of flow at distance 0 and changed nothing, and
    /// a round of 220 violating pairs at 1M × 10,000 gave up after 20 sweeps.) The searches use a radix heap.
    /// - Parameters:
    ///   - limit: the most violating arcs it takes on, as `startFrom` counted them (checked before anything
    ///     changes; call it right after `startFrom`).
    ///   - budget: the most arcs its layouts, blocking flows and searches may scan in all.
    /// - Returns: whether the circulation is optimal; `false` leaves a pseudoflow with every residual arc's reduced
    ///   cost ≥ 0 (and excess left), from which cost scaling finishes.
    mutating func repairByShortestPaths(limit: Int, budget: Int) -> Bool {
        let n = nodeCount
        guard startViolations <= limit else { return false }
        saturateNegativeArcs()
        var distance = [Int64](repeating: 0, count: n)
        var labeled = [UInt32](repeating: 0, count: n), settled = [UInt32](repeating: 0, count: n)
        var generation: UInt32 = 0
        // Nearest first; at equal distance, a node short of flow first (the search ends once it has settled them all).
        var heap = RadixHeap()
        var done: [Int32] = []
        var work = 0
        // The admissible network's layers: per node its number of admissible arcs from the nodes with excess, valid
        // in layout `layout` (a node found to lead nowhere loses its stamp), and its current arc in the blocking flow.
        var layer = [Int32](repeating: 0, count: n), laidOut = [UInt32](repeating: 0, count: n)
        var layout: UInt32 = 0
        var queue: [Int32] = []
        var current = [Int32](repeating: 0, count: n)
        var path: [Int32] = [], arcs: [Int32] = []
        // The first layer holding a node short of flow: the rest of that layer leads nowhere.
        var shortLayer = Int32.max
        // The layout's queue: its first `roots` nodes are those with excess (in node order), then every node it
        // laid out, the only ones a blocking flow enters.
        var roots = 0

        /// Lays out the admissible arcs in layers from every node with excess (breadth first), up to the first layer
        /// holding a node short of flow; false when no such node is reachable.
        func layOut() -> Bool {
            layout += 1
            queue.removeAll(keepingCapacity: true)
            for v in 0..<n where excess[v] > 0 {
                layer[v] = 0
                laidOut[v] = layout
                queue.append(Int32(v))
            }
            roots = queue.count
            shortLayer = .max
            var at = 0
            while at < queue.count {
                let v = Int(queue[at])
                at += 1
                let lv = layer[v]
                if lv >= shortLayer { break }
                let pv = potential[v]
                for a in Int(first[v])..<Int(first[v + 1]) where residual[a] > 0 {
                    let w = Int(head[a])
                    guard laidOut[w] != layout, cost[a] + pv - potential[w] == 0 else { continue }
                    laidOut[w] = layout
                    layer[w] = lv + 1
                    if excess[w] < 0 { shortLayer = lv + 1 }
                    queue.append(Int32(w))
                }
                work += Int(first[v + 1] - first[v])
            }
            return shortLayer != .max
        }

        /// Sends flow from `s` along one path of the layered admissible network to a node short of flow; false
        /// when none is left (the nodes passed on the way then lead nowhere in this layout).
        func augment(from s: Int) -> Bool {
            path.removeAll(keepingCapacity: true)
            arcs.removeAll(keepingCapacity: true)
            path.append(Int32(s))
            while let last = path.last {
                let v = Int(last)
                if excess[v] < 0 {
                    var amount = min(excess[s], -excess[v])
                    for a in arcs { amount = min(amount, residual[Int(a)]) }
                    for a in arcs {
                        residual[Int(a)] -= amount
                        residual[Int(reverse[Int(a)])] += amount
                    }
                    excess[s] -= amount
                    excess[v] += amount
                    return true
                }
                let pv = potential[v], end = first[v + 1], next = layer[v] + 1
                var a = current[v]
                var found = -1
                while a < end {
                    let w = Int(head[Int(a)])
                    if residual[Int(a)] > 0 && laidOut[w] == layout && layer[w] == next && (next < shortLayer || excess[w] < 0)
                        && cost[Int(a)] + pv - potential[w] == 0 {
                        found = w
                        break
                    }
                    a += 1
                }
                work += Int(a - current[v]) + 1
                current[v] = a
                if found >= 0 {
                    path.append(Int32(found))
                    arcs.append(a)
                } else {
                    laidOut[v] = 0
                    path.removeLast()
                    if !arcs.isEmpty { arcs.removeLast() }
                }
            }
            return false
        }

        var active: [Int] = []
        while true {
            // Blocking flows on the admissible network until no node short of flow is reachable in it.
            while layOut() {
                for v in queue { current[Int(v)] = first[Int(v)] }
                for i in 0..<roots where laidOut[Int(queue[i])] == layout {
                    let v = Int(queue[i])
                    while excess[v] > 0 && augment(from: v) {}
                    if work > budget { return false }
                }
            }
            // The last layout found no node short of flow and nothing moved since: its roots are the nodes with excess.
            active.removeAll(keepingCapacity: true)
            for v in queue.prefix(roots) { active.append(Int(v)) }
            if active.isEmpty { return true }
            if work > budget { return false }
            // One search from every node with excess, until it has settled every node short of flow.
            generation += 1
            heap.reset()
            done.removeAll(keepingCapacity: true)
            for v in active {
                distance[v] = 0
                labeled[v] = generation
                heap.push(Label(distance: 0, node: Int32(v), short: false))
            }
            var short = 0
            for v in 0..<n where excess[v] < 0 { short += 1 }
            var reach: Int64 = -1
            while short > 0, let label = heap.pop() {
                let v = Int(label.node)
                guard settled[v] != generation, label.distance == distance[v] else { continue }
                settled[v] = generation
                done.append(label.node)
                reach = label.distance
                if excess[v] < 0 { short -= 1 }
                let pv = potential[v]
                for a in Int(first[v])..<Int(first[v + 1]) where residual[a] > 0 {
                    let w = Int(head[a])
                    guard settled[w] != generation else { continue }
                    let d = label.distance + cost[a] + pv - potential[w]
                    if labeled[w] != generation || d < distance[w] {
                        labeled[w] = generation
                        distance[w] = d
                        heap.push(Label(distance: d, node: Int32(w), short: excess[w] < 0))
                    }
                }
                work += Int(first[v + 1] - first[v])
            }
            // Every node short of flow is reachable in a feasible problem; if one is not, cost scaling takes over.
            guard short == 0 else { return false }
            repairSearches += 1
            if reach == 0 { idleRepairSearches += 1 }
            for v in done { potential[Int(v)] += distance[Int(v)] - reach }
            if work > budget { return false }
        }
    }

    /// A monotone priority queue of labels by distance (a radix heap: Ahuja, Mehlhorn, Orlin & Tarjan, "Faster
    /// algorithms for the shortest path problem", *JACM* 37, 1990): a label goes in the bucket of the highest bit
    /// in which its distance differs from the last distance taken out, so a push is O(1) and a label moves to a
    /// lower bucket at most 64 times. Dijkstra's search only pushes distances at or above the last one popped
    /// (reduced costs are ≥ 0). At equal distance a node short of flow comes out first.
    struct RadixHeap {
        var buckets = [[Label]](repeating: [], count: 65)
        /// Labels at the last distance out that are short of flow: they come out first.
        var urgent: [Label] = []
        var last: Int64 = 0

        mutating func reset() {
            for b in buckets.indices where !buckets[b].isEmpty { buckets[b].removeAll(keepingCapacity: true) }
            urgent.removeAll(keepingCapacity: true)
            last = 0
        }

        @inline(__always)
        func bucket(_ d: Int64) -> Int { d == last ? 0 : 64 - (d ^ last).leadingZeroBitCount }

        mutating func push(_ label: Label) {
            precondition(label.distance >= last, "a radix heap takes no distance below the last one out")
            if label.short && label.distance == last { urgent.append(label) } else { buckets[bucket(label.distance)].append(label) }
        }

        mutating func pop() -> Label? {
            if let label = urgent.popLast() { return label }
            if buckets[0].isEmpty {
                var i = 1
                while i < 65 && buckets[i].isEmpty { i += 1 }
                guard i < 65 else { return nil }
                // The bucket's least distance becomes the last one out; its labels all move to lower buckets.
                var moving: [Label] = []
                swap(&moving, &buckets[i])
                last = moving.reduce(Int64.max) { min($0, $1.distance) }
                for label in moving {
                    if label.short && label.distance == last { urgent.append(label) } else { buckets[bucket(label.distance)].append(label) }
                }
                moving.removeAll(keepingCapacity: true)
                swap(&moving, &buckets[i])
                if let label = urgent.popLast() { return label }
            }
            return buckets[0].popLast()
        }
    }

    struct Label: Sendable {
        var distance: Int64
        var node: Int32
        /// The node is short of flow (negative excess).
        var short: Bool
    }

    /// Cost scaling (Goldberg & Tarjan): phases of `refine` at ε divided by 5 each time, from the largest cost (or
    /// a warm start's largest violation) down to ε = 1 at costs scaled by the node count, which is optimal; each phase
    /// at or below a fifth of a weight unit ends with price refinement (`pricesProveOptimal`), and the solve stops
    /// early when it succeeds.
    /// - Parameter stopAt: a scaled ε at or below which to stop after the phase (0: run to the optimum).
    /// - Returns: whether the circulation is optimal (false only when it stopped at `stopAt`).
    @discardableResult
    mutating func minimumCostCirculation(stopAt: Int64 = 0) -> Bool {
        guard maxCost > 0 else { return true }
        var epsilon = min(maxCost, (startEpsilon ?? maxCost) * 5)
        while true {
            epsilon = max(1, epsilon / 5)
            refine(epsilon)
            if epsilon == 1 { break }
            if epsilon <= stopAt { return false }
            // Below a fifth of a weight unit (ε ≤ the scale / α), integer weights leave few ways to be ε-optimal but
            // not optimal: check, and skip the last phases when the flow already is. (At 1M × 10,000 the flow was
            // optimal there in most solves; at one weight unit the check mostly failed, at 0.5–0.8 s each.)
            if epsilon * 5 <= Int64(nodeCount) && pricesProveOptimal(budget: 10 * head.count) { break }
        }
        return true
    }

    /// Price refinement (Goldberg, "An efficient implementation of a scaling minimum-cost flow algorithm", 1997):
    /// whether the circulation is already optimal, found by looking for potentials under which every residual arc
    /// has reduced cost ≥ 0 — shortest-path labels from the current potentials at the scaled costs, within `budget`
    /// arc scans (a negative cycle, i.e. a flow not yet optimal, never settles). On success the potentials are those
    /// labels and the remaining phases are skipped; otherwise they are left as they were.
    mutating func pricesProveOptimal(budget: Int) -> Bool {
        guard let d = shortestPathLabels(from: potential, costDivisor: 1, budget: budget) else { return false }
        potential = d
        return true
    }

    /// Shortest-path labels over the residual arcs at costs / `costDivisor`, label-correcting (a FIFO queue, every
    /// node queued first) from `start`: labels `d` with cost/`costDivisor` + d(u) − d(w) ≥ 0 on every residual arc.
    /// `nil` once more than `budget` arcs were scanned (a negative cycle never settles).
    @inline(__always)
    func shortestPathLabels(from start: [Int64], costDivisor: Int64, budget: Int) -> [Int64]? {
        let n = nodeCount
        var d = start
        var queue = Array(0..<n), inQueue = [Bool](repeating: true, count: n)
        var at = 0, work = 0
        while at < queue.count {
            let u = queue[at]
            at += 1
            inQueue[u] = false
            let du = d[u]
            for a in Int(first[u])..<Int(first[u + 1]) where residual[a] > 0 {
                let w = Int(head[a]), candidate = du + cost[a] / costDivisor
                if candidate < d[w] {
                    d[w] = candidate
                    if !inQueue[w] { inQueue[w] = true; queue.append(w) }
                }
            }
            work += Int(first[u + 1] - first[u])
            if work > budget { return nil }
            if at > 4 * n && at * 2 > queue.count { queue.removeFirst(at); at = 0 }
        }
        return d
    }

    /// Turns an ε·α-optimal circulation into an ε-optimal one (push-relabel, last-in-first-out active nodes).
    mutating func refine(_ epsilon: Int64) {
        let n = nodeCount
        saturateNegativeArcs()
        first.withUnsafeBufferPointer { first in
        head.withUnsafeBufferPointer { head in
        reverse.withUnsafeBufferPointer { reverse in
        cost.withUnsafeBufferPointer { cost in
        residual.withUnsafeMutableBufferPointer { residual in
        potential.withUnsafeMutableBufferPointer { potential in
        excess.withUnsafeMutableBufferPointer { excess in
            // Work arrays as raw buffers: nested functions capture them as constants, which spares every access
            // the dynamic exclusivity check a captured `var` array would pay.
            let queue = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n + 1)
            let inQueue = UnsafeMutableBufferPointer<Bool>.allocate(capacity: n)
            let current = UnsafeMutableBufferPointer<Int32>.allocate(capacity: n)
            defer { queue.deallocate(); inQueue.deallocate(); current.deallocate() }
            var queued = 0
            for v in 0..<n {
                inQueue[v] = excess[v] > 0
                if excess[v] > 0 { queue[queued] = Int32(v); queued += 1 }
                current[v] = first[v]
            }
            /// Lowers `u`'s potential so that a residual arc turns admissible (keeping ε-optimality); false when
            /// `u` has no residual arc at all (then nothing changes).
            @discardableResult
            func relabel(_ u: Int) -> Bool {
                // As Goldberg's CS2 and OR-Tools do: stop at the first arc that a drop of ε makes admissible;
                // else drop to the best arc's level − ε and, when no earlier arc can be admissible then, resume
                // the scan at that arc.
                let guaranteed = potential[u] - epsilon
                var best = Int64.min, previous = Int64.min
                var bestArc = Int(first[u])
                for b in Int(first[u])..<Int(first[u + 1]) where residual[b] > 0 {
                    let level = potential[Int(head[b])] - cost[b]
                    if level > best {
                        if level > guaranteed {
                            potential[u] = guaranteed
                            current[u] = Int32(b)
                            return true
                        }
                        previous = best
                        best = level
                        bestArc = b
                    }
                }
                guard best != Int64.min else { return false }
                potential[u] = best - epsilon
                current[u] = previous <= best - epsilon ? Int32(bestArc) : first[u]
                return true
            }
            /// Whether `u` has an admissible arc (from its current arc on; advances it past dead arcs).
            func hasAdmissible(_ u: Int) -> Bool {
                let pu = potential[u]
                var b = Int(current[u])
                let end = Int(first[u + 1])
                while b < end {
                    if residual[b] > 0 && cost[b] + pu - potential[Int(head[b])] < 0 { current[u] = Int32(b); return true }
                    b += 1
                }
                current[u] = Int32(end)
                return false
            }
            // Active nodes are discharged last-in, first-out.
            while queued > 0 {
                queued -= 1
                let v = Int(queue[queued])
                inQueue[v] = false
                let end = Int(first[v + 1])
                while excess[v] > 0 {
                    var a = Int(current[v])
                    while a < end {
                        if residual[a] > 0 {
                            let w = Int(head[a])
                            // Look-ahead: a node that could pass nothing on is relabeled before it is pushed to.
                            if excess[w] >= 0 && cost[a] + potential[v] - potential[w] < 0 && !hasAdmissible(w) {
                                relabel(w)
                            }
                            if cost[a] + potential[v] - potential[w] < 0 {
                                let delta = min(excess[v], residual[a])
                                residual[a] -= delta
                                residual[Int(reverse[a])] += delta
                                excess[v] -= delta
                                excess[w] += delta
                                if excess[w] > 0 && !inQueue[w] {
                                    queue[queued] = Int32(w)
                                    queued += 1
                                    inQueue[w] = true
                                }
                                if excess[v] == 0 { break }
                            }
                        }
                        a += 1
                    }
                    current[v] = Int32(a)
                    if excess[v] > 0 { precondition(relabel(v), "a node with excess has no residual arc") }
                }
            }
        }}}}}}}
    }
}
