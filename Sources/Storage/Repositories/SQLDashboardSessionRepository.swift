import Accounts
import Foundation
import SQLKit

/// ``DashboardSessionRepository`` over SQL. The cookie token is a ``SecretToken`` and only its
/// SHA-256 hex is stored in `token_hash`, so a copy of the table cannot sign anyone in. The CSRF
/// token is a second, independent ``SecretToken`` stored as is (the page shows it in every form).
struct SQLDashboardSessionRepository: DashboardSessionRepository {
    let executor: any SQLExecutor

    func create(userID: UUID, lifetime: TimeInterval, now: Date) async throws -> (session: DashboardSession, token: String) {
        let token = SecretToken.generate()
        let session = DashboardSession(
            id: UUID(), userID: userID, csrfToken: SecretToken.generate(), createdAt: now.storedPrecision,
            expiresAt: now.addingTimeInterval(lifetime).storedPrecision)
        try await executor.write { db in
            try await db.raw("""
                INSERT INTO dashboard_sessions (id, token_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(bind: session.id.dbText), \(bind: SecretToken.hash(token)), \(bind: userID.dbText),
                        \(bind: session.csrfToken), \(bind: session.createdAt.epochMilliseconds),
                        \(bind: session.expiresAt.epochMilliseconds))
                """).run()
        }
        return (session, token)
    }

    func find(token: String, now: Date) async throws -> (session: DashboardSession, user: User)? {
        guard SecretToken.isWellFormed(token) else { return nil }
        let hash = SecretToken.hash(token)
        let found = try await executor.read { db in
            try await db.raw("""
                SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.expires_at,
                       u.id AS u_id, u.email AS u_email, u.workspace_id AS u_workspace_id, u.role AS u_role,
                       u.created_at AS u_created_at
                FROM dashboard_sessions s JOIN users u ON u.id = s.user_id
                WHERE s.token_hash = \(bind: hash)
                """).first().map { (session: try Self.decode($0), user: try SQLUserRepository.decode($0, prefix: "u_")) }
        }
        guard let found else { return nil }
        guard found.session.expiresAt > now else {
            try await executor.write { db in
                try await db.raw("DELETE FROM dashboard_sessions WHERE id = \(bind: found.session.id.dbText)").run()
            }
            return nil
        }
        return found
    }

    func delete(token: String) async throws {
        let hash = SecretToken.hash(token)
        try await executor.write { db in
            try await db.raw("DELETE FROM dashboard_sessions WHERE token_hash = \(bind: hash)").run()
        }
    }

    func deleteAll(userID: UUID, keeping: UUID?) async throws -> Int {
        var query: SQLQueryString = "DELETE FROM dashboard_sessions WHERE user_id = \(bind: userID.dbText)"
        if let keeping { query += " AND id <> \(bind: keeping.dbText)" }
        query += " RETURNING id"
        let statement = query
        return try await executor.write { db in try await db.raw(statement).all().count }
    }

    func purgeExpired(now: Date) async throws -> Int {
        try await executor.write { db in
            try await db.raw("""
                DELETE FROM dashboard_sessions WHERE expires_at <= \(bind: now.epochMilliseconds) RETURNING id
                """).all().count
        }
    }

    static func decode(_ row: any SQLRow) throws -> DashboardSession {
        DashboardSession(
            id: try row.uuid("id"), userID: try row.uuid("user_id"), csrfToken: try row.string("csrf_token"),
            createdAt: try row.date("created_at"), expiresAt: try row.date("expires_at"))
    }
}
