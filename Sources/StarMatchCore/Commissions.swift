public import Foundation

/// Commission per creator, campaign and currency (C-RATE, C-VALIDATE): estimated on every kept order so far,
/// validated only on sales whose return window has passed. Returned orders earn nothing.
public struct CommissionLine: Sendable, Codable, Equatable {
    public var creator: CreatorID
    public var campaign: CampaignID
    public var currency: String
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
    /// Sums `sales` (those with a campaign in `rates`, ordered up to `instant`) into lines ordered by creator,
    /// campaign and currency. Amounts stay in each sale's own currency (its minor units).
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a line's total cannot be represented in 64 bits.
    public static func lines(sales: [Sale], rates: [CampaignID: Double], at instant: Date, returnWindowDays: Int) throws(DomainError) -> [CommissionLine] {
        struct Key: Hashable { let creator: CreatorID; let campaign: CampaignID; let currency: String }
        var lines: [Key: CommissionLine] = [:]
        for sale in sales where sale.orderedAt <= instant {
            guard let campaign = sale.campaign, let rate = rates[campaign] else { continue }
            let key = Key(creator: sale.creator, campaign: campaign, currency: sale.currency)
            var line = lines[key] ?? CommissionLine(creator: sale.creator, campaign: campaign, currency: sale.currency, ratePercent: rate,
                orders: 0, keptOrders: 0, estimatedMinor: 0, validatedMinor: 0, nextValidation: nil)
            let commission = Int64((Double(sale.keptGMVMinor) * rate / 100).rounded())
            line.orders += sale.orders
            line.keptOrders += sale.keptOrders
            line.estimatedMinor = try MoneySum.add(line.estimatedMinor, commission, "the commission of \(sale.creator) on \(campaign) in \(sale.currency)")
            if sale.isValidated(at: instant, returnWindowDays: returnWindowDays) {
                line.validatedMinor = try MoneySum.add(line.validatedMinor, commission, "the commission of \(sale.creator) on \(campaign) in \(sale.currency)")
            } else if commission > 0 {
                let validates = sale.orderedAt.addingTimeInterval(Double(returnWindowDays) * 86_400)
                line.nextValidation = line.nextValidation.map { max($0, validates) } ?? validates
            }
            lines[key] = line
        }
        return lines.values.sorted { ($0.creator, $0.campaign, $0.currency) < ($1.creator, $1.campaign, $1.currency) }
    }
}
