import Foundation
import GRDB
import StarMatchCore

/// Creators, shops and campaigns recently read by id, for a long-running server.
///
/// Every entry is tagged with the data version (`meta.data_version`, moved by every write) current when it
/// was read, and counts only while that version is still current. Writes through this store clear it at
/// once; writes by other processes (a CLI import while the server runs) are seen by
/// `refreshEntityCache()`, which the server calls every 100 ms — so a read is at most that stale. Until the
/// first refresh the cache is off (the CLI never turns it on).
final class EntityCache: @unchecked Sendable {
    private let lock = NSLock()
    /// The data version the entries belong to; `nil` while off or just invalidated.
    private var version: Int64?
    private(set) var creators: [String: Creator] = [:]
    private(set) var shops: [String: Shop] = [:]
    private(set) var campaigns: [String: Campaign] = [:]
    static let capacity = 200_000

    /// The version to tag a read with (`nil`: do not cache), and the cached value if there is one.
    func lookup<T>(_ key: String, _ table: KeyPath<EntityCache, [String: T]>) -> (version: Int64?, hit: T?) {
        lock.withLock {
            guard let version else { return (nil, nil) }
            return (version, self[keyPath: table][key])
        }
    }

    func store(_ value: Creator, version: Int64) { insert { if $0.version == version { $0.creators[value.id.rawValue] = value } } }
    func store(_ value: Shop, version: Int64) { insert { if $0.version == version { $0.shops[value.id.rawValue] = value } } }
    func store(_ value: Campaign, version: Int64) { insert { if $0.version == version { $0.campaigns[value.id.rawValue] = value } } }

    private func insert(_ body: (EntityCache) -> Void) {
        lock.withLock {
            if creators.count + shops.count + campaigns.count >= Self.capacity { clear() }
            body(self)
        }
    }

    /// After a write: everything read before it may be stale.
    func invalidate() { lock.withLock { version = nil; clear() } }

    /// The database's current version: entries of another version go.
    func refresh(to current: Int64) {
        lock.withLock {
            if version != current { clear() }
            version = current
        }
    }

    private func clear() {
        creators.removeAll(keepingCapacity: true)
        shops.removeAll(keepingCapacity: true)
        campaigns.removeAll(keepingCapacity: true)
    }
}

extension StarMatchStore {
    /// Turns the entity cache on (first call) and drops entries another process's writes made stale.
    /// A server calls it periodically; see `EntityCache`. On PostgreSQL the cache stays off: several servers write
    /// there, and an entity written through one is read through the others at once (issue 19) — a point read by
    /// primary key costs the round trip a version check would.
    public func refreshEntityCache() throws {
        guard postgres == nil else { return }
        entityCache.refresh(to: try dataVersion())
    }

    /// A point read through the entity cache.
    func cached<T>(_ key: String, _ table: KeyPath<EntityCache, [String: T]>, read: () throws -> T?, store: (T, Int64) -> Void) rethrows -> T? {
        let (version, hit) = entityCache.lookup(key, table)
        if let hit { return hit }
        let value = try read()
        if let value, let version { store(value, version) }
        return value
    }
}
