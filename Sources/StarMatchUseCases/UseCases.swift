public import Foundation
public import StarMatchCore
public import StarMatchStore

/// The use cases of StarMatch, once: what the CLI, the API and the web desk call. Each takes the caller
/// (`Principal`) and decides what it may see — a brand sees only its own shop's things; anything else is
/// "not found", exactly as for an unknown id — so every front end gets the same answers and the same errors
/// (`DomainError`). Reads take the instant they answer for and never write; writes take their time from
/// `clock`, the one clock of the process (the real now; tests pass their own).
///
/// ```swift
/// let useCases = StarMatchUseCases(store: store, profiles: ProfileCatalog(resources: ProjectResources(), currencies: store.config.currencies))
/// let shortlist = try useCases.shortlist(campaign: "cp-1", limit: 20, profile: "default", at: now, caller: .manager("cli"))
/// ```
public struct StarMatchUseCases: Sendable {
    public let store: StarMatchStore
    public let profiles: ProfileCatalog
    /// The clock every write is dated by.
    public let clock: @Sendable () -> Date

    public init(store: StarMatchStore, profiles: ProfileCatalog, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.profiles = profiles
        self.clock = clock
    }

    public var config: PolicyConfig { store.config }

    /// The scoring population at `instant`, from the store's cache, built at most once at a time.
    public func population(at instant: Date, profile: ScoringProfile, progress: ((String, Double) -> Void)? = nil) throws -> ScoringPopulation {
        try profiles.buildLock.withLock { try store.cachedScoringPopulation(at: instant, profile: profile, progress: progress) }
    }
}

/// Scoring profiles by name, each loaded from `Scoring/` once; the folder is found once, at the edge
/// (`ProjectResources`), and passed in.
public final class ProfileCatalog: @unchecked Sendable {
    public let resources: ProjectResources
    private let lock = NSLock()
    private var loaded: [String: ScoringProfile] = [:]
    /// Serialises population builds (one build at a time; concurrent callers wait and share the cache).
    let buildLock = NSLock()

    /// The policy's currency rates, with which every profile values sales (C-CURRENCY).
    public let currencies: CurrencyRates

    public init(resources: ProjectResources, currencies: CurrencyRates) {
        self.resources = resources
        self.currencies = currencies
    }

    /// The profile `Scoring/NAME.json`.
    /// - Throws: `ConfigError` (a `DomainError` of kind `invalidInput`) for an unknown or invalid profile.
    public func profile(_ name: String) throws -> ScoringProfile {
        lock.lock()
        defer { lock.unlock() }
        if let hit = loaded[name] { return hit }
        let profile = try StarMatchStore.profile(named: name, in: resources, currencies: currencies)
        loaded[name] = profile
        return profile
    }
}

extension Principal {
    /// Managers only: for anyone else the thing does not exist (404, revealing nothing).
    @discardableResult
    public func requireManager() throws(DomainError) -> Principal {
        guard isManager else { throw DomainError.notFound("no such resource") }
        return self
    }

    /// How the caller is named in a match's history.
    public var actorName: String { isManager ? "manager:\(keyID)" : "brand:\(shop?.rawValue ?? "?"):\(keyID)" }
}

extension StarMatchUseCases {
    /// A creator, or `notFound`.
    func creator(_ id: CreatorID) throws -> Creator {
        guard let creator = try store.creator(id) else { throw DomainError.notFound("unknown creator '\(id)'") }
        return creator
    }

    /// A campaign the caller may see, with its shop; anything else is `notFound`, as for an unknown id.
    public func visibleCampaign(_ id: CampaignID, caller: Principal) throws -> (Campaign, Shop) {
        guard let campaign = try store.campaign(id), caller.sees(shop: campaign.shop) else {
            throw DomainError.notFound("unknown campaign '\(id)'")
        }
        guard let shop = try store.shop(campaign.shop) else {
            throw DomainError.notFound("campaign \(id) names unknown shop '\(campaign.shop)'")
        }
        return (campaign, shop)
    }
}
