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
        let instant: DateFormatter, day: DateFormatter, input: DateFormatter, inputSeconds: DateFormatter

        init(_ timeZone: TimeZone) {
            func make(_ format: String) -> DateFormatter {
                let f = DateFormatter()
                f.locale = Locale(identifier: "en_US_POSIX")
                f.timeZone = timeZone
                f.dateFormat = format
                return f
            }
            instant = make("EEE yyyy-MM-dd HH:mm zzz")
            day = make("yyyy-MM-dd")
            input = make("yyyy-MM-dd'T'HH:mm")
            inputSeconds = make("yyyy-MM-dd'T'HH:mm:ss")
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

    /// "Mon 2026-11-30 12:00 PST".
    func instant(_ date: Date) -> String { formatters.with { $0.instant.string(from: date) } }

    /// "2026-11-30".
    func day(_ date: Date) -> String { formatters.with { $0.day.string(from: date) } }

    /// The value for an `<input type="datetime-local">` in the policy's zone.
    func localInput(_ date: Date) -> String { formatters.with { $0.input.string(from: date) } }

    /// An `<input type="datetime-local">` value read in the policy's zone; `nil` when it is not one.
    func parseLocalInput(_ text: String) -> Date? { formatters.with { $0.input.date(from: text) ?? $0.inputSeconds.date(from: text) } }

    /// The zone's name ("America/Los_Angeles"), for labels.
    var zoneName: String { timeZone.identifier }
}
