import Foundation
import GRDB
import StarMatchCore

/// What a backup or restore copied.
public struct BackupReport: Sendable, Codable, Equatable {
    public var file: String
    public var bytes: Int
    public var counts: StoreCounts
    public var dataVersion: Int64
}

extension StarMatchStore {
    /// Copies the database to `path` while it stays in use (issue 7): SQLite's backup API reads one consistent
    /// snapshot, so concurrent writes are either wholly in the copy or wholly not. The copy is written beside
    /// `path`, checked (SQLite's integrity check, as `restore` checks it) and only then renamed into place, so
    /// `path` never holds half a backup, nor a copy of a damaged database.
    /// - Throws: `StoreError` when `path` exists (unless `overwrite`), cannot be written, or the copy fails the check.
    @discardableResult
    public func backup(to path: String, overwrite: Bool = false) throws -> BackupReport {
        if let postgres {
            throw DomainError(.failed, "backup copies a SQLite file; on PostgreSQL use the server's own tools, e.g. "
                + "`pg_dump --format=custom --file FILE \(postgres.location)` (one consistent snapshot while writes go on); nothing was written")
        }
        let target = URL(fileURLWithPath: path)
        if isDatabaseFile(path) {
            throw DomainError(.invalidInput, "\(path) is this database itself (or its -wal/-shm file): a backup goes to another file")
        }
        if !overwrite && FileManager.default.fileExists(atPath: target.path) {
            throw DomainError(.invalidInput, "\(path) exists; choose another name or pass --force")
        }
        if let problem = FileProblem.folderProblem(path) { throw DomainError(.failed, "cannot write \(path): \(problem)") }
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).partial")
        defer { try? FileManager.default.removeItem(at: temporary) }
        do {
            let copy = try DatabaseQueue(path: temporary.path)
            try writer.backup(to: copy)
            // The copy must be one `restore` accepts: SQLite's backup copies pages as they are, damaged ones too.
            let integrity = (try? copy.unsafeRead { db in Self.pragmaLines(db, "PRAGMA integrity_check") }) ?? ["the copy cannot be read"]
            // One self-contained file: no -wal or -shm beside it when it is read.
            if integrity == ["ok"] { try copy.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") } }
            try copy.close()
            guard integrity == ["ok"] else {
                let shown = Self.problemLines(integrity)
                throw DomainError(.damagedDatabase, "no backup written: the copy fails SQLite's integrity check (\(shown.prefix(3).joined(separator: "; "))) — "
                    + "the database itself is damaged; `starmatch check` names what, and an older backup can be restored")
            }
            // rename(2) replaces atomically: readers of `path` see the old file or the whole new one.
            guard rename(temporary.path, target.path) == 0 else {
                throw StoreError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            throw StoreError("backup to \(path) failed: \(error.message ?? "\(error)")")
        } catch {
            throw StoreError("cannot write \(path): \(error.localizedDescription)")
        }
        return try Self.describe(path)
    }

    /// Whether `path` names this database's file, or its -wal, -shm or -journal file (by resolved path, or by
    /// device and inode for a hard link): writing a backup there would replace the database under its writers.
    func isDatabaseFile(_ path: String) -> Bool {
        guard let own = try? writer.path else { return false }
        guard !own.isEmpty, own != ":memory:" else { return false }
        /// The resolved path, and the device and inode (0 for a file that does not exist).
        func identity(_ p: String) -> (path: String, device: UInt64, inode: UInt64) {
            let resolved = URL(fileURLWithPath: p).resolvingSymlinksInPath().standardizedFileURL.path
            var info = stat()
            guard stat(resolved, &info) == 0 else { return (resolved, 0, 0) }
            return (resolved, UInt64(info.st_dev), UInt64(info.st_ino))
        }
        let target = identity(path)
        return ["", "-wal", "-shm", "-journal"].contains { suffix in
            let mine = identity(own + suffix)
            return mine.path == target.path || (mine.inode != 0 && mine.device == target.device && mine.inode == target.inode)
        }
    }

    /// Replaces this database's content with a backup (issue 7). The backup is checked first — SQLite's
    /// integrity check, and migrations this build knows — so a damaged or foreign file changes nothing.
    /// Everything is replaced, API keys included: keys revoked after the backup was taken are valid again
    /// until revoked again. The data version moves past both, so every cache rebuilds.
    @discardableResult
    public func restore(from path: String) throws -> BackupReport {
        if let postgres {
            throw DomainError(.failed, "restore reads a SQLite backup; on PostgreSQL restore a `pg_dump` archive with the server's own tools, e.g. "
                + "`pg_restore --clean --dbname \(postgres.location) FILE`; nothing was changed")
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw StoreError("no file \(path)") }
        guard !isFolder.boolValue else { throw StoreError("\(path) is a folder, not a backup file; nothing restored") }
        let source: DatabaseQueue
        do {
            var configuration = Configuration()
            configuration.readonly = true
            source = try DatabaseQueue(path: path, configuration: configuration)
            let integrity = try source.unsafeRead { db in Self.pragmaLines(db, "PRAGMA integrity_check") }
            guard integrity == ["ok"] else { throw StoreError("\(path) is damaged: \(Self.problemLines(integrity).prefix(3).joined(separator: "; ")); nothing restored") }
            let applied = try source.read { db in try Self.migrator.appliedIdentifiers(db) }
            let known = Self.migrator.migrations
            guard applied.contains("v1-core-tables") else { throw StoreError("\(path) is not a StarMatch database; nothing restored") }
            if let unknown = applied.first(where: { !known.contains($0) }) {
                throw StoreError("\(path) comes from a newer StarMatch (migration '\(unknown)'); nothing restored")
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("\(path) is not a StarMatch backup: not a readable SQLite database, or a damaged one; nothing restored")
        }
        let before = try dataVersion()
        defer { entityCache.invalidate(); keyCache.removeAll(); sessionCache.removeAll() }
        try source.backup(to: writer)
        try Self.migrator.migrate(writer)  // a backup from an older build gains the newer tables
        try writer.write { db in
            let restored = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'data_version'") ?? 0
            try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'data_version'", arguments: [max(before, restored) + 1])
            // The restored scoring state is rebuilt from the restored history (it may come from an older build).
            try dataChanged(SQLiteSession(db), .everything)
        }
        return BackupReport(file: path, bytes: Self.fileBytes(path),
            counts: try counts(), dataVersion: try dataVersion())
    }

    static func describe(_ path: String) throws -> BackupReport {
        var configuration = Configuration()
        configuration.readonly = true
        let copy = try DatabaseQueue(path: path, configuration: configuration)
        let (counts, version) = try copy.read { db in
            (try StoreCounts.fetch(SQLiteSession(db)), try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'data_version'") ?? 0)
        }
        return BackupReport(file: path, bytes: Self.fileBytes(path),
            counts: counts, dataVersion: version)
    }
}
