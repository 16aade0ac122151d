import Accounts
import Foundation
import SQLKit

/// ``WorkspaceRepository`` over SQL.
struct SQLWorkspaceRepository: WorkspaceRepository {
    let executor: any SQLExecutor
    let now: @Sendable () -> Date
    /// Told of every plan change (see ``AccessChanges``).
    var accessChanges = AccessChanges()

    static let columns = "id, name, plan, send_quota_override, monthly_call_quota_override, created_at"

    func create(name: String, plan: Plan) async throws -> Workspace {
        let workspace = Workspace(id: UUID(), name: name, plan: plan, createdAt: now().storedPrecision)
        try await executor.write { db in try await Self.insert(workspace, db) }
        return workspace
    }

    /// Inserts a new workspace row (also used inside the dashboard's sign-up transaction).
    static func insert(_ workspace: Workspace, _ db: any SQLDatabase) async throws {
        try await db.raw("""
            INSERT INTO workspaces (id, name, plan, created_at)
            VALUES (\(bind: workspace.id.dbText), \(bind: workspace.name), \(bind: workspace.plan.rawValue),
                    \(bind: workspace.createdAt.epochMilliseconds))
            """).run()
    }

    func get(id: UUID) async throws -> Workspace? {
        try await executor.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM workspaces WHERE id = \(bind: id.dbText)")
                .first().map { try Self.decode($0, prefix: "") }
        }
    }

    func list() async throws -> [Workspace] {
        try await executor.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM workspaces ORDER BY created_at, id")
                .all().map { try Self.decode($0, prefix: "") }
        }
    }

    func setPlan(id: UUID, plan: Plan, sendQuota: Int?, monthlyCalls: Int?) async throws -> Workspace? {
        defer { accessChanges.record() }
        return try await executor.write { db in
            try await db.raw("""
                UPDATE workspaces SET plan = \(bind: plan.rawValue), send_quota_override = \(bind: sendQuota),
                    monthly_call_quota_override = \(bind: monthlyCalls)
                WHERE id = \(bind: id.dbText)
                RETURNING \(unsafeRaw: Self.columns)
                """).first().map { try Self.decode($0, prefix: "") }
        }
    }

    func delete(id: UUID) async throws -> [UUID]? {
        defer { accessChanges.record() }
        let workspace = id.dbText
        return try await executor.transaction(lockKey: nil) { db in
            guard try await db.raw("SELECT id FROM workspaces WHERE id = \(bind: workspace)").first() != nil else { return nil }
            let inboxes = try await db.raw("SELECT id FROM inboxes WHERE workspace_id = \(bind: workspace)").all()
                .map { try $0.uuid("id") }
            // Rows that reference the workspace (or its keys) without a foreign key go first…
            for table in ["rate_events", "rate_rejections"] {
                try await db.raw("""
                    DELETE FROM \(unsafeRaw: table) WHERE key_id IN (SELECT id FROM api_keys WHERE workspace_id = \(bind: workspace))
                    """).run()
            }
            for table in ["quota_counters", "oauth_states", "sends", "audit_log"] {
                try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE workspace_id = \(bind: workspace)").run()
            }
            // …then the workspace: keys, inboxes and credentials, users, sessions and invites cascade.
            try await db.raw("DELETE FROM workspaces WHERE id = \(bind: workspace)").run()
            return inboxes
        }
    }

    /// Decodes a workspace from a row whose workspace columns carry `prefix` (for joins).
    static func decode(_ row: any SQLRow, prefix: String) throws -> Workspace {
        Workspace(
            id: try row.uuid(prefix + "id"),
            name: try row.string(prefix + "name"),
            plan: try row.enumValue(prefix + "plan", as: Plan.self),
            sendQuotaOverride: try row.optionalInt(prefix + "send_quota_override"),
            monthlyCallQuotaOverride: try row.optionalInt(prefix + "monthly_call_quota_override"),
            createdAt: try row.date(prefix + "created_at"))
    }
}
