import Foundation
import GRDB
import StarMatchCore
import StarMatchStore
import Testing

@Suite("Backup and restore (issue 7)", .serialized)
struct BackupTests {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).sqlite").path
    }

    func sale(_ n: Int) -> RawRow {
        RawRow(line: 0, fields: ["sa-bk-\(n)", "cr-0001", "sh-glowlab", nil, "beauty/skincare", "2026-11-20T10:00:00Z", "1", nil, "999", nil])
    }

    @Test func aBackupTakenWhileWritesRunIsConsistentAndRestores() async throws {
        let path = temporary("live"), backupPath = temporary("backup")
        defer { for p in [path, backupPath] { try? FileManager.default.removeItem(atPath: p) } }
        let store = try StarMatchStore(path: path)
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Seeds")
        _ = try store.importFiles(ProjectResources.seedFiles(in: seeds))
        let base = try store.counts().sales
        // A writer adds sales, one transaction each, while the backup runs.
        let writer = Task.detached {
            var n = 0
            while !Task.isCancelled && n < 2_000 {
                try store.writeRecords(.sales, rows: [sale(n)], mode: .create)
                n += 1
            }
            return n
        }
        try await Task.sleep(for: .milliseconds(30))
        let report = try store.backup(to: backupPath)
        let written = try await writer.value
        #expect(written > 0)
        // The copy is one snapshot: its sales are the seeds plus a prefix of the writer's, nothing torn.
        let copy = try DatabaseQueue(path: backupPath)
        let (integrity, ids) = try await copy.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"), try String.fetchAll(db, sql: "SELECT id FROM sales WHERE id LIKE 'sa-bk-%'"))
        }
        #expect(integrity == ["ok"])
        let numbers = Set(ids.map { Int($0.dropFirst(6))! })
        #expect(numbers == Set(0..<numbers.count))
        #expect(report.counts.sales == base + numbers.count)
        try copy.close()

        #expect(throws: StoreError.self) { try store.backup(to: backupPath) }  // never overwritten silently
        let restored = try store.restore(from: backupPath)
        #expect(restored.counts.sales == base + numbers.count)
        #expect(try store.counts().sales == base + numbers.count)
        #expect(restored.dataVersion > report.dataVersion)
    }

    @Test func aDamagedOrForeignFileRestoresNothing() throws {
        let path = temporary("live"), junk = temporary("junk"), foreign = temporary("foreign")
        defer { for p in [path, junk, foreign] { try? FileManager.default.removeItem(atPath: p) } }
        let live = try StarMatchStore(path: path)
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Seeds")
        _ = try live.importFiles(ProjectResources.seedFiles(in: seeds))
        let before = try live.counts()
        try Data("not a database at all".utf8).write(to: URL(fileURLWithPath: junk))
        let other = try DatabaseQueue(path: foreign)
        try other.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try other.close()
        #expect(throws: StoreError.self) { try live.restore(from: junk) }
        #expect(throws: StoreError.self) { try live.restore(from: foreign) }
        #expect(throws: StoreError.self) { try live.restore(from: "/nonexistent/file.sqlite") }
        #expect(try live.counts() == before)
    }
}
