public import Foundation

/// Commission per creator, campaign, product and currency (C-RATE, C-VALIDATE): estimated on every kept order so
/// far, validated only on sales whose return window has passed. Returned orders earn nothing.
public struct CommissionLine: Sendable, Codable, Equatable {
    public var creator: CreatorID
    /// The campaign the sales were made under, if any.
    public var campaign: CampaignID?
    /// The product sold, when the sales lines name one: its seller's rate applies (C-RATE).
    public var product: ProductID?
    public var currency: String
    /// The rate applied: the product's when the lines name a product, else the campaign's.
    public var ratePercent: Double
    public var orders: Int
    public var keptOrders: Int
    /// Kept GMV × rate, in minor units, over all sales up to the instant (C-RATE).
    public var estimatedMinor: Int64
    /// The part of `estimatedMinor` from sales past their return window (C-VALIDATE).
    public var validatedMinor: Int64
    /// Estimated but not yet validated.
    public var pendingMinor: Int64 { estimatedMinor - validatedMinor }
    /// When the last pending sale validates (`nil` when nothing is pending).
    public var nextValidation: Date?
}

/// The commission rates a sales line may earn at (C-RATE), in percent of the sale price.
public struct CommissionRates: Sendable {
    public var campaigns: [CampaignID: Double]
    public var products: [ProductID: Double]

    public init(campaigns: [CampaignID: Double] = [:], products: [ProductID: Double] = [:]) {
        self.campaigns = campaigns
        self.products = products
    }

    /// C-RATE: a line naming its product earns its seller's rate for that product (one source of truth, whether or
    /// not it was sold under a campaign); a line without a product earns its campaign's rate; a line naming neither
    /// earns no commission (`nil`).
    public func rate(of sale: Sale) -> Double? {
        if let product = sale.product { return products[product] }
        if let campaign = sale.campaign { return campaigns[campaign] }
        return nil
    }
}

extension Product {
    /// C-RATE's estimate shown before a creator chooses to promote the product: price × rate, in minor units of
    /// `currency`, rounded half away from zero.
    public var commissionPerItemMinor: Int64 { Self.commissionPerItemMinor(priceMinor: priceMinor, commissionPercent: commissionPercent) }

    /// `commissionPerItemMinor` of a price and rate read without the rest of the product.
    public static func commissionPerItemMinor(priceMinor: Int64, commissionPercent: Double) -> Int64 {
        Int64((Double(priceMinor) * commissionPercent / 100).rounded())
    }
}

extension Sale {
    /// C-VALIDATE's pro rata: the GMV of the kept orders, returned orders removed in proportion (0 without
    /// orders). The one home of the formula for fractional uses (scores, reports in a converted currency);
    /// `keptGMVMinor` is its exact integer form for money.
    public static func keptGMV(gmvMinor: Int64, orders: Int, returnedOrders: Int) -> Double {
        guard orders > 0 else { return 0 }
        return Double(gmvMinor) * Double(orders - returnedOrders) / Double(orders)
    }
}

public enum Commissions {
    /// The commission of one sale at `ratePercent`: its kept GMV × rate, in its minor units, rounded (C-RATE,
    /// C-VALIDATE: returned orders earn nothing).
    public static func amount(of sale: Sale, ratePercent: Double) -> Int64 {
        Int64((Double(sale.keptGMVMinor) * ratePercent / 100).rounded())
    }

    /// Sums `sales` (those `rates` gives a rate for, ordered up to `instant`) into lines ordered by creator,
    /// campaign, product and currency. Amounts stay in each sale's own currency (its minor units).
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a line's total cannot be represented in 64 bits.
    public static func lines(sales: [Sale], rates: CommissionRates, at instant: Date, returnWindowDays: Int) throws(DomainError) -> [CommissionLine] {
        struct Key: Hashable { let creator: CreatorID; let campaign: CampaignID?; let product: ProductID?; let currency: String }
        var lines: [Key: CommissionLine] = [:]
        for sale in sales where sale.orderedAt <= instant {
            guard let rate = rates.rate(of: sale) else { continue }
            let key = Key(creator: sale.creator, campaign: sale.campaign, product: sale.product, currency: sale.currency)
            var line = lines[key] ?? CommissionLine(creator: sale.creator, campaign: sale.campaign, product: sale.product, currency: sale.currency,
                ratePercent: rate, orders: 0, keptOrders: 0, estimatedMinor: 0, validatedMinor: 0, nextValidation: nil)
            let commission = amount(of: sale, ratePercent: rate)
            let what = "the commission of \(sale.creator) on \(sale.product?.rawValue ?? sale.campaign?.rawValue ?? "") in \(sale.currency)"
            line.orders += sale.orders
            line.keptOrders += sale.keptOrders
            line.estimatedMinor = try MoneySum.add(line.estimatedMinor, commission, what)
            if sale.isValidated(at: instant, returnWindowDays: returnWindowDays) {
                line.validatedMinor = try MoneySum.add(line.validatedMinor, commission, what)
            } else if commission > 0 {
                let validates = sale.orderedAt.addingTimeInterval(Double(returnWindowDays) * 86_400)
                line.nextValidation = line.nextValidation.map { max($0, validates) } ?? validates
            }
            lines[key] = line
        }
        return lines.values.sorted {
            ($0.creator, $0.campaign?.rawValue ?? "", $0.product?.rawValue ?? "", $0.currency)
                < ($1.creator, $1.campaign?.rawValue ?? "", $1.product?.rawValue ?? "", $1.currency)
        }
    }
}
