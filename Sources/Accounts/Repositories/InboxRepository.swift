import Foundation

/// Stores inboxes and their credentials (encrypted at rest by the implementation).
///
/// Every lookup by id is workspace-scoped: an inbox of another workspace answers exactly like a
/// missing one, so ids leak nothing.
public protocol InboxRepository: Sendable {
    /// Creates an inbox with a new id and stores `credentials` (plaintext here, encrypted at rest).
    func create(
        workspaceID: UUID, provider: ProviderKind, address: String, displayName: String?,
        settings: [String: String], credentials: [UInt8]
    ) async throws -> Inbox

    /// The inbox if it exists and belongs to `workspaceID`, else `nil`.
    func get(id: UUID, workspaceID: UUID) async throws -> Inbox?

    /// ``get(id:workspaceID:)`` plus the version of the inbox's stored credentials, which changes every time
    /// they are replaced, by any process: what a cache of live connections compares to notice a reconnect
    /// made elsewhere. One lookup.
    func getWithCredentialsVersion(id: UUID, workspaceID: UUID) async throws -> (inbox: Inbox, credentialsVersion: Int64)?

    /// The decrypted credentials of an inbox, or `nil` if the inbox has none.
    /// Callers must have checked workspace ownership with ``get(id:workspaceID:)`` first.
    func credentials(inboxID: UUID) async throws -> [UInt8]?

    /// Replaces the credentials (e.g. a refreshed OAuth token). Returns their new version (see
    /// ``getWithCredentialsVersion(id:workspaceID:)``), or `nil` for an unknown inbox.
    func updateCredentials(inboxID: UUID, credentials: [UInt8]) async throws -> Int64?

    /// Sets the status (e.g. `needs_reconnect` after `auth_failed`). Returns `false` for an unknown inbox.
    func setStatus(inboxID: UUID, status: InboxStatus) async throws -> Bool

    /// Replaces display name and settings (reconnect with changed server settings).
    func update(inboxID: UUID, displayName: String?, settings: [String: String]) async throws -> Bool

    /// The workspace's inboxes, oldest first.
    func list(workspaceID: UUID) async throws -> [Inbox]

    /// Removes the inbox and its credentials; `workspaceID` restricts to one workspace (`nil`: any,
    /// for the admin CLI). Returns `false` if nothing was removed.
    func remove(id: UUID, workspaceID: UUID?) async throws -> Bool

    /// The workspace's inbox for this provider and address (case-insensitive), for reconnects.
    func findByAddress(workspaceID: UUID, provider: ProviderKind, address: String) async throws -> Inbox?
}
