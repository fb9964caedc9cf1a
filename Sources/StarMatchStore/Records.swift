import Foundation
import GRDB
public import StarMatchCore

/// How `writeRecords` treats ids that are already stored.
public enum RecordWriteMode: Sendable {
    /// Every id must be new (HTTP POST).
    case create
    /// Every id must exist; its row is replaced (HTTP PATCH, after merging the change into the stored row).
    case replace
}

/// A write that changed nothing because rows were bad: every problem of every row, `line` being the row's
/// 0-based index in the request.
public struct RecordsRejected: Error, Sendable, Equatable {
    public var issues: [RowIssue]
}

/// A write that changed nothing because an id exists (`create`) or does not (`replace`).
public struct RecordConflict: Error, Sendable, Equatable {
    public var index: Int
    public var id: String
    public var exists: Bool
    /// The kind written (the advice differs: entities are changed by PATCH, activity rows replaced by an import).
    public var kind: ImportKind = .creators
}

/// Reference checks against the database plus the rows of the same request, one indexed read each:
/// an API write never loads a table's ids the way a bulk import does.
struct DatabaseReferences: ReferenceLookup {
    let db: any SQLSession
    var added: Set<String> = []
    /// E-HANDLE: the handle keys of the creators earlier in the request.
    var addedHandles: [String: String] = [:]
    let kind: ImportKind

    func exists(_ table: String, _ key: String, _ id: String) -> Bool {
        (try? db.row("SELECT 1 FROM \(table) WHERE \(key) = ?", [.text(id)])) != nil
    }

    func hasCategory(_ path: CategoryPath) -> Bool {
        (kind == .categories && added.contains(path.rawValue)) || exists("categories", "path", path.rawValue)
    }
    func hasShop(_ id: ShopID) -> Bool { (kind == .shops && added.contains(id.rawValue)) || exists("shops", "id", id.rawValue) }
    func hasCreator(_ id: CreatorID) -> Bool { (kind == .creators && added.contains(id.rawValue)) || exists("creators", "id", id.rawValue) }
    func campaignShop(_ id: CampaignID) -> ShopID? {
        (try? db.value("SELECT shop_id FROM campaigns WHERE id = ?", [.text(id.rawValue)], as: String.self)).flatMap { $0 }.map { ShopID($0) }
    }
    func product(_ id: ProductID) -> ProductReference? {
        guard let row = try? db.row("""
            SELECT shop_id, category, currency, CASE WHEN EXISTS (SELECT 1 FROM sales s WHERE s.product_id = p.id) THEN 1 ELSE 0 END
            FROM products p WHERE id = ?
            """, [.text(id.rawValue)]),
              let shop = row.get(0, as: String.self), let category = row.get(1, as: String.self), let currency = row.get(2, as: String.self) else { return nil }
        return ProductReference(shop: ShopID(shop), category: CategoryPath(category), currency: currency, named: row.get(3, as: Bool.self) ?? false)
    }
    func creatorHolding(handleKey: String, other id: CreatorID) -> CreatorID? {
        if let holder = addedHandles[handleKey], holder != id.rawValue { return CreatorID(holder) }
        return StarMatchStore.creatorHolding(db, handleKey: handleKey, other: id)
    }
}

extension StarMatchStore {
    /// Validates typed records with their entity's one validation (`ImportRecord.problems`) and stores them
    /// in one transaction: all of them, or — when any is bad, or an id breaks `mode` — none.
    /// - Returns: the stored records, in request order.
    /// - Throws: `RecordsRejected` naming every bad member (`RowIssue.line` is the record's index,
    ///   `RowIssue.column` the entity's member name); `RecordConflict` for the first id that breaks `mode`.
    @discardableResult
    public func writeRecords(_ kind: ImportKind, records: [ImportRecord], mode: RecordWriteMode) throws -> [ImportRecord] {
        try write(kind, count: records.count, mode: mode) { index, refs in
            let record = records[index]
            let problems = record.problems(refs: refs, config: config)
            if problems.isEmpty { return .success(record) }
            return .failure(RowIssues(issues: problems.map { RowIssue(line: index, column: $0.field, rule: $0.rule, reason: $0.reason) }))
        }
    }

    /// Every problem of a JSON object read as an entity of `kind` (on top of `base` for a PATCH): the
    /// members that do not convert and, for the members that do, the entity's validation against the
    /// database — so a body with a wrong type also hears about its broken rules in the same answer.
    public func jsonProblems(_ kind: ImportKind, _ object: [String: JSONValue], base: ImportRecord? = nil) throws -> [JSONIssue] {
        try sqlRead { db in
            JSONRecords.decode(kind, object, base: base, refs: DatabaseReferences(db: db, kind: kind), config: config).issues
        }
    }

    /// Converts CSV-text rows (indexed like `ImportKind.columns`) with the CSV adapter, then as
    /// `writeRecords(_:records:mode:)`; issues name CSV columns.
    @discardableResult
    public func writeRecords(_ kind: ImportKind, rows: [RawRow], mode: RecordWriteMode) throws -> [ImportRecord] {
        let validator = RowValidator(kind: kind, config: config)
        return try write(kind, count: rows.count, mode: mode) { index, refs in validator.validate(rows[index], refs: refs) }
    }

    private func write(_ kind: ImportKind, count: Int, mode: RecordWriteMode,
                       validate: (Int, DatabaseReferences) -> Result<ImportRecord, RowIssues>) throws -> [ImportRecord] {
        defer { entityCache.invalidate() }
        return try sqlWrite { db in
            let table = UpsertSQL.table(kind)
            var refs = DatabaseReferences(db: db, kind: kind)
            var issues: [RowIssue] = []
            var records: [ImportRecord] = []
            for index in 0..<count {
                switch validate(index, refs) {
                case .failure(let bad):
                    issues += bad.issues
                case .success(let record):
                    if case .creator(let creator) = record { refs.addedHandles[creator.handleKey] = creator.id.rawValue }
                    guard refs.added.insert(record.id).inserted else {
                        issues.append(RowIssue(line: index, column: kind.schema.fields[0].member, reason: "duplicate id '\(record.id)' (already earlier in this request)"))
                        continue
                    }
                    let exists = refs.exists(table.name, table.key, record.id)
                    if exists != (mode == .replace) { throw RecordConflict(index: index, id: record.id, exists: exists, kind: kind) }
                    records.append(record)
                }
            }
            guard issues.isEmpty else { throw RecordsRejected(issues: issues) }
            var batch = BindBatch(width: table.columns.count, capacity: records.count)
            var change = ScoringChange()
            // New violations, content events and sales are added to their creators' records as they are. The frame is
            // read once: rows of these kinds change neither the taxonomy nor the frame.
            let additive = mode == .create && (ScoringChange.creatorTable(kind) != nil || kind == .creators)
            let frameRead = additive ? try FrameRead.read(db, config: config) : nil
            let additions = try frameRead.flatMap { try Self.scoringAdditions(db, bulk: false, config: config, frameRead: $0) }
            for record in records {
                UpsertSQL.encode(record, into: &batch)
                if additions?.add(record) != true { change.note(record) }
                if mode == .replace, let table = ScoringChange.creatorTable(kind) { try change.noteReplaced(table: table, id: record.id, db) }
            }
            if !records.isEmpty {
                try batch.execute(table.sql, db)
                try dataChanged(db, change, additions: additions.map { [$0] } ?? [], frameRead: frameRead)
            }
            return records
        }
    }
}
