import ArgumentParser
import Foundation
import StarMatchAPI
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

extension StarMatch.Creators {
    /// `creators status C`: the one screen a manager needs about a creator (issue 6).
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", 
            abstract: "Pilot state and what is missing to graduate, this week's quota and its reset, CHR and its violations, open matches.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Argument(help: "The creator id, or @handle (E-HANDLE).") var id: String

        func run() throws {
            try guarded {
                let useCases = try global.useCases(readOnly: true)
                let instant = try query.instant()
                let config = useCases.config
                let status = try useCases.creatorStatus(try useCases.creatorID(named: id, caller: GlobalOptions.caller), at: instant, caller: GlobalOptions.caller)
                let (creator, standing, open) = (status.creator, status.standing, status.openMatches)
                let view = CreatorStatusView(status, config: config)
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
                let health = standing.health
                rows.append(["CHR", "\(health.chr) of \(config.chrMax), \(health.band.rawValue)"
                    + (health.chr <= config.chrFloor ? " — at or below the floor \(config.chrFloor) (H-FLOOR): not matched" : "")])
                rows.append(["CHR history", "\(health.violationPoints) violation points in effect · \(health.earnedPoints) earned by kept orders · "
                    + "\(health.regainedPoints) regained by quizzes and appeals (H-POINTS)"])
                if let m = health.milestone {
                    rows.append(["milestone", "\(m.chr) (step \(m.step) of 4) reached \(m.reachedAt.map(Timestamp.format) ?? "from the start"): \(m.enforcement) (H-MILESTONE)"])
                } else {
                    rows.append(["milestone", "none reached (150, 100, 50, 0; H-MILESTONE)"])
                }
                Output.table(["field", "value"], rows)
                if !view.violations.isEmpty {
                    print("\nViolations (H-POINTS)")
                    Output.table(["id", "at", "kind", "points", "appeal"], view.violations.map { v in
                        let appeal = v.appealedAt.map { $0 <= instant ? "overturned \(Timestamp.format($0))" : "" } ?? ""
                        return [v.id.rawValue, Timestamp.format(v.at), v.kind.rawValue, String(v.points), appeal]
                    }, rightAligned: [3])
                }
                if !view.quizzes.isEmpty {
                    print("\nPolicy quizzes (H-POINTS: a perfect score regains up to \(config.chrQuizRegainPoints) lost points)")
                    Output.table(["id", "at", "score"], view.quizzes.map { [$0.id.rawValue, Timestamp.format($0.at), "\($0.score) %"] }, rightAligned: [2])
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

    /// `creators appeal V`: H-POINTS, a successful appeal overturns a violation.
    struct Appeal: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "appeal", 
            abstract: "Record that an appeal overturned a violation (H-POINTS): its points come back from then (--at, default now).")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Argument(help: "The violation id.") var id: String

        func run() throws {
            try guarded {
                let useCases = try global.useCases(clock: query.clock())
                let violation = try useCases.appealViolation(ViolationID(id), at: try query.instant(), caller: GlobalOptions.caller)
                if query.json { return try Output.json(violation) }
                // What the appeal gave back: CHR just before it and at it (what the violation took, after the clamp
                // at 0, less what quizzes had won back already).
                let at = violation.appealedAt!
                let before = try useCases.creatorStanding(violation.creator, at: at.addingTimeInterval(-1), caller: GlobalOptions.caller).standing.chr
                let after = try useCases.creatorStanding(violation.creator, at: at, caller: GlobalOptions.caller).standing.chr
                print("\(violation.id): overturned \(Timestamp.format(at)); \(violation.creator)'s CHR \(before) → \(after) from then (H-POINTS)")
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
            abstract: "Estimated and validated commission per creator, campaign and product (C-RATE; C-VALIDATE: validated after the return window).",
            discussion: "A sales line naming its product earns the product's rate (set by its seller); a line without a product earns its campaign's rate.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Option(help: "Only this creator's.") var creator: String?
        @Option(help: "Only this campaign's.") var campaign: String?
        @Option(help: "Only this product's.") var product: String?

        func run() throws {
            try guarded {
                let lines = try global.useCases(readOnly: true).commissions(creator: creator.map { CreatorID($0) }, campaign: campaign.map { CampaignID($0) },
                    product: product.map { ProductID($0) }, at: try query.instant(), caller: GlobalOptions.caller)
                if query.json { return try Output.json(lines) }
                Output.table(["creator", "campaign", "product", "cur", "rate", "orders", "kept", "estimated", "validated", "pending", "last validates"], lines.map {
                    [$0.creator.rawValue, $0.campaign?.rawValue ?? "", $0.product?.rawValue ?? "", $0.currency, String(format: "%.1f%%", $0.ratePercent), String($0.orders), String($0.keptOrders),
                     ISO4217.format(minor: $0.estimatedMinor, currency: $0.currency), ISO4217.format(minor: $0.validatedMinor, currency: $0.currency),
                     ISO4217.format(minor: $0.pendingMinor, currency: $0.currency), Output.day($0.nextValidation)]
                }, rightAligned: [4, 5, 6, 7, 8, 9])
            }
        }
    }
}

extension StarMatch {
    /// `report --week W --out FILE`: the managers' Monday page.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "report", 
            abstract: "The weekly desk report: batch fill, score distribution, Shop Stars, best-selling products and categories, the week's outcomes, pilots near graduation, CHR drops.",
            discussion: "Writes one self-contained HTML page (inline SVG charts, no network); --json prints the same numbers.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var scoring: ProfileOptions
        @Option(help: "The ISO week, e.g. 2026-W48.") var week: String
        @Option(help: "The HTML file to write (default: report-WEEK.html).") var out: String?
        @OptionGroup var query: QueryOptions

        func run() throws {
            try guarded {
                // `--at` stands for now: what a running week's pilots and matches are judged at (the report is a read).
                let useCases = try global.useCases(clock: try query.clock(), readOnly: true)
                let report = try useCases.deskReport(week: week, profile: try scoring.load(useCases), caller: GlobalOptions.caller)
                if query.json { return try Output.json(report) }
                let path = out ?? "report-\(week).html"
                do {
                    try Data(DeskReportHTML.render(report).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    throw CLIError(FileProblem.cannotWrite(path, error))
                }
                print("wrote \(path): \(report.batch.map { "\($0.filled)/\($0.slots) slots filled" } ?? "no batch run yet"), "
                    + "\(report.shopStars.count) Shop Star categories, \(report.pilotsNearGraduation.count) pilots near graduation, \(report.chrDrops.count) CHR drops")
            }
        }
    }
}
