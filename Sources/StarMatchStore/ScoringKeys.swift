import Foundation
import GRDB
import GRDBSQLite
import StarMatchCore

// The bounds' sales keys kept in order (`scoring_keys`, one row per finite key and key profile) with how many
// there are per profile (`scoring_key_counts`): the population's sales reference at any instant is found by
// walking the keys from the end nearer the percentile's rank (`Scorer.salesReference(positiveKeys:known:…)`),
// without reading every bound. Kept in the same transaction as the bounds, by `saveRecord`, the delete of a
// creator's state and the rebuild.

/// One finite sales key of a creator for the key profile at `profile` (its index in the frame's key profiles).
struct OrderedKey: Hashable {
    var profile: Int
    var key: Double
    var id: String
}

extension StarMatchStore {
    /// A creator's stored sales keys (one per key profile), or `[]` when it has no bound.
    func storedSalesKeys(_ db: any SQLSession, _ id: String) throws -> [Double] {
        guard let blob = try db.value("SELECT sales_keys FROM scoring_bounds WHERE creator_id = ?", [.text(id)], as: [UInt8].self) else { return [] }
        return blob.withUnsafeBytes(Self.decodeKeys)
    }

    /// The stored sales key of key profile `keyIndex` of each of `ids` that has a bound, by id: one statement, in
    /// which SQLite looks the ids up itself (thousands of creators with pending sales cost no query each).
    func storedSalesKeys(_ session: any SQLSession, ids: some Collection<String>, keyIndex: Int) throws -> [String: Double] {
        guard !ids.isEmpty else { return [:] }  // at the settled boundary: nothing pending, no statement
        var keys: [String: Double] = [:]
        keys.reserveCapacity(ids.count)
        // Sorted: SQLite puts the list in an index of its own before it looks the ids up, and builds it faster in order
        // (unsorted, 217,000 ids took 5 % longer).
        let list = jsonArray(ids.sorted())
        guard let db = (session as? SQLiteSession)?.db else {
            try session.forEachRow("""
                SELECT creator_id, sales_keys FROM scoring_bounds WHERE creator_id IN (\(session.jsonTexts))
                """, [.text(list)]) { row in
                guard let id = row.get(0, as: String.self), let blob = row.get(1, as: [UInt8].self) else {
                    throw DamagedRow(table: "scoring_bounds", id: row.get(0, as: String.self) ?? "?", column: "sales_keys", reason: "not a blob")
                }
                let decoded = blob.withUnsafeBytes(Self.decodeKeys)
                if keyIndex < decoded.count { keys[id] = decoded[keyIndex] }
            }
            return keys
        }
        // Read through SQLite's own accessors: the one key wanted is read in place (no row, blob or key array per
        // creator).
        let statement = try db.makeStatement(sql: "SELECT creator_id, sales_keys FROM scoring_bounds WHERE creator_id IN (SELECT value FROM json_each(?))")
        try statement.setArguments([list])
        try BoundScan.eachBoundRow(statement, db) { stmt, id in
            guard sqlite3_column_type(stmt, 1) == SQLITE_BLOB else {
                throw DamagedRow(table: "scoring_bounds", id: id, column: "sales_keys", reason: "not a blob")
            }
            let count = Int(sqlite3_column_bytes(stmt, 1))
            guard keyIndex * 8 + 8 <= count, let bytes = sqlite3_column_blob(stmt, 1) else { return }
            keys[id] = BoundScan.double(UnsafeRawBufferPointer(start: bytes, count: count), keyIndex * 8)
        }
        return keys
    }

    /// The little-endian doubles of a `sales_keys` blob.
    static func decodeKeys(_ blob: Data) -> [Double] { blob.withUnsafeBytes(decodeKeys) }

    static func decodeKeys(_ raw: UnsafeRawBufferPointer) -> [Double] {
        stride(from: 0, to: raw.count - raw.count % 8, by: 8).map { BoundScan.double(raw, $0) }
    }

    /// Moves a creator's keys in the order from `old` to `new` (−∞ or a missing profile: no key): only the keys
    /// that changed are deleted and inserted, and the counts move with the keys that appear or disappear.
    func updateKeyOrder(_ db: any SQLSession, _ id: String, old: [Double], new: [Double]) throws {
        for move in Self.keyMoves(old: old, new: new) {
            if let before = move.before {
                try db.execute("DELETE FROM scoring_keys WHERE profile = ? AND key = ? AND creator_id = ?", [.integer(Int64(move.profile)), .real(before), .text(id)])
            }
            if let after = move.after {
                try db.execute("INSERT INTO scoring_keys (profile, key, creator_id) VALUES (?, ?, ?)", [.integer(Int64(move.profile)), .real(after), .text(id)])
            }
            try Self.addToKeyCount(db, profile: move.profile, move.countChange)
        }
    }

    /// A creator's key of one key profile that changed: the key to remove from the order and the one to add (`nil`:
    /// none — a missing profile or −∞ has no key in the order).
    struct KeyMove {
        var profile: Int
        var before: Double?
        var after: Double?
        /// How the profile's count of keys moves (`scoring_key_counts`).
        var countChange: Int { (after == nil ? 0 : 1) - (before == nil ? 0 : 1) }
    }

    /// The moves that take a creator's keys in the order from `old` to `new` (one per key profile; bit-equal keys
    /// do not move).
    static func keyMoves(old: [Double], new: [Double]) -> [KeyMove] {
        (0..<max(old.count, new.count)).compactMap { profile in
            let before = profile < old.count && old[profile].isFinite ? old[profile] : nil
            let after = profile < new.count && new[profile].isFinite ? new[profile] : nil
            return before?.bitPattern == after?.bitPattern ? nil : KeyMove(profile: profile, before: before, after: after)
        }
    }

    /// Adds `change` (nothing when 0) to the count of key profile `profile`'s keys.
    static func addToKeyCount(_ db: any SQLSession, profile: Int, _ change: Int) throws {
        guard change != 0 else { return }
        try db.execute("""
            INSERT INTO scoring_key_counts (profile, positive) VALUES (?, ?)
            ON CONFLICT (profile) DO UPDATE SET positive = scoring_key_counts.positive + excluded.positive
            """, [.integer(Int64(profile)), .integer(Int64(change))])
    }

    /// Writes `keys` into emptied tables, in key order (the B-tree grows at its end), with their counts.
    static func writeKeyOrder(_ session: any SQLSession, _ keys: [OrderedKey]) throws {
        let sorted = keys.sorted { a, b in
            a.profile != b.profile ? a.profile < b.profile : a.key != b.key ? a.key < b.key : a.id < b.id
        }
        var counts: [Int: Int] = [:]
        for k in sorted { counts[k.profile, default: 0] += 1 }
        guard let db = (session as? SQLiteSession)?.db else {
            // PostgreSQL: every key in one COPY stream, 100,000 rows a statement.
            guard let postgres = session as? PostgresSession else { throw DomainError(.failed, "no such database backend") }
            for start in stride(from: 0, to: sorted.count, by: 100_000) {
                var rows = CopyText()
                for k in sorted[start..<min(start + 100_000, sorted.count)] {
                    rows.integer(Int64(k.profile)); rows.real(k.key); rows.text(k.id); rows.endRow()
                }
                try postgres.copy(into: "scoring_keys", columns: ["profile", "key", "creator_id"], rows)
            }
            for (profile, count) in counts {
                try session.execute("INSERT INTO scoring_key_counts (profile, positive) VALUES (?, ?)", [.integer(Int64(profile)), .integer(Int64(count))])
            }
            return
        }
        // Its own statement (not the cached one GRDB binds for `updateKeyOrder`), kept alive while its raw handle is used.
        let statement = try db.makeStatement(sql: "INSERT INTO scoring_keys (profile, key, creator_id) VALUES (?, ?, ?)")
        let insert = statement.sqliteStatement
        defer { withExtendedLifetime(statement) {} }
        for k in sorted {
            // Millions of rows for a large import: bound through SQLite's own calls.
            var id = k.id
            try id.withUTF8 { text in
                sqlite3_bind_int64(insert, 1, Int64(k.profile))
                sqlite3_bind_double(insert, 2, k.key)
                sqlite3_bind_text(insert, 3, UnsafeRawPointer(text.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(text.count), nil)
                try run(db, insert)
            }
        }
        for (profile, count) in counts {
            try db.execute(sql: "INSERT INTO scoring_key_counts (profile, positive) VALUES (?, ?)", arguments: [profile, count])
        }
    }

    /// The population's exact sales reference at the context's instant, from the keys in order: a creator with
    /// sales pending since the settled boundary is placed by its settled key plus those sales
    /// (`SalesKeyProfile.approximateTotal(key:pending:…)`), or read exactly from its record when that cannot be
    /// trusted (nearly all its sales taken away at an earlier instant), and those whose key's approximation would underflow are
    /// read exactly; any other creator's record is read only if its value lies next to the percentile's rank.
    /// - Parameters:
    ///   - pending: the sales between the settled boundary and the instant, by creator (`pendingSales`).
    ///   - held: the context's keys in order held in memory, with the creator ids their indices name and the
    ///     position of an id (a server's follower); otherwise the stored order (`scoring_keys`) is read.
    ///   - settledKey: a creator's settled key for the context's profile (`nil`: no bound), when the caller holds
    ///     the bounds; otherwise it is read from `scoring_bounds`.
    func keyedSalesReference(_ db: any SQLSession, _ context: InstantContext, pending: [String: [PendingSale]],
                             held: (keys: OrderedKeys, ids: [String], position: (String) -> Int?)? = nil,
                             settledKey: ((String) -> Double?)? = nil) throws -> Double {
        let keyIndex = context.keyIndex
        if held == nil, settledKey == nil, pending.values.allSatisfy({ $0.allSatisfy { $0.sign > 0 } }),
           let reference = try liftedSalesReference(db, context, pending: PendingLines(pending) { line in
            SalesKeyProfile.addedLineBound(line, at: context.instant.timeIntervalSince1970, decay: context.frame.decays[context.decay],
                                           rates: context.profile.currencyRates)
        }) { return reference }
        let settledKey = try settledKey ?? { [keys = try storedSalesKeys(db, ids: pending.keys, keyIndex: keyIndex)] in keys[$0] }
        if let held, let reference = try keyedSalesReference(
            db, context, pending: pending, settledKey: settledKey, positiveKeys: held.keys.count,
            id: { held.position($0).map(Int32.init) }, name: { held.ids[Int($0)] },
            untrusted: { floor in
                var below: [Int32] = []
                held.keys.walk(descending: false) { entry in
                    guard entry.key < floor else { return false }
                    below.append(entry.index)
                    return true
                }
                return below
            },
            walk: { descending, visit in try held.keys.walk(descending: descending) { entry in try visit(entry.key, entry.index) } }) {
            return reference
        }
        return try keyedSalesReference(
            db, context, pending: pending, settledKey: settledKey,
            positiveKeys: try storedKeyCount(db, keyIndex: keyIndex),
            id: { $0 }, name: { $0 },
            untrusted: { floor in try storedKeyIDs(db, keyIndex: keyIndex, below: floor) },
            walk: { descending, visit in try walkKeyOrder(db, keyIndex: keyIndex, descending: descending, visit) })!
    }

    /// `keyedSalesReference` of a cold read at an instant after the settled boundary, without reading the settled
    /// keys of the creators with pending sales (`Scorer.salesReference(positiveKeys:known:lifted:…)`): those without
    /// a finite key are few and read off the partial index `scoring_bounds_keyless`; the others are lifted by at
    /// least what their pending sales add (`SalesKeyProfile.addedTotalBound`), and only those that could reach the
    /// rank have their key read. Relies on every creator having a record and a bound (`check --scoring` reports one
    /// without). `nil` without pending sales or at an instant before the settled boundary (sales taken away), when
    /// the caller reads every pending creator's key.
    func liftedSalesReference(_ db: any SQLSession, _ context: InstantContext, pending: PendingLines) throws -> Double? {
        let (instant, profile, frame, decay, keyIndex) = (context.instant, context.profile, context.frame, context.decay, context.keyIndex)
        guard !pending.isEmpty, pending.sign > 0 else { return nil }
        let halfLife = frame.decays[decay]
        func exact(_ id: String) throws -> Double { try exactSalesTotal(db, id, pending: pending.lines(of: id), context) }
        let keyless = try keylessCreators(db, keyIndex: keyIndex) { pending.slots[$0] != nil }
        var known: [String: KnownSalesTotal] = [:]
        var lifted: [String: Double] = [:]
        lifted.reserveCapacity(pending.creators)
        for (slot, creator) in pending.ids.enumerated() {
            if keyless.contains(creator) {
                if let total = SalesKeyProfile.approximateTotal(key: -.infinity, pending: pending.lines(slot: Int32(slot)), at: instant, frame: frame,
                                                                decay: decay, profile: profile) {
                    known[creator] = KnownSalesTotal(hasSettledKey: false, total: total, isExact: false)
                } else {
                    known[creator] = KnownSalesTotal(hasSettledKey: false, total: try exact(creator))
                }
            } else {
                lifted[creator] = pending.addedTotalBound(slot: Int32(slot)) ?? .infinity
            }
        }
        // Keys whose approximation at the instant nears the smallest doubles: computed exactly.
        for id in try storedKeyIDs(db, keyIndex: keyIndex, below: SalesKeyProfile.smallestTrustedKey(at: instant, decay: halfLife)) where known[id] == nil {
            lifted[id] = nil
            known[id] = KnownSalesTotal(hasSettledKey: true, total: try exact(id))
        }
        return try Scorer.salesReference(
            positiveKeys: try storedKeyCount(db, keyIndex: keyIndex), known: known, lifted: lifted, percentile: profile.salesReferencePercentile,
            walk: { descending, visit in try walkKeyOrder(db, keyIndex: keyIndex, descending: descending, visit) },
            approximate: { SalesKeyProfile.approximateTotal(key: $0, at: instant, decay: halfLife) },
            liftedTotal: { key, id in
                if let total = SalesKeyProfile.approximateTotal(key: key, pending: pending.lines(of: id), at: instant, frame: frame, decay: decay, profile: profile) {
                    return KnownSalesTotal(hasSettledKey: true, total: total, isExact: false)
                }
                return KnownSalesTotal(hasSettledKey: true, total: try exact(id))
            },
            settledKeys: { ids in try storedSalesKeys(db, ids: ids, keyIndex: keyIndex) },
            exact: exact)
    }

    /// How many finite sales keys key profile `keyIndex` has in the order (`scoring_key_counts`).
    func storedKeyCount(_ db: any SQLSession, keyIndex: Int) throws -> Int {
        try db.value("SELECT positive FROM scoring_key_counts WHERE profile = ?", [.integer(Int64(keyIndex))], as: Int.self) ?? 0
    }

    /// The creators whose key of key profile `keyIndex` in the order lies below `floor`.
    func storedKeyIDs(_ db: any SQLSession, keyIndex: Int, below floor: Double) throws -> [String] {
        try db.rows("SELECT creator_id FROM scoring_keys WHERE profile = ? AND key < ?", [.integer(Int64(keyIndex)), .real(floor)]).map { row in
            guard let id = row.get(0, as: String.self) else { throw DamagedRow(table: "scoring_keys", id: "?", column: "creator_id", reason: "not text") }
            return id
        }
    }

    /// Creator `id`'s exact sales total at the context's instant, from its record and its `pending` sales.
    /// - Throws: `DamagedRow` when it has no record.
    func exactSalesTotal(_ db: any SQLSession, _ id: String, pending: [PendingSale], _ context: InstantContext) throws -> Double {
        guard let record = try storedRecord(db, id) else { throw DamagedRow(table: "scoring_records", id: id, column: "record", reason: "missing") }
        return record.salesTotal(at: context.instant, pending: pending, frame: context.frame, decay: context.decay, profile: context.profile)
    }

    /// The creators `among` accepts whose bound has no finite sales key for key profile `keyIndex` (their settled
    /// sales are nothing), off the partial index `scoring_bounds_keyless` over the bounds holding a −∞ key.
    func keylessCreators(_ session: any SQLSession, keyIndex: Int, among: (String) -> Bool) throws -> Set<String> {
        var ids: Set<String> = []
        let sql = "SELECT creator_id, sales_keys FROM scoring_bounds WHERE \(Self.keylessTerm(session))"
        func keyless(_ keys: UnsafeRawBufferPointer) -> Bool {
            keys.count < keyIndex * 8 + 8 || !BoundScan.double(keys, keyIndex * 8).isFinite
        }
        guard let db = (session as? SQLiteSession)?.db else {
            try session.forEachRow(sql, []) { row in
                guard let id = row.get(0, as: String.self), let blob = row.get(1, as: [UInt8].self) else {
                    throw DamagedRow(table: "scoring_bounds", id: row.get(0, as: String.self) ?? "?", column: "sales_keys", reason: "not a blob")
                }
                if among(id), blob.withUnsafeBytes(keyless) { ids.insert(id) }
            }
            return ids
        }
        // Tens of thousands of rows at a million creators: read through SQLite's own accessors.
        let statement = try db.makeStatement(sql: sql)
        try BoundScan.eachBoundRow(statement, db) { stmt, id in
            guard among(id) else { return }
            guard sqlite3_column_type(stmt, 1) == SQLITE_BLOB else {
                throw DamagedRow(table: "scoring_bounds", id: id, column: "sales_keys", reason: "not a blob")
            }
            let count = Int(sqlite3_column_bytes(stmt, 1))
            if keyless(UnsafeRawBufferPointer(start: sqlite3_column_blob(stmt, 1), count: count)) { ids.insert(id) }
        }
        return ids
    }

    /// The term of `scoring_bounds_keyless`'s partial index (a query repeats it to use the index): a bound whose
    /// `sales_keys` holds the bytes of −∞ (a finite key that holds them across two keys is also indexed, and
    /// decoded away by the reader).
    static func keylessTerm(_ db: any SQLSession) -> String {
        (db as? SQLiteSession) != nil ? "instr(sales_keys, X'000000000000F0FF') > 0" : "position('\\x000000000000f0ff'::bytea IN sales_keys) > 0"
    }

    /// Visits the key order of key profile `keyIndex` (`scoring_keys`) falling or rising until `visit` returns false.
    func walkKeyOrder(_ db: any SQLSession, keyIndex: Int, descending: Bool, _ visit: (_ key: Double, _ id: String) throws -> Bool) throws {
        let sql = "SELECT key, creator_id FROM scoring_keys WHERE profile = ? ORDER BY key \(descending ? "DESC" : "ASC")"
        guard let sqlite = (db as? SQLiteSession)?.db else {
            // PostgreSQL: a server-side cursor, closed with the read's transaction when the walk stops early.
            let rows = try db.cursor(sql, [.integer(Int64(keyIndex))])
            while let row = try rows.next() {
                guard let key = row.get(0, as: Double.self), let id = row.get(1, as: String.self) else {
                    throw DamagedRow(table: "scoring_keys", id: "?", column: "key", reason: "not a key")
                }
                if try !visit(key, id) { return }
            }
            return
        }
        // Through SQLite's own accessors (thousands of keys a walk), stopped by a thrown marker.
        struct Stop: Error {}
        let statement = try sqlite.makeStatement(sql: sql)
        try statement.setArguments([keyIndex])
        do {
            try eachRawRow(statement, sqlite) { stmt in
                guard sqlite3_column_type(stmt, 0) == SQLITE_FLOAT || sqlite3_column_type(stmt, 0) == SQLITE_INTEGER,
                      sqlite3_column_type(stmt, 1) == SQLITE_TEXT, let text = sqlite3_column_text(stmt, 1) else {
                    throw DamagedRow(table: "scoring_keys", id: "?", column: "key", reason: "not a key")
                }
                if try !visit(sqlite3_column_double(stmt, 0), String(cString: text)) { throw Stop() }
            }
        } catch is Stop {}
    }

    /// `keyedSalesReference` over keys that name their creators by `ID` (an id, or a follower's position: cheaper
    /// to hash for the thousands of keys a walk visits); `nil` when a creator with pending sales has no `ID`.
    private func keyedSalesReference<ID: Hashable>(
        _ db: any SQLSession, _ context: InstantContext, pending: [String: [PendingSale]], settledKey: (String) -> Double?, positiveKeys: Int,
        id: (String) -> ID?, name: @escaping (ID) -> String, untrusted: (_ below: Double) throws -> [ID],
        walk: (_ descending: Bool, _ visit: (_ key: Double, _ id: ID) throws -> Bool) throws -> Void
    ) throws -> Double? {
        let (instant, profile, frame, decay) = (context.instant, context.profile, context.frame, context.decay)
        let halfLife = frame.decays[decay]
        let keyProfile = SalesKeyProfile(profile)
        func total(_ record: ScoringRecord, _ id: String) -> Double {
            record.salesTotal(at: instant, pending: pending[id] ?? [], frame: frame, decay: decay, profile: profile)
        }
        func exact(_ key: ID) throws -> Double {
            let id = name(key)
            return try exactSalesTotal(db, id, pending: pending[id] ?? [], context)
        }
        var known: [ID: KnownSalesTotal] = [:]
        known.reserveCapacity(pending.count)
        for (creator, lines) in pending {
            // Placed by its settled key and its pending sales, without its record (computed exactly only next to the rank).
            if let key = settledKey(creator),
               let approximate = SalesKeyProfile.approximateTotal(key: key, pending: lines, at: instant, frame: frame, decay: decay, profile: profile) {
                guard let entry = id(creator) else { return nil }
                known[entry] = KnownSalesTotal(hasSettledKey: key.isFinite, total: approximate, isExact: false)
                continue
            }
            guard let record = try storedRecord(db, creator) else { continue }  // sales of a creator without a record: none counts
            guard let key = id(creator) else { return nil }
            known[key] = KnownSalesTotal(hasSettledKey: keyProfile.key(record.settledSales[decay], decay: halfLife).isFinite, total: total(record, creator))
        }
        // Keys whose approximation at the instant nears the smallest doubles: computed exactly.
        for key in try untrusted(SalesKeyProfile.smallestTrustedKey(at: instant, decay: halfLife)) where known[key] == nil {
            known[key] = KnownSalesTotal(hasSettledKey: true, total: try exact(key))
        }
        return try Scorer.salesReference(
            positiveKeys: positiveKeys, known: known, percentile: profile.salesReferencePercentile, walk: walk,
            approximate: { SalesKeyProfile.approximateTotal(key: $0, at: instant, decay: halfLife) },
            exact: exact)
    }

    /// The first difference between the key order kept and `expected` (every bound's finite keys): the smallest
    /// creator id with a key missing or extra, or a count that is not the number of keys.
    static func keyOrderDifference(_ db: any SQLSession, _ expected: Set<OrderedKey>) throws -> (creator: String, what: String)? {
        var remaining = expected
        var differing: Set<String> = []
        var counts: [Int: Int] = [:]
        try db.forEachRow("SELECT profile, key, creator_id FROM scoring_keys", []) { row in
            let id = row.get(2, as: String.self) ?? ""
            guard let profile = row.get(0, as: Int.self), let key = row.get(1, as: Double.self) else { differing.insert(id); return }
            counts[profile, default: 0] += 1
            if remaining.remove(OrderedKey(profile: profile, key: key, id: id)) == nil { differing.insert(id) }
        }
        for k in remaining { differing.insert(k.id) }
        if let first = differing.min() { return (first, "its sales keys in order (scoring_keys) differ from its bound") }
        var kept: [Int: Int] = [:]
        for row in try db.rows("SELECT profile, positive FROM scoring_key_counts", []) {
            guard let profile = row.get(0, as: Int.self), let positive = row.get(1, as: Int.self) else { return ("", "scoring_key_counts holds a row that is not a count") }
            kept[profile] = positive
        }
        for profile in Set(kept.keys).union(counts.keys).sorted() where kept[profile] ?? 0 != counts[profile] ?? 0 {
            return ("", "the count of sales keys of key profile \(profile) (scoring_key_counts) is \(kept[profile] ?? 0), not \(counts[profile] ?? 0)")
        }
        return nil
    }
}

/// How a saved record's sales keys reach `scoring_keys` (`StarMatchStore.saveRecord`).
enum KeyOrderUpkeep: Sendable {
    /// Read the record's old keys and move the ones that changed (a write of a few records).
    case perRecord
    /// Leave them: the caller rewrites every key once, in key order, when its records are saved (a rebuild, or
    /// a write that changes a large share of the records).
    case rewrittenAfter
}

extension StarMatchStore {
    /// Replaces the keys' order and counts with those of every stored bound, written in key order.
    func rewriteKeyOrder(_ db: any SQLSession) throws {
        var ordered: [OrderedKey] = []
        func add(_ id: String, _ keys: [Double]) {
            for (profile, key) in keys.enumerated() where key.isFinite { ordered.append(OrderedKey(profile: profile, key: key, id: id)) }
        }
        let sql = "SELECT creator_id, sales_keys FROM scoring_bounds"
        if let sqlite = (db as? SQLiteSession)?.db {  // a million bounds after a large import: GRDB's rows as they are
            let rows = try Row.fetchCursor(sqlite, sql: sql)
            while let row = try rows.next() {
                let id: String = row[0]
                guard let blob = row[1] as Data? else { throw DamagedRow(table: "scoring_bounds", id: id, column: "sales_keys", reason: "not a blob") }
                add(id, Self.decodeKeys(blob))
            }
        } else {
            let rows = try db.cursor(sql, [])
            while let row = try rows.next() {
                let id = row.get(0, as: String.self) ?? "?"
                guard let blob = row.get(1, as: [UInt8].self) else { throw DamagedRow(table: "scoring_bounds", id: id, column: "sales_keys", reason: "not a blob") }
                add(id, blob.withUnsafeBytes(Self.decodeKeys))
            }
        }
        try db.execute("DELETE FROM scoring_keys", [])
        try db.execute("DELETE FROM scoring_key_counts", [])
        try Self.writeKeyOrder(db, ordered)
    }
}
