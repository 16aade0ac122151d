import Foundation

/// A person who signs in to the dashboard. Belongs to exactly one workspace.
public struct User: Hashable, Sendable, Identifiable {
    /// Stable identifier.
    public var id: UUID
    /// The sign-in address, normalized with ``User/normalizeEmail(_:)``.
    public var email: String
    /// The workspace the user acts in.
    public var workspaceID: UUID
    /// `owner` may invite others; `member` may not.
    public var role: UserRole
    /// Creation time.
    public var createdAt: Date

    /// Creates a user value.
    public init(id: UUID, email: String, workspaceID: UUID, role: UserRole, createdAt: Date) {
        self.id = id
        self.email = email
        self.workspaceID = workspaceID
        self.role = role
        self.createdAt = createdAt
    }

    /// Trims surrounding white space and lower-cases: the one form stored and looked up, so
    /// `Ana@Example.com ` and `ana@example.com` are the same account.
    public static func normalizeEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// What a user may do in its workspace.
public enum UserRole: String, Hashable, Sendable, CaseIterable {
    /// Created the workspace at sign-up; may create invites.
    case owner
    /// Joined through an invite.
    case member
}
