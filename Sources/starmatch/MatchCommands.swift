import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch {
    struct MatchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "match",
            abstract: "Matches and their lifecycle: proposed → accepted → sampleShipped → contentPosted → completed (or declined, expired, cancelled).",
            subcommands: [Create.self, List.self, Show.self, Accept.self, Decline.self, Ship.self, Posted.self, Complete.self, Cancel.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "create", abstract: "Propose a match by hand (the creator must be eligible: M-ELIGIBLE).")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var query: QueryOptions
            @Argument(help: "The creator id.") var creator: String
            @Argument(help: "The campaign id.") var campaign: String

            func run() throws {
                try guarded {
                    let created = try global.useCases(clock: query.clock()).createMatch(creator: CreatorID(creator), campaign: CampaignID(campaign),
                        caller: GlobalOptions.caller)
                    if query.json { return try Output.json(created) }
                    print("match \(created.id): \(created.creator) for \(created.campaign), proposed until \(Timestamp.format(created.expiresAt))")
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List matches by id (proposals past their window show as expired).")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var query: QueryOptions
            @Option(help: "Only this creator's.") var creator: String?
            @Option(help: "Only this campaign's.") var campaign: String?
            @Option(help: "Only in this state.") var state: String?
            @Option(help: "Rows to show (1–10000).") var limit = 100
            @Option(help: "Only ids after this one: the next page (as the API's cursor).") var after: Int64?

            func validate() throws {
                if let state, MatchState(rawValue: state) == nil {
                    throw ValidationError("--state: one of \(MatchState.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1–10000") }
            }

            func run() throws {
                try guarded {
                    // One more than shown tells whether the list was cut.
                    var matches = try global.useCases(readOnly: true).matches(MatchFilter(creator: creator.map { CreatorID($0) }, campaign: campaign.map { CampaignID($0) },
                        state: state.flatMap(MatchState.init(rawValue:)), limit: limit + 1, after: after), at: try query.instant(), caller: GlobalOptions.caller)
                    let more = matches.count > limit
                    if more { matches.removeLast() }
                    defer {
                        if more, let last = matches.last {
                            Output.note("showing the first \(Output.number(limit)) matches; the next page: --after \(last.id)")
                        }
                    }
                    if query.json { return try Output.json(matches) }
                    Output.table(["id", "creator", "campaign", "shop", "state", "source", "score", "week of", "expires"], matches.map {
                        [String($0.id), $0.creator, $0.campaign, $0.shop, $0.state.rawValue, $0.source + ($0.runID.map { " #\($0)" } ?? ""),
                         $0.score.map(score) ?? "", Output.day($0.weekStart), $0.state == .proposed ? Timestamp.format($0.expiresAt) : ""]
                    }, rightAligned: [0, 6])
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "A match with its full history (who did what, when) and what it brought in.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var query: QueryOptions
            @Argument(help: "The match id.") var id: Int64

            func run() throws {
                try guarded {
                    let (match, history, outcome) = try global.useCases(readOnly: true).matchDetail(id, at: try query.instant(), caller: GlobalOptions.caller)
                    if query.json {
                        struct View: Encodable { let match: Match; let history: [MatchEvent]; let outcome: MatchOutcome }
                        return try Output.json(View(match: match, history: history, outcome: outcome))
                    }
                    print("match \(match.id): \(match.creator) for \(match.campaign) (shop \(match.shop)) — \(match.state.rawValue)\n")
                    Output.table(["at", "from", "to", "actor", "note"], history.map {
                        [Timestamp.format($0.at), $0.from?.rawValue ?? "", $0.to.rawValue, $0.actor, $0.note ?? ""]
                    })
                    print("")
                    printOutcome(outcome)
                }
            }
        }

        struct Accept: TransitionCommand {
            static let action = MatchAction.accept
            static let configuration = CommandConfiguration(commandName: "accept", abstract: "A proposed match is accepted (for the creator; takes weekly capacity).")
            @OptionGroup var options: TransitionOptions
        }
        struct Decline: TransitionCommand {
            static let action = MatchAction.decline
            static let configuration = CommandConfiguration(commandName: "decline", abstract: "A proposed match is declined.")
            @OptionGroup var options: TransitionOptions
        }
        struct Ship: TransitionCommand {
            static let action = MatchAction.ship
            static let configuration = CommandConfiguration(commandName: "ship", abstract: "The brand shipped the sample of an accepted sample match (M-SAMPLES).")
            @OptionGroup var options: TransitionOptions
        }
        struct Posted: TransitionCommand {
            static let action = MatchAction.posted
            static let configuration = CommandConfiguration(commandName: "posted", abstract: "The creator posted the content (after the sample, or at once for a discount campaign).")
            @OptionGroup var options: TransitionOptions
        }
        struct Complete: TransitionCommand {
            static let action = MatchAction.complete
            static let configuration = CommandConfiguration(commandName: "complete", abstract: "The match is done.")
            @OptionGroup var options: TransitionOptions
        }
        struct Cancel: TransitionCommand {
            static let action = MatchAction.cancel
            static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Cancel an open match.")
            @OptionGroup var options: TransitionOptions
        }
    }
}

/// The match id, a note, and the usual `--db`, `--at`, `--json` of a transition command.
struct TransitionOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var query: QueryOptions
    @Argument(help: "The match id.") var id: Int64
    @Option(help: "A note for the match's history.") var note: String?
}

/// `match accept|decline|ship|posted|complete|cancel ID`: one action each, one implementation.
protocol TransitionCommand: ParsableCommand {
    static var action: MatchAction { get }
    var options: TransitionOptions { get }
}

extension TransitionCommand {
    func run() throws {
        try guarded {
            let match = try options.global.useCases(clock: options.query.clock())
                .transition(match: options.id, Self.action, note: options.note, caller: GlobalOptions.caller)
            if options.query.json { return try Output.json(match) }
            print("match \(match.id): \(match.state.rawValue)")
        }
    }
}
