/// Maximum-weight bipartite b-matching: every creator takes at most its capacity of campaigns, every campaign
/// at most its slots of creators, each pair at most once, maximising the total weight (M-WEEKLY).
///
/// Solved exactly as a minimum-cost circulation (source → creator → campaign → sink → source, pair arcs
/// costing −weight) by **cost-scaling push-relabel**: A. V. Goldberg and R. E. Tarjan, "Finding minimum-cost
/// circulations by successive approximation", Math. of OR 15 (1990); A. V. Goldberg, "An efficient
/// implementation of a scaling minimum-cost flow algorithm", J. Algorithms 22 (1997). Costs are integers
/// scaled by the node count, so the final 1-optimal circulation is optimal. FIFO selection of active nodes;
/// deterministic for a given edge order.
public struct BMatchingProblem: Sendable, Equatable {
    public struct Edge: Sendable, Equatable {
        public var creator: Int32
        public var campaign: Int32
        /// A positive integer weight (scores × 10,000).
        public var weight: Int64

        public init(creator: Int32, campaign: Int32, weight: Int64) {
            self.creator = creator
            self.campaign = campaign
            self.weight = weight
        }
    }

    public var capacities: [Int]
    public var slots: [Int]
    public var edges: [Edge]

    public init(capacities: [Int], slots: [Int], edges: [Edge]) {
        self.capacities = capacities
        self.slots = slots
        self.edges = edges
    }
}

public struct BMatchingSolution: Sendable, Equatable {
    /// Indexes into `BMatchingProblem.edges` of the chosen pairs, ascending.
    public var chosen: [Int]
    /// The sum of the chosen weights.
    public var objective: Int64
}

public enum BMatchingSolver {
    public static func solve(_ problem: BMatchingProblem) -> BMatchingSolution {
        var graph = CirculationGraph(problem)
        graph.minimumCostCirculation()
        var chosen: [Int] = []
        var objective: Int64 = 0
        for (e, arc) in graph.pairArcs.enumerated() where arc >= 0 && graph.flow(arc) > 0 {
            chosen.append(e)
            objective += problem.edges[e].weight
        }
        return BMatchingSolution(chosen: chosen, objective: objective)
    }
}

/// A residual graph in arrays: arc `a` and its reverse `a ^ 1`; arcs grouped by tail in `first`.
struct CirculationGraph {
    var head: [Int32] = []
    var residual: [Int64] = []
    var cost: [Int64] = []
    var first: [Int32] = []  // first arc of node v in `order`
    var order: [Int32] = []  // arcs sorted by tail
    var potential: [Int64] = []
    var excess: [Int64] = []
    /// For each problem edge, its forward arc (or -1 when the edge was dropped).
    var pairArcs: [Int32] = []
    var nodeCount = 0
    var maxCost: Int64 = 0

    init(_ p: BMatchingProblem) {
        let creators = p.capacities.count
        let campaigns = p.slots.count
        nodeCount = 2 + creators + campaigns
        let source = 0, sink = 1
        var tails: [Int32] = []
        let arcEstimate = 2 * (p.edges.count + creators + campaigns + 1)
        tails.reserveCapacity(arcEstimate)
        head.reserveCapacity(arcEstimate)
        residual.reserveCapacity(arcEstimate)
        cost.reserveCapacity(arcEstimate)
        func addArc(_ u: Int, _ v: Int, _ capacity: Int64, _ c: Int64) -> Int32 {
            let a = Int32(head.count)
            tails.append(Int32(u)); head.append(Int32(v)); residual.append(capacity); cost.append(c)
            tails.append(Int32(v)); head.append(Int32(u)); residual.append(0); cost.append(-c)
            return a
        }
        let scale = Int64(nodeCount)
        var totalCapacity: Int64 = 0
        for (i, capacity) in p.capacities.enumerated() where capacity > 0 {
            _ = addArc(source, 2 + i, Int64(capacity), 0)
            totalCapacity += Int64(capacity)
        }
        pairArcs = [Int32](repeating: -1, count: p.edges.count)
        for (e, edge) in p.edges.enumerated() {
            let i = Int(edge.creator), k = Int(edge.campaign)
            guard edge.weight > 0, p.capacities[i] > 0, p.slots[k] > 0 else { continue }
            pairArcs[e] = addArc(2 + i, 2 + creators + k, 1, -edge.weight * scale)
            maxCost = max(maxCost, edge.weight * scale)
        }
        for (k, slots) in p.slots.enumerated() where slots > 0 {
            _ = addArc(2 + creators + k, sink, Int64(slots), 0)
        }
        _ = addArc(sink, source, totalCapacity, 0)
        // Group arcs by tail (counting sort keeps the input order within a node: determinism).
        first = [Int32](repeating: 0, count: nodeCount + 1)
        for t in tails { first[Int(t) + 1] += 1 }
        for v in 0..<nodeCount { first[v + 1] += first[v] }
        var fill = first
        order = [Int32](repeating: 0, count: head.count)
        for (a, t) in tails.enumerated() {
            order[Int(fill[Int(t)])] = Int32(a)
            fill[Int(t)] += 1
        }
        potential = [Int64](repeating: 0, count: nodeCount)
        excess = [Int64](repeating: 0, count: nodeCount)
    }

    /// Flow on arc `a` (the residual capacity of its reverse).
    func flow(_ a: Int32) -> Int64 { residual[Int(a ^ 1)] }

    @inline(__always) func reducedCost(_ a: Int, from v: Int) -> Int64 {
        cost[a] + potential[v] - potential[Int(head[a])]
    }

    mutating func minimumCostCirculation() {
        guard maxCost > 0 else { return }
        var epsilon = maxCost
        while true {
            epsilon = max(1, epsilon / 4)
            refine(epsilon)
            if epsilon == 1 { break }
        }
    }

    /// Turns an ε·α-optimal circulation into an ε-optimal one.
    mutating func refine(_ epsilon: Int64) {
        // Saturate every residual arc of negative reduced cost: a pseudoflow that is 0-optimal.
        for v in 0..<nodeCount {
            for j in Int(first[v])..<Int(first[v + 1]) {
                let a = Int(order[j])
                if residual[a] > 0 && reducedCost(a, from: v) < 0 {
                    let delta = residual[a]
                    residual[a] = 0
                    residual[a ^ 1] += delta
                    excess[v] -= delta
                    excess[Int(head[a])] += delta
                }
            }
        }
        var queue: [Int32] = []
        var inQueue = [Bool](repeating: false, count: nodeCount)
        for v in 0..<nodeCount where excess[v] > 0 {
            queue.append(Int32(v))
            inQueue[v] = true
        }
        var current = Array(first.dropLast())
        var position = 0
        while position < queue.count {
            let v = Int(queue[position])
            position += 1
            inQueue[v] = false
            // Discharge v.
            while excess[v] > 0 {
                var j = Int(current[v])
                let end = Int(first[v + 1])
                while j < end {
                    let a = Int(order[j])
                    if residual[a] > 0 && reducedCost(a, from: v) < 0 {
                        let w = Int(head[a])
                        let delta = min(excess[v], residual[a])
                        residual[a] -= delta
                        residual[a ^ 1] += delta
                        excess[v] -= delta
                        excess[w] += delta
                        if excess[w] > 0 && !inQueue[w] {
                            queue.append(Int32(w))
                            inQueue[w] = true
                        }
                        if excess[v] == 0 { break }
                    }
                    j += 1
                }
                current[v] = Int32(min(j, end))
                if excess[v] > 0 {
                    // Relabel: lower v's potential just enough to make its cheapest residual arc admissible.
                    var best = Int64.min
                    for k in Int(first[v])..<end {
                        let a = Int(order[k])
                        if residual[a] > 0 {
                            best = max(best, potential[Int(head[a])] - cost[a])
                        }
                    }
                    precondition(best != Int64.min, "a node with excess has no residual arc")
                    potential[v] = best - epsilon
                    current[v] = first[v]
                }
            }
            if position > 1 << 20 {  // keep the queue from growing without bound
                queue.removeFirst(position)
                position = 0
            }
        }
    }
}
