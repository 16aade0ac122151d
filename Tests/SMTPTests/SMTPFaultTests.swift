import SMTP
import Testing
import TestSupport

/// Lost connections and silent servers, through `FaultProxy` in front of Postfix's plain port (cleartext, so
/// the proxy can see the final dot).
@Suite("SMTP faults: drops, stalls and the answer lost after DATA")
struct SMTPFaultTests {
    private static let endOfData = Array("\r\n.\r\n".utf8)

    /// A proxy in front of the plain port, and options with short timeouts and no TLS.
    private func proxy(_ server: MailTestServer) async throws -> FaultProxy {
        let port = try #require(server.smtpPlainPort, "MCPEMAILS_TEST_SMTP_PLAIN_PORT is not set")
        return try await FaultProxy.start(targetHost: server.host, targetPort: port)
    }

    /// No TLS, 20 s per step except the step under test (so a slow machine cannot time out the wrong step).
    private func options(_ adjust: (inout SMTPTimeouts) -> Void = { _ in }) -> SMTPConnectionOptions {
        var timeouts = SMTPTimeouts.uniform(.seconds(20))
        adjust(&timeouts)
        return SMTPConnectionOptions(security: .none, timeouts: timeouts)
    }

    private func send(through proxy: FaultProxy, _ server: MailTestServer, from: String, to: String,
                      timeouts adjust: (inout SMTPTimeouts) -> Void = { _ in }) async throws -> SMTPSendResult {
        let message = MailServerFixture.message(from: from, to: [to], subject: "fault", body: "body\r\n.\r\nend\r\n")
        return try await SMTPConnection.withConnection(
            host: "127.0.0.1", port: proxy.port, options: options(adjust)
        ) { smtp in
            try await smtp.send(from: from, recipients: [to], message: message)
        }
    }

    @Test("the connection drops after the final dot: deliveryUnknown, one delivery, no second attempt")
    func deliveryUnknownOnDrop() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        let bob = server.uniqueAddress("bob")
        await proxy.setFault(.dropReplyAfterClientSends(Self.endOfData))
        let error = await #expect(throws: SMTPError.self) {
            try await send(through: proxy, server, from: server.uniqueAddress("alice"), to: bob)
        }
        #expect(error?.code == .deliveryUnknown, "\(String(describing: error))")
        #expect(error?.command == "DATA")
        #expect(await proxy.faultsFired == 1)
        #expect(await proxy.acceptedConnections == 1)
        // Postfix had accepted the message; only its answer was lost.
        let inbox = try await MailboxProbe.inbox(of: bob, on: server, expected: 1)
        #expect(inbox.count == 1)
        try await proxy.shutdown()
    }

    @Test("no answer after the final dot within the time limit: deliveryUnknown, at most one delivery")
    func deliveryUnknownOnTimeout() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        let bob = server.uniqueAddress("bob")
        await proxy.setFault(.stallAfterClientSends(Self.endOfData))
        let error = await #expect(throws: SMTPError.self) {
            try await send(through: proxy, server, from: server.uniqueAddress("alice"), to: bob) {
                $0.dataTermination = .seconds(1)
            }
        }
        #expect(error?.code == .deliveryUnknown, "\(String(describing: error))")
        #expect(await proxy.acceptedConnections == 1)
        await proxy.setFault(.none)
        let inbox = try await MailboxProbe.inbox(of: bob, on: server, expected: 1, timeout: 3)
        #expect(inbox.count <= 1)
        try await proxy.shutdown()
    }

    @Test("a server that stops answering before DATA is a timeout, not deliveryUnknown")
    func timeoutBeforeData() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        await proxy.setFault(.stallAfterClientSends(Array("MAIL FROM".utf8)))
        let error = await #expect(throws: SMTPError.self) {
            try await send(through: proxy, server, from: server.uniqueAddress("alice"),
                           to: server.uniqueAddress("bob")) {
                $0.mailFrom = .seconds(1)
            }
        }
        #expect(error?.code == .timeout, "\(String(describing: error))")
        #expect(error?.command == "MAIL")
        try await proxy.shutdown()
    }

    @Test("no greeting within the time limit is a timeout")
    func greetingTimeout() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        await proxy.setFault(.stall)
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.withConnection(host: "127.0.0.1", port: proxy.port,
                                                    options: options { $0.greeting = .seconds(1) }) { _ in }
        }
        #expect(error?.code == .timeout, "\(String(describing: error))")
        #expect(error?.command == "greeting")
        try await proxy.shutdown()
    }

    @Test("a greeting cut in the middle is a lost connection; the next connection works")
    func dropMidGreeting() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        await proxy.setFault(.dropAfterServerBytes(10))
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.withConnection(host: "127.0.0.1", port: proxy.port, options: options()) { _ in }
        }
        #expect(error?.code == .connectionFatal)
        let greeting = try await SMTPConnection.withConnection(
            host: "127.0.0.1", port: proxy.port, options: options()
        ) { smtp in
            try await smtp.quit()
            return smtp.greeting.code
        }
        #expect(greeting == 220)
        #expect(await proxy.acceptedConnections == 2)
        try await proxy.shutdown()
    }

    @Test("a connection dropped between commands fails the next command as connectionFatal")
    func dropBetweenCommands() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        try await SMTPConnection.withConnection(host: "127.0.0.1", port: proxy.port, options: options()) { smtp in
            try await smtp.noop()
            await proxy.dropAllConnections()
            let error = await #expect(throws: SMTPError.self) { try await smtp.noop() }
            #expect(error?.code == .connectionFatal)
            let again = await #expect(throws: SMTPError.self) { try await smtp.noop() }
            #expect(again?.code == .connectionFatal)
        }
        try await proxy.shutdown()
    }

    @Test("no 354 after DATA is a timeout, not deliveryUnknown")
    func noDataGoAhead() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        await proxy.setFault(.stallAfterClientSends(Array("DATA\r\n".utf8)))
        let error = await #expect(throws: SMTPError.self) {
            try await send(through: proxy, server, from: server.uniqueAddress("alice"),
                           to: server.uniqueAddress("bob")) {
                $0.dataInitiation = .seconds(1)
            }
        }
        #expect(error?.code == .timeout, "\(String(describing: error))")
        #expect(error?.command == "DATA")
        try await proxy.shutdown()
    }

    @Test("a connection lost while the message is being written is connectionFatal (the dot never went)")
    func dropDuringData() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let proxy = try await proxy(server)
        let bob = server.uniqueAddress("bob")
        let alice = server.uniqueAddress("alice")
        // Larger than every socket buffer between us and the proxy, so writing cannot finish before the drop.
        let body = "first line\r\nMARKER\r\n" + String(repeating: "line of text, line of text\r\n", count: 1_000_000)
        let big = MailServerFixture.message(from: alice, to: [bob], subject: "cut", body: body)
        await proxy.setFault(.dropWhenClientSends(Array("MARKER".utf8)))
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.withConnection(host: "127.0.0.1", port: proxy.port, options: options()) { smtp in
                try await smtp.send(from: alice, recipients: [bob], message: big)
            }
        }
        #expect(error?.code == .connectionFatal)
        #expect(await proxy.faultsFired == 1)
        try await proxy.shutdown()
    }
}
