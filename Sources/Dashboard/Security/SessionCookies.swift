import Foundation
import Hummingbird

/// The dashboard's two cookies: the session token (after sign-in) and a pre-session CSRF token
/// (double-submit, for the sign-in, sign-up and invite forms). Both HttpOnly, SameSite=Lax, Path=/,
/// and Secure with the `__Host-` prefix when the dashboard is served over HTTPS.
struct SessionCookies: Sendable {
    let secure: Bool
    let sessionLifetime: TimeInterval

    var sessionName: String { secure ? "__Host-mcpemails_session" : "mcpemails_session" }
    var preSessionName: String { secure ? "__Host-mcpemails_csrf" : "mcpemails_csrf" }

    /// The session token presented by the browser, if any.
    func sessionToken(_ request: Request) -> String? {
        request.cookies[sessionName]?.value.nonEmpty
    }

    /// The pre-session CSRF token presented by the browser, if any.
    func preSessionToken(_ request: Request) -> String? {
        request.cookies[preSessionName]?.value.nonEmpty
    }

    /// Sets the session cookie.
    func session(_ token: String) -> Cookie {
        Cookie(name: sessionName, value: token, maxAge: Int(sessionLifetime), path: "/", secure: secure,
               httpOnly: true, sameSite: .lax)
    }

    /// Clears the session cookie.
    func expiredSession() -> Cookie {
        Cookie(name: sessionName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Sets the pre-session CSRF cookie (a browser session cookie: no Max-Age).
    func preSession(_ token: String) -> Cookie {
        Cookie(name: preSessionName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

extension String {
    /// `nil` for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
