import Foundation
import StarMatchCore
import Testing

// The fast orders a server keeps (issue 13) against the slow ones they replace: `BoundGroups` visits creators in
// exactly the order of sorting every bound, with changed and added creators; `OrderedKeys` walks exactly the
// sorted multiset of its keys after random inserts and removals.

@Suite("Bound groups and keys in order (issue 13): equal to sorting everything")
struct BoundOrderTests {
    /// Sorting every creator by (bound falling, index rising): the order `descending` must give.
    private func sortedOrder(_ bounds: [Double]) -> [Int] {
        bounds.indices.sorted { a, b in bounds[a] != bounds[b] ? bounds[a] > bounds[b] : a < b }
    }

    @Test("descending visits every creator in falling bound order, ties by index, through changes and additions, and stops when told")
    func groupsEqualSorting() {
        var rng = SplitMix64(seed: 1313)
        for round in 0..<300 {
            let n = Int.random(in: 0...3_000, using: &rng)
            // Few distinct values (ties across group edges), a wide spread, or −∞ and zeros.
            let palette = (0..<Int.random(in: 1...8, using: &rng)).map { _ in Double.random(in: -5...5, using: &rng) } + [0, -.infinity]
            let tied = Double.random(in: 0...1, using: &rng)
            func draw(_ rng: inout SplitMix64) -> Double {
                Double.random(in: 0...1, using: &rng) < tied ? palette.randomElement(using: &rng)! : Double.random(in: -3...3, using: &rng)
            }
            let grouped = (0..<n).map { _ in draw(&rng) }
            var groups = BoundGroups(bounds: grouped, groupSize: Int.random(in: 1...64, using: &rng))
            // A query's bound: at most the grouped value for creators not marked changed.
            var bounds = grouped.map { $0 - (Double.random(in: 0...1, using: &rng) < 0.5 ? 0 : Double.random(in: 0...2, using: &rng)) }
            // Changes: a few creators move anywhere (up too); a few are added.
            for _ in 0..<Int.random(in: 0...40, using: &rng) where n > 0 {
                let i = Int.random(in: 0..<n, using: &rng)
                bounds[i] = draw(&rng) + Double.random(in: -1...2, using: &rng)
                groups.markChanged(i)
            }
            let added = Int.random(in: 0...20, using: &rng)
            for k in 0..<added {
                bounds.append(draw(&rng))
                if Bool.random(using: &rng) { groups.markChanged(n + k) }
            }
            let expected = sortedOrder(bounds)
            var visited: [Int] = []
            let stop = Int.random(in: 0...(expected.count + 1), using: &rng)
            groups.descending(count: bounds.count, bound: { bounds[$0] }, precedes: { $0 < $1 }) { i, bound in
                #expect(bound == bounds[i])
                visited.append(i)
                return visited.count < stop
            }
            // `visit` says stop once `stop` creators are visited (at least one is).
            #expect(visited == Array(expected.prefix(max(stop, 1))), "round \(round): n \(n), changed \(groups.changed.count), added \(added)")
        }
    }

    @Test("a NaN bound is never pruned: it comes first, like +∞")
    func nanComesFirst() {
        let groups = BoundGroups(bounds: [1, .nan, 3, 2], groupSize: 1)
        var visited: [Int] = []
        groups.descending(count: 4, bound: { [1, .nan, 3, 2][$0] }, precedes: { $0 < $1 }) { i, _ in visited.append(i); return true }
        #expect(visited == [1, 2, 3, 0])
    }

    @Test("regrouping is asked for once the changed creators pass 1/32 of the grouped and 4,096")
    func regroupingThreshold() {
        var groups = BoundGroups(bounds: [Double](repeating: 1, count: 200_000))
        for i in 0..<6_250 { groups.markChanged(i) }
        #expect(!groups.needsRegrouping)
        groups.markChanged(6_250)
        #expect(groups.needsRegrouping)
        groups.markChanged(6_250)  // twice: counted once
        #expect(groups.changed.count == 6_251)
    }

    @Test("keys in order walk exactly the sorted multiset after random inserts and removals, both ways")
    func orderedKeysEqualSorting() {
        var rng = SplitMix64(seed: 4242)
        for round in 0..<60 {
            let palette = (0..<6).map { _ in Double.random(in: -50...50, using: &rng) }
            var held: [OrderedKeys.Entry] = (0..<Int.random(in: 0...5_000, using: &rng)).map { i in
                OrderedKeys.Entry(key: Bool.random(using: &rng) ? palette.randomElement(using: &rng)! : Double.random(in: -60...60, using: &rng),
                                  index: Int32(i))
            }
            var keys = OrderedKeys(held)
            var nextIndex = Int32(held.count)
            for _ in 0..<Int.random(in: 0...6_000, using: &rng) {
                if Bool.random(using: &rng), !held.isEmpty {
                    let k = Int.random(in: 0..<held.count, using: &rng)
                    let removed = keys.remove(held[k])
                    #expect(removed)
                    held.swapAt(k, held.count - 1)
                    held.removeLast()
                } else {
                    let entry = OrderedKeys.Entry(key: palette.randomElement(using: &rng)! + (Bool.random(using: &rng) ? 0 : Double.random(in: -1...1, using: &rng)),
                                                  index: nextIndex)
                    nextIndex += 1
                    keys.insert(entry)
                    held.append(entry)
                }
            }
            let removedAbsent = keys.remove(OrderedKeys.Entry(key: 1e300, index: -1))
            #expect(!removedAbsent, "an entry not held is not removed")
            let sorted = held.sorted { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
            var rising: [OrderedKeys.Entry] = [], falling: [OrderedKeys.Entry] = []
            keys.walk(descending: false) { rising.append($0); return true }
            keys.walk(descending: true) { falling.append($0); return true }
            #expect(keys.count == held.count, "round \(round)")
            #expect(rising == sorted, "round \(round)")
            #expect(falling == sorted.reversed(), "round \(round)")
            var firstThree: [OrderedKeys.Entry] = []
            keys.walk(descending: true) { firstThree.append($0); return firstThree.count < 3 }
            #expect(firstThree == Array(sorted.reversed().prefix(3)), "round \(round): the walk stops when told")
        }
    }
}
