import Foundation
@testable import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// The hand-written entity JSON must be byte-for-byte what JSONEncoder writes, or the API would have two
/// shapes for one object.
@Suite("API: fast entity JSON equals JSONEncoder's")
struct EntityJSONTests {
    @Test func everyDemoEntity() throws {
        let f = try APIFixture()
        let creators = try f.store.creators(CreatorFilter(limit: 10_000))
        let shops = try f.store.shops(limit: 10_000)
        let campaigns = try f.store.campaigns(limit: 10_000)
        #expect(creators.count > 300 && shops.count > 10 && campaigns.count > 10)
        func same(_ value: some FastJSONEncodable) throws {
            let expected = try APIJSON.encoder.encode(value)
            let actual = APIJSON.bytes(value)
            #expect(String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
        for c in creators { try same(c) }
        for s in shops { try same(s) }
        for k in campaigns { try same(k) }
        try same(Page(creators, limit: 5) { $0.id.rawValue })
        try same(Page(Array(shops.prefix(3)), limit: 5) { $0.id.rawValue })
    }

    @Test func escapesAndNumbers() throws {
        var shop = try #require(try APIFixture().store.shop(ShopID(APIFixture.shopA)))
        for name in ["quote \" backslash \\ slash / tab \t newline \n cr \r bell \u{07} nul \u{00} é 😀", ""] {
            for score in [0, 95, 94.9, 99.99, 0.1, 1e-7, 12345.678] {
                shop.name = name
                shop.score = score
                let expected = String(decoding: try APIJSON.encoder.encode(shop), as: UTF8.self)
                #expect(String(decoding: APIJSON.bytes(shop), as: UTF8.self) == expected)
            }
        }
    }
}
