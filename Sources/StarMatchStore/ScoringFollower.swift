import Foundation
import GRDB
import StarMatchCore

/// A server's copy of every creator's bound (`scoring_bounds`), kept consistent by applying changes instead of
/// reading the whole table per question.
///
/// At each read, inside the read's transaction, it applies the bounds whose `seq` (the data version of the
/// write that stored them) is above the version it holds — the server's own writes and other processes' alike —
/// and reloads everything only when the state's `generation` moved (a rebuild, a deleted creator, a restore)
/// or the data version went back. What the bounds give at an instant (`InstantDerived`) is kept for the last
/// few (instant, profile) pairs asked about and brought forward by the bounds that changed, so memory does not
/// grow with the instants or campaigns asked about. The sales keys are held in order too (`OrderedKeys`, one per
/// key profile), so the sales reference never reads the stored order. Reads are serialized only while they sync
/// and derive; each then works on its own copy of the state (copy-on-write arrays) beside the others.
final class ScoringFollower: @unchecked Sendable {
    private let lock = NSLock()
    /// Everything below is guarded by `lock`.
    private var following = false
    private var scan: BoundScan?
    /// The finite keys of `scan`, in order, one per key profile.
    private var keyOrders: [OrderedKeys] = []
    private var generation: String?
    private var version: Int64 = 0
    private var keyProfiles: [SalesKeyProfile] = []
    /// Positions of the creators appended past the sorted ones.
    private var appended: [String: Int32] = [:]
    /// Entries of `scan.tops` no creator uses any more.
    private var unusedTops = 0
    /// The creators whose bounds changed, by the version they were applied at; complete for every version above
    /// `logFloor`.
    private var log: [(version: Int64, indices: [Int32])] = []
    private var logSize = 0
    private var logFloor: Int64 = 0
    /// Most recently used first.
    private var derived: [InstantDerived] = []
    /// The records reads opened, decoded, and the load they belong to (`FollowedRecords`).
    private let records = FollowedRecords()
    private var epoch = 0

    /// How many (instant, profile) pairs keep their derived values; how many changed creators the log keeps.
    static let derivedCapacity = 3
    static let logCapacity = 100_000

    func start() {
        lock.lock()
        following = true
        lock.unlock()
    }

    /// Runs `body` holding the follower, when following, until `body` calls its `release` (or returns); `nil`
    /// (without running it) otherwise. What `sync` and `state` give stays valid after the release.
    func ifFollowing<T>(_ body: (_ release: () -> Void) throws -> T?) rethrows -> T? {
        lock.lock()
        var held = true
        defer { if held { lock.unlock() } }
        guard following else { return nil }
        return try body {
            if held {
                held = false
                lock.unlock()
            }
        }
    }

    /// The position of creator `id`, if held.
    private func position(of id: String) -> Int? {
        guard let scan else { return nil }
        return scan.sortedPosition(of: id) ?? appended[id].map(Int.init)
    }

    /// Brings the bounds up to the data version of `db`'s transaction. Called with the lock held.
    fileprivate func sync(_ db: any SQLSession, stored: StoredFrame) throws {
        let now = try StarMatchStore.currentDataVersion(db)
        let currentGeneration = try db.value("SELECT value FROM scoring_frame WHERE key = 'generation'", as: String.self)
        let keyWidth = 8 * stored.keyProfiles.count
        guard var held = scan, currentGeneration == generation, now >= version, stored.keyProfiles == keyProfiles else {
            scan = nil
            derived = []
            keyOrders = []
            let loaded = try StarMatchStore.readBounds(db, stored: stored, keyIndex: nil)
            keyOrders = (0..<loaded.keyCount).map { k in
                OrderedKeys((0..<loaded.count).compactMap { i in
                    let key = loaded.key(i, k)
                    return key.isFinite ? OrderedKeys.Entry(key: key, index: Int32(i)) : nil
                })
            }
            scan = loaded
            epoch = records.reload(count: loaded.count)
            generation = currentGeneration
            version = now
            keyProfiles = stored.keyProfiles
            appended = [:]
            unusedTops = 0
            log = []
            logSize = 0
            logFloor = now
            return
        }
        guard now > version else { return }
        scan = nil  // held alone: changed in place
        var changed: [Int32] = []
        try BoundScan.read(db, "SELECT creator_id, followers, chr_ceiling, samples, tops, sales_keys FROM scoring_bounds WHERE seq > ?",
                           [.integer(version)], keyWidth: keyWidth) { id, followers, chr, samples, tops, keys in
            let existing = held.sortedPosition(of: id) ?? appended[id].map(Int.init)
            let i = existing ?? held.count
            for k in 0..<held.keyCount {
                let old = existing.map { held.key($0, k) } ?? -.infinity, new = BoundScan.double(keys, 8 * k)
                guard old.bitPattern != new.bitPattern else { continue }
                if old.isFinite { keyOrders[k].remove(OrderedKeys.Entry(key: old, index: Int32(i))) }
                if new.isFinite { keyOrders[k].insert(OrderedKeys.Entry(key: new, index: Int32(i))) }
            }
            if existing != nil {
                unusedTops += held.replace(i, followers, chr, samples, tops: tops, keys: keys)
            } else {
                appended[id] = Int32(i)
                held.append(id, followers, chr, samples, tops: tops, keys: keys, keyIndex: nil)
            }
            changed.append(Int32(i))
        }
        if unusedTops > 1 << 16 && unusedTops > held.tops.count / 2 {
            held.compactTops()
            unusedTops = 0
        }
        scan = held
        version = now
        records.changed(changed, at: now)
        log.append((now, changed))
        logSize += changed.count
        while logSize > Self.logCapacity, !log.isEmpty {
            let dropped = log.removeFirst()
            logSize -= dropped.indices.count
            logFloor = dropped.version
        }
    }

    /// The state at the context's instant, from the held bounds. Called with the lock held, after `sync`.
    fileprivate func state(_ db: any SQLSession, _ context: InstantContext, store: StarMatchStore) throws -> StateAtInstant {
        guard let scan else { preconditionFailure("follower used before sync") }
        var previous: InstantDerived?
        if let k = derived.firstIndex(where: { $0.instant == context.instant && $0.profile == context.profile }) {
            previous = derived.remove(at: k)
        }
        let value: InstantDerived
        if let current = previous, current.version == version {
            value = current
        } else if let from = previous?.version, from >= logFloor {
            var changed: [Int32] = []
            for entry in log where entry.version > from { changed += entry.indices }
            value = try store.derive(db, context, scan, version: version, from: &previous, changed: changed, position: position(of:), keyOrders: keyOrders)
        } else {
            previous = nil
            value = try store.derive(db, context, scan, version: version, from: &previous, changed: [], position: position(of:), keyOrders: keyOrders)
        }
        derived.insert(value, at: 0)
        if derived.count > Self.derivedCapacity { derived.removeLast() }
        return StateAtInstant(context: context, scan: scan.forQueries(), derived: value.forQueries(), kept: (records, epoch, version))
    }
}

/// The decoded records of the creators a follower's reads open (a shortlist opens hundreds, mostly the same ones
/// from campaign to campaign), shared by reads that run at different data versions.
///
/// An entry read at version v serves a read at version r only if the creator's bound — written with every change
/// of its record — changed at no version after min(v, r) (`lastChanged`, set by the sync that applies the change,
/// before any read at that version runs): the record is then the same at both versions. A reload (`epoch`)
/// renumbers the creators and drops everything. At most `capacity` records are kept; past it the cache restarts.
final class FollowedRecords: @unchecked Sendable {
    private let lock = NSLock()
    /// Everything below is guarded by `lock`.
    private var epoch = 0
    private var lastChanged: [Int64] = []
    private var records: [Int32: (version: Int64, record: ScoringRecord)] = [:]
    static let capacity = 32_768

    /// Drops every record for a load of `count` creators; returns the new load's epoch.
    func reload(count: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        epoch += 1
        lastChanged = [Int64](repeating: 0, count: count)
        records = [:]
        return epoch
    }

    /// The creators at `indices` changed at `version` (those appended included).
    func changed(_ indices: [Int32], at version: Int64) {
        lock.lock()
        defer { lock.unlock() }
        for i in indices.map(Int.init) {
            if i >= lastChanged.count { lastChanged += [Int64](repeating: 0, count: i + 1 - lastChanged.count) }
            lastChanged[i] = version
            records[Int32(i)] = nil
        }
    }

    /// Creator `i`'s record for a read at `version` of load `epoch`, if one kept is valid there.
    func record(_ i: Int32, epoch: Int, version: Int64) -> ScoringRecord? {
        lock.lock()
        defer { lock.unlock() }
        guard epoch == self.epoch, let kept = records[i], Int(i) < lastChanged.count,
              lastChanged[Int(i)] <= min(kept.version, version) else { return nil }
        return kept.record
    }

    /// Keeps creator `i`'s record as read at `version` of load `epoch` (unless it has changed since).
    func keep(_ record: ScoringRecord, _ i: Int32, epoch: Int, version: Int64) {
        lock.lock()
        defer { lock.unlock() }
        guard epoch == self.epoch, Int(i) < lastChanged.count, lastChanged[Int(i)] <= version else { return }
        if records.count >= Self.capacity { records = [:] }
        records[i] = (version, record)
    }
}

extension StarMatchStore {
    /// Makes this store's scoring reads (shortlists, a creator's matches, `why`) use an in-memory copy of the
    /// bounds kept up to date from their `seq` (`ScoringFollower`): for a server. Until called, every read reads
    /// the bounds from disk. Results are identical either way.
    public func followScoringState() {
        scoringFollower.start()
    }

    /// The state at `instant` from the follower, synced to `db`'s transaction; `nil` when the state keeps no
    /// sales key for the profile.
    func followedState(_ db: any SQLSession, at instant: Date, profile: ScoringProfile) throws -> StateAtInstant? {
        guard let context = try instantContext(db, at: instant, profile: profile) else { return nil }
        try scoringFollower.sync(db, stored: context.stored)
        return try scoringFollower.state(db, context, store: self)
    }
}
