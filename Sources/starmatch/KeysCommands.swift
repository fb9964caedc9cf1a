import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch {
    struct Keys: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "keys", 
            abstract: "API keys for `serve`: create (the secret is shown once), list, revoke. Only SHA-256 hashes are stored.",
            subcommands: [Create.self, List.self, Revoke.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a key and print its secret once.")
            @OptionGroup var global: GlobalOptions
            @Option(help: "manager (sees and changes everything) or brand (one shop's data only).") var role: String
            @Option(help: "The brand's shop (required for --role brand).") var shop: String?
            @Option(help: "A note on who holds the key.") var label: String?
            @Flag(help: "Machine-readable JSON output.") var json = false

            func validate() throws {
                guard let role = APIRole(rawValue: role) else { throw ValidationError("--role: one of manager, brand") }
                if role == .brand && shop == nil { throw ValidationError("--shop: a brand key needs the one shop it may see") }
                if role == .manager && shop != nil { throw ValidationError("--shop: a manager key sees every shop; leave it out") }
            }

            func run() throws {
                try guarded {
                    let created = try global.useCases(creating: true).createKey(role: APIRole(rawValue: role)!, shop: shop.map { ShopID($0) }, label: label,
                        caller: GlobalOptions.caller)
                    if json {
                        struct View: Encodable { let key: APIKeyInfo; let secret: String }
                        return try Output.json(View(key: created.info, secret: created.secret))
                    }
                    print("created \(created.info.id) (\(role)\(shop.map { " of \($0)" } ?? ""))")
                    print("secret: \(created.secret)")
                    Output.note("The secret is shown only now; StarMatch keeps its SHA-256 only. Send it as `Authorization: Bearer SECRET`.")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List keys (never their secrets).")
            @OptionGroup var global: GlobalOptions
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let keys = try global.useCases(readOnly: true).keys(caller: GlobalOptions.caller)
                    if json { return try Output.json(keys) }
                    Output.table(["id", "role", "shop", "label", "created", "revoked"], keys.map {
                        [$0.id, $0.role.rawValue, $0.shop?.rawValue ?? "", $0.label ?? "", Timestamp.format($0.createdAt), $0.revokedAt.map(Timestamp.format) ?? ""]
                    })
                }
            }
        }

        struct Revoke: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a key; a running server refuses it within a second.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The key id (from `keys list`).") var id: String
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let info = try global.useCases().revokeKey(id, caller: GlobalOptions.caller)
                    if json { return try Output.json(info) }
                    print("revoked \(info.id) at \(Timestamp.format(info.revokedAt!))")
                }
            }
        }
    }
}
