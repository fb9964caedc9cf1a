public import Foundation

/// SplitMix64: a small, fast, seedable generator, so generated data depends only on the seed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in (0, 1].
    public mutating func unit() -> Double { (Double(next() >> 11) + 1) / 9_007_199_254_740_992.0 }
}

/// Seeded synthetic data in the import format (rows of strings in `ImportKind.columns` order) with
/// realistic shapes: power-law followers and GMV, Zipf niche and shop popularity. Rows are emitted one at a
/// time, so any size can be written with constant memory.
public struct SyntheticData: Sendable {
    public var creators: Int
    public var shops: Int
    public var campaigns: Int
    public var salesPerCreator: Double
    public var seed: UInt64
    /// Sales go back a year from here; campaigns run around it.
    public var reference: Date
    public var leaves: [CategoryPath]

    public init(creators: Int, shops: Int, campaigns: Int, salesPerCreator: Double = 10, seed: UInt64, reference: Date, leaves: [CategoryPath]) {
        self.creators = creators
        self.shops = shops
        self.campaigns = campaigns
        self.salesPerCreator = salesPerCreator
        self.seed = seed
        self.reference = reference
        self.leaves = leaves
    }

    static func id(_ prefix: String, _ n: Int, width: Int) -> String {
        let digits = String(n)
        return prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Cumulative Zipf weights (exponent `s`) for `count` ranks.
    static func zipf(_ count: Int, s: Double = 1.0) -> [Double] {
        var total = 0.0
        var cumulative: [Double] = []
        cumulative.reserveCapacity(count)
        for rank in 1...max(1, count) {
            total += 1 / pow(Double(rank), s)
            cumulative.append(total)
        }
        return cumulative.map { $0 / total }
    }

    static func pick(_ cumulative: [Double], _ u: Double) -> Int {
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// A generated product: what sales lines and campaigns naming it must agree with.
    struct GeneratedProduct { let id: String; let category: String; let priceMinor: Int64 }

    /// Emits every row: shops and their products, creators with their sales, content events and violations, then
    /// campaigns. Products draw from a stream of their own, so adding them left every other column as it was for a
    /// seed.
    public func generate(_ emit: (ImportKind, [String]) throws -> Void) rethrows {
        var rng = SplitMix64(seed: seed)
        var productRNG = SplitMix64(seed: seed ^ 0x5052_4F44_5543_5453)  // "PRODUCTS"
        let ref = reference.timeIntervalSince1970
        let day = 86_400.0
        let nicheWeights = Self.zipf(leaves.count)
        let shopWeights = Self.zipf(shops, s: 0.8)
        let idWidth = max(6, String(creators).count)
        func ts(_ t: Double) -> String { Timestamp.format(Date(timeIntervalSince1970: t.rounded(.down))) }
        func leaf(_ rng: inout SplitMix64) -> CategoryPath { leaves[Self.pick(nicheWeights, rng.unit())] }

        var shopCategories: [[CategoryPath]] = []
        var shopRegions: [String] = []
        for n in 1...max(1, shops) where shops > 0 {
            let count = 1 + Int(rng.unit() * 3)
            var cats: [CategoryPath] = []
            while cats.count < count { let c = leaf(&rng); if !cats.contains(c) { cats.append(c) } }
            let region = rng.unit() < 0.6 ? "US" : "GB"
            let score = min(100, 60 + 40 * pow(rng.unit(), 0.35))
            shopCategories.append(cats)
            shopRegions.append(region)
            try emit(.shops, [Self.id("sh", n, width: 5), "Shop \(n)", region, String(format: "%.1f", score), cats.map(\.rawValue).joined(separator: ";")])
        }
        // 4–11 products per shop in its categories, priced in its region's currency; a few sell far more than the rest.
        var shopProducts: [[GeneratedProduct]] = []
        var productCount = 0
        for shopIndex in 0..<shopCategories.count {
            var products: [GeneratedProduct] = []
            for _ in 0..<(4 + Int(productRNG.unit() * 7.999)) {
                productCount += 1
                let category = shopCategories[shopIndex][Int(productRNG.unit() * Double(shopCategories[shopIndex].count) * 0.9999)].rawValue
                let price = Int64(exp(2.5 + productRNG.unit() * 2.5) * 100)
                let product = GeneratedProduct(id: Self.id("p", productCount, width: 6), category: category, priceMinor: price)
                products.append(product)
                try emit(.products, [
                    product.id, Self.id("sh", shopIndex + 1, width: 5), "Product \(productCount)", category, String(price),
                    shopRegions[shopIndex] == "GB" ? "GBP" : "USD", String(format: "%.1f", 3 + productRNG.unit() * 27),
                    productRNG.unit() < 0.4 ? "true" : "false",
                ])
            }
            shopProducts.append(products)
        }
        for n in 1...max(1, creators) where creators > 0 {
            let u = rng.unit()
            let kind = u < 0.03 ? "standard" : u < 0.88 ? "affiliate" : u < 0.95 ? "officialShop" : "marketing"
            let followers = min(20_000_000, Int(800 / rng.unit()))
            let r = rng.unit()
            let region = r < 0.45 ? "US" : r < 0.80 ? "GB" : ["DE", "FR", "ES", "IT", "MX", "CA"][Int(rng.unit() * 5.999)]
            let registered = ref - day * (2 + rng.unit() * 6 * 365)
            let age = 16 + rng.unit() * 44
            let birth = CalendarDay(utc: Date(timeIntervalSince1970: registered - age * 365.25 * day))
            let c = rng.unit()
            let confirmed = c < 0.92 ? ts(registered + rng.unit() * 50 * day) : c < 0.96 ? ts(registered + (65 + rng.unit() * 100) * day) : ""
            let verified = rng.unit() < 0.93
            // A few documents are shared by several accounts (E-IDDOC).
            let document = verified ? (rng.unit() < 0.002 ? "doc-shared-\(Int(rng.unit() * 50))" : "doc-\(n)") : ""
            let flag = { (p: Double, rng: inout SplitMix64) -> String in rng.unit() < p ? "true" : "false" }
            let gpppa = flag(0.002, &rng), revoked = flag(0.005, &rng), linked = flag(0.003, &rng), accepted = flag(0.97, &rng)
            let bound = (kind == "officialShop" || kind == "marketing") && shops > 0 ? Self.id("sh", 1 + Int(rng.unit() * Double(shops - 1)), width: 5) : ""
            var niches: [String] = []
            for _ in 0..<(1 + Int(rng.unit() * 2.5)) { let l = leaf(&rng).rawValue; if !niches.contains(l) { niches.append(l) } }
            var pilot = ""
            var quiz = ""
            if kind == "affiliate" && followers >= 1_000 && followers < 5_000 && registered > ref - 120 * day {
                let started = max(registered, ref - rng.unit() * 90 * day)
                pilot = ts(started)
                if started < ref - 35 * day && rng.unit() < 0.3 { quiz = ts(started + 32 * day) }
            }
            let id = Self.id("c", n, width: idWidth)
            try emit(.creators, [
                id, "creator_\(n)", kind, String(followers), region, birth.description, ts(registered), confirmed,
                verified ? "true" : "false", document, gpppa, revoked, linked, accepted, bound, niches.joined(separator: ";"), pilot, quiz,
            ])
            // Sales: a geometric-ish count around salesPerCreator, heavier for bigger creators.
            if shops > 0 && kind != "standard" {
                let expected = salesPerCreator * (0.5 + rng.unit())
                let count = Int(expected.rounded())
                let scale = log10(Double(max(followers, 10)))
                for s in 0..<count {
                    let shopIndex = Self.pick(shopWeights, rng.unit())
                    let category = rng.unit() < 0.8 ? niches[Int(rng.unit() * Double(niches.count) * 0.9999)] : leaf(&rng).rawValue
                    let orders = max(1, Int(scale * scale / 4 / pow(rng.unit(), 0.6)))
                    let returned = rng.unit() < 0.15 ? Int(Double(orders) * rng.unit() * 0.3) : 0
                    let price = exp(2.5 + rng.unit() * 2.5) * 100
                    let at = max(registered, ref - rng.unit() * 365 * day)
                    let currency = shopRegions[shopIndex] == "GB" ? "GBP" : "USD"
                    // Most lines in a category the shop sells a product of name one (its price then makes the GMV);
                    // the lower-numbered products of a shop are picked more often.
                    let candidates = shopProducts[shopIndex].filter { $0.category == category }
                    var product: GeneratedProduct?
                    if !candidates.isEmpty && productRNG.unit() < 0.8 {
                        product = candidates[Int(pow(productRNG.unit(), 2) * Double(candidates.count) * 0.9999)]
                    }
                    let gmv = product.map { $0.priceMinor * Int64(orders) } ?? Int64(price * Double(orders))
                    try emit(.sales, [
                        "\(id)-s\(s)", id, Self.id("sh", shopIndex + 1, width: 5), "", category, ts(at), String(orders),
                        String(returned), String(gmv), currency, product?.id ?? "",
                    ])
                }
            }
            if !pilot.isEmpty {
                for e in 0..<Int(rng.unit() * 8) {
                    let medium = rng.unit() < 0.8 ? "video" : "live"
                    let at = ref - rng.unit() * 28 * day
                    let duration = medium == "video" ? 5 + Int(rng.unit() * 60) : 120 + Int(rng.unit() * 3600)
                    try emit(.contentEvents, [
                        "\(id)-e\(e)", id, "\(id)-v\(e)", medium, rng.unit() < 0.9 ? "published" : "scheduled", ts(at),
                        String(duration), rng.unit() < 0.1 ? "true" : "false", "true",
                    ])
                }
            }
            if rng.unit() < 0.08 {
                let kinds = Violation.Kind.allCases
                for v in 0..<(1 + Int(rng.unit() * 2.5)) {
                    let kind = kinds[Int(rng.unit() * Double(kinds.count) * 0.9999)]
                    let at = ref - rng.unit() * 300 * day
                    // H-POINTS: about one violation in ten is overturned on appeal, 3–20 days later.
                    let appealed = rng.unit() < 0.1 ? ts(min(ref, at + (3 + rng.unit() * 17) * day)) : ""
                    try emit(.violations, ["\(id)-x\(v)", id, kind.rawValue, String(5 + Int(rng.unit() * 40)), ts(at), appealed])
                }
            }
        }
        for n in 1...max(1, campaigns) where campaigns > 0 && shops > 0 {
            let shopIndex = Self.pick(shopWeights, rng.unit())
            let cats = shopCategories[shopIndex]
            let starts = ref - rng.unit() * 30 * day
            let ends = starts + (14 + rng.unit() * 46) * day
            let minFollowers = rng.unit() < 0.2 ? String([2_000, 5_000, 10_000][Int(rng.unit() * 2.999)]) : ""
            // Up to three of its shop's products in its categories.
            let categories = cats.prefix(2).map(\.rawValue)
            let featured = shopProducts[shopIndex].filter { categories.contains($0.category) }.prefix(1 + Int(productRNG.unit() * 2.999))
            try emit(.campaigns, [
                Self.id("k", n, width: 6), Self.id("sh", shopIndex + 1, width: 5), "Campaign \(n)", rng.unit() < 0.6 ? "sample" : "discount",
                categories.joined(separator: ";"), String(5 + Int(rng.unit() * 195)), ts(starts), ts(ends),
                String(format: "%.1f", 5 + rng.unit() * 25), minFollowers, "", featured.map(\.id).joined(separator: ";"),  // no regions
            ])
        }
    }
}
