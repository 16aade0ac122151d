import Foundation
import Logging
import SQLiteKit

/// SQLite access: a small pool of reader connections plus one writer connection.
///
/// In WAL mode readers never block the writer nor each other. All writes of this process go
/// through the single writer connection, one at a time, so they never wait on each other inside
/// SQLite's busy handler (which would block NIO thread-pool threads). Writers in other processes
/// (the admin CLI) are handled by `busy_timeout` and `BEGIN IMMEDIATE`. Each executor owns its
/// NIO thread pool (one thread per connection), so a writer sleeping in SQLite's busy handler
/// never starves another database's connections.
final class SQLiteExecutor: SQLExecutor {
    let backend = DatabaseBackend.sqlite
    private let readers: SQLiteConnectionPool
    private let writer: SQLiteConnectionPool
    private let threads: NIOThreadPool

    /// Milliseconds SQLite waits for another process's lock before failing with SQLITE_BUSY.
    static let busyTimeoutMs = 10_000

    private init(readers: SQLiteConnectionPool, writer: SQLiteConnectionPool, threads: NIOThreadPool) {
        self.readers = readers
        self.writer = writer
        self.threads = threads
    }

    /// Opens `path` (created with mode 0600 if missing) with `readerCount` reader connections.
    static func open(path: String, readerCount: Int, logger: Logger) async throws -> SQLiteExecutor {
        let readerCount = max(1, readerCount)
        let threads = NIOThreadPool(numberOfThreads: readerCount + 1)
        threads.start()
        var opened: [SQLiteConnection] = []
        do {
            let existed = FileManager.default.fileExists(atPath: path)
            let writerConnection = try await openConnection(path: path, threads: threads, logger: logger)
            opened.append(writerConnection)
            if !existed { _ = chmod(path, 0o600) }
            try await enableWAL(on: writerConnection)
            for _ in 0..<readerCount {
                opened.append(try await openConnection(path: path, threads: threads, logger: logger))
            }
            return SQLiteExecutor(
                readers: SQLiteConnectionPool(connections: Array(opened.dropFirst())),
                writer: SQLiteConnectionPool(connections: [writerConnection]), threads: threads)
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threads.shutdownGracefully()
            throw error
        }
    }

    /// Switches the file to WAL. Switching needs an exclusive lock and SQLite answers `SQLITE_BUSY` at
    /// once instead of waiting in the busy handler, so processes opening one new file at the same moment
    /// (and migrating it) retry here, for as long as the busy timeout allows.
    private static func enableWAL(on connection: SQLiteConnection) async throws {
        let deadline = ContinuousClock.now + .milliseconds(busyTimeoutMs)
        while true {
            do {
                _ = try await connection.query("PRAGMA journal_mode = WAL", [])
                return
            } catch let error as SQLiteError where error.reason == .busy || error.reason == .locked {
                guard ContinuousClock.now < deadline else { throw error }
                try await Task.sleep(for: .milliseconds(Int.random(in: 5...25)))
            }
        }
    }

    private static func openConnection(path: String, threads: NIOThreadPool, logger: Logger) async throws -> SQLiteConnection {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path), threadPool: threads, logger: logger,
            on: MultiThreadedEventLoopGroup.singleton.any())
        do {
            // busy_timeout replaces sqlite-nio's spinning busy handler with SQLite's sleeping one.
            _ = try await connection.query("PRAGMA busy_timeout = \(busyTimeoutMs)", [])
            _ = try await connection.query("PRAGMA foreign_keys = ON", [])
            _ = try await connection.query("PRAGMA synchronous = NORMAL", [])
            return connection
        } catch {
            try? await connection.close()
            throw error
        }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await readers.with { try await body($0.sql(queryLogLevel: nil)) }
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await writer.with { try await body($0.sql(queryLogLevel: nil)) }
    }

    func transaction<T: Sendable>(
        lockKey: Int64?, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await writer.with { connection in
            let db = connection.sql(queryLogLevel: nil)
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    func shutdown() async {
        await readers.close()
        await writer.close()
        try? await threads.shutdownGracefully()
    }
}
