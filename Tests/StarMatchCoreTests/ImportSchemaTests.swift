import Foundation
import StarMatchCore
import Testing

@Suite("RowValidator: import rows (ImportSchema)")
struct ImportSchemaTests {
    let refs = StubRefs()

    func validate(_ kind: ImportKind, _ fields: [String: String], line: Int = 2, sourceLocation: SourceLocation = #_sourceLocation) -> Result<ImportRecord, RowIssues> {
        RowValidator(kind: kind, config: PolicyConfig()).validate(rawRow(kind, line: line, fields, sourceLocation: sourceLocation), refs: refs)
    }

    func creatorRow(_ changes: [String: String?]) -> [String: String] {
        var fields = goodCreatorFields
        for (key, value) in changes { fields[key] = value }
        return fields
    }

    func issue(_ result: Result<ImportRecord, RowIssues>, sourceLocation: SourceLocation = #_sourceLocation) -> RowIssue? {
        let issues = result.issues
        guard issues.count == 1 else {
            Issue.record("expected exactly one issue, got \(issues.map(\.description))", sourceLocation: sourceLocation)
            return nil
        }
        return issues[0]
    }

    @Test("IMPORT: a good creator row becomes a Creator with every field")
    func goodCreator() throws {
        let result = validate(.creators, goodCreatorFields)
        #expect(result.issues == [])
        guard case .creator(let c) = try #require(result.value) else {
            Issue.record("not a creator record")
            return
        }
        #expect(c.id == "c9")
        #expect(c.handle == "creator_9")
        #expect(c.kind == .affiliate)
        #expect(c.followers == 1_200)
        #expect(c.region == "US")
        #expect(c.birthDate == day("1999-04-30"))
        #expect(c.registeredAt == at("2026-01-10T08:00:00Z"))
        #expect(c.ageConfirmedAt == at("2026-01-12T08:00:00Z"))
        #expect(c.identityVerified)
        #expect(c.identityDocument == "doc-9")
        #expect(!c.gpppa && !c.ecommerceRevoked && !c.linkedToSeriousViolator)
        #expect(c.policiesAccepted)
        #expect(c.boundShop == nil)
        #expect(c.niches == ["beauty/skincare"])
        #expect(c.pilotStartedAt == nil && c.quizPassedAt == nil)
        #expect(try #require(result.value).id == "c9")
    }

    @Test("E-FOLLOWERS: negative followers are refused in the followers column")
    func negativeFollowers() throws {
        let i = try #require(issue(validate(.creators, creatorRow(["followers": "-1"]))))
        #expect(i.column == "followers")
        #expect(i.reason.contains("-1"))
        #expect(i.line == 2)
    }

    @Test("E-STANDARD: an unknown kind is refused, listing the allowed kinds")
    func unknownKind() throws {
        let i = try #require(issue(validate(.creators, creatorRow(["kind": "influencer"]))))
        #expect(i.column == "kind")
        #expect(i.reason.contains("influencer"))
        #expect(i.reason.contains("standard, affiliate, officialShop, marketing"))
    }

    @Test("E-AGE: a bad birth date or a zone-less instant is refused in its column", arguments: [
        ("birth_date", "1999-02-30"), ("birth_date", "30-04-1999"), ("registered_at", "2026-01-10T08:00:00"),
        ("age_confirmed_at", "2026-02-30T00:00:00Z"), ("pilot_started_at", "soon"),
    ])
    func badDate(column: String, value: String) throws {
        let i = try #require(issue(validate(.creators, creatorRow([column: value]))))
        #expect(i.column == column)
        #expect(i.reason.contains(value))
    }

    @Test("E-AGE: age confirmed before registration is refused")
    func confirmedBeforeRegistration() throws {
        let i = try #require(issue(validate(.creators, creatorRow(["age_confirmed_at": "2026-01-09T00:00:00Z"]))))
        #expect(i.column == "age_confirmed_at")
    }

    @Test("E-BIND: officialShop or marketing without bound_shop is refused", arguments: ["officialShop", "marketing"])
    func boundWithoutShop(kind: String) throws {
        let i = try #require(issue(validate(.creators, creatorRow(["kind": kind]), line: 7)))
        #expect(i.column == "bound_shop")
        #expect(i.rule == "E-BIND")
        #expect(i.line == 7)
        #expect(i.description.hasPrefix("line 7, column bound_shop: E-BIND: "))
    }

    @Test("E-BIND: officialShop with a known bound_shop is accepted; an unknown shop is refused")
    func boundWithShop() throws {
        let ok = validate(.creators, creatorRow(["kind": "officialShop", "bound_shop": "sh1"]))
        guard case .creator(let c) = try #require(ok.value) else { Issue.record("not a creator"); return }
        #expect(c.boundShop == "sh1")
        let i = try #require(issue(validate(.creators, creatorRow(["kind": "officialShop", "bound_shop": "sh404"]))))
        #expect(i.column == "bound_shop")
        #expect(i.reason.contains("sh404"))
    }

    @Test("E-BIND: an affiliate (or standard creator) with a bound_shop is refused", arguments: ["affiliate", "standard"])
    func affiliateWithShop(kind: String) throws {
        let i = try #require(issue(validate(.creators, creatorRow(["kind": kind, "bound_shop": "sh1"]))))
        #expect(i.column == "bound_shop")
        #expect(i.rule == "E-BIND")
    }

    @Test("E-IDDOC: a verified identity without identity_document is refused")
    func verifiedWithoutDocument() throws {
        let i = try #require(issue(validate(.creators, creatorRow(["identity_document": nil]))))
        #expect(i.column == "identity_document")
        #expect(i.rule == "E-IDDOC")
        // Unverified without a document is fine.
        #expect(validate(.creators, creatorRow(["identity_document": nil, "identity_verified": "false"])).issues == [])
    }

    @Test("M-SCORE: an unknown niche category is refused in the niches column")
    func unknownCategory() throws {
        let i = try #require(issue(validate(.creators, creatorRow(["niches": "beauty/skincare;beauty/perfume"]))))
        #expect(i.column == "niches")
        #expect(i.reason.contains("beauty/perfume"))
        let malformed = try #require(issue(validate(.creators, creatorRow(["niches": "Beauty"]))))
        #expect(malformed.column == "niches")
    }

    @Test("P-ENTER: only affiliates carry a pilot start; P-GRADUATE: no quiz without a pilot")
    func pilotColumns() throws {
        let i = try #require(issue(validate(.creators, creatorRow(["kind": "marketing", "bound_shop": "sh1", "pilot_started_at": "2026-02-01T00:00:00Z"]))))
        #expect(i.rule == "P-ENTER")
        #expect(i.column == "pilot_started_at")
        let q = try #require(issue(validate(.creators, creatorRow(["quiz_passed_at": "2026-03-01T00:00:00Z"]))))
        #expect(q.rule == "P-GRADUATE")
        #expect(q.column == "quiz_passed_at")
    }

    @Test("E-POLICY: policies_accepted absent means not accepted")
    func policiesDefault() throws {
        guard case .creator(let c) = try #require(validate(.creators, creatorRow(["policies_accepted": nil])).value) else {
            Issue.record("not a creator"); return
        }
        #expect(!c.policiesAccepted)
    }

    @Test("IMPORT: several issues in one row are all reported, each with its column")
    func severalIssues() {
        let result = validate(.creators, creatorRow([
            "handle": nil, "kind": "star", "followers": "many", "region": "usa", "birth_date": "1999-13-01",
            "identity_verified": "maybe",
        ]), line: 11)
        let issues = result.issues
        #expect(Set(issues.compactMap(\.column)) == ["handle", "kind", "followers", "region", "birth_date", "identity_verified"])
        #expect(issues.count == 6)
        #expect(issues.allSatisfy { $0.line == 11 })
        #expect(result.value == nil)
    }

    @Test("IMPORT: a rule issue and a format issue in one row are both reported")
    func ruleAndFormatIssues() {
        let issues = validate(.creators, creatorRow(["kind": "officialShop", "followers": "-3", "identity_document": nil])).issues
        #expect(Set(issues.map(\.column)) == ["followers", "bound_shop", "identity_document"])
        #expect(Set(issues.compactMap(\.rule)) == ["E-BIND", "E-IDDOC"])
    }

    // MARK: Sales and other kinds

    @Test("C-VALIDATE: a good sale row becomes a Sale; kept orders exclude returns")
    func goodSale() throws {
        let result = validate(.sales, goodSaleFields)
        #expect(result.issues == [])
        guard case .sale(let s) = try #require(result.value) else { Issue.record("not a sale"); return }
        #expect(s.orders == 12 && s.returnedOrders == 2 && s.keptOrders == 10)
        #expect(s.keptGMVMinor == 10_000)
        #expect(s.currency == "USD")
    }

    @Test("C-VALIDATE: a sale with more returned orders than orders is refused", arguments: [("5", "6", false), ("5", "5", true), ("0", "0", true)])
    func returnedAboveOrders(orders: String, returned: String, ok: Bool) throws {
        var fields = goodSaleFields
        fields["orders"] = orders
        fields["returned_orders"] = returned
        let result = validate(.sales, fields)
        if ok {
            #expect(result.issues == [])
        } else {
            let i = try #require(issue(result))
            #expect(i.column == "returned_orders")
            #expect(i.rule == "C-VALIDATE")
        }
    }

    @Test("C-VALIDATE: a sale's unknown creator, shop, campaign and category are each named")
    func saleReferences() {
        var fields = goodSaleFields
        fields["creator"] = "c404"
        fields["shop"] = "sh404"
        fields["campaign"] = "k404"
        fields["category"] = "toys"
        let issues = validate(.sales, fields).issues
        #expect(Set(issues.compactMap(\.column)) == ["creator", "shop", "campaign", "category"])
    }

    @Test("C-VALIDATE: a sale is validated once its 30-day return window has passed")
    func saleValidation() {
        let s = sale(orders: 1, at: at("2026-05-01T00:00:00Z"))
        #expect(!s.isValidated(at: at("2026-05-30T23:59:59Z"), returnWindowDays: 30))
        #expect(s.isValidated(at: at("2026-05-31T00:00:00Z"), returnWindowDays: 30))
    }

    @Test("K-OPEN: a campaign row must end after it starts")
    func campaignRow() throws {
        let good: [String: String] = [
            "id": "k2", "shop": "sh1", "name": "Spring", "kind": "discount", "categories": "beauty/skincare", "slots": "10",
            "starts_at": "2026-03-01", "ends_at": "2026-04-01", "commission_pct": "12.5", "regions": "US;GB",
        ]
        guard case .campaign(let c) = try #require(validate(.campaigns, good).value) else { Issue.record("not a campaign"); return }
        #expect(c.regions == ["US", "GB"])
        #expect(c.kind == .discount)
        var bad = good
        bad["ends_at"] = "2026-03-01"
        let i = try #require(issue(validate(.campaigns, bad)))
        #expect(i.column == "ends_at")
    }

    @Test("H-POINTS: violation points must be 1…chrMax and the kind known")
    func violationRow() {
        let good: [String: String] = ["id": "x1", "creator": "c1", "kind": "evasionStitch", "points": "40", "at": "2026-03-01T00:00:00Z"]
        #expect(validate(.violations, good).issues == [])
        var bad = good
        bad["points"] = "0"
        bad["kind"] = "jaywalking"
        #expect(Set(validate(.violations, bad).issues.compactMap(\.column)) == ["points", "kind"])
    }

    @Test("P-COUNT: a content-event row defaults to public and shoppable")
    func contentEventRow() throws {
        let fields: [String: String] = ["id": "e1", "creator": "c1", "content": "v1", "medium": "video", "action": "linkAdded", "at": "2026-03-10T10:00:00Z"]
        guard case .contentEvent(let e) = try #require(validate(.contentEvents, fields).value) else { Issue.record("not an event"); return }
        #expect(e.shoppable && !e.isPrivate && e.durationSeconds == nil)
        #expect(e.action == .linkAdded)
        var bad = fields
        bad["action"] = "boosted"
        let i = try #require(issue(validate(.contentEvents, bad)))
        #expect(i.column == "action")
        #expect(i.reason.contains("published, scheduled, linkAdded, deleted, removed"))
    }

    @Test("IMPORT: every kind's columns are unique and start with a required id-like column")
    func columns() {
        for kind in ImportKind.allCases {
            let names = kind.columns.map(\.name)
            #expect(Set(names).count == names.count, "\(kind)")
            #expect(kind.columns.first?.required == true, "\(kind)")
        }
        #expect(ImportKind.creators.columns.count == 18)
        #expect(ImportKind.contentEvents.seedFileName == "content_events")
    }
}
