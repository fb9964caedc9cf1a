import ArgumentParser
import Foundation
import StarMatchCore
import StarMatchStore
import StarMatchAPI
import StarMatchUseCases

/// `--limit` and `--offset` for list commands.
struct PageOptions: ParsableArguments {
    @Option(help: "Rows to show (1–10000).") var limit = 50
    @Option(help: "Rows to skip.") var offset = 0

    func validate() throws {
        guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1–10000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
    }
}

func joinedPaths(_ paths: [CategoryPath]) -> String { paths.map(\.rawValue).joined(separator: ";") }

extension StarMatch {
    struct Creators: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "creators", abstract: "List and show creators; their status; record a passed quiz or an appeal.", subcommands: [List.self, Show.self, Status.self, QuizPassed.self, Appeal.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List creators, ordered by id.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var page: PageOptions
            @Option(help: "Only this kind.") var kind: String?
            @Option(help: "Only this region.") var region: String?
            @Option(help: "Only creators with this niche or one below it.") var niche: String?
            @Option(help: "Only creators with at least this many followers.") var minFollowers: Int?
            @Flag(help: "Machine-readable JSON output.") var json = false

            func validate() throws {
                if let kind, Creator.Kind(rawValue: kind) == nil {
                    throw ValidationError("--kind: one of \(Creator.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                if let niche, CategoryPath(validating: niche) == nil { throw ValidationError("--niche: '\(niche)' is not a category path") }
            }

            func run() throws {
                try guarded {
                    let creators = try global.useCases(readOnly: true).creators(CreatorFilter(
                        kind: kind.flatMap(Creator.Kind.init(rawValue:)), region: region, niche: niche.map { CategoryPath($0) },
                        minFollowers: minFollowers, limit: page.limit, offset: page.offset), caller: GlobalOptions.caller)
                    if json { return try Output.json(creators) }
                    Output.table(
                        ["id", "handle", "kind", "followers", "region", "niches", "bound shop", "pilot since"],
                        creators.map {
                            [$0.id.rawValue, $0.handle, $0.kind.rawValue, Output.number($0.followers), $0.region, joinedPaths($0.niches),
                             $0.boundShop?.rawValue ?? "", Output.day($0.pilotStartedAt)]
                        }, rightAligned: [3])
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one creator with CHR, pilot state and quota use.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var query: QueryOptions
            @Argument(help: "The creator id, or @handle (compared ignoring case, E-HANDLE).") var id: String

            func run() throws {
                try guarded {
                    let useCases = try global.useCases(readOnly: true)
                    let instant = try query.instant()
                    let creatorID = try useCases.creatorID(named: id, caller: GlobalOptions.caller)
                    let (creator, standing) = try useCases.creatorStanding(creatorID, at: instant, caller: GlobalOptions.caller)
                    let config = useCases.config
                    if query.json {
                        return try Output.json(CreatorView(creator: creator, standing: StandingView(standing, config: config), at: instant))
                    }
                    let rows: [[String]] = [
                        ["id", creator.id.rawValue], ["handle", creator.handle], ["kind", creator.kind.rawValue],
                        ["followers", Output.number(creator.followers)], ["region", creator.region],
                        ["born", creator.birthDate.description], ["registered", Timestamp.format(creator.registeredAt)],
                        ["age confirmed", creator.ageConfirmedAt.map(Timestamp.format) ?? "no"],
                        ["identity", creator.identityVerified ? "verified (document \(creator.identityDocument ?? "?"), account \(standing.documentRank.map(String.init) ?? "?") on it)" : "not verified"],
                        ["bound shop", creator.boundShop?.rawValue ?? ""], ["niches", joinedPaths(creator.niches)],
                        ["CHR", "\(standing.chr) (\(standing.violationPoints) violation points)"],
                        ["pilot", standing.pilot.name + (creator.pilotStartedAt.map { " (since \(Timestamp.format($0)))" } ?? "")],
                        ["quota this week", "\(standing.quota.videos)/\(config.pilotVideoQuota) videos, \(standing.quota.lives)/\(config.pilotLiveQuota) LIVEs; resets \(Timestamp.format(standing.quota.week.end))"],
                        ["graduation", "\(standing.graduation.qualifyingVideos) videos ≥\(config.graduationMinVideoSeconds)s, \(standing.graduation.qualifyingLives) LIVEs ≥\(config.graduationMinLiveSeconds)s, \(standing.graduation.orders) orders"],
                    ]
                    Output.table(["field", "value"], rows)
                }
            }
        }
    }

    struct Shops: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "shops", abstract: "List and show shops.", subcommands: [List.self, Show.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List shops, ordered by id.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var page: PageOptions
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let shops = try global.useCases(readOnly: true).shops(limit: page.limit, offset: page.offset, caller: GlobalOptions.caller)
                    if json { return try Output.json(shops) }
                    Output.table(["id", "name", "region", "score", "categories"],
                        shops.map { [$0.id.rawValue, $0.name, $0.region, String(format: "%.1f", $0.score), joinedPaths($0.categories)] },
                        rightAligned: [3])
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one shop and its campaigns.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The shop id.") var id: String
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let useCases = try global.useCases(readOnly: true)
                    let shop = try useCases.shop(ShopID(id), caller: GlobalOptions.caller)
                    let campaigns = try useCases.campaigns(shop: shop.id, limit: 10_000, caller: GlobalOptions.caller)
                    if json {
                        struct View: Encodable { let shop: Shop; let campaigns: [Campaign] }
                        return try Output.json(View(shop: shop, campaigns: campaigns))
                    }
                    Output.table(["field", "value"], [
                        ["id", shop.id.rawValue], ["name", shop.name], ["region", shop.region],
                        ["score", String(format: "%.1f", shop.score)], ["categories", joinedPaths(shop.categories)],
                    ])
                    print("")
                    printCampaigns(campaigns)
                }
            }
        }
    }

    struct Products: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "products", abstract: "List and show products (C-RATE: each with its seller's commission).",
            subcommands: [List.self, Show.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List products, ordered by id.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var page: PageOptions
            @Option(help: "Only this shop's products.") var shop: String?
            @Option(help: "Only products of this category or one under it (e.g. beauty).") var category: String?
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let path = try category.map { raw in
                        guard let path = CategoryPath(validating: raw) else { throw CLIError("--category: '\(raw)' is not a category path", code: 2) }
                        return path
                    }
                    let products = try global.useCases(readOnly: true).products(shop: shop.map { ShopID($0) }, category: path, limit: page.limit,
                        offset: page.offset, caller: GlobalOptions.caller)
                    if json { return try Output.json(products) }
                    Output.table(["id", "shop", "name", "category", "price", "commission", "per item", "sample"],
                        products.map { [$0.id.rawValue, $0.shop.rawValue, $0.name, $0.category.rawValue, ISO4217.amount(minor: $0.priceMinor, currency: $0.currency),
                                        "\($0.commissionPercent)%", ISO4217.amount(minor: $0.commissionPerItemMinor, currency: $0.currency), $0.freeSample ? "yes" : "no"] },
                        rightAligned: [4, 5, 6])
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one product.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The product id.") var id: String
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let p = try global.useCases(readOnly: true).product(ProductID(id), caller: GlobalOptions.caller)
                    if json { return try Output.json(p) }
                    Output.table(["field", "value"], [
                        ["id", p.id.rawValue], ["shop", p.shop.rawValue], ["name", p.name], ["category", p.category.rawValue],
                        ["price", ISO4217.amount(minor: p.priceMinor, currency: p.currency)], ["commission (C-RATE)", "\(p.commissionPercent)%"],
                        ["commission per item (price × rate)", ISO4217.amount(minor: p.commissionPerItemMinor, currency: p.currency)],
                        ["free sample", p.freeSample ? "yes" : "no"],
                    ])
                }
            }
        }
    }

    struct Campaigns: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "campaigns", abstract: "List and show campaigns, and what their matches brought in.", subcommands: [List.self, Show.self, Performance.self])

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List campaigns, ordered by id.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var page: PageOptions
            @Option(help: "Only this shop's campaigns.") var shop: String?
            @Option(help: "Only campaigns running at this instant (ISO 8601).") var openAt: String?
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    var open: Date?
                    if let openAt {
                        guard let date = Timestamp.parse(openAt) else { throw CLIError("--open-at: '\(openAt)' is not an instant", code: 2) }
                        open = date
                    }
                    let campaigns = try global.useCases(readOnly: true).campaigns(shop: shop.map { ShopID($0) }, openAt: open, limit: page.limit, offset: page.offset,
                        caller: GlobalOptions.caller)
                    if json { return try Output.json(campaigns) }
                    printCampaigns(campaigns)
                }
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one campaign.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The campaign id.") var id: String
            @Flag(help: "Machine-readable JSON output.") var json = false

            func run() throws {
                try guarded {
                    let c = try global.useCases(readOnly: true).campaign(CampaignID(id), caller: GlobalOptions.caller)
                    if json { return try Output.json(c) }
                    Output.table(["field", "value"], [
                        ["id", c.id.rawValue], ["shop", c.shop.rawValue], ["name", c.name], ["kind", c.kind.rawValue],
                        ["categories", joinedPaths(c.categories)], ["slots", String(c.slots)],
                        ["runs", "\(Timestamp.format(c.startsAt)) to \(Timestamp.format(c.endsAt))"],
                        ["commission", "\(c.commissionPercent)%"], ["min followers", c.minFollowers.map(Output.number) ?? ""],
                        ["regions", c.regions.joined(separator: ";")], ["products", c.products.map(\.rawValue).joined(separator: ";")],
                    ])
                }
            }
        }
    }

    struct Eligibility: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "eligibility", 
            abstract: "Every rule that applies to a creator: for the marketplace, a sample match with a shop, or a campaign.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var query: QueryOptions
        @Argument(help: "The creator id.") var creator: String
        @Option(help: "Judge a free-sample match with this shop.") var shop: String?
        @Option(help: "Judge this campaign.") var campaign: String?

        func validate() throws {
            if shop != nil && campaign != nil { throw ValidationError("give --shop or --campaign, not both") }
        }

        func run() throws {
            try guarded {
                let instant = try query.instant()
                let (c, report) = try global.useCases(readOnly: true).eligibility(creator: CreatorID(creator), shop: shop.map { ShopID($0) },
                    campaign: campaign.map { CampaignID($0) }, at: instant, caller: GlobalOptions.caller)
                if query.json { return try Output.json(EligibilityView(report)) }
                print("\(c.id) (\(c.kind.rawValue)) for \(report.subject.description) at \(Timestamp.format(instant)): "
                    + (report.isEligible ? "ELIGIBLE" : "NOT ELIGIBLE (\(report.refusals.map(\.rule.rawValue).joined(separator: ", ")))"))
                print("")
                Output.table(["rule", "outcome", "why"], report.checks.map { [$0.rule.rawValue, $0.outcome.rawValue, $0.message] })
            }
        }
    }
}

func printCampaigns(_ campaigns: [Campaign]) {
    Output.table(["id", "shop", "kind", "slots", "starts", "ends", "commission", "categories"],
        campaigns.map {
            [$0.id.rawValue, $0.shop.rawValue, $0.kind.rawValue, String($0.slots), Timestamp.format($0.startsAt), Timestamp.format($0.endsAt),
             String(format: "%.1f%%", $0.commissionPercent), joinedPaths($0.categories)]
        }, rightAligned: [3, 6])
}

