public import Foundation
import Synchronization

/// A creator policy quiz taken (H-POINTS): a perfect score regains lost CHR points. Not the pilot's graduation
/// quiz (P-GRADUATE), which is `Creator.quizPassedAt`.
public struct PolicyQuiz: Sendable, Equatable, Codable {
    public var id: QuizID
    public var creator: CreatorID
    public var at: Date
    /// The score in percent, 0–100; 100 is a perfect score.
    public var score: Int

    public init(id: QuizID, creator: CreatorID, at: Date, score: Int) {
        self.id = id
        self.creator = creator
        self.at = at
        self.score = score
    }

    /// A perfect score (H-POINTS: only this regains points).
    public var isPerfect: Bool { score == EntityLimits.quizScore.upperBound }
}

/// H-POINTS earning: the kept orders of one creator's sales validated (C-VALIDATE) within one quota week
/// (P-WEEK), credited at the end of that week. Instants in Unix seconds.
public struct EarningWeek: Sendable, Equatable, Comparable {
    /// The end of the quota week the orders were validated in: when their points are credited.
    public var creditedAt: Int64
    public var keptOrders: Int

    public init(creditedAt: Int64, keptOrders: Int) {
        self.creditedAt = creditedAt
        self.keptOrders = keptOrders
    }

    public static func < (a: Self, b: Self) -> Bool { (a.creditedAt, a.keptOrders) < (b.creditedAt, b.keptOrders) }

    /// Adds `orders` (negative: removes them) to the week credited at `creditedAt` in a list sorted by
    /// `creditedAt`, dropping a week left with none.
    /// - Returns: `false` when the count would overflow (the list is unchanged then).
    public static func add(_ orders: Int, creditedAt: Int64, to weeks: inout [EarningWeek]) -> Bool {
        guard orders != 0 else { return true }
        var low = 0, high = weeks.count
        while low < high {
            let mid = (low + high) / 2
            if weeks[mid].creditedAt < creditedAt { low = mid + 1 } else { high = mid }
        }
        if low < weeks.count, weeks[low].creditedAt == creditedAt {
            let (sum, overflow) = weeks[low].keptOrders.addingReportingOverflow(orders)
            guard !overflow else { return false }
            if sum == 0 { weeks.remove(at: low) } else { weeks[low].keptOrders = sum }
        } else {
            weeks.insert(EarningWeek(creditedAt: creditedAt, keptOrders: orders), at: low)
        }
        return true
    }
}

/// The health bands of H-POINTS.
public enum HealthBand: String, Sendable, Codable, CaseIterable {
    /// CHR at or above good standing (200–1,000).
    case healthy
    /// Above the floor, below good standing (151–199).
    case caution
    /// At or below the floor (≤ 150): not matched (H-FLOOR).
    case unhealthy
}

/// H-MILESTONE: a CHR level whose reaching triggers an enforcement step; restrictions grow at each.
public struct HealthMilestone: Sendable, Equatable {
    /// The milestone's CHR: 150, 100, 50 or 0.
    public var chr: Int
    /// 1 at 150 … 4 at 0.
    public var step: Int
    /// When CHR last fell to or below it (`nil`: the account started there).
    public var reachedAt: Date?

    public init(chr: Int, step: Int, reachedAt: Date?) {
        self.chr = chr
        self.step = step
        self.reachedAt = reachedAt
    }

    /// What the enforcement step means (H-MILESTONE; the documents say only that restrictions grow at each
    /// milestone, so StarMatch states its reading). Every step is at or below the floor: not matched (H-FLOOR).
    public var enforcement: String {
        switch step {
        case 1: return "warning: not matched, no samples or campaigns (H-FLOOR)"
        case 2: return "restricted: no new product links or shop promotions"
        case 3: return "e-commerce permission suspended"
        default: return "e-commerce permission revoked"
        }
    }
}

/// A creator's Creator Health Rating at an instant and how it got there (H-POINTS, H-MILESTONE).
public struct CreatorHealth: Sendable, Equatable {
    public var chr: Int
    public var band: HealthBand
    /// Points of the violations up to the instant that no appeal overturned by then.
    public var violationPoints: Int
    /// Points credited for validated kept orders (after the weekly cap and the top of the scale).
    public var earnedPoints: Int
    /// Points won back by perfect quizzes from violations still in effect (an appeal takes its violation out of
    /// `violationPoints` instead). Away from the clamps at 0 and the top, CHR = start − `violationPoints` +
    /// `earnedPoints` + `regainedPoints`.
    public var regainedPoints: Int
    /// The lowest milestone CHR is at or below now, if any (H-MILESTONE).
    public var milestone: HealthMilestone?

    public init(chr: Int, band: HealthBand, violationPoints: Int, earnedPoints: Int, regainedPoints: Int, milestone: HealthMilestone?) {
        self.chr = chr
        self.band = band
        self.violationPoints = violationPoints
        self.earnedPoints = earnedPoints
        self.regainedPoints = regainedPoints
        self.milestone = milestone
    }
}

extension Policy {
    /// H-MILESTONE: the milestones in order, highest first.
    public static let healthMilestones = [150, 100, 50, 0]

    /// The band of a CHR (H-POINTS): healthy from good standing (H-GOOD), unhealthy at or below the floor (H-FLOOR).
    public func band(_ chr: Int) -> HealthBand {
        chr >= config.chrGoodStanding ? .healthy : chr > config.chrFloor ? .caution : .unhealthy
    }

    /// H-POINTS: when the kept orders of a sale ordered at `orderedAt` (Unix seconds) earn their points: the end of
    /// the quota week (P-WEEK, a calendar week) in which the sale is validated (C-VALIDATE: its return window over).
    public func earningCredit(orderedAt: Int64) -> Int64 {
        QuotaWeekEnds.shared.end(containing: orderedAt + Int64(config.returnWindowDays) * 86_400, zone: config.quotaTimeZone) { config.timeZone }
    }

    /// Adds a sale's kept orders (`sign` −1: removes them) to their earning week in `weeks` (sorted); nothing for a
    /// sale without kept orders. The one way an earning week is counted, whether from history, a record or an import.
    /// - Returns: `false` when the week's count would overflow (`weeks` is unchanged then).
    public func earn(keptOrders: Int, orderedAt: Int64, sign: Int = 1, into weeks: inout [EarningWeek]) -> Bool {
        guard keptOrders > 0 else { return true }
        return EarningWeek.add(sign * keptOrders, creditedAt: earningCredit(orderedAt: orderedAt), to: &weeks)
    }

    /// The earning weeks of `sales` (`EarningWeek`), sorted; `nil` when a week's count would overflow.
    public func earnings(of sales: [Sale]) -> [EarningWeek]? {
        var weeks: [EarningWeek] = []
        for sale in sales {
            guard earn(keptOrders: sale.keptOrders, orderedAt: Int64(sale.orderedAt.timeIntervalSince1970.rounded(.down)), into: &weeks) else { return nil }
        }
        return weeks
    }

    /// H-POINTS: the creator's CHR at `instant`, walking its history in time order from `chrStart` and staying
    /// within 0…`chrMax` after every step:
    /// - a violation subtracts its points;
    /// - an appeal (`Violation.appealedAt`) gives back what that violation took (after the clamp at 0) and quizzes
    ///   had not won back yet;
    /// - a perfect policy quiz wins back up to `chrQuizRegainPoints` of the points violations still in effect took and
    ///   were not won back yet, earliest violation first (never more than was lost);
    /// - at the end of each quota week, the kept orders validated in it earn `chrPointsPerKeptOrder` each, at
    ///   most `chrWeeklyEarningCap` a week.
    /// Events at one instant apply in that order (violations, appeals, quizzes, earnings), then by id.
    public func health(violations: [Violation], quizzes: [PolicyQuiz], earnings: [EarningWeek], at instant: Date) -> CreatorHealth {
        var walk = HealthWalk(policy: self)
        walk.run(violations: violations, quizzes: quizzes, earnings: earnings, until: Int64(instant.timeIntervalSince1970.rounded(.down)))
        return walk.health
    }

    /// The highest CHR the creator has at any instant (the scoring bound's ceiling: its health is never better).
    public func chrCeiling(violations: [Violation], quizzes: [PolicyQuiz], earnings: [EarningWeek]) -> Int {
        var walk = HealthWalk(policy: self)
        walk.run(violations: violations, quizzes: quizzes, earnings: earnings, until: .max)
        return walk.ceiling
    }
}

/// The one walk of H-POINTS over a creator's history (`Policy.health`).
struct HealthWalk {
    let policy: Policy
    var chr: Int
    var ceiling: Int
    /// Per violation still in effect (in the order they happened): the points it took (as actually lost, after the
    /// clamp at 0) and how many of them quizzes won back.
    var taken: [(id: String, took: Int, wonBack: Int)] = []
    var violationPoints = 0
    var earned = 0
    var regained = 0
    /// Per milestone (`Policy.healthMilestones`), when CHR last fell to it; `.some(nil)` from the start.
    var reached: [Date??]

    init(policy: Policy) {
        self.policy = policy
        chr = min(policy.config.chrMax, max(0, policy.config.chrStart))
        ceiling = chr
        reached = Policy.healthMilestones.map { [chr] m in chr <= m ? .some(nil) : nil }
    }

    var health: CreatorHealth {
        var milestone: HealthMilestone?
        for (i, m) in Policy.healthMilestones.enumerated() {
            if let at = reached[i] { milestone = HealthMilestone(chr: m, step: i + 1, reachedAt: at) }
        }
        return CreatorHealth(chr: chr, band: policy.band(chr), violationPoints: violationPoints, earnedPoints: earned,
                             regainedPoints: regained, milestone: milestone)
    }

    private mutating func move(to value: Int, at t: Int64) {
        let next = min(policy.config.chrMax, max(0, value))
        for (i, m) in Policy.healthMilestones.enumerated() {
            if next <= m, chr > m { reached[i] = .some(Date(timeIntervalSince1970: Double(t))) }
            if next > m { reached[i] = nil }
        }
        chr = next
        ceiling = max(ceiling, next)
    }

    mutating func run(violations: [Violation], quizzes: [PolicyQuiz], earnings: [EarningWeek], until: Int64) {
        enum Step { case violation(Int), appeal(Int), quiz, earning(Int) }
        var steps: [(at: Int64, order: Int, id: String, step: Step)] = []
        steps.reserveCapacity(violations.count * 2 + quizzes.count + earnings.count)
        func seconds(_ d: Date) -> Int64 { Int64(d.timeIntervalSince1970.rounded(.down)) }
        for v in violations {
            let at = seconds(v.at)
            guard at <= until else { continue }
            steps.append((at, 0, v.id.rawValue, .violation(v.points)))
            if let appealed = v.appealedAt.map(seconds), appealed <= until { steps.append((max(at, appealed), 1, v.id.rawValue, .appeal(v.points))) }
        }
        for q in quizzes where q.isPerfect && seconds(q.at) <= until { steps.append((seconds(q.at), 2, q.id.rawValue, .quiz)) }
        for e in earnings where e.creditedAt <= until && e.keptOrders > 0 { steps.append((e.creditedAt, 3, "", .earning(e.keptOrders))) }
        steps.sort { ($0.at, $0.order, $0.id) < ($1.at, $1.order, $1.id) }
        let config = policy.config
        for s in steps {
            switch s.step {
            case .violation(let points):
                let before = chr
                violationPoints += points
                move(to: chr - points, at: s.at)
                taken.append((s.id, before - chr, 0))
            case .appeal(let points):
                // The violation is gone: what it took and quizzes had not won back comes back, and what they had won
                // back of it no longer counts as won back (it is the appeal's now).
                violationPoints -= points
                guard let i = taken.firstIndex(where: { $0.id == s.id }) else { break }
                let entry = taken.remove(at: i)
                regained -= entry.wonBack
                move(to: chr + entry.took - entry.wonBack, at: s.at)
            case .quiz:
                // Up to `chrQuizRegainPoints` of what violations took and was not won back yet, earliest first, and
                // no more than the scale has room for (what is won back is exactly what CHR gains).
                var budget = min(config.chrQuizRegainPoints, config.chrMax - chr)
                let before = chr
                var back = 0
                for i in taken.indices where budget > 0 {
                    let open = taken[i].took - taken[i].wonBack
                    let part = min(open, budget)
                    taken[i].wonBack += part
                    budget -= part
                    back += part
                }
                move(to: chr + back, at: s.at)
                regained += chr - before
            case .earning(let orders):
                let (product, overflow) = orders.multipliedReportingOverflow(by: config.chrPointsPerKeptOrder)
                let points = overflow ? config.chrWeeklyEarningCap : min(config.chrWeeklyEarningCap, product)
                let before = chr
                move(to: chr + points, at: s.at)
                earned += chr - before
            }
        }
    }
}

/// The ends of quota weeks (P-WEEK) by instant, computed once per week and zone per process: the earning
/// weeks of H-POINTS are needed for every sale of a bulk import, where a calendar computation per sale is too slow.
final class QuotaWeekEnds: Sendable {
    static let shared = QuotaWeekEnds()
    /// Per zone identifier, the start of the quota week whose Monday falls in each UTC week (Monday-based index).
    private let starts = Mutex<[String: WeekStarts]>([:])

    /// One zone's week starts (a box: a call looks its zone up once, then its weeks by number); read and written
    /// only under the lock of `starts`.
    private final class WeekStarts: @unchecked Sendable {
        var byUTCWeek: [Int64: Int64] = [:]
    }

    /// The UTC week (Monday 00:00 UTC based) an instant is in.
    private static func utcWeek(_ t: Int64) -> Int64 {
        let shifted = t + 3 * 86_400  // 1970-01-01 was a Thursday: Monday 1969-12-29 starts week 0
        return shifted >= 0 ? shifted / 604_800 : (shifted - 604_799) / 604_800
    }

    /// The end (Unix seconds) of the quota week containing `t`: equal to `QuotaWeek(containing:timeZone:).end`.
    /// One lock per call; a week's start is computed by the calendar once.
    func end(containing t: Int64, timeZone: TimeZone) -> Int64 {
        end(containing: t, zone: timeZone.identifier) { timeZone }
    }

    /// `end(containing:timeZone:)` by the zone's identifier, the zone itself made (`timeZone`) only for a week not
    /// computed yet (an import asks once per sale).
    func end(containing t: Int64, zone: String, timeZone: () -> TimeZone) -> Int64 {
        let w = Self.utcWeek(t)
        return starts.withLock { all in
            let weeks: WeekStarts
            if let known = all[zone] {
                weeks = known
            } else {
                weeks = WeekStarts()
                all[zone] = weeks
            }
            func start(_ w: Int64) -> Int64 {
                if let s = weeks.byUTCWeek[w] { return s }
                // Noon UTC on the Monday of UTC week w falls on that Monday or the next day in every zone within
                // ±12 h, so in the quota week that Monday starts; consecutive w give consecutive weeks.
                let noon = Double(w * 604_800 - 3 * 86_400 + 43_200)
                let s = Int64(QuotaWeek(containing: Date(timeIntervalSince1970: noon), timeZone: timeZone()).start.timeIntervalSince1970)
                weeks.byUTCWeek[w] = s
                return s
            }
            var candidate = w - 1
            while start(candidate + 1) <= t { candidate += 1 }
            while start(candidate) > t { candidate -= 1 }
            return start(candidate + 1)
        }
    }
}
