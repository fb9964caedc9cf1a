import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", 
            abstract: "Serve the JSON API (/v1, /openapi.json, /metrics, /healthz, /readyz) on the CLI's database.",
            discussion: """
                Every /v1 route and /metrics need `Authorization: Bearer KEY` (see `starmatch keys create`). \
                Stops gracefully on SIGTERM or SIGINT: requests in flight finish first.
                """)

        @OptionGroup var global: GlobalOptions
        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port (0 picks a free one).") var port = 8080
        @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
        @Option(help: "Seconds a connection may stay silent (idle between requests, or stalled within a header or body) before it is closed.")
        var idleTimeout = 30
        @Option(help: "Seconds between SQLite quick checks of the database (one runs at the start; every 30 s while it is damaged). /readyz and /v1 answer 503 while it is.")
        var checkInterval = 3600
        @Option(help: "Answer as of this fixed instant instead of the real clock (ISO 8601, e.g. the demo's 2026-11-25T18:00:00Z): every request, write and proposal expiry takes it as now. For demos on dated data and end-to-end tests; never in production.")
        var at: String?

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
            guard (10...604_800).contains(checkInterval) else { throw ValidationError("--check-interval must be 10–604800 seconds") }
            guard (1...3600).contains(idleTimeout) else { throw ValidationError("--idle-timeout must be 1–3600 seconds") }
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: '\(logLevel)' is not a level") }
            if let at, Timestamp.parse(at) == nil { throw ValidationError("--at: '\(at)' is not an instant (YYYY-MM-DD or ISO 8601 with Z or an offset)") }
        }

        func run() async throws {
            let store: StarMatchStore
            do {
                store = try global.openStore(creating: true)
            } catch let error as CLIError {
                Output.error(error.message)
                throw ExitCode(error.code)
            }
            // Scoring reads hold the bounds in memory, kept up to date by every write (this server's and others').
            store.followScoringState()
            var logger = Logger(label: "starmatch")
            logger.logLevel = Logger.Level(rawValue: logLevel)!
            // Scoring profiles from the Scoring/ folder found once; proposals past their window are stored as
            // expired every minute on the real clock (reads derive the lapse in between).
            let fixed = at.flatMap(Timestamp.parse)
            let services = APIServices(store: store, profiles: ProfileCatalog(resources: GlobalOptions.resources, currencies: store.config.currencies),
                expiryInterval: .seconds(60), checkInterval: .seconds(Int64(checkInterval)), now: { fixed ?? Date() })
            let app = try Self.starting { try buildApplication(services: services, host: host, port: port, idleTimeout: .seconds(Int64(idleTimeout)), logger: logger) }
            do {
                try await app.runService()
            } catch let error as IOError {
                // What the operator can act on, not the socket call's text.
                let reason = switch error.errnoCode {
                case EADDRINUSE: "the port is in use (another server?); choose another with --port"
                case EACCES: "permission denied (ports below 1024 need privileges); choose another with --port"
                case EADDRNOTAVAIL: "this machine has no such address; choose another with --host"
                default: "\(error)"
                }
                Output.error("cannot listen on \(host):\(port): \(reason)")
                throw ExitCode(1)
            } catch is SocketAddressError.UnknownHost {
                Output.error("--host: '\(host)' is not an address this machine can resolve")
                throw ExitCode(2)
            } catch is SocketAddressError {
                Output.error("--host: '\(host)' is not an address this machine can resolve")
                throw ExitCode(2)
            }
        }

        /// What the start builds; a failure (the OpenAPI document missing or broken) is one line and exit 1,
        /// never a trap.
        static func starting<T>(_ build: () throws -> T) throws -> T {
            do {
                return try build()
            } catch {
                Output.error("cannot start the server: \(error)")
                throw ExitCode(1)
            }
        }
    }
}

extension StarMatch {
    /// The reference for the API benchmark: a bare Hummingbird route returning a constant JSON body, in the
    /// same binary and build as `serve`.
    struct HTTPBaseline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "http-baseline",
            abstract: "Serve GET /constant (a fixed JSON body) with nothing else: the ceiling `serve` is measured against.")

        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port.") var port = 8081

        func run() async throws {
            let router = Router()
            router.get("constant") { _, _ -> Response in
                var headers = HTTPFields()
                headers[.contentType] = "application/json"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"id":"cr-0001","handle":"constant"}"#)))
            }
            var logger = Logger(label: "baseline")
            logger.logLevel = .warning
            let app = Application(router: router, configuration: .init(address: .hostname(host, port: port)), logger: logger)
            try await app.runService()
        }
    }
}
