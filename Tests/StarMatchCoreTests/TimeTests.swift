import Foundation
import StarMatchCore
import Testing

@Suite("Timestamp and CalendarDay (E-AGE, P-WEEK instants)")
struct TimeTests {
    /// Seconds since 1970 of a parsed instant, or `nil`.
    func epoch(_ raw: String) -> Double? { Timestamp.parse(raw)?.timeIntervalSince1970 }

    // 2026-03-09T07:00:00Z = 1773039600
    static let mondayPDT = 1_773_039_600.0

    @Test("IMPORT: Timestamp.parse reads Z, offsets and optional seconds", arguments: [
        ("2026-03-09T07:00:00Z", mondayPDT),
        ("2026-03-09T07:00Z", mondayPDT),
        ("2026-03-09 07:00:00Z", mondayPDT),
        ("2026-03-09T00:00:00-07:00", mondayPDT),
        ("2026-03-09T08:00:00+01:00", mondayPDT),
        ("2026-03-09T12:30:00+05:30", mondayPDT),
        ("2026-03-08T23:00:00-08:00", mondayPDT),
        ("2026-03-09T07:00:00+00:00", mondayPDT),
        ("2026-03-09T07:00:00-00:00", mondayPDT),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
    ])
    func parseZonesAndOffsets(raw: String, expected: Double) {
        #expect(epoch(raw) == expected)
    }

    @Test("IMPORT: Timestamp.parse reads fractions of a second (1 to 9 digits)", arguments: [
        ("2026-03-09T07:00:00.5Z", 0.5), ("2026-03-09T07:00:00.25Z", 0.25), ("2026-03-09T07:00:00.125-07:00", 25_200.125),
        ("2026-03-09T07:00:00.000000001Z", 0.000000001),
    ])
    func parseFractions(raw: String, offset: Double) throws {
        let value = try #require(epoch(raw))
        #expect(abs(value - (Self.mondayPDT + offset)) < 1e-6)
    }

    @Test("IMPORT: a date alone is midnight UTC")
    func parseDateOnly() {
        #expect(epoch("2026-03-09") == Self.mondayPDT - 7 * 3_600)
        #expect(epoch("2028-02-29") != nil)
        #expect(Timestamp.parse("2026-03-09") == CalendarDay(year: 2026, month: 3, day: 9)!.startUTC)
    }

    @Test("IMPORT: Timestamp.parse refuses ambiguous or impossible instants", arguments: [
        "2026-03-09T07:00:00",          // no zone
        "2026-03-09T07:00",             // no zone, no seconds
        "2026-02-30",                   // no such day
        "2026-02-29T00:00:00Z",         // 2026 is not a leap year
        "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z",
        "2026-03-00T00:00:00Z",
        "2026-03-09T24:00:00Z",         // 24:00 is not a time of day
        "2026-03-09T23:60:00Z",
        "2026-03-09T23:59:60Z",
        "2026-03-09T07:00:00+0700",     // offset without colon
        "2026-03-09T07:00:00+24:00",
        "2026-03-09T07:00:00.Z",        // empty fraction
        "2026-03-09T07:00:00.1234567890Z", // ten fraction digits
        "2026-03-09T07:00:00Zjunk",
        "2026-03-09T07:00:00z",
        "2026-03-09X07:00:00Z",
        "2026/03/09",
        "26-03-09",
        "garbage",
        "",
    ])
    func parseRefusals(raw: String) {
        #expect(Timestamp.parse(raw) == nil)
    }

    @Test("IMPORT: Timestamp.format writes UTC whole seconds and round-trips", arguments: [
        "2026-03-09T07:00:00Z", "2026-11-01T08:59:59Z", "2028-02-29T23:59:59Z", "1970-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z", "2000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    ])
    func formatRoundTrip(raw: String) throws {
        let date = try #require(Timestamp.parse(raw))
        #expect(Timestamp.format(date) == raw)
    }

    @Test("IMPORT: Timestamp.format converts offsets to Z and drops fractions")
    func formatNormalises() throws {
        #expect(Timestamp.format(try #require(Timestamp.parse("2026-03-09T00:00:00-07:00"))) == "2026-03-09T07:00:00Z")
        #expect(Timestamp.format(try #require(Timestamp.parse("2026-03-09T07:00:00.999Z"))) == "2026-03-09T07:00:00Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.5)) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.format(try #require(Timestamp.parse("2026-03-09"))) == "2026-03-09T00:00:00Z")
    }

    // MARK: CalendarDay

    @Test("E-AGE: CalendarDay accepts real days only", arguments: [
        (2026, 2, 28, true), (2026, 2, 29, false), (2028, 2, 29, true), (2000, 2, 29, true), (1900, 2, 29, false),
        (2026, 4, 30, true), (2026, 4, 31, false), (2026, 12, 31, true), (2026, 13, 1, false), (2026, 0, 1, false),
        (2026, 1, 0, false), (0, 1, 1, false), (9999, 12, 31, true), (10_000, 1, 1, false),
    ])
    func calendarDayValidation(year: Int, month: Int, day: Int, valid: Bool) {
        #expect((CalendarDay(year: year, month: month, day: day) != nil) == valid)
    }

    @Test("E-AGE: CalendarDay parses YYYY-MM-DD and writes it back", arguments: ["2008-11-25", "2008-02-29", "0001-01-01", "1999-12-31"])
    func calendarDayRoundTrip(raw: String) throws {
        let d = try #require(CalendarDay(iso: raw))
        #expect(d.description == raw)
    }

    @Test("E-AGE: CalendarDay refuses malformed dates", arguments: [
        "2008-11-5", "2008-1-25", "08-11-25", "2008/11/25", "2008-11-25T00:00:00Z", "2007-02-29", "2008-11-31", "", "abcd-ef-gh",
    ])
    func calendarDayRefusals(raw: String) {
        #expect(CalendarDay(iso: raw) == nil)
    }

    @Test("E-AGE: the UTC day of an instant changes at 00:00Z")
    func utcDay() {
        #expect(CalendarDay(utc: at("2026-11-24T23:59:59Z")) == CalendarDay(year: 2026, month: 11, day: 24))
        #expect(CalendarDay(utc: at("2026-11-25T00:00:00Z")) == CalendarDay(year: 2026, month: 11, day: 25))
        #expect(CalendarDay(utc: at("2026-11-25T00:30:00+01:00")) == CalendarDay(year: 2026, month: 11, day: 24))
        #expect(CalendarDay(utc: Date(timeIntervalSince1970: -1)) == CalendarDay(year: 1969, month: 12, day: 31))
        #expect(CalendarDay(year: 1970, month: 1, day: 2)!.daysSinceEpoch == 1)
        #expect(CalendarDay(year: 1969, month: 12, day: 31)!.daysSinceEpoch == -1)
    }

    @Test("E-AGE: CalendarDay orders by year, month, day and codes as a string")
    func calendarDayOrderAndCoding() throws {
        #expect(day("2008-02-29") < day("2008-03-01"))
        #expect(day("2007-12-31") < day("2008-01-01"))
        #expect(!(day("2008-01-01") < day("2008-01-01")))
        let data = try JSONEncoder().encode([day("2008-11-25")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2008-11-25"]"#)
        #expect(try JSONDecoder().decode([CalendarDay].self, from: data) == [day("2008-11-25")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([CalendarDay].self, from: Data(#"["2008-02-30"]"#.utf8)) }
    }

    @Test("P-WEEK: the week before a daylight-saving change is 7 days and 1 hour long, and `previous` ends where the week starts")
    func previousWeekAcrossDaylightSaving() throws {
        let pacific = try #require(TimeZone(identifier: "America/Los_Angeles"))
        let week = QuotaWeek(containing: Timestamp.parse("2026-11-03T12:00:00Z")!, timeZone: pacific)
        #expect(week.start == Timestamp.parse("2026-11-02T08:00:00Z")!)  // Monday 00:00 PST
        #expect(week.previous.start == Timestamp.parse("2026-10-26T07:00:00Z")!)  // Monday 00:00 PDT
        #expect(week.previous.end == week.start)
        #expect(week.previous.end.timeIntervalSince(week.previous.start) == 7 * 86_400 + 3600)
    }

    @Test("P-WEEK: a quota week's ISO label is the week WeeklyBatch.week reads back, across years and DST", arguments: [
        ("2026-11-30T20:00:00Z", "2026-W49"), ("2026-11-30T07:59:59Z", "2026-W48"),  // Sunday 23:59:59 PST is still W48
        ("2026-03-09T12:00:00Z", "2026-W11"), ("2027-01-01T12:00:00Z", "2026-W53"), ("2024-12-30T12:00:00Z", "2025-W01"),
    ])
    func isoLabel(instant: String, label: String) throws {
        let pacific = TimeZone(identifier: "America/Los_Angeles")!
        let week = QuotaWeek(containing: Timestamp.parse(instant)!, timeZone: pacific)
        #expect(week.isoLabel == label)
        #expect(WeeklyBatch.week(label, timeZone: pacific) == week)
    }
}
