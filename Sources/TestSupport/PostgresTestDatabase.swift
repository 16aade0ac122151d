import Foundation

/// A fresh, empty PostgreSQL database on the test cluster (`scripts/services/postgres.sh`), for one
/// test, dropped by ``drop()``.
///
/// Created with `psql` (installed with the server) against `MCPEMAILS_TEST_POSTGRES_URL`, whose role
/// may create databases. The returned ``url`` is that URL with the new database's name, so it works
/// for anything that takes a database URL, including a second server process.
///
///     let database = try await PostgresTestDatabase.create()
///     defer { Task { await database.drop() } }   // or await database.drop() at the end
///     let url = database.url
public struct PostgresTestDatabase: Sendable {
    /// URL of the fresh database (same role, host and port as the test cluster URL).
    public let url: String
    /// Its name (`t_` + 24 random hex digits).
    public let name: String
    private let adminURL: String

    /// Creates the database. Throws ``TestEnvironment/Missing`` when `MCPEMAILS_TEST_POSTGRES_URL` is
    /// unset, and ``Failure`` when `psql` fails.
    public static func create() async throws -> PostgresTestDatabase {
        let adminURL = try TestEnvironment.postgresURL()
        guard var parts = URLComponents(string: adminURL) else { throw Failure(message: "MCPEMAILS_TEST_POSTGRES_URL is not a URL") }
        let name = "t_" + (0..<3).map { _ in String(UInt32.random(in: .min ... .max), radix: 16).leftPadded(8) }.joined()
        try await runPSQL(adminURL, "CREATE DATABASE \(name)")
        parts.path = "/" + name
        guard let url = parts.string else { throw Failure(message: "cannot build the test database URL") }
        return PostgresTestDatabase(url: url, name: name, adminURL: adminURL)
    }

    /// Drops the database, disconnecting any remaining session. Errors are ignored (the cluster is
    /// throw-away).
    public func drop() async {
        try? await Self.runPSQL(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// `psql` failed; `message` carries its stderr (psql never prints the password).
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong.
        public let message: String
        public var description: String { "PostgresTestDatabase: \(message)" }
    }

    static func psqlPath() -> String {
        let candidates = ["/usr/bin/psql"] + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted().reversed().map { "/usr/lib/postgresql/\($0)/bin/psql" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? "psql"
    }

    static func runPSQL(_ url: String, _ sql: String) async throws {
        let result: ChildProcess.Output
        do {
            result = try await ChildProcess.run(psqlPath(), ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                                                standardOutput: .null, timeout: .seconds(60))
        } catch {
            throw Failure(message: "cannot run psql: \(error)")
        }
        guard result.status == 0 else {
            throw Failure(message: "psql exited with \(result.status): \(result.errorText.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
