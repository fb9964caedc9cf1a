import Foundation
import StarMatchCore
import Testing

@Suite("Input edges (issue 16: smaller kinds)")
struct InputEdgeTests {
    @Test("CSV numbers are decimal only: hexadecimal floats, inf and nan are refused", arguments: [
        "0x1p6", "0X10", "inf", "-infinity", "nan", "1e", "e5", ".", "+", "1.2.3", "1_000", " 5", "5 ",
    ])
    func notDecimal(text: String) {
        guard case .failure = CSVText.value(text, .number) else {
            Issue.record("'\(text)' was taken as a number")
            return
        }
    }

    @Test("CSV numbers: the decimal forms are taken", arguments: [
        ("95", 95.0), ("-1.5", -1.5), ("+2", 2.0), (".5", 0.5), ("5.", 5.0), ("1e3", 1_000.0), ("2.5E-1", 0.25),
    ])
    func decimal(text: String, value: Double) {
        guard case .success(.number(let n)) = CSVText.value(text, .number) else {
            Issue.record("'\(text)' was refused")
            return
        }
        #expect(n == value)
    }

    @Test("an instant whose fraction would round past 9999-12-31T23:59:59 keeps that second, never year 10000")
    func fractionAtTheEnd() throws {
        let last = try #require(Timestamp.parse("9999-12-31T23:59:59.999999999Z"))
        #expect(Timestamp.format(last) == "9999-12-31T23:59:59Z")
        #expect(last.timeIntervalSince1970 < 253_402_300_800)
        #expect(Timestamp.parse("9999-12-31T23:59:59.5Z").map(Timestamp.format) == "9999-12-31T23:59:59Z")
        let whole = try #require(Timestamp.parse("2026-11-30T12:00:00Z")).timeIntervalSince1970
        #expect(Timestamp.parse("2026-11-30T12:00:00.25Z")?.timeIntervalSince1970 == whole + 0.25)
    }
}

@Suite("solve: huge capacities (issue 16)")
struct HugeCapacityTests {
    @Test("a capacity or slots of 2^62 (or Int.max) solves as its degree would, without overflow")
    func hugeCapacities() throws {
        for big in [1 << 62, Int.max] {
            let instance = MatchingInstance(
                creators: [.init(id: "a", capacity: big), .init(id: "b", capacity: 1)],
                campaigns: [.init(id: "x", slots: big), .init(id: "y", slots: 1)],
                edges: [.init(creator: "a", campaign: "x", score: 0.9), .init(creator: "a", campaign: "y", score: 0.5),
                        .init(creator: "b", campaign: "x", score: 0.4)])
            let problem = try instance.problem()
            #expect(problem.capacities == [2, 1] && problem.slots == [2, 1])
            let solution = BMatchingSolver.solve(problem)
            #expect(solution.objective == 18_000)
            #expect(problem.certifies(solution))
        }
    }
}
