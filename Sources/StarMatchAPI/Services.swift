public import Foundation
import Dispatch
import StarMatchCore
public import StarMatchStore
public import StarMatchUseCases

/// What the routes share: the use cases (store, scoring profiles, clock), running batch jobs.
public final class APIServices: Sendable {
    public let useCases: StarMatchUseCases
    public var store: StarMatchStore { useCases.store }
    /// The clock: every write's time, and reads' default instant.
    var now: @Sendable () -> Date { useCases.clock }
    let jobs: BatchJobs
    /// Whether the database passed its last check (`DatabaseHealth`).
    public let health = DatabaseHealth()
    /// How long `POST /v1/batches` waits for a run before answering 202 with a job to poll.
    let batchWait: Duration

    /// Keeps the store's entity cache in step with writes by other processes (see `EntityCache`), and, when
    /// asked, stores the lapse of proposals past their window on the real clock.
    private let refresher: Task<Void, Never>
    private let expiry: Task<Void, Never>?
    private let checker: Task<Void, Never>?

    /// - Parameters:
    ///   - profiles: the scoring profiles, from the `Scoring/` folder found at the edge (default: the folder
    ///     `ProjectResources` finds, valued with the store's currency rates).
    ///   - now: the clock (the real now; tests pass their own).
    ///   - expiryInterval: how often to store lapsed proposals as expired (`serve`: every minute on the real
    ///     clock); `nil` stores them only on the next write that touches them. Reads derive the lapse either way.
    ///   - keptJobs: finished batch jobs kept for polling (the oldest are dropped past it).
    ///   - checkInterval: how often SQLite's quick check runs (`serve`: at the start, then hourly; `nil`: never, only
    ///     requests that meet a damaged page mark it); `recheckInterval`: how often while the database is damaged.
    public init(store: StarMatchStore, profiles: ProfileCatalog? = nil, batchWait: Duration = .seconds(10),
                expiryInterval: Duration? = nil, keptJobs: Int = 64, checkInterval: Duration? = nil, recheckInterval: Duration = .seconds(30),
                now: @escaping @Sendable () -> Date = { Date() }) {
        jobs = BatchJobs(keptFinished: keptJobs)
        useCases = StarMatchUseCases(store: store, profiles: profiles ?? ProfileCatalog(resources: ProjectResources(), currencies: store.config.currencies),
                                     clock: now)
        self.batchWait = batchWait
        try? store.refreshEntityCache()
        refresher = Task { [weak store] in
            while !Task.isCancelled, let store {
                try? store.refreshEntityCache()
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        checker = checkInterval.map { [health] interval in
            DatabaseHealth.checker(health, store: store, interval: interval, recheckInterval: recheckInterval)
        }
        expiry = expiryInterval.map { interval in
            Task { [weak store] in
                while !Task.isCancelled, let store {
                    _ = try? store.storeLapsedProposals(now: now())
                    try? await Task.sleep(for: interval)
                }
            }
        }
    }

    deinit {
        refresher.cancel()
        expiry?.cancel()
        checker?.cancel()
    }

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

    /// Runs a use case on a dispatch queue (see `blocking`).
    func run<T: Sendable>(_ body: @escaping @Sendable (StarMatchUseCases) throws -> T) async throws -> T {
        try await blocking { [useCases] in try body(useCases) }
    }
}

/// Batch runs that outlived the request that started them. Running jobs are kept until they finish; of the finished
/// ones only the last `keptFinished` are (a finished job's run is stored and read by its number anyway), so memory
/// does not grow with the requests.
actor BatchJobs {
    enum State: Sendable {
        case running
        case done(BatchView)
        case failed(Problem)
    }

    let keptFinished: Int

    init(keptFinished: Int) { self.keptFinished = max(1, keptFinished) }

    private var states: [String: State] = [:]
    /// Finished jobs, oldest first.
    private var finished: [String] = []

    func start() -> String {
        let id = "job-" + UUID().uuidString.lowercased()
        states[id] = .running
        return id
    }

    func finish(_ id: String, _ state: State) {
        states[id] = state
        finished.append(id)
        while finished.count > keptFinished { states[finished.removeFirst()] = nil }
    }

    /// How many jobs are kept (running and finished).
    var count: Int { states.count }

    func state(_ id: String) -> State? { states[id] }
}
