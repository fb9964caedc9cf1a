public import Foundation

/// A product's sales over the tips window: the figures T-TIPS ranks by (no name or GMV: those are read for the
/// few products shown).
public struct ProductSales: Sendable, Equatable {
    public var product: ProductID
    public var shop: ShopID
    public var category: CategoryPath
    /// The store performance score of the product's shop (P-SHOPS).
    public var shopScore: Double
    public var priceMinor: Int64
    public var commissionPercent: Double
    public var orders: Int
    public var keptOrders: Int
    /// Creators who sold it in the window (counted for `Tips.contenders` only; 0 until then).
    public var sellers: Int

    public init(product: ProductID, shop: ShopID, category: CategoryPath, shopScore: Double, priceMinor: Int64, commissionPercent: Double,
                orders: Int, keptOrders: Int, sellers: Int = 0) {
        self.product = product
        self.shop = shop
        self.category = category
        self.shopScore = shopScore
        self.priceMinor = priceMinor
        self.commissionPercent = commissionPercent
        self.orders = orders
        self.keptOrders = keptOrders
        self.sellers = sellers
    }

    /// C-RATE's price × rate (`Product.commissionPerItemMinor`).
    public var commissionPerItemMinor: Int64 { Product.commissionPerItemMinor(priceMinor: priceMinor, commissionPercent: commissionPercent) }
}

/// A creator's usual volume: kept orders per product line over the last `Tips.volumeDays`, per 30 days.
public struct CreatorVolume: Sendable, Equatable, Codable {
    /// Kept orders in the volume window.
    public var keptOrders: Int
    /// Distinct lines sold in it: a product, or a shop and category for lines without one.
    public var lines: Int
    /// Kept orders per line per 30 days (0 without sales).
    public var usualOrders: Double {
        lines > 0 ? Double(keptOrders) / Double(lines) * 30 / Double(Tips.volumeDays) : 0
    }

    public init(keptOrders: Int, lines: Int) {
        self.keptOrders = keptOrders
        self.lines = lines
    }

    /// The volume of `sales` ordered in (`instant` − `Tips.volumeDays`, `instant`].
    public init(sales: [Sale], at instant: Date) {
        let from = instant.addingTimeInterval(-Double(Tips.volumeDays) * 86_400)
        var kept = 0
        var lines = Set<String>()
        for sale in sales where sale.orderedAt > from && sale.orderedAt <= instant {
            kept += sale.keptOrders
            lines.insert(sale.product.map { "p:\($0)" } ?? "s:\(sale.shop)/\(sale.category)")
        }
        self.init(keptOrders: kept, lines: lines.count)
    }
}

/// One product tip (T-TIPS): a best-seller of the creator's niches not promoted yet, with its commission (C-RATE).
public struct ProductTip: Sendable, Codable, Equatable {
    public var product: ProductID
    public var shop: ShopID
    public var shopScore: Double
    public var name: String
    public var category: CategoryPath
    public var priceMinor: Int64
    public var currency: String
    public var commissionPercent: Double
    /// Price × rate, in minor units (C-RATE).
    public var commissionPerItemMinor: Int64
    public var freeSample: Bool
    /// Kept orders of the product in the window, by every creator.
    public var keptOrders: Int
    public var keptGMVMinor: Int64
    public var sellers: Int
    /// The creator's usual kept orders per product per 30 days (`CreatorVolume`).
    public var usualOrders: Double
    /// `usualOrders` × `commissionPerItemMinor`, rounded: what the creator may earn in 30 days.
    public var estimatedEarningMinor: Int64
    public var why: String
}

/// T-TIPS: the tips the Star Creator team passes a creator.
public enum Tips {
    /// The window best-sellers are judged over, in days.
    public static let windowDays = 30
    /// The window a creator's usual volume is taken over, in days.
    public static let volumeDays = 90

    /// Whether a candidate may be a tip at all: in one of the creator's `niches` (the niche or below it), with at
    /// least one kept order in the window, not in `promoted`, and — when `pilotLimits` (P-SHOPS) — of a shop scoring
    /// at least `minShopScore`.
    public static func admits(_ c: ProductSales, niches: [CategoryPath], promoted: Set<ProductID>, pilotLimits: Bool, minShopScore: Double) -> Bool {
        c.keptOrders > 0 && !promoted.contains(c.product) && niches.contains { c.category.isWithin($0) } && (!pilotLimits || c.shopScore >= minShopScore)
    }

    /// The admitted candidates that can be among `best`'s first `limit`: those whose kept orders reach the `limit`-th
    /// largest. Every other one has fewer kept orders than `limit` products ahead of it, whatever its sellers, so
    /// only these need their sellers counted (`ProductSales.sellers`, the first tie-break).
    public static func contenders(niches: [CategoryPath], candidates: [ProductSales], promoted: Set<ProductID>, pilotLimits: Bool,
                                  minShopScore: Double, limit: Int) -> [ProductSales] {
        let admitted = candidates.filter { admits($0, niches: niches, promoted: promoted, pilotLimits: pilotLimits, minShopScore: minShopScore) }
        guard limit > 0, admitted.count > limit else { return limit > 0 ? admitted : [] }
        let threshold = admitted.map(\.keptOrders).sorted(by: >)[limit - 1]
        return admitted.filter { $0.keptOrders >= threshold }
    }

    /// The best-selling products of `candidates` for a creator (those `admits` lets through), best first, at most
    /// `limit`. Ranked by kept orders, then sellers, then commission per item, then id.
    public static func best(niches: [CategoryPath], candidates: [ProductSales], promoted: Set<ProductID>, pilotLimits: Bool, minShopScore: Double,
                            limit: Int) -> [ProductSales] {
        let kept = candidates.filter { admits($0, niches: niches, promoted: promoted, pilotLimits: pilotLimits, minShopScore: minShopScore) }.sorted { a, b in
            if a.keptOrders != b.keptOrders { return a.keptOrders > b.keptOrders }
            if a.sellers != b.sellers { return a.sellers > b.sellers }
            if a.commissionPerItemMinor != b.commissionPerItemMinor { return a.commissionPerItemMinor > b.commissionPerItemMinor }
            return a.product < b.product
        }
        return Array(kept.prefix(max(0, limit)))
    }

    /// The tip of one of `best`'s products: `product` itself, the kept GMV of its sales in the window, and what the
    /// creator may earn at its usual `volume`, with the figures behind it in words.
    public static func tip(_ figures: ProductSales, product p: Product, keptGMVMinor: Int64, niches: [CategoryPath], volume: CreatorVolume,
                           pilotLimits: Bool, minShopScore: Double) -> ProductTip {
        // The volume as shown (one decimal), so the estimate can be checked by hand: shown volume × shown per-item.
        let usual = (volume.usualOrders * 10).rounded() / 10
        let estimate = Int64((usual * Double(p.commissionPerItemMinor)).rounded())
        let niche = niches.first { p.category.isWithin($0) }.map { " in the niche \($0)" } ?? ""
        let kept = figures.keptOrders, sellers = figures.sellers
        var why = "\(kept) kept order\(kept == 1 ? "" : "s") by \(sellers) creator\(sellers == 1 ? "" : "s") in the last \(windowDays) days\(niche)"
            + "; \(p.commissionPercent)% of \(ISO4217.amount(minor: p.priceMinor, currency: p.currency))"
            + " = \(ISO4217.amount(minor: p.commissionPerItemMinor, currency: p.currency)) per item (C-RATE)"
        why += usual > 0
            ? "; at the creator's usual \(String(format: "%.1f", usual)) orders per product a month: \(ISO4217.amount(minor: estimate, currency: p.currency))"
            : "; no sales of the creator's in the last \(volumeDays) days to estimate from"
        if pilotLimits { why += "; shop scores \(figures.shopScore) (P-SHOPS: pilots promote shops of \(minShopScore) or more)" }
        return ProductTip(product: p.id, shop: p.shop, shopScore: figures.shopScore, name: p.name, category: p.category, priceMinor: p.priceMinor,
            currency: p.currency, commissionPercent: p.commissionPercent, commissionPerItemMinor: p.commissionPerItemMinor,
            freeSample: p.freeSample, keptOrders: kept, keptGMVMinor: keptGMVMinor, sellers: sellers,
            usualOrders: usual, estimatedEarningMinor: estimate, why: why)
    }
}
