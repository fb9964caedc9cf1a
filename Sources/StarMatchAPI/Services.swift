public import Foundation
import Dispatch
import StarMatchCore
public import StarMatchStore

/// What the routes share: the store, the loaded scoring profiles, running batch jobs and the clock.
public final class APIServices: Sendable {
    public let store: StarMatchStore
    let now: @Sendable () -> Date
    let profiles = ProfileCache()
    let jobs = BatchJobs()
    /// How long `POST /v1/batches` waits for a run before answering 202 with a job to poll.
    let batchWait: Duration

    /// Keeps the store's entity cache in step with writes by other processes (see `EntityCache`).
    private let refresher: Task<Void, Never>

    public init(store: StarMatchStore, batchWait: Duration = .seconds(10), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.batchWait = batchWait
        self.now = now
        try? store.refreshEntityCache()
        refresher = Task { [weak store] in
            while !Task.isCancelled, let store {
                try? store.refreshEntityCache()
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    deinit { refresher.cancel() }

    /// Runs blocking store work on a dispatch queue, keeping Swift concurrency's few threads free for I/O:
    /// for lists, writes (which may wait for the write lock), eligibility, populations and batches. Point
    /// reads by primary key (microseconds, from SQLite's page cache) run in place.
    func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }

    /// The scoring population at `instant`, built at most once at a time (concurrent requests for the same
    /// instant wait for one build instead of each building their own).
    func population(at instant: Date, profile: ScoringProfile) async throws -> ScoringPopulation {
        try await blocking { [self] in
            try profiles.buildLock.withLock { try store.cachedScoringPopulation(at: instant, profile: profile) }
        }
    }
}

/// Scoring profiles by name, loaded from `Scoring/` once.
final class ProfileCache: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: ScoringProfile] = [:]
    let buildLock = NSLock()

    func profile(_ name: String) throws -> ScoringProfile {
        lock.lock()
        defer { lock.unlock() }
        if let hit = loaded[name] { return hit }
        let profile = try StarMatchStore.profile(named: name)
        loaded[name] = profile
        return profile
    }
}

/// Batch runs that outlived the request that started them.
actor BatchJobs {
    enum State: Sendable {
        case running
        case done(BatchView)
        case failed(Problem)
    }

    private var states: [String: State] = [:]

    func start() -> String {
        let id = "job-" + UUID().uuidString.lowercased()
        states[id] = .running
        return id
    }

    func finish(_ id: String, _ state: State) { states[id] = state }

    func state(_ id: String) -> State? { states[id] }
}
