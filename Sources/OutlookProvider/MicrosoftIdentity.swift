import Foundation

/// The Microsoft identity platform (v2.0 endpoints) as the connect flow needs it: endpoints per tenant,
/// the scopes an Outlook inbox asks for, and the extra authorization parameters.
///
/// Wire example: `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id=…&response_type=code&
/// redirect_uri=…&response_mode=query&scope=offline_access%20Mail.ReadWrite%20Mail.Send%20User.Read&state=…&
/// code_challenge=…&code_challenge_method=S256`, then `POST …/oauth2/v2.0/token` with the code, the verifier
/// and the client secret.
public enum MicrosoftIdentity {
    /// The public cloud authority (`MCPEMAILS_MICROSOFT_AUTHORITY_URL` overrides it).
    public static let defaultAuthorityURL = "https://login.microsoftonline.com"
    /// `common`: work, school and personal Microsoft accounts (`MCPEMAILS_MICROSOFT_TENANT` overrides it).
    public static let defaultTenant = "common"
    /// `offline_access` yields a refresh token; `User.Read` lets `/me` name the mailbox.
    public static let scopes = ["offline_access", "Mail.ReadWrite", "Mail.Send", "User.Read"]
    /// Sent with the authorization request: the code comes back in the redirect's query string.
    public static let extraAuthorizationParameters = ["response_mode": "query"]

    /// `{authority}/{tenant}/oauth2/v2.0/authorize`.
    public static func authorizationURL(authority: String = defaultAuthorityURL, tenant: String = defaultTenant) -> URL? {
        URL(string: "\(trimmed(authority))/\(tenant)/oauth2/v2.0/authorize")
    }

    /// `{authority}/{tenant}/oauth2/v2.0/token`.
    public static func tokenURL(authority: String = defaultAuthorityURL, tenant: String = defaultTenant) -> URL? {
        URL(string: "\(trimmed(authority))/\(tenant)/oauth2/v2.0/token")
    }

    /// The AADSTS number in a token error's `error_description` (`AADSTS70008: The provided …` → 70008),
    /// for logs and support; never shown with the rest of the description.
    public static func aadstsCode(in description: String?) -> Int? {
        guard let description, let range = description.range(of: "AADSTS") else { return nil }
        return Int(description[range.upperBound...].prefix { $0.isNumber })
    }

    private static func trimmed(_ authority: String) -> String {
        authority.hasSuffix("/") ? String(authority.dropLast()) : authority
    }
}
