public import Foundation

/// The one validation of each entity: every invariant a stored entity keeps, whatever format it came in
/// (CSV, JSON Lines, an API body, a PATCH merged into the stored entity). Ranges come from `EntityLimits`;
/// references are checked against a `ReferenceLookup`. Each problem names the member (its JSON name) and,
/// for a domain rule, the rule id. Format adapters only convert types, then call `problems(refs:config:)`.
struct ProblemList {
    var issues: [FieldIssue] = []

    mutating func fail(_ field: String?, rule: String? = nil, involving: [String] = [], _ reason: String) {
        issues.append(FieldIssue(field: field, rule: rule, reason: reason, involves: involving))
    }

    /// Free text: not empty, at most `EntityLimits.maxTextBytes` bytes, no control characters.
    mutating func text(_ field: String, _ v: String) {
        let bytes = v.utf8
        if bytes.isEmpty { fail(field, "must not be empty"); return }
        if bytes.count > EntityLimits.maxTextBytes { fail(field, "longer than \(EntityLimits.maxTextBytes) bytes"); return }
        // Control characters: C0 and DEL in ASCII, C1 (U+0080–U+009F, encoded C2 80–C2 9F) otherwise.
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && byte >= 0x80 && byte <= 0x9F) {
                fail(field, "contains control characters")
                return
            }
            previous = byte
        }
    }

    /// An ISO 4217 code the policy has a rate for (C-CURRENCY: never counted as 0; the rates are the policy's,
    /// `currencyRates` in Scoring/policy.json).
    mutating func currency(_ field: String, _ code: String, config: PolicyConfig) {
        if !(code.utf8.count == 3 && code.utf8.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A })) {
            fail(field, "'\(clip(code))' is not a currency code (ISO 4217, e.g. USD)")
        } else if config.currencyRates[code] == nil {
            fail(field, rule: "C-CURRENCY",
                 "no rate for \(code) (accepted: \(config.currencies.known.joined(separator: ", ")); add it to currencyRates in the policy)")
        }
    }

    mutating func range(_ field: String, _ n: Int, _ range: ClosedRange<Int>) {
        if n < range.lowerBound { fail(field, "\(n) is below the minimum \(range.lowerBound)") }
        else if n > range.upperBound { fail(field, "\(n) is above the maximum \(range.upperBound)") }
    }

    mutating func range(_ field: String, _ n: Int64, _ range: ClosedRange<Int64>) {
        if !range.contains(n) { fail(field, "\(n) is outside \(range.lowerBound)…\(range.upperBound)") }
    }

    mutating func range(_ field: String, _ n: Double, _ range: ClosedRange<Double>) {
        if !n.isFinite { fail(field, "not a finite number") }
        else if !range.contains(n) { fail(field, "\(fmtScore(n)) is outside \(fmtScore(range.lowerBound))–\(fmtScore(range.upperBound))") }
    }

    mutating func instant(_ field: String, _ t: Date) {
        if !EntityLimits.instants.contains(t.timeIntervalSince1970) { fail(field, "the instant is outside the years 0001–9999") }
    }

    mutating func region(_ field: String, _ v: String) {
        if !Region.isValid(v) { fail(field, "'\(clip(v))' is not a region code (ISO 3166-1 alpha-2, e.g. US)") }
    }

    mutating func categories(_ field: String, _ list: [CategoryPath], _ refs: some ReferenceLookup, required: Bool) {
        if required && list.isEmpty { fail(field, "at least one category is required"); return }
        if let unknown = list.first(where: { !refs.hasCategory($0) }) { fail(field, "unknown category '\(unknown)'") }
    }
}

extension Category {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        if let parent = path.parent, !refs.hasCategory(parent) {
            p.fail("path", "parent category '\(parent)' is not known (list parents before children)")
        }
        p.text("name", name)
        return p.issues
    }
}

extension Shop {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        p.text("name", name)
        p.region("region", region)
        p.range("score", score, EntityLimits.shopScore)
        p.categories("categories", categories, refs, required: true)
        return p.issues
    }
}

extension Creator {
    /// E-HANDLE: a handle as TikTok compares handles — one leading `@` dropped, case folded (`@Glow.Getter` and
    /// `glow.getter` are the same handle).
    public static func handleKey(_ handle: String) -> String {
        (handle.hasPrefix("@") ? String(handle.dropFirst()) : handle).lowercased()
    }

    /// `Creator.handleKey(handle)`.
    public var handleKey: String { Self.handleKey(handle) }

    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        p.text("handle", handle)
        if let holder = refs.creatorHolding(handleKey: handleKey, other: id) {
            p.fail("handle", rule: "E-HANDLE", "the handle '\(clip(handle))' belongs to creator \(holder) (handles compare ignoring case and a leading @)")
        }
        p.range("followers", followers, EntityLimits.followers)
        p.region("region", region)
        p.instant("registeredAt", registeredAt)
        if let ageConfirmedAt { p.instant("ageConfirmedAt", ageConfirmedAt) }
        if let pilotStartedAt { p.instant("pilotStartedAt", pilotStartedAt) }
        if let quizPassedAt { p.instant("quizPassedAt", quizPassedAt) }
        if let identityDocument { p.text("identityDocument", identityDocument) }
        if identityVerified && identityDocument == nil {
            p.fail("identityDocument", rule: "E-IDDOC", involving: ["identityVerified"], "a verified identity needs the identity document it was verified with")
        }
        if kind.isShopBound && boundShop == nil {
            p.fail("boundShop", rule: "E-BIND", involving: ["kind"], "\(kind.rawValue) creators are bound to exactly one shop")
        } else if !kind.isShopBound && boundShop != nil {
            p.fail("boundShop", rule: "E-BIND", involving: ["kind"], "only officialShop and marketing creators have a bound shop")
        }
        if kind != .affiliate && pilotStartedAt != nil { p.fail("pilotStartedAt", rule: "P-ENTER", involving: ["kind"], "only affiliates enter the pilot") }
        if let boundShop, !refs.hasShop(boundShop) { p.fail("boundShop", "unknown shop '\(boundShop)'") }
        p.categories("niches", niches, refs, required: false)
        if quizPassedAt != nil && pilotStartedAt == nil {
            p.fail("quizPassedAt", rule: "P-GRADUATE", involving: ["pilotStartedAt"], "a quiz without a pilot (no pilot start)")
        }
        if let ageConfirmedAt, ageConfirmedAt < registeredAt { p.fail("ageConfirmedAt", involving: ["registeredAt"], "age confirmed before registration") }
        if let pilotStartedAt, pilotStartedAt < registeredAt { p.fail("pilotStartedAt", involving: ["registeredAt"], "pilot started before registration") }
        if let pilotStartedAt, let quizPassedAt, quizPassedAt < pilotStartedAt { p.fail("quizPassedAt", involving: ["pilotStartedAt"], "quiz passed before the pilot started") }
        if birthDate.startUTC > registeredAt { p.fail("birthDate", involving: ["registeredAt"], "born after registration") }
        return p.issues
    }
}

extension Campaign {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        if !refs.hasShop(shop) { p.fail("shop", "unknown shop '\(shop)'") }
        p.text("name", name)
        p.categories("categories", categories, refs, required: true)
        p.range("slots", slots, EntityLimits.slots)
        p.instant("startsAt", startsAt)
        p.instant("endsAt", endsAt)
        if endsAt <= startsAt { p.fail("endsAt", involving: ["startsAt"], "the campaign must end after it starts") }
        p.range("commissionPercent", commissionPercent, EntityLimits.commissionPercent)
        if let minFollowers { p.range("minFollowers", minFollowers, EntityLimits.followers) }
        if let bad = regions.first(where: { !Region.isValid($0) }) {
            p.fail("regions", "'\(clip(bad))' is not a region code (ISO 3166-1 alpha-2, e.g. US)")
        }
        // The products it features are its own shop's.
        for id in products {
            guard let product = refs.product(id) else { p.fail("products", "unknown product '\(id)'"); break }
            guard product.shop == shop else { p.fail("products", involving: ["shop"], "product '\(id)' is sold by shop '\(product.shop)', not '\(shop)'"); break }
        }
        if Set(products).count < products.count { p.fail("products", "a product is listed twice") }
        return p.issues
    }
}

extension Sale {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        if !refs.hasCreator(creator) { p.fail("creator", "unknown creator '\(creator)'") }
        if !refs.hasShop(shop) { p.fail("shop", "unknown shop '\(shop)'") }
        // A line sold under a campaign is the campaign's shop's: another shop's would show in that brand's figures.
        if let campaign {
            if let owner = refs.campaignShop(campaign) {
                if owner != shop { p.fail("campaign", involving: ["shop"], "campaign '\(campaign)' is shop '\(owner)''s, not '\(shop)''s") }
            } else {
                p.fail("campaign", "unknown campaign '\(campaign)'")
            }
        }
        if !refs.hasCategory(category) { p.fail("category", "unknown category '\(category)'") }
        p.instant("orderedAt", orderedAt)
        p.range("orders", orders, EntityLimits.orders)
        p.range("returnedOrders", returnedOrders, EntityLimits.orders)
        // Only between counts that are themselves valid (a negative `orders` is its own problem).
        if EntityLimits.orders.contains(orders), EntityLimits.orders.contains(returnedOrders), returnedOrders > orders {
            p.fail("returnedOrders", rule: "C-VALIDATE", involving: ["orders"], "more returned orders (\(returnedOrders)) than orders (\(orders))")
        }
        // One source of truth: a line naming its product has the product's shop, category and currency.
        if let product {
            if let known = refs.product(product) {
                if known.shop != shop { p.fail("shop", involving: ["product"], "product '\(product)' is sold by shop '\(known.shop)', not '\(shop)'") }
                if known.category != category {
                    p.fail("category", involving: ["product"], "product '\(product)' is in category '\(known.category)', not '\(category)'")
                }
                if known.currency != currency {
                    p.fail("currency", rule: "C-CURRENCY", involving: ["product"], "product '\(product)' is priced in \(known.currency), not \(clip(currency))")
                }
            } else {
                p.fail("product", "unknown product '\(product)'")
            }
        }
        p.range("gmvMinor", gmvMinor, EntityLimits.gmvMinor)
        p.currency("currency", currency, config: config)
        return p.issues
    }
}

extension ContentEvent {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        if !refs.hasCreator(creator) { p.fail("creator", "unknown creator '\(creator)'") }
        p.instant("at", at)
        if let durationSeconds { p.range("durationSeconds", durationSeconds, EntityLimits.durationSeconds) }
        return p.issues
    }
}

extension Violation {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        if !refs.hasCreator(creator) { p.fail("creator", "unknown creator '\(creator)'") }
        p.range("points", points, EntityLimits.violationPoints(chrMax: config.chrMax))
        p.instant("at", at)
        if let appealedAt {
            p.instant("appealedAt", appealedAt)
            if appealedAt < at { p.fail("appealedAt", rule: "H-POINTS", "an appeal cannot come before its violation (\(Timestamp.format(at)))") }
        }
        return p.issues
    }
}

extension PolicyQuiz {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        if !refs.hasCreator(creator) { p.fail("creator", "unknown creator '\(creator)'") }
        p.instant("at", at)
        p.range("score", score, EntityLimits.quizScore)
        return p.issues
    }
}

extension Product {
    public func problems(refs: some ReferenceLookup, config: PolicyConfig) -> [FieldIssue] {
        var p = ProblemList()
        if !refs.hasShop(shop) { p.fail("shop", "unknown shop '\(shop)'") }
        p.text("name", name)
        if !refs.hasCategory(category) { p.fail("category", "unknown category '\(category)'") }
        p.range("priceMinor", priceMinor, EntityLimits.priceMinor)
        p.currency("currency", currency, config: config)
        p.range("commissionPercent", commissionPercent, EntityLimits.commissionPercent)
        // One source of truth: the sales lines naming a product carry its shop, category and currency, so these stay
        // as they are once lines name it (a changed product would leave them wrong).
        if let stored = refs.product(id), stored.named {
            func keep(_ member: String, _ old: String, _ new: String) {
                if old != new { p.fail(member, "product '\(id)' is named by sales lines with \(member) '\(old)': it cannot become '\(clip(new))'") }
            }
            keep("shop", stored.shop.rawValue, shop.rawValue)
            keep("category", stored.category.rawValue, category.rawValue)
            keep("currency", stored.currency, currency)
        }
        return p.issues
    }
}
