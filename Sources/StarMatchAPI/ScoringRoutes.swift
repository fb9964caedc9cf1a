import Foundation
import Hummingbird
import Metrics
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

/// Eligibility, shortlists, a creator's best campaigns and the weekly batch over HTTP: each route parses,
/// calls its use case (`StarMatchUseCases`, shared with the CLI) and renders.
struct ScoringRoutes {
    let services: APIServices

    func register(on v1: RouterGroup<APIContext>) {
        v1.get("creators/:id/eligibility") { request, context in try await eligibility(request, context) }
        v1.get("creators/:id/status") { request, context in try await status(request, context) }
        v1.get("creators/:id/matches") { request, context in try await matches(request, context) }
        v1.get("campaigns/:id/shortlist") { request, context in try await shortlist(request, context) }
        v1.get("creators/:id/tips") { request, context in try await tips(request, context) }
        v1.get("campaigns/:id/performance") { request, context in
            let caller = try context.caller()
            let campaign = CampaignID(try context.pathParameter("id"))
            let at = try Query(request).instant("at", default: services.now())
            return try APIJSON.response(try await services.run { try $0.campaignPerformance(campaign, at: at, caller: caller) })
        }
        // Estimated against validated commission (C-RATE, C-VALIDATE), as `commissions --json`. Managers only.
        v1.get("commissions") { request, context in
            let caller = try context.caller().requireManager()
            let q = Query(request)
            let creator = try q.string("creator").map { CreatorID($0) }, campaign = try q.string("campaign").map { CampaignID($0) }
            let product = try q.string("product").map { ProductID($0) }
            let at = try q.instant("at", default: services.now())
            return try APIJSON.response(try await services.run {
                try $0.commissions(creator: creator, campaign: campaign, product: product, at: at, caller: caller)
            })
        }
        v1.get("batches") { _, context in
            let caller = try context.caller()
            return try APIJSON.response(try await services.run { try $0.batchRuns(caller: caller) })
        }
        v1.post("batches") { request, context in try await runBatch(request, context) }
        v1.get("batches/:id") { _, context in try await batch(try context.pathParameter("id"), context) }
    }

    /// The `profile` query parameter's profile (a bad name is a 400 on that parameter).
    func profile(_ q: Query) throws -> ScoringProfile {
        let name = try q.string("profile", maxLength: 64) ?? "default"
        do {
            return try services.useCases.profiles.profile(name)
        } catch let error as ConfigError {
            throw Problem.badParameter("profile", error.reason)
        }
    }

    func eligibility(_ request: Request, _ context: APIContext) async throws -> Response {
        // The caller's right to the route first: for a brand it does not exist (404), whatever the parameters.
        let caller = try context.caller().requireManager()
        let q = Query(request)
        let shop = try q.string("shop").map { ShopID($0) }, campaign = try q.string("campaign").map { CampaignID($0) }
        let at = try q.instant("at", default: services.now())
        let creator = CreatorID(try context.pathParameter("id"))
        let (_, report) = try await services.run { try $0.eligibility(creator: creator, shop: shop, campaign: campaign, at: at, caller: caller) }
        return try APIJSON.response(EligibilityView(report))
    }

    /// `GET /v1/creators/{id}/status?at=`: the creator's one screen (`CreatorStatusView`). Managers only.
    func status(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller().requireManager()
        let at = try Query(request).instant("at", default: services.now())
        let raw = try context.pathParameter("id")
        let view = try await services.run { useCases in
            CreatorStatusView(try useCases.creatorStatus(try useCases.creatorID(named: raw, caller: caller), at: at, caller: caller), config: useCases.config)
        }
        return try APIJSON.response(view)
    }

    func shortlist(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller()
        let campaign = CampaignID(try context.pathParameter("id"))
        // Another shop's campaign is not found, whatever the parameters.
        _ = try services.useCases.visibleCampaign(campaign, caller: caller)
        let q = Query(request)
        let limit = try q.int("limit", in: 1...1000, default: 20)!
        let explain = try q.bool("explain")
        let filter = ShortlistFilter(region: try q.region("region"), minFollowers: try q.int("minFollowers", in: 0...Int(Int32.max)))
        let at = try q.instant("at", default: Self.minute(services.now()))
        let profile = try profile(q)
        let result = try await services.run { try $0.shortlist(campaign: campaign, limit: limit, filter: filter, profile: profile, at: at, caller: caller) }
        return try APIJSON.response(ShortlistView(result, explain: explain))
    }

    func matches(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller().requireManager()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...1000, default: 10)!
        let explain = try q.bool("explain")
        let at = try q.instant("at", default: Self.minute(services.now()))
        let profile = try profile(q)
        let creator = CreatorID(try context.pathParameter("id"))
        let result = try await services.run { try $0.matches(creator: creator, limit: limit, profile: profile, at: at, caller: caller) }
        return try APIJSON.response(MatchesView(result, explain: explain))
    }

    /// `GET /v1/creators/{id}/tips?limit=&at=&profile=`: T-TIPS (`CreatorTips`). Managers only.
    func tips(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller().requireManager()
        let q = Query(request)
        let limit = try q.int("limit", in: 1...100, default: 10)!
        let at = try q.instant("at", default: Self.minute(services.now()))
        let profile = try profile(q)
        let creator = CreatorID(try context.pathParameter("id"))
        return try APIJSON.response(try await services.run { try $0.tips(creator: creator, limit: limit, profile: profile, at: at, caller: caller) })
    }

    /// "Now" to the minute: populations are cached per instant, and every rule's boundary (midnights,
    /// week starts) falls on a whole minute, so requests within a minute share one population.
    static func minute(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 60).rounded(.down) * 60)
    }

    // MARK: Batches

    struct BatchRequest: Sendable {
        var week: String
        var dryRun = false
        var profile = "default"

        init(_ body: JSONValue) throws {
            guard case .object(let object) = body else {
                throw Problem.invalid([.init(pointer: "", detail: "expected an object like {\"week\": \"2026-W48\"}")])
            }
            var errors: [Problem.FieldError] = []
            for key in object.keys where !["week", "dryRun", "profile"].contains(key) {
                errors.append(.init(pointer: "/" + pointerToken(key), detail: "unknown member '\(key)' (known: week, dryRun, profile)"))
            }
            switch object["week"] {
            case .string(let s) where WeeklyBatch.week(s, timeZone: TimeZone(identifier: "UTC")!) != nil: week = s
            case .none: week = ""; errors.append(.init(pointer: "/week", rule: "M-WEEKLY", detail: "required: an ISO week such as 2026-W48"))
            default: week = ""; errors.append(.init(pointer: "/week", rule: "M-WEEKLY", detail: "not an ISO week such as 2026-W48"))
            }
            switch object["dryRun"] {
            case .none, .null: break
            case .bool(let b): dryRun = b
            default: errors.append(.init(pointer: "/dryRun", detail: "expected a boolean"))
            }
            switch object["profile"] {
            case .none, .null: break
            case .string(let s): profile = s
            default: errors.append(.init(pointer: "/profile", detail: "expected a profile name"))
            }
            guard errors.isEmpty else { throw Problem.invalid(errors) }
        }
    }

    /// Runs the week's batch; answers with the run when it finishes within `batchWait`, else 202 and a job.
    func runBatch(_ request: Request, _ context: APIContext) async throws -> Response {
        let caller = try context.caller().requireManager()
        let body = try BatchRequest(try await request.jsonBody(context: context))
        let profile: ScoringProfile
        do {
            profile = try services.useCases.profiles.profile(body.profile)
        } catch let error as ConfigError {
            throw Problem.invalid([.init(pointer: "/profile", detail: error.reason)])
        }
        let job = await services.jobs.start()
        let services = services
        let task = Task { () throws -> BatchView in
            do {
                let started = ContinuousClock.now
                let outcome = try await services.run { try $0.runBatch(week: body.week, profile: profile, dryRun: body.dryRun, caller: caller) }
                Timer(label: "starmatch_batch_duration_seconds", dimensions: [("dry_run", String(body.dryRun))])
                    .recordNanoseconds((ContinuousClock.now - started).nanoseconds)
                let view = BatchView(outcome.run, outcome.matches, outcome.fills, reused: outcome.reused, dryRun: outcome.dryRun)
                await services.jobs.finish(job, .done(view))
                return view
            } catch {
                if ProblemMiddleware<APIContext>.domainKind(of: error) == .damagedDatabase {
                    await services.health.markDamaged("a batch run met a damaged page", at: Date())
                }
                await services.jobs.finish(job, .failed(ProblemMiddleware<APIContext>.problem(for: error, path: "/v1/batches", context: context)))
                throw error
            }
        }
        // Wait for the run, but no longer than `batchWait`; the run goes on either way.
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask { _ = try? await task.value; return true }
            group.addTask { [wait = services.batchWait] in try? await Task.sleep(for: wait); return false }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        if finished {
            let view = try await task.value
            return try APIJSON.response(view, status: view.reused || view.dryRun ? .ok : .created,
                location: view.run.id.map { "/v1/batches/\($0)" })
        }
        return try APIJSON.response(JobView(job: job, status: "running"), status: .accepted, location: "/v1/batches/\(job)")
    }

    struct JobView: Encodable, Sendable { let job: String; let status: String }

    /// A stored run by number, or a job started by `POST /v1/batches` (running, failed, or its run).
    func batch(_ id: String, _ context: APIContext) async throws -> Response {
        let caller = try context.caller().requireManager()
        if id.hasPrefix("job-") {
            switch await services.jobs.state(id) {
            case .none:
                throw Problem.notFound("no batch job '\(id)': jobs live in the server's memory (the last 64 finished ones; none outlive a restart); "
                    + "every finished run is stored — GET /v1/batches lists them")
            case .running?: return try APIJSON.response(JobView(job: id, status: "running"), status: .accepted)
            case .failed(let problem)?: throw problem
            case .done(let view)?: return try APIJSON.response(view)
            }
        }
        guard let runID = Int64(id) else { throw Problem.notFound("no batch '\(id)'") }
        let detail = try await services.run { try $0.batchRun(runID, caller: caller) }
        return try APIJSON.response(BatchView(detail.run, detail.matches, detail.fills, reused: false, dryRun: false))
    }
}

extension Duration {
    var nanoseconds: Int64 { components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000 }
}
