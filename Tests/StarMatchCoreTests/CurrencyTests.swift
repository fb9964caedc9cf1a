import Foundation
import StarMatchCore
import Testing

/// C-CURRENCY: ISO 4217 minor units, the policy's one set of rates, refusal where a sale enters, checked sums.
@Suite("C-CURRENCY: minor units, rates in one place, checked sums")
struct CurrencyTests {
    @Test("ISO 4217 minor units: 2 for USD/EUR, 0 for JPY/KRW, 3 for KWD/BHD; unlisted codes have none")
    func minorUnits() {
        #expect(ISO4217.minorUnit("USD") == 2 && ISO4217.minorUnit("EUR") == 2 && ISO4217.minorUnit("GBP") == 2)
        #expect(ISO4217.minorUnit("JPY") == 0 && ISO4217.minorUnit("KRW") == 0)
        #expect(ISO4217.minorUnit("KWD") == 3 && ISO4217.minorUnit("BHD") == 3)
        #expect(ISO4217.minorUnit("CLF") == 4)
        #expect(ISO4217.minorUnit("XAU") == nil && ISO4217.minorUnit("ABC") == nil && ISO4217.minorUnit("usd") == nil)
        #expect(ISO4217.codes.count > 150)
    }

    @Test("amounts are shown in the currency's own decimals, grouped by thousands")
    func format() {
        #expect(ISO4217.format(minor: 150_050, currency: "USD") == "1,500.50")
        #expect(ISO4217.format(minor: 1_500_000, currency: "JPY") == "1,500,000")
        #expect(ISO4217.format(minor: 1_250, currency: "KWD") == "1.250")
        #expect(ISO4217.format(minor: 5, currency: "USD") == "0.05")
        #expect(ISO4217.format(minor: -123_456, currency: "EUR") == "-1,234.56")
        #expect(ISO4217.format(minor: 0, currency: "JPY") == "0")
        #expect(ISO4217.format(minor: Int64.max, currency: "USD") == "92,233,720,368,547,758.07")
    }

    @Test("¥1,500,000 at 0.0067 is about USD 10,050, not USD 100.50")
    func conversion() {
        let rates = CurrencyRates(reference: "USD", rates: ["USD": 1, "JPY": 0.0067, "KWD": 3.25])
        #expect(abs(rates.referenceValue(minor: 1_500_000, currency: "JPY") - 10_050) < 1e-9)
        #expect(rates.referenceMinor(1_500_000, currency: "JPY") == 1_005_000)  // USD 10,050.00 in cents
        #expect(rates.referenceMinor(1_000, currency: "KWD") == 325)           // KWD 1.000 = USD 3.25
        #expect(rates.referenceValue(minor: 100, currency: "CHF") == 0)        // no rate: only legacy data can have one
        #expect(rates.referenceMinor(9.2e18, currency: "USD") == nil)          // cannot be represented
        #expect(rates.accepts("JPY") && !rates.accepts("CHF"))
    }

    @Test("the policy holds the rates: ISO codes only, positive rates, the reference at rate 1")
    func policyRates() throws {
        func error(_ json: String) -> ConfigError? {
            do { _ = try PolicyConfig.load(json: Data(json.utf8), source: "policy.json"); return nil } catch { return error }
        }
        let loaded = try PolicyConfig.load(json: Data(#"{"currencyRates": {"USD": 1, "JPY": 0.0067}}"#.utf8), source: "p")
        #expect(loaded.currencies.accepts("JPY") && !loaded.currencies.accepts("EUR"))
        #expect(PolicyConfig().currencies == .standard)
        #expect(error(#"{"currencyRates": {"USD": 1, "XYZ": 2}}"#)?.key == "currencyRates")
        #expect(error(#"{"currencyRates": {"USD": 1, "GBP": 0}}"#)?.key == "currencyRates")
        #expect(error(#"{"currencyRates": {"USD": 1, "GBP": -1.2}}"#)?.key == "currencyRates")
        #expect(error(#"{"currencyRates": {"USD": "one"}}"#)?.key == "currencyRates")
        #expect(error(#"{"currencyRates": {"GBP": 1.27}}"#)?.key == "referenceCurrency")
        #expect(error(#"{"referenceCurrency": "EUR"}"#)?.key == "referenceCurrency")
        let euro = try PolicyConfig.load(json: Data(#"{"referenceCurrency": "EUR", "currencyRates": {"EUR": 1, "USD": 0.93}}"#.utf8), source: "p")
        #expect(euro.currencies.reference == "EUR")
    }

    @Test("a sale in a currency without a rate is refused where it enters, naming it and the accepted ones (C-CURRENCY)")
    func refusedAtEntry() throws {
        let sale = { (currency: String) in
            Sale(id: "s1", creator: "c1", shop: "sh1", campaign: "k1", category: "beauty/skincare", orderedAt: now,
                 orders: 1, returnedOrders: 0, gmvMinor: 1_500_000, currency: currency)
        }
        let issues = sale("JPY").problems(refs: StubRefs(), config: PolicyConfig())
        let issue = try #require(issues.first)
        #expect(issues.count == 1 && issue.field == "currency" && issue.rule == "C-CURRENCY")
        #expect(issue.reason.contains("JPY") && issue.reason.contains("CAD, EUR, GBP, MXN, USD"))
        #expect(sale("USD").problems(refs: StubRefs(), config: PolicyConfig()).isEmpty)
        var config = PolicyConfig()
        config.currencyRates["JPY"] = 0.0067
        #expect(sale("JPY").problems(refs: StubRefs(), config: config).isEmpty)
        // Not a code at all: the format problem, not C-CURRENCY.
        #expect(sale("yen").problems(refs: StubRefs(), config: config).first?.rule == nil)
    }

    @Test("sums are checked: a total past 2^63 − 1 minor units is refused naming C-CURRENCY, never wrapped or trapped on")
    func checkedSums() throws {
        #expect(try MoneySum.add(Int64.max - 1, 1, "x") == Int64.max)
        #expect(throws: DomainError.self) { try MoneySum.add(Int64.max, 1, "x") }
        do {
            _ = try MoneySum.add(Int64.max, 1, "cr-1's GMV")
        } catch {
            #expect(error.rules == ["C-CURRENCY"] && error.message.contains("cr-1's GMV"))
        }
        // 1,100 sales of the largest accepted GMV (2^53 minor units) at a 100 % commission.
        let sales = (0..<1_100).map {
            Sale(id: SaleID("s\($0)"), creator: "c1", shop: "s1", campaign: "k1", category: "beauty", orderedAt: now,
                 orders: 1, returnedOrders: 0, gmvMinor: Int64(1) << 53, currency: "USD")
        }
        #expect(throws: DomainError.self) {
            try Commissions.lines(sales: sales, rates: CommissionRates(campaigns: ["k1": 100]), at: now, returnWindowDays: 30)
        }
        let fit = try Commissions.lines(sales: Array(sales.prefix(1_000)), rates: CommissionRates(campaigns: ["k1": 100]), at: now, returnWindowDays: 30)
        #expect(fit.first?.estimatedMinor == 1_000 * (Int64(1) << 53))
    }
}
