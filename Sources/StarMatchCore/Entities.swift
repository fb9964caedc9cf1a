public import Foundation

/// A creator account on the platform.
public struct Creator: Sendable, Equatable, Codable {
    /// The creator kinds of docs/rules.md ("Creators").
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case standard, affiliate, officialShop, marketing

        /// `officialShop` and `marketing` creators are bound to one shop (E-BIND).
        public var isShopBound: Bool { self == .officialShop || self == .marketing }
    }

    public var id: CreatorID
    public var handle: String
    public var kind: Kind
    public var followers: Int
    /// ISO 3166-1 alpha-2 region code, uppercase.
    public var region: String
    public var birthDate: CalendarDay
    public var registeredAt: Date
    /// When the creator's age was confirmed (E-AGE), if ever.
    public var ageConfirmedAt: Date?
    public var identityVerified: Bool
    /// Opaque key of the identity document that verified the account (E-IDDOC).
    public var identityDocument: String?
    /// Government, politician or political party account (E-GPPPA).
    public var gpppa: Bool
    /// E-commerce permission ever revoked (E-REVOKED).
    public var ecommerceRevoked: Bool
    /// Linked by shared login data to an account with serious violations (E-REVOKED).
    public var linkedToSeriousViolator: Bool
    /// Content policy and creator code of conduct accepted (E-POLICY).
    public var policiesAccepted: Bool
    /// The shop an `officialShop`/`marketing` creator is bound to (E-BIND).
    public var boundShop: ShopID?
    public var niches: [CategoryPath]
    /// When the creator entered the 30-day pilot (P-ENTER); `nil` for an experienced affiliate.
    public var pilotStartedAt: Date?
    /// When the creator passed the graduation quiz (P-GRADUATE).
    public var quizPassedAt: Date?

    public init(
        id: CreatorID, handle: String, kind: Kind, followers: Int, region: String, birthDate: CalendarDay,
        registeredAt: Date, ageConfirmedAt: Date?, identityVerified: Bool, identityDocument: String?,
        gpppa: Bool = false, ecommerceRevoked: Bool = false, linkedToSeriousViolator: Bool = false,
        policiesAccepted: Bool = true, boundShop: ShopID? = nil, niches: [CategoryPath],
        pilotStartedAt: Date? = nil, quizPassedAt: Date? = nil
    ) {
        self.id = id
        self.handle = handle
        self.kind = kind
        self.followers = followers
        self.region = region
        self.birthDate = birthDate
        self.registeredAt = registeredAt
        self.ageConfirmedAt = ageConfirmedAt
        self.identityVerified = identityVerified
        self.identityDocument = identityDocument
        self.gpppa = gpppa
        self.ecommerceRevoked = ecommerceRevoked
        self.linkedToSeriousViolator = linkedToSeriousViolator
        self.policiesAccepted = policiesAccepted
        self.boundShop = boundShop
        self.niches = niches
        self.pilotStartedAt = pilotStartedAt
        self.quizPassedAt = quizPassedAt
    }
}

/// A seller's shop on the marketplace.
public struct Shop: Sendable, Equatable, Codable {
    public var id: ShopID
    public var name: String
    public var region: String
    /// Store performance score, 0–100 (P-SHOPS compares it with 95).
    public var score: Double
    public var categories: [CategoryPath]

    public init(id: ShopID, name: String, region: String, score: Double, categories: [CategoryPath]) {
        self.id = id
        self.name = name
        self.region = region
        self.score = score
        self.categories = categories
    }
}

/// A brand's campaign: free samples or a discount promotion (M-SAMPLES).
public struct Campaign: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case sample, discount }

    public var id: CampaignID
    public var shop: ShopID
    public var name: String
    public var kind: Kind
    public var categories: [CategoryPath]
    public var slots: Int
    public var startsAt: Date
    public var endsAt: Date
    /// Commission rate in percent of the sale price (C-RATE).
    public var commissionPercent: Double
    /// The campaign's own minimum follower count, on top of E-FOLLOWERS.
    public var minFollowers: Int?
    /// The regions the campaign is open to; empty means every program region.
    public var regions: [String]
    /// The products of its shop the campaign features.
    public var products: [ProductID]

    public init(
        id: CampaignID, shop: ShopID, name: String, kind: Kind, categories: [CategoryPath], slots: Int,
        startsAt: Date, endsAt: Date, commissionPercent: Double, minFollowers: Int? = nil, regions: [String] = [], products: [ProductID] = []
    ) {
        self.id = id
        self.shop = shop
        self.name = name
        self.kind = kind
        self.categories = categories
        self.slots = slots
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.commissionPercent = commissionPercent
        self.minFollowers = minFollowers
        self.regions = regions
        self.products = products
    }

    /// Whether the campaign runs at `instant` (start inclusive, end exclusive).
    public func isOpen(at instant: Date) -> Bool { Self.isOpen(startsAt: startsAt, endsAt: endsAt, at: instant) }

    /// K-OPEN's window: from `startsAt` inclusive to `endsAt` exclusive.
    public static func isOpen(startsAt: Date, endsAt: Date, at instant: Date) -> Bool { startsAt <= instant && instant < endsAt }
}

/// A product a shop sells. Its seller sets the commission percentage creators see before they choose to promote
/// it (C-RATE); its price is in minor units of its currency (C-CURRENCY).
public struct Product: Sendable, Equatable, Codable {
    public var id: ProductID
    public var shop: ShopID
    public var name: String
    public var category: CategoryPath
    /// The price of one item, in minor units of `currency`.
    public var priceMinor: Int64
    /// ISO 4217 code.
    public var currency: String
    /// The commission a creator earns, in percent of the sale price (C-RATE).
    public var commissionPercent: Double
    /// Whether the shop sends creators a free sample of it (M-SAMPLES).
    public var freeSample: Bool

    public init(id: ProductID, shop: ShopID, name: String, category: CategoryPath, priceMinor: Int64, currency: String = "USD",
                commissionPercent: Double, freeSample: Bool = false) {
        self.id = id
        self.shop = shop
        self.name = name
        self.category = category
        self.priceMinor = priceMinor
        self.currency = currency
        self.commissionPercent = commissionPercent
        self.freeSample = freeSample
    }
}

/// One day's sales of a creator for a shop (a line of the sales history).
public struct Sale: Sendable, Equatable, Codable {
    public var id: SaleID
    public var creator: CreatorID
    public var shop: ShopID
    public var campaign: CampaignID?
    public var category: CategoryPath
    public var orderedAt: Date
    public var orders: Int
    public var returnedOrders: Int
    /// Gross merchandise value of all `orders`, in minor units of `currency`.
    public var gmvMinor: Int64
    /// ISO 4217 code.
    public var currency: String
    /// The product sold, when the sales line names one: the line's shop and category are then the product's.
    public var product: ProductID?

    public init(
        id: SaleID, creator: CreatorID, shop: ShopID, campaign: CampaignID? = nil, category: CategoryPath,
        orderedAt: Date, orders: Int, returnedOrders: Int = 0, gmvMinor: Int64, currency: String = "USD", product: ProductID? = nil
    ) {
        self.id = id
        self.creator = creator
        self.shop = shop
        self.campaign = campaign
        self.category = category
        self.orderedAt = orderedAt
        self.orders = orders
        self.returnedOrders = returnedOrders
        self.gmvMinor = gmvMinor
        self.currency = currency
        self.product = product
    }

    /// Orders that were not returned.
    public var keptOrders: Int { orders - returnedOrders }

    /// GMV of the kept orders (returns earn nothing, C-VALIDATE), pro rata.
    public var keptGMVMinor: Int64 { Self.keptGMVMinor(gmvMinor: gmvMinor, orders: orders, returnedOrders: returnedOrders) }

    /// `keptGMVMinor` of a line's stored figures, for sums that do not build a `Sale` per row.
    public static func keptGMVMinor(gmvMinor: Int64, orders: Int, returnedOrders: Int) -> Int64 {
        guard orders > 0 else { return 0 }
        // Full-width product: gmv × kept can pass Int64 before the division brings it back.
        return Int64(orders).dividingFullWidth(gmvMinor.multipliedFullWidth(by: Int64(orders - returnedOrders))).quotient
    }

    /// Whether the sale is validated at `instant`: its return window has passed (C-VALIDATE).
    public func isValidated(at instant: Date, returnWindowDays: Int) -> Bool {
        orderedAt.addingTimeInterval(Double(returnWindowDays) * 86_400) <= instant
    }
}

/// Something that happened to a creator's video or LIVE; the pilot quota ledger is built from these (P-COUNT).
public struct ContentEvent: Sendable, Equatable, Codable {
    /// Tag type for `ContentID`.
    public enum Content {}

    public enum Medium: String, Sendable, Codable, CaseIterable { case video, live }

    public enum Action: String, Sendable, Codable, CaseIterable {
        case published, scheduled, linkAdded, deleted, removed
    }

    public var id: ContentEventID
    public var creator: CreatorID
    public var content: ContentID
    public var medium: Medium
    public var action: Action
    public var at: Date
    /// Length of the video or LIVE in seconds, when known.
    public var durationSeconds: Int?
    public var isPrivate: Bool
    /// Whether the content carries a product link (for `published` and `scheduled`).
    public var shoppable: Bool

    public init(
        id: ContentEventID, creator: CreatorID, content: ContentID, medium: Medium, action: Action, at: Date,
        durationSeconds: Int? = nil, isPrivate: Bool = false, shoppable: Bool = true
    ) {
        self.id = id
        self.creator = creator
        self.content = content
        self.medium = medium
        self.action = action
        self.at = at
        self.durationSeconds = durationSeconds
        self.isPrivate = isPrivate
        self.shoppable = shoppable
    }

    /// Whether this event makes the content count against P-QUOTA (P-COUNT): publishing or scheduling
    /// shoppable content, or adding a product link. Deletion and removal never count (and refund nothing).
    public var countsAsShoppable: Bool {
        switch action {
        case .published, .scheduled: return shoppable
        case .linkAdded: return true
        case .deleted, .removed: return false
        }
    }
}

/// A policy violation with its CHR points (H-POINTS).
public struct Violation: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case misleadingClaims, prohibitedProduct, counterfeit, offPlatformTransaction, harassment,
            intellectualProperty, minorSafety, spam
        /// Editing tricks to hide banned content (H-EVASION).
        case evasionStitch, evasionOverlay, evasionFastCuts, evasionDisguisedRepost

        /// The H-EVASION kinds: high-impact, carrying their points like any other.
        public var isEvasion: Bool { rawValue.hasPrefix("evasion") }
    }

    public var id: ViolationID
    public var creator: CreatorID
    public var kind: Kind
    public var points: Int
    public var at: Date
    /// When an appeal overturned the violation (H-POINTS): its points come back from that instant.
    public var appealedAt: Date?

    public init(id: ViolationID, creator: CreatorID, kind: Kind, points: Int, at: Date, appealedAt: Date? = nil) {
        self.id = id
        self.creator = creator
        self.kind = kind
        self.points = points
        self.at = at
        self.appealedAt = appealedAt
    }
}
