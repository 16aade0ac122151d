import Accounts
import Foundation
import SQLKit

/// ``InboxRepository`` over SQL. Credentials live in `inbox_credentials`, sealed by ``SecretBox``
/// with the inbox id as associated data.
struct SQLInboxRepository: InboxRepository {
    let executor: any SQLExecutor
    let secretBox: SecretBox
    let now: @Sendable () -> Date

    static let columns = "id, workspace_id, provider, address, display_name, status, settings, created_at"
    static let qualifiedColumns = columns.split(separator: ",").map { "i.\($0.trimmingCharacters(in: .whitespaces))" }
        .joined(separator: ", ")

    func create(
        workspaceID: UUID, provider: ProviderKind, address: String, displayName: String?,
        settings: [String: String], credentials: [UInt8]
    ) async throws -> Inbox {
        let inbox = Inbox(
            id: UUID(), workspaceID: workspaceID, provider: provider, address: address, displayName: displayName,
            status: .active, settings: settings, createdAt: now().storedPrecision)
        let sealed = try secretBox.seal(credentials, context: SecretBox.inboxContext(inbox.id))
        let settingsText = try StringMapColumn.encode(settings)
        try await executor.transaction(lockKey: nil) { db in
            try await db.raw("""
                INSERT INTO inboxes (id, workspace_id, provider, address, display_name, status, settings, created_at)
                VALUES (\(bind: inbox.id.dbText), \(bind: workspaceID.dbText), \(bind: provider.rawValue),
                        \(bind: address), \(bind: displayName), \(bind: inbox.status.rawValue), \(bind: settingsText),
                        \(bind: inbox.createdAt.epochMilliseconds))
                """).run()
            try await db.raw("""
                INSERT INTO inbox_credentials (inbox_id, sealed, updated_at)
                VALUES (\(bind: inbox.id.dbText), \(bind: sealed), \(bind: inbox.createdAt.epochMilliseconds))
                """).run()
        }
        return inbox
    }

    func get(id: UUID, workspaceID: UUID) async throws -> Inbox? {
        try await getWithCredentialsVersion(id: id, workspaceID: workspaceID)?.inbox
    }

    func getWithCredentialsVersion(id: UUID, workspaceID: UUID) async throws -> (inbox: Inbox, credentialsVersion: Int64)? {
        try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.qualifiedColumns), c.updated_at AS credentials_version
                FROM inboxes i LEFT JOIN inbox_credentials c ON c.inbox_id = i.id
                WHERE i.id = \(bind: id.dbText) AND i.workspace_id = \(bind: workspaceID.dbText)
                """).first().map { row in
                    (try Self.decode(row), Int64(try row.optionalInt("credentials_version") ?? 0))
                }
        }
    }

    func credentials(inboxID: UUID) async throws -> [UInt8]? {
        let sealed = try await executor.read { db in
            try await db.raw("SELECT sealed FROM inbox_credentials WHERE inbox_id = \(bind: inboxID.dbText)")
                .first().map { try $0.string("sealed") }
        }
        guard let sealed else { return nil }
        return try secretBox.open(sealed, context: SecretBox.inboxContext(inboxID))
    }

    /// The version is `updated_at`, kept strictly increasing (a write in the same millisecond as the last,
    /// or after a clock stepped back, takes the last value + 1), so every replacement is a new version.
    func updateCredentials(inboxID: UUID, credentials: [UInt8]) async throws -> Int64? {
        let sealed = try secretBox.seal(credentials, context: SecretBox.inboxContext(inboxID))
        let nowMs = now().epochMilliseconds
        return try await executor.transaction(lockKey: nil) { db in
            guard try await db.raw("SELECT id FROM inboxes WHERE id = \(bind: inboxID.dbText)").first() != nil else {
                return nil
            }
            return try await db.raw("""
                INSERT INTO inbox_credentials (inbox_id, sealed, updated_at)
                VALUES (\(bind: inboxID.dbText), \(bind: sealed), \(bind: nowMs))
                ON CONFLICT (inbox_id) DO UPDATE SET sealed = excluded.sealed,
                    updated_at = CASE WHEN inbox_credentials.updated_at >= excluded.updated_at
                                      THEN inbox_credentials.updated_at + 1 ELSE excluded.updated_at END
                RETURNING updated_at
                """).first().map { try $0.int64("updated_at") }
        }
    }

    func setStatus(inboxID: UUID, status: InboxStatus) async throws -> Bool {
        try await executor.write { db in
            try await db.raw("""
                UPDATE inboxes SET status = \(bind: status.rawValue) WHERE id = \(bind: inboxID.dbText) RETURNING id
                """).all().count == 1
        }
    }

    func update(inboxID: UUID, displayName: String?, settings: [String: String]) async throws -> Bool {
        let settingsText = try StringMapColumn.encode(settings)
        return try await executor.write { db in
            try await db.raw("""
                UPDATE inboxes SET display_name = \(bind: displayName), settings = \(bind: settingsText)
                WHERE id = \(bind: inboxID.dbText) RETURNING id
                """).all().count == 1
        }
    }

    func list(workspaceID: UUID) async throws -> [Inbox] {
        try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM inboxes WHERE workspace_id = \(bind: workspaceID.dbText)
                ORDER BY created_at, id
                """).all().map(Self.decode)
        }
    }

    func remove(id: UUID, workspaceID: UUID?) async throws -> Bool {
        var query: SQLQueryString = "DELETE FROM inboxes WHERE id = \(bind: id.dbText)"
        if let workspaceID { query += " AND workspace_id = \(bind: workspaceID.dbText)" }
        query += " RETURNING id"
        let deleteInbox = query
        return try await executor.transaction(lockKey: nil) { db in
            let removed = try await db.raw(deleteInbox).all().count == 1
            if removed {
                try await db.raw("DELETE FROM inbox_credentials WHERE inbox_id = \(bind: id.dbText)").run()
            }
            return removed
        }
    }

    func findByAddress(workspaceID: UUID, provider: ProviderKind, address: String) async throws -> Inbox? {
        try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM inboxes
                WHERE workspace_id = \(bind: workspaceID.dbText) AND provider = \(bind: provider.rawValue)
                  AND LOWER(address) = \(bind: address.lowercased())
                ORDER BY created_at, id
                """).first().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> Inbox {
        Inbox(
            id: try row.uuid("id"), workspaceID: try row.uuid("workspace_id"),
            provider: try row.enumValue("provider", as: ProviderKind.self), address: try row.string("address"),
            displayName: try row.optionalString("display_name"),
            status: try row.enumValue("status", as: InboxStatus.self),
            settings: try StringMapColumn.decode(try row.string("settings")), createdAt: try row.date("created_at"))
    }
}
