import Foundation

/// One registered OAuth 2.0 client (RFC 6749 §2) and the endpoints it talks to.
///
/// The client secret is kept here because both providers we use register MCPEmails as a confidential
/// "web application" client; PKCE is used as well (RFC 7636), as Google and Microsoft recommend.
/// `description` never prints the secret.
public struct OAuthClientConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// `client_id` issued by the provider.
    public var clientID: String
    /// `client_secret` issued by the provider (sent in the token request body, RFC 6749 §2.3.1).
    public var clientSecret: String
    /// Authorization endpoint (RFC 6749 §3.1), e.g. `https://accounts.google.com/o/oauth2/v2/auth`.
    public var authorizationURL: URL
    /// Token endpoint (RFC 6749 §3.2), e.g. `https://oauth2.googleapis.com/token`.
    public var tokenURL: URL
    /// Registered redirection URI; must match the provider's registration exactly (RFC 6749 §3.1.2).
    public var redirectURI: String
    /// Scopes requested, sent space-separated (RFC 6749 §3.3).
    public var scopes: [String]
    /// Provider-specific authorization parameters, e.g. Google's `access_type=offline`, `prompt=consent`.
    public var extraAuthorizationParameters: [String: String]

    /// A configuration with explicit endpoints.
    public init(
        clientID: String, clientSecret: String, authorizationURL: URL, tokenURL: URL,
        redirectURI: String, scopes: [String], extraAuthorizationParameters: [String: String] = [:]
    ) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.authorizationURL = authorizationURL
        self.tokenURL = tokenURL
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.extraAuthorizationParameters = extraAuthorizationParameters
    }

    /// Requested scopes the grant lacks. Google's granular consent lets a user untick scopes, so a
    /// connect flow must check this before saving the inbox (empty means everything was granted).
    public func missingScopes(in tokens: TokenSet) -> [String] {
        let granted = tokens.grantedScopes
        return scopes.filter { !granted.contains($0) }
    }

    public var description: String {
        "OAuthClientConfiguration(clientID: \(clientID), authorizationURL: \(authorizationURL), "
            + "tokenURL: \(tokenURL), redirectURI: \(redirectURI), scopes: \(scopes), clientSecret: <redacted>)"
    }
}

extension OAuthClientConfiguration {
    /// Google's production authorization endpoint ("OAuth 2.0 for Web Server Applications").
    public static let googleAuthorizationURL = URL(string: "https://accounts.google.com/o/oauth2/v2/auth")!
    /// Google's production token endpoint.
    public static let googleTokenURL = URL(string: "https://oauth2.googleapis.com/token")!
    /// Least-privilege Gmail scopes for every MCPEmails tool: `gmail.modify` (list, read, search, remove
    /// UNREAD, `users.getProfile`) and `gmail.send` (send). Neither grants permanent deletion.
    public static let gmailScopes = [
        "https://www.googleapis.com/auth/gmail.modify",
        "https://www.googleapis.com/auth/gmail.send",
    ]

    /// A Google web-server client for Gmail: the Gmail scopes, `access_type=offline` and
    /// `prompt=consent` so that every consent (including a reconnect) returns a refresh token.
    ///
    /// `authorizationURL` and `tokenURL` default to Google's and may be overridden for tests and proxies.
    public static func google(
        clientID: String, clientSecret: String, redirectURI: String,
        authorizationURL: URL = googleAuthorizationURL, tokenURL: URL = googleTokenURL
    ) -> OAuthClientConfiguration {
        OAuthClientConfiguration(
            clientID: clientID, clientSecret: clientSecret, authorizationURL: authorizationURL,
            tokenURL: tokenURL, redirectURI: redirectURI, scopes: gmailScopes,
            extraAuthorizationParameters: ["access_type": "offline", "prompt": "consent"]
        )
    }
}
