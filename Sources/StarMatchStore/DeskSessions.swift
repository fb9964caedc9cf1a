public import Foundation
public import StarMatchCore

/// A signed-in session of the web desk: who (the key's principal), its CSRF token and when it ends.
public struct DeskSession: Sendable, Equatable {
    public var principal: Principal
    /// The synchronizer token every form of this session carries (OWASP CSRF prevention: per-session token).
    public var csrfToken: String
    public var expiresAt: Date
}

extension StarMatchStore {
    /// How long a desk session lasts from its sign-in (a fixed end: reads never extend it, so a read never writes).
    public static let deskSessionLifetime: TimeInterval = 8 * 3600

    /// Signs in with an API key's secret: a new session for the key's principal, or `nil` for anything but a stored,
    /// unrevoked key. The token (`sd_` + 64 hex) is returned once and never stored, only its SHA-256. Sessions that
    /// have ended are deleted in the same transaction.
    public func createDeskSession(secret: String, at now: Date) throws -> (token: String, session: DeskSession)? {
        guard let principal = try authenticate(secret: secret) else { return nil }
        let token = "sd_" + Self.randomHex(bytes: 32), csrf = Self.randomHex(bytes: 32)
        let expires = now.addingTimeInterval(Self.deskSessionLifetime)
        let created = try sqlWrite { db -> Bool in
            try db.execute("DELETE FROM desk_sessions WHERE expires_at <= ?", [.integer(UpsertSQL.seconds(now))])
            // The key may have been revoked since it was read: the session is only made for a key still valid.
            guard try db.row("SELECT 1 FROM api_keys WHERE id = ? AND revoked_at IS NULL", [.text(principal.keyID)]) != nil
            else { return false }
            try db.execute("INSERT INTO desk_sessions (token_hash, key_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [.text(Self.hash(token)), .text(principal.keyID), .text(csrf), .integer(UpsertSQL.seconds(now)), .integer(UpsertSQL.seconds(expires))])
            return true
        }
        guard created else { return nil }
        return (token, DeskSession(principal: principal, csrfToken: csrf, expiresAt: Date(timeIntervalSince1970: Double(UpsertSQL.seconds(expires)))))
    }

    /// The session a token stands for at `now`: `nil` when unknown, ended, or its key is revoked. Reads only.
    ///
    /// A valid session is remembered for a second (`RecentCache`, as API keys): a busy desk costs one lookup a second,
    /// a key revoked or a session ended through this store takes effect at once, one revoked by another process
    /// (`starmatch keys revoke`) within a second.
    public func deskSession(token: String, at now: Date, clock: ContinuousClock.Instant = .now) throws -> DeskSession? {
        guard token.hasPrefix("sd_"), token.utf8.count <= 100 else { return nil }
        let hash = Self.hash(token)
        if let hit = sessionCache.get(hash, now: clock) { return hit.expiresAt > now ? hit : nil }
        let generation = sessionCache.generation
        let session = try sqlRead(isolated: false) { db in  // one statement: its own snapshot
            try db.row("""
                SELECT k.id, k.role, k.shop_id, s.csrf_token, s.expires_at FROM desk_sessions s JOIN api_keys k ON k.id = s.key_id
                WHERE s.token_hash = ? AND s.expires_at > ? AND k.revoked_at IS NULL
                """, [.text(Self.hash(token)), .integer(UpsertSQL.seconds(now))]).map { row in
                let strict = StrictRow(row, table: "desk_sessions", id: "of key \(row.get("id", as: String.self) ?? "?")")
                guard let csrf = row.get("csrf_token", as: String.self) else { throw strict.damaged("csrf_token", "NULL where a token belongs") }
                return DeskSession(principal: try Self.principal(row), csrfToken: csrf, expiresAt: try strict.instant("expires_at"))
            }
        }
        if let session { sessionCache.set(hash, session, now: clock, generation: generation) }
        return session
    }

    /// `bytes` random bytes from the system's secure generator, as lowercase hex (tokens).
    public static func randomHex(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return hex((0..<bytes).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Signs a session out (deletes it); signing out twice is harmless.
    public func endDeskSession(token: String) throws {
        try sqlWrite { db in try db.execute("DELETE FROM desk_sessions WHERE token_hash = ?", [.text(Self.hash(token))]) }
        sessionCache.removeAll()
    }
}
