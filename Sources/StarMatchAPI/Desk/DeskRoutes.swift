import Foundation
import Hummingbird
import Logging
import Mustache
import NIOCore
import StarMatchCore
import StarMatchStore
import StarMatchUseCases

/// The desk's HTML escaping for `{{variable}}` (`DeskReportHTML.escape`: the same five characters as swift-mustache's
/// HTML content type, over UTF-8 bytes instead of a dictionary lookup per `Character`, which cost more than the page's
/// queries on a 50-row table). Every template names it first: `{{% CONTENT_TYPE: DESK_HTML }}`.
struct DeskHTMLContent: MustacheContentType {
    static let name = "DESK_HTML"
    func escapeText(_ text: String) -> String { DeskReportHTML.escape(text) }
}

/// The desk's templates (Mustache, `Resources/desk/*.mustache`) and its one stylesheet, loaded once at the start.
struct DeskTemplates: Sendable {
    let library: MustacheLibrary
    let stylesheet: ByteBuffer

    /// - Throws: when a template is missing or does not parse (the server does not start with a broken desk).
    static func load() throws -> DeskTemplates {
        guard let folder = Bundle.module.url(forResource: "desk", withExtension: nil) else {
            throw DomainError(.failed, "the desk's templates are missing from the bundle (Resources/desk)")
        }
        MustacheContentTypes.register(DeskHTMLContent(), named: DeskHTMLContent.name)
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".mustache") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            // Each template and partial escapes with the desk's content type (a partial starts from Mustache's own).
            guard text.hasPrefix("{{% CONTENT_TYPE: \(DeskHTMLContent.name) }}") else {
                throw DomainError(.failed, "the desk's template \(file) does not start with {{% CONTENT_TYPE: \(DeskHTMLContent.name) }}")
            }
            try library.register(text, named: String(file.dropLast(".mustache".count)))
        }
        for needed in ["page", "sign-in", "error", "week", "campaigns", "campaign", "campaign-form", "creators", "creator", "matches", "match",
                       "batches", "batch"]
        where library.getTemplate(named: needed) == nil {
            throw DomainError(.failed, "the desk's template \(needed).mustache is missing")
        }
        let css = try Data(contentsOf: folder.appendingPathComponent("desk.css"))
        return DeskTemplates(library: library, stylesheet: ByteBuffer(bytes: css))
    }

    /// An HTML page: `template` rendered with `page`, with the desk's security headers (no script runs but our own,
    /// no framing, nothing cached: pages show one caller's data).
    func page(_ template: String, _ page: Any, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        let html = library.render(page, withTemplate: template) ?? "<!doctype html><title>StarMatch desk</title><p>The page could not be rendered.</p>"
        var headers = DeskTemplates.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        .init("X-Content-Type-Options")!: "nosniff",
        .init("Referrer-Policy")!: "same-origin",
        .cacheControl: "no-store",
    ]
}

/// The desk's cookies (RFC 6265): the session token, and before sign-in the sign-in form's CSRF token. Both HttpOnly
/// (no script reads them) and SameSite=Strict (no other site's page sends them), scoped to `/desk`; Secure when the
/// request came over TLS (a TLS-terminating proxy says so in `X-Forwarded-Proto`).
enum DeskCookie {
    static let session = "sm_session"
    static let signIn = "sm_signin"

    static func set(_ name: String, _ value: String, maxAge: Int, request: Request) -> String {
        let secure = request.headers[.init("X-Forwarded-Proto")!]?.lowercased() == "https" || request.uri.scheme == .https
        return "\(name)=\(value); Path=/desk; Max-Age=\(maxAge); HttpOnly; SameSite=Strict\(secure ? "; Secure" : "")"
    }

    static func value(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]).trimmingCharacters(in: .whitespaces) }
            }
        }
        return nil
    }
}

/// A form body (`application/x-www-form-urlencoded`, WHATWG URL §5): fields by name, the last of a repeated name.
struct DeskForm: Sendable {
    /// Forms are small: a body over this is refused (413).
    static let maxBody = 64 << 10
    var fields: [String: String] = [:]

    init(_ buffer: ByteBuffer) {
        let text = String(buffer: buffer)
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { (s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)) }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
    }

    /// A field, trimmed; `nil` when absent or empty.
    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// The body of `request`, read (at most `maxBody` bytes) and parsed.
    static func read(_ request: Request) async throws -> (DeskForm, ByteBuffer) {
        let buffer = try await request.body.collect(upTo: maxBody)
        return (DeskForm(buffer), buffer)
    }
}

/// Compares two tokens in time independent of where they differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
}

/// Errors of the desk's pages, rendered as an HTML page with the status the API would answer (`ProblemMiddleware`'s
/// mapping, once), never as JSON and never with a stack trace.
struct DeskErrorMiddleware: RouterMiddleware {
    let templates: DeskTemplates
    let format: DeskFormat

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as DeskRedirect {
            return redirect.response
        } catch {
            var problem = ProblemMiddleware<APIContext>.problem(for: error, path: request.uri.path, context: context)
            if problem.status == 413 { problem.detail = "the form is larger than \(DeskForm.maxBody >> 10) KiB" }
            let status = HTTPResponse.Status(code: problem.status)
            let page = DeskPage(title: "\(problem.status) \(problem.title)", session: context.deskSession, current: "",
                body: ErrorBody(status: problem.status, title: problem.title, detail: problem.detail,
                                errors: (problem.errors ?? []).map { ErrorBody.Field(field: $0.pointer ?? $0.parameter ?? "", rule: $0.rule, detail: $0.detail) }))
            var response = templates.page("error", page, status: status)
            response.headers[.init("X-Request-Id")!] = context.id
            return response
        }
    }
}

/// A redirect thrown from inside a page (to the sign-in page, or after a form: POST-redirect-GET).
struct DeskRedirect: Error {
    let location: String
    var response: Response { Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"]) }
}

/// The signed-in part of the desk: a session cookie naming an unexpired session of an unrevoked key, else a redirect to
/// the sign-in page. Every POST must carry the session's CSRF token in its `csrf` field (else 403, nothing done).
struct DeskSessionMiddleware: RouterMiddleware {
    let services: APIServices

    func handle(_ request: Request, context: APIContext, next: (Request, APIContext) async throws -> Response) async throws -> Response {
        let now = services.now()
        guard let token = DeskCookie.value(DeskCookie.session, in: request),
              let session = try services.store.deskSession(token: token, at: now)  // a point read, in place (as API keys)
        else {
            let path = request.uri.path
            // Back to the page asked for after sign-in, its query included.
            let target = path + (request.uri.query.map { "?" + $0 } ?? "")
            throw DeskRedirect(location: request.method == .get && path.hasPrefix("/desk/")
                ? "/desk/sign-in?next=" + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "/-_"))) ?? "") : "/desk/sign-in")
        }
        var context = context
        context.principal = session.principal
        context.deskSession = session
        context.logger[metadataKey: "key"] = .string(session.principal.keyID)
        guard request.method == .post else { return try await next(request, context) }
        let (form, buffer) = try await DeskForm.read(request)
        guard let sent = form["csrf"], constantTimeEqual(sent, session.csrfToken) else {
            throw DomainError.forbidden("this form's CSRF token is missing or wrong (reload the page and send it again); nothing was changed")
        }
        var request = request
        request.body = RequestBody(buffer: buffer)
        return try await next(request, context)
    }
}

/// The web desk under `/desk` (issue 18): server-rendered pages for managers and brands over the same use cases as the
/// API and the CLI (`StarMatchUseCases`: no rule is implemented here), signed in with an API key.
struct DeskRoutes {
    let services: APIServices
    let templates: DeskTemplates
    var useCases: StarMatchUseCases { services.useCases }
    let format: DeskFormat

    init(services: APIServices, templates: DeskTemplates) {
        self.services = services
        self.templates = templates
        format = DeskFormat(timeZone: services.useCases.config.timeZone)
    }

    func register(on router: Router<APIContext>) {
        router.get("desk/desk.css") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=300"],
                     body: .init(byteBuffer: templates.stylesheet))
        }
        let open = router.group("desk").add(middleware: DeskErrorMiddleware(templates: templates, format: format))
        open.get("sign-in") { request, _ in signInForm(request, problem: nil) }
        open.post("sign-in") { request, _ in try await signIn(request) }
        let desk = router.group("desk").add(middleware: DeskErrorMiddleware(templates: templates, format: format))
            .add(middleware: DeskSessionMiddleware(services: services))
        desk.post("sign-out") { request, _ in
            if let token = DeskCookie.value(DeskCookie.session, in: request) {
                try await services.blocking { [store = services.store] in try store.endDeskSession(token: token) }
            }
            var headers: HTTPFields = [.location: "/desk/sign-in", .cacheControl: "no-store"]
            headers[.setCookie] = DeskCookie.set(DeskCookie.session, "", maxAge: 0, request: request)
            return Response(status: .seeOther, headers: headers)
        }
        let pages = DeskPages(services: services, templates: templates, format: format)
        desk.get("") { request, context in try await render(pages.home(request, context)) }
        desk.get("creators") { request, context in try await render(pages.creators(request, context)) }
        desk.get("creators/:id") { request, context in try await render(pages.creator(request, context)) }
        desk.get("campaigns") { request, context in try await render(pages.campaigns(request, context)) }
        desk.get("campaigns/new") { request, context in try await render(pages.campaignForm(request, context, editing: nil)) }
        desk.post("campaigns") { request, context in try await pages.saveCampaign(request, context, editing: nil) }
        desk.get("campaigns/:id") { request, context in try await render(pages.campaign(request, context)) }
        desk.get("campaigns/:id/edit") { request, context in
            try await render(pages.campaignForm(request, context, editing: CampaignID(try context.pathParameter("id"))))
        }
        desk.post("campaigns/:id") { request, context in
            try await pages.saveCampaign(request, context, editing: CampaignID(try context.pathParameter("id")))
        }
        desk.post("campaigns/:id/matches") { request, context in try await pages.propose(request, context) }
        desk.get("matches") { request, context in try await render(pages.matches(request, context)) }
        desk.get("matches/:id") { request, context in try await render(pages.match(request, context)) }
        desk.post("matches/:id/:action") { request, context in try await pages.transition(request, context) }
        desk.get("batches") { request, context in try await render(pages.batches(request, context)) }
        desk.post("batches") { request, context in try await pages.runBatch(request, context) }
        desk.get("batches/:id") { request, context in try await render(pages.batch(request, context)) }
        // Any other desk path is the desk's own 404 page (not the API's JSON).
        desk.get("**") { request, _ -> Response in throw DomainError.notFound("no desk page at \(request.uri.path)") }
    }

    /// A rendered page (template and model) as a response.
    func render(_ rendered: DeskRendered) -> Response { templates.page(rendered.template, rendered.page, status: rendered.status) }

    /// The sign-in form, with a fresh sign-in CSRF token in its cookie (double submit: the form's hidden field must
    /// equal the cookie, which another site can neither read nor send).
    func signInForm(_ request: Request, problem: String?, status: HTTPResponse.Status = .ok) -> Response {
        // A form already open in another tab keeps working: its token (still in the cookie) is reused.
        let existing = DeskCookie.value(DeskCookie.signIn, in: request).flatMap { $0.utf8.count == 32 && $0.allSatisfy(\.isHexDigit) ? $0 : nil }
        let token = existing ?? StarMatchStore.randomHex(bytes: 16)
        let next = Self.safeNext(request.uri.queryParameters.get("next"))
        let page = DeskPage(title: "Sign in", session: nil, current: "",
            body: SignInBody(csrf: token, problem: problem, next: next ?? ""))
        var headers = HTTPFields()
        headers[.setCookie] = DeskCookie.set(DeskCookie.signIn, token, maxAge: 3600, request: request)
        return templates.page("sign-in", page, status: status, headers: headers)
    }

    /// Checks the key and starts a session: 303 to the page asked for, or the form again with 401 (a wrong, unknown or
    /// revoked key: which of them is not said) or 403 (the form's CSRF token).
    func signIn(_ request: Request) async throws -> Response {
        let (form, _) = try await DeskForm.read(request)
        guard let cookie = DeskCookie.value(DeskCookie.signIn, in: request), let sent = form["csrf"], constantTimeEqual(cookie, sent) else {
            return signInForm(request, problem: "The form expired or was not sent from this page (CSRF check). Please sign in again.", status: .forbidden)
        }
        guard let key = form["key"] else { return signInForm(request, problem: "Enter your API key.", status: .unprocessableContent) }
        let now = services.now()
        guard let (token, _) = try await services.blocking({ [store = services.store] in try store.createDeskSession(secret: key, at: now) }) else {
            return signInForm(request, problem: "That key is not valid, or it was revoked.", status: .unauthorized)
        }
        var headers: HTTPFields = [.location: Self.safeNext(form["next"]) ?? "/desk", .cacheControl: "no-store"]
        headers.append(.init(name: .setCookie, value: DeskCookie.set(DeskCookie.session, token, maxAge: Int(StarMatchStore.deskSessionLifetime), request: request)))
        headers.append(.init(name: .setCookie, value: DeskCookie.set(DeskCookie.signIn, "", maxAge: 0, request: request)))
        return Response(status: .seeOther, headers: headers)
    }

    /// Only a desk path may be returned to after sign-in (no open redirect).
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/desk"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("://"), next.count < 300 else { return nil }
        return next
    }
}
