import Foundation
import Hummingbird
import HummingbirdTesting
@testable import StarMatchAPI
import StarMatchCore
import StarMatchStore
import Testing

/// The web desk (issue 18) over HTTP: sign-in and its cookies, CSRF on every form, sessions that end with their key or
/// at their time, the same 404s as the API for a brand, HTML escaping, and the pages managers and brands use.
/// (The same flows in a real browser, with axe and screenshots: `Tests/desk-e2e.sh`.)
@Suite struct DeskTests {
    /// A signed-in browser: its session cookie and the session's CSRF token (from a page's hidden field).
    struct Browser {
        var cookie: String
        var csrf: String
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func body(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func setCookies(_ response: TestResponse) -> [String] { response.headers[values: .setCookie] }

    static func cookieValue(_ name: String, _ response: TestResponse) -> String? {
        for header in setCookies(response) where header.hasPrefix(name + "=") {
            return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }

    /// GET the sign-in form, POST the key with the form's token and cookie.
    static func signIn(_ client: some TestClientProtocol, key: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        let form = try await client.execute(uri: "/desk/sign-in", method: .get)
        let token = try #require(cookieValue("sm_signin", form))
        #expect(hidden("csrf", in: body(form)) == token)
        var headers: HTTPFields = [.cookie: "sm_signin=\(token)", .contentType: "application/x-www-form-urlencoded"]
        headers.append(contentsOf: extra)
        let encoded = key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? key
        return try await client.execute(uri: "/desk/sign-in", method: .post, headers: headers, body: ByteBuffer(string: "csrf=\(token)&key=\(encoded)"))
    }

    static func browser(_ client: some TestClientProtocol, key: String) async throws -> Browser {
        let response = try await signIn(client, key: key)
        #expect(response.status == .seeOther)
        let session = try #require(cookieValue("sm_session", response))
        let page = try await client.execute(uri: "/desk/matches", method: .get, headers: [.cookie: "sm_session=\(session)"])
        #expect(page.status == .ok)
        return Browser(cookie: "sm_session=\(session)", csrf: try #require(hidden("csrf", in: body(page))))
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: browser.cookie])
    }

    static func post(_ client: some TestClientProtocol, _ uri: String, _ browser: Browser, _ form: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .post, headers: [.cookie: browser.cookie, .contentType: "application/x-www-form-urlencoded"],
                                 body: ByteBuffer(string: form))
    }

    @Test("sign-in sets an HttpOnly, SameSite=Strict session cookie scoped to /desk; Secure only over TLS")
    func signInCookie() async throws {
        let fixture = try APIFixture()
        try await fixture.test { client in
            let response = try await Self.signIn(client, key: fixture.manager)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/desk")
            let cookie = try #require(Self.setCookies(response).first { $0.hasPrefix("sm_session=sd_") })
            for attribute in ["HttpOnly", "SameSite=Strict", "Path=/desk", "Max-Age=28800"] { #expect(cookie.contains(attribute), "\(attribute) in \(cookie)") }
            #expect(!cookie.contains("Secure"))
            // Behind a TLS-terminating proxy the cookie is Secure.
            let tls = try await Self.signIn(client, key: fixture.manager, headers: [.init("X-Forwarded-Proto")!: "https"])
            #expect(Self.setCookies(tls).first { $0.hasPrefix("sm_session=") }?.contains("; Secure") == true)
        }
    }

    @Test("a wrong, revoked or missing key, or a sign-in form without its token, starts no session")
    func signInRefusals() async throws {
        let fixture = try APIFixture()
        try await fixture.test { client in
            for (key, status) in [("sm_nope_00", HTTPResponse.Status.unauthorized), (fixture.revoked, .unauthorized), ("", .unprocessableContent)] {
                let response = try await Self.signIn(client, key: key)
                #expect(response.status == status)
                #expect(Self.cookieValue("sm_session", response) == nil)
            }
            // Another site's form cannot sign a user in: without the sign-in cookie's token the POST is refused.
            let forged = try await client.execute(uri: "/desk/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "csrf=abc&key=\(fixture.manager)"))
            #expect(forged.status == .forbidden)
            #expect(Self.cookieValue("sm_session", forged) == nil)
        }
    }

    @Test("signed out, every desk page redirects to the sign-in form, which only returns to a desk path")
    func signedOut() async throws {
        let fixture = try APIFixture()
        try await fixture.test { client in
            for path in ["/desk", "/desk/creators", "/desk/campaigns/\(APIFixture.campaignA)", "/desk/matches"] {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location]?.hasPrefix("/desk/sign-in") == true)
            }
            let bogus = try await client.execute(uri: "/desk/matches", method: .get, headers: [.cookie: "sm_session=sd_0000"])
            #expect(bogus.status == .seeOther)
            // After sign-in, back where the user was going — but never to another site.
            let form = try await client.execute(uri: "/desk/sign-in?next=/desk/matches", method: .get)
            #expect(Self.hidden("next", in: Self.body(form)) == "/desk/matches")
            let evil = try await client.execute(uri: "/desk/sign-in?next=//evil.example/desk", method: .get)
            #expect(Self.hidden("next", in: Self.body(evil)) == "")
        }
    }

    @Test("a POST without the session's CSRF token, or with another, is refused with 403 and changes nothing")
    func csrf() async throws {
        let fixture = try APIFixture()
        try await fixture.test { client in
            let manager = try await Self.browser(client, key: fixture.manager)
            let before = try fixture.store.matches(MatchFilter(limit: 10_000), at: APIFixture.demo).count
            for form in ["creator=cr-0002", "creator=cr-0002&csrf=", "creator=cr-0002&csrf=\(String(repeating: "0", count: 64))"] {
                let response = try await Self.post(client, "/desk/campaigns/\(APIFixture.campaignA)/matches", manager, form)
                #expect(response.status == .forbidden)
                #expect(Self.body(response).contains("CSRF"))
            }
            let accept = try await Self.post(client, "/desk/matches/\(fixture.matchA)/accept", manager, "")
            #expect(accept.status == .forbidden)
            #expect(try fixture.store.matches(MatchFilter(limit: 10_000), at: APIFixture.demo).count == before)
            #expect(try fixture.store.match(fixture.matchA, at: APIFixture.demo)?.0.state == .proposed)
            // Signing out is a form too.
            let signOut = try await Self.post(client, "/desk/sign-out", manager, "")
            #expect(signOut.status == .forbidden)
        }
    }

    @Test("a manager proposes a match from a shortlist and accepts it; the pages show it", arguments: APIBackend.all)
    func proposeAndAccept(backend: APIBackend) async throws {
        let fixture = try APIFixture(backend: backend)
        try await fixture.test { client in
            let manager = try await Self.browser(client, key: fixture.manager)
            let campaign = try await Self.get(client, "/desk/campaigns/\(APIFixture.campaignA)", manager)
            #expect(campaign.status == .ok)
            let html = Self.body(campaign)
            #expect(html.contains("id=\"shortlist\""))
            #expect(html.contains("Propose"))
            // Propose to the first shortlisted creator without a match for this campaign yet.
            let taken = Set(try fixture.store.matches(MatchFilter(campaign: CampaignID(APIFixture.campaignA), limit: 1000), at: APIFixture.demo).map(\.creator))
            let shortlisted = html.components(separatedBy: "name=\"creator\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            let creator = try #require(shortlisted.first { !taken.contains($0) })
            let proposed = try await Self.post(client, "/desk/campaigns/\(APIFixture.campaignA)/matches", manager, "csrf=\(manager.csrf)&creator=\(creator)")
            #expect(proposed.status == .seeOther)
            let location = try #require(proposed.headers[.location])
            let id = try #require(Int64(location.split(separator: "/").last ?? ""))
            #expect(try fixture.store.match(id, at: APIFixture.demo)?.0.state == .proposed)
            let page = try await Self.get(client, location, manager)
            #expect(Self.body(page).contains("value=\"accept\""))
            let accepted = try await Self.post(client, "/desk/matches/\(id)/accept", manager, "csrf=\(manager.csrf)")
            #expect(accepted.status == .seeOther)
            #expect(try fixture.store.match(id, at: APIFixture.demo)?.0.state == .accepted)
            // The board offers the steps of each match and returns to itself.
            let board = Self.body(try await Self.get(client, "/desk/matches?state=accepted", manager))
            #expect(board.contains("action=\"/desk/matches/\(id)/cancel\""))
            #expect(!board.contains("action=\"/desk/matches/\(id)/accept\""))
            let back = try await Self.post(client, "/desk/matches/\(fixture.matchA)/decline", manager, "csrf=\(manager.csrf)&back=%2Fdesk%2Fmatches%3Fstate%3Dproposed")
            #expect(back.headers[.location] == "/desk/matches?state=proposed")
            #expect(try fixture.store.match(fixture.matchA, at: APIFixture.demo)?.0.state == .declined)
            // A step the match does not allow now is refused (M-STEPS), as by the API.
            let again = try await Self.post(client, "/desk/matches/\(id)/accept", manager, "csrf=\(manager.csrf)")
            #expect(again.status == .conflict)
        }
    }

    @Test("a brand sees its own shop only: another shop's campaign is the same 404 page as an unknown id; manager pages are 404", arguments: APIBackend.all)
    func brandAccess(backend: APIBackend) async throws {
        let fixture = try APIFixture(backend: backend)
        try await fixture.test { client in
            let brand = try await Self.browser(client, key: fixture.brandA)
            let home = Self.body(try await Self.get(client, "/desk", brand))
            #expect(home.contains(APIFixture.campaignA))
            #expect(!home.contains(APIFixture.campaignB))
            let own = try await Self.get(client, "/desk/campaigns/\(APIFixture.campaignA)", brand)
            #expect(own.status == .ok)
            #expect(!Self.body(own).contains("/matches\"><input type=\"hidden\" name=\"csrf\""))  // no propose forms
            let other = try await Self.get(client, "/desk/campaigns/\(APIFixture.campaignB)", brand)
            let unknown = try await Self.get(client, "/desk/campaigns/cp-unknown", brand)
            #expect(other.status == .notFound)
            #expect(unknown.status == .notFound)
            #expect(Self.body(other).replacingOccurrences(of: APIFixture.campaignB, with: "X") == Self.body(unknown).replacingOccurrences(of: "cp-unknown", with: "X"))
            for path in ["/desk/creators", "/desk/creators/cr-0001", "/desk/batches", "/desk/campaigns/\(APIFixture.campaignB)/edit"] {
                #expect(try await Self.get(client, path, brand).status == .notFound, "\(path)")
            }
            // A brand may not record the creator's decision (M-STEPS: accepting is the creator's).
            let accept = try await Self.post(client, "/desk/matches/\(fixture.matchA)/accept", brand, "csrf=\(brand.csrf)")
            #expect(accept.status == .forbidden)
            #expect(try fixture.store.match(fixture.matchA, at: APIFixture.demo)?.0.state == .proposed)
        }
    }

    @Test("a brand creates a campaign through the form: a bad field is named and nothing is written; text is escaped", arguments: APIBackend.all)
    func campaignForm(backend: APIBackend) async throws {
        let fixture = try APIFixture(backend: backend)
        try await fixture.test { client in
            let brand = try await Self.browser(client, key: fixture.brandA)
            let before = try fixture.store.campaigns(limit: 10_000).count
            let name = "Desk%20%3Cscript%3Ealert(1)%3C%2Fscript%3E"
            let common = "csrf=\(brand.csrf)&name=\(name)&kind=sample&categories=beauty%2Fskincare&startsAt=2026-12-01T09%3A00&endsAt=2026-12-20T09%3A00&commissionPercent=12.5"
            let bad = try await Self.post(client, "/desk/campaigns", brand, common + "&slots=lots")
            #expect(bad.status == .unprocessableContent)
            #expect(Self.body(bad).contains("<strong>slots</strong>"))
            #expect(try fixture.store.campaigns(limit: 10_000).count == before)
            let good = try await Self.post(client, "/desk/campaigns", brand, common + "&slots=12")
            #expect(good.status == .seeOther)
            let location = try #require(good.headers[.location])
            let id = CampaignID(String(location.split(separator: "/").last!))
            let stored = try #require(try fixture.store.campaign(id))
            #expect(stored.shop == ShopID(APIFixture.shopA))
            #expect(stored.slots == 12)
            // The form's times are Pacific (P-WEEK's zone): 09:00 PST is 17:00 UTC.
            #expect(Timestamp.format(stored.startsAt) == "2026-12-01T17:00:00Z")
            let page = Self.body(try await Self.get(client, location, brand))
            #expect(page.contains("Desk &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("<script>"))
            // Another shop's campaign cannot be changed (404, as unknown).
            let other = try await Self.post(client, "/desk/campaigns/\(APIFixture.campaignB)", brand, common + "&slots=3")
            #expect(other.status == .notFound)
        }
    }

    @Test("a session ends at sign-out, when its key is revoked, and at its end; reads never extend it", arguments: APIBackend.all)
    func sessionEnds(backend: APIBackend) async throws {
        let fixture = try APIFixture(backend: backend)
        try await fixture.test { client in
            let first = try await Self.browser(client, key: fixture.manager)
            let signOut = try await Self.post(client, "/desk/sign-out", first, "csrf=\(first.csrf)")
            #expect(signOut.status == .seeOther)
            #expect(try await Self.get(client, "/desk/matches", first).status == .seeOther)

            let key = try fixture.store.createAPIKey(role: .manager, shop: nil, label: "short", at: APIFixture.demo)
            let second = try await Self.browser(client, key: key.secret)
            try fixture.store.revokeAPIKey(key.info.id, at: APIFixture.demo)
            #expect(try await Self.get(client, "/desk/matches", second).status == .seeOther)
        }
        // At its end (a fixed lifetime from sign-in).
        let now = Date()
        let (token, session) = try #require(try fixture.store.createDeskSession(secret: fixture.manager, at: now))
        #expect(try fixture.store.deskSession(token: token, at: now.addingTimeInterval(StarMatchStore.deskSessionLifetime - 1)) == session)
        #expect(try fixture.store.deskSession(token: token, at: now.addingTimeInterval(StarMatchStore.deskSessionLifetime)) == nil)
    }

    @Test("the manager's pages render with the desk's security headers", arguments: APIBackend.all)
    func managerPages(backend: APIBackend) async throws {
        let fixture = try APIFixture(backend: backend)
        try await fixture.test { client in
            let manager = try await Self.browser(client, key: fixture.manager)
            let pages: [(String, String)] = [
                ("/desk?week=2026-W48", "Weekly batch"), ("/desk/creators?handle=%40ZO%C3%8B", "cr-0001"), ("/desk/creators/cr-0001", "Creator Health Rating"),
                ("/desk/creators/cr-0001?campaign=\(APIFixture.campaignA)", "Every rule"), ("/desk/campaigns", "Campaigns"),
                ("/desk/campaigns/\(APIFixture.campaignA)?why=cr-0001", "Every rule"), ("/desk/matches?state=proposed", "/desk/matches/\(fixture.matchA)"),
                ("/desk/matches/\(fixture.matchA)", "History"), ("/desk/batches", "Run the weekly batch"), ("/desk/campaigns/new", "Create campaign"),
            ]
            for (path, needle) in pages {
                let response = try await Self.get(client, path, manager)
                #expect(response.status == .ok, "\(path)")
                #expect(Self.body(response).contains(needle), "\(path) shows \(needle)")
                // An empty text opens no section (no empty alert boxes, no empty captions).
                #expect(!Self.body(response).contains("<p class=\"alert\"></p>"), "\(path)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
                #expect(response.headers[.cacheControl] == "no-store")
            }
            // Bad input on a page is a 400 naming the parameter, as in the API.
            let bad = try await Self.get(client, "/desk/matches?state=happy", manager)
            #expect(bad.status == .badRequest)
            #expect(Self.body(bad).contains("state"))
            #expect(try await Self.get(client, "/desk/creators/cr-nobody", manager).status == .notFound)
            let css = try await client.execute(uri: "/desk/desk.css", method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
        }
    }

    @Test("CHR history (H-POINTS): each point is the CHR the policy computes at that instant; the creator page draws it")
    func chrHistory() async throws {
        let fixture = try APIFixture()
        let creator = try #require(try fixture.store.creator("cr-chr-150"))
        let now = Timestamp.parse("2026-11-25T18:00:00Z")!
        let history = Policy(config: fixture.store.config).chrHistory(try fixture.store.facts(for: creator), upTo: now)
        #expect(history.count >= 3)
        #expect(history.map(\.at) == history.map(\.at).sorted())
        for point in history { #expect(point.chr == (try fixture.store.standing(of: creator, at: point.at)).chr, "at \(point.at)") }
        // The two violations each lower it (H-POINTS).
        let violation = Timestamp.parse("2026-10-02T18:30:00Z")!
        let before = try #require(history.last { $0.at < violation }), after = try #require(history.first { $0.at == violation })
        #expect(after.chr == before.chr - 83)
        try await fixture.test { client in
            let manager = try await Self.browser(client, key: fixture.manager)
            let page = Self.body(try await Self.get(client, "/desk/creators/cr-chr-150", manager))
            #expect(page.contains("<svg class=\"chart\""))
            #expect(page.contains("evasionFastCuts"))
        }
    }

    @Test("found by the review: one live match per pair, the desk's own 404 and 400 pages, typed-in ids said on the page, edits keep seconds, form times are the zone's")
    func reviewFindings() async throws {
        let fixture = try APIFixture()
        try await fixture.test { client in
            let manager = try await Self.browser(client, key: fixture.manager)
            // cr-0001 has an open match for campaign A (the fixture's proposal): proposing again is refused (M-WEEKLY).
            let again = try await Self.post(client, "/desk/campaigns/\(APIFixture.campaignA)/matches", manager, "csrf=\(manager.csrf)&creator=cr-0001")
            #expect(again.status == .unprocessableContent)
            #expect(Self.body(again).contains("M-WEEKLY"))
            // Unknown desk paths and bad parameters are HTML pages.
            let unknown = try await Self.get(client, "/desk/nowhere/at/all", manager)
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType]?.hasPrefix("text/html") == true)
            let week = try await Self.get(client, "/desk?week=bogus", manager)
            #expect(week.status == .badRequest)
            #expect(Self.body(week).contains("M-WEEKLY"))
            #expect(try await Self.get(client, "/desk?week=2026-w48", manager).status == .ok)
            #expect(try await Self.post(client, "/desk/matches/\(fixture.matchA)/bogus", manager, "csrf=\(manager.csrf)").status == .notFound)
            // An id with a control character names nothing (here and in the API).
            #expect(try await Self.get(client, "/desk/campaigns/\(APIFixture.campaignA)%00zzz", manager).status == .notFound)
            #expect(try await client.call(.get, "/v1/campaigns/\(APIFixture.campaignA)%00zzz", key: fixture.manager).status == .notFound)
            // A creator typed into why that does not exist is said on the campaign's page, which stays.
            let why = try await Self.get(client, "/desk/campaigns/\(APIFixture.campaignA)?why=cr-nobody", manager)
            #expect(why.status == .ok)
            #expect(Self.body(why).contains("unknown creator"))
            #expect(Self.body(why).contains("id=\"shortlist\""))
            // Editing only the name keeps the stored times to the second.
            let before = try #require(try fixture.store.campaign(CampaignID(APIFixture.campaignA)))
            let form = Self.body(try await Self.get(client, "/desk/campaigns/\(APIFixture.campaignA)/edit", manager))
            func value(_ name: String) -> String { Self.hidden(name, in: form.replacingOccurrences(of: "id=\"\(name)\" name=\"\(name)\" type=\"datetime-local\" step=\"1\"", with: "name=\"\(name)\"")) ?? "" }
            let fields = ["shop": before.shop.rawValue, "name": "Renamed", "kind": before.kind.rawValue, "categories": before.categories.map(\.rawValue).joined(separator: ";"),
                          "slots": String(before.slots), "startsAt": value("startsAt"), "endsAt": value("endsAt"), "commissionPercent": String(before.commissionPercent)]
            #expect(fields["startsAt"]?.count == 19)
            let body = "csrf=\(manager.csrf)&" + fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
            let saved = try await Self.post(client, "/desk/campaigns/\(APIFixture.campaignA)", manager, body)
            #expect(saved.status == .seeOther)
            let after = try #require(try fixture.store.campaign(CampaignID(APIFixture.campaignA)))
            #expect(after.name == "Renamed" && after.startsAt == before.startsAt && after.endsAt == before.endsAt)
            // A date without a time (or with Z) is not the form's format: refused naming the field, nothing written.
            let dateOnly = try await Self.post(client, "/desk/campaigns/\(APIFixture.campaignA)", manager, body.replacingOccurrences(of: "startsAt=", with: "startsAt=2026-12-01&x="))
            #expect(dateOnly.status == .unprocessableContent)
            #expect(Self.body(dateOnly).contains("<strong>startsAt</strong>"))
            #expect(try fixture.store.campaign(CampaignID(APIFixture.campaignA))?.startsAt == before.startsAt)
        }
    }

    @Test("HTML escaping over bytes equals escaping character by character, on random text with markup, emoji and combining marks")
    func escaping() {
        func reference(_ text: String) -> String {
            var out = ""
            for ch in text {
                switch ch {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&#39;"
                default: out.append(ch)
                }
            }
            return out
        }
        let pieces = ["<", ">", "&", "\"", "'", "a", "é", "e\u{301}", "🌸", "美", "&amp;", "<script>", " ", "\n", "\u{0}"]
        var generator = SplitMix64(seed: 29)
        for _ in 0..<3_000 {
            let text = (0..<Int(generator.next() % 12)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(DeskReportHTML.escape(text) == reference(text), "\(text.debugDescription)")
        }
        #expect(DeskHTMLContent().escapeText("<b>x</b> & 'y'") == "&lt;b&gt;x&lt;/b&gt; &amp; &#39;y&#39;")
    }

    @Test("the desk's hand-written instants equal DateFormatter's, across DST changes, 1970–2099 (P-WEEK's zone)")
    func instantsMatchTheFormatter() {
        let pacific = TimeZone(identifier: "America/Los_Angeles")!
        let format = DeskFormat(timeZone: pacific)
        let reference = DateFormatter()
        reference.locale = Locale(identifier: "en_US_POSIX")
        reference.timeZone = pacific
        reference.dateFormat = "EEE yyyy-MM-dd HH:mm zzz"
        let day = DateFormatter()
        day.locale = Locale(identifier: "en_US_POSIX")
        day.timeZone = pacific
        day.dateFormat = "yyyy-MM-dd"
        // The minutes around 2026's DST changes, then a seeded spread over 1970–2099 (before 1970 ICU names the zone
        // "GMT-8" rather than "PST"; the desk shows no such dates).
        var instants = (-180...180).flatMap { m in ["2026-03-08T10:00:00Z", "2026-11-01T09:00:00Z"].map { Timestamp.parse($0)!.addingTimeInterval(Double(m * 60)) } }
        var generator = SplitMix64(seed: 18)
        for _ in 0..<5_000 { instants.append(Date(timeIntervalSince1970: Double(generator.next() % 4_100_000_000))) }
        for instant in instants {
            #expect(format.instant(instant) == reference.string(from: instant), "\(instant)")
            #expect(format.day(instant) == day.string(from: instant), "\(instant)")
        }
    }
}

