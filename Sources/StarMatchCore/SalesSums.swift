public import Foundation

/// Exponential decay of sales value with a half-life (M-SCORE's sales component), in a form that can be
/// summed once and read at any instant.
///
/// A sale's value at instant `T` is `keptMinor × 2^(−(T − t)/h)` (`t` its order instant, `h` the half-life).
/// Written as `keptMinor × 2^((t − E)/h) × 2^(−(T − E)/h)` for a fixed epoch `E`, the first factor no longer
/// depends on `T`, so a creator's sales can be **summed once, relative to the epoch**, and the sum read at any
/// instant by one multiplication. To keep the sum exact (order-independent, subtractable, identical however it
/// was built), each sale's epoch-relative amount is quantised to an integer (units of 2⁻⁴⁰ minor units) and
/// summed in `Int128`. To keep the numbers bounded, time is cut into **eras** of 32 half-lives, each its own
/// epoch: inside an era the factor `2^((t − E)/h)` stays below 2³², whatever the instant range.
public struct SalesDecay: Sendable, Hashable {
    public let halfLifeDays: Double
    let halfLifeSeconds: Double
    let eraSeconds: Double

    /// Half-lives per era: amounts inside an era grow by at most 2³².
    public static let halfLivesPerEra = 32
    /// Quantum of an amount: 2⁻⁴⁰ of a minor unit at the era's epoch (a one-unit sale keeps 40 bits, a
    /// typical one all 53 of a `Double`). One sale is at most 2⁵³ minor units × 2³² × 2⁴⁰ = 2¹²⁵: a sum
    /// refuses to pass `Int128` rather than wrap.
    static let scale = 1_099_511_627_776.0

    public init(halfLifeDays: Double) {
        self.halfLifeDays = halfLifeDays
        halfLifeSeconds = halfLifeDays * 86_400
        eraSeconds = halfLifeSeconds * Double(Self.halfLivesPerEra)
    }

    /// The era an instant (Unix seconds) falls in, and the instant's offset into it in half-lives.
    func era(of seconds: Int64) -> (era: Int32, halfLives: Double) {
        let era = (Double(seconds) / eraSeconds).rounded(.down)
        return (Int32(era), (Double(seconds) - era * eraSeconds) / halfLifeSeconds)
    }

    /// A kept GMV (minor units, pro rata: `Sale.keptGMV`) ordered at `seconds`, as its quantised amount
    /// relative to its era's epoch.
    func amount(keptMinor: Double, orderedAt seconds: Int64) -> (era: Int32, amount: Int128) {
        let (era, offset) = era(of: seconds)
        return (era, Int128(fastIntegral: (keptMinor * exp2(offset) * Self.scale).rounded()))
    }

    /// What one unit of amount in `era` is worth at `instant` (Unix seconds), in minor units:
    /// `2^(−(T − E)/h) / scale`. Computed the same way for every creator, so values compare exactly.
    func unitValue(era: Int32, at instant: Double) -> Double {
        exp2((Double(era) * eraSeconds - instant) / halfLifeSeconds) / Self.scale
    }
}

/// A creator's validated sales for one half-life: per sale category, currency and era, the exact sum of the
/// sales' quantised amounts (`SalesDecay`) and their kept orders. Adding and removing a sale are exact, so the
/// sums built sale by sale as writes arrive equal the sums recomputed from history, in any order.
public struct SalesSums: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var category: Int32
        public var currency: String
        public var era: Int32
        /// Σ quantised amounts (2⁻⁴⁰ minor units at the era's epoch).
        public var amount: Int128
        public var keptOrders: Int64

        func sortsBefore(_ category: Int32, _ currency: String, _ era: Int32) -> Bool {
            (self.category, self.currency, self.era) < (category, currency, era)
        }
    }

    /// Sorted by (category, currency, era); no entry is all zero.
    public private(set) var entries: [Entry] = []

    public init() {}

    init(entries: [Entry]) { self.entries = entries }

    public var isEmpty: Bool { entries.isEmpty }

    /// Adds (`sign` 1) or removes (`sign` −1) one sales line. Lines without kept orders count nothing
    /// (C-VALIDATE: returned orders earn nothing).
    /// - Returns: `false` when a sum would leave `Int128` (nothing is changed then).
    @discardableResult
    public mutating func add(category: Int32, orderedAt seconds: Int64, orders: Int, returned: Int, gmvMinor: Int64,
                             currency: String, decay: SalesDecay, sign: Int = 1) -> Bool {
        guard orders > 0, orders - returned > 0 else { return true }
        let kept = Int64(orders - returned)
        let keptMinor = Sale.keptGMV(gmvMinor: gmvMinor, orders: orders, returnedOrders: returned)
        let (era, amount) = decay.amount(keptMinor: keptMinor, orderedAt: seconds)
        let low = entries.partitioningIndex { !$0.sortsBefore(category, currency, era) }
        if low < entries.count, entries[low].category == category, entries[low].currency == currency, entries[low].era == era {
            let (sum, overflow) = sign > 0 ? entries[low].amount.addingReportingOverflow(amount) : entries[low].amount.subtractingReportingOverflow(amount)
            guard !overflow else { return false }
            entries[low].amount = sum
            entries[low].keptOrders += sign > 0 ? kept : -kept
            if entries[low].amount == 0 && entries[low].keptOrders == 0 { entries.remove(at: low) }
        } else {
            entries.insert(Entry(category: category, currency: currency, era: era, amount: sign > 0 ? amount : -amount,
                                 keptOrders: sign > 0 ? kept : -kept), at: low)
        }
        return true
    }

    /// Adds every entry of `other` (exactly).
    /// - Returns: `false` when a sum would leave `Int128` (nothing is changed then).
    public mutating func merge(_ other: SalesSums) -> Bool {
        var result = self
        for e in other.entries {
            let low = result.entries.partitioningIndex { !$0.sortsBefore(e.category, e.currency, e.era) }
            if low < result.entries.count, result.entries[low].category == e.category, result.entries[low].currency == e.currency, result.entries[low].era == e.era {
                let (sum, overflow) = result.entries[low].amount.addingReportingOverflow(e.amount)
                guard !overflow else { return false }
                result.entries[low].amount = sum
                result.entries[low].keptOrders += e.keptOrders
                if result.entries[low].amount == 0 && result.entries[low].keptOrders == 0 { result.entries.remove(at: low) }
            } else {
                result.entries.insert(e, at: low)
            }
        }
        self = result
        return true
    }

    /// The sums as scoring inputs at `instant`: per category, the value in the reference currency
    /// (`rates`: each currency's minor units valued by ISO 4217's exponent, C-CURRENCY) and the kept orders.
    /// Entries add in their stored order, so equal sums give equal values to the last bit.
    public func values(at instant: Date, decay: SalesDecay, rates: CurrencyRates) -> [ScoringInputs.CategorySales] {
        let seconds = instant.timeIntervalSince1970
        var result: [ScoringInputs.CategorySales] = []
        for entry in entries {
            let value = rates.referenceValue(minor: Double(fast: entry.amount) * decay.unitValue(era: entry.era, at: seconds), currency: entry.currency)
            if let last = result.last, last.category == entry.category {
                result[result.count - 1].value += value
                result[result.count - 1].keptOrders += Int(entry.keptOrders)
            } else {
                result.append(ScoringInputs.CategorySales(category: entry.category, value: value, keptOrders: Int(entry.keptOrders)))
            }
        }
        return result
    }
}

extension Array where Element == SalesSums.Entry {
    /// The first index whose element satisfies `belongs` (the elements are partitioned: all `false`, then all `true`).
    func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension Double {
    /// `Double(x)` correctly rounded (to nearest, ties to even), without the generic conversion's cost: a value
    /// that fits 64 bits converts directly; a wider one keeps its top 64 bits with a sticky bit for the rest,
    /// which rounds the same way (the sticky bit lies below the 53 bits kept), then scales by a power of two.
    @inline(__always)
    init(fast x: Int128) {
        if let small = Int64(exactly: x) {
            self = Double(small)
            return
        }
        let magnitude = x.magnitude
        let width = UInt128.bitWidth - magnitude.leadingZeroBitCount  // > 63
        let shift = width - 64
        let top = UInt64(truncatingIfNeeded: magnitude >> shift)
        let sticky: UInt64 = magnitude & ((1 << shift) - 1) == 0 ? 0 : 1
        let value = Double(top | sticky) * Double(sign: .plus, exponent: shift, significand: 1)
        self = x < 0 ? -value : value
    }
}

extension Int128 {
    /// `Int128(v)` for an integral `v` with `|v| < 2¹²⁷`, without the generic conversion's cost.
    @inline(__always)
    init(fastIntegral v: Double) {
        if abs(v) < 9.2e18 {
            self = Int128(Int64(v))
            return
        }
        guard v.exponent < 126 else { self = Int128(v); return }  // traps past Int128, as the generic one does
        let significand = Int128(v.significandBitPattern | (1 << 52))
        let shifted = significand << (Int(v.exponent) - 52)
        self = v < 0 ? -shifted : shifted
    }
}
