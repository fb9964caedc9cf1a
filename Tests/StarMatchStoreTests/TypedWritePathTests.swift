import Foundation
import GRDB
import StarMatchCore
import StarMatchStore
import Testing

/// Every reference known: for comparing adapters without a database.
struct AnyRefs: ReferenceLookup {
    func hasCategory(_ path: CategoryPath) -> Bool { true }
    func hasShop(_ id: ShopID) -> Bool { true }
    func creatorHolding(handleKey: String, other id: CreatorID) -> CreatorID? { nil }
    func hasCreator(_ id: CreatorID) -> Bool { true }
    func campaignShop(_ id: CampaignID) -> ShopID? { ShopID("sh-a") }  // the shop of the sales line below
    func product(_ id: ProductID) -> ProductReference? { ProductReference(shop: ShopID("sh-glowlab"), category: CategoryPath("beauty/skincare")) }
}

func jsonObject(_ text: String) throws -> [String: JSONValue] {
    guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
        throw StoreError("not an object: \(text)")
    }
    return object
}

@Suite("Typed write path: CSV and JSON adapters, strict JSON Lines, strict reads")
struct TypedWritePathTests {
    /// The same data as a CSV row and as a JSON object, for every kind.
    static let samples: [(ImportKind, [String: String], String)] = [
        (.categories, ["path": "beauty/nails", "name": "Nails"], #"{"path":"beauty/nails","name":"Nails"}"#),
        (.shops, ["id": "sh-x", "name": "X", "region": "US", "score": "96.5", "categories": "beauty;home"],
         #"{"id":"sh-x","name":"X","region":"US","score":96.5,"categories":["beauty","home"]}"#),
        (.creators, [
            "id": "cr-x", "handle": "x", "kind": "marketing", "followers": "1200", "region": "GB", "birth_date": "1999-04-30",
            "registered_at": "2026-01-10T08:00:00Z", "age_confirmed_at": "2026-01-12T08:00:00Z", "identity_verified": "true",
            "identity_document": "doc-x", "gpppa": "false", "ecommerce_revoked": "true", "linked_serious_violator": "true",
            "policies_accepted": "true", "bound_shop": "sh-a", "niches": "beauty/skincare;home",
        ], #"""
        {"id":"cr-x","handle":"x","kind":"marketing","followers":1200,"region":"GB","birthDate":"1999-04-30",
         "registeredAt":"2026-01-10T08:00:00Z","ageConfirmedAt":"2026-01-12T08:00:00Z","identityVerified":true,
         "identityDocument":"doc-x","gpppa":false,"ecommerceRevoked":true,"linkedToSeriousViolator":true,
         "policiesAccepted":true,"boundShop":"sh-a","niches":["beauty/skincare","home"],"pilotStartedAt":null}
        """#),
        (.campaigns, [
            "id": "cp-x", "shop": "sh-a", "name": "X", "kind": "discount", "categories": "beauty", "slots": "10",
            "starts_at": "2026-11-01", "ends_at": "2026-12-01T00:00:00Z", "commission_pct": "12.5", "min_followers": "5000",
            "regions": "US;GB",
        ], #"""
        {"id":"cp-x","shop":"sh-a","name":"X","kind":"discount","categories":["beauty"],"slots":10,"startsAt":"2026-11-01",
         "endsAt":"2026-12-01T00:00:00Z","commissionPercent":12.5,"minFollowers":5000,"regions":["US","GB"]}
        """#),
        (.sales, [
            "id": "sa-x", "creator": "cr-1", "shop": "sh-a", "campaign": "cp-1", "category": "beauty", "ordered_at": "2026-11-02T10:00:00Z",
            "orders": "4", "returned_orders": "1", "gmv_minor": "9999", "currency": "EUR",
        ], #"""
        {"id":"sa-x","creator":"cr-1","shop":"sh-a","campaign":"cp-1","category":"beauty","orderedAt":"2026-11-02T10:00:00Z",
         "orders":4,"returnedOrders":1,"gmvMinor":9999,"currency":"EUR"}
        """#),
        (.contentEvents, [
            "id": "ce-x", "creator": "cr-1", "content": "v-1", "medium": "live", "action": "linkAdded", "at": "2026-11-02T10:00:00Z",
            "duration_seconds": "600", "private": "true", "shoppable": "false",
        ], #"""
        {"id":"ce-x","creator":"cr-1","content":"v-1","medium":"live","action":"linkAdded","at":"2026-11-02T10:00:00Z",
         "durationSeconds":600,"isPrivate":true,"shoppable":false}
        """#),
        (.violations, ["id": "vi-x", "creator": "cr-1", "kind": "evasionStitch", "points": "40", "at": "2026-11-02T10:00:00Z"],
         #"{"id":"vi-x","creator":"cr-1","kind":"evasionStitch","points":40,"at":"2026-11-02T10:00:00Z"}"#),
    ]

    @Test("CSV and JSON adapters give the same typed entity for the same data, for every kind")
    func adaptersAgree() throws {
        for (kind, csv, json) in Self.samples {
            let row = RawRow(line: 2, fields: kind.columns.map { csv[$0.name] })
            let fromCSV = try RowValidator(kind: kind, config: PolicyConfig()).validate(row, refs: AnyRefs()).get()
            let (fromJSON, issues) = JSONRecords.decode(kind, try jsonObject(json))
            #expect(issues.isEmpty, "\(kind): \(issues)")
            #expect(fromJSON == fromCSV, "\(kind)")
            #expect(fromJSON?.problems(refs: AnyRefs(), config: PolicyConfig()).isEmpty == true, "\(kind)")
        }
    }

    @Test("strict JSON: a string for a number, a number for a boolean, a fraction for a whole number, a string for a list, null for a required member, an unknown member")
    func strictJSON() throws {
        let base = try jsonObject(Self.samples[2].2)
        func issues(_ change: [String: JSONValue], removing: String? = nil) -> [JSONIssue] {
            var object = base.merging(change) { $1 }
            if let removing { object[removing] = nil }
            return JSONRecords.decode(.creators, object).issues
        }
        #expect(issues(["followers": .string("1200")]).map(\.pointer) == ["/followers"])
        #expect(issues(["followers": .string("1200")]).first?.reason == "expected a whole number (a JSON number), got string")
        #expect(issues(["followers": .number(12.5)]).map(\.pointer) == ["/followers"])
        #expect(issues(["followers": .number(1200)]).isEmpty)
        #expect(issues(["identityVerified": .integer(1)]).map(\.pointer) == ["/identityVerified"])
        #expect(issues(["identityVerified": .string("true")]).map(\.pointer) == ["/identityVerified"])
        #expect(issues(["niches": .string("beauty")]).map(\.pointer) == ["/niches"])
        #expect(issues(["niches": .array([.string("beauty"), .integer(3)])]).map(\.pointer) == ["/niches/1"])
        #expect(issues(["region": .null]).map(\.pointer) == ["/region"])
        #expect(issues([:], removing: "region").map(\.reason) == ["required member is missing"])
        #expect(issues(["birth_date": .string("1999-04-30")]).map(\.pointer) == ["/birth_date"])
        #expect(issues(["handle": .integer(7)]).map(\.pointer) == ["/handle"])
        // null for an optional member means absent; a member with a default takes it only when left out, never
        // from null (a PATCH's null would silently reset a stored flag such as ecommerceRevoked).
        #expect(issues(["ageConfirmedAt": .null, "boundShop": .null]).isEmpty)
        #expect(issues(["gpppa": .null, "ecommerceRevoked": .null]).map(\.pointer).sorted() == ["/ecommerceRevoked", "/gpppa"])
        #expect(issues(["gpppa": .null]).map(\.reason) == ["null is only allowed for optional members"])
    }

    @Test("JSON Lines: the API's member names, every strictness refusal named by line and member, nothing imported", arguments: TestBackend.all)
    func jsonLinesRefusals(backend: TestBackend) throws {
        let dir = try TempDir()
        let store = try makeStore(dir, backend)
        let good = #""id":"cr-1","handle":"one","kind":"affiliate","followers":1200,"region":"US","birthDate":"1999-04-30","registeredAt":"2026-01-10T08:00:00Z","identityVerified":false"#
        let file = try dir.file("creators.jsonl", [
            "{\(good)}",
            "{\(good.replacingOccurrences(of: "cr-1", with: "cr-2").replacingOccurrences(of: "\"one\"", with: "\"h2\"")),\"followers\":12}",
            "{\(good.replacingOccurrences(of: "cr-1", with: "cr-3").replacingOccurrences(of: "\"one\"", with: "\"h3\"").replacingOccurrences(of: "1200", with: "\"1200\""))}",
            "{\(good.replacingOccurrences(of: "cr-1", with: "cr-4").replacingOccurrences(of: "\"one\"", with: "\"h4\"").replacingOccurrences(of: "false", with: "0"))}",
            "{\(good.replacingOccurrences(of: "cr-1", with: "cr-5").replacingOccurrences(of: "\"one\"", with: "\"h5\"")),\"birth_date\":\"1999-04-30\"}",
            "{\(good.replacingOccurrences(of: "cr-1", with: "cr-6").replacingOccurrences(of: "\"one\"", with: "\"h6\"").replacingOccurrences(of: "\"US\"", with: "null"))}",
        ].joined(separator: "\n"))
        let failure = try #require(throws: ImportFailure.self) { try store.importFile(kind: .creators, at: file) }
        let found = failure.issues.map { "\($0.line) \($0.column ?? "-")" }
        #expect(found == ["2 followers", "3 followers", "4 identityVerified", "5 birth_date", "6 region"])
        #expect(try store.counts().creators == 0)

        let fine = try dir.file("fine.jsonl", "{\(good)}\n")
        #expect(try store.importFile(kind: .creators, at: fine).inserted == 1)
        #expect(try store.creator("cr-1")?.followers == 1200)
    }

    /// A database with one category (`beauty`), one shop (`sh-a`) and one creator (`cr-1`), for tests that damage
    /// rows behind the store's back: the last element runs statements on a connection of its own (`;` separates them).
    func storeToDamage(_ backend: TestBackend) throws -> (TempDir, StarMatchStore, Creator, (String) throws -> Void) {
        let dir = try TempDir()
        let store: StarMatchStore
        let raw: (String) throws -> Void
        switch backend {
        case .sqlite:
            let path = dir.url.appendingPathComponent("damaged.sqlite").path
            store = try StarMatchStore(path: path)
            let queue = try DatabaseQueue(path: path)
            raw = { sql in try queue.write { db in try db.execute(sql: sql) } }
        case .postgres:
            let pg = try TestPostgres()
            dir.cleanups.append { pg.drop() }
            store = try StarMatchStore(postgres: pg.location)
            raw = { sql in for statement in sql.split(separator: ";") { try pg.execute(String(statement)) } }
        }
        try store.writeRecords(.categories, records: [Category(path: "beauty", name: "Beauty").record], mode: .create)
        try store.writeRecords(.shops, records: [Shop(id: "sh-a", name: "A", region: "US", score: 99, categories: ["beauty"]).record], mode: .create)
        let creator = Creator(
            id: "cr-1", handle: "one", kind: .affiliate, followers: 10, region: "US", birthDate: CalendarDay(iso: "1999-04-30")!,
            registeredAt: Timestamp.parse("2026-01-10T08:00:00Z")!, ageConfirmedAt: nil, identityVerified: false, identityDocument: nil,
            niches: ["beauty"])
        try store.writeRecords(.creators, records: [creator.record], mode: .create)
        return (dir, store, creator, raw)
    }

    @Test("damaged rows are errors naming table, id and column, never defaults", arguments: TestBackend.all)
    func damagedRows(backend: TestBackend) throws {
        let (dir, store, creator, raw) = try storeToDamage(backend)
        _ = dir  // keeps the temporary folder alive
        let campaign = Campaign(id: "cp-1", shop: "sh-a", name: "C", kind: .sample, categories: ["beauty"], slots: 1,
                                startsAt: Timestamp.parse("2026-11-01")!, endsAt: Timestamp.parse("2026-12-01")!, commissionPercent: 10)
        try store.writeRecords(.campaigns, records: [campaign.record], mode: .create)
        #expect(try store.creator("cr-1") == creator)
        #expect(try store.campaign("cp-1") == campaign)

        // One change at a time, each undone before the next. PostgreSQL's typed columns refuse text in a number's
        // column, so those damages are SQLite's only.
        let typeMismatches: Set<String> = ["followers", "score", "ends_at"]
        let cases: [(damage: String, undo: String, table: String, id: String, column: String, read: () throws -> Void)] = [
            ("UPDATE creators SET kind = 'superstar'", "UPDATE creators SET kind = 'affiliate'", "creators", "cr-1", "kind", { _ = try store.creator("cr-1") }),
            ("UPDATE creators SET birth_date = '2026-02-30'", "UPDATE creators SET birth_date = '1999-04-30'", "creators", "cr-1", "birth_date", { _ = try store.creator("cr-1") }),
            ("UPDATE creators SET registered_at = 999999999999999", "UPDATE creators SET registered_at = \(Int(creator.registeredAt.timeIntervalSince1970))", "creators", "cr-1", "registered_at", { _ = try store.creators(CreatorFilter()) }),
            ("UPDATE creators SET identity_verified = 7", "UPDATE creators SET identity_verified = 0", "creators", "cr-1", "identity_verified", { _ = try store.creator("cr-1") }),
            ("UPDATE creators SET followers = 'many'", "UPDATE creators SET followers = 10", "creators", "cr-1", "followers", { _ = try store.creator("cr-1") }),
            ("UPDATE shops SET score = 'high'", "UPDATE shops SET score = 99", "shops", "sh-a", "score", { _ = try store.shop("sh-a") }),
            ("UPDATE campaigns SET kind = 'giveaway'", "UPDATE campaigns SET kind = 'sample'", "campaigns", "cp-1", "kind", { _ = try store.campaign("cp-1") }),
            ("UPDATE campaigns SET ends_at = '2026-12-01'", "UPDATE campaigns SET ends_at = \(Int(campaign.endsAt.timeIntervalSince1970))", "campaigns", "cp-1", "ends_at", { _ = try store.campaigns() }),
        ]
        for c in cases where backend == .sqlite || !typeMismatches.contains(c.column) {
            try raw(c.damage)
            let error = try #require(throws: DamagedRow.self) { try c.read() }
            #expect(error.table == c.table && error.id == c.id && error.column == c.column, "\(c.damage): \(error)")
            #expect(error.description.contains(c.column))
            // A domain error of its own kind (CLI exit 1, API 500), naming table, row and column.
            #expect(DomainError.from(error) == DomainError(.damagedData, error.description))
            try raw(c.undo)
        }
        #expect(try store.creator("cr-1") == creator)
    }

    @Test("sales, content events and violations: damaged enum values and instants are named too", arguments: TestBackend.all)
    func damagedActivity(backend: TestBackend) throws {
        let (dir, store, creator, raw) = try storeToDamage(backend)
        _ = dir  // keeps the temporary folder alive
        let t = Timestamp.parse("2026-11-02T10:00:00Z")!
        try store.writeRecords(.violations, records: [Violation(id: "vi-1", creator: "cr-1", kind: .spam, points: 10, at: t).record], mode: .create)
        try store.writeRecords(.contentEvents, records: [ContentEvent(id: "ce-1", creator: "cr-1", content: "v-1", medium: .video, action: .published, at: t).record], mode: .create)
        try store.writeRecords(.sales, records: [Sale(id: "sa-1", creator: "cr-1", shop: "sh-a", category: "beauty", orderedAt: t, orders: 1, gmvMinor: 100).record], mode: .create)
        #expect(try store.facts(for: creator).violations.count == 1)

        try raw("UPDATE violations SET kind = 'jaywalking'")
        var error = try #require(throws: DamagedRow.self) { try store.facts(for: creator) }
        #expect(error.table == "violations" && error.id == "vi-1" && error.column == "kind")
        try raw("UPDATE violations SET kind = 'spam'; UPDATE content_events SET medium = 'radio'")
        error = try #require(throws: DamagedRow.self) { try store.facts(for: creator) }
        #expect(error.table == "content_events" && error.id == "ce-1" && error.column == "medium")
        try raw("UPDATE content_events SET medium = 'video'; UPDATE sales SET ordered_at = -99999999999999")
        error = try #require(throws: DamagedRow.self) { try store.facts(for: creator) }
        #expect(error.table == "sales" && error.id == "sa-1" && error.column == "ordered_at")
    }
}
