import Accounts
import Foundation
import SQLKit
import Synchronization

/// ``APIKeyRepository`` over SQL. Only `secret_hash` (hex SHA-256) of a secret is stored.
struct SQLAPIKeyRepository: APIKeyRepository {
    let executor: any SQLExecutor
    let now: @Sendable () -> Date
    /// Told of every revocation (see ``AccessChanges``).
    var accessChanges = AccessChanges()
    let recentTouches = RecentTouches()

    /// `touchLastUsed` writes only when the stored time is older than this.
    static let touchIntervalMs: Int64 = 60_000
    static let columns = "id, workspace_id, name, prefix, scopes, created_at, last_used_at, revoked_at"

    func create(workspaceID: UUID, name: String, scopes: Set<Scope>) async throws -> (key: APIKey, secret: String) {
        let (key, secret) = newKey(workspaceID: workspaceID, name: name, scopes: scopes)
        _ = try await executor.write { db in try await Self.insert(key, secret: secret, formTokenHash: nil, db) }
        return (key, secret)
    }

    func create(workspaceID: UUID, name: String, scopes: Set<Scope>, formToken: String) async throws -> KeyCreation {
        let (key, secret) = newKey(workspaceID: workspaceID, name: name, scopes: scopes)
        let tokenHash = SecretToken.hash(formToken)
        return try await executor.transaction(lockKey: nil) { db in
            if try await Self.insert(key, secret: secret, formTokenHash: tokenHash, db) { return .created(key, secret: secret) }
            guard let earlier = try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM api_keys
                WHERE form_token_hash = \(bind: tokenHash) AND workspace_id = \(bind: workspaceID.dbText)
                """).first().map(Self.decode) else {
                throw StorageError(.tokenReused)
            }
            return .alreadyCreated(earlier)
        }
    }

    /// A fresh secret and the key it makes (not stored yet).
    private func newKey(workspaceID: UUID, name: String, scopes: Set<Scope>) -> (APIKey, String) {
        let secret = APIKeySecret.generate()
        let key = APIKey(
            id: UUID(), workspaceID: workspaceID, name: name, prefix: APIKeySecret.displayPrefix(secret),
            scopes: scopes, createdAt: now().storedPrecision)
        return (key, secret)
    }

    /// Stores `key` (only the secret's hash); false when a key with the same form token exists (NULL tokens,
    /// keys made outside the dashboard form, never collide).
    private static func insert(_ key: APIKey, secret: String, formTokenHash: String?, _ db: any SQLDatabase) async throws -> Bool {
        try await !db.raw("""
            INSERT INTO api_keys (id, workspace_id, name, prefix, secret_hash, scopes, created_at, form_token_hash)
            VALUES (\(bind: key.id.dbText), \(bind: key.workspaceID.dbText), \(bind: key.name), \(bind: key.prefix),
                    \(bind: APIKeySecret.hash(secret)), \(bind: Scope.formatList(key.scopes)),
                    \(bind: key.createdAt.epochMilliseconds), \(bind: formTokenHash))
            ON CONFLICT (form_token_hash) DO NOTHING
            RETURNING id
            """).all().isEmpty
    }

    func authenticate(secret: String) async throws -> (key: APIKey, workspace: Workspace)? {
        guard APIKeySecret.isWellFormed(secret) else { return nil }
        let hash = APIKeySecret.hash(secret)
        return try await executor.read { db in
            guard let row = try await db.raw("""
                SELECT k.id, k.workspace_id, k.name, k.prefix, k.scopes, k.created_at, k.last_used_at, k.revoked_at,
                       w.id AS w_id, w.name AS w_name, w.plan AS w_plan,
                       w.send_quota_override AS w_send_quota_override,
                       w.monthly_call_quota_override AS w_monthly_call_quota_override,
                       w.created_at AS w_created_at
                FROM api_keys k JOIN workspaces w ON w.id = k.workspace_id
                WHERE k.secret_hash = \(bind: hash) AND k.revoked_at IS NULL
                """).first() else { return nil }
            return (try Self.decode(row), try SQLWorkspaceRepository.decode(row, prefix: "w_"))
        }
    }

    func list(workspaceID: UUID) async throws -> [APIKey] {
        try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE workspace_id = \(bind: workspaceID.dbText)
                ORDER BY created_at, id
                """).all().map(Self.decode)
        }
    }

    func get(id: UUID, workspaceID: UUID?) async throws -> APIKey? {
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM api_keys WHERE id = \(bind: id.dbText)"
        if let workspaceID { query += " AND workspace_id = \(bind: workspaceID.dbText)" }
        let finalQuery = query
        return try await executor.read { db in try await db.raw(finalQuery).first().map(Self.decode) }
    }

    func revoke(id: UUID, workspaceID: UUID?, at: Date) async throws -> Bool {
        var query: SQLQueryString = """
            UPDATE api_keys SET revoked_at = \(bind: at.epochMilliseconds)
            WHERE id = \(bind: id.dbText) AND revoked_at IS NULL
            """
        if let workspaceID { query += " AND workspace_id = \(bind: workspaceID.dbText)" }
        query += " RETURNING id"
        let finalQuery = query
        defer { accessChanges.record() }
        return try await executor.write { db in try await db.raw(finalQuery).all().count == 1 }
    }

    func touchLastUsed(id: UUID, at: Date) async throws {
        let atMs = at.epochMilliseconds
        guard recentTouches.shouldWrite(id, atMs: atMs, interval: Self.touchIntervalMs) else { return }
        try await executor.write { db in
            try await db.raw("""
                UPDATE api_keys SET last_used_at = \(bind: atMs)
                WHERE id = \(bind: id.dbText)
                  AND (last_used_at IS NULL OR last_used_at < \(bind: atMs - Self.touchIntervalMs))
                """).run()
        }
    }

    static func decode(_ row: any SQLRow) throws -> APIKey {
        let scopes = Set(try row.string("scopes").split(separator: ",").compactMap { Scope(rawValue: String($0)) })
        return APIKey(
            id: try row.uuid("id"), workspaceID: try row.uuid("workspace_id"), name: try row.string("name"),
            prefix: try row.string("prefix"), scopes: scopes, createdAt: try row.date("created_at"),
            lastUsedAt: try row.optionalDate("last_used_at"), revokedAt: try row.optionalDate("revoked_at"))
    }
}

/// The last `last_used_at` this process wrote per key, so `touchLastUsed` on every request costs a
/// database write only once a minute per key. Bounded: forgotten wholesale past 10,000 keys.
final class RecentTouches: Sendable {
    private let written = Mutex<[UUID: Int64]>([:])

    /// Whether to write `atMs` for `id`; records it as written if so.
    func shouldWrite(_ id: UUID, atMs: Int64, interval: Int64) -> Bool {
        written.withLock { map in
            if let last = map[id], atMs - last < interval, atMs >= last { return false }
            if map.count >= 10_000 { map.removeAll(keepingCapacity: true) }
            map[id] = atMs
            return true
        }
    }
}
