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
}

/// An action the match's current state does not allow; names that state.
public struct MatchTransitionRefused: Error, Sendable, Equatable, CustomStringConvertible {
    public var match: Int64
    public var action: MatchAction
    public var current: MatchState
    /// The states the action is allowed from.
    public var allowedFrom: [MatchState]

    public var description: String {
        "cannot \(action.rawValue) match \(match): it is \(current.rawValue)"
            + (allowedFrom.isEmpty ? "" : " (\(action.rawValue) needs \(allowedFrom.map(\.rawValue).joined(separator: " or ")))")
    }
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

    /// The state after `action`, or the refusal naming the current state.
    public static func next(_ current: MatchState, _ action: MatchAction, sample: Bool, match: Int64) throws(MatchTransitionRefused) -> MatchState {
        let allowed = allowedFrom(action, sample: sample)
        guard allowed.contains(current) else {
            throw MatchTransitionRefused(match: match, action: action, current: current, allowedFrom: allowed)
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
