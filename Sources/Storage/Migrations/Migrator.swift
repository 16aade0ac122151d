import Foundation
import Logging
import SQLKit

/// Applies pending ``Migration``s, recording each in `schema_migrations`.
///
/// Everything happens in one transaction that first takes the migration lock: on PostgreSQL the
/// advisory lock ``lockKey``, on SQLite the write lock of `BEGIN IMMEDIATE`. Two processes starting
/// at once therefore queue; the second finds the versions applied and does nothing. Both engines
/// run DDL transactionally, so a failed migration leaves no half-applied schema.
struct Migrator: Sendable {
    let migrations: [Migration]

    /// Advisory lock key for migrations (`'mcpemail'` in ASCII).
    static let lockKey: Int64 = 0x6D63_7065_6D61_696C

    func migrate(_ executor: any SQLExecutor, logger: Logger) async throws {
        let migrations = self.migrations
        let applied = try await executor.transaction(lockKey: Self.lockKey) { db in
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    applied_at BIGINT NOT NULL
                )
                """).run()
            let done = Set(try await db.raw("SELECT version FROM schema_migrations").all()
                .map { try $0.decode(column: "version", as: Int.self) })
            if let newest = done.max(), newest > (migrations.map(\.version).max() ?? 0) {
                throw StorageError(.schemaTooNew, detail: "database at version \(newest)")
            }
            var appliedNow: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !done.contains(migration.version) {
                for statement in migration.statements {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Date().epochMilliseconds))
                    """).run()
                appliedNow.append(migration.version)
            }
            return appliedNow
        }
        for version in applied {
            logger.info("applied database migration", metadata: ["version": "\(version)"])
        }
    }

    func appliedVersions(_ executor: any SQLExecutor) async throws -> [Int] {
        try await executor.read { db in
            try await db.raw("SELECT version FROM schema_migrations").all()
                .map { try $0.decode(column: "version", as: Int.self) }
        }
    }
}
