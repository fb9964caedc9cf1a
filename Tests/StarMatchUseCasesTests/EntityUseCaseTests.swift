import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases
import Testing

/// Creators, shops and campaigns read and written through the use cases: one visibility rule for the CLI,
/// the API and the desk.
@Suite("Use cases: entities, imports and the database", .serialized)
struct EntityUseCaseTests {
    let manager = Principal.manager("ana")
    let glowlab = Principal(keyID: "key_b", role: .brand, shop: "sh-glowlab")

    /// Whether `body` throws a `DomainError` of `kind` with `message`.
    func expectDomainError(_ kind: DomainError.Kind, _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                           _ body: () throws -> Void) {
        #expect(sourceLocation: sourceLocation) { try body() } throws: { error in
            let domain = DomainError.from(error)
            return domain?.kind == kind && (message == nil || domain?.message == message)
        }
    }

    /// A campaign of `shop`, valid at the demo instant.
    func campaign(_ id: CampaignID, shop: ShopID) -> Campaign {
        Campaign(id: id, shop: shop, name: "Test", kind: .sample, categories: ["beauty/skincare"], slots: 5,
            startsAt: Timestamp.parse("2026-11-01T08:00:00Z")!, endsAt: Timestamp.parse("2026-12-01T08:00:00Z")!, commissionPercent: 10)
    }

    @Test("a manager reads every creator, shop and campaign; lists are by id")
    func managerReads() throws {
        let f = try Fixture()
        let creators = try f.useCases.creators(CreatorFilter(limit: 5), caller: manager)
        #expect(creators.count == 5 && creators.map(\.id.rawValue) == creators.map(\.id.rawValue).sorted())
        #expect(try f.useCases.creator(creators[0].id, caller: manager) == creators[0])
        #expect(try f.useCases.shops(limit: 1_000, caller: manager).count == f.store.counts().shops)
        #expect(try f.useCases.shop("sh-nearly-there", caller: manager).id == "sh-nearly-there")
        #expect(try f.useCases.campaigns(limit: 10_000, caller: manager).count == f.store.counts().campaigns)
        #expect(try f.useCases.campaign("cp-nearly-there-samples", caller: manager).shop == "sh-nearly-there")
        #expect(try f.useCases.entity(.campaigns, id: "cp-glowlab-samples", caller: manager).id == "cp-glowlab-samples")
        expectDomainError(.notFound, "unknown creator 'cr-nobody'") { _ = try f.useCases.creator("cr-nobody", caller: manager) }
        expectDomainError(.notFound, "unknown shop 'sh-nobody'") { _ = try f.useCases.shop("sh-nobody", caller: manager) }
        expectDomainError(.notFound, "unknown campaign 'cp-nobody'") { _ = try f.useCases.campaign("cp-nobody", caller: manager) }
    }

    @Test("a brand sees its own shop and campaigns; another shop's are not found, exactly as unknown ids")
    func brandReads() throws {
        let f = try Fixture()
        // Its own: the shop, a list of one, its campaigns only.
        #expect(try f.useCases.shop("sh-glowlab", caller: glowlab).id == "sh-glowlab")
        #expect(try f.useCases.shops(limit: 50, caller: glowlab).map(\.id) == ["sh-glowlab"])
        #expect(try f.useCases.shops(after: "sh-glowlab", limit: 50, caller: glowlab).isEmpty)
        let campaigns = try f.useCases.campaigns(limit: 10_000, caller: glowlab)
        #expect(!campaigns.isEmpty && campaigns.allSatisfy { $0.shop == "sh-glowlab" })
        #expect(try f.useCases.campaign("cp-glowlab-samples", caller: glowlab).id == "cp-glowlab-samples")
        // Another shop's campaign and an unknown id: the same error, the same kind of message.
        expectDomainError(.notFound, "unknown campaign 'cp-nearly-there-samples'") {
            _ = try f.useCases.campaign("cp-nearly-there-samples", caller: glowlab)
        }
        expectDomainError(.notFound, "unknown campaign 'cp-nope'") { _ = try f.useCases.campaign("cp-nope", caller: glowlab) }
        expectDomainError(.notFound, "unknown shop 'sh-nearly-there'") { _ = try f.useCases.shop("sh-nearly-there", caller: glowlab) }
        expectDomainError(.notFound, "unknown shop 'sh-nope'") { _ = try f.useCases.shop("sh-nope", caller: glowlab) }
        expectDomainError(.notFound, "unknown shop 'sh-nearly-there'") {
            _ = try f.useCases.campaigns(shop: "sh-nearly-there", limit: 50, caller: glowlab)
        }
        // Creators and the manager's operations do not exist for a brand.
        for attempt in [
            { _ = try f.useCases.creators(CreatorFilter(), caller: glowlab) },
            { _ = try f.useCases.creator("cr-0001", caller: glowlab) },
            { _ = try f.useCases.check(caller: glowlab) },
            { _ = try f.useCases.marketplaceSummary(at: Fixture.demo, caller: glowlab) },
        ] as [() throws -> Void] {
            expectDomainError(.notFound, "no such resource", attempt)
        }
    }

    @Test("a brand creates and changes campaigns of its own shop only; nothing else is written")
    func brandWrites() throws {
        let f = try Fixture()
        let before = try f.hashes()
        // Another shop's campaign, a campaign naming no shop, and a creator: not found, nothing written.
        expectDomainError(.notFound, "unknown shop 'sh-nearly-there'") {
            try f.useCases.createEntities(.campaigns, [.campaign(campaign("cp-new", shop: "sh-nearly-there"))], caller: glowlab)
        }
        expectDomainError(.notFound, "unknown shop ''") { try f.useCases.authorizeWrite(.campaigns, shops: [nil], caller: glowlab) }
        let creator = try f.useCases.creator("cr-0001", caller: manager)
        expectDomainError(.notFound, "no such resource") { try f.useCases.createEntities(.creators, [.creator(creator)], caller: glowlab) }
        expectDomainError(.notFound, "no such resource") { _ = try f.useCases.entityToChange(.shops, id: "sh-glowlab", caller: glowlab) }
        expectDomainError(.notFound, "unknown campaign 'cp-nearly-there-samples'") {
            _ = try f.useCases.entityToChange(.campaigns, id: "cp-nearly-there-samples", caller: glowlab)
        }
        #expect(try f.hashes() == before)

        // Its own: created, then changed; moving it to another shop is not found.
        let created = try f.useCases.createEntities(.campaigns, [.campaign(campaign("cp-new", shop: "sh-glowlab"))], caller: glowlab)
        #expect(created.map(\.id) == ["cp-new"])
        guard case .campaign(var stored) = try f.useCases.entityToChange(.campaigns, id: "cp-new", caller: glowlab) else {
            Issue.record("not a campaign")
            return
        }
        stored.slots = 7
        #expect(try f.useCases.replaceEntity(.campaign(stored), caller: glowlab) == .campaign(stored))
        stored.shop = "sh-nearly-there"
        expectDomainError(.notFound, "unknown shop 'sh-nearly-there'") { _ = try f.useCases.replaceEntity(.campaign(stored), caller: glowlab) }
        #expect(try f.useCases.campaign("cp-new", caller: manager).shop == "sh-glowlab")
        // A create of an existing id is refused as it is for a manager.
        #expect(throws: (any Error).self) {
            try f.useCases.createEntities(.campaigns, [.campaign(campaign("cp-new", shop: "sh-glowlab"))], caller: glowlab)
        }
    }

    @Test("seeding twice upserts; a folder without seed files is a domain error; check and backup are the manager's")
    func seedCheckBackup() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let store = try StarMatchStore(inMemory: PolicyConfig())
        let useCases = StarMatchUseCases(store: store, profiles: ProfileCatalog(resources: ProjectResources(environment: ["STARMATCH_HOME": root.path]), currencies: .standard))
        let seeds = root.appendingPathComponent("Seeds")
        let first = try useCases.seed(from: seeds, caller: manager)
        #expect(first.contains { $0.kind == "creators" && $0.inserted > 0 })
        let again = try useCases.seed(from: seeds, caller: manager)
        #expect(again.allSatisfy { $0.inserted == 0 })
        #expect(again.map(\.updated) == first.map(\.inserted))
        #expect(try useCases.check(caller: manager).ok)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("no-seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        expectDomainError(.failed, "\(empty.path) holds no seed files (categories.csv, shops.csv, …)") { _ = try useCases.seed(from: empty, caller: manager) }
        expectDomainError(.notFound) { _ = try useCases.seed(from: seeds, caller: glowlab) }
        expectDomainError(.notFound) { _ = try useCases.backup(to: empty.appendingPathComponent("b.sqlite").path, caller: glowlab) }
        expectDomainError(.notFound) {
            _ = try useCases.importFile(kind: .shops, url: seeds.appendingPathComponent("shops.csv"), caller: glowlab)
        }
    }
}
