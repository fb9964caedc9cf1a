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
