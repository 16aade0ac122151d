import Accounts
import Foundation
import SQLKit

/// ``UserRepository`` over SQL. Emails are stored in ``User/normalizeEmail(_:)`` form under a
/// `UNIQUE` constraint, so "is this address taken" is decided by the database, not by a prior
/// `SELECT`: users are inserted with `ON CONFLICT (email) DO NOTHING RETURNING id`, and no returned
/// row means taken. Two sign-ups racing on one address therefore yield one user and one `nil`
/// (PostgreSQL makes the second insert wait for the first transaction, then skips it), never a
/// thrown constraint error.
struct SQLUserRepository: UserRepository {
    let executor: any SQLExecutor
    let now: @Sendable () -> Date

    static let columns = "id, email, workspace_id, role, created_at"

    /// Thrown inside the sign-up transaction to roll back its workspace when the email is taken.
    private struct EmailTaken: Error {}

    func createOwner(email: String, passwordHash: String, workspaceName: String, plan: Plan) async throws -> User? {
        let createdAt = now().storedPrecision
        let workspace = Workspace(id: UUID(), name: workspaceName, plan: plan, createdAt: createdAt)
        let user = User(
            id: UUID(), email: User.normalizeEmail(email), workspaceID: workspace.id, role: .owner, createdAt: createdAt)
        do {
            return try await executor.transaction(lockKey: nil) { db in
                try await SQLWorkspaceRepository.insert(workspace, db)
                guard try await Self.insert(user, passwordHash: passwordHash, db) else { throw EmailTaken() }
                return user
            }
        } catch is EmailTaken {
            return nil
        }
    }

    func createMember(email: String, passwordHash: String, workspaceID: UUID) async throws -> User? {
        let user = User(
            id: UUID(), email: User.normalizeEmail(email), workspaceID: workspaceID, role: .member,
            createdAt: now().storedPrecision)
        let inserted = try await executor.write { db in try await Self.insert(user, passwordHash: passwordHash, db) }
        return inserted ? user : nil
    }

    func credentials(email: String) async throws -> (user: User, passwordHash: String)? {
        let normalized = User.normalizeEmail(email)
        return try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns), password_hash FROM users WHERE email = \(bind: normalized)
                """).first().map { (try Self.decode($0, prefix: ""), try $0.string("password_hash")) }
        }
    }

    func get(id: UUID) async throws -> User? {
        try await executor.read { db in
            try await db.raw("SELECT \(unsafeRaw: Self.columns) FROM users WHERE id = \(bind: id.dbText)")
                .first().map { try Self.decode($0, prefix: "") }
        }
    }

    func list(workspaceID: UUID) async throws -> [User] {
        try await executor.read { db in
            try await db.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM users WHERE workspace_id = \(bind: workspaceID.dbText)
                ORDER BY created_at, id
                """).all().map { try Self.decode($0, prefix: "") }
        }
    }

    func removeMember(id: UUID, workspaceID: UUID) async throws -> Bool {
        // Sessions go with the user (ON DELETE CASCADE): the member is signed out everywhere at once.
        try await executor.write { db in
            try await db.raw("""
                DELETE FROM users
                WHERE id = \(bind: id.dbText) AND workspace_id = \(bind: workspaceID.dbText)
                  AND role = \(bind: UserRole.member.rawValue)
                RETURNING id
                """).all().count == 1
        }
    }

    func updatePassword(id: UUID, passwordHash: String) async throws -> Bool {
        try await executor.write { db in
            try await db.raw("""
                UPDATE users SET password_hash = \(bind: passwordHash) WHERE id = \(bind: id.dbText) RETURNING id
                """).all().count == 1
        }
    }

    /// Inserts `user` unless its email is taken; returns whether it was inserted.
    private static func insert(_ user: User, passwordHash: String, _ db: any SQLDatabase) async throws -> Bool {
        try await db.raw("""
            INSERT INTO users (id, email, password_hash, workspace_id, role, created_at)
            VALUES (\(bind: user.id.dbText), \(bind: user.email), \(bind: passwordHash), \(bind: user.workspaceID.dbText),
                    \(bind: user.role.rawValue), \(bind: user.createdAt.epochMilliseconds))
            ON CONFLICT (email) DO NOTHING
            RETURNING id
            """).all().count == 1
    }

    /// Decodes a user from a row whose user columns carry `prefix` (for joins).
    static func decode(_ row: any SQLRow, prefix: String) throws -> User {
        User(
            id: try row.uuid(prefix + "id"),
            email: try row.string(prefix + "email"),
            workspaceID: try row.uuid(prefix + "workspace_id"),
            role: try row.enumValue(prefix + "role", as: UserRole.self),
            createdAt: try row.date(prefix + "created_at"))
    }
}
