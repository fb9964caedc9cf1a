import ArgumentParser
import Foundation
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch.Creators {
    /// `creators status C`: the one screen a manager needs about a creator (issue 6).
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pilot state and what is missing to graduate, this week's quota and its reset, CHR and its violations, open matches.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Argument(help: "The creator id, or @handle (E-HANDLE).") var id: String

        struct View: Encodable {
            struct Pilot: Encodable {
                let state: String
                let startedAt: Date?
                let endsAt: Date?
                let graduatedAt: Date?
                let qualifyingVideos: Int
                let qualifyingLives: Int
                let keptOrders: Int
                /// P-GRADUATE: any one of these would do.
                let missing: [String]
                let goodStanding: Bool
            }

            let creator: String
            let at: Date
            let pilot: Pilot
            let standing: StandingView
            let quotaResetsAt: Date
            let quotaResetsAtLocal: String
            let violations: [Violation]
            let openMatches: [Match]
        }

        func run() throws {
            try guarded {
                let useCases = try global.useCases()
                let instant = try query.instant()
                let config = useCases.config
                let status = try useCases.creatorStatus(try useCases.creatorID(named: id, caller: GlobalOptions.caller), at: instant, caller: GlobalOptions.caller)
                let (creator, standing, open) = (status.creator, status.standing, status.openMatches)
                var ends: Date?, graduated: Date?
                switch standing.pilot {
                case .active(let endsAt): ends = endsAt
                case .graduated(let at): graduated = at
                default: break
                }
                let local = DateFormatter()
                local.timeZone = config.timeZone
                local.dateFormat = "EEEE yyyy-MM-dd HH:mm zzz"
                local.locale = Locale(identifier: "en_US_POSIX")
                let view = View(
                    creator: creator.id.rawValue, at: instant,
                    pilot: .init(state: standing.pilot.name, startedAt: creator.pilotStartedAt, endsAt: ends, graduatedAt: graduated,
                        qualifyingVideos: standing.graduation.qualifyingVideos, qualifyingLives: standing.graduation.qualifyingLives,
                        keptOrders: standing.graduation.orders,
                        missing: status.missing, goodStanding: status.goodStanding),
                    standing: StandingView(standing, config: config), quotaResetsAt: standing.quota.week.end,
                    quotaResetsAtLocal: local.string(from: standing.quota.week.end),
                    violations: status.violations, openMatches: open)
                if query.json { return try Output.json(view) }

                print("\(creator.id) \(creator.handle) (\(creator.kind.rawValue), \(Output.number(creator.followers)) followers) at \(Timestamp.format(instant))\n")
                var pilotLine = standing.pilot.name
                switch standing.pilot {
                case .notInPilot: pilotLine = "not in the pilot"
                case .active(let endsAt): pilotLine = "active until \(Timestamp.format(endsAt)) (P-ENTER, \(config.pilotDays) days)"
                case .quizInvited: pilotLine = "invited to the quiz (P-GRADUATE): record a pass with `starmatch creators quiz-passed \(creator.id)`"
                case .staying: pilotLine = "staying in the pilot (P-STAY)"
                case .graduated(let at): pilotLine = "graduated \(Timestamp.format(at))"
                case .lifted: pilotLine = "limits lifted: \(Output.number(config.pilotFollowerCeiling))+ followers (P-FOLLOWERS)"
                }
                var rows: [[String]] = [["pilot", pilotLine]]
                if standing.pilot.limitsApply {
                    rows.append(["graduation", "\(standing.graduation.qualifyingVideos)/\(config.graduationMinVideos) videos ≥ \(config.graduationMinVideoSeconds) s · "
                        + "\(standing.graduation.qualifyingLives)/\(config.graduationMinLives) LIVEs ≥ \(config.graduationMinLiveSeconds) s · "
                        + "\(standing.graduation.orders)/\(config.graduationMinOrders) kept orders"])
                    var toGraduate = view.pilot.missing.isEmpty ? "a criterion is met" : "any one of: " + view.pilot.missing.joined(separator: "; ")
                    if !view.pilot.goodStanding { toGraduate += "; and good standing (CHR ≥ \(config.chrGoodStanding), H-GOOD)" }
                    if case .active = standing.pilot { toGraduate += "; judged when the \(config.pilotDays) days are over" }
                    rows.append(["to graduate", toGraduate])
                    rows.append(["quota this week", "\(standing.quota.videos)/\(config.pilotVideoQuota) videos, \(standing.quota.lives)/\(config.pilotLiveQuota) LIVEs (P-QUOTA)"])
                    rows.append(["quota resets", "\(view.quotaResetsAtLocal) (\(Timestamp.format(view.quotaResetsAt)))"])
                }
                rows.append(["CHR", "\(standing.chr) of \(config.chrMax)" + (standing.chr <= config.chrFloor ? " — at or below the floor \(config.chrFloor) (H-FLOOR): not matched" : "")
                    + " · \(standing.violationPoints) violation points"])
                Output.table(["field", "value"], rows)
                if !view.violations.isEmpty {
                    print("\nViolations (H-POINTS)")
                    Output.table(["at", "kind", "points"], view.violations.map { [Timestamp.format($0.at), $0.kind.rawValue, String($0.points)] }, rightAligned: [2])
                }
                print("\nOpen matches")
                if open.isEmpty { print("none") } else {
                    Output.table(["id", "campaign", "shop", "state", "expires"], open.map {
                        [String($0.id), $0.campaign, $0.shop, $0.state.rawValue, $0.state == .proposed ? Timestamp.format($0.expiresAt) : ""]
                    }, rightAligned: [0])
                }
            }
        }
    }

    /// `creators quiz-passed C`: P-GRADUATE's last step.
    struct QuizPassed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quiz-passed", abstract: "Record that a pilot creator invited to the quiz passed it (P-GRADUATE): it graduates.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Argument(help: "The creator id.") var id: String

        func run() throws {
            try guarded {
                let useCases = try global.useCases(clock: query.clock())
                let standing = try useCases.recordQuizPassed(CreatorID(id), caller: GlobalOptions.caller)
                if query.json { return try Output.json(StandingView(standing, config: useCases.config)) }
                print("\(id): \(standing.pilot.name)")
            }
        }
    }
}

extension StarMatch {
    /// `commissions`: estimated against validated commission (C-RATE, C-VALIDATE).
    struct CommissionsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "commissions",
            abstract: "Estimated and validated commission per creator and campaign (C-RATE; C-VALIDATE: validated after the return window).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Option(help: "Only this creator's.") var creator: String?
        @Option(help: "Only this campaign's.") var campaign: String?

        func run() throws {
            try guarded {
                let lines = try global.useCases().commissions(creator: creator.map { CreatorID($0) }, campaign: campaign.map { CampaignID($0) },
                    at: try query.instant(), caller: GlobalOptions.caller)
                if query.json { return try Output.json(lines) }
                Output.table(["creator", "campaign", "cur", "rate", "orders", "kept", "estimated", "validated", "pending", "last validates"], lines.map {
                    [$0.creator.rawValue, $0.campaign.rawValue, $0.currency, String(format: "%.1f%%", $0.ratePercent), String($0.orders), String($0.keptOrders),
                     ISO4217.format(minor: $0.estimatedMinor, currency: $0.currency), ISO4217.format(minor: $0.validatedMinor, currency: $0.currency),
                     ISO4217.format(minor: $0.pendingMinor, currency: $0.currency), Output.day($0.nextValidation)]
                }, rightAligned: [3, 4, 5, 6, 7, 8])
            }
        }
    }
}

extension StarMatch {
    /// `report --week W --out FILE`: the managers' Monday page.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The weekly desk report: batch fill, score distribution, Shop Stars, best-selling categories, pilots near graduation, CHR drops.",
            discussion: "Writes one self-contained HTML page (inline SVG charts, no network); --json prints the same numbers.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scoring: ProfileOptions
        @Option(help: "The ISO week, e.g. 2026-W48.") var week: String
        @Option(help: "The HTML file to write (default: report-WEEK.html).") var out: String?
        @Flag(help: "Print the report's numbers as JSON instead.") var json = false

        func run() throws {
            try guarded {
                let useCases = try global.useCases()
                let report = try useCases.deskReport(week: week, profile: try scoring.load(useCases), caller: GlobalOptions.caller)
                if json { return try Output.json(report) }
                let path = out ?? "report-\(week).html"
                do {
                    try Data(DeskReportHTML.render(report).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw CLIError("cannot write \(path): \(error.localizedDescription)")
                }
                print("wrote \(path): \(report.batch.map { "\($0.filled)/\($0.slots) slots filled" } ?? "no batch run yet"), "
                    + "\(report.shopStars.count) Shop Star categories, \(report.pilotsNearGraduation.count) pilots near graduation, \(report.chrDrops.count) CHR drops")
            }
        }
    }
}
