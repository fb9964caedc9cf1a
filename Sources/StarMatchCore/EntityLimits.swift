/// The value ranges every format (CSV, JSON Lines, API JSON) accepts for the entities' fields: one home,
/// read by the entity validation and held against the OpenAPI document by its tests.
///
/// Units: counts are whole numbers; money is in the currency's minor unit (C-CURRENCY); durations in seconds.
public enum EntityLimits {
    /// Longest free text (names, handles, notes, identity document keys), in UTF-8 bytes.
    public static let maxTextBytes = 512
    /// Followers of a creator and a campaign's `minFollowers` (E-FOLLOWERS, K-FOLLOWERS).
    public static let followers: ClosedRange<Int> = 0...Int(Int32.max)
    /// A shop's store performance score in percent (P-SHOPS compares it with 95).
    public static let shopScore: ClosedRange<Double> = 0...100
    /// A campaign's slots: at least one creator (M-WEEKLY gives a campaign at most its slots).
    public static let slots: ClosedRange<Int> = 1...1_000_000
    /// A campaign's commission in percent of the sale price (C-RATE).
    public static let commissionPercent: ClosedRange<Double> = 0...100
    /// Orders and returned orders on one sales line.
    public static let orders: ClosedRange<Int> = 0...1_000_000_000
    /// GMV of one sales line in minor units: below 2^53, so every value is exact in a JSON number.
    public static let gmvMinor: ClosedRange<Int64> = 0...(Int64(1) << 53)
    /// A product's price in minor units: below 2^53, so every value is exact in a JSON number.
    public static let priceMinor: ClosedRange<Int64> = 0...(Int64(1) << 53)
    /// Length of a video or LIVE (at most a week).
    public static let durationSeconds: ClosedRange<Int> = 0...(7 * 86_400)
    /// Points of one violation: at least 1, at most the top of the CHR scale (H-POINTS).
    public static func violationPoints(chrMax: Int) -> ClosedRange<Int> { 1...chrMax }
    /// A policy quiz's score in percent; 100 is perfect (H-POINTS).
    public static let quizScore: ClosedRange<Int> = 0...100
    /// Instants, in seconds since 1970: the years 0001–9999 (what ISO 8601 text with four-digit years can write).
    public static let instants: Range<Double> = -62_135_596_800 ..< 253_402_300_800
}
