import Foundation
import Testing
import TestSupport

/// Two `mcpemails serve` processes sharing one PostgreSQL enforce one rate limit.
@Suite("Several instances on one PostgreSQL")
struct TwoProcessTests {
    @Test("150 requests spread over two server processes with one key: exactly 100 admitted")
    func sharedRateLimit() async throws {
        let database = try await DatabaseKind.postgres.makeFreshDatabase()
        let masterKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let env = ["MCPEMAILS_DATABASE_URL": database, "MCPEMAILS_MASTER_KEY": masterKey, "MCPEMAILS_LOG_LEVEL": "warning"]
        let workspace = try await Executable.json(["workspace", "create", "--name", "Shared"], environment: env)
        let key = try await Executable.json(["key", "create", "--workspace", workspace["id"] as? String ?? "", "--name", "k",
                                       "--scopes", "read:email"], environment: env)
        let secret = try #require(key["key"] as? String)

        let first = try await ServerProcess.startHealthy(environment: env)
        defer { first.stop() }
        let second = try await ServerProcess.startHealthy(environment: env)
        defer { second.stop() }
        let servers = [first, second]

        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 0..<150 {
                let client = MCPTestClient(baseURL: servers[n % 2].baseURL, key: secret)
                group.addTask { try await client.rpc("ping", id: n).status }
            }
            var all: [Int] = []
            for try await status in group { all.append(status) }
            return all
        }
        #expect(statuses.filter { $0 == 200 }.count == 100)
        #expect(statuses.filter { $0 == 429 }.count == 50)
    }
}

/// A `mcpemails serve` child process on a free loopback port.
final class ServerProcess: @unchecked Sendable {
    let process: ChildProcess
    let port: Int
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// A server answering `/healthz`. The port is free when picked but another process can take it before
    /// the server binds it (a parallel test run), so a server that exits while starting is started again on
    /// another port, twice at most; the last failure carries the server's own error output.
    static func startHealthy(environment: [String: String]) async throws -> ServerProcess {
        var lastFailure: (any Error)?
        for _ in 0..<3 {
            let server = try start(environment: environment, port: try FreePort.pick())
            do {
                try await server.waitUntilHealthy()
                return server
            } catch {
                lastFailure = error
                server.stop()
            }
        }
        throw lastFailure ?? Shell.Failure(message: "server did not start")
    }

    static func start(environment: [String: String], port: Int) throws -> ServerProcess {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let process = try ChildProcess.spawn(Executable.path, ["serve", "--host", "127.0.0.1", "--port", String(port)],
                                             environment: env, standardError: .pipe)
        return ServerProcess(process: process, port: port)
    }

    private init(process: ChildProcess, port: Int) {
        self.process = process
        self.port = port
    }

    func waitUntilHealthy() async throws {
        let client = MCPTestClient(baseURL: baseURL, key: nil)
        for _ in 0..<200 {
            if let reply = try? await client.get("/healthz"), reply.status == 200 { return }
            if let status = process.exitStatus {
                let errors = String(decoding: await process.collectedOutput().standardError.suffix(2_000), as: UTF8.self)
                throw Shell.Failure(message: "server process on port \(port) exited with \(status): \(errors)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Shell.Failure(message: "server on port \(port) did not become healthy in 20 s")
    }

    func stop() {
        process.signal(SIGTERM)
        _ = process.waitForExitBlocking()
    }
}
