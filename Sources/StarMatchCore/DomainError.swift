/// A domain error, typed once: what went wrong in the words of the rules, never of HTTP, SQL or exit codes.
/// The CLI maps its `kind` to an exit code in one place, the API to an HTTP status in one place.
///
/// ```swift
/// throw DomainError.notFound("unknown creator 'cr-9'")
/// throw DomainError.refused(rules: ["P-GRADUATE"], "cr-1 is not invited to the quiz", field: "creator")
/// ```
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// No such thing — or one the caller may not see (a brand asking for another shop's campaign).
        case notFound
        /// Input that breaks a format or range; `issues` name the fields.
        case invalidInput
        /// A create of something that exists already.
        case alreadyExists
        /// The rules refuse it; `rules` name them (M-ELIGIBLE, P-GRADUATE, …).
        case refused
        /// A step the thing's current state does not allow (a match lifecycle step).
        case illegalTransition
        /// The caller may see it but not do this (a brand accepting for a creator).
        case forbidden
        /// The data changed under the operation; running it again may succeed.
        case conflict
        /// Anything else the user can act on (a file that cannot be written, a damaged backup).
        case failed
        /// Stored data is damaged (a row StarMatch cannot read back): the server's data, not the caller's input.
        case damagedData
        /// The database is busy with another write (a long import) past the wait: nothing was done; try again.
        case busy
        /// The database file itself is damaged (SQLite finds its pages corrupt, or the file is not a database):
        /// nothing read from it can be trusted until a backup is restored.
        case damagedDatabase
    }

    /// Where a bad value was: a member of the input (`creator`, `/0/followers`) or a query parameter.
    public struct Issue: Sendable, Equatable {
        public enum Location: Sendable, Equatable {
            case member(String)
            case parameter(String)
        }

        public var location: Location?
        public var rule: String?
        public var detail: String

        public init(_ location: Location?, rule: String? = nil, detail: String) {
            self.location = location
            self.rule = rule
            self.detail = detail
        }
    }

    public var kind: Kind
    public var message: String
    /// The rules behind a refusal (rule ids of docs/rules.md), first the summary rule.
    public var rules: [String]
    public var issues: [Issue]

    public init(_ kind: Kind, _ message: String, rules: [String] = [], issues: [Issue] = []) {
        self.kind = kind
        self.message = message
        self.rules = rules
        self.issues = issues
    }

    /// An error of the store the user can act on (the old `StoreError`): `failed` unless said otherwise.
    public init(_ message: String) { self.init(.failed, message) }

    public var description: String { rules.isEmpty ? message : "\(rules.joined(separator: ", ")): \(message)" }

    /// The reason of a refusal (the message without its rule ids).
    public var reason: String { message }

    public static func notFound(_ message: String) -> DomainError { DomainError(.notFound, message) }

    public static func invalid(_ message: String, _ location: Issue.Location? = nil, rule: String? = nil) -> DomainError {
        DomainError(.invalidInput, message, issues: [Issue(location, rule: rule, detail: message)])
    }

    /// The rules refuse it; each rule becomes an issue on `field` (the input the refusal is about).
    public static func refused(rules: [String], _ reason: String, field: String? = nil) -> DomainError {
        DomainError(.refused, reason, rules: rules, issues: rules.map { Issue(field.map { .member($0) }, rule: $0, detail: reason) })
    }

    public static func alreadyExists(_ message: String) -> DomainError { DomainError(.alreadyExists, message) }
    public static func forbidden(_ message: String) -> DomainError { DomainError(.forbidden, message) }
    public static func conflict(_ message: String) -> DomainError { DomainError(.conflict, message) }
}

/// An error that is a domain error in other clothes (`ConfigError`, the store's `RecordConflict`): the edges
/// map it through `domainError`.
public protocol DomainErrorConvertible: Error {
    var domainError: DomainError { get }
}

extension DomainError: DomainErrorConvertible {
    public var domainError: DomainError { self }
}

extension DomainError {
    /// The domain error `error` stands for, if it is one.
    public static func from(_ error: any Error) -> DomainError? { (error as? any DomainErrorConvertible)?.domainError }
}
