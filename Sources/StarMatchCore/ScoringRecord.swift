public import Foundation

/// What the scoring state's records are relative to: the sales they have settled, the half-lives they keep
/// sums for, and the taxonomy their category ids index.
public struct ScoringFrame: Sendable {
    /// Sales ordered at or before this instant (Unix seconds) are in the records' sums; later ones are read
    /// from the sales history when an instant needs them. `Int64.min`: nothing settled yet.
    public var settledThrough: Int64
    /// The half-lives the records keep sales sums for, in order (`ScoringRecord.settledSales` is parallel).
    public var decays: [SalesDecay]
    public let table: CategoryTable
    /// The policy the records' earning weeks are reckoned by (H-POINTS: the return window and the quota week's zone).
    public let policy: Policy

    public init(settledThrough: Int64, decays: [SalesDecay], table: CategoryTable, policy: Policy) {
        self.settledThrough = settledThrough
        self.decays = decays
        self.table = table
        self.policy = policy
    }
}

/// A sample shipped to a creator (M-FULFIL): when its match reached `sampleShipped` and, if it did, when it
/// reached `contentPosted` (Unix seconds).
public struct Shipment: Sendable, Equatable, Comparable {
    public var shippedAt: Int64
    public var postedAt: Int64?

    public init(shippedAt: Int64, postedAt: Int64?) {
        self.shippedAt = shippedAt
        self.postedAt = postedAt
    }

    public static func < (a: Shipment, b: Shipment) -> Bool {
        (a.shippedAt, a.postedAt ?? Int64.max) < (b.shippedAt, b.postedAt ?? Int64.max)
    }
}

/// The figures of one sales line that scoring sums (instants in Unix seconds, GMV in minor units).
public struct SaleLine: Sendable, Equatable {
    public var category: CategoryPath
    public var orderedAt: Int64
    public var orders: Int
    public var returned: Int
    public var gmvMinor: Int64
    public var currency: String

    public init(category: CategoryPath, orderedAt: Int64, orders: Int, returned: Int, gmvMinor: Int64, currency: String) {
        self.category = category
        self.orderedAt = orderedAt
        self.orders = orders
        self.returned = returned
        self.gmvMinor = gmvMinor
        self.currency = currency
    }
}

/// One creator's scoring state: everything its standing and scoring inputs at any instant are computed from,
/// without reading its history again.
///
/// - The creator itself, its violations, policy quizzes and content events (few per creator; H-POINTS, P-COUNT,
///   P-GRADUATE read them at the instant), its shipped samples (M-FULFIL) and its place on its identity document (E-IDDOC).
/// - The kept orders of its settled sales by the quota week they earn CHR in (`EarningWeek`, H-POINTS); those of
///   sales not settled yet are added at read time like their sums.
/// - Its sales as `SalesSums` per half-life, over the sales settled in the frame (ordered at or before
///   `ScoringFrame.settledThrough`); sales after that are added at read time from history (the few near the
///   instant), those before an earlier instant's validation boundary subtracted.
/// - A pilot affiliate's own sales (P-GRADUATE counts its orders since the pilot started).
///
/// A record is built from stored rows by `init`, `settle` and `keepPilotSale` and kept in one canonical form (lists sorted by
/// instant and id), so a record maintained write by write and one recomputed from history are equal,
/// byte for byte once encoded.
public struct ScoringRecord: Sendable, Equatable {
    public var creator: Creator
    public var violations: [Violation]
    public var quizzes: [PolicyQuiz]
    public var contentEvents: [ContentEvent]
    public var shipments: [Shipment]
    /// Accounts on the same identity document registered before this one (`nil` without a document).
    public var earlierAccountsOnDocument: Int?
    /// Parallel to `ScoringFrame.decays`.
    public var settledSales: [SalesSums]
    /// The settled sales' kept orders by earning week, sorted.
    public var earnings: [EarningWeek]
    /// Only for a pilot affiliate (`keepsPilotSales`).
    public var pilotSales: [Sale]

    public init(creator: Creator, violations: [Violation], quizzes: [PolicyQuiz] = [], contentEvents: [ContentEvent], shipments: [Shipment],
                earlierAccountsOnDocument: Int?, decays: Int) {
        self.creator = creator
        self.violations = violations.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        self.quizzes = quizzes.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        self.contentEvents = contentEvents.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        self.shipments = shipments.sorted()
        self.earlierAccountsOnDocument = earlierAccountsOnDocument
        settledSales = Array(repeating: SalesSums(), count: decays)
        earnings = []
        pilotSales = []
    }

    /// Whether the creator's own sales are kept (P-GRADUATE: an affiliate that entered the pilot).
    public var keepsPilotSales: Bool { creator.kind == .affiliate && creator.pilotStartedAt != nil }

    /// Adds (`sign` 1) or removes (−1) one of the creator's sales to the settled sums (when its category is in the
    /// taxonomy) and its kept orders to their earning week, when the frame has settled it (ordered at or before
    /// `settledThrough`).
    /// - Returns: `false` when a sum would overflow (nothing is changed then).
    public mutating func settle(_ line: SaleLine, frame: ScoringFrame, sign: Int = 1) -> Bool {
        guard line.orderedAt <= frame.settledThrough else { return true }
        var weeks = earnings
        guard Self.earn(line, sign: sign, policy: frame.policy, into: &weeks) else { return false }
        guard let id = frame.table.id(line.category) else { earnings = weeks; return true }
        var sums = settledSales
        for (i, decay) in frame.decays.enumerated() {
            guard sums[i].add(category: id, orderedAt: line.orderedAt, orders: line.orders, returned: line.returned,
                              gmvMinor: line.gmvMinor, currency: line.currency, decay: decay, sign: sign) else { return false }
        }
        settledSales = sums
        earnings = weeks
        return true
    }

    /// Adds a sales line's kept orders (`sign` −1: removes them) to its earning week (H-POINTS).
    /// - Returns: `false` on overflow.
    public static func earn(_ line: SaleLine, sign: Int, policy: Policy, into weeks: inout [EarningWeek]) -> Bool {
        policy.earn(keptOrders: line.orders - line.returned, orderedAt: line.orderedAt, sign: sign, into: &weeks)
    }

    /// Keeps one of a pilot affiliate's sales (`keepsPilotSales`), in (order instant, id) order.
    public mutating func keepPilotSale(_ sale: Sale) {
        let at = pilotSales.firstIndex { ($0.orderedAt, $0.id) > (sale.orderedAt, sale.id) } ?? pilotSales.endIndex
        pilotSales.insert(sale, at: at)
    }

    /// Adds new rows at once: violations, quizzes and content events (kept in canonical order), sums of settled
    /// sales (parallel to `settledSales`) and their earning weeks, and pilot sales (kept only when `keepsPilotSales`).
    /// - Returns: `false` when a sum would overflow (nothing is changed then).
    public mutating func add(violations newViolations: [Violation], quizzes newQuizzes: [PolicyQuiz] = [], contentEvents newEvents: [ContentEvent],
                             sums: [SalesSums], earnings newEarnings: [EarningWeek] = [], pilotSales newSales: [Sale]) -> Bool {
        var merged = settledSales
        for i in merged.indices where i < sums.count {
            guard merged[i].merge(sums[i]) else { return false }
        }
        var weeks = earnings
        for week in newEarnings {
            guard EarningWeek.add(week.keptOrders, creditedAt: week.creditedAt, to: &weeks) else { return false }
        }
        settledSales = merged
        earnings = weeks
        if !newQuizzes.isEmpty { quizzes = (quizzes + newQuizzes).sorted { ($0.at, $0.id) < ($1.at, $1.id) } }
        if !newViolations.isEmpty { violations = (violations + newViolations).sorted { ($0.at, $0.id) < ($1.at, $1.id) } }
        if !newEvents.isEmpty { contentEvents = (contentEvents + newEvents).sorted { ($0.at, $0.id) < ($1.at, $1.id) } }
        if keepsPilotSales && !newSales.isEmpty { pilotSales = (pilotSales + newSales).sorted { ($0.orderedAt, $0.id) < ($1.orderedAt, $1.id) } }
        return true
    }

    /// The facts the policy reads (`Policy.standing`).
    public var facts: CreatorFacts {
        CreatorFacts(violations: violations, contentEvents: contentEvents, sales: pilotSales, quizzes: quizzes, earnings: earnings,
                     earlierAccountsOnDocument: earlierAccountsOnDocument)
    }

    /// M-FULFIL at `instant`.
    public func fulfilment(at instant: Date, windowDays: Int) -> SampleFulfilment {
        var result = SampleFulfilment()
        for shipment in shipments {
            result.add(shippedAt: Date(timeIntervalSince1970: Double(shipment.shippedAt)),
                       postedAt: shipment.postedAt.map { Date(timeIntervalSince1970: Double($0)) }, at: instant, windowDays: windowDays)
        }
        return result
    }
}

// MARK: Binary form

/// The record's stored form: a version byte, then the creator, its lists and its sums, numbers as LEB128
/// varints (signed ones zig-zag encoded), entities field by field through their schema (`EntityField`).
extension ScoringRecord {
    /// 2: quizzes and earning weeks (H-POINTS both ways).
    static let formatVersion: UInt8 = 2

    public func encoded() -> [UInt8] {
        var out = ByteWriter()
        out.bytes.reserveCapacity(256)
        out.byte(Self.formatVersion)
        out.entity(creator)
        out.count(violations.count)
        for v in violations { out.entity(v) }
        out.count(quizzes.count)
        for q in quizzes { out.entity(q) }
        out.count(contentEvents.count)
        for e in contentEvents { out.entity(e) }
        out.count(shipments.count)
        for s in shipments {
            out.signed(s.shippedAt)
            if let posted = s.postedAt { out.byte(1); out.signed(posted) } else { out.byte(0) }
        }
        out.count(earlierAccountsOnDocument.map { $0 + 1 } ?? 0)
        out.count(settledSales.count)
        for sums in settledSales {
            out.count(sums.entries.count)
            for e in sums.entries {
                out.signed(Int64(e.category))
                out.string(e.currency)
                out.signed(Int64(e.era))
                out.signed(Int64(truncatingIfNeeded: e.amount >> 64))
                out.unsigned(UInt64(truncatingIfNeeded: e.amount))
                out.signed(e.keptOrders)
            }
        }
        out.count(earnings.count)
        for e in earnings {
            out.signed(e.creditedAt)
            out.signed(Int64(e.keptOrders))
        }
        out.count(pilotSales.count)
        for s in pilotSales { out.entity(s) }
        return out.bytes
    }

    /// Decodes `encoded()`.
    /// - Throws: `ScoringRecordDamaged` naming what could not be read.
    public init(decoding bytes: UnsafeRawBufferPointer) throws {
        var r = ByteReader(bytes)
        guard try r.byte() == Self.formatVersion else { throw ScoringRecordDamaged(reason: "unknown record format") }
        creator = try r.entity()
        violations = try (0..<r.count()).map { _ in try r.entity() }
        quizzes = try (0..<r.count()).map { _ in try r.entity() }
        contentEvents = try (0..<r.count()).map { _ in try r.entity() }
        shipments = try (0..<r.count()).map { _ in
            let shipped = try r.signed()
            return Shipment(shippedAt: shipped, postedAt: try r.byte() == 1 ? try r.signed() : nil)
        }
        let earlier = try r.count()
        earlierAccountsOnDocument = earlier == 0 ? nil : earlier - 1
        settledSales = try (0..<r.count()).map { _ in
            SalesSums(entries: try (0..<r.count()).map { _ in
                let category = Int32(truncatingIfNeeded: try r.signed())
                let currency = try r.string()
                let era = Int32(truncatingIfNeeded: try r.signed())
                let high = try r.signed()
                let low = try r.unsigned()
                return SalesSums.Entry(category: category, currency: currency, era: era,
                                       amount: Int128(high) << 64 | Int128(low), keptOrders: try r.signed())
            })
        }
        earnings = try (0..<r.count()).map { _ in
            EarningWeek(creditedAt: try r.signed(), keptOrders: Int(truncatingIfNeeded: try r.signed()))
        }
        pilotSales = try (0..<r.count()).map { _ in try r.entity() }
        guard r.atEnd else { throw ScoringRecordDamaged(reason: "trailing bytes") }
    }
}

/// A stored scoring record that cannot be read.
public struct ScoringRecordDamaged: Error, Sendable, Equatable {
    public var reason: String
}

struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func unsigned(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    mutating func count(_ n: Int) { unsigned(UInt64(n)) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            count(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func value(_ v: FieldValue) {
        switch v {
        case .null: byte(0)
        case .text(let s): byte(1); string(s)
        case .integer(let i): byte(2); signed(i)
        case .number(let d): byte(3); unsigned(d.bitPattern)
        case .boolean(let b): byte(b ? 5 : 4)
        case .day(let d): byte(6); signed(Int64(d.year)); byte(UInt8(d.month)); byte(UInt8(d.day))
        case .instant(let t): byte(7); signed(Int64(t.timeIntervalSince1970.rounded(.down)))
        case .list(let items): byte(8); count(items.count); for item in items { string(item) }
        }
    }

    mutating func entity<E: SchemaEntity>(_ e: E) {
        for field in E.fields { value(field.get(e)) }
    }
}

struct ByteReader {
    let base: UnsafeRawBufferPointer
    var offset = 0

    init(_ base: UnsafeRawBufferPointer) { self.base = base }

    var atEnd: Bool { offset == base.count }

    mutating func byte() throws -> UInt8 {
        guard offset < base.count else { throw ScoringRecordDamaged(reason: "truncated") }
        defer { offset += 1 }
        return base[offset]
    }

    mutating func unsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw ScoringRecordDamaged(reason: "varint too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func signed() throws -> Int64 {
        let u = try unsigned()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    mutating func count() throws -> Int {
        let n = try unsigned()
        guard n <= UInt64(base.count) * 8 + 1 else { throw ScoringRecordDamaged(reason: "impossible count") }
        return Int(n)
    }

    mutating func string() throws -> String {
        let n = try count()
        guard offset + n <= base.count else { throw ScoringRecordDamaged(reason: "truncated") }
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: base[offset..<offset + n]), as: UTF8.self)
    }

    mutating func value() throws -> FieldValue {
        switch try byte() {
        case 0: return .null
        case 1: return .text(try string())
        case 2: return .integer(try signed())
        case 3: return .number(Double(bitPattern: try unsigned()))
        case 4: return .boolean(false)
        case 5: return .boolean(true)
        case 6:
            let year = try signed()
            let month = try byte()
            guard let day = CalendarDay(year: Int(year), month: Int(month), day: Int(try byte())) else {
                throw ScoringRecordDamaged(reason: "impossible day")
            }
            return .day(day)
        case 7: return .instant(Date(timeIntervalSince1970: Double(try signed())))
        case 8: return .list(try (0..<count()).map { _ in try string() })
        default: throw ScoringRecordDamaged(reason: "unknown value tag")
        }
    }

    mutating func entity<E: SchemaEntity>() throws -> E {
        var e = E.blank
        for field in E.fields {
            if let problem = field.set(&e, try value()) { throw ScoringRecordDamaged(reason: "\(E.kind) \(field.member): \(problem)") }
        }
        return e
    }
}
