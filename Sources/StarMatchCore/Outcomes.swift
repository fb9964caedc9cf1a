public import Foundation

/// Money a match or campaign brought in, in one currency (its minor units, C-CURRENCY).
public struct OutcomeAmount: Sendable, Codable, Equatable {
    public var currency: String
    /// GMV of the kept orders (returned orders bring nothing, C-VALIDATE).
    public var gmvMinor: Int64
    /// The creator's commission on it (C-RATE: the product's rate, or the campaign's for lines without a product).
    public var commissionMinor: Int64
    /// `gmvMinor` per sample shipped; `nil` when no sample was shipped.
    public var gmvPerSampleMinor: Int64?
}

/// What a match brought in (decision, the project's): the creator's sales **attributed** to the campaign — a line
/// naming the campaign, or a line without a campaign naming one of the campaign's products — ordered from the
/// match's acceptance (inclusive) to the campaign's end (exclusive, as K-OPEN), up to the instant asked about; a
/// line that several of the creator's matches could claim counts for the one accepted last (`MatchOutcomes.owner`).
/// A match never accepted has no window and brings nothing.
public struct MatchOutcome: Sendable, Codable, Equatable {
    /// When the window opens: the acceptance; `nil` when the match was not accepted by the instant.
    public var from: Date?
    /// When the window closes: the campaign's end, or the instant asked about if earlier.
    public var to: Date
    public var orders: Int
    public var keptOrders: Int
    /// 1 when the match's sample was shipped by the instant (M-SAMPLES), else 0.
    public var samplesShipped: Int
    /// Per currency, ordered by code.
    public var amounts: [OutcomeAmount]

    public static func empty(to: Date) -> MatchOutcome { MatchOutcome(from: nil, to: to, orders: 0, keptOrders: 0, samplesShipped: 0, amounts: []) }
}

/// An accepted match as attribution sees it: which campaign, and when its window opened.
public struct AcceptedWindow: Sendable, Equatable {
    public var match: Int64
    public var campaign: Campaign
    public var acceptedAt: Date

    public init(match: Int64, campaign: Campaign, acceptedAt: Date) {
        self.match = match
        self.campaign = campaign
        self.acceptedAt = acceptedAt
    }
}

public enum MatchOutcomes {
    /// The one match a sales line counts for (decision, the project's: a line is never counted twice), among its
    /// creator's accepted `matches`: of those it is attributed to (`attributes`) whose window holds it (acceptance
    /// ≤ ordered < the campaign's end), the one accepted last; equal acceptances, the higher match id. `nil`: none.
    public static func owner(of sale: Sale, among matches: [AcceptedWindow]) -> Int64? {
        matches.filter { m in
            m.acceptedAt <= sale.orderedAt && sale.orderedAt < m.campaign.endsAt && attributes(sale, to: m.campaign)
        }.max { ($0.acceptedAt, $0.match) < ($1.acceptedAt, $1.match) }?.match
    }

    /// Whether `sale` counts for `campaign` (the attribution of `MatchOutcome`): a line naming a campaign counts for
    /// that campaign only; a line without one counts for the campaigns featuring its product.
    public static func attributes(_ sale: Sale, to campaign: Campaign) -> Bool {
        if let named = sale.campaign { return named == campaign.id }
        if let product = sale.product { return campaign.products.contains(product) }
        return false
    }

    /// The outcome of a match of `campaign` accepted at `acceptedAt` (nil: not accepted) whose sample shipped at
    /// `shippedAt`, from the creator's `sales` (any; those outside the window or not attributed are skipped).
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a total cannot be represented in 64 bits.
    public static func outcome(campaign: Campaign, acceptedAt: Date?, shippedAt: Date?, sales: [Sale], rates: CommissionRates,
                               at instant: Date) throws(DomainError) -> MatchOutcome {
        var outcome = MatchOutcome.empty(to: min(campaign.endsAt, instant))
        guard let acceptedAt, acceptedAt <= instant else { return outcome }
        outcome.from = acceptedAt
        if let shippedAt, shippedAt <= instant { outcome.samplesShipped = 1 }
        var byCurrency: [String: OutcomeAmount] = [:]
        for sale in sales where sale.orderedAt >= acceptedAt && sale.orderedAt < campaign.endsAt && sale.orderedAt <= instant
            && attributes(sale, to: campaign) {
            outcome.orders += sale.orders
            outcome.keptOrders += sale.keptOrders
            var amount = byCurrency[sale.currency] ?? OutcomeAmount(currency: sale.currency, gmvMinor: 0, commissionMinor: 0, gmvPerSampleMinor: nil)
            amount.gmvMinor = try MoneySum.add(amount.gmvMinor, sale.keptGMVMinor, "the GMV of \(campaign.id) in \(sale.currency)")
            let commission = rates.rate(of: sale).map { Commissions.amount(of: sale, ratePercent: $0) } ?? 0
            amount.commissionMinor = try MoneySum.add(amount.commissionMinor, commission, "the commission on \(campaign.id) in \(sale.currency)")
            byCurrency[sale.currency] = amount
        }
        outcome.amounts = perSample(Array(byCurrency.values), samples: outcome.samplesShipped)
        return outcome
    }

    /// The sum of several outcomes (a campaign's matches): counts add up, amounts per currency; the window spans
    /// the earliest acceptance to the latest close.
    /// - Throws: `DomainError` (refused, C-CURRENCY) when a total cannot be represented in 64 bits.
    public static func total(_ outcomes: [MatchOutcome], to: Date) throws(DomainError) -> MatchOutcome {
        var total = MatchOutcome.empty(to: to)
        var byCurrency: [String: OutcomeAmount] = [:]
        for outcome in outcomes {
            if let from = outcome.from { total.from = total.from.map { min($0, from) } ?? from }
            total.orders += outcome.orders
            total.keptOrders += outcome.keptOrders
            total.samplesShipped += outcome.samplesShipped
            for a in outcome.amounts {
                var sum = byCurrency[a.currency] ?? OutcomeAmount(currency: a.currency, gmvMinor: 0, commissionMinor: 0, gmvPerSampleMinor: nil)
                sum.gmvMinor = try MoneySum.add(sum.gmvMinor, a.gmvMinor, "the GMV in \(a.currency)")
                sum.commissionMinor = try MoneySum.add(sum.commissionMinor, a.commissionMinor, "the commission in \(a.currency)")
                byCurrency[a.currency] = sum
            }
        }
        total.amounts = perSample(Array(byCurrency.values), samples: total.samplesShipped)
        return total
    }

    static func perSample(_ amounts: [OutcomeAmount], samples: Int) -> [OutcomeAmount] {
        amounts.map { a in
            var a = a
            a.gmvPerSampleMinor = samples > 0 ? Int64((Double(a.gmvMinor) / Double(samples)).rounded()) : nil
            return a
        }.sorted { $0.currency < $1.currency }
    }
}

/// A campaign's results at an instant: its matches by state and what each brought in (`MatchOutcome`).
public struct CampaignPerformance: Sendable, Codable, Equatable {
    public struct Line: Sendable, Codable, Equatable {
        public var match: Int64
        public var creator: CreatorID
        public var state: MatchState
        public var outcome: MatchOutcome

        public init(match: Int64, creator: CreatorID, state: MatchState, outcome: MatchOutcome) {
            self.match = match
            self.creator = creator
            self.state = state
            self.outcome = outcome
        }
    }

    public var campaign: CampaignID
    public var shop: ShopID
    public var at: Date
    /// Matches by their state at `at` (a lapsed proposal counts as expired).
    public var matchesByState: [String: Int]
    /// The sum over every match.
    public var total: MatchOutcome
    /// Per match, by match id.
    public var matches: [Line]

    public init(campaign: Campaign, at: Date, lines: [Line]) throws(DomainError) {
        self.campaign = campaign.id
        self.shop = campaign.shop
        self.at = at
        var byState: [String: Int] = [:]
        for line in lines { byState[line.state.rawValue, default: 0] += 1 }
        matchesByState = byState
        total = try MatchOutcomes.total(lines.map(\.outcome), to: min(campaign.endsAt, at))
        matches = lines.sorted { $0.match < $1.match }
    }
}
