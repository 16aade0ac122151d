import Accounts
import App
import Foundation
import Testing

/// Sign-up, sign-in, sign-out, password rules, CSRF, backoff and no account enumeration, through
/// real HTTP on both databases.
@Suite("Dashboard: accounts and sessions")
struct DashboardAuthTests {
    static let password = "correct-horse-battery-7"
    static func email(_ name: String = "ana") -> String { "\(name)-\(UUID().uuidString.prefix(8).lowercased())@example.com" }

    @Test("sign up, sign out, sign in; session cookie is HttpOnly, SameSite=Lax, Path=/, not Secure over http", arguments: DatabaseKind.allCases)
    func signUpSignInSignOut(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let browser = DashboardBrowser(baseURL: server.baseURL)
            let anonymous = try await browser.get("/")
            #expect(anonymous.status == 303 && anonymous.location == "/login")

            let email = Self.email()
            let signedUp = try await browser.signUp(email.uppercased(), password: Self.password, workspace: "Ana's team")
            #expect(signedUp.status == 303 && signedUp.location == "/?notice=welcome", "\(signedUp.body)")
            let cookie = try #require(signedUp.setCookies.first { $0.hasPrefix("mcpemails_session=") })
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.contains("httponly") && attributes.contains("samesite=lax") && attributes.contains("path=/"))
            #expect(!attributes.contains("secure"))

            let home = try await browser.get("/")
            #expect(home.status == 200)
            #expect(home.body.contains(email) && home.body.contains("Quick start") && home.body.contains("\(server.runtime.configuration.effectivePublicURL)/mcp"))
            let user = try #require(try await server.stores.users.credentials(email: email)?.user)
            #expect(user.role == .owner)
            let workspace = try #require(try await server.stores.workspaces.get(id: user.workspaceID))
            #expect(workspace.plan == .free && workspace.name == "Ana's team")

            let out = try await browser.post("/logout", [("csrf_token", home.csrfToken ?? "")])
            #expect(out.status == 303 && out.location == "/login?notice=signed_out")
            #expect(browser.cookies["mcpemails_session"] == nil)
            #expect(try await browser.get("/keys").status == 303)

            let back = try await browser.signIn(email, password: Self.password)
            #expect(back.status == 303 && back.location == "/")
            #expect(try await browser.get("/keys").status == 200)
        }
    }

    @Test("short, common, breached-looking and pattern passwords are refused and nothing is created")
    func weakPasswords() async throws {
        try await withServer(.sqlite) { server in
            let browser = DashboardBrowser(baseURL: server.baseURL)
            let email = "maria.lopez@\(UUID().uuidString.prefix(8).lowercased()).example.com"
            for weak in ["short1!", "password123", "Password123!", "P@ssw0rd2024", "qwertyuiop", "1234567890", "aaaaaaaaaaaa",
                         "abcabcabcabc", "passwordpassword", "iloveyou2024", "maria.lopez-1999", "qwerty123456"] {
                let page = try await browser.signUp(email, password: weak)
                #expect(page.status == 422, "\(weak) must be refused")
                #expect(page.body.contains("field-error"), "\(weak): the reason is shown")
            }
            #expect(try await server.stores.users.credentials(email: email) == nil)
            #expect(try await browser.signUp(email, password: "violet-lantern-orbit").status == 303)
        }
    }

    @Test("CSRF: missing or wrong tokens answer 403 and change nothing", arguments: DatabaseKind.allCases)
    func csrf(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let browser = DashboardBrowser(baseURL: server.baseURL)
            let email = Self.email()
            try await browser.signUp(email, password: Self.password)
            let user = try #require(try await server.stores.users.credentials(email: email)?.user)

            let missing = try await browser.post("/keys", [("name", "agent"), ("scopes", "read:email")])
            #expect(missing.status == 403 && missing.body.contains("security check failed"))
            let wrong = try await browser.post("/keys", [("csrf_token", "forged-token"), ("name", "agent"), ("scopes", "read:email")])
            #expect(wrong.status == 403)
            #expect(try await server.stores.apiKeys.list(workspaceID: user.workspaceID).isEmpty)

            let logout = try await browser.post("/logout", [])
            #expect(logout.status == 403)
            #expect(try await browser.get("/keys").status == 200, "still signed in")

            // Pre-session forms: the double-submit cookie must match.
            let other = DashboardBrowser(baseURL: server.baseURL)
            let noToken = try await other.post("/signup", [("email", Self.email()), ("password", Self.password)])
            #expect(noToken.status == 403)
            _ = try await other.get("/login")
            let mismatched = try await other.post("/login", [("csrf_token", "x"), ("email", email), ("password", Self.password)])
            #expect(mismatched.status == 403 && other.cookies["mcpemails_session"] == nil)

            // A token from another session does not work either.
            let stranger = DashboardBrowser(baseURL: server.baseURL)
            try await stranger.signUp(Self.email("eve"), password: Self.password)
            let foreign = try await browser.post("/keys", [("csrf_token", try await stranger.sessionCSRF()), ("name", "x"), ("scopes", "read:email")])
            #expect(foreign.status == 403)
            #expect(try await server.stores.apiKeys.list(workspaceID: user.workspaceID).isEmpty)
        }
    }

    @Test("unknown email and wrong password get the same answer; both count toward the backoff")
    func noEnumeration() async throws {
        try await withServer(.sqlite) { server in
            let email = Self.email()
            try await DashboardBrowser(baseURL: server.baseURL).signUp(email, password: Self.password)
            let unknownEmail = Self.email("nobody")
            func attempt(_ address: String) async throws -> (DashboardBrowser.Page, Duration) {
                let browser = DashboardBrowser(baseURL: server.baseURL)
                browser.setCookie("mcpemails_csrf", String(repeating: "t", count: 43))
                let clock = ContinuousClock()
                let start = clock.now
                let page = try await browser.post("/login", [("csrf_token", String(repeating: "t", count: 43)),
                                                             ("email", address), ("password", "wrong-password-42")])
                return (page, clock.now - start)
            }
            let (wrongPassword, _) = try await attempt(email)
            let (unknown, _) = try await attempt(unknownEmail)
            #expect(wrongPassword.status == 401 && unknown.status == 401)
            #expect(wrongPassword.body.replacingOccurrences(of: email, with: "EMAIL")
                    == unknown.body.replacingOccurrences(of: unknownEmail, with: "EMAIL"))
            #expect(wrongPassword.body.contains("Email or password is incorrect."))
            let wrongNames: Set<String> = Set(wrongPassword.headers.map { $0.name.lowercased() }).subtracting(["date"])
            let unknownNames: Set<String> = Set(unknown.headers.map { $0.name.lowercased() }).subtracting(["date"])
            #expect(wrongNames == unknownNames)
        }
    }

    @Test("five failed sign-ins lock the account for a while: 429 with Retry-After, even with the right password")
    func backoff() async throws {
        try await withServer(.sqlite) { server in
            let email = Self.email()
            let browser = DashboardBrowser(baseURL: server.baseURL)
            try await browser.signUp(email, password: Self.password)
            let attacker = DashboardBrowser(baseURL: server.baseURL)
            for _ in 0..<5 {
                #expect(try await attacker.signIn(email, password: "not-the-password-1").status == 401)
            }
            let locked = try await attacker.signIn(email, password: Self.password)
            #expect(locked.status == 429)
            let retryAfter: Int = locked.headers.first(name: "retry-after").flatMap { Int($0) } ?? 0
            #expect(retryAfter > 0)
            #expect(locked.body.contains("Too many failed sign-ins"))
            #expect(attacker.cookies["mcpemails_session"] == nil)
            let unknown = try await attacker.signIn(Self.email("ghost"), password: "whatever-else-1")
            #expect(unknown.status == 401, "another address from the same client is not locked yet")
        }
    }

    @Test("behind https the cookie is Secure with the __Host- prefix")
    func secureCookie() async throws {
        try await withServer(.sqlite, configure: { $0.publicURL = "https://mail.example.com" }) { server in
            let browser = DashboardBrowser(baseURL: server.baseURL)
            let page = try await browser.signUp(Self.email(), password: Self.password)
            let cookie = try #require(page.setCookies.first { $0.hasPrefix("__Host-mcpemails_session=") })
            #expect(cookie.lowercased().contains("; secure") && cookie.contains("Path=/") && cookie.contains("HttpOnly"))
        }
    }

    @Test("sign-up with a taken address says so, creates nothing, and is counted per client")
    func takenAddress() async throws {
        try await withServer(.sqlite) { server in
            let email = Self.email()
            let browser = DashboardBrowser(baseURL: server.baseURL)
            try await browser.signUp(email, password: Self.password)
            let again = DashboardBrowser(baseURL: server.baseURL)
            let page = try await again.signUp(email, password: "another-fine-passphrase")
            #expect(page.status == 409 && page.body.contains("already exists"))
            #expect(try await server.stores.users.credentials(email: email) != nil)
            #expect(try await server.stores.workspaces.list().count == 1)
        }
    }

    @Test("an unknown email costs a bcrypt check like a wrong password (no timing shortcut), at a production cost")
    func unknownEmailTiming() async throws {
        try await withServer(.sqlite, configure: { $0.bcryptCost = 10 }) { server in
            let email = Self.email()
            try await DashboardBrowser(baseURL: server.baseURL).signUp(email, password: Self.password)
            func timed(_ address: String) async throws -> Duration {
                let browser = DashboardBrowser(baseURL: server.baseURL)
                let token = String(repeating: "t", count: 43)
                browser.setCookie("mcpemails_csrf", token)
                let clock = ContinuousClock()
                let start = clock.now
                let page = try await browser.post("/login", [("csrf_token", token), ("email", address), ("password", "wrong-password-42")])
                #expect(page.status == 401)
                return clock.now - start
            }
            var known: [Duration] = [], unknown: [Duration] = []
            for _ in 0..<4 {
                known.append(try await timed(email))
                unknown.append(try await timed(Self.email("nobody")))
            }
            let knownMedian = known.sorted()[2], unknownMedian = unknown.sorted()[2]
            #expect(unknownMedian * 3 > knownMedian, "unknown \(unknown) vs known \(known)")
            #expect(knownMedian * 3 > unknownMedian, "unknown \(unknown) vs known \(known)")
        }
    }
}
