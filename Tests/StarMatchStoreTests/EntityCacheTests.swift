import Foundation
import StarMatchCore
import StarMatchStore
import Testing

@Suite("Entity cache: never staler than the last refresh")
struct EntityCacheTests {
    func followersRow(_ creator: Creator, _ followers: Int) throws -> RawRow {
        var fields: [String?] = ImportKind.creators.columns.map { _ in nil }
        let c = creator
        let values: [String: String?] = [
            "id": c.id.rawValue, "handle": c.handle, "kind": c.kind.rawValue, "followers": String(followers), "region": c.region,
            "birth_date": c.birthDate.description, "registered_at": Timestamp.format(c.registeredAt),
            "age_confirmed_at": c.ageConfirmedAt.map(Timestamp.format), "identity_verified": String(c.identityVerified),
            "identity_document": c.identityDocument, "gpppa": String(c.gpppa), "ecommerce_revoked": String(c.ecommerceRevoked),
            "linked_serious_violator": String(c.linkedToSeriousViolator), "policies_accepted": String(c.policiesAccepted),
            "bound_shop": c.boundShop?.rawValue, "niches": c.niches.map(\.rawValue).joined(separator: ";"),
        ]
        for (i, column) in ImportKind.creators.columns.enumerated() { fields[i] = values[column.name] ?? nil }
        return RawRow(line: 0, fields: fields)
    }

    @Test func ownWritesAreSeenAtOnceOthersAfterARefresh() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Seeds")
        let server = try StarMatchStore(path: path)
        _ = try server.importFiles(ProjectResources.seedFiles(in: seeds))
        let cli = try StarMatchStore(path: path)  // another process's connection, as far as the cache knows
        let id = CreatorID("cr-0001")
        let original = try #require(try server.creator(id))

        try server.refreshEntityCache()
        #expect(try server.creator(id)?.followers == original.followers)  // now cached
        try server.writeRecords(.creators, rows: [try followersRow(original, 1_234)], mode: .replace)
        #expect(try server.creator(id)?.followers == 1_234)  // own write: seen at once

        try server.refreshEntityCache()
        #expect(try server.creator(id)?.followers == 1_234)
        try cli.writeRecords(.creators, rows: [try followersRow(original, 5_678)], mode: .replace)
        #expect(try server.creator(id)?.followers == 1_234)  // another process's write: not yet…
        try server.refreshEntityCache()
        #expect(try server.creator(id)?.followers == 5_678)  // …but after the next refresh
    }

}
