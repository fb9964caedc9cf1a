/// Creators grouped by an upper bound of their score, highest group first, so that a shortlist meets them in
/// falling bound order by pushing one group at a time into a heap, instead of ordering the whole population for
/// each campaign (a bucketed priority order; the groups are equal-count quantile ranges of a sample).
///
/// Each creator `i` is grouped by `bounds[i]`, a value no lower than any bound a query will give it (a shortlist
/// groups by the higher of a creator's bounds with and without niche credit). Creators whose bounds changed
/// after the grouping (`markChanged`), and those added after it, stay out of the groups and are pushed on their
/// own, so a few changes never regroup a million creators; `needsRegrouping` says when they have become many.
///
/// Only the highest eighth of the bounds is split into groups; the rest is one last group, so building costs one
/// comparison per creator plus a binary search for the highest eighth. A query that stops after its first k
/// creators costs about O((k + group size + changed) log) instead of O(n) — unless it goes past the highest eighth.
public struct BoundGroups: Sendable {
    /// Group g holds the grouped bounds in [lower[g], lower[g − 1]) (group 0: every bound from lower[0] up);
    /// strictly falling, the last −∞.
    private var lower: [Double] = []
    /// Group g is `members[starts[g]..<starts[g + 1]]`.
    private var starts: [Int32] = [0]
    private var members: [Int32] = []
    /// Creators changed since the grouping (their group is ignored), in the order they were marked.
    public private(set) var changed: [Int32] = []
    private var isChanged: [Bool] = []
    /// How many creators were grouped (creators from this index on were added since).
    public let grouped: Int

    /// Groups the creators `0..<bounds.count` by `bounds` (NaN counts as +∞: never pruned).
    /// - Parameter groupSize: about how many creators a group of the highest eighth holds.
    public init(bounds: [Double], groupSize: Int = 512) {
        let n = bounds.count
        grouped = n
        isChanged = [Bool](repeating: false, count: n)
        let share = 8
        let groups = max(1, min(n / share / max(1, groupSize), 1 << 16))
        if n >= 2 {
            // Edges from a sorted sample of about 64 values a group: equal-count ranges of the highest eighth,
            // highest first; the last edge is the eighth's lowest bound.
            let step = max(1, n / (64 * groups * share))
            var sample = stride(from: 0, to: n, by: step).map { Self.key(bounds[$0]) }
            sample.sort()
            let m = sample.count
            for q in 1...groups {
                let edge = sample[m - max(1, q * m / (groups * share))]
                if edge > -.infinity, lower.last.map({ edge < $0 }) ?? true { lower.append(edge) }
            }
        }
        lower.append(-.infinity)
        var group = [Int32](repeating: 0, count: n)
        var counts = [Int32](repeating: 0, count: lower.count + 1)
        let last = lower.count - 1
        let floor = last > 0 ? lower[last - 1] : -Double.infinity
        for i in 0..<n {
            let bound = Self.key(bounds[i])
            let g = bound < floor ? last : Self.group(of: bound, lower)
            group[i] = Int32(g)
            counts[g + 1] += 1
        }
        starts = [Int32](repeating: 0, count: lower.count + 1)
        for g in 0..<lower.count { starts[g + 1] = starts[g] + counts[g + 1] }
        var next = Array(starts.dropLast())
        members = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let g = Int(group[i])
            members[Int(next[g])] = Int32(i)
            next[g] += 1
        }
    }

    /// The number of groups.
    public var groupCount: Int { lower.count }

    /// Creator `i`'s bound changed (or `i` was added since the grouping): it is pushed on its own from now on.
    public mutating func markChanged(_ i: Int) {
        if i >= isChanged.count { isChanged += [Bool](repeating: false, count: i + 1 - isChanged.count) }
        guard !isChanged[i] else { return }
        isChanged[i] = true
        changed.append(Int32(i))
    }

    /// True when the creators pushed on their own are many enough (over 1/32 of the grouped, and over 4,096) to
    /// be worth a regrouping.
    public var needsRegrouping: Bool { changed.count > max(4_096, grouped / 32) }

    /// Visits the creators `0..<count` in falling order of `bound` (ties by `precedes`: it must be a strict total
    /// order), until `visit` returns false.
    /// - Parameters:
    ///   - bound: each creator's bound for this query; for a grouped creator not marked changed it must not exceed
    ///     the value it was grouped by (the order is then exact).
    ///   - precedes: of two creators with equal bounds, which comes first.
    public func descending(count: Int, bound: (Int) -> Double, precedes: @escaping @Sendable (Int, Int) -> Bool,
                           _ visit: (_ index: Int, _ bound: Double) throws -> Bool) rethrows {
        typealias Candidate = (bound: Double, index: Int32)
        var heap = BinaryHeap<Candidate>(first: { a, b in a.bound != b.bound ? a.bound > b.bound : precedes(Int(a.index), Int(b.index)) })
        for i in changed where Int(i) < count { heap.push((Self.key(bound(Int(i))), i)) }
        for i in grouped..<max(grouped, count) where i >= isChanged.count || !isChanged[i] { heap.push((Self.key(bound(i)), Int32(i))) }
        var next = 0
        while true {
            // Every creator of the groups not pushed yet has a bound below lower[next − 1]: the heap's first is next
            // only if it is at or above that (group 0 is always pushed).
            while next < lower.count, next == 0 || heap.items.first.map({ $0.bound < lower[next - 1] }) ?? true {
                for k in Int(starts[next])..<Int(starts[next + 1]) {
                    let i = Int(members[k])
                    if i < count && !isChanged[i] { heap.push((Self.key(bound(i)), Int32(i))) }
                }
                next += 1
            }
            guard let first = heap.pop() else { return }
            if try !visit(Int(first.index), first.bound) { return }
        }
    }

    private static func key(_ bound: Double) -> Double { bound.isNaN ? .infinity : bound }

    /// The first group whose lower edge is at or below `value` (`lower` falls strictly and ends at −∞).
    private static func group(of value: Double, _ lower: [Double]) -> Int {
        var low = 0, high = lower.count - 1
        while low < high {
            let mid = (low + high) / 2
            if value >= lower[mid] { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
