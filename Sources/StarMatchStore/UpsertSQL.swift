import Foundation
import GRDB
import StarMatchCore

/// The upsert statement and arguments of each import kind. Instants are stored as Unix seconds,
/// lists as `;`-joined text, booleans as 0/1.
enum UpsertSQL {
    struct Table {
        let name: String
        let key: String
        let columns: [String]

        var sql: String {
            let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
            return "INSERT INTO \(name) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) "
                + "ON CONFLICT(\(key)) DO UPDATE SET \(updates)"
        }
    }

    static func table(_ kind: ImportKind) -> Table {
        switch kind {
        case .categories: return Table(name: "categories", key: "path", columns: ["path", "name"])
        case .shops: return Table(name: "shops", key: "id", columns: ["id", "name", "region", "score", "categories"])
        case .creators:
            return Table(name: "creators", key: "id", columns: [
                "id", "handle", "kind", "followers", "region", "birth_date", "registered_at", "age_confirmed_at",
                "identity_verified", "identity_document", "gpppa", "ecommerce_revoked", "linked_serious_violator",
                "policies_accepted", "bound_shop", "niches", "pilot_started_at", "quiz_passed_at",
            ])
        case .campaigns:
            return Table(name: "campaigns", key: "id", columns: [
                "id", "shop_id", "name", "kind", "categories", "slots", "starts_at", "ends_at", "commission_pct",
                "min_followers", "regions",
            ])
        case .sales:
            return Table(name: "sales", key: "id", columns: [
                "id", "creator_id", "shop_id", "campaign_id", "category", "ordered_at", "orders", "returned_orders",
                "gmv_minor", "currency",
            ])
        case .contentEvents:
            return Table(name: "content_events", key: "id", columns: [
                "id", "creator_id", "content_id", "medium", "action", "at", "duration_seconds", "private", "shoppable",
            ])
        case .violations: return Table(name: "violations", key: "id", columns: ["id", "creator_id", "kind", "points", "at"])
        }
    }

    static func seconds(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
    static func seconds(_ date: Date?) -> Int64? { date.map { seconds($0) } }
    static func joined(_ paths: [CategoryPath]) -> String { paths.map(\.rawValue).joined(separator: ";") }

    static func arguments(_ record: ImportRecord) -> StatementArguments {
        switch record {
        case .category(let path, let name):
            return [path.rawValue, name]
        case .shop(let s):
            return [s.id.rawValue, s.name, s.region, s.score, joined(s.categories)]
        case .creator(let c):
            return [
                c.id.rawValue, c.handle, c.kind.rawValue, c.followers, c.region, c.birthDate.description,
                seconds(c.registeredAt), seconds(c.ageConfirmedAt), c.identityVerified, c.identityDocument, c.gpppa,
                c.ecommerceRevoked, c.linkedToSeriousViolator, c.policiesAccepted, c.boundShop?.rawValue,
                joined(c.niches), seconds(c.pilotStartedAt), seconds(c.quizPassedAt),
            ]
        case .campaign(let k):
            return [
                k.id.rawValue, k.shop.rawValue, k.name, k.kind.rawValue, joined(k.categories), k.slots,
                seconds(k.startsAt), seconds(k.endsAt), k.commissionPercent, k.minFollowers,
                k.regions.joined(separator: ";"),
            ]
        case .sale(let s):
            return [
                s.id.rawValue, s.creator.rawValue, s.shop.rawValue, s.campaign?.rawValue, s.category.rawValue,
                seconds(s.orderedAt), s.orders, s.returnedOrders, s.gmvMinor, s.currency,
            ]
        case .contentEvent(let e):
            return [
                e.id.rawValue, e.creator.rawValue, e.content.rawValue, e.medium.rawValue, e.action.rawValue,
                seconds(e.at), e.durationSeconds, e.isPrivate, e.shoppable,
            ]
        case .violation(let v):
            return [v.id.rawValue, v.creator.rawValue, v.kind.rawValue, v.points, seconds(v.at)]
        }
    }
}
