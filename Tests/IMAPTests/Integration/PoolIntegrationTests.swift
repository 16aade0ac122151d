import Foundation
import IMAP
import NIOCore
import TestSupport
import Testing

/// The connection pool against Dovecot, with a FaultProxy in front to drop connections on demand.
@Suite("Dovecot: connection pool", .timeLimit(.minutes(2)))
struct PoolIntegrationTests {
    /// A pool for one fresh user; connections go through `proxy` when given (plaintext on loopback).
    static func makePool(_ server: MailTestServer, proxy: FaultProxy? = nil,
                         configuration: IMAPConnectionPool.Configuration = .init()) -> IMAPConnectionPool {
        let user = server.uniqueAddress("pool")
        return IMAPConnectionPool(configuration: configuration, logger: Dovecot.logger) {
            let connection: IMAPConnection
            if let proxy {
                connection = try await IMAPConnection.connect(host: "127.0.0.1", port: proxy.port, security: .none,
                                                              logger: Dovecot.logger)
            } else {
                connection = try await Dovecot.connect(server, security: .tls)
            }
            try await connection.login(username: user, password: server.password)
            return connection
        }
    }

    static func proxy(_ server: MailTestServer) async throws -> FaultProxy {
        try await FaultProxy.start(targetHost: server.host, targetPort: server.imapPort)
    }

    @Test("connections are reused, with their selected mailbox")
    func reuse() async throws {
        guard let server = try Dovecot.server() else { return }
        let pool = Self.makePool(server)
        let first = try await pool.withConnection { connection in
            try await connection.selectIfNeeded("INBOX")
            return connection
        }
        let (second, sent) = try await pool.withConnection { connection in
            let before = await connection.commandsSent
            try await connection.selectIfNeeded("INBOX")
            return (connection, await connection.commandsSent - before)
        }
        #expect(first === second)
        #expect(sent == 0, "the mailbox stayed selected")
        #expect(await pool.statistics.created == 1)
        await pool.shutdown()
        #expect(await first.isClosed)
    }

    @Test("a caller preferring a mailbox gets the idle connection that has it selected")
    func affinity() async throws {
        guard let server = try Dovecot.server() else { return }
        let pool = Self.makePool(server)
        // Two connections at once: one left in INBOX, one in Sent, which comes back last (most recent).
        let barrier = Barrier(size: 2)
        let pair = try await withThrowingTaskGroup(of: (String, IMAPConnection).self) { group in
            for mailbox in ["INBOX", "Sent"] {
                group.addTask {
                    try await pool.withConnection { connection in
                        await barrier.arrive()
                        try await connection.selectIfNeeded(MailboxName(mailbox))
                        if mailbox == "Sent" { try await Task.sleep(for: .milliseconds(50)) }
                        return (mailbox, connection)
                    }
                }
            }
            var found: [String: IMAPConnection] = [:]
            for try await (mailbox, connection) in group { found[mailbox] = connection }
            return found
        }
        #expect(await pool.statistics.created == 2)
        for _ in 0..<3 {
            let (connection, sent) = try await pool.withConnection(preferring: MailboxName("INBOX")) { connection in
                let before = await connection.commandsSent
                try await connection.selectIfNeeded("INBOX")
                return (connection, await connection.commandsSent - before)
            }
            #expect(connection === pair["INBOX"] && sent == 0, "INBOX's connection, no SELECT")
        }
        let sentAgain = try await pool.withConnection(preferring: MailboxName("Sent")) { $0 }
        #expect(sentAgain === pair["Sent"], "not the most recent one (INBOX's), but the one in Sent")
        // Without a preference: the most recently returned one, as before.
        let plain = try await pool.withConnection { $0 }
        #expect(plain === pair["Sent"])
        await pool.shutdown()
    }

    @Test("a server that refuses a third connection: callers share the two that work instead of failing")
    func serverConnectionLimit() async throws {
        guard let server = try Dovecot.server() else { return }
        let user = server.uniqueAddress("limit")
        let opened = Counter()
        let pool = IMAPConnectionPool(configuration: .init(maxConnections: 4), logger: Dovecot.logger) {
            guard opened.increment() <= 2 else {
                throw IMAPError(.commandRejected, hint: "[LIMIT] Too many connections (stand-in for the server's refusal)")
            }
            let connection = try await Dovecot.connect(server, security: .tls)
            try await connection.login(username: user, password: server.password)
            return connection
        }
        // Two callers hold a connection each; then six more come, the pool tries a third (refused), and they
        // wait for the two instead of failing.
        let held = Barrier(size: 3), go = Barrier(size: 3)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await pool.withConnection { connection in
                        await held.arrive()
                        await go.arrive()
                        try await connection.noop()
                    }
                }
            }
            await held.arrive()
            for _ in 0..<6 { group.addTask { try await pool.withConnection { try await $0.noop() } } }
            for _ in 0..<500 where opened.value < 3 { try await Task.sleep(for: .milliseconds(10)) }
            await go.arrive()
            try await group.waitForAll()
        }
        #expect(await pool.statistics.created == 2)
        #expect(opened.value >= 3, "a third connection was tried and refused")
        // With no connection open, a refusal is the caller's error (e.g. wrong password): nothing to wait for.
        let refusing = IMAPConnectionPool(logger: Dovecot.logger) { throw IMAPError(.commandRejected, hint: "no") }
        await #expect(throws: IMAPError.self) { try await refusing.withConnection { try await $0.noop() } }
        await pool.shutdown()
    }

    @Test("at most maxConnections at once; waiters are served in turn")
    func boundedConcurrency() async throws {
        guard let server = try Dovecot.server() else { return }
        let pool = Self.makePool(server, configuration: .init(maxConnections: 2))
        let barrier = Barrier(size: 2)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await pool.withConnection { connection in
                        await barrier.arrive()
                        try await connection.noop()
                    }
                }
            }
            try await group.waitForAll()
        }
        let statistics = await pool.statistics
        #expect(statistics.peakLeased == 2)
        #expect(statistics.created == 2)
        #expect(statistics.idle == 2)
        #expect(statistics.leased == 0)
        #expect(statistics.waiting == 0)
        await pool.shutdown()
    }

    @Test("a caller waits at most acquireTimeout")
    func acquireTimeout() async throws {
        guard let server = try Dovecot.server() else { return }
        let pool = Self.makePool(server, configuration: .init(maxConnections: 1, acquireTimeout: .milliseconds(300)))
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let (held, heldContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { _ in
                heldContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in held { break }
        let error = await #expect(throws: IMAPError.self) {
            try await pool.withConnection { connection in try await connection.noop() }
        }
        #expect(error?.code == .timeout)
        releaseContinuation.yield()
        try await holder.value
        #expect(await pool.statistics.waiting == 0)
        try await pool.withConnection { connection in try await connection.noop() }
        await pool.shutdown()
    }

    @Test("an idempotent operation is retried once on a fresh connection after a drop")
    func retryIdempotent() async throws {
        guard let server = try Dovecot.server() else { return }
        let proxy = try await Self.proxy(server)
        let pool = Self.makePool(server, proxy: proxy, configuration: .init(healthCheckAfter: .seconds(3600)))
        try await pool.withConnection { connection in _ = try await connection.selectIfNeeded("INBOX") }
        await proxy.setFault(.dropAfterServerBytes(5))
        let uids = try await pool.withConnection(idempotent: true) { connection in
            try await connection.selectIfNeeded("INBOX")
            try await connection.noop()
            return try await connection.uidSearch(.all)
        }
        #expect(uids.isEmpty)
        #expect(await proxy.faultsFired == 1)
        #expect(await pool.statistics.created == 2)
        await pool.shutdown()
        try await proxy.shutdown()
    }

    @Test("a non-idempotent operation is not retried; the next call gets a fresh connection")
    func noRetry() async throws {
        guard let server = try Dovecot.server() else { return }
        let proxy = try await Self.proxy(server)
        let pool = Self.makePool(server, proxy: proxy, configuration: .init(healthCheckAfter: .seconds(3600)))
        try await pool.withConnection { connection in try await connection.noop() }
        await proxy.setFault(.dropAfterServerBytes(5))
        let error = await #expect(throws: IMAPError.self) {
            try await pool.withConnection(idempotent: false) { connection in try await connection.noop() }
        }
        #expect(error?.code == .connectionClosed)
        #expect(await pool.statistics.created == 1)
        try await pool.withConnection { connection in try await connection.noop() }
        #expect(await pool.statistics.created == 2)
        await pool.shutdown()
        try await proxy.shutdown()
    }

    @Test("the NOOP health check replaces a dead idle connection before the caller sees it")
    func healthCheck() async throws {
        guard let server = try Dovecot.server() else { return }
        let proxy = try await Self.proxy(server)
        let pool = Self.makePool(server, proxy: proxy, configuration: .init(healthCheckAfter: .zero))
        try await pool.withConnection { connection in try await connection.noop() }
        await proxy.setFault(.dropAfterServerBytes(0))
        try await pool.withConnection(idempotent: false) { connection in try await connection.noop() }
        #expect(await proxy.faultsFired == 1)
        #expect(await pool.statistics.created == 2)
        await pool.shutdown()
        try await proxy.shutdown()
    }

    @Test("connections idle for longer than idleTimeout are closed")
    func idleTimeout() async throws {
        guard let server = try Dovecot.server() else { return }
        let pool = Self.makePool(server, configuration: .init(idleTimeout: .milliseconds(1)))
        let connection = try await pool.withConnection { $0 }
        try await Task.sleep(for: .milliseconds(5))
        await pool.closeIdleConnections()
        #expect(await pool.statistics.idle == 0)
        // The periodic sweeper may have taken the connection first and still be logging it out.
        for _ in 0..<100 where await !connection.isClosed { try await Task.sleep(for: .milliseconds(50)) }
        #expect(await connection.isClosed)
        await pool.shutdown()
    }

    @Test("shutdown logs out and refuses further use")
    func shutdown() async throws {
        guard let server = try Dovecot.server() else { return }
        let pool = Self.makePool(server)
        let connection = try await pool.withConnection { $0 }
        await pool.shutdown()
        #expect(await connection.isClosed)
        let error = await #expect(throws: IMAPError.self) { try await pool.withConnection { _ in } }
        #expect(error?.code == .connectionClosed)
    }
}

/// Releases arrivals in groups of `size`.
actor Barrier {
    private let size: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(size: Int) { self.size = size }

    func arrive() async {
        if waiting.count + 1 == size {
            let released = waiting
            waiting.removeAll()
            for continuation in released { continuation.resume() }
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// A thread-safe count for factories.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    /// Adds one; returns the new count.
    func increment() -> Int { lock.withLock { count += 1; return count } }
    var value: Int { lock.withLock { count } }
}
