public import Foundation
import Hummingbird
import StarMatchCore
public import StarMatchStore

/// Whether the database can be trusted. SQLite's quick check (`StarMatchStore.quickCheck`) runs at the start and
/// every `interval`; a failed check, or any request that meets a damaged page, marks the database damaged. While
/// it is, `/readyz` and every `/v1` route answer 503 naming the finding (a damaged file answers wrongly or not at
/// all), and the check runs again every `recheckInterval`, so a `starmatch restore` brings the server back.
public actor DatabaseHealth {
    public enum State: Sendable, Equatable {
        /// The first check has not finished (at a million creators it reads 1.8 GB): the server answers meanwhile.
        case unchecked
        case whole(checkedAt: Date)
        case damaged(since: Date, finding: String)
    }

    public private(set) var state: State = .unchecked
    private var lastCheck: Date?

    public init() {}

    /// A check's findings (`[]`: passed).
    func record(_ findings: [String], at instant: Date) {
        lastCheck = instant
        if findings.isEmpty {
            state = .whole(checkedAt: instant)
        } else if case .damaged = state {
            return  // damaged since the first finding
        } else {
            state = .damaged(since: instant, finding: findings.prefix(3).joined(separator: "; "))
        }
    }

    /// A request met a damaged page (`DomainError.Kind.damagedDatabase`).
    func markDamaged(_ finding: String, at instant: Date) {
        if case .damaged = state { return }
        state = .damaged(since: instant, finding: finding)
    }

    /// Whether a check is due: `interval` after the last one, `recheckInterval` while damaged, at once before the first.
    func isCheckDue(at instant: Date, interval: Duration, recheckInterval: Duration) -> Bool {
        guard let lastCheck else { return true }
        let wait: Duration
        if case .damaged = state { wait = recheckInterval } else { wait = interval }
        return instant.timeIntervalSince(lastCheck) >= Double(wait.components.seconds) + Double(wait.components.attoseconds) * 1e-18
    }

    /// The 503 every `/v1` route and `/readyz` answer while the database is damaged; `nil` otherwise.
    var problem: Problem? {
        guard case .damaged(let since, let finding) = state else { return nil }
        return Problem(.serviceUnavailable, detail: "the database is damaged (found \(Timestamp.format(since)): \(finding)); nothing is answered from it "
            + "until it passes SQLite's quick check again (every 30 s): an operator runs `starmatch check` and restores a backup (`starmatch restore FILE`)")
    }

    /// The periodic checker: runs `store.quickCheck()` off Swift concurrency's threads when one is due.
    static func checker(_ health: DatabaseHealth, store: StarMatchStore, interval: Duration, recheckInterval: Duration) -> Task<Void, Never> {
        Task { [weak store] in
            let tick = min(interval, recheckInterval, .seconds(1))
            while !Task.isCancelled, let store {
                if await health.isCheckDue(at: Date(), interval: interval, recheckInterval: recheckInterval) {
                    let findings = await withCheckedContinuation { continuation in
                        DispatchQueue.global(qos: .utility).async { continuation.resume(returning: store.quickCheck()) }
                    }
                    await health.record(findings, at: Date())
                }
                try? await Task.sleep(for: tick)
            }
        }
    }
}

/// Answers 503 on every route behind it while the database is damaged (`DatabaseHealth`).
struct DatabaseHealthMiddleware: RouterMiddleware {
    let health: DatabaseHealth

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        if let problem = await health.problem { throw problem }
        return try await next(request, context)
    }
}
