import Accounts
import Foundation
import SQLKit

/// ``InviteRepository`` over SQL. The link token is a ``SecretToken``; only its SHA-256 hex is
/// stored. `consume` is one `UPDATE … SET used_at … WHERE used_at IS NULL … RETURNING`: the first
/// caller marks the row used and gets it back, every later (or concurrent) caller matches no row.
/// Used invites stay in the table with their `used_at`, as a record of who joined through what.
struct SQLInviteRepository: InviteRepository {
    let executor: any SQLExecutor

    static let columns = "id, workspace_id, created_by, created_at, expires_at"

    func create(workspaceID: UUID, createdBy: UUID, lifetime: TimeInterval, now: Date) async throws -> (invite: Invite, token: String) {
        let token = SecretToken.generate()
        let invite = Invite(
            id: UUID(), workspaceID: workspaceID, createdBy: createdBy, createdAt: now.storedPrecision,
            expiresAt: now.addingTimeInterval(lifetime).storedPrecision)
        try await executor.write { db in
            try await db.raw("""
                INSERT INTO invites (id, token_hash, workspace_id, created_by, created_at, expires_at)
                VALUES (\(bind: invite.id.dbText), \(bind: SecretToken.hash(token)), \(bind: workspaceID.dbText),
                        \(bind: createdBy.dbText), \(bind: invite.createdAt.epochMilliseconds),
                        \(bind: invite.expiresAt.epochMilliseconds))
                """).run()
        }
        return (invite, token)
    }

    func find(token: String, now: Date) async throws -> Invite? {
        guard SecretToken.isWellFormed(token) else { return nil }
        let hash = SecretToken.hash(token)
        return try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM invites
                WHERE token_hash = \(bind: hash) AND used_at IS NULL AND expires_at > \(bind: now.epochMilliseconds)
                """).first().map(Self.decode)
        }
    }

    func consume(token: String, now: Date) async throws -> Invite? {
        guard SecretToken.isWellFormed(token) else { return nil }
        let hash = SecretToken.hash(token)
        let nowMs = now.epochMilliseconds
        return try await executor.write { db in
            try await db.raw("""
                UPDATE invites SET used_at = \(bind: nowMs)
                WHERE token_hash = \(bind: hash) AND used_at IS NULL AND expires_at > \(bind: nowMs)
                RETURNING \(unsafeRaw: Self.columns)
                """).first().map(Self.decode)
        }
    }

    static func decode(_ row: any SQLRow) throws -> Invite {
        Invite(
            id: try row.uuid("id"), workspaceID: try row.uuid("workspace_id"), createdBy: try row.uuid("created_by"),
            createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"))
    }
}
