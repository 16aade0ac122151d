import Foundation

/// Stores workspaces.
public protocol WorkspaceRepository: Sendable {
    /// Creates a workspace with a new id.
    func create(name: String, plan: Plan) async throws -> Workspace
    /// The workspace, or `nil` if none has this id.
    func get(id: UUID) async throws -> Workspace?
    /// All workspaces, oldest first.
    func list() async throws -> [Workspace]
    /// Changes the plan and the per-workspace overrides (`nil` clears an override).
    /// Returns the updated workspace, or `nil` if none has this id.
    func setPlan(id: UUID, plan: Plan, sendQuota: Int?, monthlyCalls: Int?) async throws -> Workspace?
    /// Deletes the workspace and everything of it — keys, inboxes and their credentials, dashboard users and
    /// sessions, invites, sends, audit entries, counters — in one transaction. Returns the ids of the inboxes
    /// it had (so live connections can be dropped), or `nil` if none has this id.
    func delete(id: UUID) async throws -> [UUID]?
}
