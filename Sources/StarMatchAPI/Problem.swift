public import Foundation
public import Hummingbird
import Logging
import StarMatchCore
import StarMatchStore

/// An error answered as `application/problem+json` (RFC 9457): a status, a title, a detail and, for bad
/// input, one entry per bad field with a JSON pointer into the body (or the name of a query parameter).
public struct Problem: Error, Sendable, Encodable {
    public struct FieldError: Sendable, Encodable, Equatable {
        /// JSON pointer (RFC 6901) to the bad member of the body, e.g. `/0/followers`.
        public var pointer: String?
        /// The bad query or path parameter.
        public var parameter: String?
        /// The domain rule broken, when one is (E-AGE, …).
        public var rule: String?
        public var detail: String

        public init(pointer: String? = nil, parameter: String? = nil, rule: String? = nil, detail: String) {
            self.pointer = pointer
            self.parameter = parameter
            self.rule = rule
            self.detail = detail
        }
    }

    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var errors: [FieldError]?

    public init(_ status: HTTPResponse.Status, detail: String, errors: [FieldError]? = nil) {
        self.status = Int(status.code)
        title = status.reasonPhrase
        type = "about:blank"
        self.detail = detail
        self.errors = errors
    }

    static let unauthorized = Problem(.unauthorized, detail: "missing, unknown or revoked API key (send Authorization: Bearer KEY)")

    static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail: detail) }

    static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(.badRequest, detail: "query parameter '\(name)': \(detail)", errors: [FieldError(parameter: name, detail: detail)])
    }

    static func invalid(_ errors: [FieldError]) -> Problem {
        let first = errors.first.map { ($0.pointer ?? $0.parameter ?? "") + ": " + $0.detail } ?? ""
        return Problem(.unprocessableContent, detail: errors.count == 1 ? first : "\(errors.count) problems, first \(first)", errors: errors)
    }

    /// The one mapping of domain errors to HTTP: the same error has the same status in every route.
    static func status(of kind: DomainError.Kind, issues: [DomainError.Issue] = []) -> HTTPResponse.Status {
        switch kind {
        case .notFound: return .notFound
        case .invalidInput:
            // Bad query parameters are 400; bad values in a body (or anywhere else) 422.
            let parameters = issues.filter { if case .parameter? = $0.location { return true } else { return false } }
            return !issues.isEmpty && parameters.count == issues.count ? .badRequest : .unprocessableContent
        case .refused: return .unprocessableContent
        case .alreadyExists, .illegalTransition, .conflict: return .conflict
        case .forbidden: return .forbidden
        case .failed: return .unprocessableContent
        case .damagedData: return .internalServerError
        case .busy, .damagedDatabase: return .serviceUnavailable
        }
    }

    /// The problem document of a domain error: its status (`status(of:)`), its message, one entry per issue.
    init(_ error: DomainError) {
        let status = Self.status(of: error.kind, issues: error.issues)
        // Issues without a place (a configuration file's) stay in the detail only.
        let errors = error.issues.compactMap { issue -> FieldError? in
            switch issue.location {
            case .member(let name)?: FieldError(pointer: name.hasPrefix("/") ? name : "/" + pointerToken(name), rule: issue.rule, detail: issue.detail)
            case .parameter(let name)?: FieldError(parameter: name, rule: issue.rule, detail: issue.detail)
            case nil: nil
            }
        }
        switch status {
        case .badRequest where errors.count == 1:
            self = Problem.badParameter(errors[0].parameter ?? "", errors[0].detail)
        case .unprocessableContent where error.kind == .refused && !errors.isEmpty:
            self = Problem.invalid(errors)
        default:
            self.init(status, detail: error.message, errors: errors.isEmpty ? nil : errors)
        }
    }

    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer" }
        let body = (try? APIJSON.encoder.encode(self)) ?? Data("{}".utf8)
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

/// Turns every error a route throws into a problem document: never a stack trace, never an empty 500.
/// A request that meets a damaged page marks the database damaged (`DatabaseHealth`).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    var health: DatabaseHealth?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            var response = try await next(request, context)
            response.headers[.init("X-Request-Id")!] = context.id
            return response
        } catch {
            let kind = Self.domainKind(of: error)
            if kind == .damagedDatabase, let health { await health.markDamaged("a request met a damaged page", at: Date()) }
            var response = Self.problem(for: error, path: request.uri.path, context: context).response()
            response.headers[.init("X-Request-Id")!] = context.id
            // A busy database (another process's long write): try again shortly (RFC 9110 §10.2.3).
            if kind == .busy { response.headers[.retryAfter] = "5" }
            return response
        }
    }

    /// The domain error kind behind `error`, if it has one (a database error's by `StarMatchStore.domainError`).
    static func domainKind(of error: any Error) -> DomainError.Kind? {
        (error as? any DomainErrorConvertible)?.domainError.kind ?? StarMatchStore.domainError(for: error)?.kind
    }

    static func problem(for error: any Error, path: String, context: Context) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let rejected as RecordsRejected:
            return Problem.invalid(rejected.issues.map { Problem.FieldError(pointer: "/\($0.line)", rule: $0.rule, detail: $0.reason) })
        case let error as any DomainErrorConvertible:
            let domain = error.domainError
            // Damaged stored data is the server's problem: answered with what is damaged, and logged.
            if domain.kind == .damagedData { context.logger.error("\(domain.message)") }
            return Problem(domain)
        case let error as any HTTPResponseError:
            let status = error.status
            let detail = status == .contentTooLarge ? "the body is larger than \(APILimits.maxBody) bytes"
                : status == .notFound ? "no route matches \(path)" : status.reasonPhrase
            return Problem(status, detail: detail)
        default:
            if let domain = StarMatchStore.domainError(for: error) {
                if domain.kind != .busy { context.logger.error("database error: \(String(reflecting: error))") }
                return Problem(domain)
            }
            context.logger.error("unhandled error: \(String(reflecting: error))")
            return Problem(.internalServerError, detail: "internal error; the request id in X-Request-Id names it in the server log")
        }
    }
}

/// The JSON conventions of the API (and of the CLI's `--json`): instants as ISO 8601 UTC, sorted keys.
public enum APIJSON {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date))
        }
        return encoder
    }

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }

    static func response(_ value: some FastJSONEncodable, status: HTTPResponse.Status = .ok, location: String? = nil) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if let location { headers[.location] = location }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes(value))))
    }
}
