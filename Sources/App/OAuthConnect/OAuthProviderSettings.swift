import Accounts
import Foundation
import OAuth
import OutlookProvider
import GmailProvider

/// Operator settings of the Google and Microsoft connect flows (`MCPEMAILS_GOOGLE_*`, `MCPEMAILS_MICROSOFT_*`).
///
/// Redirect URIs are `$MCPEMAILS_PUBLIC_URL/oauth/google/callback` and `…/oauth/microsoft/callback`;
/// endpoints default to Google's and Microsoft's and can be pointed elsewhere (tests, proxies).
public struct OAuthProviderSettings: Sendable {
    public struct Google: Sendable {
        public var clientID: String
        public var clientSecret: String
        public var authorizationURL = OAuthClientConfiguration.googleAuthorizationURL
        public var tokenURL = OAuthClientConfiguration.googleTokenURL
        public var gmailAPIURL = GmailProvider.defaultAPIBaseURL
    }

    public struct Microsoft: Sendable {
        public var clientID: String
        public var clientSecret: String
        public var tenant = MicrosoftIdentity.defaultTenant
        public var authorityURL = MicrosoftIdentity.defaultAuthorityURL
        public var graphAPIURL = OutlookProvider.defaultGraphBaseURL
    }

    public var google: Google?
    public var microsoft: Microsoft?

    public init(google: Google? = nil, microsoft: Microsoft? = nil) {
        self.google = google
        self.microsoft = microsoft
    }

    /// Reads the variables; a provider is configured when its client id and secret are set.
    public static func fromEnvironment(_ env: [String: String]) throws -> OAuthProviderSettings {
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func url(_ name: String) throws -> URL? {
            guard let text = value(name) else { return nil }
            guard let url = URL(string: text), url.scheme != nil else { throw ConfigurationError(name, "must be an absolute URL") }
            return url
        }
        var settings = OAuthProviderSettings()
        if let id = value("MCPEMAILS_GOOGLE_CLIENT_ID"), let secret = value("MCPEMAILS_GOOGLE_CLIENT_SECRET") {
            var google = Google(clientID: id, clientSecret: secret)
            if let u = try url("MCPEMAILS_GOOGLE_AUTH_URL") { google.authorizationURL = u }
            if let u = try url("MCPEMAILS_GOOGLE_TOKEN_URL") { google.tokenURL = u }
            if let u = try url("MCPEMAILS_GMAIL_API_URL") { google.gmailAPIURL = u.absoluteString }
            settings.google = google
        }
        if let id = value("MCPEMAILS_MICROSOFT_CLIENT_ID"), let secret = value("MCPEMAILS_MICROSOFT_CLIENT_SECRET") {
            var microsoft = Microsoft(clientID: id, clientSecret: secret)
            if let tenant = value("MCPEMAILS_MICROSOFT_TENANT") { microsoft.tenant = tenant }
            if let u = try url("MCPEMAILS_MICROSOFT_AUTHORITY_URL") { microsoft.authorityURL = u.absoluteString }
            if let u = try url("MCPEMAILS_GRAPH_API_URL") { microsoft.graphAPIURL = u.absoluteString }
            settings.microsoft = microsoft
        }
        return settings
    }

    /// The providers with a client id and secret.
    public var configuredProviders: Set<ProviderKind> {
        var kinds: Set<ProviderKind> = []
        if google != nil { kinds.insert(.gmail) }
        if microsoft != nil { kinds.insert(.outlook) }
        return kinds
    }

    /// The OAuth client of `kind`, or nil when that provider is not configured.
    func client(for kind: ProviderKind, publicURL: String) -> OAuthClientConfiguration? {
        switch kind {
        case .gmail:
            guard let google else { return nil }
            return .google(clientID: google.clientID, clientSecret: google.clientSecret,
                           redirectURI: "\(publicURL)/oauth/google/callback",
                           authorizationURL: google.authorizationURL, tokenURL: google.tokenURL)
        case .outlook:
            guard let microsoft,
                  let authorize = MicrosoftIdentity.authorizationURL(authority: microsoft.authorityURL, tenant: microsoft.tenant),
                  let token = MicrosoftIdentity.tokenURL(authority: microsoft.authorityURL, tenant: microsoft.tenant) else { return nil }
            return OAuthClientConfiguration(
                clientID: microsoft.clientID, clientSecret: microsoft.clientSecret, authorizationURL: authorize,
                tokenURL: token, redirectURI: "\(publicURL)/oauth/microsoft/callback",
                scopes: MicrosoftIdentity.scopes, extraAuthorizationParameters: MicrosoftIdentity.extraAuthorizationParameters)
        case .imap:
            return nil
        }
    }
}
