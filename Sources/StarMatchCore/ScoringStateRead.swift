public import Foundation

/// A sales line outside a record's settled sums that an instant needs: added (`sign` 1) when validated at the
/// instant but not settled yet, taken away (−1) when settled but not validated yet at an earlier instant.
public struct PendingSale: Sendable, Equatable {
    public var line: SaleLine
    public var sign: Int

    public init(_ line: SaleLine, sign: Int) {
        self.line = line
        self.sign = sign
    }
}

extension ScoringPopulation {
    /// The population at `instant` from the creators' scoring records: each creator's standing is
    /// `Policy.standing` over the record's facts, its sales input the record's settled sums for the profile's
    /// half-life corrected by `pending` (C-VALIDATE at the instant) and read by `SalesSums.values`.
    /// - Parameters:
    ///   - records: one per creator, in creator id order.
    ///   - pending: by index into `records`.
    ///   - decay: the index of the profile's half-life in `frame.decays`.
    public init(records: [ScoringRecord], pending: [Int: [PendingSale]], frame: ScoringFrame, decay: Int,
                profile: ScoringProfile, policy: Policy, instant: Date) {
        let week = QuotaWeek(containing: instant, timeZone: policy.config.timeZone)
        let n = records.count
        // Each creator's standing and inputs depend on its record alone: slices of the records are read on every
        // core, each result written straight into its place (no copy of a million creators to join slices).
        let slices = n < 16_384 ? 1 : ProcessInfo.processInfo.activeProcessorCount
        var standings: [CreatorStanding] = []
        var inputs: [ScoringInputs] = []
        let creators = [Creator](unsafeUninitializedCapacity: n) { creatorsOut, creatorsCount in
            standings = [CreatorStanding](unsafeUninitializedCapacity: n) { standingsOut, standingsCount in
                inputs = [ScoringInputs](unsafeUninitializedCapacity: n) { inputsOut, inputsCount in
                    // Read in place (`enumerated()` copies each record: a retain of every string and array in it).
                    records.withUnsafeBufferPointer { records in
                        let places = PopulationPlaces(records: records, creators: creatorsOut, standings: standingsOut, inputs: inputsOut)
                        DispatchQueue.concurrentPerform(iterations: slices) { k in
                            for i in (n * k / slices)..<(n * (k + 1) / slices) {
                                let record = places.records.baseAddress! + i
                                let (standing, input) = record.pointee.scoring(at: instant, week: week, pending: pending[i] ?? [], frame: frame,
                                                                               decay: decay, profile: profile, policy: policy)
                                (places.creators.baseAddress! + i).initialize(to: record.pointee.creator)
                                (places.standings.baseAddress! + i).initialize(to: standing)
                                (places.inputs.baseAddress! + i).initialize(to: input)
                            }
                        }
                    }
                    inputsCount = n
                }
                standingsCount = n
            }
            creatorsCount = n
        }
        let reference = Scorer.salesReference(totals: inputs.map(\.totalSalesValue), percentile: profile.salesReferencePercentile)
        let scorer = Scorer(profile: profile, table: frame.table, policy: policy.config, salesReference: reference)
        self.init(instant: instant, policy: policy, scorer: scorer, creators: creators, standings: standings, inputs: inputs)
    }
}

/// Where the slices of `ScoringPopulation.init(records:…)` read and write: each slice its own indices.
private struct PopulationPlaces: @unchecked Sendable {
    let records: UnsafeBufferPointer<ScoringRecord>
    let creators: UnsafeMutableBufferPointer<Creator>
    let standings: UnsafeMutableBufferPointer<CreatorStanding>
    let inputs: UnsafeMutableBufferPointer<ScoringInputs>
}

extension ScoringRecord {
    /// The creator's standing at `instant`: `Policy.standing` over the record's facts, the kept orders of `pending`
    /// sales validated since the settled boundary earning too (H-POINTS; those before it that are not validated at the
    /// instant earn after it, so they change nothing).
    public func standing(at instant: Date, week: QuotaWeek, pending: [PendingSale], policy: Policy) -> CreatorStanding {
        var facts = facts
        for p in pending where p.sign > 0 {
            _ = Self.earn(p.line, sign: 1, policy: policy, into: &facts.earnings)
        }
        return policy.standing(of: creator, facts: facts, at: instant, week: week)
    }

    /// The creator's standing (`Policy.standing` over the record's facts) and scoring inputs at `instant`: its
    /// settled sales sums for the profile's half-life corrected by `pending` (C-VALIDATE at the instant), read
    /// by `SalesSums.values`; M-FULFIL from its shipped samples. The one way a record becomes scoring inputs.
    public func scoring(at instant: Date, week: QuotaWeek, pending: [PendingSale], frame: ScoringFrame, decay: Int,
                        profile: ScoringProfile, policy: Policy) -> (CreatorStanding, ScoringInputs) {
        let standing = standing(at: instant, week: week, pending: pending, policy: policy)
        let samples = fulfilment(at: instant, windowDays: policy.config.fulfilmentDays)
        let inputs = ScoringInputs(
            niches: creator.niches.compactMap(frame.table.id), chr: standing.chr, followers: creator.followers,
            sales: sales(at: instant, pending: pending, frame: frame, decay: decay, profile: profile),
            samplesShipped: samples.judged, samplesFulfilled: samples.fulfilled)
        return (standing, inputs)
    }

    /// `ScoringInputs.totalSalesValue` of `scoring(at:…)`'s inputs, without the standing: what the population's
    /// sales reference needs of a creator.
    public func salesTotal(at instant: Date, pending: [PendingSale], frame: ScoringFrame, decay: Int, profile: ScoringProfile) -> Double {
        ScoringInputs.total(of: sales(at: instant, pending: pending, frame: frame, decay: decay, profile: profile))
    }

    /// The sales input alone (`ScoringInputs.sales` of `scoring(at:…)`): what the population's sales reference
    /// needs of a creator, without its standing.
    public func sales(at instant: Date, pending: [PendingSale], frame: ScoringFrame, decay: Int,
                      profile: ScoringProfile) -> [ScoringInputs.CategorySales] {
        let halfLife = frame.decays[decay]
        var sums = settledSales[decay]
        for p in pending {
            guard let category = frame.table.id(p.line.category) else { continue }
            sums.add(category: category, orderedAt: p.line.orderedAt, orders: p.line.orders, returned: p.line.returned,
                     gmvMinor: p.line.gmvMinor, currency: p.line.currency, decay: halfLife, sign: p.sign)
        }
        return sums.values(at: instant, decay: halfLife, rates: profile.currencyRates)
    }
}

extension SalesKeyProfile {
    /// At least what `pending` sales (all adding) add to a creator's total at `instant` as
    /// `approximateTotal(key:pending:…)` adds them, without building their sums: the sum of each line's
    /// `addedLineBound` times 1 + 10⁻⁹. `nil` when a line is taken away.
    public static func addedTotalBound(pending: [PendingSale], at instant: Date, decay: SalesDecay, rates: CurrencyRates) -> Double? {
        var sum = 0.0
        for p in pending {
            guard p.sign > 0 else { return nil }
            sum += addedLineBound(p.line, at: instant.timeIntervalSince1970, decay: decay, rates: rates)
        }
        return addedTotalBound(lineBounds: sum)
    }

    /// `addedTotalBound` from the sum of its lines' `addedLineBound` (summed as they are read).
    public static func addedTotalBound(lineBounds sum: Double) -> Double { sum * (1 + 1e-9) }

    /// One line's part of `addedTotalBound` (Unix seconds `at`): its kept GMV decayed to the instant and valued in the
    /// reference currency, plus 10⁻¹² — a margin, with the sum's 10⁻⁹, above the sums' quantisation (2⁻⁴⁰ of a minor
    /// unit) and rounding. Lines of unknown categories or currencies count too (the total leaves them out), so the
    /// bound is only ever higher.
    public static func addedLineBound(_ line: SaleLine, at seconds: Double, decay: SalesDecay, rates: CurrencyRates) -> Double {
        guard line.orders > 0, line.orders - line.returned > 0 else { return 0 }
        let kept = Sale.keptGMV(gmvMinor: line.gmvMinor, orders: line.orders, returnedOrders: line.returned)
        return rates.referenceValue(minor: kept * exp2((Double(line.orderedAt) - seconds) / decay.halfLifeSeconds), currency: line.currency) + 1e-12
    }

    /// A creator's approximate sales total at `instant` without its record: its settled key's approximation
    /// (`approximateTotal(key:at:decay:)`, within 10⁻¹² of the settled part) plus what its `pending` sales add, less
    /// what they take away (each summed as `ScoringRecord.sales(at:…)` sums them, into empty sums). Added sales only
    /// raise the total, so its relative error stays the key's; taken-away sales (an instant before the settled
    /// boundary) may cancel, so the total is trusted only while at least 1 % of the settled part plus the added one
    /// remains: its relative error is then at most 100 × the key's, 10⁻¹⁰ — within the sales reference's tolerance
    /// (10⁻⁹, `Scorer.salesReference(positiveKeys:…)`).
    /// - Returns: `nil` when the approximation cannot be trusted — more than 99 % taken away, a sum that would
    ///   overflow, or the settled part or the total nearing underflow (below 10⁻²⁸⁰); the caller then reads the
    ///   record.
    public static func approximateTotal(key: Double, pending: [PendingSale], at instant: Date, frame: ScoringFrame, decay: Int,
                                        profile: ScoringProfile) -> Double? {
        let halfLife = frame.decays[decay]
        var added = SalesSums(), takenAway = SalesSums()
        for p in pending {
            guard let category = frame.table.id(p.line.category) else { continue }
            let ok = p.sign > 0
                ? added.add(category: category, orderedAt: p.line.orderedAt, orders: p.line.orders, returned: p.line.returned,
                            gmvMinor: p.line.gmvMinor, currency: p.line.currency, decay: halfLife, sign: 1)
                : takenAway.add(category: category, orderedAt: p.line.orderedAt, orders: p.line.orders, returned: p.line.returned,
                                gmvMinor: p.line.gmvMinor, currency: p.line.currency, decay: halfLife, sign: 1)
            guard ok else { return nil }
        }
        let settled = approximateTotal(key: key, at: instant, decay: halfLife)
        guard key == -.infinity || settled >= 1e-280 else { return nil }
        func value(_ sums: SalesSums) -> Double {
            sums.isEmpty ? 0 : ScoringInputs.total(of: sums.values(at: instant, decay: halfLife, rates: profile.currencyRates))
        }
        let gross = settled + value(added)
        let total = gross - value(takenAway)
        return total >= 1e-280 && total >= 0.01 * gross ? total : nil
    }
}
