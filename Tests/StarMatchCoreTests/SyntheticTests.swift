import Foundation
import StarMatchCore
import Testing

@Suite("SyntheticData: seeded import rows")
struct SyntheticTests {
    static let leaves: [CategoryPath] = ["beauty/skincare", "beauty/makeup", "home/kitchen", "fashion/shoes", "toys"]

    func run(seed: UInt64, creators: Int = 60) -> [String] {
        let data = SyntheticData(
            creators: creators, shops: 6, campaigns: 8, salesPerCreator: 3, seed: seed,
            reference: at("2026-06-01T00:00:00Z"), leaves: Self.leaves)
        var rows: [String] = []
        data.generate { kind, fields in rows.append(kind.rawValue + "|" + fields.joined(separator: "|")) }
        return rows
    }

    @Test("IMPORT: the same seed gives the same rows")
    func deterministic() {
        let first = run(seed: 42)
        #expect(first.count > 60)
        #expect(first == run(seed: 42))
    }

    @Test("IMPORT: another seed gives other rows")
    func seedMatters() {
        let a = run(seed: 42)
        let b = run(seed: 43)
        #expect(a != b)
        // The ids are the same shape, but the creators themselves differ.
        let creatorsA = a.filter { $0.hasPrefix("creators|") }
        let creatorsB = b.filter { $0.hasPrefix("creators|") }
        #expect(creatorsA.count == 60 && creatorsB.count == 60)
        #expect(creatorsA != creatorsB)
    }

    @Test("IMPORT: SplitMix64 is deterministic and unit() stays in (0, 1]")
    func splitMix() {
        var a = SplitMix64(seed: 7)
        var b = SplitMix64(seed: 7)
        var c = SplitMix64(seed: 8)
        let xs = (0..<100).map { _ in a.next() }
        #expect(xs == (0..<100).map { _ in b.next() })
        #expect(xs != (0..<100).map { _ in c.next() })
        var u = SplitMix64(seed: 1)
        #expect((0..<1_000).allSatisfy { _ in let v = u.unit(); return v > 0 && v <= 1 })
    }

    /// A lookup that learns the ids of the rows validated so far.
    struct GrowingRefs: ReferenceLookup {
        var categories: Set<CategoryPath>
        var shops: Set<ShopID> = []
        var creators: Set<CreatorID> = []
        var campaigns: Set<CampaignID> = []
        func hasCategory(_ path: CategoryPath) -> Bool { categories.contains(path) }
        func hasShop(_ id: ShopID) -> Bool { shops.contains(id) }
        func hasCreator(_ id: CreatorID) -> Bool { creators.contains(id) }
        func campaignShop(_ id: CampaignID) -> ShopID? { nil }  // generated sales lines name no campaign
        var products: [ProductID: ProductReference] = [:]
        func product(_ id: ProductID) -> ProductReference? { products[id] }
        /// E-HANDLE: generated handles are unique too.
        var handles: [String: CreatorID] = [:]
        func creatorHolding(handleKey: String, other id: CreatorID) -> CreatorID? { handles[handleKey].flatMap { $0 == id ? nil : $0 } }
    }

    @Test("M-ELIGIBLE: every synthetic row has its kind's columns and passes RowValidator")
    func rowsValidate() {
        let data = SyntheticData(
            creators: 300, shops: 10, campaigns: 20, salesPerCreator: 4, seed: 2026,
            reference: at("2026-06-01T00:00:00Z"), leaves: Self.leaves)
        var refs = GrowingRefs(categories: Set(Self.leaves))
        var counts: [ImportKind: Int] = [:]
        var problems: [String] = []
        var featured = 0, namingProduct = 0
        data.generate { kind, fields in
            counts[kind, default: 0] += 1
            if fields.count != kind.columns.count {
                problems.append("\(kind.rawValue) row has \(fields.count) fields, expected \(kind.columns.count)")
                return
            }
            let row = RawRow(line: counts[kind]! + 1, fields: fields)
            switch RowValidator(kind: kind, config: PolicyConfig()).validate(row, refs: refs) {
            case .success(let record):
                switch record {
                case .shop(let s): refs.shops.insert(s.id)
                case .creator(let c): refs.creators.insert(c.id); refs.handles[c.handleKey] = c.id
                case .campaign(let k): refs.campaigns.insert(k.id); featured += k.products.count
                case .product(let p): refs.products[p.id] = ProductReference(shop: p.shop, category: p.category, currency: p.currency)
                case .sale(let s): if s.product != nil { namingProduct += 1 }
                default: break
                }
            case .failure(let failure):
                problems.append("\(kind.rawValue) \(fields.first ?? ""): \(failure.issues.map(\.description))")
            }
        }
        #expect(problems == [])
        #expect(counts[.shops] == 10)
        #expect(counts[.creators] == 300)
        #expect(counts[.campaigns] == 20)
        #expect((counts[.sales] ?? 0) > 0)
        // Products (issue 17): 4–11 per shop; sales lines and campaigns name them consistently (validated above).
        #expect((40...110).contains(counts[.products] ?? 0))
        #expect(namingProduct > 0 && featured > 0)
    }
}
