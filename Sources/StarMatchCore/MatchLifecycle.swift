public import Foundation

/// The life of a match (issue 6): `proposed → accepted | declined | expired`,
/// `accepted → sampleShipped → contentPosted → completed`, and `cancelled` from any open state. A discount
/// campaign ships no sample (M-SAMPLES), so its accepted match goes straight to `contentPosted`.
public enum MatchState: String, Sendable, Codable, CaseIterable {
    case proposed, accepted, declined, expired, sampleShipped, contentPosted, completed, cancelled

    /// Still moving: it can be acted on (and cancelled).
    public var isOpen: Bool { [.proposed, .accepted, .sampleShipped, .contentPosted].contains(self) }
    /// Agreed to: it takes one of the creator's weekly capacity (M-WEEKLY) and one of the campaign's slots.
    public var isCommitted: Bool { [.accepted, .sampleShipped, .contentPosted, .completed].contains(self) }
}

/// What can be done to a match.
public enum MatchAction: String, Sendable, Codable, CaseIterable {
    case accept, decline, expire, ship, posted, complete, cancel

    /// The action as a verb in a sentence ("cannot post match 3").
    public var verb: String { self == .posted ? "post" : rawValue }
}

public enum MatchLifecycle {
    /// The states `action` may be taken from; `sample` tells whether the match ships a sample (M-SAMPLES).
    public static func allowedFrom(_ action: MatchAction, sample: Bool) -> [MatchState] {
        switch action {
        case .accept, .decline, .expire: return [.proposed]
        case .ship: return sample ? [.accepted] : []
        case .posted: return sample ? [.sampleShipped] : [.accepted]
        case .complete: return [.contentPosted]
        case .cancel: return MatchState.allCases.filter(\.isOpen)
        }
    }

    /// M-STEPS: the steps that move a match forward (accept, ship, posted, complete) happen only while its
    /// campaign runs (K-OPEN: before its end); declining, cancelling and expiring close it at any time.
    public static func needsRunningCampaign(_ action: MatchAction) -> Bool {
        [.accept, .ship, .posted, .complete].contains(action)
    }

    /// The state a match shows at `instant`: a proposal whose decision window has passed (`expiresAt ≤ instant`)
    /// is `expired` from the instant it lapsed, whether or not that step is stored yet (M-STEPS). Reads derive
    /// it with this; the next write that touches the match (or the expiry service) stores it.
    public static func state(_ stored: MatchState, expiresAt: Date, at instant: Date) -> MatchState {
        stored == .proposed && expiresAt <= instant ? .expired : stored
    }

    /// The state after `action`, or the refusal (`illegalTransition`) naming the current state.
    public static func next(_ current: MatchState, _ action: MatchAction, sample: Bool, match: Int64) throws(DomainError) -> MatchState {
        let allowed = allowedFrom(action, sample: sample)
        guard allowed.contains(current) else {
            throw DomainError(.illegalTransition, "cannot \(action.verb) match \(match): it is \(current.rawValue)"
                + (allowed.isEmpty ? " (a discount campaign ships no sample: accepted → contentPosted)"
                                   : " (\(action.verb) needs \(allowed.map(\.rawValue).joined(separator: " or ")))"))
        }
        switch action {
        case .accept: return .accepted
        case .decline: return .declined
        case .expire: return .expired
        case .ship: return .sampleShipped
        case .posted: return .contentPosted
        case .complete: return .completed
        case .cancel: return .cancelled
        }
    }
}
