import Foundation

/// A pending OAuth connect flow, kept between the redirect to the provider and the callback.
public struct OAuthStateRecord: Hashable, Sendable {
    /// The workspace that started the flow.
    public var workspaceID: UUID
    /// `gmail` or `outlook`.
    public var provider: ProviderKind
    /// The PKCE code verifier (RFC 7636 §4.1). Stored encrypted.
    public var pkceVerifier: String
    /// Non-secret extras, e.g. the inbox id being reconnected or where to return.
    public var context: [String: String]
    /// After this time the state is refused.
    public var expiresAt: Date

    /// Creates a record value.
    public init(workspaceID: UUID, provider: ProviderKind, pkceVerifier: String, context: [String: String] = [:], expiresAt: Date) {
        self.workspaceID = workspaceID
        self.provider = provider
        self.pkceVerifier = pkceVerifier
        self.context = context
        self.expiresAt = expiresAt
    }
}
