import Accounts
import Crypto
import Foundation
import SQLKit

/// ``OAuthStateRepository`` over SQL. The `state` value is stored only as its SHA-256 hash and the
/// PKCE verifier is sealed (context `oauth:` + hash), so the table alone cannot finish a flow.
/// `consume` is a single `DELETE … RETURNING`, so a state is usable exactly once.
struct SQLOAuthStateRepository: OAuthStateRepository {
    let executor: any SQLExecutor
    let secretBox: SecretBox

    func store(state: String, record: OAuthStateRecord) async throws {
        let hash = SecretToken.hash(state)
        let sealed = try secretBox.seal(Array(record.pkceVerifier.utf8), context: "oauth:" + hash)
        let context = try StringMapColumn.encode(record.context)
        try await executor.write { db in
            try await db.raw("""
                INSERT INTO oauth_states (state_hash, workspace_id, provider, sealed_verifier, context, expires_at)
                VALUES (\(bind: hash), \(bind: record.workspaceID.dbText), \(bind: record.provider.rawValue),
                        \(bind: sealed), \(bind: context), \(bind: record.expiresAt.epochMilliseconds))
                """).run()
        }
    }

    func consume(state: String, now: Date) async throws -> OAuthStateRecord? {
        let hash = SecretToken.hash(state)
        let row = try await executor.write { db in
            try await db.raw("""
                DELETE FROM oauth_states WHERE state_hash = \(bind: hash)
                RETURNING workspace_id, provider, sealed_verifier, context, expires_at
                """).first().map { row in
                    (workspace: try row.uuid("workspace_id"), provider: try row.enumValue("provider", as: ProviderKind.self),
                     sealed: try row.string("sealed_verifier"), context: try row.string("context"),
                     expiresAt: try row.date("expires_at"))
                }
        }
        guard let row, row.expiresAt > now else { return nil }
        let verifier = try secretBox.open(row.sealed, context: "oauth:" + hash)
        return OAuthStateRecord(
            workspaceID: row.workspace, provider: row.provider, pkceVerifier: String(decoding: verifier, as: UTF8.self),
            context: try StringMapColumn.decode(row.context), expiresAt: row.expiresAt)
    }

    func purgeExpired(now: Date) async throws -> Int {
        try await executor.write { db in
            try await db.raw("""
                DELETE FROM oauth_states WHERE expires_at <= \(bind: now.epochMilliseconds) RETURNING state_hash
                """).all().count
        }
    }
}
