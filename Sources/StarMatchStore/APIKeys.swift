import Crypto
public import Foundation
public import StarMatchCore

/// What an API key may do (issue 5): a manager sees and changes everything; a brand only its own shop.
public enum APIRole: String, Sendable, Codable, CaseIterable {
    case manager, brand
}

/// The caller behind an API key.
public struct Principal: Sendable, Equatable {
    public var keyID: String
    public var role: APIRole
    /// The brand's shop; `nil` for managers.
    public var shop: ShopID?

    public init(keyID: String, role: APIRole, shop: ShopID?) {
        self.keyID = keyID
        self.role = role
        self.shop = shop
    }

    public var isManager: Bool { role == .manager }

    /// A manager acting outside the API (the CLI, a job), named for match histories.
    public static func manager(_ name: String) -> Principal { Principal(keyID: name, role: .manager, shop: nil) }

    /// Whether the caller may see `shop`'s things: a manager every shop, a brand its own.
    public func sees(shop: ShopID) -> Bool { isManager || self.shop == shop }
}

/// A stored key, without its secret (which is never stored, only its SHA-256).
public struct APIKeyInfo: Sendable, Codable, Equatable {
    public var id: String
    public var role: APIRole
    public var shop: ShopID?
    public var label: String?
    public var createdAt: Date
    public var revokedAt: Date?
}

extension StarMatchStore {
    /// Creates a key. The secret (`sm_ID_64HEX`) is returned once and never stored: only its SHA-256 is.
    /// - Throws: `StoreError` when a brand key names no or an unknown shop, or a manager key names one.
    public func createAPIKey(role: APIRole, shop: ShopID?, label: String?, at now: Date) throws -> (info: APIKeyInfo, secret: String) {
        switch (role, shop) {
        case (.brand, nil): throw DomainError.invalid("a brand key needs --shop: the one shop it may see")
        case (.manager, .some): throw DomainError.invalid("a manager key sees every shop; leave out --shop")
        default: break
        }
        if let label, label.count > 200 { throw DomainError.invalid("--label: at most 200 characters") }
        var generator = SystemRandomNumberGenerator()
        func hex(_ count: Int) -> String { Self.hex((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        let id = "key_" + hex(4)
        let secret = "sm_\(id.dropFirst(4))_" + hex(32)
        let info = APIKeyInfo(id: id, role: role, shop: shop, label: label, createdAt: now, revokedAt: nil)
        try sqlWrite { db in
            if let shop, try db.row("SELECT 1 FROM shops WHERE id = ?", [.text(shop.rawValue)]) == nil {
                throw DomainError.invalid("--shop: unknown shop '\(shop)'")
            }
            try db.execute("INSERT INTO api_keys (id, hash, role, shop_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.text(id), .text(Self.hash(secret)), .text(role.rawValue), shop?.rawValue.sqlValue ?? .null, label.sqlValue,
                 .integer(UpsertSQL.seconds(now))])
        }
        return (info, secret)
    }

    /// Every key, oldest first.
    public func apiKeys() throws -> [APIKeyInfo] {
        try sqlRead { db in try db.rows("SELECT * FROM api_keys ORDER BY created_at, id", []).map(Self.apiKey) }
    }

    /// Revokes a key at once (the server checks every request against the database). Revoking twice keeps
    /// the first time. - Throws: `StoreError` for an unknown id.
    @discardableResult
    public func revokeAPIKey(_ id: String, at now: Date) throws -> APIKeyInfo {
        let info = try sqlWrite { db in
            try db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [.integer(UpsertSQL.seconds(now)), .text(id)])
            guard let row = try db.row("SELECT * FROM api_keys WHERE id = ?", [.text(id)]) else {
                throw DomainError.notFound("unknown key '\(id)' (see `starmatch keys list`)")
            }
            return try Self.apiKey(row)
        }
        // After the commit: a lookup that read the key before it is not cached (see `RecentCache.generation`); the key's
        // desk sessions die with it.
        keyCache.removeAll()
        sessionCache.removeAll()
        return info
    }

    /// The caller a secret stands for: `nil` for anything but a stored, unrevoked key.
    ///
    /// A valid key is remembered for `KeyCache.lifetime` (one second), so a busy client costs one lookup a
    /// second: a key revoked by another process (`starmatch keys revoke`) is refused within a second; one
    /// revoked through this store at once.
    public func authenticate(secret: String, now: ContinuousClock.Instant = .now) throws -> Principal? {
        guard secret.hasPrefix("sm_"), secret.utf8.count <= 200 else { return nil }
        let hash = Self.hash(secret)
        if let hit = keyCache.get(hash, now: now) { return hit }
        let generation = keyCache.generation
        let principal = try sqlRead(isolated: false) { db in  // one statement: its own snapshot, no transaction needed
            try db.row("SELECT id, role, shop_id FROM api_keys WHERE hash = ? AND revoked_at IS NULL", [.text(hash)]).map(Self.principal)
        }
        if let principal { keyCache.set(hash, principal, now: now, generation: generation) }
        return principal
    }

    static func hash(_ secret: String) -> String { hex(SHA256.hash(data: Data(secret.utf8))) }

    /// Lowercase hex of `bytes` (key secrets, key hashes, table hashes).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The principal of a stored key, strictly: a brand key must name its shop (a brand without one would
    /// otherwise be filtered by no shop at all), a manager key none.
    static func principal(_ row: SQLRow) throws -> Principal {
        let id = row.get("id", as: String.self) ?? ""
        let strict = StrictRow(row, table: "api_keys", id: id)
        let role = try strict.value("role", as: APIRole.self)
        let shop = row.get("shop_id", as: String.self).map { ShopID($0) }
        guard (role == .brand) == (shop != nil) else {
            throw strict.damaged("shop_id", role == .brand ? "a brand key without its shop" : "a manager key bound to a shop")
        }
        return Principal(keyID: id, role: role, shop: shop)
    }

    /// A stored key, strictly (`StrictRow`).
    static func apiKey(_ row: SQLRow) throws -> APIKeyInfo {
        let id = row.get("id", as: String.self) ?? ""
        let strict = StrictRow(row, table: "api_keys", id: id)
        return APIKeyInfo(id: id, role: try strict.value("role", as: APIRole.self), shop: row.get("shop_id", as: String.self).map { ShopID($0) },
            label: row.get("label", as: String.self), createdAt: try strict.instant("created_at"), revokedAt: try strict.optionalInstant("revoked_at"))
    }
}

/// What recently authenticated secrets stand for (a key's principal, a desk session), by the secret's hash, each
/// for `lifetime`.
final class RecentCache<Value: Sendable>: @unchecked Sendable {
    static var lifetime: Duration { .seconds(1) }
    private let lock = NSLock()
    private var entries: [String: (value: Value, until: ContinuousClock.Instant)] = [:]
    private var removals = 0

    /// Counts `removeAll()` calls: a lookup reads it before its database read and passes it to `set`, so a
    /// key read before a revocation committed is not cached after the revocation cleared the cache.
    var generation: Int { lock.withLock { removals } }

    func get(_ hash: String, now: ContinuousClock.Instant) -> Value? {
        lock.withLock {
            guard let entry = entries[hash], now < entry.until else { return nil }
            return entry.value
        }
    }

    /// Remembers `value` unless the cache was cleared since `generation` was read.
    func set(_ hash: String, _ value: Value, now: ContinuousClock.Instant, generation: Int) {
        lock.withLock {
            guard generation == removals else { return }
            if entries.count > 10_000 { entries.removeAll() }  // only valid secrets enter; a bound all the same
            entries[hash] = (value, now + Self.lifetime)
        }
    }

    /// Forgets everything; call it after a change to `api_keys` (or `desk_sessions`) has committed.
    func removeAll() {
        lock.withLock {
            entries.removeAll()
            removals += 1
        }
    }
}

/// Principals of recently authenticated key hashes.
typealias KeyCache = RecentCache<Principal>
