public import Foundation
public import StarMatchCore

extension StarMatchStore {
    /// A stored violation, or `nil`.
    public func violation(_ id: ViolationID) throws -> Violation? {
        try sqlRead(isolated: false) { db in try db.row("SELECT * FROM violations WHERE id = ?", [.text(id.rawValue)]).map(Self.violation) }
    }

    /// H-POINTS: a successful appeal overturns violation `id` at `at`; its points come back from that instant.
    /// Written through the typed write path (the violation's one validation: an appeal is not before its violation).
    /// - Returns: the violation as stored.
    /// - Throws: `DomainError`: `notFound` for an unknown violation; `refused` (H-POINTS) for one already overturned
    ///   or an appeal dated before the violation (naming `at`).
    public func appealViolation(_ id: ViolationID, at: Date) throws -> Violation {
        guard var violation = try violation(id) else { throw DomainError.notFound("unknown violation '\(id)'") }
        if let appealed = violation.appealedAt {
            throw DomainError.refused(rules: ["H-POINTS"], "H-POINTS: violation \(id) was already overturned on appeal at \(Timestamp.format(appealed)); an appeal is final")
        }
        guard at >= violation.at else {
            throw DomainError.refused(rules: ["H-POINTS"],
                "an appeal at \(Timestamp.format(at)) cannot come before violation \(id) (\(Timestamp.format(violation.at)))", field: "at")
        }
        violation.appealedAt = at
        try writeRecords(.violations, records: [.violation(violation)], mode: .replace)
        return violation
    }
}
