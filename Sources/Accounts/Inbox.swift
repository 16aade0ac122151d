import Foundation

/// Which backend serves an inbox.
public enum ProviderKind: String, Codable, CaseIterable, Sendable {
    /// Any IMAP/SMTP server (password or app password).
    case imap
    /// Gmail REST API with Google OAuth.
    case gmail
    /// Microsoft Graph with Microsoft identity OAuth.
    case outlook
}

/// Whether an inbox can be used.
public enum InboxStatus: String, Codable, CaseIterable, Sendable {
    /// Credentials work (as far as we know).
    case active
    /// The provider refused the credentials; the user must reconnect (tools answer `auth_failed`).
    case needsReconnect = "needs_reconnect"
}

/// A connected mailbox. Its credentials are stored separately, encrypted, and never part of this value.
public struct Inbox: Hashable, Sendable, Codable, Identifiable {
    /// The id agents pass as `inbox_id`.
    public var id: UUID
    /// The owning workspace; other workspaces cannot see the inbox.
    public var workspaceID: UUID
    /// The backend.
    public var provider: ProviderKind
    /// The mailbox address, e.g. `agent@example.com`.
    public var address: String
    /// Optional display name used in From headers.
    public var displayName: String?
    /// Whether the inbox works or needs a reconnect.
    public var status: InboxStatus
    /// Non-secret provider settings, e.g. `imap.host`, `imap.port`, `imap.security`, `smtp.host`.
    public var settings: [String: String]
    /// Creation time.
    public var createdAt: Date

    /// Creates an inbox value.
    public init(
        id: UUID, workspaceID: UUID, provider: ProviderKind, address: String, displayName: String? = nil,
        status: InboxStatus = .active, settings: [String: String] = [:], createdAt: Date
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.provider = provider
        self.address = address
        self.displayName = displayName
        self.status = status
        self.settings = settings
        self.createdAt = createdAt
    }
}
