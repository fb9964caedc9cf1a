import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// A seeded database file whose `table` has a damaged root page (200 bytes of 0xFF over its cell pointers), as a
/// failing disk or a stray write leaves it; and an undamaged copy taken before.
struct DamagedFile {
    let dir: URL
    var path: String { dir.appendingPathComponent("damaged.sqlite").path }
    var goodCopy: String { dir.appendingPathComponent("good.sqlite").path }

    init(table: String = "sales") throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("starmatch-damaged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Seeds")
        do {
            let store = try StarMatchStore(path: path)
            _ = try store.importFiles(ProjectResources.seedFiles(in: seeds))
            try store.backup(to: goodCopy)
        }
        try Self.damage(path, table: table)
    }

    /// Overwrites the start of `table`'s root page in the file at `path` (checkpointed first, so every page is in the
    /// file itself); connections open on it keep what they cached.
    static func damage(_ path: String, table: String) throws {
        var root = 0, pageSize = 0
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            root = try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = ?", arguments: [table]) ?? 0
            pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        }
        try queue.close()
        try #require(root > 2)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize + 8))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 200))
        try handle.close()
    }
}

@Suite("A damaged database: check names it, backup refuses it, the server says so (issue 16)", .serialized)
struct DamagedDatabaseTests {
    @Test func checkNamesEachFailedCheckAndTheDamagedTable() throws {
        let file = try DamagedFile(table: "sales")
        let report = try StarMatchStore(path: file.path, readOnly: true).check()
        #expect(!report.ok)
        let checks = report.failures.map(\.check)
        #expect(checks.contains("integrity"))
        #expect(checks.contains("rows of sales"))
        #expect(!checks.contains("rows of creators"), "only the damaged table is named: \(checks)")
        #expect(report.failures.allSatisfy { $0.finding.contains("damaged pages") || $0.check == "integrity" })
        // The undamaged copy passes every check.
        #expect(try StarMatchStore(path: file.goodCopy, readOnly: true).check().failures == [])
    }

    @Test func backupOfADamagedDatabaseWritesNothing() throws {
        let file = try DamagedFile()
        let store = try StarMatchStore(path: file.path)
        let target = file.dir.appendingPathComponent("backup.sqlite").path
        #expect(throws: (any Error).self) { try store.backup(to: target) }
        do { try store.backup(to: target) } catch { #expect("\(error)".contains("no backup written")) }
        let left = try FileManager.default.contentsOfDirectory(atPath: file.dir.path).filter { $0.contains("backup") }
        #expect(left.isEmpty, "\(left)")
    }

    @Test func theQuickCheckReadsTheFileNotThePoolsCache() throws {
        let file = try DamagedFile()
        let store = try StarMatchStore(path: file.goodCopy)
        #expect(store.quickCheck() == [])
        _ = try store.counts()  // the pool's connections now hold the sales pages
        try DamagedFile.damage(file.goodCopy, table: "sales")
        #expect(store.quickCheck() != [])
    }

    @Test func aBackupNeverReplacesTheDatabaseItself() throws {
        let file = try DamagedFile()
        let store = try StarMatchStore(path: file.goodCopy)
        let before = try store.check(hashes: true).hashes
        try FileManager.default.linkItem(atPath: file.goodCopy, toPath: file.dir.appendingPathComponent("link.sqlite").path)
        for target in [file.goodCopy, file.goodCopy + "-wal", "\(file.dir.path)/./good.sqlite", file.dir.appendingPathComponent("link.sqlite").path] {
            #expect(throws: DomainError.self, "\(target)") { try store.backup(to: target, overwrite: true) }
        }
        #expect(try store.check(hashes: true).hashes == before)
    }

    @Test func anotherProgramsDatabaseOrAnEmptyFileIsNeverTakenOver() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("starmatch-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let foreign = dir.appendingPathComponent("foreign.sqlite").path
        let queue = try DatabaseQueue(path: foreign)
        try queue.write { db in try db.execute(sql: "CREATE TABLE foo (a); INSERT INTO foo VALUES (1)") }
        try queue.close()
        for readOnly in [false, true] {
            #expect(throws: DomainError.self) { _ = try StarMatchStore(path: foreign, readOnly: readOnly) }
        }
        let tables = try DatabaseQueue(path: foreign).read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master") }
        #expect(tables == ["foo"])
        // An empty file: a read refuses it and leaves it empty (a creating write may make it a database).
        let empty = dir.appendingPathComponent("empty.sqlite").path
        FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: DomainError.self) { _ = try StarMatchStore(path: empty, readOnly: true) }
        #expect((try FileManager.default.attributesOfItem(atPath: empty)[.size] as? Int) == 0)
    }

    @Test func theServerAnswers503UntilARestorePassesTheCheck() async throws {
        let file = try DamagedFile()
        let store = try StarMatchStore(path: file.path)
        let key = try store.createAPIKey(role: .manager, shop: nil, label: "t", at: Date()).secret
        let services = APIServices(store: store, checkInterval: .seconds(3600), recheckInterval: .milliseconds(200))
        let app = Application(router: try buildRouter(services: services), logger: testLogger)
        try await app.test(.router) { client in
            var status: HTTPResponse.Status = .ok
            for _ in 0..<100 where status != .serviceUnavailable {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.call(.get, "/readyz", key: nil).status
            }
            #expect(status == .serviceUnavailable)
            for uri in ["/v1/shops", "/v1/campaigns/cp-glowlab-black-friday/shortlist"] {
                try await client.call(.get, uri, key: key) { response in
                    #expect(response.status == .serviceUnavailable, "\(uri)")
                    #expect(response.headers[.contentType] == "application/problem+json")
                    #expect(((try? object(response))?["detail"] as? String ?? "").contains("restore"))
                    #expect(response.headers[.retryAfter] == nil, "not busy: waiting does not help")
                }
            }
            // Liveness is not readiness: the process still answers.
            try await client.call(.get, "/healthz", key: nil) { #expect($0.status == .ok) }
            // An operator restores the backup; the next check passes and the server answers again.
            try store.restore(from: file.goodCopy)
            let key = try store.createAPIKey(role: .manager, shop: nil, label: "after", at: Date()).secret  // keys are the backup's now
            for _ in 0..<100 where status != .ok {
                try await Task.sleep(for: .milliseconds(50))
                status = try await client.call(.get, "/readyz", key: nil).status
            }
            #expect(status == .ok)
            try await client.call(.get, "/v1/shops", key: key) { #expect($0.status == .ok) }
        }
    }
}
