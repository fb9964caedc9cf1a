import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("starmatch keys and serve", .serialized)
struct ServeCLITests {
    @Test("keys: create prints the secret once, list never shows it, revoke marks the key")
    func keysLifecycle() throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let manager = try cli.run(["keys", "create", "--role", "manager", "--label", "desk", "--json"])
        #expect(manager.status == 0, "\(manager.stderr)")
        let created = try #require(try cli.json(manager) as? [String: Any])
        let secret = try #require(created["secret"] as? String)
        let id = try #require((created["key"] as? [String: Any])?["id"] as? String)
        #expect(secret.hasPrefix("sm_"))
        let brand = try cli.run(["keys", "create", "--role", "brand", "--shop", "sh-glowlab"])
        #expect(brand.status == 0 && brand.stdout.contains("secret: sm_"))
        let noShop = try cli.run(["keys", "create", "--role", "brand"])
        #expect(noShop.status == 2 && noShop.stderr.contains("--shop"))
        let unknownShop = try cli.run(["keys", "create", "--role", "brand", "--shop", "sh-nope"])
        #expect(unknownShop.status == 2 && unknownShop.stderr.contains("sh-nope"))
        let list = try cli.run(["keys", "list"])
        #expect(list.status == 0 && list.stdout.contains(id) && list.stdout.contains("sh-glowlab") && !list.stdout.contains(secret))
        #expect(try cli.run(["keys", "revoke", id]).status == 0)
        let revoked = try #require(try cli.json(try cli.run(["keys", "list", "--json"])) as? [[String: Any]])
        #expect(revoked.first { $0["id"] as? String == id }?["revokedAt"] != nil)
        #expect(try cli.run(["keys", "revoke", "key_nope"]).status == 1)
        // Nothing but the hash is stored: the secret appears nowhere in the database file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        #expect(bytes.range(of: Data(secret.utf8)) == nil)
    }

    @Test("serve answers on loopback with the CLI's database and stops cleanly on SIGTERM")
    func serveAndStop() async throws {
        let cli = try CLI()
        #expect(try cli.run(["seed", "--json"]).status == 0)
        let created = try #require(try cli.json(try cli.run(["keys", "create", "--role", "manager", "--json"])) as? [String: Any])
        let secret = try #require(created["secret"] as? String)
        let port = Int.random(in: 20_000...40_000)
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--db", cli.db, "--port", String(port), "--log-level", "warning"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/v1/campaigns/cp-glowlab-black-friday")!)
        request.setValue("Bearer \(secret)", forHTTPHeaderField: "Authorization")
        var status = 0
        var body = Data()
        for _ in 0..<100 where status == 0 {
            try await Task.sleep(for: .milliseconds(100))
            if let (data, response) = try? await URLSession.shared.data(for: request) {
                status = (response as? HTTPURLResponse)?.statusCode ?? 0
                body = data
            }
        }
        #expect(status == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"shop\":\"sh-glowlab\""))
        var anonymous = request
        anonymous.setValue(nil, forHTTPHeaderField: "Authorization")
        let (_, refused) = try await URLSession.shared.data(for: anonymous)
        #expect((refused as? HTTPURLResponse)?.statusCode == 401)

        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<100 where process.isRunning { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!process.isRunning)
        #expect(process.terminationStatus == 0)
    }
}
