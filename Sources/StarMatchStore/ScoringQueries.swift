public import Foundation
import GRDB
import GRDBSQLite
public import StarMatchCore

/// Every creator's bound (`ScoringBound`) at one instant for one profile: what a shortlist or a creator's
/// matches read instead of the whole population. Built inside one read transaction.
struct BoundScan {
    var ids: [String] = []
    var followers: [Int32] = []
    var chrCeilings: [Int32] = []
    var samples: [Int32] = []
    /// `tops[topStarts[i]..<topStarts[i + 1]]` are creator i's top-level niche categories.
    var tops: [Int32] = []
    var topStarts: [Int32] = [0]
    var keys: [Double] = []

    func sharesTop(_ i: Int, _ campaignTops: [Int32]) -> Bool {
        for k in Int(topStarts[i])..<Int(topStarts[i + 1]) where campaignTops.contains(tops[k]) { return true }
        return false
    }
}

/// The scoring state read at one instant for one profile: the population's exact sales reference and, per
/// creator on demand, the standing and inputs its record gives (`ScoringRecord.scoring`).
struct StateAtInstant {
    let instant: Date
    let week: QuotaWeek
    let profile: ScoringProfile
    let policy: Policy
    let frame: ScoringFrame
    let decay: Int
    let scan: BoundScan
    /// Sales between the settled boundary and the instant, by creator id.
    let pending: [String: [PendingSale]]
    let scorer: Scorer
    /// Exact totals of the creators read exactly (pending ones, and those near the reference's rank).
    let totals: [Double]
    let exact: [Bool]
}

/// What every read of the state at one instant for one profile needs before any creator: the frame, the
/// profile's sums and key, and the sales pending between the settled boundary and the instant.
struct ScoringContext {
    let instant: Date
    let week: QuotaWeek
    let profile: ScoringProfile
    let policy: Policy
    let table: CategoryTable
    let frame: ScoringFrame
    /// The profile's half-life in the frame (`ScoringRecord.settledSales`) and its key profile's index.
    let decay: Int
    let keyIndex: Int
    let keyCount: Int
    /// Sales between the settled boundary and the instant, by creator id.
    let pending: [String: [PendingSale]]
}

extension StarMatchStore {
    /// The context of a read at `instant` for `profile`, or `nil` when the state keeps no sales key for the
    /// profile (the caller then uses the whole population).
    func scoringContext(_ db: Database, at instant: Date, profile: ScoringProfile) throws -> ScoringContext? {
        let (table, taxonomy) = try Self.categoryTable(db)
        guard let stored = try Self.storedFrame(db), stored.taxonomy == taxonomy,
              let decay = stored.halfLives.firstIndex(of: profile.salesHalfLifeDays),
              let keyIndex = stored.keyProfiles.firstIndex(of: SalesKeyProfile(profile)) else { return nil }
        let frame = Self.frame(stored, table: table)
        return ScoringContext(instant: instant, week: QuotaWeek(containing: instant, timeZone: config.timeZone), profile: profile,
                              policy: Policy(config: config), table: table, frame: frame, decay: decay, keyIndex: keyIndex,
                              keyCount: stored.keyProfiles.count, pending: try pendingSales(db, frame: frame, at: instant))
    }

    /// Reads the state at `instant` for `profile`, or `nil` when it keeps no sales key for the profile (the
    /// caller then uses the whole population).
    func stateAtInstant(_ db: Database, at instant: Date, profile: ScoringProfile) throws -> StateAtInstant? {
        guard let context = try scoringContext(db, at: instant, profile: profile) else { return nil }
        let (table, frame, decay, keyIndex, policy, week) = (context.table, context.frame, context.decay, context.keyIndex, context.policy, context.week)
        var scan = BoundScan()
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM scoring_bounds") ?? 0
        scan.ids.reserveCapacity(count)
        scan.keys.reserveCapacity(count)
        // A million rows: read with SQLite's own accessors (no row objects), strictly — a wrong storage class is
        // a damaged row.
        let statement = try db.makeStatement(sql: "SELECT creator_id, followers, chr_ceiling, samples, tops, sales_keys FROM scoring_bounds ORDER BY creator_id")
        let stmt = statement.sqliteStatement
        let keyWidth = 8 * context.keyCount
        while true {
            let code = sqlite3_step(stmt)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
            guard sqlite3_column_type(stmt, 0) == SQLITE_TEXT, let text = sqlite3_column_text(stmt, 0) else {
                throw DamagedRow(table: "scoring_bounds", id: "?", column: "creator_id", reason: "not text")
            }
            let id = String(cString: text)
            func integer(_ column: Int32, _ name: String) throws -> Int32 {
                guard sqlite3_column_type(stmt, column) == SQLITE_INTEGER else { throw DamagedRow(table: "scoring_bounds", id: id, column: name, reason: "not a whole number") }
                return Int32(clamping: sqlite3_column_int64(stmt, column))
            }
            scan.ids.append(id)
            scan.followers.append(try integer(1, "followers"))
            scan.chrCeilings.append(try integer(2, "chr_ceiling"))
            scan.samples.append(try integer(3, "samples"))
            let topBytes = Int(sqlite3_column_bytes(stmt, 4))
            guard sqlite3_column_type(stmt, 4) == SQLITE_BLOB || topBytes == 0, topBytes % 4 == 0,
                  sqlite3_column_type(stmt, 5) == SQLITE_BLOB, Int(sqlite3_column_bytes(stmt, 5)) == keyWidth,
                  let keys = sqlite3_column_blob(stmt, 5) else {
                throw DamagedRow(table: "scoring_bounds", id: id, column: "tops", reason: "not a bound")
            }
            if topBytes > 0, let tops = sqlite3_column_blob(stmt, 4) {
                let raw = UnsafeRawBufferPointer(start: tops, count: topBytes)
                for k in stride(from: 0, to: topBytes, by: 4) { scan.tops.append(Int32(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt32.self)))) }
            }
            scan.topStarts.append(Int32(scan.tops.count))
            scan.keys.append(Double(bitPattern: UInt64(littleEndian: UnsafeRawBufferPointer(start: keys, count: keyWidth).loadUnaligned(fromByteOffset: 8 * keyIndex, as: UInt64.self))))
        }
        // Sales between the settled boundary and the instant: their creators are read exactly.
        let pending = context.pending
        let halfLife = frame.decays[decay]
        var totals = [Double](repeating: 0, count: scan.ids.count)
        var exact = [Bool](repeating: false, count: scan.ids.count)
        func exactTotal(_ i: Int) throws -> Double {
            guard let record = try storedRecord(db, scan.ids[i]) else { throw DamagedRow(table: "scoring_records", id: scan.ids[i], column: "record", reason: "missing") }
            return record.scoring(at: instant, week: week, pending: pending[scan.ids[i]] ?? [], frame: frame, decay: decay,
                                  profile: profile, policy: policy).1.totalSalesValue
        }
        for i in scan.ids.indices {
            let approximate = SalesKeyProfile.approximateTotal(key: scan.keys[i], at: instant, decay: halfLife)
            if (!pending.isEmpty && pending[scan.ids[i]] != nil) || (scan.keys[i] > -.infinity && approximate < 1e-280) {
                totals[i] = try exactTotal(i)
                exact[i] = true
            } else {
                totals[i] = approximate
                exact[i] = scan.keys[i] == -.infinity
            }
        }
        let reference = try Scorer.salesReference(values: totals, isExact: { exact[$0] }, exact: exactTotal,
                                                  percentile: profile.salesReferencePercentile)
        let scorer = Scorer(profile: profile, table: table, policy: config, salesReference: reference)
        return StateAtInstant(instant: instant, week: week, profile: profile, policy: policy, frame: frame, decay: decay, scan: scan,
                              pending: pending, scorer: scorer, totals: totals, exact: exact)
    }

    /// The shortlist from the scoring state: every creator's bound is read, and records are opened in order
    /// of falling bound until no bound can beat the list's last entry — the same list as ranking the whole
    /// population (`ScoringPopulation.shortlist`), without building it. `nil` when the state keeps no sales key
    /// for the profile.
    public func shortlistFromState(_ campaign: Campaign, shop: Shop, at instant: Date, profile: ScoringProfile, limit: Int,
                                   filter: ShortlistFilter = ShortlistFilter(), explain: Bool = false) throws -> (ranked: [RankedCreator], salesReference: Double)? {
        try writer.read { db in
            guard let state = try stateAtInstant(db, at: instant, profile: profile) else { return nil }
            let scorer = state.scorer
            let target = CampaignTarget(campaign.categories, table: state.frame.table)
            let scan = state.scan
            // Upper bounds; approximate totals are widened by twice their tolerance.
            var order: [(bound: Double, index: Int32)] = []
            order.reserveCapacity(scan.ids.count)
            for i in scan.ids.indices {
                let sales = state.exact[i] ? state.totals[i] : state.totals[i] * (1 + 2e-9)
                let bound = scorer.upperBound(followers: Int(scan.followers[i]), chrCeiling: Int(scan.chrCeilings[i]), samplesShipped: Int(scan.samples[i]),
                                              salesTotal: sales, sharesTop: scan.sharesTop(i, target.tops))
                order.append((bound, Int32(i)))
            }
            // Larger bound first; equal bounds by smaller index (creator id order).
            var heap = BinaryHeap(order) { a, b in a.bound != b.bound ? a.bound > b.bound : a.index < b.index }
            var top = TopK(capacity: max(limit, 0))
            var chosen: [Int32: (Creator, ScoringInputs)] = [:]
            while limit > 0, let next = heap.pop() {
                if top.isFull, let worst = top.worst, next.bound < worst.score { break }
                let id = scan.ids[Int(next.index)]
                guard let record = try storedRecord(db, id) else { continue }
                let creator = record.creator
                if let region = filter.region, creator.region != region { continue }
                if let minimum = filter.minFollowers, creator.followers < minimum { continue }
                let (standing, inputs) = record.scoring(at: instant, week: state.week, pending: state.pending[id] ?? [], frame: state.frame,
                                                        decay: state.decay, profile: profile, policy: state.policy)
                let score = scorer.score(inputs, target)
                guard top.wouldAccept(score: score, id: creator.id) else { continue }
                guard state.policy.isEligible(creator, standing: standing, for: campaign, shop: shop, at: instant) else { continue }
                top.insert(score: score, id: creator.id, index: next.index)
                chosen[next.index] = (creator, inputs)
            }
            let ranked = top.sorted().map { entry in
                let (creator, inputs) = chosen[entry.index]!
                return RankedCreator(creator: creator, score: entry.score, breakdown: explain ? scorer.explain(inputs, target) : nil)
            }
            return (ranked, scorer.salesReference)
        }
    }

    /// A creator's scoring inputs and standing at `instant` from the state, with the scorer of the population
    /// at that instant; `nil` when the state keeps no sales key for the profile or has no record of the creator.
    /// Reads one record, the pending sales and the sales keys next to the reference's rank
    /// (`keyedSalesReference`), never every bound.
    public func scoringFromState(creator id: CreatorID, at instant: Date, profile: ScoringProfile) throws -> (Creator, CreatorStanding, ScoringInputs, Scorer)? {
        try writer.read { db in
            guard let context = try scoringContext(db, at: instant, profile: profile),
                  let record = try storedRecord(db, id.rawValue) else { return nil }
            let (standing, inputs) = record.scoring(at: instant, week: context.week, pending: context.pending[id.rawValue] ?? [], frame: context.frame,
                                                    decay: context.decay, profile: profile, policy: context.policy)
            let scorer = Scorer(profile: profile, table: context.table, policy: config, salesReference: try keyedSalesReference(db, context))
            return (record.creator, standing, inputs, scorer)
        }
    }
}
