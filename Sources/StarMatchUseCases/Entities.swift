public import Foundation
public import StarMatchCore
public import StarMatchStore

/// Creators, shops and campaigns read and written by a caller; the activity feeds (sales, content events,
/// violations) written. Visibility lives here, once: a manager sees and changes everything; a brand sees its
/// own shop and that shop's campaigns, and creates or changes campaigns of its own shop only. Anything else
/// is `notFound`, exactly as for an unknown id, so other shops' ids are never revealed.
extension StarMatchUseCases {
    // MARK: Reads

    /// Creators by id, filtered. Managers only.
    /// - Throws: `DomainError.notFound` naming a `niche` the taxonomy does not have (an empty list would read as
    ///   "no creator in it").
    public func creators(_ filter: CreatorFilter, caller: Principal) throws -> [Creator] {
        try caller.requireManager()
        if let niche = filter.niche, try !store.hasCategory(niche) {
            throw DomainError.notFound("niche: no category '\(niche)' in the taxonomy")
        }
        return try store.creators(filter)
    }

    /// The creator a user names: an id, or `@handle` (E-HANDLE: compared ignoring case and the `@`; ids never start
    /// with `@`). Managers only.
    /// - Throws: `DomainError.notFound` for a handle no creator holds (and for a brand).
    public func creatorID(named reference: String, caller: Principal) throws -> CreatorID {
        guard reference.hasPrefix("@") else { return CreatorID(reference) }
        try caller.requireManager()
        guard let id = try store.creatorID(handle: reference) else { throw DomainError.notFound("no creator has the handle '\(reference)' (E-HANDLE)") }
        return id
    }

    /// A creator. Managers only.
    /// - Throws: `DomainError.notFound` for an unknown id (and for a brand).
    public func creator(_ id: CreatorID, caller: Principal) throws -> Creator {
        try caller.requireManager()
        return try creator(id)
    }

    /// Shops by id: every shop for a manager; for a brand its own shop at most (never a page, or a cursor,
    /// made of other shops' ids).
    /// - Parameters:
    ///   - region: only shops of this region.
    ///   - after: keyset cursor: only ids after this one.
    public func shops(region: String? = nil, after: String? = nil, limit: Int, offset: Int = 0, caller: Principal) throws -> [Shop] {
        guard !caller.isManager else { return try store.shops(region: region, after: after, limit: limit, offset: offset) }
        guard let own = caller.shop, let shop = try store.shop(own) else { return [] }
        let keep = (region == nil || shop.region == region) && (after == nil || shop.id.rawValue > after!)
        return keep ? Array([shop].dropFirst(offset).prefix(limit)) : []
    }

    /// A shop the caller may see: any for a manager, only its own for a brand.
    /// - Throws: `DomainError.notFound`, the same for another shop's id as for an unknown one.
    public func shop(_ id: ShopID, caller: Principal) throws -> Shop {
        guard caller.sees(shop: id), let shop = try store.shop(id) else { throw DomainError.notFound("unknown shop '\(id)'") }
        return shop
    }

    /// Campaigns by id: a manager's of any shop (or of `shop`); a brand's of its own shop only.
    /// - Parameter openAt: only campaigns running at this instant (K-OPEN).
    /// - Throws: `DomainError.notFound` when a brand names another shop.
    public func campaigns(shop: ShopID? = nil, openAt: Date? = nil, after: String? = nil, limit: Int, offset: Int = 0,
                          caller: Principal) throws -> [Campaign] {
        try store.campaigns(shop: try campaignShop(shop, caller: caller), openAt: openAt, after: after, limit: limit, offset: offset)
    }

    /// The shop a list of campaigns is limited to: `shop` for a manager (`nil`: every shop), always the
    /// brand's own for a brand.
    /// - Throws: `DomainError.notFound` when a brand names another shop, or a manager a shop that does not exist
    ///   (an empty list would read as "no campaigns").
    public func campaignShop(_ shop: ShopID?, caller: Principal) throws -> ShopID? {
        guard !caller.isManager else {
            if let shop, try store.shop(shop) == nil { throw DomainError.notFound("unknown shop '\(shop)'") }
            return shop
        }
        if let shop, shop != caller.shop { throw DomainError.notFound("unknown shop '\(shop)'") }
        return caller.shop
    }

    /// A campaign the caller may see (its brand's, or any for a manager).
    /// - Throws: `DomainError.notFound`, the same for another shop's campaign as for an unknown id.
    public func campaign(_ id: CampaignID, caller: Principal) throws -> Campaign {
        guard let campaign = try store.campaign(id), caller.sees(shop: campaign.shop) else {
            throw DomainError.notFound("unknown campaign '\(id)'")
        }
        return campaign
    }

    /// Products by id: a manager's of any shop (or of `shop`), a brand's of its own shop only; `category` keeps
    /// those of a category and the categories under it.
    /// - Throws: `DomainError.notFound` when a brand names another shop, or anyone a shop or category that does not
    ///   exist (an empty list would read as "none").
    public func products(shop: ShopID? = nil, category: CategoryPath? = nil, after: String? = nil, limit: Int, offset: Int = 0,
                         caller: Principal) throws -> [Product] {
        let shop = try campaignShop(shop, caller: caller)
        if let category, try !store.hasCategory(category) { throw DomainError.notFound("category: no category '\(category)' in the taxonomy") }
        return try store.products(shop: shop, category: category, after: after, limit: limit, offset: offset)
    }

    /// A product the caller may see (its shop's brand, or any for a manager).
    /// - Throws: `DomainError.notFound`, the same for another shop's product as for an unknown id.
    public func product(_ id: ProductID, caller: Principal) throws -> Product {
        guard let product = try store.product(id), caller.sees(shop: product.shop) else {
            throw DomainError.notFound("unknown product '\(id)'")
        }
        return product
    }

    /// The stored creator, shop or campaign `id` as a record, if the caller may see it (what a change starts
    /// from, and what a write answers with).
    /// - Throws: `DomainError.notFound`; `invalidInput` for a kind that is not an entity read by id.
    public func entity(_ kind: ImportKind, id: String, caller: Principal) throws -> ImportRecord {
        switch kind {
        case .creators: return .creator(try creator(CreatorID(id), caller: caller))
        case .shops: return .shop(try shop(ShopID(id), caller: caller))
        case .campaigns: return .campaign(try campaign(CampaignID(id), caller: caller))
        case .products: return .product(try product(ProductID(id), caller: caller))
        default: throw DomainError.invalid("\(kind.rawValue) are not read by id", .member("kind"))
        }
    }

    // MARK: Writes

    /// Who may create or change records of `kind`, each naming the shop in `shops` (`nil`: none named):
    /// managers anything; a brand only campaigns and products of its own shop. A front end may call it on the input as
    /// sent, before decoding it, so that a brand learns nothing about what it may not write.
    /// - Throws: `DomainError.notFound` ("no such resource" for a kind a brand never writes; the shop named
    ///   otherwise), as for ids that do not exist.
    public func authorizeWrite(_ kind: ImportKind, shops: [String?], caller: Principal) throws {
        if caller.isManager { return }
        guard kind == .campaigns || kind == .products else { throw DomainError.notFound("no such resource") }
        for shop in shops where shop == nil || shop != caller.shop?.rawValue {
            throw DomainError.notFound("unknown shop '\(shop ?? "")'")
        }
    }

    /// The id of a new campaign or product created without one. A brand never chooses it: an id it chose could be
    /// taken by another shop, and "already exists" would tell it so (an existence oracle); an id the server assigns
    /// tells nothing. A manager may choose (imports, `POST` with `id`) or leave it to the server.
    /// - Parameters:
    ///   - kind: `.campaigns` or `.products`.
    ///   - requested: whether the body names an id.
    /// - Returns: `cp-` (campaigns) or `pr-` (products) and 16 random characters of `0-9a-z` (82 bits), one no
    ///   entity of the kind has; `nil` when a manager named the id (it stands).
    /// - Throws: `DomainError.invalid` on `id` when a brand names one, whatever the id.
    public func assignedID(_ kind: ImportKind, requested: Bool, caller: Principal) throws -> String? {
        if caller.isManager && requested { return nil }
        let noun = kind == .products ? "product" : "campaign"
        guard !requested else {
            throw DomainError.invalid("a brand's new \(noun) gets its id from the server: leave id out (the answer's id and Location name it)", .member("id"))
        }
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var generator = SystemRandomNumberGenerator()
        while true {
            let id = (kind == .products ? "pr-" : "cp-") + String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
            let taken = kind == .products ? try store.product(ProductID(id)) != nil : try store.campaign(CampaignID(id)) != nil
            if !taken { return id }
        }
    }

    /// Creates records of one kind in one transaction, all or none; each runs the entity's one validation
    /// (the rules and messages of `import`).
    /// - Throws: `DomainError.notFound` (see `authorizeWrite`), `RecordsRejected` naming every bad record
    ///   and field, `alreadyExists` for an id that is taken.
    @discardableResult
    public func createEntities(_ kind: ImportKind, _ records: [ImportRecord], caller: Principal) throws -> [ImportRecord] {
        try authorizeWrite(kind, shops: records.map(\.shopID), caller: caller)
        return try store.writeRecords(kind, records: records, mode: .create)
    }

    /// The stored creator, shop or campaign `id`, if the caller may see and change it: what a change (PATCH)
    /// is merged into.
    /// - Throws: `DomainError.notFound`, the same for what the caller may not change as for an unknown id.
    public func entityToChange(_ kind: ImportKind, id: String, caller: Principal) throws -> ImportRecord {
        let current = try entity(kind, id: id, caller: caller)
        try authorizeWrite(kind, shops: [current.shopID], caller: caller)
        return current
    }

    /// Replaces a stored creator, shop or campaign with `record` (a change merged into what
    /// `entityToChange` returned), validated whole; a brand may not move a campaign to a shop not its own.
    /// - Returns: the entity as stored.
    /// - Throws: `DomainError.notFound`, `RecordsRejected`.
    public func replaceEntity(_ record: ImportRecord, caller: Principal) throws -> ImportRecord {
        _ = try entityToChange(record.kind, id: record.id, caller: caller)
        try authorizeWrite(record.kind, shops: [record.shopID], caller: caller)
        try store.writeRecords(record.kind, records: [record], mode: .replace)
        return try entity(record.kind, id: record.id, caller: caller)
    }

    // MARK: Imports and the database (managers)

    /// Imports one file (CSV or JSON Lines) in one transaction. Managers only.
    /// - Throws: `ImportFailure` listing every bad row, or what the store throws.
    public func importFile(kind: ImportKind, url: URL, options: ImportOptions = ImportOptions(), caller: Principal,
                           progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> ImportReport {
        try caller.requireManager()
        return try store.importFile(kind: kind, at: url, options: options, progress: progress)
    }

    /// Loads every seed file of `folder` (`Seeds/`, found once at the edge) in one transaction; idempotent
    /// (rows are upserted by id). Managers only.
    /// - Throws: `DomainError.failed` when the folder holds no seed files; `ImportFailure`.
    public func seed(from folder: URL, caller: Principal, progress: (@Sendable (ImportProgress) -> Void)? = nil) throws -> [ImportReport] {
        try caller.requireManager()
        let files = ProjectResources.seedFiles(in: folder)
        guard !files.isEmpty else { throw DomainError("\(folder.path) holds no seed files (categories.csv, shops.csv, …)") }
        return try store.importFiles(files, progress: progress)
    }

    /// How many creators each rule refuses at `instant`, with examples. Managers only.
    public func marketplaceSummary(at instant: Date, caller: Principal) throws -> MarketplaceSummary {
        try caller.requireManager()
        return try store.marketplaceSummary(at: instant)
    }

    /// An online, consistent copy of the database at `path`. Managers only.
    public func backup(to path: String, overwrite: Bool = false, caller: Principal) throws -> BackupReport {
        try caller.requireManager()
        return try store.backup(to: path, overwrite: overwrite)
    }

    /// Replaces the database's content with a checked backup. Managers only.
    public func restore(from path: String, caller: Principal) throws -> BackupReport {
        try caller.requireManager()
        return try store.restore(from: path)
    }

    /// SQLite's integrity and foreign-key checks, row counts and (`hashes`) a hash per table. Managers only.
    public func check(hashes: Bool = false, caller: Principal) throws -> CheckReport {
        try caller.requireManager()
        return try store.check(hashes: hashes)
    }

    /// The scoring state against history: every maintained record recomputed and compared; with `instant`,
    /// every creator's standing and scoring inputs at it too (`profile`'s half-life). Managers only; reads only.
    public func checkScoring(at instant: Date?, profile: String, caller: Principal) throws -> ScoringCheckReport {
        try caller.requireManager()
        return try store.checkScoring(at: instant, profile: try profiles.profile(profile))
    }

    /// Rebuilds the scoring state from history in one transaction. Managers only.
    public func rebuildScoringState(caller: Principal) throws {
        try caller.requireManager()
        try store.rebuildScoringState()
    }
}

extension ImportRecord {
    /// The shop a record belongs to, for visibility: a shop's own id, a campaign's shop; `nil` for the rest.
    var shopID: String? {
        switch self {
        case .shop(let shop): shop.id.rawValue
        case .campaign(let campaign): campaign.shop.rawValue
        case .product(let product): product.shop.rawValue
        default: nil
        }
    }
}
