import Accounts
import Foundation
import SQLKit
@testable import Storage
import Testing

/// Deleting a workspace removes every row of it, in every table, and nothing of any other workspace.
@Suite("Workspace deletion")
struct WorkspaceDeletionTests {
    /// One workspace with something in every table.
    struct Filled {
        let workspace: Workspace
        let keyID: UUID
        let inboxID: UUID
        let userIDs: [UUID]
    }

    static func fill(_ stores: Stores, name: String) async throws -> Filled {
        let now = Date()
        let workspace = try await stores.workspaces.create(name: name, plan: .free)
        let (key, _) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "k", scopes: [.readEmail])
        let inbox = try await stores.inboxes.create(workspaceID: workspace.id, provider: .imap, address: "\(name)@example.com",
                                                    displayName: nil, settings: [:], credentials: Array("pw".utf8))
        let owner = try #require(try await stores.users.createOwner(email: "owner-\(UUID())@example.com", passwordHash: "h",
                                                                   workspaceName: "unused", plan: .free))
        let member = try #require(try await stores.users.createMember(email: "member-\(UUID())@example.com", passwordHash: "h",
                                                                     workspaceID: workspace.id))
        _ = try await stores.dashboardSessions.create(userID: member.id, lifetime: 3_600, now: now)
        _ = try await stores.invites.create(workspaceID: workspace.id, createdBy: member.id, lifetime: 3_600, now: now)
        _ = try await stores.rateLimiter.admit(keyID: key.id, policy: RateLimitPolicy(windows: [RateWindow(limit: 1, seconds: 60)]), now: now)
        _ = try await stores.rateLimiter.admit(keyID: key.id, policy: RateLimitPolicy(windows: [RateWindow(limit: 1, seconds: 60)]), now: now)
        _ = try await stores.quotas.reserveSend(workspaceID: workspace.id, limit: 10, now: now)
        _ = try await stores.quotas.recordCalls(workspaceID: workspace.id, count: 3, at: now)
        _ = try await stores.sendLedger.begin(workspaceID: workspace.id, inboxID: inbox.id, tool: "send_email",
                                              idempotencyKey: "once", requestFingerprint: "f", now: now)
        try await stores.auditLog.record([AuditEntry(time: now, workspaceID: workspace.id, keyID: key.id, inboxID: inbox.id,
                                                     tool: "list_inbox", outcome: "ok", latencyMs: 1, requestID: nil)])
        try await stores.oauthStates.store(state: "state-\(UUID())", record: OAuthStateRecord(
            workspaceID: workspace.id, provider: .gmail, pkceVerifier: "v", expiresAt: now.addingTimeInterval(600)))
        _ = owner  // the owner of createOwner belongs to its own new workspace, untouched here
        return Filled(workspace: workspace, keyID: key.id, inboxID: inbox.id, userIDs: [member.id])
    }

    /// Rows of `filled` per table.
    static func rows(_ stores: Stores, _ filled: Filled) async throws -> [String: Int] {
        let ws = filled.workspace.id.dbText, key = filled.keyID.dbText, inbox = filled.inboxID.dbText
        let user = filled.userIDs[0].dbText
        let queries: [String: SQLQueryString] = [
            "workspaces": "SELECT COUNT(*) AS n FROM workspaces WHERE id = \(bind: ws)",
            "api_keys": "SELECT COUNT(*) AS n FROM api_keys WHERE workspace_id = \(bind: ws)",
            "inboxes": "SELECT COUNT(*) AS n FROM inboxes WHERE workspace_id = \(bind: ws)",
            "inbox_credentials": "SELECT COUNT(*) AS n FROM inbox_credentials WHERE inbox_id = \(bind: inbox)",
            "users": "SELECT COUNT(*) AS n FROM users WHERE workspace_id = \(bind: ws)",
            "dashboard_sessions": "SELECT COUNT(*) AS n FROM dashboard_sessions WHERE user_id = \(bind: user)",
            "invites": "SELECT COUNT(*) AS n FROM invites WHERE workspace_id = \(bind: ws)",
            "rate_events": "SELECT COUNT(*) AS n FROM rate_events WHERE key_id = \(bind: key)",
            "rate_rejections": "SELECT COUNT(*) AS n FROM rate_rejections WHERE key_id = \(bind: key)",
            "quota_counters": "SELECT COUNT(*) AS n FROM quota_counters WHERE workspace_id = \(bind: ws)",
            "sends": "SELECT COUNT(*) AS n FROM sends WHERE workspace_id = \(bind: ws)",
            "audit_log": "SELECT COUNT(*) AS n FROM audit_log WHERE workspace_id = \(bind: ws)",
            "oauth_states": "SELECT COUNT(*) AS n FROM oauth_states WHERE workspace_id = \(bind: ws)",
        ]
        var counts: [String: Int] = [:]
        for (table, query) in queries {
            counts[table] = try await stores.database.executor.read { db in try await db.raw(query).first()?.int("n") ?? -1 }
        }
        return counts
    }

    @Test("every row of the workspace goes, in every table; another workspace keeps all of its rows", arguments: Engine.allCases)
    func deletesEverything(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let doomed = try await Self.fill(stores, name: "doomed")
            let kept = try await Self.fill(stores, name: "kept")
            let before = try await Self.rows(stores, doomed)
            #expect(before.values.allSatisfy { $0 >= 1 }, "the fixture fills every table: \(before)")
            let keptBefore = try await Self.rows(stores, kept)

            #expect(try await stores.workspaces.delete(id: doomed.workspace.id) == [doomed.inboxID])
            let after = try await Self.rows(stores, doomed)
            #expect(after.values.allSatisfy { $0 == 0 }, "left behind: \(after.filter { $0.value != 0 })")
            #expect(try await Self.rows(stores, kept) == keptBefore)
            #expect(try await stores.workspaces.delete(id: doomed.workspace.id) == nil)
            #expect(try await stores.apiKeys.get(id: doomed.keyID, workspaceID: nil) == nil)
        }
    }
}
