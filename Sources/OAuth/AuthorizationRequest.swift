import Foundation

/// The authorization request of the code grant (RFC 6749 §4.1.1) with PKCE (RFC 7636 §4.3).
///
/// The caller generates and stores `state` (bound to the workspace/user, single use, expiring) and
/// the PKCE verifier; this type only renders the URL the user's browser is sent to.
///
/// Wire example: `https://accounts.google.com/o/oauth2/v2/auth?response_type=code&client_id=…&
/// redirect_uri=…&scope=…&state=…&code_challenge=…&code_challenge_method=S256&access_type=offline&prompt=consent`.
public struct AuthorizationRequest: Sendable, Hashable {
    /// The client and endpoints the request is for.
    public var configuration: OAuthClientConfiguration
    /// Opaque anti-CSRF value echoed back on the redirect (RFC 6749 §10.12).
    public var state: String
    /// The PKCE pair; only the challenge is sent.
    public var pkce: PKCE
    /// Optional `login_hint` (Google: the address to preselect when reconnecting an inbox).
    public var loginHint: String?

    public init(configuration: OAuthClientConfiguration, state: String, pkce: PKCE, loginHint: String? = nil) {
        self.configuration = configuration
        self.state = state
        self.pkce = pkce
        self.loginHint = loginHint
    }

    /// Query parameters in a stable order (standard ones first, then extras sorted by name).
    public var queryParameters: [(String, String)] {
        var items: [(String, String)] = [
            ("response_type", "code"),
            ("client_id", configuration.clientID),
            ("redirect_uri", configuration.redirectURI),
            ("scope", configuration.scopes.joined(separator: " ")),
            ("state", state),
            ("code_challenge", pkce.challenge),
            ("code_challenge_method", PKCE.method),
        ]
        for key in configuration.extraAuthorizationParameters.keys.sorted() {
            if let value = configuration.extraAuthorizationParameters[key] { items.append((key, value)) }
        }
        if let loginHint { items.append(("login_hint", loginHint)) }
        return items
    }

    /// The URL to redirect the user's browser to. Existing query items of the endpoint are kept.
    public var url: URL {
        let base = configuration.authorizationURL.absoluteString
        let separator = base.contains("?") ? "&" : "?"
        let query = FormURLEncoding.encode(queryParameters).replacingOccurrences(of: "+", with: "%20")
        return URL(string: base + separator + query) ?? configuration.authorizationURL
    }
}

/// What the provider sent back to the redirect URI (RFC 6749 §4.1.2 and §4.1.2.1).
public enum AuthorizationResponse: Sendable, Hashable {
    /// Consent given: exchange `code` at the token endpoint after checking `state`.
    case code(String, state: String?)
    /// Consent refused or the request was invalid (`error=access_denied`, …).
    case error(OAuthError, state: String?)

    /// Parses the redirect's query string (e.g. `code=4/0Ab…&state=xyz&scope=…`).
    public init(query: String) {
        var values: [String: String] = [:]
        for (name, value) in FormURLEncoding.decode(query) where values[name] == nil { values[name] = value }
        let state = values["state"]
        if let error = values["error"] {
            self = .error(OAuthError(oauthError: error, description: values["error_description"], status: nil), state: state)
        } else if let code = values["code"], !code.isEmpty {
            self = .code(code, state: state)
        } else {
            self = .error(OAuthError(.malformedResponse, detail: "redirect carries neither code nor error"), state: state)
        }
    }

    /// The `state` echoed by the provider, if any.
    public var state: String? {
        switch self {
        case .code(_, let state), .error(_, let state): state
        }
    }
}
