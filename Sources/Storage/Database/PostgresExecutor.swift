import Foundation
import Logging
import PostgresKit

/// PostgreSQL access through postgres-nio's `PostgresClient` connection pool.
final class PostgresExecutor: SQLExecutor {
    let backend = DatabaseBackend.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    private init(client: PostgresClient, runner: Task<Void, Never>, logger: Logger) {
        self.client = client
        self.runner = runner
        self.logger = logger
    }

    /// Starts a pool of at most `maxConnections` connections to `endpoint` and checks it answers.
    static func open(endpoint: PostgresEndpoint, maxConnections: Int, logger: Logger) async throws -> PostgresExecutor {
        var configuration = PostgresClient.Configuration(
            host: endpoint.host, port: endpoint.port, username: endpoint.username,
            password: endpoint.password, database: endpoint.database, tls: tlsConfiguration(endpoint.tls))
        configuration.options.maximumConnections = max(1, maxConnections)
        configuration.options.minimumConnections = 0
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // Started immediately where available, so `run()` is marked running before the first lease.
        let runner: Task<Void, Never>
        if #available(macOS 26, *) {
            runner = Task.immediate { await client.run() }
        } else {
            runner = Task { await client.run() }
        }
        let executor = PostgresExecutor(client: client, runner: runner, logger: logger)
        do {
            _ = try await executor.read { try await $0.raw("SELECT 1 AS ok").all() }.count
        } catch {
            await executor.shutdown()
            throw error
        }
        return executor
    }

    private static func tlsConfiguration(_ mode: PostgresEndpoint.TLSMode) -> PostgresClient.Configuration.TLS {
        switch mode {
        case .disable: return .disable
        case .prefer: return .prefer(.makeClientConfiguration())
        case .require: return .require(.makeClientConfiguration())
        }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await read(body)
    }

    func transaction<T: Sendable>(
        lockKey: Int64?, _ body: @Sendable (any SQLDatabase) async throws -> T
    ) async throws -> T {
        try await client.withConnection { connection in
            let db = connection.sql(queryLogLevel: nil)
            try await db.raw("BEGIN").run()
            do {
                if let lockKey {
                    try await db.raw("SELECT pg_advisory_xact_lock(\(bind: lockKey))").run()
                }
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
        runner.cancel()
        await runner.value
    }
}
