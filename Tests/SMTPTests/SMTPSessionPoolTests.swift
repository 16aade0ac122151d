import Foundation
import SMTP
import Synchronization
import Testing
import TestSupport

/// `SMTPSessionPool`: verification with RSET before reuse, replacement of dead sessions, bounds.
@Suite("SMTP session pool")
struct SMTPSessionPoolTests {
    private static let scriptedOptions = SMTPConnectionOptions(
        security: .none, timeouts: .uniform(.seconds(10)), clientName: try? SMTPClientName("client.test"))

    /// Greeting and EHLO, then one whole transaction.
    private static let greetingAndOneSend: [ScriptedSMTPServer.Step] = [
        .send("220 hi\r\n"), .read, .send("250 hi\r\n"), .read, .send("250 ok\r\n"), .read, .send("250 ok\r\n"),
        .read, .send("354 go\r\n"), .readData, .send("250 queued\r\n"),
    ]

    /// What the server logs for one transaction with `subject`.
    private static func transaction(_ subject: String) -> [String] {
        ["MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA", "Subject: \(subject)\r\n\r\nbody\r\n.\r\n"]
    }

    private static func pool(for server: ScriptedSMTPServer,
                             _ configuration: SMTPSessionPool.Configuration = .init()) -> SMTPSessionPool {
        SMTPSessionPool(configuration: configuration, logger: .init(label: "test")) {
            try await SMTPConnection.connect(host: "127.0.0.1", port: server.port, options: scriptedOptions)
        }
    }

    /// One send per subject, one after the other.
    private static func send(_ subjects: [String], through pool: SMTPSessionPool) async throws {
        for subject in subjects {
            _ = try await pool.withSession { smtp in
                try await smtp.send(from: "a@example.org", recipients: ["b@example.org"],
                                    message: Array("Subject: \(subject)\r\n\r\nbody\r\n".utf8))
            }
        }
    }

    @Test("an idle session answering RSET with 421 is replaced; the send runs once, on the new session")
    func replyToResetIs421() async throws {
        // Every connection plays this: one send, then 421 to the next command and close.
        let server = try await ScriptedSMTPServer.start(
            Self.greetingAndOneSend + [.read, .send("421 4.4.2 idle too long, closing\r\n")])
        let pool = Self.pool(for: server)
        try await Self.send(["one", "two"], through: pool)
        let statistics = await pool.statistics
        #expect(statistics.opened == 2)
        #expect(statistics.discarded == 1)
        #expect(statistics.reused == 0)
        await pool.shutdown()
        try await server.shutdown()
        #expect(server.received == ["EHLO client.test"] + Self.transaction("one") + ["RSET", "EHLO client.test"]
            + Self.transaction("two") + ["QUIT"])
    }

    @Test("a reused session says RSET before MAIL, on the same connection")
    func resetBeforeReuse() async throws {
        let server = try await ScriptedSMTPServer.start(Self.greetingAndOneSend + [
            .read, .send("250 2.0.0 reset\r\n"),
            .read, .send("250 ok\r\n"), .read, .send("250 ok\r\n"), .read, .send("354 go\r\n"),
            .readData, .send("250 queued\r\n"),
            .read, .send("221 bye\r\n"),
        ])
        let pool = Self.pool(for: server)
        try await Self.send(["one", "two"], through: pool)
        #expect(await pool.statistics.reused == 1)
        await pool.shutdown()
        try await server.shutdown()
        #expect(server.received == ["EHLO client.test"] + Self.transaction("one") + ["RSET"]
            + Self.transaction("two") + ["QUIT"])
    }

    @Test("an idle session that does not answer RSET in time is replaced; Postfix gets the message once")
    func silentResetIsReplaced() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let port = try #require(server.smtpPlainPort, "MCPEMAILS_TEST_SMTP_PLAIN_PORT is not set")
        let proxy = try await FaultProxy.start(targetHost: server.host, targetPort: port)
        var timeouts = SMTPTimeouts.uniform(.seconds(20))
        // Every command uses this limit, not only RSET: long enough for a busy Postfix while the whole suite
        // runs (2 s was not), short enough to keep the stalled RSET from dominating the test.
        timeouts.command = .seconds(8)
        let options = SMTPConnectionOptions(security: .none, timeouts: timeouts)
        let pool = SMTPSessionPool(logger: .init(label: "test")) {
            try await SMTPConnection.connect(host: "127.0.0.1", port: proxy.port, options: options)
        }
        let (alice, bob) = (server.uniqueAddress("alice"), server.uniqueAddress("bob"))
        let send = { @Sendable (subject: String) async throws in
            let message = MailServerFixture.message(from: alice, to: [bob], subject: subject, body: "x\r\n")
            _ = try await pool.withSession { smtp in try await smtp.send(from: alice, recipients: [bob], message: message) }
        }
        try await send("first")
        await proxy.setFault(.stallAfterClientSends(Array("RSET\r\n".utf8)))
        try await send("second")
        #expect(await proxy.acceptedConnections == 2)
        let statistics = await pool.statistics
        #expect(statistics.discarded == 1)
        #expect(statistics.opened == 2)
        let inbox = try await MailboxProbe.inbox(of: bob, on: server, expected: 2)
        #expect(inbox.count == 2)
        await pool.shutdown()
        await proxy.setFault(.none)
        try await proxy.shutdown()
    }

    @Test("a factory failure frees its slot, and a failed body's session is closed, not reused")
    func failuresFreeSlots() async throws {
        let server = try await ScriptedSMTPServer.start([
            .send("220 hi\r\n"), .read, .send("250 hi\r\n"), .read, .send("221 bye\r\n"),
        ])
        let attempts = Atomic<Int>(0)
        let pool = SMTPSessionPool(configuration: .init(maxSessions: 1), logger: .init(label: "test")) {
            if attempts.add(1, ordering: .relaxed).newValue == 1 {
                throw SMTPError(.connectFailed, hint: "first attempt fails")
            }
            return try await SMTPConnection.connect(host: "127.0.0.1", port: server.port, options: Self.scriptedOptions)
        }
        await #expect(throws: SMTPError.self) { try await pool.withSession { _ in } }
        struct BodyFailed: Error {}
        await #expect(throws: BodyFailed.self) { try await pool.withSession { _ in throw BodyFailed() } }
        let statistics = await pool.statistics
        #expect(statistics.opened == 1)
        #expect(statistics.retired == 1)
        #expect(statistics.idle == 0)
        #expect(statistics.inUse == 0)
        await pool.shutdown()
        try await server.shutdown()
        #expect(server.received == ["EHLO client.test", "QUIT"], "the failed body's session was ended, never reset")
    }

    @Test("callers beyond maxSessions wait, and time out when no session comes free")
    func boundedWithTimeout() async throws {
        let server = try await ScriptedSMTPServer.start([
            .send("220 hi\r\n"), .read, .send("250 hi\r\n"), .read, .send("221 bye\r\n"),
        ])
        let pool = Self.pool(for: server, .init(maxSessions: 1, acquireTimeout: .milliseconds(200)))
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let (release, releaseContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withSession { _ in
                enteredContinuation.yield()
                for await _ in release { break }
            }
        }
        for await _ in entered { break }
        let error = await #expect(throws: SMTPError.self) { try await pool.withSession { _ in } }
        #expect(error?.code == .timeout)
        #expect(await pool.statistics.peakInUse == 1)
        releaseContinuation.yield()
        try await holder.value
        await pool.shutdown()
        try await server.shutdown()
    }
}
