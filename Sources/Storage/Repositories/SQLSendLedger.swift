import Accounts
import Foundation
import SQLKit

/// ``SendLedgerRepository`` over SQL: the `sends` table with `UNIQUE (workspace_id, idempotency_key)`.
///
/// `begin` inserts with `ON CONFLICT … DO NOTHING RETURNING id`: exactly one concurrent caller gets
/// the row back (`.new`), every other reads the winner's record (`.existing`). Rows without an
/// idempotency key never conflict (NULLs are distinct in a UNIQUE constraint on both engines).
///
/// A repeat whose fingerprint differs from the first request's still gets the first record, with
/// `fingerprintMismatch: true`: the key names the operation, and sending a second, different message
/// under a reused key is exactly what idempotency keys exist to prevent.
struct SQLSendLedger: SendLedgerRepository {
    let executor: any SQLExecutor

    static let columns = """
        id, workspace_id, inbox_id, tool, idempotency_key, fingerprint, status, provider_message_id, \
        result_json, error_code, created_at, completed_at
        """

    func begin(
        workspaceID: UUID, inboxID: UUID, tool: String, idempotencyKey: String?, requestFingerprint: String,
        now: Date
    ) async throws -> LedgerBegin {
        let id = UUID()
        let inserted = try await executor.write { db in
            try await db.raw("""
                INSERT INTO sends (id, workspace_id, inbox_id, tool, idempotency_key, fingerprint, status, created_at)
                VALUES (\(bind: id.dbText), \(bind: workspaceID.dbText), \(bind: inboxID.dbText), \(bind: tool),
                        \(bind: idempotencyKey), \(bind: requestFingerprint), \(bind: DeliveryStatus.pending.rawValue),
                        \(bind: now.epochMilliseconds))
                ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
                RETURNING id
                """).all().count == 1
        }
        if inserted { return .new(sendID: id) }
        guard let idempotencyKey, let existing = try await get(idempotencyKey: idempotencyKey, workspaceID: workspaceID) else {
            throw StorageError(.corruptRow, detail: "send ledger conflict without a row")
        }
        return .existing(existing, fingerprintMismatch: existing.requestFingerprint != requestFingerprint)
    }

    func complete(
        sendID: UUID, status: DeliveryStatus, providerMessageID: String?, resultJSON: String?, errorCode: String?,
        now: Date
    ) async throws {
        try await executor.write { db in
            try await db.raw("""
                UPDATE sends SET status = \(bind: status.rawValue), provider_message_id = \(bind: providerMessageID),
                    result_json = \(bind: resultJSON), error_code = \(bind: errorCode),
                    completed_at = \(bind: now.epochMilliseconds)
                WHERE id = \(bind: sendID.dbText)
                """).run()
        }
    }

    func discard(sendID: UUID, workspaceID: UUID) async throws {
        try await executor.write { db in
            try await db.raw("""
                DELETE FROM sends
                WHERE id = \(bind: sendID.dbText) AND workspace_id = \(bind: workspaceID.dbText)
                  AND status = \(bind: DeliveryStatus.pending.rawValue)
                """).run()
        }
    }

    func get(sendID: UUID, workspaceID: UUID) async throws -> SendRecord? {
        try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM sends
                WHERE id = \(bind: sendID.dbText) AND workspace_id = \(bind: workspaceID.dbText)
                """).first().map(Self.decode)
        }
    }

    func get(idempotencyKey: String, workspaceID: UUID) async throws -> SendRecord? {
        try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM sends
                WHERE idempotency_key = \(bind: idempotencyKey) AND workspace_id = \(bind: workspaceID.dbText)
                """).first().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> SendRecord {
        SendRecord(
            id: try row.uuid("id"), workspaceID: try row.uuid("workspace_id"), inboxID: try row.uuid("inbox_id"),
            tool: try row.string("tool"), idempotencyKey: try row.optionalString("idempotency_key"),
            requestFingerprint: try row.string("fingerprint"),
            status: try row.enumValue("status", as: DeliveryStatus.self),
            providerMessageID: try row.optionalString("provider_message_id"),
            resultJSON: try row.optionalString("result_json"), errorCode: try row.optionalString("error_code"),
            createdAt: try row.date("created_at"), completedAt: try row.optionalDate("completed_at"))
    }
}
