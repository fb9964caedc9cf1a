/// Sales keys with their creators' positions, kept in key order in memory: what a server walks to find the sales
/// reference (`Scorer.salesReference(positiveKeys:known:…)`) instead of reading the stored order
/// (`scoring_keys`) at every read. Blocks of at most `blockCapacity` sorted entries (a B-tree of height two),
/// so a changed key costs O(log n + block) where one sorted array would move megabytes.
public struct OrderedKeys: Sendable {
    public struct Entry: Sendable, Equatable {
        public var key: Double
        public var index: Int32

        public init(key: Double, index: Int32) {
            self.key = key
            self.index = index
        }

        /// Key order, equal keys by index.
        static func < (a: Entry, b: Entry) -> Bool { a.key != b.key ? a.key < b.key : a.index < b.index }
    }

    static let blockCapacity = 2_048
    private var blocks: [[Entry]] = []
    public private(set) var count = 0

    /// The entries in any order; keys must not be NaN.
    public init(_ entries: [Entry] = []) {
        let sorted = entries.sorted(by: <)
        count = sorted.count
        var start = 0
        while start < sorted.count {
            let end = min(sorted.count, start + Self.blockCapacity / 2)
            blocks.append(Array(sorted[start..<end]))
            start = end
        }
    }

    /// The block that holds (or would hold) `entry`: the first whose last entry is not below it.
    private func block(for entry: Entry) -> Int {
        var low = 0, high = blocks.count - 1
        while low < high {
            let mid = (low + high) / 2
            if blocks[mid][blocks[mid].count - 1] < entry { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func position(of entry: Entry, in block: [Entry]) -> Int {
        var low = 0, high = block.count
        while low < high {
            let mid = (low + high) / 2
            if block[mid] < entry { low = mid + 1 } else { high = mid }
        }
        return low
    }

    public mutating func insert(_ entry: Entry) {
        count += 1
        guard !blocks.isEmpty else { blocks = [[entry]]; return }
        let b = block(for: entry)
        blocks[b].insert(entry, at: Self.position(of: entry, in: blocks[b]))
        if blocks[b].count > Self.blockCapacity {
            let half = Array(blocks[b][(Self.blockCapacity / 2)...])
            blocks[b].removeLast(half.count)
            blocks.insert(half, at: b + 1)
        }
    }

    /// Removes `entry`; false (nothing changed) when it is not held.
    @discardableResult
    public mutating func remove(_ entry: Entry) -> Bool {
        guard !blocks.isEmpty else { return false }
        let b = block(for: entry)
        let p = Self.position(of: entry, in: blocks[b])
        guard p < blocks[b].count, blocks[b][p] == entry else { return false }
        blocks[b].remove(at: p)
        if blocks[b].isEmpty { blocks.remove(at: b) }
        count -= 1
        return true
    }

    /// Visits the entries falling (`descending`) or rising, until `visit` returns false.
    public func walk(descending: Bool, _ visit: (Entry) throws -> Bool) rethrows {
        if descending {
            for block in blocks.reversed() {
                for entry in block.reversed() where try !visit(entry) { return }
            }
        } else {
            for block in blocks {
                for entry in block where try !visit(entry) { return }
            }
        }
    }
}
