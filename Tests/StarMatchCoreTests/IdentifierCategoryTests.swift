import Foundation
import StarMatchCore
import Testing

@Suite("Identifier and CategoryPath")
struct IdentifierCategoryTests {
    @Test("IMPORT: Identifier.isValid accepts 1–64 characters starting alphanumeric", arguments: [
        "a", "Z", "7", "c000001", "creator_9", "a.b_c:d-e", "sh-00001", "A1:b2", String(repeating: "x", count: 64),
    ])
    func validIdentifiers(raw: String) {
        #expect(CreatorID.isValid(raw))
        #expect(CreatorID(validating: raw)?.rawValue == raw)
    }

    @Test("IMPORT: Identifier.isValid refuses empty, too long, bad first or bad characters", arguments: [
        "", String(repeating: "x", count: 65), "-a", "_a", ".a", ":a", "a b", "a/b", "a,b", "é", "aé", "a\n", " a", "a*",
    ])
    func invalidIdentifiers(raw: String) {
        #expect(!CreatorID.isValid(raw))
        #expect(ShopID(validating: raw) == nil)
    }

    @Test("IMPORT: identifiers compare and code as their raw string")
    func identifierCoding() throws {
        #expect(CreatorID("a") < CreatorID("b"))
        let data = try JSONEncoder().encode([ShopID("sh1")])
        #expect(String(decoding: data, as: UTF8.self) == #"["sh1"]"#)
        #expect(try JSONDecoder().decode([ShopID].self, from: data) == ["sh1"])
    }

    @Test("M-SCORE: CategoryPath accepts 1–3 lowercase segments of up to 48 characters", arguments: [
        "beauty", "beauty/skincare", "beauty/skincare/serums", "home-garden", "3d-printing/filament",
        String(repeating: "a", count: 48), "a/" + String(repeating: "b", count: 48),
    ])
    func validPaths(raw: String) {
        #expect(CategoryPath(validating: raw)?.rawValue == raw)
    }

    @Test("M-SCORE: CategoryPath refuses empty segments, capitals, other characters, 4 levels, 49 characters", arguments: [
        "", "/", "/beauty", "beauty/", "beauty//skincare", "Beauty", "beauty/Skincare", "beauty skincare", "a_b", "a.b",
        "a/b/c/d", String(repeating: "a", count: 49), "beauté",
    ])
    func invalidPaths(raw: String) {
        #expect(CategoryPath(validating: raw) == nil)
    }

    @Test("M-SCORE: CategoryPath parent, top level, segments and isWithin")
    func pathRelations() {
        let serums: CategoryPath = "beauty/skincare/serums"
        #expect(serums.parent == "beauty/skincare")
        #expect(serums.parent?.parent == "beauty")
        #expect(CategoryPath("beauty").parent == nil)
        #expect(serums.topLevel == "beauty")
        #expect(CategoryPath("beauty").topLevel == "beauty")
        #expect(serums.segments == ["beauty", "skincare", "serums"])
        #expect(serums.isWithin("beauty"))
        #expect(serums.isWithin("beauty/skincare"))
        #expect(serums.isWithin(serums))
        #expect(!CategoryPath("beautyx").isWithin("beauty"))
        #expect(!CategoryPath("beauty").isWithin("beauty/skincare"))
    }

    @Test("M-SCORE: a taxonomy lists top-level categories and leaves")
    func taxonomy() {
        let t = Taxonomy([("beauty", "Beauty"), ("beauty/skincare", "Skincare"), ("home", "Home"), ("beauty/makeup", "Makeup")])
        #expect(t.topLevel == ["beauty", "home"])
        #expect(t.leaves == ["beauty/makeup", "beauty/skincare", "home"])
        #expect(t.contains("beauty/skincare"))
        #expect(!t.contains("beauty/perfume"))
        #expect(t.names["home"] == "Home")
    }
}
