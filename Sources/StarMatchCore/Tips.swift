public import Foundation

/// A product's sales over the tips window: what T-TIPS ranks by.
public struct ProductSales: Sendable, Equatable {
    public var product: Product
    /// The store performance score of the product's shop (P-SHOPS).
    public var shopScore: Double
    public var orders: Int
    public var keptOrders: Int
    /// GMV of the kept orders, in minor units of the product's currency.
    public var keptGMVMinor: Int64
    /// Creators who sold it in the window.
    public var sellers: Int

    public init(product: Product, shopScore: Double, orders: Int, keptOrders: Int, keptGMVMinor: Int64, sellers: Int) {
        self.product = product
        self.shopScore = shopScore
        self.orders = orders
        self.keptOrders = keptOrders
        self.keptGMVMinor = keptGMVMinor
        self.sellers = sellers
    }
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

    /// The best-selling products of `candidates` for a creator, best first, at most `limit`: only products in one of
    /// the creator's `niches` (the niche or below it), with at least one kept order in the window, not in
    /// `promoted`, and — when `pilotLimits` (P-SHOPS) — only of shops scoring at least `minShopScore`. Ranked by kept
    /// orders, then sellers, then commission per item, then id.
    public static func products(niches: [CategoryPath], candidates: [ProductSales], promoted: Set<ProductID>, volume: CreatorVolume,
                                pilotLimits: Bool, minShopScore: Double, limit: Int) -> [ProductTip] {
        let kept = candidates.filter { c in
            c.keptOrders > 0 && !promoted.contains(c.product.id) && niches.contains { c.product.category.isWithin($0) }
                && (!pilotLimits || c.shopScore >= minShopScore)
        }.sorted { a, b in
            if a.keptOrders != b.keptOrders { return a.keptOrders > b.keptOrders }
            if a.sellers != b.sellers { return a.sellers > b.sellers }
            if a.product.commissionPerItemMinor != b.product.commissionPerItemMinor {
                return a.product.commissionPerItemMinor > b.product.commissionPerItemMinor
            }
            return a.product.id < b.product.id
        }
        let usual = volume.usualOrders
        return kept.prefix(max(0, limit)).map { c in
            let p = c.product
            let estimate = Int64((usual * Double(p.commissionPerItemMinor)).rounded())
            let niche = niches.first { p.category.isWithin($0) }!
            var why = "\(c.keptOrders) kept order\(c.keptOrders == 1 ? "" : "s") by \(c.sellers) creator\(c.sellers == 1 ? "" : "s") in the last \(windowDays) days"
                + " in the niche \(niche); \(p.commissionPercent)% of \(ISO4217.amount(minor: p.priceMinor, currency: p.currency))"
                + " = \(ISO4217.amount(minor: p.commissionPerItemMinor, currency: p.currency)) per item (C-RATE)"
            why += usual > 0
                ? "; at the creator's usual \(String(format: "%.1f", usual)) orders per product a month: \(ISO4217.amount(minor: estimate, currency: p.currency))"
                : "; no sales of the creator's in the last \(volumeDays) days to estimate from"
            if pilotLimits { why += "; shop scores \(c.shopScore) (P-SHOPS: pilots promote shops of \(minShopScore) or more)" }
            return ProductTip(product: p.id, shop: p.shop, shopScore: c.shopScore, name: p.name, category: p.category, priceMinor: p.priceMinor,
                currency: p.currency, commissionPercent: p.commissionPercent, commissionPerItemMinor: p.commissionPerItemMinor,
                freeSample: p.freeSample, keptOrders: c.keptOrders, keptGMVMinor: c.keptGMVMinor, sellers: c.sellers,
                usualOrders: (usual * 10).rounded() / 10, estimatedEarningMinor: estimate, why: why)
        }
    }
}
