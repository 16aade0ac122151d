import Accounts
import Foundation
import Hummingbird

/// The door every dashboard request passes: resolves the session cookie, sends signed-out browsers
/// to the sign-in page, checks the CSRF token of every POST (constant time; missing or wrong → 403,
/// nothing done), and turns ``DashboardError`` into its error page.
struct Gate: Sendable {
    let env: DashboardEnvironment

    /// The signed-in browser behind `request`, if its session cookie is live.
    func signedIn(_ request: Request) async throws -> SignedIn? {
        guard let token = env.cookies.sessionToken(request),
              let (session, user) = try await env.accounts.sessions.find(token: token, now: env.now()),
              let workspace = try await env.stores.workspaces.get(id: user.workspaceID) else { return nil }
        return SignedIn(user: user, session: session, workspace: workspace)
    }

    /// A page for signed-in users (GET).
    func page(_ request: Request, _ body: (SignedIn) async throws -> Response) async throws -> Response {
        guard let signedIn = try await signedIn(request) else { return redirect(Self.signInPath(next: request.uri.path)) }
        return try await guarded(signedIn) { try await body(signedIn) }
    }

    /// A state-changing form post by a signed-in user: the form's `csrf_token` must equal the session's.
    func action(_ request: Request, _ body: (SignedIn, FormBody) async throws -> Response) async throws -> Response {
        guard let signedIn = try await signedIn(request) else { return redirect(Self.signInPath(next: nil)) }
        return try await guarded(signedIn) {
            let form = try await FormBody.read(request)
            guard let token = form["csrf_token"], ConstantTime.equals(token, signedIn.session.csrfToken) else {
                throw DashboardError.csrf
            }
            return try await body(signedIn, form)
        }
    }

    /// A form post before sign-in (sign-in, sign-up, invite): the form's `csrf_token` must equal the
    /// pre-session cookie (double submit).
    func publicAction(_ request: Request, _ body: (FormBody) async throws -> Response) async throws -> Response {
        try await guarded(nil) {
            let form = try await FormBody.read(request)
            guard let cookie = env.cookies.preSessionToken(request), let token = form["csrf_token"],
                  ConstantTime.equals(token, cookie) else {
                throw DashboardError.csrf
            }
            return try await body(form)
        }
    }

    /// Runs `body`, rendering ``DashboardError`` as its page.
    func guarded(_ signedIn: SignedIn?, _ body: () async throws -> Response) async throws -> Response {
        do {
            return try await body()
        } catch let error as DashboardError {
            return env.renderer.response(error, signedIn: signedIn)
        }
    }

    /// The pre-session CSRF token to embed in a public form: the browser's, or a new one to set.
    func preSessionToken(_ request: Request) -> (token: String, cookie: Cookie?) {
        if let token = env.cookies.preSessionToken(request), SecretToken.isWellFormed(token) { return (token, nil) }
        let token = SecretToken.generate()
        return (token, env.cookies.preSession(token))
    }

    /// `/login`, remembering a local page to return to.
    static func signInPath(next: String?) -> String {
        guard let next, isLocalPath(next), next != "/" else { return "/login" }
        return "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "/-_"))) ?? "")
    }

    /// Only same-site absolute paths are followed after sign-in (no `//host`, no scheme).
    static func isLocalPath(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.contains("\\") && !path.contains(":")
            && path.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }

    /// The UUID in route parameter `name`, or not found.
    static func id(_ context: some RequestContext, _ name: String = "id") throws -> UUID {
        guard let text = context.parameters.get(name), let id = UUID(uuidString: text) else { throw DashboardError.notFound }
        return id
    }
}
