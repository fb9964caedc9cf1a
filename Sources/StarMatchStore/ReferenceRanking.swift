public import Foundation
import GRDB
public import StarMatchCore

extension StarMatchStore {
    /// A plain-SQL computation of a campaign's ranking, for benchmarks and cross-checks: the same score
    /// formula as `Scorer` (niche fit, validated decayed sales against the population's percentile,
    /// CHR health, log audience, fulfilment prior), straight from the raw tables with no precomputation.
    /// Eligibility and CHR are the policy engine's: the caller passes the eligible creators with their CHR at the
    /// instant (H-POINTS walks a history with appeals, quizzes and weekly earnings: one implementation, the core's);
    /// M-NICHE (the profile's `minimumNiche`, by default any positive fit) is applied here.
    /// - Returns: (creator id, score) best first, equal scores by id.
    public func referenceRanking(
        campaign: Campaign, eligible: [(id: CreatorID, chr: Int)], profile: ScoringProfile, at instant: Date, limit: Int
    ) throws -> [(CreatorID, Double)] {
        let w = profile.weights
        let sum = w.sum
        let t = UpsertSQL.seconds(instant)
        let categories = String(decoding: try JSONEncoder().encode(campaign.categories.map(\.rawValue)), as: UTF8.self)
        // C-CURRENCY: each currency's minor units by its ISO 4217 exponent, then its rate.
        let rates = profile.currencyRates.valuations.map { "WHEN \(sqlString($0.key)) THEN \($0.value.rate) / \($0.value.minorUnitsPerMajor)" }.joined(separator: " ")
        let floor = Double(config.chrFloor), good = Double(config.chrGoodStanding), half = Scorer.healthAtGoodStanding
        let validated = t - Int64(config.returnWindowDays) * 86_400
        let sql = """
            WITH
            value AS (
              SELECT s.creator_id AS id,
                     SUM(s.gmv_minor * 1.0 * (s.orders - s.returned_orders) / s.orders
                         * (CASE s.currency \(rates) ELSE 0 END)
                         * pow(2.0, -(:t - s.ordered_at) / (:halfLife * 86400.0))) AS total,
                     SUM(s.gmv_minor * 1.0 * (s.orders - s.returned_orders) / s.orders
                         * (CASE s.currency \(rates) ELSE 0 END)
                         * pow(2.0, -(:t - s.ordered_at) / (:halfLife * 86400.0))
                         * (CASE WHEN EXISTS (SELECT 1 FROM json_each(:cats) c WHERE s.category = c.value OR s.category LIKE c.value || '/%')
                                 THEN 1.0 ELSE :other END)) AS weighted
              FROM sales s
              WHERE s.ordered_at <= :validated AND s.orders > 0 AND s.orders > s.returned_orders
              GROUP BY s.creator_id
            ),
            positive AS (SELECT total, ROW_NUMBER() OVER (ORDER BY total) AS n, COUNT(*) OVER () AS m FROM value WHERE total > 0),
            reference AS (SELECT COALESCE((SELECT total FROM positive WHERE n = MAX(1, CAST(ceil(:percentile * m - 1e-9) AS INTEGER))), 0) AS ref),
            niche AS (
              SELECT cr.id AS id, MAX(CASE
                  WHEN n.value = c.value OR n.value LIKE c.value || '/%' THEN :exact
                  WHEN c.value LIKE n.value || '/%' THEN :broader
                  WHEN substr(n.value, 1, instr(n.value || '/', '/') - 1) = substr(c.value, 1, instr(c.value || '/', '/') - 1) THEN :shared
                  ELSE 0 END) AS fit
              FROM eligible_ref e JOIN creators cr ON cr.id = e.id,
                   json_each('["' || replace(cr.niches, ';', '","') || '"]') n, json_each(:cats) c
              WHERE cr.niches != ''
              GROUP BY cr.id
            ),
            scored AS (
              SELECT cr.id AS id,
                     :wn * COALESCE(niche.fit, 0)
                   + :ws * (CASE WHEN (SELECT ref FROM reference) > 0 AND COALESCE(value.weighted, 0) > 0
                                 THEN min(1.0, ln(1 + value.weighted) / ln(1 + (SELECT ref FROM reference))) ELSE 0 END)
                   + :wh * (CASE WHEN e.chr <= :floor THEN 0.0
                                 WHEN e.chr < :good THEN :half * (e.chr - :floor) / (:good - :floor)
                                 WHEN :top <= :good THEN 1.0
                                 ELSE min(1.0, :half + (1 - :half) * (e.chr - :good) / (:top - :good)) END)
                   + :wa * min(1.0, log10(1 + cr.followers) / log10(1 + :full))
                   + :wf * :prior AS score
              FROM eligible_ref e JOIN creators cr ON cr.id = e.id
              LEFT JOIN niche ON niche.id = cr.id
              LEFT JOIN value ON value.id = cr.id
              WHERE CASE WHEN :minNiche IS NULL THEN COALESCE(niche.fit, 0) > 0 ELSE COALESCE(niche.fit, 0) >= :minNiche END
            )
            SELECT id, score FROM scored ORDER BY score DESC, id ASC LIMIT :limit
            """
        let arguments: StatementArguments = [
            "t": t, "halfLife": profile.salesHalfLifeDays, "cats": categories, "other": profile.salesOtherCategoryWeight,
            "validated": validated, "percentile": profile.salesReferencePercentile, "exact": profile.nicheExact,
            "broader": profile.nicheBroader, "shared": profile.nicheSharedParent, "wn": w.niche / sum, "ws": w.sales / sum,
            "wh": w.health / sum, "wa": w.audience / sum, "wf": w.fulfilment / sum, "good": good, "half": half, "floor": floor, "top": profile.healthTop, "full": profile.audienceFullAtFollowers,
            "prior": profile.fulfilmentPrior, "limit": limit, "minNiche": profile.minimumNiche,
        ]
        return try writer.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE IF EXISTS temp.eligible_ref; CREATE TEMP TABLE eligible_ref (id TEXT PRIMARY KEY, chr REAL NOT NULL) WITHOUT ROWID")
            let insert = try db.makeStatement(sql: "INSERT INTO eligible_ref (id, chr) VALUES (?, ?)")
            try db.inTransaction {
                for e in eligible { try insert.execute(arguments: [e.id.rawValue, e.chr]) }
                return .commit
            }
            defer { try? db.execute(sql: "DELETE FROM eligible_ref") }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { (CreatorID($0[0] as String), $0[1] as Double) }
        }
    }

    private func sqlString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
}
