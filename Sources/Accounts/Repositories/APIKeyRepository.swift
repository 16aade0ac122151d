import Foundation

/// Stores API keys as SHA-256 hashes; the secret is returned once, at creation.
public protocol APIKeyRepository: Sendable {
    /// Creates a key and returns it with its secret (`mcpe_live_…`). Only the hash is stored.
    func create(workspaceID: UUID, name: String, scopes: Set<Scope>) async throws -> (key: APIKey, secret: String)

    /// ``create(workspaceID:name:scopes:)`` at most once per `formToken`, a random ``SecretToken`` put in
    /// the form that asks for the key: submitting that form again (a browser refresh, a double click, on any
    /// instance) creates nothing and answers with the key the first submission made. Only the token's hash
    /// is stored.
    func create(workspaceID: UUID, name: String, scopes: Set<Scope>, formToken: String) async throws -> KeyCreation

    /// The key and its workspace for a presented secret, or `nil` when the secret is malformed,
    /// unknown or revoked. One database round trip, no caching here.
    func authenticate(secret: String) async throws -> (key: APIKey, workspace: Workspace)?

    /// The workspace's keys (revoked ones included), oldest first.
    func list(workspaceID: UUID) async throws -> [APIKey]

    /// The key with this id, if it belongs to `workspaceID` (any workspace when `nil`).
    func get(id: UUID, workspaceID: UUID?) async throws -> APIKey?

    /// Revokes the key; `workspaceID` restricts to one workspace (`nil`: any, for the admin CLI).
    /// Returns `false` if no such unrevoked key exists.
    func revoke(id: UUID, workspaceID: UUID?, at: Date) async throws -> Bool

    /// Records use of the key. Coalesced: writes only when the stored time is older than a minute,
    /// so callers may call it on every request.
    func touchLastUsed(id: UUID, at: Date) async throws
}

/// The answer of ``APIKeyRepository/create(workspaceID:name:scopes:formToken:)``.
public enum KeyCreation: Sendable {
    /// A new key; its secret, shown once.
    case created(APIKey, secret: String)
    /// The form was submitted before: this is the key it created (its secret cannot be shown again).
    case alreadyCreated(APIKey)
}
