import Foundation
import GRDB
import StarMatchCore
@testable import StarMatchStore
import Testing

@Suite("API keys (issue 5, Security): hashed secrets, roles, revocation")
struct APIKeyTests {
    /// A whole second, so what the store returns at once equals what it reads back.
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test("SHA-256 is the standard one, as lowercase hex")
    func hashIsSHA256() {
        #expect(StarMatchStore.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(StarMatchStore.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test("only the secret's SHA-256 is stored: the secret appears nowhere in the table", arguments: TestBackend.all)
    func hashStoredNotSecret(backend: TestBackend) throws {
        // Given a store with shops
        let dir = try TempDir()
        let store = try makeStore(dir, backend)

        // When a manager key and a brand key are created
        let manager = try store.createAPIKey(role: .manager, shop: nil, label: "desk", at: now)
        let brand = try store.createAPIKey(role: .brand, shop: ShopID("sh-a"), label: nil, at: now)

        // Then each secret has the documented shape and the table holds its hash, never the secret
        for (info, secret) in [manager, brand] {
            let parts = secret.split(separator: "_", omittingEmptySubsequences: false)
            #expect(parts.count == 3 && parts[0] == "sm")
            #expect(info.id == "key_\(parts[1])")
            #expect(parts[1].count == 8 && parts[2].count == 64)
            #expect(parts.dropFirst().allSatisfy { $0.allSatisfy { "0123456789abcdef".contains($0) } })
        }
        let rows = try store.sqlRead { db in try db.rows("SELECT * FROM api_keys ORDER BY id", []) }
        #expect(rows.count == 2)
        let everything = rows.flatMap { row in row.values.map { $0.description } }.joined(separator: "|")
        for secret in [manager.secret, brand.secret] {
            #expect(!everything.contains(secret))
            #expect(!everything.contains(String(secret.suffix(64))))
        }
        let hashes = try store.sqlRead { db in
            try db.rows("SELECT hash FROM api_keys WHERE id IN (?, ?) ORDER BY id = ? DESC", [.text(manager.info.id), .text(brand.info.id), .text(manager.info.id)])
                .compactMap { $0.get(0, as: String.self) }
        }
        #expect(hashes == [StarMatchStore.hash(manager.secret), StarMatchStore.hash(brand.secret)])
    }

    @Test("authenticate: a stored key gives its principal; unknown, revoked, malformed and too long give nil", arguments: TestBackend.all)
    func authenticate(backend: TestBackend) throws {
        // Given a manager key and a brand key
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let manager = try store.createAPIKey(role: .manager, shop: nil, label: nil, at: now)
        let brand = try store.createAPIKey(role: .brand, shop: ShopID("sh-b"), label: "home", at: now)

        // Then each secret authenticates as its key
        let asManager = try #require(try store.authenticate(secret: manager.secret))
        #expect(asManager == Principal(keyID: manager.info.id, role: .manager, shop: nil))
        #expect(asManager.isManager)
        let asBrand = try #require(try store.authenticate(secret: brand.secret))
        #expect(asBrand == Principal(keyID: brand.info.id, role: .brand, shop: ShopID("sh-b")))
        #expect(!asBrand.isManager)

        // And anything else is refused
        var wrongLast = manager.secret
        wrongLast.replaceSubrange(wrongLast.index(before: wrongLast.endIndex)..., with: manager.secret.hasSuffix("0") ? "1" : "0")
        for secret in [
            wrongLast,  // unknown: one character off
            "sm_00000000_" + String(repeating: "0", count: 64),  // unknown: well formed
            "", "sm_", "Bearer " + manager.secret, manager.secret + " ", String(manager.secret.dropFirst(3)),  // malformed
            manager.secret + String(repeating: "0", count: 200),  // too long
            "sm_" + String(repeating: "a", count: 10_000),  // far too long
        ] {
            #expect(try store.authenticate(secret: secret) == nil, "\(secret.prefix(40))")
        }

        // When the manager key is revoked, it is refused at once (the brand key still works)
        try store.revokeAPIKey(manager.info.id, at: now)
        #expect(try store.authenticate(secret: manager.secret) == nil)
        #expect(try store.authenticate(secret: brand.secret) == asBrand)
    }

    @Test("a brand key needs an existing shop; a manager key has none; nothing is stored when refused", arguments: TestBackend.all)
    func shopRules(backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)

        let unknown = #expect(throws: StoreError.self) {
            try store.createAPIKey(role: .brand, shop: ShopID("sh-nope"), label: nil, at: now)
        }
        #expect(unknown?.message.contains("sh-nope") == true)
        let noShop = #expect(throws: StoreError.self) {
            try store.createAPIKey(role: .brand, shop: nil, label: nil, at: now)
        }
        #expect(noShop?.message.contains("shop") == true)
        let managerWithShop = #expect(throws: StoreError.self) {
            try store.createAPIKey(role: .manager, shop: ShopID("sh-a"), label: nil, at: now)
        }
        #expect(managerWithShop?.message.contains("shop") == true)
        #expect(try store.apiKeys().isEmpty)
        #expect(try rowCount(store, "api_keys") == 0)

        // The schema holds the same rule even without the store's checks
        #expect(throws: (any Error).self) {
            try store.sqlWrite { db in try db.execute("INSERT INTO api_keys (id, hash, role, shop_id, created_at) VALUES ('key_x', 'h', 'brand', NULL, 0)", []) }
        }
        #expect(throws: (any Error).self) {
            try store.sqlWrite { db in try db.execute("INSERT INTO api_keys (id, hash, role, shop_id, created_at) VALUES ('key_y', 'h', 'manager', 'sh-a', 0)", []) }
        }
        #expect(try rowCount(store, "api_keys") == 0)
    }

    @Test("revoke: an unknown id is an error naming it; revoking twice keeps the first time", arguments: TestBackend.all)
    func revoke(backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let key = try store.createAPIKey(role: .brand, shop: ShopID("sh-a"), label: "glow", at: now)

        let unknown = #expect(throws: StoreError.self) { try store.revokeAPIKey("key_nope", at: now) }
        #expect(unknown?.message.contains("key_nope") == true)

        let first = try store.revokeAPIKey(key.info.id, at: now.addingTimeInterval(60))
        #expect(first.revokedAt == now.addingTimeInterval(60))
        let second = try store.revokeAPIKey(key.info.id, at: now.addingTimeInterval(3600))
        #expect(second == first)
        #expect(try store.apiKeys() == [first])
        #expect(first.createdAt == key.info.createdAt && first.label == "glow" && first.shop == ShopID("sh-a"))
    }

    @Test("the key cache never keeps a key that was read before a revocation committed")
    func cacheGeneration() {
        // Given a lookup that read its key just before a revocation cleared the cache
        let cache = KeyCache()
        let principal = Principal(keyID: "key_1", role: .manager, shop: nil)
        let t = ContinuousClock.now
        let readAt = cache.generation
        cache.removeAll()

        // When it stores what it read, then nothing is kept
        cache.set("h", principal, now: t, generation: readAt)
        #expect(cache.get("h", now: t) == nil)

        // And a lookup after the revocation is kept for one second
        cache.set("h", principal, now: t, generation: cache.generation)
        #expect(cache.get("h", now: t) == principal)
        #expect(cache.get("h", now: t + KeyCache.lifetime) == nil)
    }

    @Test("apiKeys lists oldest first, then by id, without secrets", arguments: TestBackend.all)
    func listOrder(backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let late = try store.createAPIKey(role: .manager, shop: nil, label: "late", at: now.addingTimeInterval(10))
        let sameA = try store.createAPIKey(role: .brand, shop: ShopID("sh-a"), label: "a", at: now)
        let sameB = try store.createAPIKey(role: .brand, shop: ShopID("sh-b"), label: "b", at: now)

        let listed = try store.apiKeys()
        let tied = [sameA.info, sameB.info].sorted { $0.id < $1.id }
        #expect(listed == tied + [late.info])
        #expect(listed.allSatisfy { $0.revokedAt == nil })
    }
}
