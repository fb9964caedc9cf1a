import Foundation
import StarMatchCore
import Testing

@Suite("Input edges found by fuzzing the API")
struct InputEdgeTests {
    @Test(arguments: ["2026-W1", "+2026-W001", "2026-W048", "2026-w48", "2026W48", " 2026-W48", "2026-W48 ", "2026-W00", "2026-W54"])
    func weekLabelsHaveOneSpelling(_ label: String) {
        #expect(WeeklyBatch.week(label, timeZone: TimeZone(identifier: "UTC")!) == nil)
    }

    @Test func theCanonicalWeekParses() {
        #expect(WeeklyBatch.week("2026-W48", timeZone: TimeZone(identifier: "America/Los_Angeles")!) != nil)
        #expect(WeeklyBatch.week("2026-W53", timeZone: TimeZone(identifier: "UTC")!) != nil)  // 2026 has 53 weeks
    }

    @Test func anOffsetMayNotCarryAnInstantOutOfRange() {
        #expect(Timestamp.parse("9999-12-31T23:59-23:59") == nil)
        #expect(Timestamp.parse("0001-01-01T00:00+23:59") == nil)
        #expect(Timestamp.parse("9999-12-31T23:59+00:01") != nil)
        #expect(Timestamp.parse("0001-01-01T00:00Z") != nil)
    }
}
