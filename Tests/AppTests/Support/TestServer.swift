import Accounts
import App
import Foundation
import Storage
import Hummingbird
import Logging
import ServiceLifecycle

/// One MCPEmails server running in-process on an ephemeral loopback port, on a fresh database.
final class TestServer: @unchecked Sendable {
    let runtime: MCPEmailsRuntime
    let port: Int
    let databaseURL: String
    let masterKey: String
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var stores: Stores { runtime.stores }

    /// `backends: nil` serves every real backend of the build (IMAP, Gmail, Outlook).
    static func start(_ kind: DatabaseKind, backends: [any MailBackend]? = [],
                      configure: (inout AppConfiguration) -> Void = { _ in }) async throws -> TestServer {
        var configuration = AppConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.databaseURL = try await kind.makeFreshDatabase()
        configuration.masterKeyBase64 = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        configuration.logLevel = .warning
        configuration.bcryptCost = 4  // dashboard passwords: fast in tests (production ≥ 10)
        configure(&configuration)
        var logger = Logger(label: "test-server")
        logger.logLevel = .warning
        let runtime = try await buildRuntime(configuration: configuration, logger: logger, backends: backends)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = buildApplication(runtime: runtime, logger: logger, onServerRunning: { continuation.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        // The stream ends when the server stops, so a server that never starts (its port taken between being
        // picked and bound) fails this call instead of leaving it waiting for a port forever.
        let task = Task {
            defer { continuation.finish() }
            try await group.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            let failure = await task.result
            // The runtime is kept, not released: releasing it after a failed start trips SQLiteNIO's debug
            // assertion on connections it still counts as open (seen in this path only), which would take
            // the whole test process down instead of failing this one test.
            FailedStarts.keep(runtime)
            throw Shell.Failure(message: "server did not start: \(failure)")
        }
        return TestServer(runtime: runtime, port: port, databaseURL: configuration.databaseURL ?? "",
                          masterKey: configuration.masterKeyBase64 ?? "", group: group, task: task)
    }

    private init(runtime: MCPEmailsRuntime, port: Int, databaseURL: String, masterKey: String,
                 group: ServiceGroup, task: Task<Void, any Error>) {
        self.runtime = runtime
        self.port = port
        self.databaseURL = databaseURL
        self.masterKey = masterKey
        self.group = group
        self.task = task
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    /// Creates a workspace, an inbox served by `kind`, and a key with `scopes`.
    func seed(plan: Plan = .free, scopes: Set<Scope> = [.readEmail, .sendEmail], address: String = "owner@example.com",
              provider: ProviderKind = .imap) async throws -> Seed {
        let workspace = try await stores.workspaces.create(name: "Test \(UUID().uuidString.prefix(6))", plan: plan)
        let inbox = try await stores.inboxes.create(
            workspaceID: workspace.id, provider: provider, address: address, displayName: nil,
            settings: [:], credentials: Array("secret-password-\(UUID().uuidString)".utf8))
        let (key, secret) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "test", scopes: scopes)
        return Seed(workspace: workspace, inbox: inbox, keyID: key.id, key: secret)
    }

    struct Seed {
        let workspace: Workspace
        let inbox: Inbox
        let keyID: UUID
        let key: String
        var inboxID: String { inbox.id.uuidString.lowercased() }
    }

    func client(_ seed: Seed) -> MCPTestClient { MCPTestClient(baseURL: baseURL, key: seed.key) }
}

/// Runs `body` with a started server and always stops it.
func withServer(_ kind: DatabaseKind, backends: [any MailBackend]? = [],
                configure: (inout AppConfiguration) -> Void = { _ in },
                _ body: (TestServer) async throws -> Void) async throws {
    let server = try await TestServer.start(kind, backends: backends, configure: configure)
    do {
        try await body(server)
    } catch {
        await server.stop()
        throw error
    }
    await server.stop()
}

/// Runtimes of servers that failed to start, held until the test process exits (see `TestServer.start`).
enum FailedStarts {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var runtimes: [MCPEmailsRuntime] = []
    static func keep(_ runtime: MCPEmailsRuntime) { lock.withLock { runtimes.append(runtime) } }
}
