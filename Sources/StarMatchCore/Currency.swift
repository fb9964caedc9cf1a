public import Foundation

/// ISO 4217 currency codes and their minor units (C-CURRENCY): how many decimals an amount in minor units has —
/// USD and EUR 2, JPY and KRW 0, KWD and BHD 3. Active codes of ISO 4217 List One (as published by the
/// maintenance agency, SIX, 2024), without the codes that have no minor unit (gold, SDR and other fund units).
public enum ISO4217 {
    /// The exponent of `code`'s minor unit (`nil` for a code ISO 4217 does not list).
    public static func minorUnit(_ code: String) -> Int? { table[code] }

    /// Every listed code, sorted.
    public static var codes: [String] { table.keys.sorted() }

    /// Codes whose minor unit is not 2; every other listed code has 2.
    private static let exponents: [String: Int] = [
        "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
        "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
        "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
        "CLF": 4, "UYW": 4,
    ]

    private static let table: [String: Int] = {
        let twoDecimals = """
            AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF \
            CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD \
            HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT \
            MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR \
            SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU \
            UZS VED VES WST XCD XCG YER ZAR ZMW ZWG
            """
        var table = exponents
        for code in twoDecimals.split(separator: " ") { table[String(code)] = 2 }
        return table
    }()

    /// 10 to the power of `code`'s minor unit (100 for USD, 1 for JPY), or `nil` for an unlisted code.
    public static func minorUnitsPerMajor(_ code: String) -> Int64? {
        minorUnit(code).map { Int64(pow(10, Double($0))) }
    }

    /// An amount in minor units written in major units with the currency's decimals and thousands separators:
    /// `150050` USD → `1,500.50`, `1500000` JPY → `1,500,000`, `1250` KWD → `1.250`. An unlisted code shows the
    /// minor units as they are.
    public static func format(minor: Int64, currency: String) -> String {
        let digits = minorUnit(currency) ?? 0
        let magnitude = minor.magnitude
        let scale = UInt64(minorUnitsPerMajor(currency) ?? 1)
        let whole = String(magnitude / scale)
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(ch)
        }
        var text = (minor < 0 ? "-" : "") + grouped
        if digits > 0 {
            let fraction = String(magnitude % scale)
            text += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return text
    }

    /// `format` followed by the code: `150050` USD → `1,500.50 USD`.
    public static func amount(minor: Int64, currency: String) -> String { format(minor: minor, currency: currency) + " " + currency }
}

/// The exchange rates of the configuration (C-CURRENCY; `currencyRates` and `referenceCurrency` in
/// `Scoring/policy.json`): the one place that says which currencies StarMatch accepts and what they are worth.
/// Every profile values sales with these rates; a sale in any other currency is refused where it enters.
public struct CurrencyRates: Sendable, Hashable {
    /// The currency scores and reports are in (its rate is 1).
    public let reference: String
    /// The value of one major unit of each accepted currency in major units of `reference`.
    public let rates: [String: Double]
    /// How a stored amount of each accepted currency is valued: divided by 10^minor unit, times the rate.
    public let valuations: [String: Valuation]

    /// Minor units per major unit (10^ISO 4217 exponent) and the rate of one currency.
    public struct Valuation: Sendable, Hashable {
        public let minorUnitsPerMajor: Double
        public let rate: Double

        /// `minor` units in major units of the reference currency.
        @inline(__always) public func value(_ minor: Double) -> Double { minor / minorUnitsPerMajor * rate }
    }

    /// - Precondition: every code is listed by ISO 4217 (`PolicyConfig.validate` refuses any other on load); an
    ///   unlisted code is taken to have 2 decimals.
    public init(reference: String, rates: [String: Double]) {
        self.reference = reference
        self.rates = rates
        valuations = Dictionary(uniqueKeysWithValues: rates.map {
            ($0.key, Valuation(minorUnitsPerMajor: pow(10, Double(ISO4217.minorUnit($0.key) ?? 2)), rate: $0.value))
        })
    }

    /// The defaults: US dollars as the reference; pounds, euros, Canadian dollars and Mexican pesos accepted.
    public static let standard = CurrencyRates(reference: "USD", rates: ["USD": 1, "GBP": 1.27, "EUR": 1.08, "CAD": 0.73, "MXN": 0.055])

    /// Whether sales in `code` are accepted.
    public func accepts(_ code: String) -> Bool { rates[code] != nil }

    /// The accepted codes, sorted (for messages).
    public var known: [String] { rates.keys.sorted() }

    /// `minor` units of `currency` in major units of the reference currency (0 for a currency without a rate: only
    /// data stored before C-CURRENCY was enforced at entry, or before the policy dropped a rate, can have one).
    public func referenceValue(minor: Double, currency: String) -> Double {
        valuations[currency]?.value(minor) ?? 0
    }

    /// `minor` units of `currency` in minor units of the reference currency, rounded; `nil` when the result cannot
    /// be represented (C-CURRENCY: sums are checked, never wrapped).
    public func referenceMinor(_ minor: Double, currency: String) -> Int64? {
        let value = (referenceValue(minor: minor, currency: currency) * Double(ISO4217.minorUnitsPerMajor(reference) ?? 100)).rounded()
        guard value.isFinite, abs(value) < 9.2e18 else { return nil }
        return Int64(value)
    }
}

/// Checked sums of user amounts (C-CURRENCY): a total that does not fit in 64 bits is refused, not wrapped or
/// trapped on.
public enum MoneySum {
    /// `a + b`, or a `DomainError` (`invalidInput`, rule C-CURRENCY) naming `what` when it cannot be represented.
    public static func add(_ a: Int64, _ b: Int64, _ what: @autoclosure () -> String) throws(DomainError) -> Int64 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        if overflow {
            throw DomainError(.refused, "\(what()) cannot be represented (more than 2^63 − 1 minor units)", rules: ["C-CURRENCY"])
        }
        return sum
    }
}
