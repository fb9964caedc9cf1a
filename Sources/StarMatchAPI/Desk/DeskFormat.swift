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

    /// "Mon 2026-11-30 12:00 PST".
    func instant(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "EEE yyyy-MM-dd HH:mm zzz"
        return f.string(from: date)
    }

    /// "2026-11-30".
    func day(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: date)
    }

    /// The value for an `<input type="datetime-local">` in the policy's zone.
    func localInput(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f.string(from: date)
    }

    /// An `<input type="datetime-local">` value read in the policy's zone; `nil` when it is not one.
    func parseLocalInput(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = timeZone
        for format in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            f.dateFormat = format
            if let date = f.date(from: text) { return date }
        }
        return nil
    }

    /// The zone's name ("America/Los_Angeles"), for labels.
    var zoneName: String { timeZone.identifier }
}
