import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import StarMatchCore

/// Where a PostgreSQL store lives, from a `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` URL (`postgresql://`
/// too; the port defaults to 5432). `?sslmode=disable` is the only query allowed, and the default: the server is
/// expected on a trusted network (loopback or a private link), as the README's deployment section says.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String

    /// - Throws: `DomainError` (invalid) naming what is missing or malformed.
    public init(url text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw DomainError.invalid("--database: '\(Self.redacted(text))' is not a postgres://USER@HOST[:PORT]/DATABASE URL")
        }
        guard let host = url.host, !host.isEmpty else { throw DomainError.invalid("--database: the URL names no host") }
        guard let user = url.user, !user.isEmpty else { throw DomainError.invalid("--database: the URL names no user (postgres://USER@HOST/DATABASE)") }
        let database = String(url.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw DomainError.invalid("--database: the URL names no database (postgres://USER@HOST/DATABASE)") }
        if let port = url.port, !(1...65_535).contains(port) { throw DomainError.invalid("--database: port \(port) is not 1–65535") }
        for item in url.queryItems ?? [] where !(item.name == "sslmode" && item.value == "disable") {
            throw DomainError.invalid("--database: the URL option '\(item.name)' is not supported (only sslmode=disable)")
        }
        self.host = host
        self.port = url.port ?? 5432
        self.user = user
        self.password = url.password
        self.database = database
    }

    /// The URL without its password (for messages and logs).
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    static func redacted(_ text: String) -> String {
        guard var url = URLComponents(string: text), url.password != nil else { return text }
        url.password = "***"
        return url.string ?? "postgres://…"
    }
}

/// A PostgreSQL database used from blocking store code (issue 19): connections kept in a small pool, every
/// call waiting for its answer on the caller's thread (never one of Swift concurrency's: the API runs store work
/// on dispatch queues, `APIServices.blocking`).
///
/// Writes are serialised across every process on the database by a transaction-scoped advisory lock
/// (`pg_advisory_xact_lock`), as SQLite serialises its writers: a write reads and changes the scoring state in
/// one transaction, and no two may interleave. Reads run in `REPEATABLE READ READ ONLY` transactions: one
/// snapshot, like a SQLite read transaction.
final class PostgresDatabase: @unchecked Sendable {
    let location: PostgresLocation
    private let lock = NSLock()
    private var idle: [PostgresConnection] = []
    private var nextID = 0
    let logger: Logger
    /// Connections kept open between calls.
    private let keptIdle = 8

    /// The advisory lock every write transaction takes (one 64-bit key: "StarMatc" as ASCII).
    static let writeLock: Int64 = 0x5374_6172_4D61_7463

    /// The advisory lock a stored weekly batch run holds from its first read to its commit (issue 19: runs are
    /// serialised across instances).
    static let batchLock: Int64 = 0x5374_6172_4261_7463

    /// Runs `body` holding the session-level advisory lock `key` on a connection of its own, waiting for any other
    /// process that holds it; the lock is released when `body` returns or throws (or the connection drops).
    func holdingLock<T>(_ key: Int64, _ body: () throws -> T) throws -> T {
        try withConnection { connection in
            let session = PostgresSession(connection, logger: logger)
            try session.execute("SELECT pg_advisory_lock(?)", [.integer(key)])
            defer { _ = try? session.execute("SELECT pg_advisory_unlock(?)", [.integer(key)]) }
            return try body()
        }
    }

    /// Connects once to check the location; the connection is kept for the first call.
    /// - Throws: `DomainError` (failed) naming the server and PostgreSQL's own reason.
    init(_ location: PostgresLocation) throws {
        self.location = location
        var logger = Logger(label: "starmatch.postgres")
        logger.logLevel = .error
        self.logger = logger
        let first = try connect()
        lock.withLock { idle.append(first) }
    }

    deinit {
        for connection in idle { Self.close(connection) }
    }

    private func connect() throws -> PostgresConnection {
        let configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: location.password,
            database: location.database, tls: .disable)
        let id = lock.withLock { nextID += 1; return nextID }
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                  id: id, logger: logger).wait()
        } catch {
            throw DomainError(.failed, "cannot connect to PostgreSQL at \(location): \(Self.reason(error))")
        }
    }

    /// Closes a connection and waits until it is closed (PostgresNIO requires a connection closed before it is
    /// released).
    static func close(_ connection: PostgresConnection) {
        let closed: EventLoopFuture<Void> = connection.close()
        if MultiThreadedEventLoopGroup.currentEventLoop == nil {
            try? closed.wait()
        } else {
            closed.whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }

    /// A trivial statement on a pooled connection (`SELECT 1`): the server answers. - Throws: what the connection met.
    func ping() throws {
        _ = try withConnection { try PostgresSession($0, logger: logger).value("SELECT 1", as: Int.self) }
    }

    /// Runs `body` on a pooled connection; a connection the server or the network closed is dropped, not pooled
    /// again (a statement's error leaves its connection usable: the transaction around it has rolled back).
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try lock.withLock { idle.popLast() } ?? connect()
        do {
            let result = try body(connection)
            keep(connection)
            return result
        } catch {
            if connection.isClosed { Self.close(connection) } else { keep(connection) }
            throw error
        }
    }

    private func keep(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let kept = lock.withLock { () -> Bool in
            guard idle.count < keptIdle else { return false }
            idle.append(connection)
            return true
        }
        if !kept { Self.close(connection) }
    }

    /// One read-only snapshot.
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// One write transaction, after every other process's write has committed or rolled back.
    func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try transaction("BEGIN", { session in
            try session.execute("SELECT pg_advisory_xact_lock(?)", [.integer(Self.writeLock)])
            return try body(session)
        })
    }

    private func transaction<T>(_ begin: String, _ body: (PostgresSession) throws -> T) throws -> T {
        try withConnection { connection in
            let session = PostgresSession(connection, logger: logger)
            try session.execute(begin, [])
            do {
                let result = try body(session)
                try session.execute("COMMIT", [])
                return result
            } catch {
                _ = try? session.execute("ROLLBACK", [])
                throw error
            }
        }
    }

    /// PostgreSQL's own message, without PostgresNIO's wrapping (which hides it in release builds).
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let detail = error.serverInfo?[.detail].map { " (\($0))" } ?? ""
                return message + detail
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// A PostgreSQL connection inside one transaction (`PostgresDatabase.read`/`write`).
final class PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger

    init(_ connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    var backend: StoreBackend { .postgres }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let result = try run(sql, arguments)
        return result.metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        var columns: [String]?
        return try result.rows.map { row in
            let cells = Array(row)
            if columns == nil { columns = cells.map(\.columnName) }
            return SQLRow(columns: columns!, values: try cells.map(Self.value))
        }
    }

    /// A server-side cursor (`DECLARE … NO SCROLL CURSOR`), fetched `PostgresCursor.batch` rows at a time; the
    /// transaction the session runs in keeps it open.
    func cursor(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor {
        cursors += 1
        let name = "starmatch_cursor_\(cursors)"
        try execute("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", arguments)
        return PostgresCursor(session: self, name: name)
    }
    private var cursors = 0
    /// The staging tables this transaction made (`copyUpsert`).
    var staged: Set<String> = []

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (any StoredRow) throws -> Void) throws {
        let rows = try cursor(sql, arguments)
        while let row = try rows.next() { try body(row) }
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: binds.appendNull()
            case .integer(let v): binds.append(v)
            case .real(let v): binds.append(v)
            case .text(let v): binds.append(v)
            case .blob(let v): binds.append(ByteBuffer(bytes: v))
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds), logger: logger).wait()
        } catch {
            throw PostgresFailure(reason: PostgresDatabase.reason(error), sqlState: (error as? PSQLError)?.serverInfo?[.sqlState])
        }
    }

    /// Runs each statement of `script` (statements separated by `;`, none with arguments) in order: the extended
    /// protocol that binds arguments takes one statement at a time.
    func executeScript(_ script: String) throws {
        for statement in Self.statements(script) { try execute(statement, []) }
    }

    /// The statements of `script`, split at each `;` outside quotes and `$$` bodies, blank ones left out.
    static func statements(_ script: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quote: Character?
        var dollar = false
        var previous: Character = " "
        for c in script {
            current.append(c)
            if dollar {
                if c == "$" && previous == "$" { dollar = false; previous = " "; continue }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "$" && previous == "$" {
                dollar = true; previous = " "; continue
            } else if c == ";" {
                current.removeLast()
                if !current.allSatisfy(\.isWhitespace) { result.append(current.trimmingCharacters(in: .whitespacesAndNewlines)) }
                current = ""
            }
            previous = c
        }
        if !current.allSatisfy(\.isWhitespace) { result.append(current.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return result
    }

    /// `sql` with its placeholders as PostgreSQL numbers them: `?NNN` (SQLite's numbered form) as `$NNN`, each plain
    /// `?` as the number after the largest so far (SQLite's rule); a `?` inside quotes is left as it is.
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        var quote: Character?
        var digits: String?  // after a `?`: the digits read so far
        func endPlaceholder() {
            guard let d = digits else { return }
            if let number = Int(d) { n = max(n, number); out += "$\(number)" } else { n += 1; out += "$\(n)" }
            digits = nil
        }
        for c in sql {
            if digits != nil {
                if c.isASCII && c.isNumber { digits!.append(c); continue }
                endPlaceholder()
            }
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                digits = ""
            } else {
                out.append(c)
            }
        }
        endPlaceholder()
        return out
    }

    /// A cell as the one value type: whole `NUMERIC`s (PostgreSQL's `SUM` of `BIGINT`) read as integers.
    static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .numeric:
            // Exactly, past 2^53 too (a sum of minor units): whole values through their digits.
            let decimal = try cell.decode(Decimal.self)
            if let whole = Int64(decimal.description) { return .integer(whole) }
            return .real(NSDecimalNumber(decimal: decimal).doubleValue)
        default: return .text(try cell.decode(String.self))
        }
    }
}

/// The rows of a server-side cursor, fetched in batches.
final class PostgresCursor: SQLCursor {
    static let batch = 5_000
    let session: PostgresSession
    let name: String
    private var buffer: [SQLRow] = []
    private var position = 0
    private var done = false

    init(session: PostgresSession, name: String) {
        self.session = session
        self.name = name
    }

    func next() throws -> SQLRow? {
        if position == buffer.count {
            guard !done else { return nil }
            buffer = try session.rows("FETCH FORWARD \(Self.batch) FROM \(name)", [])
            position = 0
            if buffer.count < Self.batch {
                done = true
                _ = try? session.execute("CLOSE \(name)", [])
            }
            guard !buffer.isEmpty else { return nil }
        }
        position += 1
        return buffer[position - 1]
    }
}

/// A statement PostgreSQL refused or could not run: its message and SQLSTATE.
struct PostgresFailure: Error, CustomStringConvertible {
    var reason: String
    var sqlState: String?
    var description: String { "PostgreSQL: \(reason)" + (sqlState.map { " [SQLSTATE \($0)]" } ?? "") }
    /// 23505: a unique or primary key already holds the value.
    var isUniqueViolation: Bool { sqlState == "23505" }
}
