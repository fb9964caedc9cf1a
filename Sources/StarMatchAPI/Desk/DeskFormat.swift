import Foundation
import StarMatchCore

/// How the desk shows numbers and instants: integers with thousands separators, scores to 4 decimals, money in its
/// currency's minor unit (ISO 4217, C-CURRENCY), instants in the policy's zone with the zone named (P-WEEK: quota
/// weeks are Pacific) — the desk's readers think in the zone weeks are counted in, not in UTC.
struct DeskFormat: Sendable {
    let timeZone: TimeZone

    /// 1234567 → "1,234,567".
    static func int(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "−" + out : out
    }

    static func score(_ x: Double) -> String { String(format: "%.4f", x) }
    static func percent(_ x: Double) -> String { String(format: "%.1f %%", x) }
    /// In the currency's minor unit with separators (`ISO4217.format`: "1,234.56 USD").
    static func money(_ minor: Int64, _ currency: String) -> String { ISO4217.amount(minor: minor, currency: currency) }

    /// Formatters made once (making one costs more than a page's query): `DateFormatter` is a class, so every use
    /// holds `lock`.
    private final class Formatters: @unchecked Sendable {
        let lock = NSLock()
        let instant: DateFormatter, input: DateFormatter, inputSeconds: DateFormatter
        /// The zone's abbreviation by UTC offset in seconds ("PST" at −28,800).
        var abbreviations: [Int: String] = [:]

        init(_ timeZone: TimeZone) {
            func make(_ format: String) -> DateFormatter {
                let f = DateFormatter()
                f.locale = Locale(identifier: "en_US_POSIX")
                f.timeZone = timeZone
                f.dateFormat = format
                return f
            }
            instant = make("EEE yyyy-MM-dd HH:mm zzz")
            input = make("yyyy-MM-dd'T'HH:mm:ss")
            inputSeconds = make("yyyy-MM-dd'T'HH:mm")
        }

        func with<T>(_ body: (Formatters) -> T) -> T {
            lock.lock()
            defer { lock.unlock() }
            return body(self)
        }
    }

    private let formatters: Formatters

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        formatters = Formatters(timeZone)
    }

    /// "Mon 2026-11-30 12:00 PST": the civil time at the zone's offset for that instant (DST-aware), written by hand
    /// (a `DateFormatter` costs about as much per date as a page's query per row); the zone's abbreviation for each
    /// offset is the formatter's, asked once.
    func instant(_ date: Date) -> String {
        let offset = timeZone.secondsFromGMT(for: date)
        let (days, seconds) = local(date, offset: offset)
        let (y, m, d) = Timestamp.civilFromDays(days)
        let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]  // 1970-01-01 was a Thursday
        let zone = formatters.with { f in
            if let known = f.abbreviations[offset] { return known }
            let name = f.instant.string(from: date).split(separator: " ").last.map(String.init) ?? timeZone.identifier
            f.abbreviations[offset] = name
            return name
        }
        return "\(weekday) \(Self.civil(y, m, d)) \(Self.two(seconds / 3600)):\(Self.two(seconds % 3600 / 60)) \(zone)"
    }

    /// "2026-11-30".
    func day(_ date: Date) -> String {
        let (days, _) = local(date, offset: timeZone.secondsFromGMT(for: date))
        let (y, m, d) = Timestamp.civilFromDays(days)
        return Self.civil(y, m, d)
    }

    /// The local day number (days since 1970-01-01) and second of the day of `date` at `offset`.
    private func local(_ date: Date, offset: Int) -> (days: Int, seconds: Int) {
        let t = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        return (days, t - days * 86_400)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func civil(_ y: Int, _ m: Int, _ d: Int) -> String {
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(d)
    }

    /// The value for an `<input type="datetime-local" step="1">` in the policy's zone, to the second (a stored time's
    /// seconds survive an edit that does not touch it).
    func localInput(_ date: Date) -> String { formatters.with { $0.input.string(from: date) } }

    /// An `<input type="datetime-local">` value read in the policy's zone; `nil` when it is not one.
    func parseLocalInput(_ text: String) -> Date? { formatters.with { $0.input.date(from: text) ?? $0.inputSeconds.date(from: text) } }

    /// The zone's name ("America/Los_Angeles"), for labels.
    var zoneName: String { timeZone.identifier }
}
