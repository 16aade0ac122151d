import Foundation
import Logging
import SQLiteKit
import SQLKit

/// The application database: SQLite (embedded default) or PostgreSQL, behind one SQLKit code path.
///
/// ``open(url:logger:maxConnections:)`` connects and applies pending migrations, so a returned
/// `Database` always has the current schema. Call ``shutdown()`` before the process exits.
///
/// Schema conventions (both dialects): ids are lower-case UUID strings in `TEXT` columns, times are
/// `BIGINT` milliseconds since 1970 (UTC), secrets are SecretBox-sealed base64 `TEXT`, and
/// structured non-secret values (inbox settings) are JSON `TEXT`.
public final class Database: Sendable {
    /// The engine in use.
    public var backend: DatabaseBackend { executor.backend }
    /// Where the data lives.
    public let location: DatabaseLocation
    let executor: any SQLExecutor
    let logger: Logger

    private init(location: DatabaseLocation, executor: any SQLExecutor, logger: Logger) {
        self.location = location
        self.executor = executor
        self.logger = logger
    }

    /// Opens the database named by `url` (see ``DatabaseLocation/parse(_:)``) and migrates it.
    ///
    /// - Parameters:
    ///   - url: `nil` or empty for `./mcpemails.sqlite`, a SQLite path or `sqlite:///path`, or `postgres://…`.
    ///   - maxConnections: PostgreSQL pool size; for SQLite, the number of reader connections.
    public static func open(url: String?, logger: Logger, maxConnections: Int = 8) async throws -> Database {
        let location = try DatabaseLocation.parse(url)
        let executor: any SQLExecutor
        switch location {
        case .sqlite(let path):
            executor = try await SQLiteExecutor.open(path: path, readerCount: min(maxConnections, 4), logger: logger)
        case .postgres(let endpoint):
            executor = try await PostgresExecutor.open(endpoint: endpoint, maxConnections: maxConnections, logger: logger)
        }
        let database = Database(location: location, executor: executor, logger: logger)
        do {
            try await migrate(executor, logger: logger)
        } catch {
            await executor.shutdown()
            throw error
        }
        return database
    }

    /// Runs the migrator. On SQLite a brand-new file opened by several processes at once can answer
    /// `SQLITE_BUSY` without waiting in the busy handler (while another connection switches it to WAL or
    /// recovers it); the migration is one transaction, so it is simply tried again, for up to 30 s.
    private static func migrate(_ executor: any SQLExecutor, logger: Logger) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while true {
            do {
                return try await Migrator(migrations: Migrations.all).migrate(executor, logger: logger)
            } catch let error as SQLiteError where error.reason == .busy || error.reason == .locked {
                guard ContinuousClock.now < deadline else { throw error }
                logger.debug("database busy while migrating; trying again")
                try await Task.sleep(for: .milliseconds(Int.random(in: 10...50)))
            }
        }
    }

    /// Closes every connection. The `Database` and its repositories must not be used afterwards.
    public func shutdown() async {
        await executor.shutdown()
    }

    /// The highest applied migration version.
    public func schemaVersion() async throws -> Int {
        try await Migrator(migrations: Migrations.all).appliedVersions(executor).max() ?? 0
    }

    /// Whether the database answers a trivial query (for health checks).
    public func ping() async -> Bool {
        do {
            return try await executor.read { try await $0.raw("SELECT 1 AS ok").all().count == 1 }
        } catch {
            return false
        }
    }
}
