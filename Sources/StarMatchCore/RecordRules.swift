public import Foundation

/// E-IDDOC: the order of the accounts one identity document verified — earlier registration first, equal
/// registrations by id. The 6th account and later are refused (`PolicyConfig.maxAccountsPerDocument`).
public enum IdentityDocumentOrder {
    /// How many accounts on the same document come before each account (0 for the first).
    /// - Parameter accounts: accounts as (position, id, registration, document); those without a document are skipped.
    /// - Returns: for each position of an account with a document, the number of accounts ahead of it.
    public static func earlierAccounts(
        _ accounts: some Sequence<(position: Int, id: CreatorID, registeredAt: Date, document: String?)>
    ) -> [Int: Int] {
        var byDocument: [String: [(position: Int, id: CreatorID, registeredAt: Date)]] = [:]
        for account in accounts {
            guard let document = account.document else { continue }
            byDocument[document, default: []].append((account.position, account.id, account.registeredAt))
        }
        var result: [Int: Int] = [:]
        result.reserveCapacity(byDocument.count)
        for (_, group) in byDocument {
            if group.count == 1 {
                result[group[0].position] = 0
                continue
            }
            let ordered = group.sorted { ($0.registeredAt, $0.id) < ($1.registeredAt, $1.id) }
            for (rank, account) in ordered.enumerated() { result[account.position] = rank }
        }
        return result
    }
}

/// M-FULFIL: a creator's sample fulfilment record at an instant. A sample shipped by then is **judged** once
/// content was posted for its match within `windowDays` of shipping (fulfilled), or once that window is over
/// without such content (not fulfilled); a sample still inside its window without content is not judged yet.
/// The window is counted in elapsed days of 86,400 s from the shipping instant (it is not a calendar week).
public struct SampleFulfilment: Sendable, Equatable {
    /// Samples judged at the instant.
    public var judged = 0
    /// Judged samples whose content was posted within the window.
    public var fulfilled = 0

    public init(judged: Int = 0, fulfilled: Int = 0) {
        self.judged = judged
        self.fulfilled = fulfilled
    }

    /// Adds one shipped sample.
    /// - Parameters:
    ///   - shippedAt: when the match reached `sampleShipped`; a sample shipped after `instant` is ignored.
    ///   - postedAt: when the match reached `contentPosted`, if it did; a posting after `instant` is not known yet, one
    ///     before `shippedAt` is not fulfilment.
    ///   - instant: the instant the record is read at.
    ///   - windowDays: `PolicyConfig.fulfilmentDays` (14).
    public mutating func add(shippedAt: Date, postedAt: Date?, at instant: Date, windowDays: Int) {
        guard shippedAt <= instant else { return }
        let windowEnd = shippedAt.addingTimeInterval(Double(windowDays) * 86_400)
        // M-FULFIL: content counts only when posted at or after the shipping (M-STEPS refuses an earlier posting
        // step; a stored one from before that rule does not count as fulfilment).
        let postedInWindow = postedAt.map { $0 >= shippedAt && $0 <= windowEnd && $0 <= instant } ?? false
        if postedInWindow { fulfilled += 1 }
        if postedInWindow || windowEnd <= instant { judged += 1 }
    }
}
