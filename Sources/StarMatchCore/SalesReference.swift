public import Foundation

/// A creator whose sales total at the instant is given instead of read from its settled sales key: one with
/// sales pending between the settled boundary and the instant's validation boundary (exactly, or approximately
/// from its key and those sales), or one whose key's approximation is too small to be trusted, exactly
/// (`Scorer.salesReference(positiveKeys:known:…)`).
public struct KnownSalesTotal: Sendable, Equatable {
    /// Whether the creator has a finite settled key, i.e. is counted in `positiveKeys` and met by the walk.
    public var hasSettledKey: Bool
    /// Its total at the instant (`ScoringInputs.totalSalesValue`); ≤ 0 leaves it out of the percentile.
    public var total: Double
    /// Whether `total` is exact; otherwise it is an approximation within the walk's relative tolerance and above 0
    /// (`SalesKeyProfile.approximateTotal(key:pending:…)`), computed exactly only if it lies next to the rank.
    public var isExact: Bool

    public init(hasSettledKey: Bool, total: Double, isExact: Bool = true) {
        self.hasSettledKey = hasSettledKey
        self.total = total
        self.isExact = isExact
    }
}

extension SalesKeyProfile {
    /// The smallest key whose approximate total at `instant` (`approximateTotal`) is a normal double well above
    /// underflow (2⁻⁹²⁹, about 10⁻²⁸⁰): below it, a creator's total is to be computed exactly.
    public static func smallestTrustedKey(at instant: Date, decay: SalesDecay) -> Double {
        -929 + log2(SalesDecay.scale) + instant.timeIntervalSince1970 / decay.halfLifeSeconds
    }
}

extension Scorer {
    /// `salesReference(totals:percentile:)` of the whole population, from its settled sales keys kept in order,
    /// without reading every creator: only the keys between the nearer end and the percentile's rank are walked,
    /// and only the creators whose approximation lies within ±4 `tolerance` of the rank's are computed exactly.
    ///
    /// The population is every creator with a finite settled key (`SalesKeyProfile.key`; `positiveKeys` of them)
    /// plus `known`: those creators' settled keys are skipped and their given totals used instead (a creator
    /// absent from both has total 0). Nearest rank over the n positive totals, rank ⌈p·n⌉ (1-based) as in
    /// `salesReference(totals:percentile:)`. Exact because the rank's
    /// exact value lies within the tolerance of the approximation at that rank (order statistics move by at most
    /// the relative error of their elements), so every creator outside ±4 tolerances of it is on its side
    /// whatever its exact value. Should the data contradict this (a counter that does not match the keys, an
    /// approximation off by more than the tolerance), every key is walked and computed exactly.
    ///
    /// - Parameters:
    ///   - positiveKeys: how many creators have a finite settled key (known ones included).
    ///   - known: creators whose totals are given instead of their settled keys, by id (exact, or approximate).
    ///   - percentile: in (0, 1].
    ///   - walk: visits every finite settled key with its creator, falling (`descending` true) or rising, ties in
    ///     any order, until `visit` returns false.
    ///   - approximate: a key's approximate total at the instant (`SalesKeyProfile.approximateTotal`): monotone
    ///     non-decreasing, and within a relative `tolerance` of the exact total for every creator not in `known`
    ///     (so the store passes keys whose approximation underflows as known).
    ///   - exact: the exact total at the instant of a creator not in `known`, or in it with an approximate total.
    /// - Returns: the reference in major currency units, 0 without positive totals.
    /// - Throws: what `walk` or `exact` throw.
    public static func salesReference<ID: Hashable>(
        positiveKeys: Int, known: [ID: KnownSalesTotal], percentile: Double,
        walk: (_ descending: Bool, _ visit: (_ key: Double, _ id: ID) throws -> Bool) throws -> Void,
        approximate: (Double) -> Double, exact: (ID) throws -> Double, tolerance: Double = 1e-9
    ) throws -> Double {
        try withoutActuallyEscaping(approximate) { approximate in
            try withoutActuallyEscaping(exact) { exact in
                try walkedReference(positiveKeys: positiveKeys, known: known, percentile: percentile, walk: walk,
                                    approximate: approximate, exact: exact, tolerance: tolerance)
            }
        }
    }

    /// `salesReference(positiveKeys:…)` (escaping closures, so the walk's visitor may call them).
    private static func walkedReference<ID: Hashable>(
        positiveKeys: Int, known: [ID: KnownSalesTotal], percentile: Double,
        walk: (_ descending: Bool, _ visit: (_ key: Double, _ id: ID) throws -> Bool) throws -> Void,
        approximate: @escaping (Double) -> Double, exact: @escaping (ID) throws -> Double, tolerance: Double
    ) throws -> Double {
        // Known values, with the id of each approximate one (computed exactly if it lies in the window); sorted
        // below through an order of positions (a sort of generic tuples costs more than the rest of the walk).
        var knownValues: [Double] = [], knownIDs: [ID?] = []
        var settled = positiveKeys
        for (id, total) in known {
            if total.hasSettledKey { settled -= 1 }
            guard total.total > 0 else { continue }
            knownValues.append(total.total)
            knownIDs.append(total.isExact ? nil : id)
        }
        let n = settled + knownValues.count

        func everything() throws -> Double {
            var totals = try knownValues.indices.map { try knownIDs[$0].map(exact) ?? knownValues[$0] }
            try walk(true) { _, id in
                if known[id] == nil { totals.append(try exact(id)) }
                return true
            }
            return salesReference(totals: totals, percentile: percentile)
        }

        guard settled >= 0 else { return try everything() }
        guard n > 0 else { return 0 }
        let rank = min(max(Int((percentile * Double(n) - 1e-9).rounded(.up)) - 1, 0), n - 1)
        // Walk from the end nearer the rank; `target` is the rank's position in walk order.
        let descending = rank >= n / 2
        let target = descending ? n - 1 - rank : rank
        var knownOrder = Array(knownValues.indices)
        knownOrder.sort(by: descending ? { [knownValues] in knownValues[$0] > knownValues[$1] } : { [knownValues] in knownValues[$0] < knownValues[$1] })
        knownValues = knownOrder.map { knownValues[$0] }
        knownIDs = knownOrder.map { knownIDs[$0] }
        func precedes(_ a: Double, _ b: Double) -> Bool { descending ? a > b : a < b }

        // Values met in walk order (exactly known ones with a nil id), up to the end of the window.
        var seen: [(value: Double, id: ID?)] = []
        var window: (low: Double, high: Double)?
        var nextKnown = 0
        /// Takes the next value in walk order; false once past the window.
        func take(_ value: Double, _ id: ID?) -> Bool {
            if let w = window, descending ? value < w.low : value > w.high { return false }
            seen.append((value, id))
            if seen.count == target + 1 { window = (value * (1 - 4 * tolerance), value * (1 + 4 * tolerance)) }
            return true
        }
        var past = false
        try walk(descending) { key, id in
            guard known[id] == nil else { return true }
            let value = approximate(key)
            while nextKnown < knownValues.count, !precedes(value, knownValues[nextKnown]) {
                guard take(knownValues[nextKnown], knownIDs[nextKnown]) else { past = true; return false }
                nextKnown += 1
            }
            guard take(value, id) else { past = true; return false }
            return true
        }
        while !past, nextKnown < knownValues.count {
            guard take(knownValues[nextKnown], knownIDs[nextKnown]) else { break }
            nextKnown += 1
        }
        guard let (low, high) = window else { return try everything() }  // fewer values than counted

        // Before the window in walk order: a prefix, on its side whatever the exact values.
        let before = seen.prefix { descending ? $0.value > high : $0.value < low }.count
        var exactWindow: [Double] = []
        for (value, id) in seen[before...] {
            let total = try id.map(exact) ?? value
            guard total > 0 else { return try everything() }
            exactWindow.append(total)
        }
        exactWindow.sort(by: descending ? { $0 > $1 } : { $0 < $1 })
        let position = target - before
        guard position >= 0, position < exactWindow.count else { return try everything() }
        return exactWindow[position]
    }
}

extension Scorer {
    /// `salesReference(positiveKeys:known:…)` without the settled keys of the creators whose pending sales only add
    /// (an instant after the settled boundary): each such creator with a finite settled key is `lifted` by what its
    /// pending sales add, and its key is learnt when the walk meets it, or read (`settledKeys`, one call for a few)
    /// only when its key plus that addition could reach the rank's window. A cold process thus reads no key of the
    /// tens of thousands of creators with a day's pending sales at a million creators.
    ///
    /// Exact for the same reason: a lifted creator whose key the walk has not met has a key at most the walk's
    /// current one, so its total is at most `approximate(current key) + lifted[id]`; once that, and the current key's own
    /// approximation, lie below the window around the rank's value (±4 `tolerance`), every creator not yet seen is
    /// below it whatever its exact value. The rank counts every lifted creator as positive (a finite settled key plus
    /// sales that only add). A rank in the lower half (a walk from the bottom), or data that contradicts the counts,
    /// reads every lifted key and answers through `salesReference(positiveKeys:known:…)`.
    ///
    /// - Parameters:
    ///   - positiveKeys: how many creators have a finite settled key (known and lifted ones included).
    ///   - known: as in `salesReference(positiveKeys:known:…)`; no id is both known and lifted.
    ///   - lifted: creators with a finite settled key and pending sales that only add, by id: at least what those
    ///     sales add to the total at the instant (`SalesKeyProfile.addedTotalBound`; the tighter, the fewer keys read).
    ///   - liftedTotal: a lifted creator's total from its settled key (`SalesKeyProfile.approximateTotal(key:pending:…)`,
    ///     or exact when that cannot be trusted), never above `approximate(key) + lifted[id]`.
    ///   - settledKeys: the settled keys of lifted creators, by id (a creator without one is left out).
    ///   - walk, approximate, exact, tolerance: as in `salesReference(positiveKeys:known:…)`.
    /// - Returns: the reference in major currency units, 0 without positive totals.
    @_specialize(exported: true, where ID == String)
    public static func salesReference<ID: Hashable>(
        positiveKeys: Int, known: [ID: KnownSalesTotal], lifted: [ID: Double], percentile: Double,
        walk: (_ descending: Bool, _ visit: (_ key: Double, _ id: ID) throws -> Bool) throws -> Void,
        approximate: (Double) -> Double, liftedTotal: (_ key: Double, _ id: ID) throws -> KnownSalesTotal,
        settledKeys: (_ ids: [ID]) throws -> [ID: Double], exact: (ID) throws -> Double, tolerance: Double = 1e-9
    ) throws -> Double {
        try withoutActuallyEscaping(approximate) { approximate in
            try withoutActuallyEscaping(liftedTotal) { liftedTotal in
                try withoutActuallyEscaping(settledKeys) { settledKeys in
                    try withoutActuallyEscaping(exact) { exact in
                        try liftedReference(positiveKeys: positiveKeys, known: known, lifted: lifted, percentile: percentile, walk: walk,
                                            approximate: approximate, liftedTotal: liftedTotal, settledKeys: settledKeys, exact: exact,
                                            tolerance: tolerance)
                    }
                }
            }
        }
    }

    /// `salesReference(positiveKeys:known:lifted:…)` (escaping closures, so the walk's visitor may call them).
    private static func liftedReference<ID: Hashable>(
        positiveKeys: Int, known: [ID: KnownSalesTotal], lifted: [ID: Double], percentile: Double,
        walk: (_ descending: Bool, _ visit: (_ key: Double, _ id: ID) throws -> Bool) throws -> Void,
        approximate: @escaping (Double) -> Double, liftedTotal: @escaping (_ key: Double, _ id: ID) throws -> KnownSalesTotal,
        settledKeys: @escaping (_ ids: [ID]) throws -> [ID: Double], exact: @escaping (ID) throws -> Double, tolerance: Double
    ) throws -> Double {
        // Every lifted key read, then the walk over the keys as they are (the fallback).
        func everyKeyRead(_ met: [ID: KnownSalesTotal]) throws -> Double {
            var all = known
            let unmet = lifted.keys.filter { met[$0] == nil }
            let keys = try settledKeys(unmet)
            for (id, total) in met { all[id] = total }
            for id in unmet {
                if let key = keys[id] { all[id] = try liftedTotal(key, id) } else { all[id] = KnownSalesTotal(hasSettledKey: false, total: try exact(id)) }
            }
            return try salesReference(positiveKeys: positiveKeys, known: all, percentile: percentile, walk: walk,
                                      approximate: approximate, exact: exact, tolerance: tolerance)
        }
        guard !lifted.isEmpty else {
            return try salesReference(positiveKeys: positiveKeys, known: known, percentile: percentile, walk: walk,
                                      approximate: approximate, exact: exact, tolerance: tolerance)
        }
        // Every value offered so far (its id when approximate), and the t + 1 largest in a min-heap (sized once the
        // rank is known).
        var top = LargestValues(capacity: 0)
        // (Parallel arrays, not tuples: generic tuples cost a metadata lookup each.)
        var offeredValues: [Double] = [], offeredIDs: [ID?] = []
        func offer(_ value: Double, _ id: ID?) {
            offeredValues.append(value)
            offeredIDs.append(id)
            top.offer(value)
        }
        var settled = positiveKeys
        for (id, total) in known {
            if total.hasSettledKey { settled -= 1 }
            if total.total > 0 { offeredValues.append(total.total); offeredIDs.append(total.isExact ? nil : id) }
        }
        // Lifted creators stay counted among the settled keys: positive before and after.
        let n = settled + offeredValues.count
        guard settled >= lifted.count, n > 0 else { return try everyKeyRead([:]) }
        let rank = min(max(Int((percentile * Double(n) - 1e-9).rounded(.up)) - 1, 0), n - 1)
        guard rank >= n / 2 else { return try everyKeyRead([:]) }  // a walk from the bottom: every key read
        let target = n - 1 - rank
        top = LargestValues(capacity: target + 1)
        for value in offeredValues { top.offer(value) }

        // The lifted creators by what they add, largest first: the first not yet met bounds all the others.
        let liftedIDs = Array(lifted.keys)
        let additions = liftedIDs.map { lifted[$0]! }
        let byAddition = liftedIDs.indices.sorted { additions[$0] > additions[$1] }
        var largest = 0
        var met: [ID: KnownSalesTotal] = [:]
        var contradicted = false
        func meet(_ id: ID, _ total: KnownSalesTotal) {
            met[id] = total
            // Counted as positive in the rank: a total of 0 contradicts it (every key is read then).
            if total.total > 0 { offer(total.total, total.isExact ? nil : id) } else { contradicted = true }
        }
        func largestUnmet() -> Double? {
            while largest < byAddition.count, met[liftedIDs[byAddition[largest]]] != nil { largest += 1 }
            return largest < byAddition.count ? additions[byAddition[largest]] : nil
        }
        var window: (low: Double, high: Double)?
        // Keys walked past the window, against which the keys to read are weighed.
        var walkedBelow = 0
        // Whether every creator not seen yet lies below the window once the walk has reached `level` (the
        // approximation of the key just visited); reads the keys of the lifted creators that could still reach it,
        // once they are few against the keys walked past the window (a read by id costs about 4 keys walked), or
        // when the walk is over (`final`).
        func settles(below level: Double, final: Bool = false) throws -> Bool {
            while true {
                guard let x = top.minimum else { return false }
                let low = x * (1 - 4 * tolerance)
                guard level * (1 + tolerance) < low else { return false }
                guard let added = largestUnmet() else { window = (low, x * (1 + 4 * tolerance)); return true }
                if (level + added) * (1 + tolerance) < low { window = (low, x * (1 + 4 * tolerance)); return true }
                walkedBelow += 1
                if !final {
                    // How many lifted creators (met ones included) add enough to reach: a binary search.
                    var (lo, hi) = (largest, byAddition.count)
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if (level + additions[byAddition[mid]]) * (1 + tolerance) >= low { lo = mid + 1 } else { hi = mid }
                    }
                    if 4 * (lo - largest) > walkedBelow { return false }
                }
                // Few enough: their keys are read (the rank's value only rises as they join), then checked again.
                var reach: [ID] = []
                for i in byAddition[largest...] where met[liftedIDs[i]] == nil {
                    guard (level + additions[i]) * (1 + tolerance) >= low else { break }
                    reach.append(liftedIDs[i])
                }
                let keys = try settledKeys(reach)
                for id in reach {
                    guard let key = keys[id] else { contradicted = true; return true }
                    meet(id, try liftedTotal(key, id))
                }
            }
        }
        var done = false
        try walk(true) { key, id in
            // Two lookups a key (most are neither lifted nor known).
            if lifted[id] != nil {
                guard met[id] == nil else { return true }
                meet(id, try liftedTotal(key, id))
            } else {
                guard known[id] == nil else { return true }
                offer(approximate(key), id)
            }
            done = try contradicted || settles(below: approximate(key))
            return !done
        }
        if !done { done = try settles(below: 0, final: true) }  // every key walked
        guard done, !contradicted, let (low, high) = window else { return try everyKeyRead(met) }
        // Above the window, on their side whatever their exact values; inside it, computed exactly.
        let before = offeredValues.count { $0 > high }
        var exactWindow: [Double] = []
        for (i, value) in offeredValues.enumerated() where value >= low && value <= high {
            let total = try offeredIDs[i].map(exact) ?? value
            guard total > 0 else { return try everyKeyRead(met) }
            exactWindow.append(total)
        }
        exactWindow.sort(by: >)
        let position = target - before
        guard position >= 0, position < exactWindow.count else { return try everyKeyRead(met) }
        return exactWindow[position]
    }
}

/// The `capacity` largest values offered, with the smallest of them at hand (a `BinaryHeap` of the smallest first).
struct LargestValues {
    private var heap = BinaryHeap<Double>(first: { $0 < $1 })
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        heap.items.reserveCapacity(capacity)
    }

    /// The smallest of the `capacity` largest values, once that many were offered.
    var minimum: Double? { heap.items.count == capacity ? heap.items.first : nil }

    mutating func offer(_ value: Double) {
        guard capacity > 0 else { return }
        if heap.items.count < capacity {
            heap.push(value)
        } else if value > heap.items[0] {
            heap.replaceFirst(with: value)
        }
    }
}
