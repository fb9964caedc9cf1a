import Foundation
import Testing

@Suite("starmatch keys (issue 5, Security)", .serialized)
struct KeysCLITests {
    @Test("create: a manager key and a brand key of a seeded shop; the secret is shown once, with a note saying so")
    func create() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)

        let manager = try cli.run(["keys", "create", "--role", "manager", "--label", "desk"])
        #expect(manager.status == 0, "\(manager.stderr)")
        #expect(manager.stdout.contains("created key_") && manager.stdout.contains("(manager)"))
        let secretLine = try #require(manager.stdout.split(separator: "\n").first { $0.hasPrefix("secret: sm_") })
        #expect(secretLine.count == "secret: ".count + 3 + 8 + 1 + 64)
        #expect(manager.stderr.contains("shown only now"))

        let brand = try cli.run(["keys", "create", "--role", "brand", "--shop", "sh-glowlab", "--label", "Glow Lab", "--json"])
        #expect(brand.status == 0, "\(brand.stderr)")
        let created = try #require(try cli.json(brand) as? [String: Any])
        let key = try #require(created["key"] as? [String: Any])
        let secret = try #require(created["secret"] as? String)
        let id = try #require(key["id"] as? String)
        #expect(secret.hasPrefix("sm_\(id.dropFirst("key_".count))_"))
        #expect(key["role"] as? String == "brand" && key["shop"] as? String == "sh-glowlab" && key["label"] as? String == "Glow Lab")
        #expect(key["createdAt"] is String && key["revokedAt"] == nil)
    }

    @Test("bad input exits 2, names the option and stores nothing")
    func badInput() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)

        let noShop = try cli.run(["keys", "create", "--role", "brand"])
        #expect(noShop.status == 2 && noShop.stderr.contains("--shop"), "\(noShop.stderr)")
        let unknownShop = try cli.run(["keys", "create", "--role", "brand", "--shop", "sh-nope"])
        #expect(unknownShop.status == 2 && unknownShop.stderr.contains("sh-nope"), "\(unknownShop.stderr)")
        let managerShop = try cli.run(["keys", "create", "--role", "manager", "--shop", "sh-glowlab"])
        #expect(managerShop.status == 2 && managerShop.stderr.contains("--shop"), "\(managerShop.stderr)")
        let badRole = try cli.run(["keys", "create", "--role", "admin"])
        #expect(badRole.status == 2 && badRole.stderr.contains("--role"), "\(badRole.stderr)")
        let noRole = try cli.run(["keys", "create"])
        #expect(noRole.status == 2)

        let list = try cli.run(["keys", "list", "--json"])
        #expect(list.status == 0)
        #expect((try cli.json(list) as? [Any])?.isEmpty == true)
    }

    @Test("list shows both keys in an aligned table, never a secret; revoke marks one, twice keeps the first time")
    func listAndRevoke() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let manager = try #require(try cli.json(try cli.run(["keys", "create", "--role", "manager", "--label", "desk", "--json"])) as? [String: Any])
        let brand = try #require(try cli.json(try cli.run(["keys", "create", "--role", "brand", "--shop", "sh-glowlab", "--json"])) as? [String: Any])
        let secrets = [manager, brand].compactMap { $0["secret"] as? String }
        let managerID = try #require((manager["key"] as? [String: Any])?["id"] as? String)
        let brandID = try #require((brand["key"] as? [String: Any])?["id"] as? String)
        #expect(secrets.count == 2)

        let table = try cli.run(["keys", "list"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.split(separator: " ") == ["id", "role", "shop", "label", "created", "revoked"])
        let managerRow = try #require(lines.first { $0.hasPrefix(managerID) })
        let brandRow = try #require(lines.first { $0.hasPrefix(brandID) })
        #expect(managerRow.contains("manager") && managerRow.contains("desk"))
        #expect(brandRow.contains("brand") && brandRow.contains("sh-glowlab"))
        // Aligned: every column starts at the same offset on both rows.
        #expect(managerRow.range(of: "manager")?.lowerBound.utf16Offset(in: managerRow) == brandRow.range(of: "brand")?.lowerBound.utf16Offset(in: brandRow))
        let json = try cli.run(["keys", "list", "--json"])
        for secret in secrets {
            #expect(!table.stdout.contains(secret) && !table.stderr.contains(secret))
            #expect(!json.stdout.contains(secret) && !json.stdout.contains(String(secret.suffix(64))))
        }

        let revoked = try cli.run(["keys", "revoke", brandID])
        #expect(revoked.status == 0 && revoked.stdout.contains("revoked \(brandID) at "), "\(revoked.stderr)")
        let after = try cli.run(["keys", "list"])
        let revokedRow = try #require(after.stdout.split(separator: "\n").first { $0.hasPrefix(brandID) })
        let stillActive = try #require(after.stdout.split(separator: "\n").first { $0.hasPrefix(managerID) })
        #expect(revokedRow.split(separator: " ").count == 5 && stillActive.split(separator: " ").count == 4)  // brand: … created revoked
        let revokedAt = String(try #require(revokedRow.split(separator: " ").last))
        #expect(revokedAt.hasSuffix("Z"))

        let again = try cli.run(["keys", "revoke", brandID, "--json"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect((try cli.json(again) as? [String: Any])?["revokedAt"] as? String == revokedAt)

        let unknown = try cli.run(["keys", "revoke", "key_nope"])
        #expect(unknown.status == 1 && unknown.stderr.contains("key_nope"))
    }
}
