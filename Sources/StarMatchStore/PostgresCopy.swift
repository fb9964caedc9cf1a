import Foundation
import NIOCore
import PostgresNIO

/// Rows in PostgreSQL's `COPY … FROM STDIN` text format (one line per row, columns separated by tabs, `\N` for
/// NULL; backslash, tab, newline and carriage return escaped; `bytea` as `\\x` and hex), built in memory for one
/// `PostgresSession.copy` (issue 19: bulk writes as one stream instead of a round trip per row).
/// Source: PostgreSQL documentation, "COPY", section "Text Format".
struct CopyText: Sendable {
    private(set) var bytes: [UInt8] = []
    private var atRowStart = true
    private(set) var rows = 0

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    private mutating func separate() {
        if !atRowStart { bytes.append(0x09) }
        atRowStart = false
    }

    mutating func null() {
        separate()
        bytes.append(contentsOf: [0x5C, 0x4E])  // \N
    }

    mutating func integer(_ value: Int64) {
        separate()
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A double exactly: Swift's shortest round-trip digits, which PostgreSQL's `float8` input reads back to the same value.
    mutating func real(_ value: Double) {
        separate()
        if value.isNaN { bytes.append(contentsOf: "NaN".utf8) } else if value.isInfinite {
            bytes.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            bytes.append(contentsOf: value.description.utf8)
        }
    }

    mutating func text(_ utf8: some Collection<UInt8>) {
        separate()
        for byte in utf8 {
            switch byte {
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            default: bytes.append(byte)
            }
        }
    }

    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { text($0) }
    }

    mutating func blob(_ value: some Collection<UInt8>) {
        separate()
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, 0x5C, 0x78])  // \\x: the backslash of bytea's hex format, escaped for COPY
        for byte in value {
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }

    mutating func value(_ value: SQLValue) {
        switch value {
        case .null: null()
        case .integer(let v): integer(v)
        case .real(let v): real(v)
        case .text(let v): text(v)
        case .blob(let v): blob(v)
        }
    }

    mutating func endRow() {
        bytes.append(0x0A)
        atRowStart = true
        rows += 1
    }
}

/// Waits for an async operation from blocking store code. The operation runs on a dispatch queue of its own (a
/// task executor preference), never on Swift concurrency's cooperative pool: the waiting thread may be one of that
/// pool's (a test, an async caller), and a pool whose threads all wait could not run it.
final class BlockingResult<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    static func wait(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = BlockingResult<T>()
        Task(executorPreference: BlockingQueueExecutor.shared) {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            box.done.signal()
        }
        box.done.wait()
        return try box.result!.get()
    }
}

/// Runs jobs on a concurrent dispatch queue (its own threads, outside the cooperative pool): `BlockingResult`.
final class BlockingQueueExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = BlockingQueueExecutor()
    let queue = DispatchQueue(label: "starmatch.blocking", attributes: .concurrent)
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

extension PostgresSession {
    /// Streams `rows` into `table` (`columns` in the rows' order) with `COPY … FROM STDIN`, in the session's
    /// transaction: one statement however many rows.
    /// - Throws: `PostgresFailure` with PostgreSQL's message (a bad value names its column and line of the stream).
    func copy(into table: String, columns: [String], _ rows: CopyText) throws {
        guard rows.rows > 0 else { return }
        let connection = self.connection, logger = self.logger
        let payload = rows.bytes
        do {
            try BlockingResult<Void>.wait {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    var offset = 0
                    while offset < payload.count {
                        let end = min(offset + (1 << 20), payload.count)
                        try await writer.write(ByteBuffer(bytes: payload[offset..<end]))
                        offset = end
                    }
                }
            }
        } catch {
            throw PostgresFailure(reason: PostgresDatabase.reason(error), sqlState: (error as? PSQLError)?.serverInfo?[.sqlState])
        }
    }

    /// Upserts `rows` into `table` through a staging table: `COPY` into a temporary copy of the table's columns (made
    /// once per transaction, emptied per call), then one `INSERT … SELECT … ON CONFLICT (key) DO UPDATE SET updates`
    /// (`updates` as an upsert's `SET` list, `excluded.` naming the new row); without `updates`, a plain insert.
    func copyUpsert(into table: String, columns: [String], key: String, updates: String?, _ rows: CopyText) throws {
        guard rows.rows > 0 else { return }
        let stage = try staging(table, columns: columns, rows)
        let list = columns.joined(separator: ", ")
        try execute("INSERT INTO \(table) (\(list)) SELECT \(list) FROM \(stage)"
                    + (updates.map { " ON CONFLICT (\(key)) DO UPDATE SET \($0)" } ?? ""), [])
    }

    /// `rows` in this transaction's staging table for `table` (a temporary table of its columns, made once per
    /// transaction and emptied per call); returns its name.
    func staging(_ table: String, columns: [String], _ rows: CopyText) throws -> String {
        let stage = "starmatch_stage_" + table
        if !staged.contains(stage) {
            try execute("CREATE TEMPORARY TABLE IF NOT EXISTS \(stage) (LIKE \(table) INCLUDING DEFAULTS) ON COMMIT DROP", [])
            staged.insert(stage)
        } else {
            try execute("TRUNCATE \(stage)", [])
        }
        try copy(into: stage, columns: columns, rows)
        return stage
    }

    /// Drops `table`'s indexes that back no constraint (not its primary key, no unique constraint), in this
    /// transaction; returns their definitions (`CREATE INDEX …`, as `pg_indexes` gives them) to build them again.
    func dropSecondaryIndexes(of table: String) throws -> [String] {
        let indexes = try rows("""
            SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = CAST(? AS regclass))
            ORDER BY indexname
            """, [.text(table), .text(table)])
        var definitions: [String] = []
        for index in indexes {
            guard let name = index.get(0, as: String.self), let definition = index.get(1, as: String.self) else { continue }
            try execute("DROP INDEX \"\(name)\"", [])
            definitions.append(definition)
        }
        return definitions
    }
}
