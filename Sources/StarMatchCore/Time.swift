public import Foundation

/// A date without a time of day (a birth date), proleptic Gregorian.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...CalendarDay.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso raw: String) {
        let b = Array(raw.utf8)
        guard b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
            let y = Timestamp.digits(b, 0, 4), let m = Timestamp.digits(b, 5, 2), let d = Timestamp.digits(b, 8, 2)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(iso: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date: \(raw)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int { Timestamp.daysFromCivil(year, month, day) }

    /// Midnight UTC of this day.
    public var startUTC: Date { Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400) }

    /// The UTC calendar day of an instant.
    public init(utc instant: Date) {
        let days = Int((instant.timeIntervalSince1970 / 86_400).rounded(.down))
        let (y, m, d) = Timestamp.civilFromDays(days)
        self.year = y
        self.month = m
        self.day = d
    }

    /// Whole years from `self` to `other` (an age): the birthday must have been reached.
    /// A birthday on 29 February counts as reached on 1 March in common years.
    public func wholeYears(until other: CalendarDay) -> Int {
        var years = other.year - year
        if (other.month, other.day) < (month, day) { years -= 1 }
        return years
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// Parsing and formatting of instants in the import formats.
public enum Timestamp {
    /// Parses an instant: `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM[:SS[.fff]]` followed by `Z` or
    /// `±HH:MM`. A time without a zone is refused: instants must be unambiguous.
    public static func parse(_ raw: String) -> Date? {
        var raw = raw
        return raw.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes b: UnsafeBufferPointer<UInt8>) -> Date? {
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D,
            let y = digits(b, 0, 4), let mo = digits(b, 5, 2), let d = digits(b, 8, 2),
            y >= 1, (1...12).contains(mo), d >= 1, d <= CalendarDay.daysIn(month: mo, year: y)
        else { return nil }
        let days = daysFromCivil(y, mo, d)
        if b.count == 10 { return Date(timeIntervalSince1970: Double(days) * 86_400) }
        guard b.count >= 17, b[10] == 0x54 || b[10] == 0x20, b[13] == 0x3A,
            let h = digits(b, 11, 2), let mi = digits(b, 14, 2), h < 24, mi < 60
        else { return nil }
        var i = 16
        var seconds = 0
        var fraction = 0.0
        if b[i] == 0x3A {
            guard b.count >= i + 3, let s = digits(b, i + 1, 2), s < 60 else { return nil }
            seconds = s
            i += 3
            if i < b.count, b[i] == 0x2E {
                i += 1
                var scale = 0.1
                let start = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 {
                    fraction += Double(b[i] - 0x30) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start, i - start <= 9 else { return nil }
            }
        }
        guard i < b.count else { return nil }
        var offset = 0
        if b[i] == 0x5A {
            guard i + 1 == b.count else { return nil }
        } else if b[i] == 0x2B || b[i] == 0x2D {
            guard b.count == i + 6, b[i + 3] == 0x3A, let oh = digits(b, i + 1, 2), let om = digits(b, i + 4, 2),
                oh < 24, om < 60
            else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 0x2D ? -1 : 1)
        } else {
            return nil
        }
        let total = days * 86_400 + h * 3600 + mi * 60 + seconds - offset
        // The offset must not carry the instant out of years 0001–9999 (which `format` could not write back).
        guard total >= daysFromCivil(1, 1, 1) * 86_400, total < daysFromCivil(10_000, 1, 1) * 86_400 else { return nil }
        // A fraction that rounds the sum up to the next whole second (9999-12-31T23:59:59.999999999 is year 10000 in a
        // Double) keeps the whole second: instants are stored in whole seconds anyway.
        let value = Double(total) + fraction
        return Date(timeIntervalSince1970: value < Double(total + 1) ? value : Double(total))
    }

    /// Formats an instant as `YYYY-MM-DDTHH:MM:SSZ` (UTC, whole seconds).
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let secs = total - days * 86_400
        let (y, m, d) = civilFromDays(days)
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secs / 3600, 2)):\(pad(secs % 3600 / 60, 2)):\(pad(secs % 60, 2))Z"
    }

    static func digits<C: RandomAccessCollection>(_ b: C, _ start: Int, _ count: Int) -> Int? where C.Element == UInt8, C.Index == Int {
        guard start + count <= b.count else { return nil }
        var v = 0
        for i in start..<(start + count) {
            let c = b[i]
            guard c >= 0x30, c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
    public static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count (H. Hinnant's `civil_from_days`).
    public static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp + (mp < 10 ? 3 : -9)
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// The pilot quota week (P-WEEK): it starts Monday 00:00 in the policy's time zone
/// (`America/Los_Angeles`), so its length in seconds changes across daylight saving time.
public struct QuotaWeek: Sendable, Equatable, CustomStringConvertible {
    public let start: Date
    public let end: Date
    /// The zone the week is reckoned in (P-WEEK: `America/Los_Angeles` by default).
    public let timeZone: TimeZone

    /// The quota week that contains `instant`.
    public init(containing instant: Date, timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        let dayStart = calendar.startOfDay(for: instant)
        let weekday = calendar.component(.weekday, from: dayStart)  // 1 = Sunday … 7 = Saturday
        let back = (weekday + 5) % 7  // days since Monday
        let monday = calendar.date(byAdding: .day, value: -back, to: dayStart)!
        start = calendar.startOfDay(for: monday)
        end = calendar.date(byAdding: .day, value: 7, to: start)!
    }

    /// The ISO 8601 week label of the week (`2026-W49`): the ISO week-year and number of its Monday, in its zone
    /// (the inverse of `WeeklyBatch.week`).
    public var isoLabel: String {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: start)
        return String(format: "%04d-W%02d", c.yearForWeekOfYear ?? 0, c.weekOfYear ?? 0)
    }

    /// The quota week before this one (not always 7 × 24 h earlier: P-WEEK follows daylight saving time).
    public var previous: QuotaWeek { QuotaWeek(containing: start.addingTimeInterval(-1), timeZone: timeZone) }

    /// Whether `instant` falls in this week (start inclusive, end exclusive).
    public func contains(_ instant: Date) -> Bool { start <= instant && instant < end }

    public var description: String { "\(Timestamp.format(start)) ..< \(Timestamp.format(end))" }
}

extension Date {
    /// `self` plus `months` calendar months in UTC (used for E-AGE's confirmation window): the same day
    /// of the month and time of day, clamped to the month's last day (31 January + 1 month = 28/29 February).
    public func addingUTCMonths(_ months: Int) -> Date {
        let seconds = timeIntervalSince1970
        let days = Int((seconds / 86_400).rounded(.down))
        let timeOfDay = seconds - Double(days) * 86_400
        let (y, m, d) = Timestamp.civilFromDays(days)
        let monthIndex = y * 12 + (m - 1) + months
        let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
        let month = monthIndex - year * 12 + 1
        let day = min(d, CalendarDay.daysIn(month: month, year: year))
        return Date(timeIntervalSince1970: Double(Timestamp.daysFromCivil(year, month, day)) * 86_400 + timeOfDay)
    }
}
