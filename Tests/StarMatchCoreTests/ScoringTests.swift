import Foundation
import StarMatchCore
import Testing

// Tests of the scoring core (M-SCORE): the five components with pinned numbers, the sales accumulator
// (C-VALIDATE, half-life decay, returns, currencies), the population sales reference, `explain`, and
// scoring profiles on disk. The shared scoring fixtures below are used by ShortlistTests.swift too.

// MARK: - Scoring fixtures

/// A small taxonomy with two levels under three top-level categories.
let scoringTaxonomy = Taxonomy([
    ("beauty", "Beauty"), ("beauty/skincare", "Skincare"), ("beauty/makeup", "Makeup"),
    ("home", "Home"), ("home/kitchen", "Kitchen"),
    ("fashion", "Fashion"), ("fashion/shoes", "Shoes"),
])

let scoringTable = CategoryTable(scoringTaxonomy)

/// Every path of the test taxonomy.
let scoringPaths: [CategoryPath] = ["beauty", "beauty/skincare", "beauty/makeup", "home", "home/kitchen", "fashion", "fashion/shoes"]

/// The dense id of a test category; a path outside the taxonomy is a test bug.
func categoryID(_ path: CategoryPath, sourceLocation: SourceLocation = #_sourceLocation) -> Int32 {
    guard let id = scoringTable.id(path) else {
        Issue.record("category \(path) is not in the test taxonomy", sourceLocation: sourceLocation)
        return -1
    }
    return id
}

func scoringTarget(_ categories: CategoryPath...) -> CampaignTarget {
    CampaignTarget(categories, table: scoringTable)
}

func makeScorer(profile: ScoringProfile = ScoringProfile(), reference: Double = 10_000, config: PolicyConfig = PolicyConfig()) -> Scorer {
    Scorer(profile: profile, table: scoringTable, policy: config, salesReference: reference)
}

/// Sales lines at face value (USD): summed by a `SalesAccumulator` at `now` with no return window, each
/// line ordered at `now` itself, so nothing is held back and nothing decays. (`CategorySales` has no public
/// initialiser, so sales inputs are always built through the accumulator.)
func faceValueSales(_ lines: [(CategoryPath, Double)], profile: ScoringProfile = ScoringProfile(), sourceLocation: SourceLocation = #_sourceLocation) -> [ScoringInputs.CategorySales] {
    var accumulator = SalesAccumulator(at: now, returnWindowDays: 0, profile: profile)
    for (path, dollars) in lines {
        accumulator.add(category: categoryID(path, sourceLocation: sourceLocation), orderedAt: Int64(now.timeIntervalSince1970), orders: 1, returned: 0,
                        gmvMinor: Int64((dollars * 100).rounded()), currency: "USD")
    }
    return accumulator.result
}

func scoringInputs(
    niches: [CategoryPath], chr: Int = 200, followers: Int = 10_000, sales: [(CategoryPath, Double)] = [],
    shipped: Int = 0, fulfilled: Int = 0, sourceLocation: SourceLocation = #_sourceLocation
) -> ScoringInputs {
    ScoringInputs(niches: niches.map { categoryID($0, sourceLocation: sourceLocation) }, chr: chr, followers: followers,
                  sales: faceValueSales(sales, sourceLocation: sourceLocation), samplesShipped: shipped, samplesFulfilled: fulfilled)
}

/// The repository's `Scoring/` directory, from this file's path (Tests/StarMatchCoreTests/ScoringTests.swift).
let scoringDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scoring")

// MARK: - Components

@Suite("M-SCORE: score components")
struct ScoreComponentTests {
    let scorer = makeScorer()

    // MARK: Niche fit

    @Test("M-SCORE: niche fit — same category scores nicheExact")
    func nicheSame() {
        let fit = scorer.nicheFit([categoryID("beauty/skincare")], scoringTarget("beauty/skincare"))
        #expect(fit.value == 1)
        #expect(fit.niche == categoryID("beauty/skincare"))
        #expect(fit.category == categoryID("beauty/skincare"))
    }

    @Test("M-SCORE: niche fit — creator niche below the campaign category scores nicheExact")
    func nicheBelow() {
        #expect(scorer.nicheFit([categoryID("beauty/skincare")], scoringTarget("beauty")).value == 1)
        #expect(scorer.nicheFit([categoryID("home/kitchen")], scoringTarget("home")).value == 1)
    }

    @Test("M-SCORE: niche fit — campaign category below a broader creator niche scores nicheBroader (0.75)")
    func nicheBroader() {
        let fit = scorer.nicheFit([categoryID("beauty")], scoringTarget("beauty/skincare"))
        #expect(fit.value == 0.75)
        #expect(fit.niche == categoryID("beauty"))
        #expect(fit.category == categoryID("beauty/skincare"))
    }

    @Test("M-SCORE: niche fit — siblings beauty/skincare and beauty/makeup score nicheSharedParent (0.5)")
    func nicheSiblings() {
        #expect(scorer.nicheFit([categoryID("beauty/makeup")], scoringTarget("beauty/skincare")).value == 0.5)
        #expect(scorer.nicheFit([categoryID("beauty/skincare")], scoringTarget("beauty/makeup")).value == 0.5)
    }

    @Test("M-SCORE: niche fit — unrelated niches score 0 and name no pair", arguments: [
        (CategoryPath("home/kitchen"), CategoryPath("beauty/skincare")), ("home", "beauty"), ("fashion/shoes", "home/kitchen"),
        ("beauty", "fashion/shoes"),
    ])
    func nicheUnrelated(niche: CategoryPath, category: CategoryPath) {
        let fit = scorer.nicheFit([categoryID(niche)], scoringTarget(category))
        #expect(fit.value == 0)
        #expect(fit.niche == -1)
        #expect(fit.category == -1)
    }

    @Test("M-SCORE: niche fit — no niches, or a campaign without known categories, scores 0")
    func nicheEmpty() {
        #expect(scorer.nicheFit([], scoringTarget("beauty/skincare")).value == 0)
        #expect(scorer.nicheFit([categoryID("beauty")], scoringTarget("toys")).value == 0)
    }

    @Test("M-SCORE: niche fit — the best (niche, category) pair wins, whatever the order")
    func nicheBestPair() {
        // Pairs: kitchen×shoes 0, kitchen×skincare 0, makeup×skincare 0.5, beauty×skincare 0.75, beauty×shoes 0.
        let niches = [categoryID("home/kitchen"), categoryID("beauty/makeup"), categoryID("beauty")]
        let target = scoringTarget("fashion/shoes", "beauty/skincare")
        let fit = scorer.nicheFit(niches, target)
        #expect(fit.value == 0.75)
        #expect(fit.niche == categoryID("beauty"))
        #expect(fit.category == categoryID("beauty/skincare"))
        #expect(scorer.nicheFit(niches.reversed(), scoringTarget("beauty/skincare", "fashion/shoes")).value == 0.75)
        // An exact pair beats a broader one listed first.
        let exact = scorer.nicheFit([categoryID("beauty"), categoryID("fashion/shoes")], target)
        #expect(exact.value == 1)
        #expect(exact.niche == categoryID("fashion/shoes"))
        #expect(exact.category == categoryID("fashion/shoes"))
    }

    @Test("M-SCORE: niche credits come from the profile")
    func nicheCreditsFromProfile() {
        let profile = ScoringProfile(nicheExact: 0.9, nicheBroader: 0.6, nicheSharedParent: 0.3)
        let s = makeScorer(profile: profile)
        #expect(s.nicheFit([categoryID("beauty/skincare")], scoringTarget("beauty")).value == 0.9)
        #expect(s.nicheFit([categoryID("beauty")], scoringTarget("beauty/skincare")).value == 0.6)
        #expect(s.nicheFit([categoryID("beauty/makeup")], scoringTarget("beauty/skincare")).value == 0.3)
    }

    // MARK: Weighted sales

    @Test("M-SCORE: weighted sales — campaign categories count fully, others × salesOtherCategoryWeight")
    func weightedSales() {
        let sales = faceValueSales([("beauty/skincare", 1_000), ("beauty/makeup", 400), ("home/kitchen", 200)])
        let skincare = scorer.weightedSales(sales, scoringTarget("beauty/skincare"))
        // Sums are exact integers relative to an era's epoch (`SalesDecay`): read at an instant they are the
        // face values to within a few ulps.
        #expect(nearly(skincare.inCategory, 1_000))
        #expect(nearly(skincare.weighted, 1_000 + 600 * 0.25))
        #expect(nearly(skincare.weighted, 1_150))
        // A top-level campaign category takes in the sales of its children.
        let beauty = scorer.weightedSales(sales, scoringTarget("beauty"))
        #expect(nearly(beauty.inCategory, 1_400))
        #expect(nearly(beauty.weighted, 1_450))
        // Sales in a category above the campaign's are not "in" it.
        let broad = faceValueSales([("beauty", 800)])
        #expect(scorer.weightedSales(broad, scoringTarget("beauty/skincare")).inCategory == 0)
        #expect(nearly(scorer.weightedSales(broad, scoringTarget("beauty/skincare")).weighted, 200))
        // Another profile's weight.
        let half = makeScorer(profile: ScoringProfile(salesOtherCategoryWeight: 0.5))
        #expect(nearly(half.weightedSales(sales, scoringTarget("home")).weighted, 200 + 1_400 * 0.5))
    }

    // MARK: Sales component

    @Test("M-SCORE: sales component — the reference scores exactly 1, above it is capped at 1, 0 scores 0")
    func salesComponentScale() {
        #expect(scorer.salesReference == 10_000)
        #expect(scorer.salesComponent(10_000) == 1)
        #expect(scorer.salesComponent(10_001) == 1)
        #expect(scorer.salesComponent(50_000_000) == 1)
        #expect(scorer.salesComponent(0) == 0)
        #expect(scorer.salesComponent(-5) == 0)
        // Log scale: $100 against a $10,000 reference is log(101)/log(10001) ≈ 0.501, not 0.01.
        let hundred = scorer.salesComponent(100)
        #expect(hundred == log1p(100.0) / log1p(10_000.0))
        #expect(abs(hundred - 0.5010749033660212) < 1e-12)
        #expect(scorer.salesComponent(99) < hundred)
        #expect(scorer.salesComponent(9_999) < 1)
    }

    @Test("M-SCORE: sales component — a population without sales (reference 0) scores every creator 0")
    func salesComponentNoReference() {
        let s = makeScorer(reference: 0)
        #expect(s.salesComponent(0) == 0)
        #expect(s.salesComponent(1_000) == 0)
    }

    // MARK: Sales reference

    @Test("M-SCORE: sales reference — nearest rank of the positive totals; zeros ignored; none → 0")
    func salesReferencePercentile() {
        let totals: [Double] = [0, 0, 5, 1, 3, 2, 4, 0]
        // Positive values sorted: 1 2 3 4 5. Nearest rank: ⌈p·5⌉.
        #expect(Scorer.salesReference(totals: totals, percentile: 0.5) == 3)   // ⌈2.5⌉ = 3rd
        #expect(Scorer.salesReference(totals: totals, percentile: 0.6) == 3)   // ⌈3.0⌉ = 3rd
        #expect(Scorer.salesReference(totals: totals, percentile: 0.61) == 4)  // ⌈3.05⌉ = 4th
        #expect(Scorer.salesReference(totals: totals, percentile: 1) == 5)
        #expect(Scorer.salesReference(totals: totals, percentile: 0.01) == 1)
        #expect(Scorer.salesReference(totals: [], percentile: 0.99) == 0)
        #expect(Scorer.salesReference(totals: [0, 0, 0], percentile: 0.99) == 0)
        let hundred = (1...100).map(Double.init)
        #expect(Scorer.salesReference(totals: hundred, percentile: 0.99) == 99)
        #expect(Scorer.salesReference(totals: hundred, percentile: 0.5) == 50)
        #expect(Scorer.salesReference(totals: hundred.reversed(), percentile: 0.99) == 99)
        // Zeros do not dilute the percentile: 100 positives plus 900 zeros still give the 99th.
        #expect(Scorer.salesReference(totals: hundred + Array(repeating: 0, count: 900), percentile: 0.99) == 99)
    }

    @Test("M-SCORE: sales reference — nearest rank ⌈p·n⌉ is exact for every whole-percent p over 1…100")
    func salesReferenceExactRank() {
        // With n = 100 values 1…100 the nearest-rank p-th percentile is exactly 100·p. Percentiles such as
        // 0.07, 0.14, 0.28, 0.55, 0.56 are not exact in binary (0.07 × 100 = 7.000000000000001), and a
        // rank computed as ⌈p·n⌉ in floating point is then one too high.
        let hundred = (1...100).map(Double.init)
        var wrong: [String] = []
        for k in 1...100 {
            let p = Double(k) / 100
            let got = Scorer.salesReference(totals: hundred, percentile: p)
            if got != Double(k) { wrong.append("p=\(p): \(got) (expected \(k))") }
        }
        #expect(wrong.isEmpty, "off-by-one nearest rank: \(wrong.joined(separator: "; "))")
    }

    @Test("M-SCORE: sales reference — one giant with 1000× the sales barely moves a normal creator's sales component")
    func giantDoesNotFlatten() {
        // 100 creators selling $1,000, $2,000 … $100,000; the profile's 99th percentile is $99,000.
        let population = (1...100).map { Double($0) * 1_000 }
        let profile = ScoringProfile()
        #expect(profile.salesReferencePercentile == 0.99)
        let before = Scorer.salesReference(totals: population, percentile: profile.salesReferencePercentile)
        #expect(before == 99_000)
        // One giant joins with 1000× the best seller's sales: the reference moves to $100,000, not to $100M.
        let withGiant = population + [100_000 * 1_000]
        let after = Scorer.salesReference(totals: withGiant, percentile: profile.salesReferencePercentile)
        #expect(after == 100_000)
        let normal = 10_000.0
        let componentBefore = makeScorer(profile: profile, reference: before).salesComponent(normal)
        let componentAfter = makeScorer(profile: profile, reference: after).salesComponent(normal)
        #expect(abs(componentBefore - 0.8007069689693681) < 1e-12)
        #expect(abs(componentAfter - 0.8000079905807354) < 1e-12)
        #expect(abs(componentBefore - componentAfter) < 0.001)
        // Contrast: had the maximum been the reference, the giant would have flattened the normal creator.
        let maxReference = Scorer.salesReference(totals: withGiant, percentile: 1)
        #expect(maxReference == 100_000_000)
        let flattened = makeScorer(profile: profile, reference: maxReference).salesComponent(normal)
        #expect(componentBefore - flattened > 0.25)
    }

    // MARK: Health

    @Test("H-SCORE: health — 0 at or below the H-FLOOR CHR 150, 0.5 at 200, 1 at healthTop, linear between, clamped", arguments: [
        (0, 0.0), (100, 0.0), (149, 0.0), (150, 0.0), (175, 0.25), (200, 0.5), (600, 0.75), (1_000, 1.0), (1_200, 1.0),
    ])
    func health(chr: Int, expected: Double) {
        #expect(scorer.healthComponent(chr) == expected)
    }

    @Test("H-SCORE: health — one CHR point above the floor scores 0.01; the floor, good standing and top follow config and profile")
    func healthScale() {
        #expect(scorer.healthComponent(151) == 0.01)
        #expect(scorer.healthComponent(199) == 0.49)
        var config = PolicyConfig()
        config.chrFloor = 100
        config.chrGoodStanding = 300
        let s = makeScorer(profile: ScoringProfile(healthTop: 400), config: config)
        #expect(s.healthComponent(100) == 0)
        #expect(s.healthComponent(200) == 0.25)
        #expect(s.healthComponent(300) == 0.5)
        #expect(s.healthComponent(350) == 0.75)
        #expect(s.healthComponent(400) == 1)
        #expect(s.healthComponent(999) == 1)
    }

    // MARK: Audience

    @Test("M-SCORE: audience — followers on a log scale, 1 at audienceFullAtFollowers, clamped")
    func audience() {
        #expect(scorer.audienceComponent(0) == 0)
        #expect(scorer.audienceComponent(-10) == 0)
        #expect(scorer.audienceComponent(10_000_000) == 1)
        #expect(scorer.audienceComponent(90_000_000) == 1)
        // 999 followers: log10(1000) / log10(10,000,001) ≈ 3/7.
        #expect(abs(scorer.audienceComponent(999) - 0.42857142591248293) < 1e-12)
        #expect(scorer.audienceComponent(999) < scorer.audienceComponent(1_000))
        // With a full audience at 99 followers, 9 followers is exactly half way on the log scale.
        let small = makeScorer(profile: ScoringProfile(audienceFullAtFollowers: 99))
        #expect(small.audienceComponent(9) == 0.5)
        #expect(small.audienceComponent(99) == 1)
    }

    // MARK: Fulfilment

    @Test("M-FULFIL: fulfilment — no samples gives the neutral prior 0.5; data moves it", arguments: [
        (0, 0, 0.5), (4, 4, 0.75), (4, 0, 0.25), (4, 2, 0.5), (96, 96, 0.98), (96, 0, 0.02),
    ])
    func fulfilment(shipped: Int, fulfilled: Int, expected: Double) {
        // (fulfilled + 0.5 × 4) / (shipped + 4)
        #expect(scorer.fulfilmentComponent(shipped: shipped, fulfilled: fulfilled) == expected)
    }

    @Test("M-FULFIL: fulfilment — without a prior weight, no samples still gives the prior and data is taken as is")
    func fulfilmentNoPriorWeight() {
        let s = makeScorer(profile: ScoringProfile(fulfilmentPrior: 0.3, fulfilmentPriorWeight: 0))
        #expect(s.fulfilmentComponent(shipped: 0, fulfilled: 0) == 0.3)
        #expect(s.fulfilmentComponent(shipped: 10, fulfilled: 5) == 0.5)
    }
}

// MARK: - Sales accumulator

@Suite("C-VALIDATE: sales accumulator")
struct SalesAccumulatorTests {
    let skincare = categoryID("beauty/skincare")
    let window = PolicyConfig().returnWindowDays

    func line(_ acc: inout SalesAccumulator, daysAgo: Double, orders: Int = 10, returned: Int = 0, gmvMinor: Int64 = 10_000, currency: String = "USD", category: Int32? = nil) {
        acc.add(category: category ?? skincare, orderedAt: Int64((now.timeIntervalSince1970 - daysAgo * 86_400).rounded(.down)), orders: orders, returned: returned, gmvMinor: gmvMinor, currency: currency)
    }

    @Test("M-SCORE: a sale exactly one half-life old counts half, two half-lives a quarter", arguments: [90.0, 60.0, 45.5])
    func halfLife(halfLife: Double) throws {
        let profile = ScoringProfile(salesHalfLifeDays: halfLife)
        var acc = SalesAccumulator(at: now, returnWindowDays: window, profile: profile)
        line(&acc, daysAgo: profile.salesHalfLifeDays)  // $100
        let one = try #require(acc.result.first)
        #expect(nearly(one.value, 50))
        #expect(one.keptOrders == 10)
        var two = SalesAccumulator(at: now, returnWindowDays: window, profile: profile)
        line(&two, daysAgo: 2 * profile.salesHalfLifeDays)
        #expect(nearly(try #require(two.result.first?.value), 25))
    }

    @Test("C-VALIDATE: a sale inside the 30-day return window counts nothing; one exactly at the edge counts")
    func returnWindow() throws {
        #expect(window == 30)
        let profile = ScoringProfile()
        var inside = SalesAccumulator(at: now, returnWindowDays: window, profile: profile)
        line(&inside, daysAgo: 29)
        line(&inside, daysAgo: 30 - 1.0 / 86_400)  // one second before the window closes
        line(&inside, daysAgo: 0)
        line(&inside, daysAgo: -3)  // in the future
        #expect(inside.result.isEmpty)
        #expect(inside.result.reduce(0) { $0 + $1.value } == 0)

        var edge = SalesAccumulator(at: now, returnWindowDays: window, profile: profile)
        line(&edge, daysAgo: 30)
        let counted = try #require(edge.result.first)
        #expect(nearly(counted.value, 100 * exp2(-30.0 / 90.0)))
        #expect(abs(counted.value - 79.37005259840998) < 1e-9)
        #expect(counted.keptOrders == 10)
    }

    @Test("C-VALIDATE: the accumulator counts a sale exactly when Sale.isValidated says so")
    func agreesWithSaleValidation() {
        let profile = ScoringProfile()
        for daysAgo in [-1.0, 0, 1, 29, 29.999, 30, 30.001, 31, 365] {
            let s = Sale(id: "s1", creator: "c1", shop: "sh1", category: "beauty/skincare",
                         orderedAt: now.addingTimeInterval(-daysAgo * 86_400), orders: 3, gmvMinor: 3_000)
            var acc = SalesAccumulator(at: now, returnWindowDays: window, profile: profile)
            acc.add(s, table: scoringTable)
            #expect(!acc.result.isEmpty == s.isValidated(at: now, returnWindowDays: window), "\(daysAgo) days ago")
        }
    }

    @Test("C-VALIDATE: returned orders are removed pro rata; a fully returned line counts nothing")
    func returns() throws {
        var acc = SalesAccumulator(at: now, returnWindowDays: 0, profile: ScoringProfile())
        line(&acc, daysAgo: 0, orders: 10, returned: 4, gmvMinor: 100_000)  // $1,000, 4 of 10 returned
        let kept = try #require(acc.result.first)
        #expect(kept.value == 600)
        #expect(kept.keptOrders == 6)

        var all = SalesAccumulator(at: now, returnWindowDays: 0, profile: ScoringProfile())
        line(&all, daysAgo: 0, orders: 5, returned: 5, gmvMinor: 50_000)
        line(&all, daysAgo: 0, orders: 0, returned: 0, gmvMinor: 0)
        #expect(all.result.isEmpty)
    }

    @Test("C-CURRENCY: GMV is converted by the policy's rates, each currency by its ISO 4217 minor unit")
    func currencies() throws {
        func value(_ currency: String, profile: ScoringProfile = ScoringProfile()) -> Double {
            var acc = SalesAccumulator(at: now, returnWindowDays: 0, profile: profile)
            line(&acc, daysAgo: 0, gmvMinor: 10_000, currency: currency)  // 100.00 units
            return acc.result.reduce(0) { $0 + $1.value }
        }
        #expect(value("USD") == 100)
        #expect(value("GBP") == 127)
        #expect(value("EUR") == 108)
        #expect(value("JPY") == 0)
        #expect(value("usd") == 0)
        // JPY has no minor unit: 10,000 is ¥10,000, not ¥100.00; KWD has 3 decimals: 10,000 is KWD 10.000.
        let wide = ScoringProfile(currencyRates: CurrencyRates(reference: "USD", rates: ["USD": 1, "JPY": 0.0067, "KWD": 3.25]))
        #expect(value("JPY", profile: wide) == 10_000 * 0.0067)
        #expect(value("KWD", profile: wide) == 10 * 3.25)
        #expect(value("USD", profile: wide) == 100)
    }

    @Test("M-SCORE: lines sum per category, sorted by category id; a category outside the table is skipped")
    func perCategory() {
        var acc = SalesAccumulator(at: now, returnWindowDays: 0, profile: ScoringProfile())
        let kitchen = categoryID("home/kitchen")
        line(&acc, daysAgo: 0, orders: 2, gmvMinor: 2_000, category: kitchen)
        line(&acc, daysAgo: 0, orders: 1, gmvMinor: 500)
        line(&acc, daysAgo: 0, orders: 3, gmvMinor: 1_500)
        line(&acc, daysAgo: 0, orders: 1, gmvMinor: 700, category: kitchen)
        acc.add(Sale(id: "s9", creator: "c1", shop: "sh1", category: "toys", orderedAt: now, orders: 9, gmvMinor: 99_999), table: scoringTable)
        let result = acc.result
        #expect(result.map(\.category) == [skincare, kitchen].sorted())
        #expect(result.first { $0.category == skincare }?.value == 20)
        #expect(result.first { $0.category == skincare }?.keptOrders == 4)
        #expect(result.first { $0.category == kitchen }?.value == 27)
        #expect(result.first { $0.category == kitchen }?.keptOrders == 3)
        let inputs = ScoringInputs(niches: [], chr: 200, followers: 0, sales: result)
        #expect(inputs.totalSalesValue == 47)
    }
}

// MARK: - Explanations

@Suite("M-SCORE: explanations")
struct ExplainTests {
    let scorer = makeScorer()

    /// Inputs over every niche relation, sales mix, CHR, audience and fulfilment case.
    var samples: [(ScoringInputs, CampaignTarget)] {
        var out: [(ScoringInputs, CampaignTarget)] = [
            (scoringInputs(niches: ["beauty/skincare"], sales: [("beauty/skincare", 2_500)]), scoringTarget("beauty/skincare")),
            (scoringInputs(niches: ["beauty"], chr: 700, followers: 250_000, sales: [("beauty/makeup", 40_000)], shipped: 5, fulfilled: 3), scoringTarget("beauty/skincare")),
            (scoringInputs(niches: ["beauty/makeup"], chr: 151, followers: 1_000), scoringTarget("beauty/skincare")),
            (scoringInputs(niches: ["home/kitchen"], chr: 1_000, followers: 10_000_000, sales: [("home/kitchen", 99)]), scoringTarget("beauty/skincare", "fashion")),
            (scoringInputs(niches: [], chr: 150, followers: 0), scoringTarget("home")),
        ]
        var dice = Dice(seed: 77)
        for _ in 0..<300 {
            let niches = (0..<dice.int(0...3)).map { _ in dice.pick(scoringPaths) }
            let sales = (0..<dice.int(0...3)).map { _ in (dice.pick(scoringPaths), Double(dice.int(0...200_000)) / 7) }
            let shipped = dice.int(0...12)
            let inputs = scoringInputs(niches: niches, chr: dice.int(0...1_000), followers: dice.int(0...20_000_000), sales: sales,
                                       shipped: shipped, fulfilled: dice.int(0...shipped))
            out.append((inputs, CampaignTarget((0..<dice.int(1...2)).map { _ in dice.pick(scoringPaths) }, table: scoringTable)))
        }
        return out
    }

    @Test("M-SCORE: explain names the components niche, sales, health, audience, fulfilment, in that order")
    func componentOrder() {
        let b = scorer.explain(scoringInputs(niches: ["beauty/skincare"]), scoringTarget("beauty/skincare"))
        #expect(b.components.map(\.name) == ["niche", "sales", "health", "audience", "fulfilment"])
    }

    @Test("M-SCORE: weights are the profile's weights as shares summing to 1")
    func weightShares() {
        for profile in [ScoringProfile(), ScoringProfile(weights: .init(niche: 3, sales: 2, health: 1, audience: 1, fulfilment: 1)),
                        ScoringProfile(weights: .init(niche: 0, sales: 5, health: 0, audience: 0, fulfilment: 0))] {
            let b = makeScorer(profile: profile).explain(scoringInputs(niches: ["beauty"]), scoringTarget("beauty"))
            let w = profile.weights
            #expect(b.components.map(\.weight) == [w.niche, w.sales, w.health, w.audience, w.fulfilment].map { $0 / w.sum })
            #expect(abs(b.components.reduce(0) { $0 + $1.weight } - 1) < 1e-12)
            #expect(b.components.allSatisfy { (0...1).contains($0.weight) })
        }
        let eighths = makeScorer(profile: ScoringProfile(weights: .init(niche: 3, sales: 2, health: 1, audience: 1, fulfilment: 1)))
            .explain(scoringInputs(niches: ["beauty"]), scoringTarget("beauty"))
        #expect(eighths.components.map(\.weight) == [0.375, 0.25, 0.125, 0.125, 0.125])
    }

    @Test("M-SCORE: each component's value is the component function's, and contribution is value × weight")
    func componentValues() {
        for (inputs, target) in samples {
            let b = scorer.explain(inputs, target)
            let values = b.components.map(\.value)
            #expect(values == [
                scorer.nicheFit(inputs.niches, target).value,
                scorer.salesComponent(scorer.weightedSales(inputs.sales, target).weighted),
                scorer.healthComponent(inputs.chr),
                scorer.audienceComponent(inputs.followers),
                scorer.fulfilmentComponent(shipped: inputs.samplesShipped, fulfilled: inputs.samplesFulfilled),
            ])
            #expect(b.components.allSatisfy { $0.contribution == $0.value * $0.weight })
            #expect(b.components.allSatisfy { (0...1).contains($0.value) })
        }
    }

    @Test("M-SCORE: the total equals score() exactly, with and without the precomputed fixed part")
    func totalEqualsScore() {
        for (inputs, target) in samples {
            let total = scorer.explain(inputs, target).total
            #expect(total == scorer.score(inputs, target))
            #expect(total == scorer.score(inputs, target, fixed: scorer.fixedComponents(inputs)))
        }
    }

    @Test("M-SCORE: the contributions, added up in the order shown, give exactly the total")
    func contributionsSumToTotal() {
        // A reader (or a client) adds the parts it is shown, first to last; the documented promise is that
        // they sum to the total, so the sum must be == the total, not merely close to it.
        var mismatches: [String] = []
        for (inputs, target) in samples {
            let b = scorer.explain(inputs, target)
            let sum = b.components.reduce(0.0) { $0 + $1.contribution }
            if sum != b.total {
                mismatches.append("contributions \(b.components.map(\.contribution)) sum to \(sum), total \(b.total) (niches \(inputs.niches), chr \(inputs.chr), followers \(inputs.followers), samples \(inputs.samplesFulfilled)/\(inputs.samplesShipped))")
            }
        }
        let mismatched = mismatches.count
        #expect(mismatched == 0, "\(mismatched) of \(samples.count) breakdowns do not add up exactly; first: \(mismatches.first ?? "")")
    }

    @Test("M-SCORE: the niche input names the relation: within, broader than, shares a parent with, unrelated, none")
    func nicheTexts() {
        func text(_ niches: [CategoryPath], _ target: CampaignTarget) -> String {
            scorer.explain(scoringInputs(niches: niches), target).components[0].input
        }
        #expect(text(["beauty/skincare"], scoringTarget("beauty/skincare")) == "niche beauty/skincare within beauty/skincare")
        #expect(text(["beauty/skincare"], scoringTarget("beauty")) == "niche beauty/skincare within beauty")
        #expect(text(["beauty"], scoringTarget("beauty/skincare")) == "niche beauty broader than beauty/skincare")
        #expect(text(["beauty/makeup"], scoringTarget("beauty/skincare")) == "niche beauty/makeup shares a parent with beauty/skincare")
        let unrelated = text(["home/kitchen", "fashion"], scoringTarget("beauty/skincare"))
        #expect(unrelated.contains("home/kitchen"))
        #expect(unrelated.contains("fashion"))
        #expect(unrelated.contains("unrelated"))
        #expect(text([], scoringTarget("beauty")) == "no niches")
    }

    @Test("M-SCORE: the other inputs name CHR, followers, sales and samples")
    func otherTexts() {
        let b = scorer.explain(scoringInputs(niches: ["beauty"], chr: 420, followers: 12_345, sales: [("beauty/skincare", 1_234)], shipped: 4, fulfilled: 3),
                               scoringTarget("beauty/skincare"))
        #expect(b.components[1].input.contains("USD 1,234"))
        #expect(b.components[1].input.contains("1 kept orders"))
        #expect(b.components[2].input.contains("CHR 420"))
        #expect(b.components[2].input.contains("150"))
        #expect(b.components[3].input.contains("12,345 followers"))
        #expect(b.components[4].input.contains("3 of 4 samples"))
        let fresh = scorer.explain(scoringInputs(niches: ["beauty"]), scoringTarget("beauty"))
        #expect(fresh.components[4].input.contains("no samples yet"))
        #expect(fresh.components[4].value == 0.5)
    }
}

// MARK: - Profiles

@Suite("M-SCORE: scoring profiles")
struct ScoringProfileTests {
    func file(_ name: String) throws -> Data {
        try Data(contentsOf: scoringDirectory.appendingPathComponent(name))
    }

    /// `Scoring/default.json` as a mutable dictionary.
    func defaultObject() throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: file("default.json")) as? [String: Any])
    }

    func loadError(_ object: [String: Any]) throws -> ConfigError? {
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try ScoringProfile.load(json: data, source: "test.json", currencies: .standard)
            return nil
        } catch {
            return error
        }
    }

    @Test("M-SCORE: Scoring/default.json loads and has the documented defaults")
    func defaultFile() throws {
        let profile = try ScoringProfile.load(json: file("default.json"), source: "default.json", currencies: .standard)
        let builtIn = ScoringProfile()
        #expect(profile.name == "default")
        #expect(profile.weights == builtIn.weights)
        #expect(profile.nicheExact == 1)
        #expect(profile.nicheBroader == 0.75)
        #expect(profile.nicheSharedParent == 0.5)
        #expect(profile.salesHalfLifeDays == 90)
        #expect(profile.salesOtherCategoryWeight == 0.25)
        #expect(profile.salesReferencePercentile == 0.99)
        #expect(profile.currencyRates == .standard)
        #expect(profile.healthTop == 1_000)
        #expect(profile.fulfilmentPrior == 0.5)
    }

    @Test("M-SCORE: Scoring/sales-first.json loads and weighs sales most")
    func salesFirstFile() throws {
        let profile = try ScoringProfile.load(json: file("sales-first.json"), source: "sales-first.json", currencies: .standard)
        #expect(profile.name == "sales-first")
        let w = profile.weights
        #expect(w.sales == 0.5)
        #expect(w.sales > w.niche && w.sales > w.health && w.sales > w.audience && w.sales > w.fulfilment)
    }

    @Test("M-SCORE: every profile in Scoring/ (other than policy.json) loads")
    func everyProfileLoads() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: scoringDirectory.path)
            .filter { $0.hasSuffix(".json") && $0 != "policy.json" }
        #expect(names.contains("default.json"))
        #expect(names.contains("sales-first.json"))
        for name in names {
            #expect(throws: Never.self, "\(name)") { _ = try ScoringProfile.load(json: file(name), source: name, currencies: .standard) }
        }
    }

    @Test("M-SCORE: a negative weight is refused, naming its key", arguments: ["niche", "sales", "health", "audience", "fulfilment"])
    func negativeWeight(key: String) throws {
        var object = try defaultObject()
        var weights = try #require(object["weights"] as? [String: Any])
        weights[key] = -0.1
        object["weights"] = weights
        let error = try #require(try loadError(object))
        #expect(error.key == "weights.\(key)")
        #expect(error.source == "test.json")
        #expect(error.reason.contains("-0.1"))
    }

    @Test("M-SCORE: all-zero weights are refused")
    func zeroWeights() throws {
        var object = try defaultObject()
        object["weights"] = ["niche": 0, "sales": 0, "health": 0, "audience": 0, "fulfilment": 0]
        let error = try #require(try loadError(object))
        #expect(error.key == "weights")
        #expect(error.reason.contains("zero"))
        // One positive weight is enough.
        object["weights"] = ["niche": 0, "sales": 0, "health": 0, "audience": 0, "fulfilment": 0.1]
        #expect(try loadError(object) == nil)
    }

    @Test("M-SCORE: a missing key is refused, naming it", arguments: ["nicheBroader", "salesHalfLifeDays", "weights"])
    func missingKey(key: String) throws {
        var object = try defaultObject()
        object.removeValue(forKey: key)
        let error = try #require(try loadError(object))
        #expect(error.key == key)
        #expect(error.reason == "missing")
    }

    @Test("M-SCORE: a missing weight is refused, naming weights.KEY")
    func missingWeight() throws {
        var object = try defaultObject()
        var weights = try #require(object["weights"] as? [String: Any])
        weights.removeValue(forKey: "sales")
        object["weights"] = weights
        let error = try #require(try loadError(object))
        #expect(error.key == "weights.sales")
        #expect(error.reason == "missing")
    }

    @Test("M-SCORE: the description is optional")
    func descriptionOptional() throws {
        var object = try defaultObject()
        object.removeValue(forKey: "description")
        #expect(try loadError(object) == nil)
    }

    @Test("M-SCORE: out-of-range values are refused, naming the key", arguments: [
        ("nicheExact", 1.5), ("nicheSharedParent", -0.1), ("salesOtherCategoryWeight", 2.0), ("salesHalfLifeDays", 0.0),
        ("salesReferencePercentile", 0.0), ("salesReferencePercentile", 1.01), ("healthTop", 0.0), ("audienceFullAtFollowers", 9.0),
        ("fulfilmentPriorWeight", -1.0), ("minimumScore", 1.5), ("candidatesPerCampaign", 0.0),
    ])
    func outOfRange(key: String, value: Double) throws {
        var object = try defaultObject()
        object[key] = key == "candidatesPerCampaign" ? Int(value) as Any : value as Any
        let error = try #require(try loadError(object))
        #expect(error.key == key)
    }

    @Test("C-CURRENCY: a profile cannot set its own currency rates (one set in the policy for every profile)")
    func ratesNotInProfile() throws {
        var object = try defaultObject()
        object["currencyRates"] = ["USD": 1, "GBP": 1.3]
        let error = try #require(try loadError(object))
        #expect(error.key == "currencyRates")
        #expect(error.reason.contains("C-CURRENCY") && error.reason.contains("policy"))
    }

    @Test("M-SCORE: validate() refuses a negative weight built in code, naming weights.KEY")
    func validateInCode() {
        let profile = ScoringProfile(weights: .init(niche: 0.3, sales: 0.3, health: -0.2, audience: 0.1, fulfilment: 0.1))
        #expect(throws: ConfigError(source: "code", key: "weights.health", reason: "must be a non-negative number, got -0.2")) {
            try profile.validate(source: "code")
        }
        #expect(throws: Never.self) { try ScoringProfile().validate() }
    }
}

// MARK: - Seeded dice

/// Seeded choices over SplitMix64, for generated inputs that depend only on the seed.
struct Dice {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    /// Uniform in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { rng.unit() <= p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}

/// Equal to within 1e-12 of the expected value: sales sums are quantised exact integers (`SalesDecay`), read at
/// an instant by one multiplication, so values land within a few ulps of the face value.
func nearly(_ value: Double, _ expected: Double) -> Bool {
    abs(value - expected) <= 1e-12 * max(1, abs(expected))
}

@Suite("JSON rounding: contributions add up to the rounded score")
struct RoundedContributionTests {
    @Test("largest remainder: six-decimal contributions sum to the six-decimal total, each within 10⁻⁶ of its exact value")
    func contributionsAddUp() {
        var state: UInt64 = 42
        func unit() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var uneven = 0
        for _ in 0..<2_000 {
            let weights = (0..<5).map { _ in unit() }
            let sum = weights.reduce(0, +)
            let components = weights.map { w in
                ComponentScore(name: "c", input: "", value: unit(), weight: w / sum, contribution: 0)
            }.map { c in var c = c; c.contribution = c.value * c.weight; return c }
            let total = components.reduce(0) { $0 + $1.contribution }
            let breakdown = ScoreBreakdown(total: total, components: components)
            let shown = breakdown.roundedContributions
            let plain = components.map { rounded($0.contribution) }
            if abs(plain.reduce(0, +) - rounded(total)) > 1e-9 { uneven += 1 }
            #expect(abs(shown.reduce(0, +) - rounded(total)) < 1e-9)
            for (s, c) in zip(shown, components) { #expect(abs(s - c.contribution) < 1e-6) }
        }
        // The case the rule is for: plain rounding is off in a good share of random scores.
        #expect(uneven > 100)
    }
}
