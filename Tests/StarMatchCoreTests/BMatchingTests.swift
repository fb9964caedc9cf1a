@testable import StarMatchCore
import Testing

/// Exhaustive maximum over all subsets of edges that respect capacities and slots.
func bruteForce(_ p: BMatchingProblem) -> Int64 {
    var best: Int64 = 0
    let n = p.edges.count
    var used = [Int](repeating: 0, count: p.capacities.count)
    var filled = [Int](repeating: 0, count: p.slots.count)
    func go(_ e: Int, _ total: Int64) {
        if e == n { best = max(best, total); return }
        go(e + 1, total)
        let edge = p.edges[e]
        let i = Int(edge.creator), k = Int(edge.campaign)
        if used[i] < p.capacities[i] && filled[k] < p.slots[k] {
            used[i] += 1; filled[k] += 1
            go(e + 1, total + edge.weight)
            used[i] -= 1; filled[k] -= 1
        }
    }
    go(0, 0)
    return best
}

func isFeasible(_ p: BMatchingProblem, _ s: BMatchingSolution) -> Bool {
    var used = [Int](repeating: 0, count: p.capacities.count)
    var filled = [Int](repeating: 0, count: p.slots.count)
    var pairs = Set<[Int32]>()
    for e in s.chosen {
        let edge = p.edges[e]
        used[Int(edge.creator)] += 1
        filled[Int(edge.campaign)] += 1
        guard pairs.insert([edge.creator, edge.campaign]).inserted else { return false }
    }
    return zip(used, p.capacities).allSatisfy { $0 <= $1 } && zip(filled, p.slots).allSatisfy { $0 <= $1 }
        && s.objective == s.chosen.reduce(0) { $0 + p.edges[$1].weight }
}

@Suite("M-WEEKLY: maximum-weight b-matching")
struct BMatchingTests {
    @Test("the batch's fingerprint: a number hashed as its decimal digits equals the hash of String(number)", arguments: [
        Int64(0), 1, 9, 10, 99, 100, 4_096, 10_000, 123_456_789, -1, -10, -9_999, Int64.max, Int64.min,
    ])
    func fingerprintDecimal(value: Int64) {
        var digits = FNV1a(), text = FNV1a()
        digits.add("x|")
        digits.add(decimal: value)
        text.add("x|\(value)")
        #expect(digits.hex == text.hex)
    }

    @Test("M-WEEKLY: optimal against brute force on hundreds of random instances with ties and contention")
    func randomAgainstBruteForce() {
        var rng = SplitMix64(seed: 2026)
        for round in 0..<400 {
            let creators = 1 + Int(rng.next() % 5)
            let campaigns = 1 + Int(rng.next() % 4)
            let capacities = (0..<creators).map { _ in Int(rng.next() % 3) }
            let slots = (0..<campaigns).map { _ in Int(rng.next() % 3) }
            var edges: [BMatchingProblem.Edge] = []
            for i in 0..<creators {
                for k in 0..<campaigns where rng.next() % 3 != 0 && edges.count < 14 {
                    // Few distinct weights: plenty of ties.
                    let weight = round % 2 == 0 ? Int64(1 + rng.next() % 4) * 2500 : Int64(1 + rng.next() % 10_000)
                    edges.append(.init(creator: Int32(i), campaign: Int32(k), weight: weight))
                }
            }
            let problem = BMatchingProblem(capacities: capacities, slots: slots, edges: edges)
            let solution = BMatchingSolver.solve(problem)
            #expect(isFeasible(problem, solution), "round \(round): infeasible \(solution)")
            #expect(solution.objective == bruteForce(problem), "round \(round): \(problem)")
        }
    }

    @Test("M-WEEKLY: beats greedy where top creators are contended")
    func greedyLoses() {
        // Creator 0 is best everywhere but can take one campaign; greedy gives it campaign 0 (0.9) and leaves
        // campaign 1 to creator 1 (0.1): 1.0. The optimum sends creator 0 to campaign 1 (0.85) and creator 1 to
        // campaign 0 (0.8): 1.65.
        let problem = BMatchingProblem(capacities: [1, 1], slots: [1, 1], edges: [
            .init(creator: 0, campaign: 0, weight: 9000), .init(creator: 0, campaign: 1, weight: 8500),
            .init(creator: 1, campaign: 0, weight: 8000), .init(creator: 1, campaign: 1, weight: 1000),
        ])
        let solution = BMatchingSolver.solve(problem)
        #expect(solution.objective == 16_500)
        #expect(solution.chosen == [1, 2])
    }

    @Test("M-WEEKLY: capacities, slots and zero capacities are respected; same input, same answer")
    func limitsAndDeterminism() {
        var edges: [BMatchingProblem.Edge] = []
        for i in 0..<6 { for k in 0..<3 { edges.append(.init(creator: Int32(i), campaign: Int32(k), weight: 5000)) } }
        let problem = BMatchingProblem(capacities: [2, 2, 0, 1, 1, 3], slots: [2, 3, 1], edges: edges)
        let first = BMatchingSolver.solve(problem)
        #expect(first.objective == 6 * 5000)
        #expect(isFeasible(problem, first))
        #expect(!first.chosen.contains { edges[$0].creator == 2 })
        #expect(BMatchingSolver.solve(problem) == first)
    }

    @Test("M-WEEKLY: a larger random instance agrees with an independent greedy-plus-exchange bound")
    func largerInstance() {
        var rng = SplitMix64(seed: 7)
        var edges: [BMatchingProblem.Edge] = []
        for k in 0..<40 {
            for _ in 0..<30 { edges.append(.init(creator: Int32(rng.next() % 300), campaign: Int32(k), weight: Int64(1 + rng.next() % 10_000))) }
        }
        var seen = Set<[Int32]>()
        edges = edges.filter { seen.insert([$0.creator, $0.campaign]).inserted }
        let problem = BMatchingProblem(capacities: (0..<300).map { _ in 1 + Int(rng.next() % 3) }, slots: (0..<40).map { _ in 1 + Int(rng.next() % 10) }, edges: edges)
        let solution = BMatchingSolver.solve(problem)
        #expect(isFeasible(problem, solution))
        // The optimum is at least what greedy finds.
        var used = [Int](repeating: 0, count: 300), filled = [Int](repeating: 0, count: 40)
        var greedy: Int64 = 0
        for e in edges.sorted(by: { $0.weight > $1.weight }) where used[Int(e.creator)] < problem.capacities[Int(e.creator)] && filled[Int(e.campaign)] < problem.slots[Int(e.campaign)] {
            used[Int(e.creator)] += 1; filled[Int(e.campaign)] += 1; greedy += e.weight
        }
        #expect(solution.objective >= greedy)
    }
}

@Suite("M-WEEKLY: dual prices, the optimality certificate and column generation")
struct BMatchingCertificateTests {
    static func randomProblem(_ rng: inout SplitMix64, creators: Int, campaigns: Int, density: UInt64) -> BMatchingProblem {
        let capacities = (0..<creators).map { _ in Int(rng.next() % 4) }
        let slots = (0..<campaigns).map { _ in Int(rng.next() % 5) }
        var edges: [BMatchingProblem.Edge] = []
        for i in 0..<creators {
            for k in 0..<campaigns where rng.next() % density == 0 {
                edges.append(.init(creator: Int32(i), campaign: Int32(k), weight: rng.next() % 2 == 0 ? Int64(1 + rng.next() % 5) * 2000 : Int64(1 + rng.next() % 10_000)))
            }
        }
        return BMatchingProblem(capacities: capacities, slots: slots, edges: edges)
    }

    @Test("every solution's dual prices certify it (LP duality: dual objective = objective, no edge with surplus unchosen)")
    func pricesCertify() {
        var rng = SplitMix64(seed: 4_242)
        for round in 0..<300 {
            let problem = Self.randomProblem(&rng, creators: 1 + Int(rng.next() % 30), campaigns: 1 + Int(rng.next() % 8), density: 1 + rng.next() % 3)
            let solution = BMatchingSolver.solve(problem)
            #expect(problem.certifies(solution), "round \(round): prices do not certify \(problem)")
        }
    }

    @Test("the certificate check rejects a suboptimal solution, wrong prices and an infeasible one")
    func checkRejects() {
        // Two creators of capacity 1, one campaign of 1 slot: the optimum takes the heavier pair.
        let problem = BMatchingProblem(capacities: [1, 1], slots: [1], edges: [.init(creator: 0, campaign: 0, weight: 9_000), .init(creator: 1, campaign: 0, weight: 4_000)])
        let best = BMatchingSolver.solve(problem)
        #expect(best.chosen == [0] && problem.certifies(best))
        var worse = best
        worse.chosen = [1]
        worse.objective = 4_000
        #expect(!problem.certifies(worse))
        var cheap = best
        cheap.campaignPrices = [0]
        cheap.creatorPrices = [0, 0]
        #expect(!problem.certifies(cheap))
        var both = best
        both.chosen = [0, 1]
        both.objective = 13_000
        #expect(!problem.certifies(both))
    }

    @Test("a warm start that is not an optimum (prices off, chosen pairs over capacity or out of range) still reaches the cold optimum")
    func anyWarmStartReachesTheOptimum() {
        var rng = SplitMix64(seed: 91)
        for round in 0..<200 {
            let problem = Self.randomProblem(&rng, creators: 1 + Int(rng.next() % 30), campaigns: 1 + Int(rng.next() % 8), density: 1 + rng.next() % 3)
            let cold = BMatchingSolver.solve(problem)
            let chosen = (0..<Int(rng.next() % 12)).map { _ in Int(rng.next() % UInt64(problem.edges.count + 3)) - 1 }
            let warm = BMatchingSolver.Warm(
                creatorPrices: problem.capacities.map { _ in Int64(rng.next() % 12_000) - 1_000 },
                campaignPrices: (0..<Int(rng.next() % UInt64(problem.slots.count + 1))).map { _ in Int64(rng.next() % 12_000) },
                chosen: chosen)
            let solution = BMatchingSolver.solve(problem, warm: warm)
            #expect(solution.objective == cold.objective, "round \(round)")
            #expect(problem.certifies(solution), "round \(round)")
        }
    }

    @Test("the primal-dual repair alone (no cost scaling) turns a warm start with many violating edges and ties into an optimal circulation")
    func primalDualRepairFinishesAlone() {
        var rng = SplitMix64(seed: 4_711)
        var repairs = 0, searches = 0
        for round in 0..<150 {
            let full = Self.randomProblem(&rng, creators: 5 + Int(rng.next() % 60), campaigns: 1 + Int(rng.next() % 12), density: 1)
            guard full.edges.count > 4 else { continue }
            // A small first cut, so that most edges arrive at once and violate the first optimum's prices.
            let cut = 1 + Int(rng.next() % UInt64(full.edges.count / 4))
            let before = BMatchingProblem(capacities: full.capacities, slots: full.slots, edges: Array(full.edges.prefix(cut)))
            var graph = CirculationGraph(full)
            graph.startFrom(BMatchingSolver.Warm(BMatchingSolver.solve(before)), full)
            let repaired = graph.repairByShortestPaths(limit: .max, budget: .max)
            #expect(repaired, "round \(round): the repair gave up")
            // A search runs only when no node short of flow is reachable along admissible arcs, so each moves
            // potentials (the depth-first search before the layered blocking flows missed paths through cycles of
            // reduced cost 0, and then searched in vain).
            #expect(graph.idleRepairSearches == 0, "round \(round): \(graph.idleRepairSearches) of \(graph.repairSearches) searches moved nothing")
            searches += graph.repairSearches
            var objective: Int64 = 0
            for (e, arc) in graph.pairArcs.enumerated() where arc >= 0 && graph.flow(arc) > 0 { objective += full.edges[e].weight }
            #expect(objective == BMatchingSolver.solve(full).objective, "round \(round)")
            // Optimal: no residual arc has negative reduced cost at the potentials it left.
            for v in 0..<graph.nodeCount {
                for a in Int(graph.first[v])..<Int(graph.first[v + 1]) where graph.residual[a] > 0 {
                    #expect(graph.cost[a] + graph.potential[v] - graph.potential[Int(graph.head[a])] >= 0, "round \(round): arc \(a)")
                }
            }
            repairs += 1
        }
        #expect(repairs > 100)
        #expect(searches > repairs)
    }

    @Test("the repair's radix heap gives labels back by distance, a node short of flow first at equal distance, like a sort")
    func radixHeapOrder() {
        var rng = SplitMix64(seed: 99)
        for round in 0..<200 {
            var heap = CirculationGraph.RadixHeap()
            var reference: [CirculationGraph.Label] = []
            var out: [CirculationGraph.Label] = []
            var last: Int64 = 0
            let spread = [Int64(3), 1_000, 1 << 40][round % 3]
            // Dijkstra's pattern: pushes at or above the last distance out, pops in between.
            for step in 0..<Int(20 + rng.next() % 300) {
                if step % 3 != 2 || reference.isEmpty {
                    let label = CirculationGraph.Label(distance: last + Int64(rng.next() % UInt64(spread)), node: Int32(step), short: rng.next() % 4 == 0)
                    heap.push(label)
                    reference.append(label)
                } else {
                    let label = heap.pop()!
                    out.append(label)
                    last = label.distance
                    let best = reference.indices.min { (reference[$0].distance, reference[$0].short ? 0 : 1) < (reference[$1].distance, reference[$1].short ? 0 : 1) }!
                    #expect(label.distance == reference[best].distance && label.short == reference[best].short, "round \(round), step \(step)")
                    reference.removeAll { $0.node == label.node }
                }
            }
            while let label = heap.pop() {
                #expect(label.distance >= last, "round \(round)")
                last = label.distance
                reference.removeAll { $0.node == label.node }
            }
            #expect(reference.isEmpty, "round \(round): labels lost")
        }
    }

    @Test("an approximate solve (stopped at ε = 1 weight unit) is a feasible b-matching within n·ε of the optimum, and an exact re-solve warm from it reaches the optimum")
    func approximateSolveThenExact() {
        var rng = SplitMix64(seed: 5_150)
        var approximate = 0
        for round in 0..<200 {
            let full = Self.randomProblem(&rng, creators: 2 + Int(rng.next() % 40), campaigns: 1 + Int(rng.next() % 10), density: 1 + rng.next() % 2)
            guard !full.edges.isEmpty else { continue }
            let cut = 1 + Int(rng.next() % UInt64(full.edges.count))
            let before = BMatchingProblem(capacities: full.capacities, slots: full.slots, edges: Array(full.edges.prefix(cut)))
            // Cold, and warm after appended edges, as the batch's first rounds are.
            let starts: [BMatchingSolver.Warm?] = [nil, BMatchingSolver.Warm(BMatchingSolver.solve(before, approximateTo: 1))]
            let cold = BMatchingSolver.solve(full)
            for start in starts {
                let rough = BMatchingSolver.solve(full, warm: start, approximateTo: 1)
                if rough.isApproximate { approximate += 1 }
                // Feasible: each pair at most once, creators within capacity, campaigns within slots, the objective its sum.
                #expect(isFeasible(full, rough) && rough.objective <= cold.objective, "round \(round)")
                // An ε-optimal circulation costs at most n·ε more than an optimal one (Goldberg & Tarjan 1990).
                let nodes = Int64(2 + full.capacities.count + full.slots.count)
                #expect(rough.objective >= cold.objective - nodes, "round \(round): \(rough.objective) against \(cold.objective)")
                #expect(rough.isApproximate || full.certifies(rough), "round \(round): an exact answer must certify")
                let exact = BMatchingSolver.solve(full, warm: BMatchingSolver.Warm(rough))
                #expect(!exact.isApproximate && exact.objective == cold.objective && full.certifies(exact), "round \(round)")
            }
        }
        // Most random problems stop short of the optimum (else this test would not test the approximate path).
        #expect(approximate > 200)
    }

    @Test("a warm re-solve after appended edges equals the cold optimum whether shortest paths repair it all, give up half way (cost scaling finishes) or leave it to cost scaling")
    func warmRepairPathsAgree() {
        var rng = SplitMix64(seed: 2_026)
        for round in 0..<200 {
            let full = Self.randomProblem(&rng, creators: 2 + Int(rng.next() % 40), campaigns: 1 + Int(rng.next() % 10), density: 1 + rng.next() % 2)
            guard full.edges.count > 2 else { continue }
            // The first rounds' edges, then the rest appended (the batch's rounds only append).
            let cut = 1 + Int(rng.next() % UInt64(full.edges.count - 1))
            let before = BMatchingProblem(capacities: full.capacities, slots: full.slots, edges: Array(full.edges.prefix(cut)))
            let start = BMatchingSolver.Warm(BMatchingSolver.solve(before))
            let cold = BMatchingSolver.solve(full)
            for (limit, budget) in [(1_000_000, 1_000_000), (1_000_000, 0), (0, 8)] {
                let warm = BMatchingSolver.solve(full, warm: start, repairLimit: limit, repairBudget: budget)
                #expect(warm.objective == cold.objective, "round \(round), limit \(limit), budget \(budget)")
                #expect(full.certifies(warm), "round \(round), limit \(limit), budget \(budget)")
            }
        }
    }

    @Test("column generation from a top-1 cut, pricing every pair outside by its reduced cost and re-solving warm, reaches the full optimum")
    func columnGenerationReachesTheOptimum() {
        var rng = SplitMix64(seed: 77)
        for round in 0..<150 {
            let full = Self.randomProblem(&rng, creators: 2 + Int(rng.next() % 40), campaigns: 1 + Int(rng.next() % 10), density: 1 + rng.next() % 2)
            // The cut: each campaign's heaviest pair only (the contended top creators of a real week).
            var inCut = Set<Int>()
            for k in 0..<full.slots.count {
                if let e = full.edges.indices.filter({ full.edges[$0].campaign == Int32(k) }).max(by: { full.edges[$0].weight < full.edges[$1].weight }) { inCut.insert(e) }
            }
            var rounds = 0
            var last: (solution: BMatchingSolution, edges: [Int])?
            while true {
                rounds += 1
                let ids = inCut.sorted()
                let restricted = BMatchingProblem(capacities: full.capacities, slots: full.slots, edges: ids.map { full.edges[$0] })
                // Warm from the previous round's flow and prices, as the batch does: the same optimum as a cold solve.
                let warm = last.map { last in
                    let position = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
                    return BMatchingSolver.Warm(creatorPrices: last.solution.creatorPrices, campaignPrices: last.solution.campaignPrices,
                                                chosen: last.solution.chosen.map { position[last.edges[$0]]! })
                }
                let solution = BMatchingSolver.solve(restricted, warm: warm)
                last = (solution, ids)
                #expect(restricted.certifies(solution))
                #expect(solution.objective == BMatchingSolver.solve(restricted).objective, "round \(round): the warm solve differs from the cold one")
                let entering = full.edges.indices.filter { e in
                    let edge = full.edges[e]
                    return !inCut.contains(e) && full.capacities[Int(edge.creator)] > 0 && full.slots[Int(edge.campaign)] > 0
                        && edge.weight > solution.creatorPrices[Int(edge.creator)] + solution.campaignPrices[Int(edge.campaign)]
                }
                if entering.isEmpty {
                    #expect(solution.objective == BMatchingSolver.solve(full).objective, "round \(round): stopped below the optimum after \(rounds) rounds")
                    break
                }
                inCut.formUnion(entering)
                #expect(rounds < 50)
                if rounds >= 50 { break }
            }
        }
    }
}
