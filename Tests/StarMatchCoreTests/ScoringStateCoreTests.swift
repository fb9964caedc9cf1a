import Foundation
@testable import StarMatchCore
import Testing

// Unit tests of the scoring state's core pieces (issue 13): the exact sales sums and the records' binary form.

/// A deterministic generator (SplitMix64) for the shuffles and random lines below.
private struct CoreSplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private struct Line {
    var category: Int32
    var seconds: Int64
    var orders: Int
    var returned: Int
    var gmv: Int64
    var currency: String
}

@Suite("Scoring state (issue 13): exact sales sums and the record's binary form")
struct ScoringStateCoreTests {
    let decay90 = SalesDecay(halfLifeDays: 90)
    let decay60 = SalesDecay(halfLifeDays: 60)
    /// 2026-06-15T12:00:00Z.
    let base: Int64 = 1_781_524_800

    private func randomLines(_ n: Int, _ rng: inout CoreSplitMix64) -> [Line] {
        (0..<n).map { _ in
            let orders = Int.random(in: 0...40, using: &rng)
            return Line(category: Int32.random(in: 0...3, using: &rng),
                        seconds: base + Int64.random(in: -400 * 86_400...400 * 86_400, using: &rng),
                        orders: orders, returned: Int.random(in: 0...orders, using: &rng),
                        gmv: Int64.random(in: 10_000...5_000_000, using: &rng), currency: ["USD", "GBP", "EUR"].randomElement(using: &rng)!)
        }
    }

    private func sums(_ lines: [Line], decay: SalesDecay, sign: Int = 1, into start: SalesSums = SalesSums()) -> SalesSums {
        var s = start
        for l in lines {
            let ok = s.add(category: l.category, orderedAt: l.seconds, orders: l.orders, returned: l.returned, gmvMinor: l.gmv,
                           currency: l.currency, decay: decay, sign: sign)
            #expect(ok)
        }
        return s
    }

    @Test("adding the same lines in any order gives equal sums; removing them all gives the empty sums")
    func orderIndependentAndSubtractable() {
        var rng = CoreSplitMix64(state: 13)
        for round in 0..<20 {
            let lines = randomLines(Int.random(in: 1...60, using: &rng), &rng)
            for decay in [decay90, decay60] {
                let forwards = sums(lines, decay: decay)
                let shuffled = sums(lines.shuffled(using: &rng), decay: decay)
                #expect(forwards.entries == shuffled.entries, "round \(round)")
                #expect(forwards == shuffled)
                #expect(!forwards.isEmpty || lines.allSatisfy { $0.orders - $0.returned <= 0 })
                // Interleaved adds and removes of a subset, then removing everything left.
                let half = Array(lines.shuffled(using: &rng).prefix(lines.count / 2))
                let back = sums(half, decay: decay, sign: -1, into: sums(half, decay: decay, into: forwards))
                #expect(back == forwards, "round \(round)")
                let emptied = sums(lines.shuffled(using: &rng), decay: decay, sign: -1, into: forwards)
                #expect(emptied.isEmpty && emptied.entries.isEmpty, "round \(round): \(emptied.entries)")
                // Removing before adding (a pending line taken off sums that never had it) and adding it back.
                let early = sums(lines, decay: decay, into: sums(lines, decay: decay, sign: -1))
                #expect(early.isEmpty, "round \(round)")
            }
        }
    }

    @Test("values at an instant are keptGMV/100 × rate × 2^(−age/halfLife), per category, to 1e-12")
    func valuesMatchTheFormula() {
        var rng = CoreSplitMix64(state: 7)
        let rates = ["USD": 1.0, "GBP": 1.27, "EUR": 1.08]
        for round in 0..<30 {
            let lines = randomLines(Int.random(in: 1...40, using: &rng), &rng)
            let instant = base + Int64.random(in: -500 * 86_400...500 * 86_400, using: &rng)
            for decay in [decay90, decay60] {
                let values = sums(lines, decay: decay).values(at: Date(timeIntervalSince1970: Double(instant)), decay: decay, rates: CurrencyRates(reference: "USD", rates: rates))
                var expected: [Int32: (value: Double, orders: Int)] = [:]
                for l in lines where l.orders > 0 && l.orders - l.returned > 0 {
                    let kept = Sale.keptGMV(gmvMinor: l.gmv, orders: l.orders, returnedOrders: l.returned)
                    let age = Double(instant - l.seconds) / 86_400
                    expected[l.category, default: (0, 0)].value += kept / 100 * rates[l.currency]! * exp2(-age / decay.halfLifeDays)
                    expected[l.category, default: (0, 0)].orders += l.orders - l.returned
                }
                #expect(values.map(\.category) == expected.keys.sorted(), "round \(round)")
                for v in values {
                    let e = expected[v.category]!
                    #expect(v.keptOrders == e.orders)
                    #expect(abs(v.value - e.value) <= 1e-12 * max(abs(e.value), 1e-300), "round \(round) category \(v.category): \(v.value) vs \(e.value)")
                }
            }
        }
    }

    @Test("sales in different eras (10 years apart, half-life 60 days) are kept apart and read correctly")
    func erasApart() throws {
        let day: Int64 = 86_400
        let era = Int64(decay60.eraSeconds)
        let early = base - 3_650 * day
        // One sale just before and one just after an era boundary, and one 10 years earlier.
        let boundary = (base / era + 1) * era
        let lines = [
            Line(category: 1, seconds: early, orders: 3, returned: 1, gmv: 90_000, currency: "USD"),
            Line(category: 1, seconds: boundary - 1, orders: 2, returned: 0, gmv: 40_000, currency: "GBP"),
            Line(category: 1, seconds: boundary, orders: 5, returned: 0, gmv: 70_000, currency: "GBP"),
        ]
        let s = sums(lines, decay: decay60)
        #expect(Set(s.entries.map(\.era)).count == 3, "\(s.entries)")
        let rates = ["USD": 1.0, "GBP": 1.27]
        for instant in [early, early + 30 * day, boundary - 1, boundary, boundary + 200 * day, base] {
            let values = s.values(at: Date(timeIntervalSince1970: Double(instant)), decay: decay60, rates: CurrencyRates(reference: "USD", rates: rates))
            var expected = 0.0
            for l in lines {
                let kept = Sale.keptGMV(gmvMinor: l.gmv, orders: l.orders, returnedOrders: l.returned)
                expected += kept / 100 * rates[l.currency]! * exp2(-Double(instant - l.seconds) / 86_400 / 60)
            }
            let value = try #require(values.first).value
            #expect(abs(value - expected) <= 1e-12 * expected, "at \(instant): \(value) vs \(expected)")
            #expect(values.first?.keptOrders == 9)
        }
    }

    @Test("the fast Int128 ↔ Double conversions equal the standard ones, at every width and sign")
    func fastConversions() {
        var rng = CoreSplitMix64(state: 2027)
        for width in 0...126 {
            for _ in 0..<200 {
                let bits = UInt128(rng.next()) << 64 | UInt128(rng.next())
                let magnitude = width == 0 ? 0 : bits >> (128 - width)
                for x in [Int128(magnitude), -Int128(magnitude)] {
                    #expect(Double(fast: x) == Double(x), "Int128 \(x)")
                }
            }
        }
        // Halfway cases: exactly between two doubles, with and without a lower bit set.
        for shift in 11...70 {
            let tie = (Int128(1) << 53 | 1) << shift
            #expect(Double(fast: tie) == Double(tie))
            #expect(Double(fast: tie + 1) == Double(tie + 1))
            #expect(Double(fast: -tie) == Double(-tie))
        }
        for _ in 0..<20_000 {
            let v = (Double(rng.next() >> 11) * exp2(Double(rng.next() % 120) - 52)).rounded()
            for x in [v, -v] { #expect(Int128(fastIntegral: x) == Int128(x), "Double \(x)") }
        }
    }

    @Test("an addition that would pass Int128 returns false and changes nothing")
    func overflowRefused() {
        let era = Int64(decay60.eraSeconds)
        // Just before an era ends a sale's amount is as large as it gets: 2^53 × ~2^32 × 2^40 ≈ 2^125.
        let late = (base / era + 1) * era - 1
        let maxGMV = EntityLimits.gmvMinor.upperBound
        var s = SalesSums()
        var added = 0
        while added < 16 {
            let before = s
            let ok = s.add(category: 2, orderedAt: late, orders: 1, returned: 0, gmvMinor: maxGMV, currency: "USD", decay: decay60)
            if !ok {
                #expect(s == before, "a refused addition changed the sums")
                break
            }
            added += 1
        }
        #expect(added >= 3 && added < 16, "\(added) maximal additions were accepted")
        // The same towards the bottom: removing from an empty sum.
        var negative = SalesSums()
        var removed = 0
        while removed < 16 {
            let before = negative
            if !negative.add(category: 2, orderedAt: late, orders: 1, returned: 0, gmvMinor: maxGMV, currency: "USD", decay: decay60, sign: -1) {
                #expect(negative == before)
                break
            }
            removed += 1
        }
        #expect(removed >= 3 && removed < 16)
        // A record's `settle` is all or nothing over its half-lives.
        let table = CategoryTable(Taxonomy([(CategoryPath("beauty"), "")]))
        let frame = ScoringFrame(settledThrough: Int64.max, decays: [decay90, decay60], table: table, policy: defaultPolicy)
        var record = ScoringRecord(creator: makeCreator(), violations: [], contentEvents: [], shipments: [], earlierAccountsOnDocument: nil, decays: 2)
        let line = SaleLine(category: "beauty", orderedAt: late, orders: 1, returned: 0, gmvMinor: maxGMV, currency: "USD")
        var settled = 0
        while settled < 16 {
            let before = record
            if !record.settle(line, frame: frame) {
                #expect(record == before, "a refused settle changed the record")
                break
            }
            settled += 1
        }
        #expect(settled >= 3 && settled < 16)
    }

    @Test("a creator's total from its settled key and its pending sales: within 10⁻¹² of the record's exact total when sales are added, 10⁻¹⁰ when taken away, never past 99 % taken away")
    func approximateTotalFromKeyAndPendingSales() throws {
        var rng = CoreSplitMix64(state: 29)
        let table = CategoryTable(Taxonomy([(CategoryPath("beauty"), ""), (CategoryPath("beauty/skincare"), ""), (CategoryPath("home"), ""),
                                            (CategoryPath("pets"), "")]))
        let paths = ["beauty", "beauty/skincare", "home", "pets", "not/in/taxonomy"]
        let frame = ScoringFrame(settledThrough: base, decays: [decay90, decay60], table: table, policy: defaultPolicy)
        let profile = ScoringProfile()
        let instant = Date(timeIntervalSince1970: Double(base + 20 * 86_400))
        func line(_ l: Line, after: Bool) -> SaleLine {
            SaleLine(category: CategoryPath(paths[Int(l.category) % paths.count]), orderedAt: after ? base + abs(l.seconds - base) % (20 * 86_400) + 1 : min(l.seconds, base),
                     orders: l.orders, returned: l.returned, gmvMinor: l.gmv, currency: l.currency)
        }
        var trusted = 0, refused = 0
        for round in 0..<300 {
            var record = ScoringRecord(creator: makeCreator(), violations: [], contentEvents: [], shipments: [], earlierAccountsOnDocument: nil, decays: 2)
            var settledLines: [SaleLine] = []
            for l in randomLines(Int.random(in: 0...30, using: &rng), &rng) {
                settledLines.append(line(l, after: false))
                let settled = record.settle(settledLines.last!, frame: frame)
                #expect(settled)
            }
            let pending = randomLines(Int.random(in: 0...8, using: &rng), &rng).map { PendingSale(line($0, after: true), sign: 1) }
            for decay in 0..<2 {
                var valued = profile
                valued.salesHalfLifeDays = frame.decays[decay].halfLifeDays
                let keyProfile = SalesKeyProfile(valued)
                let key = keyProfile.key(record.settledSales[decay], decay: frame.decays[decay])
                let exact = record.salesTotal(at: instant, pending: pending, frame: frame, decay: decay, profile: valued)
                let approximate = SalesKeyProfile.approximateTotal(key: key, pending: pending, at: instant, frame: frame, decay: decay, profile: valued)
                if exact == 0 {
                    #expect(approximate == nil, "round \(round): a zero total is not approximated (it may be read exactly)")
                } else {
                    let value = try #require(approximate, "round \(round)")
                    #expect(abs(value - exact) <= 1e-12 * exact, "round \(round): \(value) against \(exact)")
                    // A lifted creator's bound covers what its pending sales add to the key's approximation (lines of
                    // unknown categories included), and stays within 10⁻⁶ of it plus the per-line margins.
                    let bound = try #require(SalesKeyProfile.addedTotalBound(pending: pending, at: instant, decay: frame.decays[decay], rates: valued.currencyRates))
                    let added = value - SalesKeyProfile.approximateTotal(key: key, at: instant, decay: frame.decays[decay])
                    #expect(bound >= added, "round \(round): bound \(bound) below the addition \(added)")
                    let unknown = pending.filter { table.id($0.line.category) == nil }
                    let unknownBound = SalesKeyProfile.addedTotalBound(pending: unknown, at: instant, decay: frame.decays[decay], rates: valued.currencyRates)!
                    #expect(bound - unknownBound <= added * (1 + 1e-6) + 1e-9, "round \(round): bound \(bound) far above the addition \(added)")
                }
                #expect(SalesKeyProfile.addedTotalBound(pending: pending.map { PendingSale($0.line, sign: -1) }, at: instant, decay: frame.decays[decay],
                                                        rates: valued.currencyRates) == nil || pending.isEmpty)
                // An earlier instant takes settled sales away: some of them, or (every few rounds) all of them.
                let takenAway = settledLines.filter { _ in round % 5 == 0 || Bool.random(using: &rng) }.map { PendingSale($0, sign: -1) }
                let remaining = record.salesTotal(at: instant, pending: takenAway, frame: frame, decay: decay, profile: valued)
                let whole = record.salesTotal(at: instant, pending: [], frame: frame, decay: decay, profile: valued)
                if let value = SalesKeyProfile.approximateTotal(key: key, pending: takenAway, at: instant, frame: frame, decay: decay, profile: valued) {
                    trusted += 1
                    #expect(abs(value - remaining) <= 1e-10 * remaining, "round \(round): \(value) against \(remaining) of \(whole)")
                } else {
                    refused += 1
                    #expect(remaining < 0.011 * whole || remaining == 0, "round \(round): refused with \(remaining) of \(whole) left")
                }
            }
        }
        #expect(trusted > 100 && refused > 20, "both sides exercised: \(trusted) trusted, \(refused) refused")
    }

    // MARK: Binary form

    private func record(_ creator: Creator, rich: Bool) -> ScoringRecord {
        let t = Date(timeIntervalSince1970: Double(base))
        var r = ScoringRecord(
            creator: creator,
            violations: rich ? [
                Violation(id: "v2", creator: creator.id, kind: .evasionStitch, points: 40, at: t),
                Violation(id: "v1", creator: creator.id, kind: .spam, points: 3, at: t.addingTimeInterval(-86_400)),
            ] : [],
            contentEvents: rich ? [
                ContentEvent(id: "e1", creator: creator.id, content: "v-1", medium: .live, action: .published, at: t,
                             durationSeconds: 1_800, isPrivate: true, shoppable: false),
                ContentEvent(id: "e0", creator: creator.id, content: "v-0", medium: .video, action: .linkAdded, at: t.addingTimeInterval(-5)),
            ] : [],
            shipments: rich ? [Shipment(shippedAt: base, postedAt: nil), Shipment(shippedAt: base - 99, postedAt: base + 7)] : [],
            earlierAccountsOnDocument: rich ? 4 : (creator.identityDocument == nil ? nil : 0), decays: rich ? 3 : 1)
        if rich {
            let table = CategoryTable(Taxonomy([(CategoryPath("beauty"), ""), (CategoryPath("beauty/skincare"), ""), (CategoryPath("home"), "")]))
            let frame = ScoringFrame(settledThrough: base, decays: [decay90, decay60, SalesDecay(halfLifeDays: 7.5)], table: table, policy: defaultPolicy)
            let maxGMV = EntityLimits.gmvMinor.upperBound
            for (n, line) in [
                SaleLine(category: "beauty/skincare", orderedAt: base - 86_400, orders: 4, returned: 1, gmvMinor: 12_345, currency: "USD"),
                SaleLine(category: "home", orderedAt: base - 4_000 * 86_400, orders: 1, returned: 0, gmvMinor: maxGMV, currency: "GBP"),
                SaleLine(category: "beauty", orderedAt: base - 10, orders: 9, returned: 0, gmvMinor: maxGMV, currency: "EUR"),
                SaleLine(category: "beauty", orderedAt: base - 20, orders: 2, returned: 0, gmvMinor: 1, currency: "EUR"),
            ].enumerated() {
                let ok = r.settle(line, frame: frame, sign: n == 3 ? -1 : 1)
                #expect(ok)
            }
            r.keepPilotSale(Sale(id: "s2", creator: creator.id, shop: "sh1", campaign: "k1", category: "beauty", orderedAt: t,
                                 orders: 3, returnedOrders: 1, gmvMinor: 999, currency: "GBP"))
            r.keepPilotSale(Sale(id: "s1", creator: creator.id, shop: "sh1", category: "beauty/skincare", orderedAt: t, orders: 1, gmvMinor: 5))
        }
        return r
    }

    private func roundTrip(_ r: ScoringRecord) throws -> ScoringRecord {
        let bytes = r.encoded()
        return try bytes.withUnsafeBytes { try ScoringRecord(decoding: $0) }
    }

    @Test("encoded() then init(decoding:) gives the record back, every optional field set and unset")
    func roundTrips() throws {
        let t = Date(timeIntervalSince1970: Double(base))
        let full = Creator(
            id: "cr-full", handle: "hándle \u{1F600}", kind: .affiliate, followers: Int(Int32.max), region: "GB",
            birthDate: CalendarDay(year: 1990, month: 12, day: 31)!, registeredAt: t.addingTimeInterval(-86_400 * 400),
            ageConfirmedAt: t.addingTimeInterval(-86_400 * 399), identityVerified: true, identityDocument: "doc-ä",
            gpppa: true, ecommerceRevoked: true, linkedToSeriousViolator: true, policiesAccepted: false, boundShop: "sh-x",
            niches: ["beauty/skincare", "home"], pilotStartedAt: t.addingTimeInterval(-86_400 * 10), quizPassedAt: t)
        let bare = Creator(
            id: "cr-bare", handle: "b", kind: .standard, followers: 0, region: "US", birthDate: CalendarDay(year: 2001, month: 2, day: 3)!,
            registeredAt: Date(timeIntervalSince1970: -86_400 * 365), ageConfirmedAt: nil, identityVerified: false, identityDocument: nil,
            niches: [])
        for creator in [full, bare] {
            for rich in [true, false] {
                let r = record(creator, rich: rich)
                let back = try roundTrip(r)
                #expect(back == r, "\(creator.id) rich \(rich)")
                #expect(back.encoded() == r.encoded())
            }
        }
        // The sums survive with their negative and large amounts.
        let rich = record(full, rich: true)
        #expect(rich.settledSales.count == 3 && rich.settledSales.allSatisfy { $0.entries.count >= 2 })
        #expect(rich.settledSales[0].entries.contains { $0.amount > Int128(Int64.max) })
        #expect(try roundTrip(rich).settledSales == rich.settledSales)
    }

    @Test("truncated or garbage bytes throw ScoringRecordDamaged, never trap or decode")
    func damagedBytes() throws {
        let t = Date(timeIntervalSince1970: Double(base))
        let creator = makeCreator(registeredAt: t.addingTimeInterval(-86_400), ageConfirmedAt: t, pilotStartedAt: t)
        let bytes = record(creator, rich: true).encoded()
        for cut in 0..<bytes.count {
            let prefix = Array(bytes[..<cut])
            #expect(throws: ScoringRecordDamaged.self, "cut at \(cut)") { try prefix.withUnsafeBytes { try ScoringRecord(decoding: $0) } }
        }
        #expect(throws: ScoringRecordDamaged.self) { try (bytes + [0]).withUnsafeBytes { try ScoringRecord(decoding: $0) } }
        #expect(throws: ScoringRecordDamaged.self) { try [UInt8(0)].withUnsafeBytes { try ScoringRecord(decoding: $0) } }
        #expect(throws: ScoringRecordDamaged.self) { try [UInt8(2)].withUnsafeBytes { try ScoringRecord(decoding: $0) } }
        // Random garbage behind a valid version byte, and random single-byte corruptions: an error or, rarely, some
        // other record — but never a crash.
        var rng = CoreSplitMix64(state: 99)
        var threw = 0
        for _ in 0..<2_000 {
            var garbage = [ScoringRecord.formatVersion] + (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if Bool.random(using: &rng) {
                garbage = bytes
                garbage[Int.random(in: 1..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            do { _ = try garbage.withUnsafeBytes { try ScoringRecord(decoding: $0) } } catch is ScoringRecordDamaged { threw += 1 }
        }
        #expect(threw > 1_000)
    }
}
