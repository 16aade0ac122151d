import Foundation

/// An API key's stored metadata. The secret itself is never stored, only its SHA-256 hash.
public struct APIKey: Hashable, Sendable, Codable, Identifiable {
    /// Stable identifier (used by `key revoke` and in the audit log).
    public var id: UUID
    /// The workspace the key acts for.
    public var workspaceID: UUID
    /// A name chosen at creation, e.g. "support agent".
    public var name: String
    /// The secret's first characters for display, e.g. `mcpe_live_AbCd` (see ``APIKeySecret/displayPrefix(_:)``).
    public var prefix: String
    /// What the key may do.
    public var scopes: Set<Scope>
    /// Creation time.
    public var createdAt: Date
    /// Last time the key authenticated a request (coalesced: may lag by up to a minute).
    public var lastUsedAt: Date?
    /// Revocation time; a revoked key fails authentication on the next request.
    public var revokedAt: Date?

    /// Creates a key value.
    public init(
        id: UUID, workspaceID: UUID, name: String, prefix: String, scopes: Set<Scope>,
        createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.name = name
        self.prefix = prefix
        self.scopes = scopes
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }

    /// Whether the key has been revoked.
    public var isRevoked: Bool { revokedAt != nil }

    /// Whether the key carries `scope`.
    public func allows(_ scope: Scope) -> Bool { scopes.contains(scope) }
}
