import Foundation

/// The tokens of one connected inbox, as the lead's storage keeps them (encrypted) as its credentials.
///
/// `description` and `debugDescription` redact both tokens, so a `TokenSet` can never end up in a log.
///
/// Token response it comes from (RFC 6749 §5.1):
/// `{"access_token":"ya29…","expires_in":3599,"refresh_token":"1//0…","scope":"…","token_type":"Bearer"}`.
public struct TokenSet: Codable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Bearer token for API calls.
    public var accessToken: String
    /// Long-lived token for refreshing; Google omits it on refresh responses, so it is carried over.
    public var refreshToken: String?
    /// When `accessToken` stops working (issue time + `expires_in`).
    public var expiresAt: Date
    /// Space-separated scopes actually granted (may be fewer than requested).
    public var scope: String?

    public init(accessToken: String, refreshToken: String?, expiresAt: Date, scope: String?) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.scope = scope
    }

    /// Granted scopes as a set.
    public var grantedScopes: Set<String> {
        Set((scope ?? "").split(separator: " ").map(String.init))
    }

    public var description: String {
        "TokenSet(accessToken: <redacted>, refreshToken: \(refreshToken == nil ? "nil" : "<redacted>"), "
            + "expiresAt: \(expiresAt), scope: \(scope ?? "nil"))"
    }

    public var debugDescription: String { description }
}
