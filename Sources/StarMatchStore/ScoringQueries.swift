public import Foundation
import GRDB
import GRDBSQLite
public import StarMatchCore

/// Every creator's bound (`ScoringBound`): what a shortlist or a creator's matches read instead of the whole
/// population. Read from `scoring_bounds` inside one read transaction, or held by the server's follower
/// (`ScoringFollower`) and kept up to date from the bounds' `seq`.
struct BoundScan: Sendable {
    var ids: [String] = []
    var followers: [Int32] = []
    var chrCeilings: [Int32] = []
    var samples: [Int32] = []
    /// `tops[topStarts[i]..<topEnds[i]]` are creator i's top-level niche categories.
    var tops: [Int32] = []
    var topStarts: [Int32] = []
    var topEnds: [Int32] = []
    /// `keyCount` sales keys per creator (`keys[i * keyCount + k]`).
    var keys: [Double] = []
    var keyCount = 1
    /// The first `sorted` creators are in creator id order (SQLite's byte order); a follower appends the
    /// creators that appear later.
    var sorted = 0

    var count: Int { ids.count }

    func key(_ i: Int, _ k: Int) -> Double { keys[i * keyCount + k] }

    func sharesTop(_ i: Int, _ campaignTops: [Int32]) -> Bool {
        for k in Int(topStarts[i])..<Int(topEnds[i]) where campaignTops.contains(tops[k]) { return true }
        return false
    }

    /// Creator `i` comes before creator `j` in creator id order (byte order of the UTF-8 ids, as SQLite's).
    func precedes(_ i: Int, _ j: Int) -> Bool {
        if i < sorted && j < sorted { return i < j }
        return Self.precedes(ids[i], ids[j])
    }

    /// `a` before `b` in the byte order of their UTF-8 (SQLite's order of text), compared in place.
    static func precedes(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// The position of `id` among the sorted creators (binary search), or `nil`.
    func sortedPosition(of id: String) -> Int? {
        var low = 0, high = sorted
        while low < high {
            let mid = (low + high) / 2
            if Self.precedes(ids[mid], id) { low = mid + 1 } else { high = mid }
        }
        return low < sorted && ids[low] == id ? low : nil
    }

    /// Reads the rows of `statement` (`creator_id, followers, chr_ceiling, samples, tops, sales_keys`), strictly —
    /// a wrong storage class is a damaged row — with SQLite's own accessors (a million rows: no row objects).
    /// `body` gets the row's values; tops and keys are valid during the call only.
    /// - Parameter keyWidth: bytes of `sales_keys` (8 per key profile of the frame).
    static func read(_ statement: Statement, _ db: Database, keyWidth: Int,
                     _ body: (_ id: String, _ followers: Int32, _ chrCeiling: Int32, _ samples: Int32,
                              _ tops: UnsafeRawBufferPointer, _ keys: UnsafeRawBufferPointer) throws -> Void) throws {
        try eachBoundRow(statement, db) { stmt, id in
            func integer(_ column: Int32, _ name: String) throws -> Int32 {
                guard sqlite3_column_type(stmt, column) == SQLITE_INTEGER else { throw DamagedRow(table: "scoring_bounds", id: id, column: name, reason: "not a whole number") }
                return Int32(clamping: sqlite3_column_int64(stmt, column))
            }
            let topBytes = Int(sqlite3_column_bytes(stmt, 4))
            guard sqlite3_column_type(stmt, 4) == SQLITE_BLOB || topBytes == 0, topBytes % 4 == 0,
                  sqlite3_column_type(stmt, 5) == SQLITE_BLOB, Int(sqlite3_column_bytes(stmt, 5)) == keyWidth,
                  let keys = sqlite3_column_blob(stmt, 5) else {
                throw DamagedRow(table: "scoring_bounds", id: id, column: "tops", reason: "not a bound")
            }
            let tops = topBytes > 0 ? UnsafeRawBufferPointer(start: sqlite3_column_blob(stmt, 4), count: topBytes) : UnsafeRawBufferPointer(start: nil, count: 0)
            try body(id, try integer(1, "followers"), try integer(2, "chr_ceiling"), try integer(3, "samples"), tops,
                     UnsafeRawBufferPointer(start: keys, count: keyWidth))
        }
    }

    /// Steps `statement`, whose first column is `scoring_bounds.creator_id`, to its end with SQLite's own accessors
    /// (no row objects), calling `body` with the raw statement and the row's creator id (an id that is not text is a
    /// damaged row). The raw handle is valid during `body` only.
    static func eachBoundRow(_ statement: Statement, _ db: Database, _ body: (_ stmt: OpaquePointer, _ id: String) throws -> Void) throws {
        try eachRawRow(statement, db) { stmt in
            guard sqlite3_column_type(stmt, 0) == SQLITE_TEXT, let text = sqlite3_column_text(stmt, 0) else {
                throw DamagedRow(table: "scoring_bounds", id: "?", column: "creator_id", reason: "not text")
            }
            try body(stmt, String(cString: text))
        }
    }

    /// Reads the rows of `sql` (`creator_id, followers, chr_ceiling, samples, tops, sales_keys`) on either backend:
    /// on SQLite through `read(_:_:keyWidth:_:)`, on PostgreSQL through a server-side cursor, as strictly.
    static func read(_ session: any SQLSession, _ sql: String, _ arguments: [SQLValue], keyWidth: Int,
                     _ body: (_ id: String, _ followers: Int32, _ chrCeiling: Int32, _ samples: Int32,
                              _ tops: UnsafeRawBufferPointer, _ keys: UnsafeRawBufferPointer) throws -> Void) throws {
        if let db = (session as? SQLiteSession)?.db {
            let statement = try db.makeStatement(sql: sql)
            try statement.setArguments(StatementArguments(arguments.map(SQLiteSession.databaseValue)))
            return try read(statement, db, keyWidth: keyWidth, body)
        }
        let rows = try session.cursor(sql, arguments)
        while let row = try rows.next() {
            guard let id = row.get(0, as: String.self) else {
                throw DamagedRow(table: "scoring_bounds", id: "?", column: "creator_id", reason: "not text")
            }
            func integer(_ column: Int, _ name: String) throws -> Int32 {
                guard let value = row.get(column, as: Int64.self) else { throw DamagedRow(table: "scoring_bounds", id: id, column: name, reason: "not a whole number") }
                return Int32(clamping: value)
            }
            guard let tops = row.get(4, as: [UInt8].self), tops.count % 4 == 0,
                  let keys = row.get(5, as: [UInt8].self), keys.count == keyWidth else {
                throw DamagedRow(table: "scoring_bounds", id: id, column: "tops", reason: "not a bound")
            }
            let (followers, chr, samples) = (try integer(1, "followers"), try integer(2, "chr_ceiling"), try integer(3, "samples"))
            try tops.withUnsafeBytes { tops in
                try keys.withUnsafeBytes { keys in try body(id, followers, chr, samples, tops, keys) }
            }
        }
    }

    /// Appends a creator (`keys` holds every key profile's key; with `keyIndex`, only that one is kept).
    mutating func append(_ id: String, _ followers: Int32, _ chrCeiling: Int32, _ samples: Int32, tops raw: UnsafeRawBufferPointer,
                         keys rawKeys: UnsafeRawBufferPointer, keyIndex: Int?) {
        ids.append(id)
        self.followers.append(followers)
        chrCeilings.append(chrCeiling)
        self.samples.append(samples)
        topStarts.append(Int32(tops.count))
        for k in stride(from: 0, to: raw.count, by: 4) { tops.append(Self.int32(raw, k)) }
        topEnds.append(Int32(tops.count))
        if let keyIndex {
            keys.append(Self.double(rawKeys, 8 * keyIndex))
        } else {
            for k in stride(from: 0, to: rawKeys.count, by: 8) { keys.append(Self.double(rawKeys, k)) }
        }
    }

    /// Replaces creator `i`'s bound (every key profile's key). Tops of another length go to the end of `tops`;
    /// returns how many entries of `tops` that left unused.
    mutating func replace(_ i: Int, _ followers: Int32, _ chrCeiling: Int32, _ samples: Int32, tops raw: UnsafeRawBufferPointer,
                          keys rawKeys: UnsafeRawBufferPointer) -> Int {
        self.followers[i] = followers
        chrCeilings[i] = chrCeiling
        self.samples[i] = samples
        var unused = 0
        let count = raw.count / 4
        if count == Int(topEnds[i] - topStarts[i]) {
            // Written only when they differ: a read's copy of the scan may share `tops`.
            for k in 0..<count where tops[Int(topStarts[i]) + k] != Self.int32(raw, 4 * k) { tops[Int(topStarts[i]) + k] = Self.int32(raw, 4 * k) }
        } else {
            unused = Int(topEnds[i] - topStarts[i])
            topStarts[i] = Int32(tops.count)
            for k in 0..<count { tops.append(Self.int32(raw, 4 * k)) }
            topEnds[i] = Int32(tops.count)
        }
        for k in 0..<keyCount { keys[i * keyCount + k] = Self.double(rawKeys, 8 * k) }
        return unused
    }

    /// The scan as a query needs it once derived (ids and niche categories), without what only `derive` reads:
    /// a follower's copy handed to a read then shares no array the next sync changes in place (no copy-on-write).
    func forQueries() -> BoundScan {
        var copy = self
        copy.followers = []
        copy.chrCeilings = []
        copy.samples = []
        copy.keys = []
        return copy
    }

    /// `tops` without the entries no creator uses any more.
    mutating func compactTops() {
        var packed: [Int32] = []
        packed.reserveCapacity(tops.count)
        for i in ids.indices {
            let start = Int32(packed.count)
            packed.append(contentsOf: tops[Int(topStarts[i])..<Int(topEnds[i])])
            topStarts[i] = start
            topEnds[i] = Int32(packed.count)
        }
        tops = packed
    }

    static func int32(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> Int32 {
        Int32(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
    }

    static func double(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> Double {
        Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
    }
}

/// What a read at one instant for one profile needs before it opens any bound: the frame the records are in,
/// and which of their sums and keys the profile uses.
struct InstantContext {
    let instant: Date
    let week: QuotaWeek
    let profile: ScoringProfile
    let policy: Policy
    let stored: StoredFrame
    let frame: ScoringFrame
    let decay: Int
    /// The profile's sales key among the scan's keys (among the frame's `keyProfiles` when it holds them all).
    var keyIndex: Int
}

/// What the bounds give at one instant for one profile, per creator: the sales total (exact, or a key's
/// approximation), and the upper bounds of its score with and without niche credit; and the population's
/// exact sales reference. A follower keeps a few of these, brought up to date by the bounds that change.
struct InstantDerived {
    var instant: Date
    var profile: ScoringProfile
    /// The data version the values hold at (a follower's), and the settled boundary they were read with.
    var version: Int64
    /// Sales between the settled boundary and the instant, by creator id.
    var pending: [String: [PendingSale]]
    var scorer: Scorer
    /// The scorer the upper bounds were computed with: the population's, or one with a lower sales reference.
    var boundScorer: Scorer
    /// Per creator, its sales total: exact (`exact[i]`: pending sales, no sales, or a key too small to
    /// approximate) or the key's approximation.
    var totals: [Double]
    var exact: [Bool]
    /// `boundScorer.upperBounds`, with and without niche credit (approximate totals widened by twice their tolerance).
    var upperWith: [Double]
    var upperWithout: [Double]
    /// The creators grouped by the higher of their two upper bounds, for shortlists (`BoundGroups`); those whose
    /// bounds were recomputed since the grouping are marked changed.
    var order: BoundGroups

    /// The values as a query needs them once derived (without the totals only `derive` reads again).
    func forQueries() -> InstantDerived {
        var copy = self
        copy.totals = []
        copy.exact = []
        return copy
    }
}

/// The scoring state read at one instant for one profile: the bounds, what they give at the instant, and per
/// creator on demand the standing and inputs its record gives (`ScoringRecord.scoring`).
struct StateAtInstant {
    let context: InstantContext
    let scan: BoundScan
    let derived: InstantDerived
    /// A follower's decoded records, shared by its reads, with the load and data version this state was synced to.
    var kept: (records: FollowedRecords, epoch: Int, version: Int64)?

    var instant: Date { context.instant }
    var scorer: Scorer { derived.scorer }

    /// Creator `i`'s record in this state's transaction: a follower's decoded copy when it holds one still valid
    /// at this state's version, otherwise read from `db` (and offered to the follower).
    func record(_ db: any SQLSession, _ i: Int, store: StarMatchStore) throws -> ScoringRecord? {
        guard let kept else { return try store.storedRecord(db, scan.ids[i]) }
        if let record = kept.records.record(Int32(i), epoch: kept.epoch, version: kept.version) { return record }
        guard let record = try store.storedRecord(db, scan.ids[i]) else { return nil }
        kept.records.keep(record, Int32(i), epoch: kept.epoch, version: kept.version)
        return record
    }

    /// A record read ahead: the follower's decoded copy, or the stored bytes, decoded only when taken (a damaged
    /// record the walk never reaches fails nothing, as when records were read one at a time).
    enum ReadAhead {
        case decoded(ScoringRecord)
        case stored([UInt8])
    }

    /// The records of creators `indices` in this state's transaction, by index (absent: no record): the follower's
    /// copies first, the others' bytes read in one statement.
    func readAhead(_ db: any SQLSession, _ indices: [Int]) throws -> [Int: ReadAhead] {
        var found: [Int: ReadAhead] = [:]
        var missing: [Int] = []
        for i in indices {
            if let kept, let record = kept.records.record(Int32(i), epoch: kept.epoch, version: kept.version) { found[i] = .decoded(record) } else { missing.append(i) }
        }
        guard !missing.isEmpty else { return found }
        let bytes = try StarMatchStore.storedRecordBytesReader(db)(ArraySlice(missing.map { scan.ids[$0] }))
        for (i, stored) in zip(missing, bytes) {
            if let stored { found[i] = .stored(stored) }
        }
        return found
    }

    /// Creator `i`'s record from what was read ahead (`nil`: no record), decoded and offered to the follower as
    /// `record` does.
    func record(_ i: Int, from ahead: ReadAhead?) throws -> ScoringRecord? {
        switch ahead {
        case nil: return nil
        case .decoded(let record): return record
        case .stored(let bytes):
            let record = try bytes.withUnsafeBytes { try StarMatchStore.decodeRecord($0, id: scan.ids[i]) }
            if let kept { kept.records.keep(record, Int32(i), epoch: kept.epoch, version: kept.version) }
            return record
        }
    }

    /// Creator `id`'s standing and scoring inputs at the instant, from its record.
    func scoring(_ record: ScoringRecord, id: String) -> (CreatorStanding, ScoringInputs) {
        record.scoring(at: context.instant, week: context.week, pending: derived.pending[id] ?? [], frame: context.frame,
                       decay: context.decay, profile: context.profile, policy: context.policy)
    }
}

extension StarMatchStore {
    /// The frame and the profile's sums and key at `instant`, or `nil` when the state keeps no sales key for the
    /// profile (the caller then uses the whole population).
    func instantContext(_ db: any SQLSession, at instant: Date, profile: ScoringProfile) throws -> InstantContext? {
        let (table, taxonomy) = try Self.frameFingerprint(db, config: config)
        guard let stored = try Self.storedFrame(db), stored.taxonomy == taxonomy,
              let decay = stored.halfLives.firstIndex(of: profile.salesHalfLifeDays),
              let keyIndex = stored.keyProfiles.firstIndex(of: SalesKeyProfile(profile)) else { return nil }
        return InstantContext(instant: instant, week: QuotaWeek(containing: instant, timeZone: config.timeZone), profile: profile,
                              policy: Policy(config: config), stored: stored, frame: Self.frame(stored, table: table, config: config), decay: decay, keyIndex: keyIndex)
    }

    /// Every bound from disk, in creator id order: with `keyIndex` only that key, otherwise every key profile's.
    static func readBounds(_ db: any SQLSession, stored: StoredFrame, keyIndex: Int?) throws -> BoundScan {
        var scan = BoundScan()
        scan.keyCount = keyIndex == nil ? stored.keyProfiles.count : 1
        let count = try db.value("SELECT COUNT(*) FROM scoring_bounds", as: Int.self) ?? 0
        scan.ids.reserveCapacity(count)
        scan.keys.reserveCapacity(count * scan.keyCount)
        try BoundScan.read(db, "SELECT creator_id, followers, chr_ceiling, samples, tops, sales_keys FROM scoring_bounds ORDER BY creator_id", [],
                           keyWidth: 8 * stored.keyProfiles.count) { id, followers, chr, samples, tops, keys in
            scan.append(id, followers, chr, samples, tops: tops, keys: keys, keyIndex: keyIndex)
        }
        scan.sorted = scan.count
        return scan
    }

    /// Reads the state at `instant` for `profile` from disk, or `nil` when it keeps no sales key for the profile.
    func stateAtInstant(_ db: any SQLSession, at instant: Date, profile: ScoringProfile) throws -> StateAtInstant? {
        guard let context = try instantContext(db, at: instant, profile: profile) else { return nil }
        let scan = try Self.readBounds(db, stored: context.stored, keyIndex: context.keyIndex)
        var keyed = context
        keyed.keyIndex = 0
        var none: InstantDerived?
        let derived = try derive(db, keyed, scan, version: 0, from: &none, changed: [])
        return StateAtInstant(context: keyed, scan: scan, derived: derived)
    }

    /// What the bounds give at the context's instant. With `previous` (taken: the values at the same instant and
    /// profile for an earlier version of the same bounds, whose arrays are reused in place), only the creators in
    /// `changed` and those with pending sales then or now are recomputed; the reference is always recomputed
    /// exactly. Upper bounds are computed with a sales reference no higher than the population's (`boundScorer`:
    /// a lower reference only raises a bound), so a reference that moves a little keeps them; past 5 % every bound
    /// is recomputed, with the reference less 1 %.
    /// - Parameter keyOrders: the follower's keys in order, one per key profile of the frame (otherwise the
    ///   stored order is read for the reference).
    func derive(_ db: any SQLSession, _ context: InstantContext, _ scan: BoundScan, version: Int64, from previous: inout InstantDerived?,
                changed: [Int32], position: ((String) -> Int?)? = nil, keyOrders: [OrderedKeys]? = nil) throws -> InstantDerived {
        let instant = context.instant, profile = context.profile
        // Sales between the settled boundary and the instant: their creators are read exactly.
        let pending = try pendingSales(db, frame: context.frame, at: instant)
        let halfLife = context.frame.decays[context.decay]
        let n = scan.count
        func exactTotal(_ i: Int) throws -> Double { try exactSalesTotal(db, scan.ids[i], pending: pending[scan.ids[i]] ?? [], context) }
        // The creators with pending sales by position (a million lookups by position, not by hashed id).
        let positionOf = position ?? { scan.sortedPosition(of: $0) }
        var pendingPositions: [String: Int] = [:]
        pendingPositions.reserveCapacity(pending.count)
        for id in pending.keys { if let i = positionOf(id) { pendingPositions[id] = i } }
        let hasPending = Set(pendingPositions.values)
        func total(_ i: Int) throws -> (Double, Bool) {
            let key = scan.key(i, context.keyIndex)
            if !hasPending.isEmpty && hasPending.contains(i) {
                // Its settled key plus its pending sales, when that can be trusted: no record read.
                if let approximate = SalesKeyProfile.approximateTotal(key: key, pending: pending[scan.ids[i]] ?? [], at: instant, frame: context.frame,
                                                                      decay: context.decay, profile: profile) {
                    return (approximate, false)
                }
                return (try exactTotal(i), true)
            }
            let approximate = SalesKeyProfile.approximateTotal(key: key, at: instant, decay: halfLife)
            if key > -.infinity && approximate < 1e-280 { return (try exactTotal(i), true) }
            return (approximate, key == -.infinity)
        }
        var totals: [Double] = [], exact: [Bool] = [], upperWith: [Double] = [], upperWithout: [Double] = []
        var old = previous.take()
        var recomputed: [Int] = []
        if old != nil, let position {
            // Moved out of the previous values: changed in place.
            swap(&totals, &old!.totals)
            swap(&exact, &old!.exact)
            swap(&upperWith, &old!.upperWith)
            swap(&upperWithout, &old!.upperWithout)
            var touched = Set(changed.map(Int.init))
            for id in old!.pending.keys { if let i = position(id) { touched.insert(i) } }
            for id in pending.keys { if let i = position(id) { touched.insert(i) } }
            // Creators appended since are all in `changed`.
            if totals.count < n {
                totals += [Double](repeating: 0, count: n - totals.count)
                exact += [Bool](repeating: false, count: n - exact.count)
            }
            for i in touched where i < n {
                (totals[i], exact[i]) = try total(i)
                recomputed.append(i)
            }
        } else {
            old = nil
            totals = [Double](repeating: 0, count: n)
            exact = [Bool](repeating: false, count: n)
            for i in 0..<n { (totals[i], exact[i]) = try total(i) }
        }
        // The population's exact reference from the keys in order (`keyedSalesReference`: a walk from the end
        // nearer the rank), the same for the disk read and the follower, without a selection over every total.
        var keyed = context
        keyed.keyIndex = context.stored.keyProfiles.firstIndex(of: SalesKeyProfile(profile)) ?? context.keyIndex
        let reference = try keyedSalesReference(db, keyed, pending: pending, held: keyOrders.flatMap { orders in
            position.map { (orders[keyed.keyIndex], scan.ids, $0) }
        }, settledKey: { id in pendingPositions[id].map { scan.key($0, context.keyIndex) } })
        let scorer = Scorer(profile: profile, table: context.frame.table, policy: config, salesReference: reference)
        // H-POINTS: sales validated after the settled boundary earn CHR the stored ceiling does not know, so their
        // creators are bounded with the top of the scale; sales taken away at an earlier instant earn nothing at it
        // (`ScoringRecord.standing` walks the record's own facts), so the ceiling holds for theirs.
        let pendingEarns = pending.values.contains { lines in lines.contains { $0.sign > 0 } }
        func bounds(_ i: Int, _ boundScorer: Scorer) -> (Double, Double) {
            let sales = exact[i] ? totals[i] : totals[i] * (1 + 2e-9)
            let chr = pendingEarns && hasPending.contains(i) ? config.chrMax : Int(scan.chrCeilings[i])
            return boundScorer.upperBounds(followers: Int(scan.followers[i]), chrCeiling: chr, samplesShipped: Int(scan.samples[i]),
                                           salesTotal: sales)
        }
        var boundScorer = scorer
        func grouped() -> BoundGroups {
            BoundGroups(bounds: (0..<n).map { i in upperWith[i].isNaN || upperWithout[i].isNaN ? .nan : max(upperWith[i], upperWithout[i]) })
        }
        var order: BoundGroups
        if let old, upperWith.count <= n,
           reference == 0 || (old.boundScorer.salesReference > 0 && old.boundScorer.salesReference <= reference
                              && old.boundScorer.salesReference >= reference * 0.95) {
            boundScorer = old.boundScorer
            upperWith += [Double](repeating: 0, count: n - upperWith.count)
            upperWithout += [Double](repeating: 0, count: n - upperWithout.count)
            for i in recomputed { (upperWith[i], upperWithout[i]) = bounds(i, boundScorer) }
            order = old.order
            for i in recomputed { order.markChanged(i) }
            if order.needsRegrouping { order = grouped() }
        } else {
            if old != nil { boundScorer = Scorer(profile: profile, table: context.frame.table, policy: config, salesReference: reference * 0.99) }
            upperWith = [Double](repeating: 0, count: n)
            upperWithout = [Double](repeating: 0, count: n)
            for i in 0..<n { (upperWith[i], upperWithout[i]) = bounds(i, boundScorer) }
            order = grouped()
        }
        return InstantDerived(instant: instant, profile: profile, version: version, pending: pending, scorer: scorer, boundScorer: boundScorer,
                              totals: totals, exact: exact, upperWith: upperWith, upperWithout: upperWithout, order: order)
    }

    /// The state at `instant` for `profile` inside one read transaction: the follower's when the server follows
    /// the bounds (`followScoringState()`), otherwise read from disk. `nil` when the state keeps no sales key
    /// for the profile.
    func withStateAtInstant<T>(at instant: Date, profile: ScoringProfile, _ body: (any SQLSession, StateAtInstant) throws -> T) throws -> T? {
        // The follower is held while it syncs and derives (reads then start their transactions in its order); the
        // body runs on its own copy of the state, beside other reads.
        if let result = try scoringFollower.ifFollowing({ release in
            try sqlRead { db -> T? in
                guard let state = try followedState(db, at: instant, profile: profile) else { return nil }
                release()
                return try body(db, state)
            }
        }) { return result }
        return try sqlRead { db in
            guard let state = try stateAtInstant(db, at: instant, profile: profile) else { return nil }
            return try body(db, state)
        }
    }

    /// The shortlist from the scoring state: records are opened in order of falling upper bound until no bound
    /// can beat the list's last entry — the same list as ranking the whole population
    /// (`ScoringPopulation.shortlist`), without building it. `nil` when the state keeps no sales key for the profile.
    public func shortlistFromState(_ campaign: Campaign, shop: Shop, at instant: Date, profile: ScoringProfile, limit: Int,
                                   filter: ShortlistFilter = ShortlistFilter(), explain: Bool = false) throws -> (ranked: [RankedCreator], salesReference: Double)? {
        try withStateAtInstant(at: instant, profile: profile) { db, state in
            (ranked: try shortlist(db, state, campaign, shop: shop, limit: limit, filter: filter, explain: explain), salesReference: state.scorer.salesReference)
        }
    }

    /// The shortlist of `campaign` from a state: creators are opened in falling order of their upper bound for the
    /// campaign (`BoundGroups`: the groups of the highest bounds pushed into a heap one at a time), equal bounds by
    /// creator id, until the list is full and no bound left can beat its last entry. A bound is never below the
    /// score, so the list is the exact top `limit` by score, equal scores by creator id (`TopK`).
    func shortlist(_ db: any SQLSession, _ state: StateAtInstant, _ campaign: Campaign, shop: Shop, limit: Int, filter: ShortlistFilter,
                   explain: Bool) throws -> [RankedCreator] {
        // K-OPEN refuses every creator of a campaign that does not run at the instant: no record need be opened.
        guard limit > 0, state.context.policy.campaignIsOpen(campaign, at: state.instant) else { return [] }
        let scorer = state.scorer
        let target = CampaignTarget(campaign.categories, table: state.context.frame.table)
        let scan = state.scan, derived = state.derived
        var top = TopK(capacity: limit)
        var chosen: [Int32: (Creator, ScoringInputs)] = [:]
        // M-NICHE: a creator sharing no top-level category has niche fit 0 (every credit needs a shared top); unless
        // the profile admits fit 0 its bound is −∞, and the first such bound ends the list.
        let noNiche = scorer.profile.admitsNoNiche
        /// Creator `i` taken in bound order: false ends the walk. `opened` holds records read ahead.
        func take(_ i: Int, _ bound: Double, _ opened: [Int: StateAtInstant.ReadAhead]?) throws -> Bool {
            if top.isFull, let worst = top.worst, bound < worst.score { return false }
            if bound == -.infinity && !noNiche { return false }
            let id = scan.ids[i]
            let found = try opened.map { try state.record(i, from: $0[i]) } ?? state.record(db, i, store: self)
            guard let record = found else { return true }
            let creator = record.creator
            if let region = filter.region, creator.region != region { return true }
            if let minimum = filter.minFollowers, creator.followers < minimum { return true }
            let (standing, inputs) = state.scoring(record, id: id)
            guard let score = scorer.admittedScore(inputs, target) else { return true }  // M-NICHE
            guard top.wouldAccept(score: score, id: creator.id),
                  state.context.policy.isEligible(creator, standing: standing, for: campaign, shop: shop, at: state.instant) else { return true }
            top.insert(score: score, id: creator.id, index: Int32(i))
            chosen[Int32(i)] = (creator, inputs)
            return true
        }
        // On SQLite one record at a time (a point read in process). On PostgreSQL each read is a round trip, so the
        // walk reads ahead: the next 16, 32, … 512 creators in bound order in one statement, then takes them in the
        // same order with the same stopping test — the list is the same; at most one batch is read in vain.
        var ahead: [(Int, Double)] = [], batch = 16
        func drain() throws -> Bool {
            defer { ahead.removeAll(keepingCapacity: true); batch = min(batch * 2, 512) }
            let opened = try state.readAhead(db, ahead.map(\.0))
            for (i, bound) in ahead where !(try take(i, bound, opened)) { return false }
            return true
        }
        let readAhead = db.backend == .postgres
        var ended = false
        try derived.order.descending(
            count: scan.count,
            bound: { i in scan.sharesTop(i, target.tops) ? derived.upperWith[i] : noNiche ? derived.upperWithout[i] : -.infinity },
            precedes: { [scan] i, j in scan.precedes(i, j) }
        ) { i, bound in
            guard readAhead else { return try take(i, bound, nil) }
            // The stopping test against the list as it stands ends the read-ahead early too (bounds only fall).
            if top.isFull, let worst = top.worst, bound < worst.score, ahead.isEmpty { ended = true; return false }
            ahead.append((i, bound))
            guard ahead.count >= batch else { return true }
            ended = !(try drain())
            return !ended
        }
        if readAhead, !ended, !ahead.isEmpty { _ = try drain() }
        return top.sorted().map { entry in
            let (creator, inputs) = chosen[entry.index]!
            return RankedCreator(creator: creator, score: entry.score, breakdown: explain ? scorer.explain(inputs, target) : nil)
        }
    }

    /// The standings at `instant` of `creators` from their scoring records (`ScoringRecord.standing`: the policy over
    /// the record's facts), without reading their history; `nil` when the state cannot answer for the instant or keeps
    /// no record of one of them (read them from history then).
    public func standingsFromState(_ creators: [Creator], at instant: Date, profile: ScoringProfile) throws -> [CreatorStanding]? {
        try sqlRead { db in
            guard let context = try instantContext(db, at: instant, profile: profile) else { return nil }
            let pending = try pendingSales(db, frame: context.frame, at: instant)
            var standings: [CreatorStanding] = []
            standings.reserveCapacity(creators.count)
            for creator in creators {
                guard let record = try storedRecord(db, creator.id.rawValue) else { return nil }
                standings.append(record.standing(at: instant, week: context.week, pending: pending[creator.id.rawValue] ?? [], policy: context.policy))
            }
            return standings
        }
    }

    /// A creator's scoring inputs and standing at `instant` from the state, with the scorer of the population
    /// at that instant; `nil` when the state keeps no sales key for the profile or has no record of the creator.
    public func scoringFromState(creator id: CreatorID, at instant: Date, profile: ScoringProfile) throws -> (Creator, CreatorStanding, ScoringInputs, Scorer)? {
        // A server following the bounds has the population's reference at hand.
        if let followed = try scoringFollower.ifFollowing({ release in
            try sqlRead { db -> (Creator, CreatorStanding, ScoringInputs, Scorer)?? in
                guard let state = try followedState(db, at: instant, profile: profile) else { return nil }
                release()
                guard let record = try storedRecord(db, id.rawValue) else { return .some(nil) }
                let (standing, inputs) = state.scoring(record, id: id.rawValue)
                return .some((record.creator, standing, inputs, state.scorer))
            }
        }) { return followed }
        // A cold process reads one record, the pending sales and the sales keys next to the reference's rank
        // (`keyedSalesReference`), never every bound.
        return try sqlRead { db in
            guard let context = try instantContext(db, at: instant, profile: profile),
                  let record = try storedRecord(db, id.rawValue) else { return nil }
            // After the settled boundary, pending sales only add: read flat for the lifted reference. Before it (a look
            // back), they are taken away and every one of their creators' keys is read (`keyedSalesReference`).
            let (mine, reference): ([PendingSale], Double)
            if pendingRange(context.frame, at: instant)?.sign == 1 {
                let pending = try pendingLines(db, frame: context.frame, at: instant, decay: context.frame.decays[context.decay], rates: profile.currencyRates)
                mine = pending.lines(of: id.rawValue)
                reference = try liftedSalesReference(db, context, pending: pending) ?? keyedSalesReference(db, context, pending: pending.byCreator)
            } else {
                let pending = try pendingSales(db, frame: context.frame, at: instant)
                mine = pending[id.rawValue] ?? []
                reference = try keyedSalesReference(db, context, pending: pending)
            }
            let (standing, inputs) = record.scoring(at: instant, week: context.week, pending: mine, frame: context.frame,
                                                    decay: context.decay, profile: profile, policy: context.policy)
            let scorer = Scorer(profile: profile, table: context.frame.table, policy: config, salesReference: reference)
            return (record.creator, standing, inputs, scorer)
        }
    }
}

/// Steps `statement` to its end with SQLite's own calls (no row objects), calling `body` with the raw statement on
/// each row; a step that fails throws its `DatabaseError`. The raw handle is valid during `body` only: the statement
/// is kept alive until this returns (Swift may end an object's life at its last use, and a finalized handle stepped
/// on crashes inside SQLite).
func eachRawRow(_ statement: Statement, _ db: Database, _ body: (_ stmt: OpaquePointer) throws -> Void) throws {
    let stmt = statement.sqliteStatement
    defer { withExtendedLifetime(statement) {} }
    while true {
        let code = sqlite3_step(stmt)
        if code == SQLITE_DONE { break }
        guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
        try body(stmt)
    }
}
