public import Foundation
public import StarMatchCore

extension StarMatchStore {
    /// P-GRADUATE: records that a pilot creator invited to the quiz passed it at `now`; from then on it is
    /// graduated and the pilot's limits no longer apply.
    /// - Throws: `DomainError`: `refused` (P-GRADUATE) naming the creator's pilot state when it was not
    ///   invited; `notFound` for an unknown creator.
    @discardableResult
    public func recordQuizPassed(creator id: CreatorID, at now: Date) throws -> CreatorStanding {
        guard let creator = try creator(id) else { throw DomainError.notFound("unknown creator '\(id)'") }
        let standing = try standing(of: creator, at: now)
        guard standing.pilot == .quizInvited else {
            throw DomainError.refused(rules: ["P-GRADUATE"],
                "\(id) is not invited to the quiz (pilot state: \(standing.pilot.name)); only invited creators can pass it", field: "creator")
        }
        defer { entityCache.invalidate() }
        try sqlWrite { db in
            try db.execute("UPDATE creators SET quiz_passed_at = ? WHERE id = ?", [.integer(UpsertSQL.seconds(now)), .text(id.rawValue)])
            var change = ScoringChange()
            change.touch(id.rawValue)
            try dataChanged(db, change)
        }
        return try self.standing(of: try self.creator(id)!, at: now)
    }
}
