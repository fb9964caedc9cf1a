@testable import StarMatchCore
import Testing

/// The relaxation a problem with groups solves, by brute force: every edge carries 0 up to its capacity units; a creator
/// at most its capacity; a campaign at most its slots from its own edges; a group's edges at most the slots its
/// campaigns have left.
func bruteForceGroups(_ p: BMatchingProblem) -> Int64 {
    var best: Int64 = 0
    var used = [Int](repeating: 0, count: p.capacities.count)
    var direct = [Int](repeating: 0, count: p.slots.count), grouped = [Int](repeating: 0, count: p.groups.count)
    func fits() -> Bool {
        for (g, group) in p.groups.enumerated() where grouped[g] > group.reduce(0, { $0 + p.slots[Int($1)] - direct[Int($1)] }) { return false }
        return true
    }
    func go(_ e: Int, _ total: Int64) {
        if e == p.edges.count {
            if fits() { best = max(best, total) }
            return
        }
        go(e + 1, total)
        let edge = p.edges[e], i = Int(edge.creator), t = Int(edge.campaign)
        var units = 0
        while units < Int(edge.capacity) && used[i] < p.capacities[i] && (t >= p.slots.count || direct[t] < p.slots[t]) {
            units += 1
            used[i] += 1
            if t < p.slots.count { direct[t] += 1 } else { grouped[t - p.slots.count] += 1 }
            go(e + 1, total + Int64(units) * edge.weight)
        }
        used[i] -= units
        if t < p.slots.count { direct[t] -= units } else { grouped[t - p.slots.count] -= units }
    }
    go(0, 0)
    return best
}

@Suite("M-WEEKLY: campaign groups (edges of several units, group nodes, placing a group's units on distinct campaigns)")
struct CampaignGroupTests {
    @Test("an edge of capacity c solves like c parallel edges of one unit, and its solution certifies (units counted in the primal, capacity × surplus in the dual)")
    func edgeCapacities() {
        var rng = SplitMix64(seed: 1_129)
        for round in 0..<300 {
            let creators = 1 + Int(rng.next() % 4), campaigns = 1 + Int(rng.next() % 3)
            var edges: [BMatchingProblem.Edge] = [], parallel: [BMatchingProblem.Edge] = []
            for i in 0..<creators {
                for k in 0..<campaigns where rng.next() % 3 != 0 && parallel.count < 12 {
                    let weight = round % 2 == 0 ? Int64(1 + rng.next() % 3) * 3000 : Int64(1 + rng.next() % 10_000)
                    let capacity = Int32(1 + rng.next() % 3)
                    edges.append(.init(creator: Int32(i), campaign: Int32(k), weight: weight, capacity: capacity))
                    for _ in 0..<capacity { parallel.append(.init(creator: Int32(i), campaign: Int32(k), weight: weight)) }
                }
            }
            let capacities = (0..<creators).map { _ in Int(rng.next() % 4) }, slots = (0..<campaigns).map { _ in Int(rng.next() % 5) }
            let problem = BMatchingProblem(capacities: capacities, slots: slots, edges: edges)
            let solution = BMatchingSolver.solve(problem)
            #expect(solution.objective == bruteForce(BMatchingProblem(capacities: capacities, slots: slots, edges: parallel)), "round \(round): \(problem)")
            #expect(problem.certifies(solution), "round \(round): \(solution)")
            // A warm start from a smaller problem's optimum (the last edges appended afterwards) reaches the same.
            let before = BMatchingProblem(capacities: capacities, slots: slots, edges: Array(edges.prefix(edges.count / 2)))
            let warm = BMatchingSolver.solve(problem, warm: BMatchingSolver.Warm(BMatchingSolver.solve(before)))
            #expect(warm.objective == solution.objective && problem.certifies(warm), "round \(round)")
        }
    }

    @Test("a group node: the optimum of the relaxation (a group's units within the slots its campaigns have left) against brute force, cold and warm; a group's price is at most each of its campaigns'")
    func groupNodes() {
        var rng = SplitMix64(seed: 3_011)
        for round in 0..<300 {
            let creators = 1 + Int(rng.next() % 4), campaigns = 2 + Int(rng.next() % 3)
            let size = 2 + Int(rng.next() % UInt64(campaigns - 1))
            let group = (0..<size).map(Int32.init)
            var edges: [BMatchingProblem.Edge] = []
            for i in 0..<creators where edges.count < 8 {
                let weight = round % 2 == 0 ? Int64(1 + rng.next() % 3) * 3000 : Int64(1 + rng.next() % 10_000)
                if rng.next() % 3 != 0 {
                    edges.append(.init(creator: Int32(i), campaign: Int32(campaigns), weight: weight, capacity: Int32(1 + rng.next() % UInt64(size))))
                }
                for k in 0..<campaigns where rng.next() % 3 == 0 && edges.count < 8 {
                    edges.append(.init(creator: Int32(i), campaign: Int32(k), weight: Int64(1 + rng.next() % 10_000)))
                }
            }
            let problem = BMatchingProblem(capacities: (0..<creators).map { _ in Int(rng.next() % 4) },
                                           slots: (0..<campaigns).map { _ in Int(rng.next() % 4) }, edges: edges, groups: [group])
            let solution = BMatchingSolver.solve(problem)
            #expect(solution.objective == bruteForceGroups(problem), "round \(round): \(problem)")
            #expect(solution.groupPrices.count == 1)
            for k in group where problem.slots[Int(k)] > 0 {
                #expect(solution.groupPrices[0] <= solution.campaignPrices[Int(k)], "round \(round): \(solution)")
            }
            let before = BMatchingProblem(capacities: problem.capacities, slots: problem.slots, edges: Array(edges.prefix(edges.count / 2)), groups: [group])
            let warm = BMatchingSolver.solve(problem, warm: BMatchingSolver.Warm(BMatchingSolver.solve(before)))
            #expect(warm.objective == solution.objective, "round \(round)")
        }
    }

    @Test("a group's units go to distinct campaigns with room whenever that is possible at all (Gale–Ryser: the units past t per creator fit the m − t smallest rooms), and never otherwise")
    func placingUnits() {
        var rng = SplitMix64(seed: 77)
        var placedSome = 0, refused = 0
        for round in 0..<2_000 {
            let m = 1 + Int(rng.next() % 4)
            let room = (0..<m).map { _ in Int(rng.next() % 4) }
            let units = (0..<Int(rng.next() % 6)).map { _ in 1 + Int(rng.next() % UInt64(m)) }
            let holders = units.enumerated().map { (e: $0.offset, units: $0.element) }
            let sorted = room.sorted()
            let possible = (0..<m).allSatisfy { t in
                units.reduce(0) { $0 + max(0, $1 - t) } <= sorted.prefix(m - t).reduce(0, +)
            }
            let placed = WeeklyBatch.Pricing.placeUnits(holders, room: room)
            #expect((placed != nil) == possible, "round \(round): units \(units), room \(room)")
            guard let placed else { refused += 1; continue }
            placedSome += 1
            var taken = [Int](repeating: 0, count: m)
            for (h, positions) in placed.enumerated() {
                #expect(positions.count == units[h] && Set(positions).count == positions.count, "round \(round): \(placed)")
                for p in positions { taken[p] += 1 }
            }
            #expect(zip(taken, room).allSatisfy { $0 <= $1 }, "round \(round): \(placed) in \(room)")
        }
        #expect(placedSome > 500 && refused > 100)
    }
}
