import Foundation
import GRDB
import StarMatchCore
@testable import StarMatchStore
import Testing

/// A temporary folder removed when the test ends.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("starmatch-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    /// Run when the test ends (a PostgreSQL test database dropped).
    var cleanups: [() -> Void] = []
    deinit {
        for cleanup in cleanups { cleanup() }
        try? FileManager.default.removeItem(at: url)
    }

    func file(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }
}

/// A store with a small taxonomy and two shops, on `backend` (a PostgreSQL test database is dropped with `dir`).
func makeStore(_ dir: TempDir, _ backend: TestBackend = .sqlite) throws -> StarMatchStore {
    let store: StarMatchStore
    switch backend {
    case .sqlite:
        store = try StarMatchStore(inMemory: PolicyConfig())
    case .postgres:
        let pg = try TestPostgres()
        dir.cleanups.append { pg.drop() }
        store = try StarMatchStore(postgres: pg.location)
    }
    try store.importFile(kind: .categories, at: try dir.file("categories.csv", """
        path,name
        beauty,Beauty
        beauty/skincare,Skincare
        beauty/makeup,Makeup
        home,Home
        home/kitchen,Kitchen
        """))
    try store.importFile(kind: .shops, at: try dir.file("shops.csv", """
        id,name,region,score,categories
        sh-a,Glow Lab,US,96.5,beauty/skincare;beauty/makeup
        sh-b,"Home, Sweet Home",GB,80,home/kitchen
        """))
    return store
}

let creatorHeader = "id,handle,kind,followers,region,birth_date,registered_at,age_confirmed_at,identity_verified,identity_document,policies_accepted,bound_shop,niches"

func creatorLine(_ n: Int, followers: String = "1500", kind: String = "affiliate", bound: String = "", niches: String = "beauty/skincare") -> String {
    "c\(n),handle \(n),\(kind),\(followers),US,1995-05-0\(n % 9 + 1),2025-01-01T00:00:00Z,2025-01-10T00:00:00Z,true,doc-\(n),true,\(bound),\(niches)"
}

func rowCount(_ store: StarMatchStore, _ table: String) throws -> Int {
    try store.sqlRead { db in try db.value("SELECT COUNT(*) FROM \(table)", as: Int.self) ?? 0 }
}

@Suite("Import: one transaction, every bad row named")
struct ImportTests {
    @Test("1,000 rows with 3 bad ones import nothing and name all 3", arguments: TestBackend.all)
    func threeBadRowsOfAThousand(_ backend: TestBackend) throws {
        // Given a store that already holds one creator
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("first.csv", creatorHeader + "\n" + creatorLine(0)))
        let before = try store.creator("c0")
        // When a 1,000-row file with bad rows on lines 101, 502 and 1001 is imported
        var lines = [creatorHeader]
        for n in 1...1000 {
            switch n {
            case 100: lines.append(creatorLine(n, followers: "-5"))
            case 501: lines.append(creatorLine(n, kind: "influencer"))
            case 1000: lines.append(creatorLine(n, niches: "beauty/nails"))
            default: lines.append(creatorLine(n))
            }
        }
        let file = try dir.file("creators.csv", lines.joined(separator: "\n") + "\n")
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .creators, at: file) }
        // Then nothing changed and each bad row is named with line and column
        #expect(try rowCount(store, "creators") == 1)
        #expect(try store.creator("c0") == before)
        #expect(error.issues.map(\.line) == [101, 502, 1001])
        #expect(error.issues.map(\.column) == ["followers", "kind", "niches"])
        #expect(error.issues[0].reason.contains("below the minimum 0"))
        #expect(error.issues[1].reason.contains("affiliate"))
        #expect(error.issues[2].reason.contains("unknown category 'beauty/nails'"))
        #expect(error.rowsRead == 1000)
    }

    @Test("--skip-invalid imports the good rows and writes the bad ones with reasons", arguments: TestBackend.all)
    func skipInvalid(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let file = try dir.file("creators.csv", [creatorHeader, creatorLine(1), creatorLine(2, followers: "many"), creatorLine(3)].joined(separator: "\n"))
        let rejects = dir.url.appendingPathComponent("rejects.csv")
        let report = try store.importFile(kind: .creators, at: file, options: ImportOptions(skipInvalid: true, rejectsURL: rejects))
        #expect(report.inserted == 2)
        #expect(report.rejectedRows == 1)
        #expect(try rowCount(store, "creators") == 2)
        let text = try String(contentsOf: rejects, encoding: .utf8)
        #expect(text.contains("_line,_errors"))
        #expect(text.contains("c2,handle 2"))
        #expect(text.contains(",3,followers: 'many' is not a whole number"))
        // Fixed in place, the rejects file imports as it is: its `_line` and `_errors` columns are ignored.
        let fixed = dir.url.appendingPathComponent("fixed.csv")
        try text.replacingOccurrences(of: ",many,", with: ",2500,").write(to: fixed, atomically: true, encoding: .utf8)
        let again = try store.importFile(kind: .creators, at: fixed)
        #expect(again.inserted == 1 && again.rejectedRows == 0)
        #expect(try store.creator("c2")?.followers == 2500)
    }

    @Test("E-HANDLE: a handle held by another creator, ignoring case and a leading @, is refused naming the holder — in a later file, the same file and an API write; the holder may change its own", arguments: TestBackend.all)
    func uniqueHandles(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        func line(_ n: Int, handle: String) -> String { creatorLine(n).replacingOccurrences(of: "handle \(n)", with: handle) }
        try store.importFile(kind: .creators, at: try dir.file("a.csv", [creatorHeader, line(1, handle: "Glow.Getter")].joined(separator: "\n")))
        // A later file: refused, naming line, column, rule and holder; nothing written — whether the file is small
        // (only the handles it names are looked up) or every stored handle is read.
        let later = try dir.file("b.csv", [creatorHeader, line(2, handle: "@glow.getter"), line(3, handle: "fresh")].joined(separator: "\n"))
        var readAll = ImportOptions()
        readAll.namedIDsLimitBytes = 0
        for options in [ImportOptions(), readAll] {
            let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .creators, at: later, options: options) }
            #expect(error.issues.map(\.line) == [2] && error.issues.map(\.column) == ["handle"] && error.issues.map(\.rule) == ["E-HANDLE"])
            #expect(error.issues[0].reason.contains("belongs to creator c1"))
            #expect(try store.creator("c3") == nil)
        }
        // Twice in one file: the second is refused.
        let same = try dir.file("c.csv", [creatorHeader, line(4, handle: "Twin"), line(5, handle: "@TWIN")].joined(separator: "\n"))
        let twice = try #require(throws: ImportFailure.self) { try store.importFile(kind: .creators, at: same) }
        #expect(twice.issues.map(\.line) == [3] && twice.issues[0].reason.contains("creator c4"))
        // The holder may re-import itself with another spelling of its own handle.
        try store.importFile(kind: .creators, at: try dir.file("d.csv", [creatorHeader, line(1, handle: "@GLOW.getter")].joined(separator: "\n")))
        #expect(try store.creator("c1")?.handle == "@GLOW.getter")
        #expect(try store.creatorID(handle: "glow.GETTER") == "c1" && store.creatorID(handle: "@nobody") == nil)
        // The API's write path: the same refusal.
        var other = try #require(try store.creator("c1"))
        other.id = "c9"
        other.handle = "GLOW.GETTER"
        let rejected = try #require(throws: RecordsRejected.self) { try store.writeRecords(.creators, records: [.creator(other)], mode: .create) }
        #expect(rejected.issues.map(\.rule) == ["E-HANDLE"] && rejected.issues[0].column == "handle")
        #expect(try store.creator("c9") == nil)
    }

    @Test("Rows are upserted by id; a duplicate id in one file is a bad row", arguments: TestBackend.all)
    func upsertAndDuplicates(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("a.csv", [creatorHeader, creatorLine(1), creatorLine(2)].joined(separator: "\n")))
        let report = try store.importFile(kind: .creators, at: try dir.file("b.csv", [creatorHeader, creatorLine(1, followers: "9999"), creatorLine(3)].joined(separator: "\n")))
        #expect(report.updated == 1)
        #expect(report.inserted == 1)
        #expect(try store.creator("c1")?.followers == 9999)
        let dup = try dir.file("dup.csv", [creatorHeader, creatorLine(4), creatorLine(4)].joined(separator: "\n"))
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .creators, at: dup) }
        #expect(error.issues.count == 1)
        #expect(error.issues[0].line == 3)
        #expect(error.issues[0].reason.contains("duplicate id 'c4'"))
        #expect(try store.creator("c4") == nil)
    }

    @Test("A small file looks up only the ids it names: the same rows, counts, refusals and scoring state as reading every id", arguments: TestBackend.all)
    func smallFileLookups(_ backend: TestBackend) throws {
        // Given two equal stores with creators, sales, violations and content events
        let dir = try TempDir()
        func seeded() throws -> StarMatchStore {
            let store = try makeStore(dir, backend)
            try store.importFile(kind: .creators, at: try dir.file("c.csv", ([creatorHeader] + (1...6).map { creatorLine($0) }).joined(separator: "\n")))
            try store.importFile(kind: .sales, at: try dir.file("s.csv", """
                id,creator,shop,category,ordered_at,orders,returned_orders,gmv_minor,currency
                s1,c1,sh-a,beauty/skincare,2025-03-01T00:00:00Z,2,0,5000,USD
                s2,c2,sh-a,beauty/makeup,2025-03-02T00:00:00Z,1,0,900,USD
                s3,c3,sh-b,home/kitchen,2025-03-03T00:00:00Z,4,1,12000,GBP
                """))
            try store.importFile(kind: .violations, at: try dir.file("v.csv", "id,creator,kind,points,at\nv1,c1,spam,2,2025-03-01T00:00:00Z"))
            return store
        }
        let lookups = try seeded(), everyID = try seeded()
        var readAll = ImportOptions(skipInvalid: true)
        readAll.namedIDsLimitBytes = 0
        let files: [(ImportKind, URL)] = [
            // an update that moves a sale to another creator, new sales, an unknown creator, a duplicate id
            (.sales, try dir.file("s2.csv", """
                id,creator,shop,category,ordered_at,orders,returned_orders,gmv_minor,currency
                s1,c4,sh-a,beauty/skincare,2025-03-01T00:00:00Z,2,0,5000,USD
                s4,c5,sh-a,beauty/skincare,2025-04-01T00:00:00Z,3,0,7000,USD
                s5,c-nobody,sh-a,beauty/skincare,2025-04-01T00:00:00Z,3,0,7000,USD
                s4,c5,sh-a,beauty/skincare,2025-04-01T00:00:00Z,3,0,7000,USD
                """)),
            (.violations, try dir.file("v2.jsonl", """
                {"id":"v1","creator":"c2","kind":"spam","points":3,"at":"2025-03-05T00:00:00Z"}
                {"id":"v2","creator":"c6","kind":"spam","points":1,"at":"2025-03-05T00:00:00Z"}
                {"id":"v3","creator":"c-nobody","kind":"spam","points":1,"at":"2025-03-05T00:00:00Z"}
                """)),
            (.creators, try dir.file("c2.csv", [creatorHeader, creatorLine(1, followers: "777"), creatorLine(7)].joined(separator: "\n"))),
        ]
        for (kind, url) in files {
            // When each file is imported both ways
            var small = ImportOptions(skipInvalid: true)
            small.rejectsURL = dir.url.appendingPathComponent("small-\(kind.rawValue).rejects.csv")
            readAll.rejectsURL = dir.url.appendingPathComponent("all-\(kind.rawValue).rejects.csv")
            let a = try lookups.importFile(kind: kind, at: url, options: small)
            let b = try everyID.importFile(kind: kind, at: url, options: readAll)
            // Then the reports agree, and so do the tables and the scoring state
            #expect(a.inserted == b.inserted && a.updated == b.updated && a.issues == b.issues, "\(kind)")
        }
        for table in ["creators", "sales", "violations", "scoring_records", "scoring_bounds"] {
            let rows = { (store: StarMatchStore) in try store.sqlRead { db in try db.rows("SELECT * FROM \(table) ORDER BY 1", []).map(\.values) } }
            #expect(try rows(lookups) == rows(everyID), "\(table)")
        }
        #expect(try lookups.checkScoring(at: Timestamp.parse("2025-06-01T00:00:00Z")!, profile: ScoringProfile()).ok)
    }

    @Test("A bulk import rewrites the sales keys' order once (25,000 creators, then their sales); a small write after it moves keys one by one; check --scoring holds both",
          arguments: TestBackend.all)
    func bulkKeyOrder(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let n = 25_000
        try store.importFile(kind: .creators, at: try dir.file("c.csv", ([creatorHeader] + (1...n).map { creatorLine($0) }).joined(separator: "\n")))
        var sales = ["id,creator,shop,category,ordered_at,orders,returned_orders,gmv_minor,currency"]
        for i in 1...n where i % 5 != 0 { sales.append("s\(i),c\(i),sh-a,beauty/skincare,2025-0\(i % 9 + 1)-01T00:00:00Z,\(i % 4 + 1),0,\(i * 37 % 100_000 + 1),USD") }
        try store.importFile(kind: .sales, at: try dir.file("s.csv", sales.joined(separator: "\n")))
        let at = Timestamp.parse("2026-01-01T00:00:00Z")!
        let bulk = try store.checkScoring(at: at, profile: ScoringProfile())
        #expect(bulk.ok, "\(String(describing: bulk.firstDifference))")
        #expect(try rowCount(store, "scoring_keys") == n - n / 5)
        // A small write: one sale moves to a creator without sales, one creator gets a first sale.
        try store.importFile(kind: .sales, at: try dir.file("s2.csv", """
            id,creator,shop,category,ordered_at,orders,returned_orders,gmv_minor,currency
            s1,c5,sh-a,beauty/skincare,2025-03-01T00:00:00Z,2,0,5000,USD
            s-new,c10,sh-a,beauty/skincare,2025-03-01T00:00:00Z,2,0,5000,USD
            """))
        let small = try store.checkScoring(at: at, profile: ScoringProfile())
        #expect(small.ok, "\(String(describing: small.firstDifference))")
        // More creators than a shortlist gathers at first (2,048): the gathered bounds come from a sampled
        // threshold; the list equals the whole population's.
        try store.importFile(kind: .campaigns, at: try dir.file("k.csv", """
            id,shop,name,kind,categories,slots,starts_at,ends_at,commission_pct,min_followers,regions
            k1,sh-a,Skin,sample,beauty/skincare,50,2025-12-01T00:00:00Z,2026-02-01T00:00:00Z,8,,
            k2,sh-b,Kitchen,discount,home/kitchen,50,2025-12-01T00:00:00Z,2026-02-01T00:00:00Z,8,,
            """))
        // The default profile and one admitting niche fit 0 (M-NICHE): nobody's niche fits the kitchen campaign.
        for profile in [ScoringProfile(), ScoringProfile(minimumNiche: 0)] {
            let history = try store.sqlRead { db in try store.populationFromHistory(db, at: at, profile: profile) }
            for (campaign, shop) in try store.campaignsWithShops() {
                for limit in [1, 20, 300] {
                    let expected = history.shortlist(campaign, shop: shop, limit: limit, filter: ShortlistFilter())
                    #expect(expected.count == (campaign.id == "k2" && !profile.admitsNoNiche ? 0 : limit), "\(campaign.id): eligible creators to fill the list")
                    let fast = try #require(try store.shortlistFromState(campaign, shop: shop, at: at, profile: profile, limit: limit))
                    #expect(fast.ranked.map(\.creator.id) == expected.map(\.creator.id), "\(campaign.id), limit \(limit)")
                    #expect(fast.ranked.map(\.score) == expected.map(\.score), "\(campaign.id), limit \(limit)")
                }
            }
        }
        // The records are decoded in slices on every core: two damaged ones (in different slices) make the
        // population throw naming the first in creator order, with nothing half-built left.
        let zero = backend == .sqlite ? "x'00'" : #"'\x00'::bytea"#
        try store.sqlWrite { db in try db.execute("UPDATE scoring_records SET record = \(zero) WHERE creator_id IN ('c7', 'c9999')", []) }
        let damaged = try #require(throws: DamagedRow.self) { try store.scoringPopulation(at: at, profile: ScoringProfile()) }
        #expect(damaged.table == "scoring_records" && damaged.id == "c7", "\(damaged)")
        try store.rebuildScoringState()
        #expect(try store.checkScoring(at: at, profile: ScoringProfile()).ok)
    }

    @Test("E-IDDOC: a bulk creators import (over 1,000 new documents) ranks the accounts on shared documents, new and stored, as history does", arguments: TestBackend.all)
    func bulkDocumentRanks(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        func line(_ id: String, registered: String, document: String) -> String {
            "\(id),handle \(id),affiliate,1500,US,1995-05-01,\(registered),2025-01-10T00:00:00Z,true,\(document),true,,beauty/skincare"
        }
        // Stored first (this import builds the state): two accounts on one document.
        try store.importFile(kind: .creators, at: try dir.file("c1.csv", [
            creatorHeader, line("a1", registered: "2025-01-02T00:00:00Z", document: "shared"), line("a2", registered: "2025-01-03T00:00:00Z", document: "shared"),
        ].joined(separator: "\n")))
        // Then 1,200 accounts alone on their documents, one registered before both on "shared", and two that share
        // a new document (tied on registration: the id breaks the tie).
        var lines = [creatorHeader] + (1...1_200).map { line("b\($0)", registered: "2025-01-04T00:00:00Z", document: "alone-\($0)") }
        lines += [line("b2000", registered: "2025-01-01T00:00:00Z", document: "shared"),
                  line("b2002", registered: "2025-01-05T00:00:00Z", document: "pair"), line("b2001", registered: "2025-01-05T00:00:00Z", document: "pair")]
        try store.importFile(kind: .creators, at: try dir.file("c2.csv", lines.joined(separator: "\n")))
        let at = Timestamp.parse("2026-01-01T00:00:00Z")!
        let check = try store.checkScoring(at: at, profile: ScoringProfile())
        #expect(check.ok, "\(String(describing: check.firstDifference))")
        for (id, rank) in [("b2000", 1), ("a1", 2), ("a2", 3), ("b2001", 1), ("b2002", 2), ("b1", 1), ("b1200", 1)] {
            let creator = try #require(try store.creator(CreatorID(id)))
            #expect(try store.eligibility(of: creator, at: at).1.documentRank == rank, "\(id)")
        }
    }

    @Test("A large sales import remakes the recent-sales index at its end: the same index as one grown row by row; a failed import leaves it as it was")
    func bulkRecentSalesIndex() throws {
        let dir = try TempDir()
        let now = Date()
        func seeded() throws -> StarMatchStore {
            let store = try makeStore(dir)
            try store.importFile(kind: .creators, at: try dir.file("c.csv", ([creatorHeader] + (1...40).map { creatorLine($0) }).joined(separator: "\n")))
            return store
        }
        // Sales from 200 days ago to yesterday, in creator order (as files come).
        var sales = ["id,creator,shop,category,ordered_at,orders,returned_orders,gmv_minor,currency"]
        for c in 1...40 {
            for k in 0..<10 {
                let ordered = now.addingTimeInterval(-Double((c * 7 + k * 19) % 200 + 1) * 86_400)
                sales.append("s\(c)-\(k),c\(c),sh-a,beauty/skincare,\(Timestamp.format(ordered)),\(k % 3 + 1),0,\(c * 100 + k),USD")
            }
        }
        let file = try dir.file("s.csv", sales.joined(separator: "\n"))
        var bulk = ImportOptions()
        bulk.largeSalesBytes = 0
        // When one store takes the file as a bulk import (its index remade at the end) and the other grows its
        // index row by row, then moves the horizon to the same place
        let remade = try seeded(), grown = try seeded()
        try remade.importFile(kind: .sales, at: file, options: bulk)
        try grown.importFile(kind: .sales, at: file)
        let horizon = try remade.writer.read { db in try StarMatchStore.recentSalesHorizon(db) }
        #expect(horizon > Int64(now.timeIntervalSince1970) - 200 * 86_400, "the lagging horizon moved up")
        try grown.writer.write { db in try StarMatchStore.moveRecentSalesHorizon(SQLiteSession(db), to: horizon) }
        // Then both have the same index over the same sales
        func index(_ store: StarMatchStore) throws -> (sql: String?, rows: [Row]) {
            try store.writer.read { db in
                (try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'sales_recent'"),
                 try Row.fetchAll(db, sql: "SELECT ordered_at, creator_id, id FROM sales INDEXED BY sales_recent WHERE ordered_at > \(horizon) ORDER BY ordered_at, creator_id, id"))
            }
        }
        let (sql, rows) = try index(remade)
        let other = try index(grown)
        #expect(sql != nil && sql == other.sql)
        #expect(rows.count > 0 && rows.count < 400 && rows == other.rows)
        let check = try remade.checkScoring(at: now, profile: ScoringProfile())
        #expect(check.ok, "\(String(describing: check.firstDifference))")
        // And a bulk import with a bad last row (C-CURRENCY) writes nothing: the index and horizon are as they were
        let bad = try dir.file("bad.csv", (sales.map { $0.replacingOccurrences(of: "s", with: "t", options: .anchored) }
                                           + ["t-bad,c1,sh-a,beauty/skincare,\(Timestamp.format(now.addingTimeInterval(-86_400))),1,0,100,XXX"]).joined(separator: "\n"))
        #expect(throws: ImportFailure.self) { try remade.importFile(kind: .sales, at: bad, options: bulk) }
        let after = try index(remade)
        #expect(after.sql == sql && after.rows == rows)
        #expect(try rowCount(remade, "sales") == 400)
    }

    @Test("E-BIND and foreign keys are checked on import", arguments: TestBackend.all)
    func bindAndForeignKeys(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let file = try dir.file("creators.csv", [
            creatorHeader,
            creatorLine(1, kind: "officialShop"),
            creatorLine(2, kind: "affiliate", bound: "sh-a"),
            creatorLine(3, kind: "marketing", bound: "sh-zz"),
            creatorLine(4, kind: "marketing", bound: "sh-b"),
        ].joined(separator: "\n"))
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .creators, at: file) }
        #expect(error.issues.map(\.line) == [2, 3, 4])
        #expect(error.issues[0].rule == "E-BIND")
        #expect(error.issues[1].rule == "E-BIND")
        #expect(error.issues[2].reason == "unknown shop 'sh-zz'")
    }

    @Test("C-CURRENCY: a sale in a currency without a rate is refused naming line, column, currency and rule; nothing is written", arguments: TestBackend.all)
    func unknownCurrency(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("creators.csv", creatorHeader + "\n" + creatorLine(1)))
        let header = "id,creator,shop,campaign,category,ordered_at,orders,returned_orders,gmv_minor,currency"
        let file = try dir.file("sales.csv", [header,
            "s1,c1,sh-a,,beauty/skincare,2026-01-01T00:00:00Z,1,0,1000,USD",
            "s2,c1,sh-a,,beauty/skincare,2026-01-01T00:00:00Z,3,0,1500000,JPY"].joined(separator: "\n"))
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .sales, at: file) }
        #expect(error.issues.map(\.line) == [3] && error.issues.map(\.column) == ["currency"] && error.issues.map(\.rule) == ["C-CURRENCY"])
        #expect(error.issues[0].reason.contains("JPY") && error.issues[0].reason.contains("CAD, EUR, GBP, MXN, USD"))
        #expect(try rowCount(store, "sales") == 0)
    }

    @Test("Header problems refuse the file: unknown, repeated and missing columns", arguments: TestBackend.all)
    func headerProblems(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let file = try dir.file("shops.csv", "id,name,name,colour,categories\nsh-c,C,C,red,home\n")
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .shops, at: file) }
        let described = error.issues.map(\.description)
        #expect(described.contains { $0.contains("column name: column appears twice") })
        #expect(described.contains { $0.contains("column colour: unknown column") })
        #expect(described.contains { $0.contains("column region: required column is missing") })
        #expect(described.contains { $0.contains("column score: required column is missing") })
        let empty = try dir.file("empty.csv", "")
        #expect(throws: ImportFailure.self) { try store.importFile(kind: .shops, at: empty) }
    }

    @Test("CSV: BOM, CRLF, quoted commas, quotes and newlines, UTF-8 names", arguments: TestBackend.all)
    func csvQuoting(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let text = "\u{FEFF}id,name,region,score,categories\r\n"
            + "sh-q,\"Zoë's \"\"Best\"\", Shop\",US,95,\"beauty;home\"\r\n"
            + "sh-r,美妆店,GB,99.5,home/kitchen\r\n"
        try store.importFile(kind: .shops, at: try dir.file("shops.csv", text))
        #expect(try store.shop("sh-q")?.name == "Zoë's \"Best\", Shop")
        #expect(try store.shop("sh-q")?.categories == ["beauty", "home"])
        #expect(try store.shop("sh-r")?.name == "美妆店")
        // A newline inside quotes is refused as a control character, and the next row's line is still right.
        let multi = "id,name,region,score,categories\nsh-m,\"two\nlines\",US,90,home\nsh-n,ok,US,101,home\n"
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .shops, at: try dir.file("m.csv", multi)) }
        #expect(error.issues.map(\.line) == [2, 4])
        #expect(error.issues[0].reason.contains("control characters"))
        #expect(error.issues[1].column == "score")
    }

    @Test("CSV: wrong field counts, invalid UTF-8 and a stray quote are named by line", arguments: TestBackend.all)
    func csvHostile(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        var bytes = Array("id,name,region,score,categories\nsh-1,A,US,90\nsh-2,B".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(",US,90,home\nsh-3,\"C\"x,US,90,home\nsh-4,D,US,90,home\n".utf8)
        let file = dir.url.appendingPathComponent("bad.csv")
        try Data(bytes).write(to: file)
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .shops, at: file) }
        #expect(error.issues.map(\.line) == [2, 3, 4])
        #expect(error.issues[0].reason.contains("expected 5 fields"))
        #expect(error.issues[1].reason.contains("not valid UTF-8"))
        #expect(error.issues[2].reason.contains("after a closing quote"))
        #expect(try store.shop("sh-4") == nil)
    }

    @Test("JSON Lines: typed values, lists as arrays, unknown fields and bad JSON named by line", arguments: TestBackend.all)
    func jsonLines(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let good = """
            {"id":"sh-j","name":"Json Shop","region":"US","score":97,"categories":["beauty","home/kitchen"]}

            {"id":"sh-k","name":"K","region":"GB","score":95.5,"categories":["home"]}
            """
        let report = try store.importFile(kind: .shops, at: try dir.file("shops.jsonl", good))
        #expect(report.inserted == 2)
        #expect(try store.shop("sh-j")?.categories == ["beauty", "home/kitchen"])
        #expect(try store.shop("sh-k")?.score == 95.5)
        let bad = """
            {"id":"sh-l","name":"L","region":"US","score":"high","categories":["home"]}
            {"id":"sh-m","name":"M","region":"US","score":90,"categories":["home"],"colour":"red"}
            {"id":"sh-n",
            [1,2,3]
            {"id":"sh-o","name":"O","region":"US","score":90,"categories":"home"}
            """
        let error = try #require(throws: ImportFailure.self) { try store.importFile(kind: .shops, at: try dir.file("bad.jsonl", bad)) }
        #expect(error.issues.map(\.line) == [1, 2, 3, 4, 5])
        #expect(error.issues[0].column == "score")
        #expect(error.issues[1].column == "colour")
        // A list member is an array (strict like API bodies), never a `;`-joined string.
        #expect(error.issues[4].column == "categories")
        #expect(try store.shop("sh-l") == nil)
    }

    @Test("Seeding several files is one transaction: a bad last file leaves nothing", arguments: TestBackend.all)
    func multiFileAtomic(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let creators = try dir.file("creators.csv", [creatorHeader, creatorLine(1)].joined(separator: "\n"))
        let violations = try dir.file("violations.csv", "id,creator,kind,points,at\nv1,c1,spam,10,2026-01-01\nv2,c9,spam,10,2026-01-01\n")
        let error = try #require(throws: ImportFailure.self) { try store.importFiles([(.creators, creators), (.violations, violations)]) }
        #expect(error.issues.map(\.description) == ["line 3, column creator: unknown creator 'c9'"])
        #expect(try rowCount(store, "creators") == 0)
        #expect(try rowCount(store, "violations") == 0)
    }

    @Test("A file database survives reopening; imports are visible to a new store")
    func fileDatabase() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("db.sqlite").path
        do {
            let store = try StarMatchStore(path: path)
            try store.importFile(kind: .categories, at: try dir.file("c.csv", "path,name\nhome,Home\n"))
        }
        let reopened = try StarMatchStore(path: path)
        #expect(try reopened.counts().categories == 1)
        let mode = try reopened.writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    /// What a progress callback saw, appended from the importer's thread.
    final class Sightings<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [T] = []
        func append(_ item: T) { lock.withLock { items.append(item) } }
        var all: [T] { lock.withLock { items } }
    }

    /// Two categories and a shop, the creators' references.
    static func seedTaxonomy(_ store: StarMatchStore, _ dir: TempDir) throws {
        try store.importFile(kind: .categories, at: try dir.file("c.csv", "path,name\nbeauty,Beauty\nbeauty/skincare,Skincare\n"))
        try store.importFile(kind: .shops, at: try dir.file("s.csv", "id,name,region,score,categories\nsh-a,Glow Lab,US,96.5,beauty/skincare\n"))
    }

    /// A connection of the test's own that waits for other connections' locks (a store just released may still be
    /// checkpointing its WAL as it closes) instead of failing at once, as GRDB's default does.
    static func connection(_ path: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        return try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The file's journal mode as a new connection sees it.
    static func journalMode(_ path: String) throws -> String? {
        try connection(path).read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    @Test("A bulk writer imports through a rollback journal (no WAL while it writes) and leaves the file in WAL mode; a failed bulk import leaves the rows as they were")
    func bulkJournal() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("db.sqlite").path
        try Self.seedTaxonomy(try StarMatchStore(path: path), dir)
        #expect(try Self.journalMode(path) == "wal")
        let store = try StarMatchStore(path: path, bulkWriter: true)
        // While the import writes, the file has a rollback journal and no WAL.
        let seen = Sightings<Bool>()
        let creators = try dir.file("creators.csv", ([creatorHeader] + (1...50).map { creatorLine($0) }).joined(separator: "\n"))
        try store.importFile(kind: .creators, at: creators, progress: { _ in
            seen.append(FileManager.default.fileExists(atPath: path + "-wal"))
        })
        #expect(!seen.all.isEmpty && seen.all.allSatisfy { !$0 })
        #expect(try rowCount(store, "creators") == 50)
        #expect(try Self.journalMode(path) == "wal")
        #expect(try store.checkScoring(at: nil, profile: ScoringProfile()).ok)
        // A bad last row imports nothing, and the file is back in WAL mode.
        let bad = try dir.file("bad.csv", ([creatorHeader] + (51...60).map { creatorLine($0) } + [creatorLine(61, bound: "sh-missing")]).joined(separator: "\n"))
        #expect(throws: ImportFailure.self) { try store.importFile(kind: .creators, at: bad) }
        #expect(try rowCount(store, "creators") == 50)
        #expect(try Self.journalMode(path) == "wal")
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
    }

    @Test("A read-only open of a file left with a hot rollback journal (a bulk write killed after it began writing the database) rolls it back and reads the last commit")
    func hotJournalRolledBack() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("db.sqlite").path
        let crashed = dir.url.appendingPathComponent("crashed.sqlite").path
        do {
            let store = try makeStore(dir)
            try store.importFile(kind: .creators, at: try dir.file("c.csv", ([creatorHeader] + (1...20).map { creatorLine($0) }).joined(separator: "\n")))
            try store.writer.backup(to: try Self.connection(path))
        }
        // A write through a rollback journal with a cache so small that it writes the database before its commit;
        // the files as they are then are what a kill at that moment leaves.
        let writer = try Self.connection(path)
        try writer.writeWithoutTransaction { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete")
            try db.execute(sql: "PRAGMA cache_size = 2")
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE creators SET followers = followers + 1")
            try db.execute(sql: "CREATE TABLE scratch (x BLOB)")
            for _ in 0..<200 { try db.execute(sql: "INSERT INTO scratch VALUES (randomblob(4000))") }
            try FileManager.default.copyItem(atPath: path, toPath: crashed)
            try FileManager.default.copyItem(atPath: path + "-journal", toPath: crashed + "-journal")
            try db.execute(sql: "ROLLBACK")
        }
        try writer.close()
        let journal = try #require(FileManager.default.contents(atPath: crashed + "-journal"))
        #expect(journal.prefix(8) == Data([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]), "the journal is hot (its header is written)")
        // A read-only store reads the last commit, and the file is back in WAL mode without the journal.
        let reader = try StarMatchStore(path: crashed, readOnly: true)
        #expect(try rowCount(reader, "creators") == 20)
        #expect(try reader.creator(CreatorID("c1"))?.followers == 1500)
        #expect(!FileManager.default.fileExists(atPath: crashed + "-journal"))
        #expect(try Self.journalMode(crashed) == "wal")
    }

    @Test("A bulk writer whose file another connection holds open imports in WAL mode, as any writer")
    func bulkJournalShared() throws {
        let dir = try TempDir()
        let path = dir.url.appendingPathComponent("db.sqlite").path
        let server = try StarMatchStore(path: path)  // a pool, as a server holds
        try Self.seedTaxonomy(server, dir)
        let store = try StarMatchStore(path: path, bulkWriter: true)
        let seen = Sightings<Bool>()
        let creators = try dir.file("creators.csv", ([creatorHeader] + (1...20).map { creatorLine($0) }).joined(separator: "\n"))
        try store.importFile(kind: .creators, at: creators, progress: { _ in
            seen.append(FileManager.default.fileExists(atPath: path + "-wal"))
        })
        #expect(!seen.all.isEmpty && seen.all.allSatisfy { $0 })
        #expect(try rowCount(server, "creators") == 20)
        #expect(try Self.journalMode(path) == "wal")
    }
}

@Suite("Store queries feed the policy")
struct StoreFactsTests {
    @Test("E-IDDOC: the 6th account on a document, by registration then id, is refused", arguments: TestBackend.all)
    func documentRank(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        var lines = [creatorHeader]
        for n in 1...6 {
            // c6 registers at the same instant as c5: the id breaks the tie.
            let registered = n == 6 ? "2025-01-05T00:00:00Z" : "2025-01-0\(n)T00:00:00Z"
            lines.append("c\(n),h\(n),affiliate,2000,US,1990-01-01,\(registered),2025-01-10T00:00:00Z,true,shared-doc,true,,beauty")
        }
        try store.importFile(kind: .creators, at: try dir.file("c.csv", lines.joined(separator: "\n")))
        let at = Timestamp.parse("2026-01-01T00:00:00Z")!
        for n in 1...6 {
            let creator = try #require(try store.creator(CreatorID("c\(n)")))
            let (report, standing) = try store.eligibility(of: creator, at: at)
            #expect(standing.documentRank == n)
            #expect(report.refusals.map(\.rule) == (n == 6 ? [.eIDDoc] : []))
        }
    }

    @Test("H-POINTS from stored violations; H-FLOOR at exactly 150", arguments: TestBackend.all)
    func chrFromViolations(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("c.csv", [creatorHeader, creatorLine(1), creatorLine(2)].joined(separator: "\n")))
        try store.importFile(kind: .violations, at: try dir.file("v.csv", """
            id,creator,kind,points,at
            v1,c1,evasionOverlay,30,2026-01-01
            v2,c1,spam,20,2026-02-01
            v3,c2,spam,49,2026-01-01
            v4,c2,spam,50,2026-06-01
            """))
        let at = Timestamp.parse("2026-03-01T00:00:00Z")!
        let one = try store.eligibility(of: try #require(try store.creator("c1")), at: at)
        #expect(one.1.chr == 150)
        #expect(one.0.refusals.map(\.rule) == [.hFloor])
        let two = try store.eligibility(of: try #require(try store.creator("c2")), at: at)
        #expect(two.1.chr == 151)  // the June violation is after the instant
        #expect(two.0.isEligible)
    }

    @Test("Unknown shop or campaign in an eligibility question is an error, not a crash", arguments: TestBackend.all)
    func unknownSubjects(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("c.csv", [creatorHeader, creatorLine(1)].joined(separator: "\n")))
        let creator = try #require(try store.creator("c1"))
        #expect(throws: StoreError.self) { try store.eligibility(of: creator, shop: "nope", at: Date()) }
        #expect(throws: StoreError.self) { try store.eligibility(of: creator, campaign: "nope", at: Date()) }
    }

    @Test("Listing filters by kind, region, niche (with children) and followers", arguments: TestBackend.all)
    func listFilters(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("c.csv", [
            creatorHeader, creatorLine(1, niches: "beauty/skincare"), creatorLine(2, followers: "50", niches: "home"),
            creatorLine(3, kind: "officialShop", bound: "sh-a", niches: "beauty"),
        ].joined(separator: "\n")))
        #expect(try store.creators(CreatorFilter(niche: "beauty")).map(\.id) == ["c1", "c3"])
        #expect(try store.creators(CreatorFilter(niche: "beauty/skincare")).map(\.id) == ["c1"])
        #expect(try store.creators(CreatorFilter(kind: .officialShop)).map(\.id) == ["c3"])
        #expect(try store.creators(CreatorFilter(minFollowers: 100)).map(\.id) == ["c1", "c3"])
        #expect(try store.creators(CreatorFilter(limit: 1, offset: 1)).map(\.id) == ["c2"])
    }
}

@Suite("Derived scoring data follows the database")
struct PopulationTests {
    @Test("M-SCORE: the scoring population is rebuilt after an import and reused otherwise", arguments: TestBackend.all)
    func populationFollowsData(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("a.csv", [creatorHeader, creatorLine(1)].joined(separator: "\n")))
        let at = Timestamp.parse("2026-01-01T00:00:00Z")!
        let version = try store.dataVersion()
        let first = try store.cachedScoringPopulation(at: at, profile: ScoringProfile())
        #expect(first.creators.map(\.id) == ["c1"])
        #expect(try store.cachedScoringPopulation(at: at, profile: ScoringProfile()).creators.count == 1)
        // A failed import changes nothing, not even the version.
        _ = try? store.importFile(kind: .creators, at: try dir.file("bad.csv", [creatorHeader, creatorLine(2, followers: "x")].joined(separator: "\n")))
        #expect(try store.dataVersion() == version)
        try store.importFile(kind: .creators, at: try dir.file("b.csv", [creatorHeader, creatorLine(2)].joined(separator: "\n")))
        #expect(try store.dataVersion() == version + 1)
        #expect(try store.cachedScoringPopulation(at: at, profile: ScoringProfile()).creators.map(\.id) == ["c1", "c2"])
    }

    @Test("M-SCORE: sales count in the population only once validated (C-VALIDATE)", arguments: TestBackend.all)
    func populationSales(_ backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        try store.importFile(kind: .creators, at: try dir.file("a.csv", [creatorHeader, creatorLine(1)].joined(separator: "\n")))
        try store.importFile(kind: .sales, at: try dir.file("s.csv", """
            id,creator,shop,category,ordered_at,orders,returned_orders,gmv_minor,currency
            s1,c1,sh-a,beauty/skincare,2026-01-01T00:00:00Z,4,1,40000,USD
            s2,c1,sh-a,beauty/skincare,2026-01-20T00:00:00Z,1,0,99900,USD
            """))
        let at = Timestamp.parse("2026-01-31T00:00:00Z")!  // s1 is exactly 30 days old, s2 only 11
        let population = try store.scoringPopulation(at: at, profile: ScoringProfile(salesHalfLifeDays: 30))
        let sales = population.inputs[0].sales
        #expect(sales.count == 1)
        #expect(sales[0].keptOrders == 3)
        #expect(abs(sales[0].value - 150.0) < 1e-9)  // $300 kept, one half-life old
    }
}
