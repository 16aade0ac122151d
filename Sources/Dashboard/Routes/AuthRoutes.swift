import Accounts
import Foundation
import HTTPTypes
import Hummingbird

/// `GET/POST /login`, `GET/POST /signup`, `POST /logout`.
///
/// Sign-in never tells whether an address has an account: an unknown address and a wrong password
/// get the same page, status and timing (a bcrypt check against a dummy hash), and both count toward
/// the backoff. Sign-up must say when an address is taken (see README, "Dashboard"); those attempts
/// are counted per client address so addresses cannot be probed in bulk.
struct AuthRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    static let wrongCredentials = "Email or password is incorrect."

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/login") { request, _ in try await showLogin(request) }
        router.post("/login") { request, context in try await login(request, clientAddress: context.clientAddress) }
        router.get("/signup") { request, _ in try await showSignup(request) }
        router.post("/signup") { request, context in try await signup(request, clientAddress: context.clientAddress) }
        router.post("/logout") { request, _ in try await logout(request) }
    }

    private func next(_ request: Request) -> String? {
        guard let next = request.uri.queryParameters.get("next"), Gate.isLocalPath(next) else { return nil }
        return next
    }

    private func showLogin(_ request: Request) async throws -> Response {
        if try await gate.signedIn(request) != nil { return redirect("/") }
        return loginPage(request, email: "", error: nil, status: .ok)
    }

    private func loginPage(_ request: Request, email: String, error: String?, status: HTTPResponse.Status,
                           extraHeaders: [(HTTPField.Name, String)] = []) -> Response {
        let (token, cookie) = gate.preSessionToken(request)
        var page = Page("login", title: "Sign in", data: ["csrfToken": token, "email": email])
        if let error { page.data["error"] = error }
        if let next = next(request) { page.data["next"] = next }
        switch request.uri.queryParameters.get("notice") {
        case "signed_out": page.notices.append(("info", "You are signed out."))
        case "left": page.notices.append(("info", "You left the workspace and your account was deleted."))
        case "workspace_deleted": page.notices.append(("info", "The workspace and everything in it were deleted."))
        default: break
        }
        page.status = status
        page.cookies = cookie.map { [$0] } ?? []
        page.extraHeaders = extraHeaders
        return env.renderer.response(page, signedIn: nil)
    }

    private func login(_ request: Request, clientAddress: String) async throws -> Response {
        try await gate.publicAction(request) { form in
            let email = User.normalizeEmail(form["email"] ?? "")
            let password = form["password"] ?? ""
            let subjects = LoginThrottle.subjects(kind: "login", email: email, clientAddress: clientAddress)
            let now = env.now()
            if let wait = try await env.throttle.wait(subjects, now: now) {
                let minutes = max(1, (wait + 59) / 60)
                return loginPage(request, email: email,
                                 error: "Too many failed sign-ins. Wait \(minutes == 1 ? "a minute" : "\(minutes) minutes"), then try again.",
                                 status: .tooManyRequests, extraHeaders: [(.retryAfter, String(wait))])
            }
            let stored = try await env.accounts.users.credentials(email: email)
            let valid: Bool
            if let stored, !password.isEmpty {
                valid = await env.hasher.verify(password, hash: stored.passwordHash)
            } else {
                valid = await env.hasher.verifyAgainstDummy(password)
            }
            guard valid, let user = stored?.user else {
                try await env.throttle.recordFailure(subjects, now: now)
                return loginPage(request, email: email, error: Self.wrongCredentials, status: .unauthorized)
            }
            try await env.throttle.recordSuccess(subjects)
            return try await startSession(for: user, goingTo: next(request) ?? "/")
        }
    }

    /// Creates a session for `user` and redirects with its cookie. Expired sessions of everyone are
    /// deleted on the way (sign-ins are rare enough for this to be the cleanup).
    func startSession(for user: User, goingTo location: String) async throws -> Response {
        let now = env.now()
        _ = try await env.accounts.sessions.purgeExpired(now: now)
        let (_, token) = try await env.accounts.sessions.create(userID: user.id, lifetime: env.configuration.sessionLifetime, now: now)
        return redirect(location, cookies: [env.cookies.session(token)])
    }

    private func showSignup(_ request: Request) async throws -> Response {
        if try await gate.signedIn(request) != nil { return redirect("/") }
        return signupPage(request, values: [:], status: .ok)
    }

    private func signupPage(_ request: Request, values: [String: String], status: HTTPResponse.Status) -> Response {
        let (token, cookie) = gate.preSessionToken(request)
        var page = Page("signup", title: "Create your account", data: ["csrfToken": token])
        for (key, value) in values { page.data[key] = value }
        page.status = status
        page.cookies = cookie.map { [$0] } ?? []
        return env.renderer.response(page, signedIn: nil)
    }

    private func signup(_ request: Request, clientAddress: String) async throws -> Response {
        try await gate.publicAction(request) { form in
            let email = User.normalizeEmail(form["email"] ?? "")
            let workspace = String(form.text("workspace").prefix(100))
            var values = ["email": email, "workspace": workspace]
            let subjects = LoginThrottle.subjects(kind: "signup", email: email, clientAddress: clientAddress)
            if try await env.throttle.wait(subjects, now: env.now()) != nil {
                values["error"] = "Too many sign-up attempts with addresses that already have an account. Wait a few minutes, then try again."
                return signupPage(request, values: values, status: .tooManyRequests)
            }
            switch await NewAccount.validate(email: email, password: form["password"] ?? "", hasher: env.hasher) {
            case .failure(let problem):
                values[problem.field] = problem.message
                return signupPage(request, values: values, status: .unprocessableContent)
            case .success(let hash):
                let name = workspace.isEmpty ? "\(email.split(separator: "@").first.map(String.init) ?? email)'s workspace" : workspace
                guard let user = try await env.accounts.users.createOwner(email: email, passwordHash: hash, workspaceName: name, plan: .free) else {
                    try await env.throttle.recordFailure(subjects, now: env.now())
                    values["error"] = "An account with this email already exists. Sign in instead, or use another address."
                    return signupPage(request, values: values, status: .conflict)
                }
                env.logger.info("dashboard sign-up", metadata: ["user_id": "\(user.id)", "workspace_id": "\(user.workspaceID)"])
                return try await startSession(for: user, goingTo: "/?notice=welcome")
            }
        }
    }

    private func logout(_ request: Request) async throws -> Response {
        try await gate.action(request) { _, _ in
            if let token = env.cookies.sessionToken(request) { try await env.accounts.sessions.delete(token: token) }
            return redirect("/login?notice=signed_out", cookies: [env.cookies.expiredSession()])
        }
    }
}

/// The checks shared by sign-up and invite sign-up: a plausible address and an acceptable password,
/// then the bcrypt hash to store.
enum NewAccount {
    struct Problem: Error {
        /// The template key the message goes to: `error` (the form) or `passwordError`.
        let field: String
        let message: String
    }

    static func validate(email: String, password: String, hasher: PasswordHasher) async -> Result<String, Problem> {
        guard isPlausibleEmail(email) else {
            return .failure(Problem(field: "error", message: "Enter a valid email address, like ana@example.com."))
        }
        if let refusal = PasswordPolicy.check(password, email: email) {
            return .failure(Problem(field: "passwordError", message: refusal.message))
        }
        return .success(await hasher.hash(password))
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
            && !parts[1].hasSuffix(".") && email.count <= 254
            && !email.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0 == "<" || $0 == ">" }
    }
}
