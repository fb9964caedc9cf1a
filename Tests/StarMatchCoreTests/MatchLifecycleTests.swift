import Foundation
import StarMatchCore
import Testing

@Suite("Match lifecycle (issue 6): every transition, legal and illegal")
struct MatchLifecycleTests {
    /// The whole table, written out: (state, action, sample match?) → next state, or nil when refused.
    static func expected(_ state: MatchState, _ action: MatchAction, sample: Bool) -> MatchState? {
        switch (state, action) {
        case (.proposed, .accept): return .accepted
        case (.proposed, .decline): return .declined
        case (.proposed, .expire): return .expired
        case (.accepted, .ship): return sample ? .sampleShipped : nil
        case (.accepted, .posted): return sample ? nil : .contentPosted
        case (.sampleShipped, .posted): return sample ? .contentPosted : nil
        case (.contentPosted, .complete): return .completed
        case (.proposed, .cancel), (.accepted, .cancel), (.sampleShipped, .cancel), (.contentPosted, .cancel): return .cancelled
        default: return nil
        }
    }

    @Test(arguments: MatchState.allCases, MatchAction.allCases)
    func transition(_ state: MatchState, _ action: MatchAction) {
        for sample in [true, false] {
            let want = Self.expected(state, action, sample: sample)
            do {
                let got = try MatchLifecycle.next(state, action, sample: sample, match: 7)
                #expect(got == want, "\(state) + \(action) (sample \(sample))")
            } catch {
                #expect(want == nil, "\(state) + \(action) (sample \(sample)) refused: \(error)")
                #expect(error.kind == .illegalTransition)
                #expect(error.description.contains("it is \(state.rawValue)"))
                #expect(error.description.contains("match 7"))
            }
        }
    }

    @Test("a proposal shows as expired from its expiry on, whatever is stored; other states show as stored")
    func lapseIsDerived() {
        let expiry = Date(timeIntervalSince1970: 1_000_000)
        #expect(MatchLifecycle.state(.proposed, expiresAt: expiry, at: expiry.addingTimeInterval(-1)) == .proposed)
        #expect(MatchLifecycle.state(.proposed, expiresAt: expiry, at: expiry) == .expired)
        for state in MatchState.allCases where state != .proposed {
            #expect(MatchLifecycle.state(state, expiresAt: expiry, at: expiry.addingTimeInterval(86_400)) == state)
        }
    }

    @Test func openAndCommittedStates() {
        #expect(MatchState.allCases.filter(\.isOpen) == [.proposed, .accepted, .sampleShipped, .contentPosted])
        #expect(MatchState.allCases.filter(\.isCommitted) == [.accepted, .sampleShipped, .contentPosted, .completed])
        // Terminal states accept nothing, not even cancel.
        for state in MatchState.allCases where !state.isOpen {
            for action in MatchAction.allCases {
                #expect(throws: DomainError.self) { try MatchLifecycle.next(state, action, sample: true, match: 1) }
            }
        }
    }
}
