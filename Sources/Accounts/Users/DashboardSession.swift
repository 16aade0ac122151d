import Foundation

/// A signed-in browser. The cookie carries a random token; the database keeps only its SHA-256.
public struct DashboardSession: Hashable, Sendable, Identifiable {
    /// Stable identifier (not the token).
    public var id: UUID
    /// Who is signed in.
    public var userID: UUID
    /// The per-session CSRF token every state-changing form must echo. Random, not secret from the
    /// user, so it is stored as is.
    public var csrfToken: String
    /// Creation time.
    public var createdAt: Date
    /// After this time the session is refused and may be purged.
    public var expiresAt: Date

    /// Creates a session value.
    public init(id: UUID, userID: UUID, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.userID = userID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A single-use link by which a workspace owner lets another person join.
public struct Invite: Hashable, Sendable, Identifiable {
    /// Stable identifier (not the token).
    public var id: UUID
    /// The workspace the invitee joins.
    public var workspaceID: UUID
    /// The owner who created it.
    public var createdBy: UUID
    /// Creation time.
    public var createdAt: Date
    /// After this time the link is refused.
    public var expiresAt: Date

    /// Creates an invite value.
    public init(id: UUID, workspaceID: UUID, createdBy: UUID, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.workspaceID = workspaceID
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
