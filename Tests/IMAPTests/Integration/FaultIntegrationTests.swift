import IMAP
import NIOCore
import TestSupport
import Testing

/// A stalled or dropped server never makes a call hang.
@Suite("Dovecot: timeouts and drops", .timeLimit(.minutes(2)))
struct FaultIntegrationTests {
    static func connectThrough(_ proxy: FaultProxy, _ server: MailTestServer, commandTimeout: Duration) async throws -> IMAPConnection {
        let connection = try await IMAPConnection.connect(host: "127.0.0.1", port: proxy.port, security: .none,
                                                          options: .init(commandTimeout: commandTimeout), logger: Dovecot.logger)
        try await connection.login(username: server.uniqueAddress("fault"), password: server.password)
        return connection
    }

    @Test("a stalled server makes the command time out and closes the connection")
    func stall() async throws {
        guard let server = try Dovecot.server() else { return }
        let proxy = try await FaultProxy.start(targetHost: server.host, targetPort: server.imapPort)
        let connection = try await Self.connectThrough(proxy, server, commandTimeout: .seconds(20))
        await proxy.setFault(.stall)
        let started = ContinuousClock.now
        let error = await #expect(throws: IMAPError.self) { _ = try await connection.execute(.noop, timeout: .milliseconds(500)) }
        #expect(error?.code == .timeout)
        #expect(error?.command == "NOOP")
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(await connection.isClosed)
        await #expect(throws: IMAPError.self) { try await connection.noop() }
        await proxy.setFault(.none)
        try await proxy.shutdown()
    }

    @Test("a connect that stalls before the greeting times out")
    func connectTimeout() async throws {
        guard let server = try Dovecot.server() else { return }
        let proxy = try await FaultProxy.start(targetHost: server.host, targetPort: server.imapPort)
        await proxy.setFault(.stall)
        let error = await #expect(throws: IMAPError.self) {
            _ = try await IMAPConnection.connect(host: "127.0.0.1", port: proxy.port, security: .none,
                                                 timeout: .milliseconds(500), logger: Dovecot.logger)
        }
        #expect(error?.code == .timeout)
        await proxy.setFault(.none)
        try await proxy.shutdown()
    }

    @Test("a server that drops the connection mid-response fails the command, without hanging")
    func dropMidResponse() async throws {
        guard let server = try Dovecot.server() else { return }
        let proxy = try await FaultProxy.start(targetHost: server.host, targetPort: server.imapPort)
        let connection = try await Self.connectThrough(proxy, server, commandTimeout: .seconds(20))
        let body = String(repeating: "0123456789abcdef\n", count: 12_000)
        let uid = try #require(try await connection.append(mailbox: .inbox, message: Dovecot.message(subject: "big", body: body)))
        try await connection.select(.inbox)
        await proxy.setFault(.dropAfterServerBytes(1000))
        let error = await #expect(throws: IMAPError.self) {
            _ = try await connection.uidFetch([uid], attributes: [.body(section: .complete, peek: true)])
        }
        #expect(error?.code == .connectionClosed)
        #expect(await connection.isClosed)
        // The next connection works normally and reads the whole message.
        let fresh = try await Dovecot.login(server, user: nil)
        await fresh.logout()
        try await proxy.shutdown()
    }
}
