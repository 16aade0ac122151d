import SQLKit

/// How repositories reach the database: the three access patterns both backends implement.
///
/// - `read`: a query on any connection, no transaction.
/// - `write`: one auto-committed statement. SQLite funnels all writes through one connection (see
///   ``SQLiteExecutor``); PostgreSQL uses any pooled connection.
/// - `transaction`: several statements atomically on one connection. On SQLite it is
///   `BEGIN IMMEDIATE`, which takes the database write lock up front (so concurrent writers, also in
///   other processes, queue instead of failing on upgrade). On PostgreSQL `lockKey` additionally takes
///   `pg_advisory_xact_lock(lockKey)`, serializing transactions on the same key across processes.
protocol SQLExecutor: Sendable {
    /// Which SQL dialect this executor speaks.
    var backend: DatabaseBackend { get }
    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    func transaction<T: Sendable>(
        lockKey: Int64?, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T
    func shutdown() async
}

/// The database engine behind a ``Database``.
public enum DatabaseBackend: String, Hashable, Sendable {
    /// An embedded SQLite file.
    case sqlite
    /// A PostgreSQL server.
    case postgres
}
