import Foundation
import StarMatchCore
import Testing

// The sales reference from keys kept in order (issue 13) against brute force over every exact total: random
// seeded populations with ties, zero totals, percentiles near 0 and 1, and pending creators moving across the rank,
// given exactly or approximately (their settled key plus their pending sales).

/// A population as the store sees it: settled keys (log₂ of an approximation of each exact settled total), and
/// creators whose totals at the instant are known exactly (pending sales).
private struct Population {
    /// Exact settled totals by creator (0: no finite key).
    var settled: [Double] = []
    /// The key of each creator with a positive settled total (log₂ of its approximation).
    var keys: [Int: Double] = [:]
    var known: [Int: KnownSalesTotal] = [:]
    /// The exact totals of the known creators given approximately (`isExact` false: placed by their settled key plus
    /// their pending sales), which the walk computes only next to the rank.
    var exactOfApproximate: [Int: Double] = [:]
    /// Order of creators sharing a key in the walk (ties in any order).
    var tieBreak: [Int] = []

    /// Every exact total at the instant.
    var totals: [Double] {
        settled.indices.map { exactOfApproximate[$0] ?? known[$0]?.total ?? settled[$0] }
    }

    func walk(_ descending: Bool, _ visit: (Double, Int) throws -> Bool) rethrows {
        let order = keys.sorted { a, b in
            a.value != b.value ? (descending ? a.value > b.value : a.value < b.value) : tieBreak[a.key] < tieBreak[b.key]
        }
        for (id, key) in order where try !visit(key, id) { return }
    }
}

@Suite("Sales reference from keys in order (issue 13): equal to the percentile of every exact total")
struct SalesReferenceTests {
    fileprivate static func population(_ rng: inout SplitMix64, relativeError: Double) -> Population {
        var p = Population()
        let n = Int.random(in: 0...400, using: &rng)
        let zeros = Double.random(in: 0...0.8, using: &rng)
        // Few distinct values make ties; a wide spread makes distinct ones; some populations mix both.
        let palette = (0..<Int.random(in: 1...6, using: &rng)).map { _ in exp2(Double.random(in: -10...30, using: &rng)) }
        let tied = Double.random(in: 0...1, using: &rng)
        for _ in 0..<n {
            if Double.random(in: 0..<1, using: &rng) < zeros { p.settled.append(0); continue }
            p.settled.append(Double.random(in: 0..<1, using: &rng) < tied ? palette.randomElement(using: &rng)!
                             : exp2(Double.random(in: -20...40, using: &rng)))
        }
        for (i, total) in p.settled.enumerated() where total > 0 {
            let error = Double.random(in: -relativeError...relativeError, using: &rng)
            p.keys[i] = log2(total * (1 + error))
        }
        p.tieBreak = Array(p.settled.indices).shuffled(using: &rng)
        // Pending creators: a total moved anywhere (to 0, to a tie, past the top or below the bottom, a little).
        let positives = p.settled.filter { $0 > 0 }
        for i in p.settled.indices where Double.random(in: 0..<1, using: &rng) < 0.08 {
            let total: Double
            switch Int.random(in: 0...5, using: &rng) {
            case 0: total = 0
            case 1: total = positives.randomElement(using: &rng) ?? 1
            case 2: total = (positives.max() ?? 1) * Double.random(in: 1...4, using: &rng)
            case 3: total = (positives.min() ?? 1) * Double.random(in: 0.1...1, using: &rng)
            case 4: total = p.settled[i] * (1 + Double.random(in: -1e-9...1e-9, using: &rng))
            default: total = exp2(Double.random(in: -20...40, using: &rng))
            }
            // Half of those with a positive total are given approximately, within the walk's error.
            if total > 0 && Bool.random(using: &rng) {
                let error = Double.random(in: -relativeError...relativeError, using: &rng)
                p.known[i] = KnownSalesTotal(hasSettledKey: p.keys[i] != nil, total: total * (1 + error), isExact: false)
                p.exactOfApproximate[i] = total
            } else {
                p.known[i] = KnownSalesTotal(hasSettledKey: p.keys[i] != nil, total: total)
            }
        }
        return p
    }

    private func reference(_ p: Population, percentile: Double, exactCalls: inout Int, visited: inout Int) throws -> Double {
        var calls = 0, steps = 0
        let value = try Scorer.salesReference(
            positiveKeys: p.keys.count, known: p.known, percentile: percentile,
            walk: { descending, visit in try p.walk(descending) { key, id in steps += 1; return try visit(key, id) } },
            approximate: { exp2($0) },
            exact: { id in
                #expect(p.known[id]?.isExact != true, "a creator known exactly is never computed from its record")
                calls += 1
                return p.exactOfApproximate[id] ?? p.settled[id]
            })
        exactCalls = calls
        visited = steps
        return value
    }

    static let percentiles = [1e-9, 0.001, 0.01, 0.25, 0.5, 0.5000001, 0.9, 0.99, 0.999, 1]

    @Test("random populations (ties, zeros, pending creators), approximations within 10⁻¹² and within 0.9 tolerances")
    func equalsBruteForce() throws {
        var rng = SplitMix64(seed: 13)
        for round in 0..<600 {
            let p = Self.population(&rng, relativeError: round % 3 == 0 ? 0.9e-9 : 1e-12)
            let percentile = round % 4 == 0 ? Double.random(in: 1e-6...1, using: &rng) : Self.percentiles.randomElement(using: &rng)!
            var calls = 0, visited = 0
            let fast = try reference(p, percentile: percentile, exactCalls: &calls, visited: &visited)
            let brute = Scorer.salesReference(totals: p.totals, percentile: percentile)
            #expect(fast == brute, "round \(round): percentile \(percentile), \(p.keys.count) keys, \(p.known.count) known")
        }
    }

    @Test("distinct values: the walk stops just past the rank and computes one or two creators exactly")
    func walksOnlyToTheRank() throws {
        var rng = SplitMix64(seed: 7)
        var p = Population()
        p.settled = (0..<10_000).map { _ in exp2(Double.random(in: 0...30, using: &rng)) }
        for (i, total) in p.settled.enumerated() { p.keys[i] = log2(total) }
        p.tieBreak = Array(p.settled.indices)
        for (percentile, nearEnd) in [(0.99, 100), (0.01, 100), (1.0, 1), (0.5, 5_000)] {
            var calls = 0, visited = 0
            let fast = try reference(p, percentile: percentile, exactCalls: &calls, visited: &visited)
            #expect(fast == Scorer.salesReference(totals: p.totals, percentile: percentile))
            #expect(calls <= 2, "percentile \(percentile)")
            #expect(visited <= nearEnd + 2, "percentile \(percentile): \(visited) keys walked")
        }
    }

    @Test("edge populations: empty, all zero, one creator, all tied, known only, a pending creator crossing the rank")
    func edges() throws {
        var calls = 0, visited = 0
        #expect(try reference(Population(), percentile: 0.99, exactCalls: &calls, visited: &visited) == 0)
        var zeros = Population()
        zeros.settled = [0, 0, 0]
        zeros.tieBreak = [0, 1, 2]
        zeros.known = [1: KnownSalesTotal(hasSettledKey: false, total: 0)]
        #expect(try reference(zeros, percentile: 0.99, exactCalls: &calls, visited: &visited) == 0)

        var one = Population()
        one.settled = [0, 42.5]
        one.keys = [1: log2(42.5)]
        one.tieBreak = [0, 1]
        for percentile in Self.percentiles {
            #expect(try reference(one, percentile: percentile, exactCalls: &calls, visited: &visited) == 42.5)
        }
        var tied = Population()
        tied.settled = Array(repeating: 7, count: 50) + Array(repeating: 0, count: 10)
        for i in 0..<50 { tied.keys[i] = log2(7) + Double(i % 3) * 1e-13 }
        tied.tieBreak = Array(tied.settled.indices).reversed()
        for percentile in Self.percentiles {
            #expect(try reference(tied, percentile: percentile, exactCalls: &calls, visited: &visited) == 7)
        }
        var knownOnly = Population()
        knownOnly.settled = [0, 0, 0, 0]
        knownOnly.tieBreak = [0, 1, 2, 3]
        knownOnly.known = [0: .init(hasSettledKey: false, total: 3), 2: .init(hasSettledKey: false, total: 9), 3: .init(hasSettledKey: false, total: 0)]
        #expect(try reference(knownOnly, percentile: 0.99, exactCalls: &calls, visited: &visited) == 9)
        #expect(try reference(knownOnly, percentile: 0.5, exactCalls: &calls, visited: &visited) == 3)

        // 100 creators 1…100: the 0.99 rank is 99. A pending creator moves from 5 to 1,000 (the rank's value
        // becomes 100), then from 100 to 0 (one positive fewer: the rank is ⌈0.99·99⌉ = 99th of 1…99 = 99).
        var moving = Population()
        moving.settled = (1...100).map(Double.init)
        for i in 0..<100 { moving.keys[i] = log2(Double(i + 1)) }
        moving.tieBreak = Array(0..<100)
        #expect(try reference(moving, percentile: 0.99, exactCalls: &calls, visited: &visited) == 99)
        moving.known = [4: .init(hasSettledKey: true, total: 1_000)]
        #expect(try reference(moving, percentile: 0.99, exactCalls: &calls, visited: &visited) == 100)
        moving.known = [99: .init(hasSettledKey: true, total: 0)]
        #expect(try reference(moving, percentile: 0.99, exactCalls: &calls, visited: &visited) == 99)
        moving.known = [99: .init(hasSettledKey: true, total: 99)]
        #expect(try reference(moving, percentile: 0.99, exactCalls: &calls, visited: &visited) == 99)
        #expect(try reference(moving, percentile: 1, exactCalls: &calls, visited: &visited) == 99)
    }
}

/// The lifted variant (`Scorer.salesReference(positiveKeys:known:lifted:…)`): creators with a finite settled key and
/// pending sales that only add are given by their addition, their keys read only when they could reach the rank.
@Suite("Sales reference with lifted creators (issue 13): equal to the percentile of every exact total, few keys read")
struct LiftedSalesReferenceTests {
    /// `p` with some keyed, not-known creators lifted by an addition (0, small, near the rank's value, or huge).
    private func lift(_ p: inout Population, _ rng: inout SplitMix64, share: Double) -> [Int: Double] {
        var lifted: [Int: Double] = [:]
        let top = p.settled.max() ?? 1
        for (i, _) in p.keys where p.known[i] == nil && Double.random(in: 0..<1, using: &rng) < share {
            let add: Double
            switch Int.random(in: 0...4, using: &rng) {
            case 0: add = 0
            case 1: add = p.settled[i] * Double.random(in: 0...0.01, using: &rng)
            case 2: add = top * Double.random(in: 0...1, using: &rng)
            case 3: add = top * Double.random(in: 1...5, using: &rng)
            default: add = exp2(Double.random(in: -20...40, using: &rng))
            }
            lifted[i] = add
            p.exactOfApproximate[i] = p.settled[i] + add
        }
        return lifted
    }

    private func reference(_ p: Population, lifted: [Int: Double], percentile: Double, keysRead: inout Int) throws -> Double {
        var read = 0
        let value = try Scorer.salesReference(
            positiveKeys: p.keys.count, known: p.known, lifted: lifted, percentile: percentile,
            walk: { descending, visit in try p.walk(descending, visit) },
            approximate: { exp2($0) },
            liftedTotal: { key, id in
                #expect(lifted[id] != nil, "only a lifted creator is given its total from its key")
                return KnownSalesTotal(hasSettledKey: true, total: exp2(key) + lifted[id]!, isExact: false)
            },
            settledKeys: { ids in
                read += ids.count
                return Dictionary(uniqueKeysWithValues: ids.compactMap { id in p.keys[id].map { (id, $0) } })
            },
            exact: { id in
                #expect(p.known[id]?.isExact != true, "a creator known exactly is never computed from its record")
                return p.exactOfApproximate[id] ?? p.settled[id]
            })
        keysRead = read
        return value
    }

    @Test("random populations with lifted creators (additions of 0, small, near the top, past it): equal to brute force")
    func equalsBruteForce() throws {
        var rng = SplitMix64(seed: 29)
        for round in 0..<600 {
            var p = SalesReferenceTests.population(&rng, relativeError: round % 3 == 0 ? 0.9e-9 : 1e-12)
            let lifted = lift(&p, &rng, share: [0.05, 0.3, 0.9][round % 3])
            let percentile = round % 4 == 0 ? Double.random(in: 1e-6...1, using: &rng) : SalesReferenceTests.percentiles.randomElement(using: &rng)!
            var read = 0
            let fast = try reference(p, lifted: lifted, percentile: percentile, keysRead: &read)
            let brute = Scorer.salesReference(totals: p.totals, percentile: percentile)
            #expect(fast == brute, "round \(round): percentile \(percentile), \(p.keys.count) keys, \(p.known.count) known, \(lifted.count) lifted")
        }
    }

    @Test("10,000 distinct totals, 300 lifted by small additions: the rank's value is exact and only the few that could reach it have their key read")
    func readsFewKeys() throws {
        var rng = SplitMix64(seed: 31)
        var p = Population()
        p.settled = (0..<10_000).map { _ in exp2(Double.random(in: 0...30, using: &rng)) }
        for (i, total) in p.settled.enumerated() { p.keys[i] = log2(total) }
        p.tieBreak = Array(p.settled.indices)
        var lifted: [Int: Double] = [:]
        for i in (0..<10_000).shuffled(using: &rng).prefix(300) {
            lifted[i] = p.settled[i] * Double.random(in: 0...0.05, using: &rng)
            p.exactOfApproximate[i] = p.settled[i] + lifted[i]!
        }
        for percentile in [0.99, 0.999, 0.9] {
            var read = 0
            let fast = try reference(p, lifted: lifted, percentile: percentile, keysRead: &read)
            #expect(fast == Scorer.salesReference(totals: p.totals, percentile: percentile))
            #expect(read <= 30, "percentile \(percentile): \(read) keys read of 300 lifted")
        }
        // A rank in the lower half walks from the bottom: every lifted key is read, the answer the same.
        var read = 0
        #expect(try reference(p, lifted: lifted, percentile: 0.25, keysRead: &read) == Scorer.salesReference(totals: p.totals, percentile: 0.25))
        #expect(read == 300)
    }

    @Test("lifted creators crossing the rank; one without a settled key (against the counts) falls back to every key read")
    func crossingAndContradiction() throws {
        var p = Population()
        p.settled = (1...100).map(Double.init)
        for i in 0..<100 { p.keys[i] = log2(Double(i + 1)) }
        p.tieBreak = Array(0..<100)
        // Creator 99 (total 100) lifted by 50: the largest becomes 150, the 0.99 rank's value stays 99.
        p.exactOfApproximate[99] = 150
        var read = 0
        #expect(try reference(p, lifted: [99: 50], percentile: 0.99, keysRead: &read) == 99)
        #expect(try reference(p, lifted: [99: 50], percentile: 1, keysRead: &read) == 150)
        // Creator 4 (total 5) lifted past every other: it becomes the largest, and the 0.99 rank's value is 100.
        p.exactOfApproximate = [4: 1_000]
        #expect(try reference(p, lifted: [4: 995], percentile: 1, keysRead: &read) == 1_000)
        #expect(try reference(p, lifted: [4: 995], percentile: 0.99, keysRead: &read) == 100)
        // Creator 100 has no settled key, yet is passed as lifted: its key is asked for, missing, and every key is read.
        p.settled.append(0)
        p.tieBreak.append(100)
        p.exactOfApproximate = [100: 1_000]
        #expect(try reference(p, lifted: [100: 1_000], percentile: 1, keysRead: &read) == 1_000)
        #expect(try reference(p, lifted: [100: 1_000], percentile: 0.99, keysRead: &read) == 100)
    }
}
