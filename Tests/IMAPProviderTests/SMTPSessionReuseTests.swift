import Foundation
@testable import IMAPProvider
import MIME
import MailCore
import SMTP
import TestSupport
import Testing

/// `send` reuses authenticated SMTP sessions (`SMTPSessionPool`): counted as TCP connections through a
/// `FaultProxy` in front of Postfix, and checked in the recipients' mailboxes for exactly one copy.
@Suite("IMAP provider: SMTP sessions reused across sends", .timeLimit(.minutes(3)))
struct SMTPSessionReuseTests {
    private static let endOfData = Array("\r\n.\r\n".utf8)

    /// A proxy in front of the submission port (STARTTLS + AUTH) or the plain port (cleartext, no AUTH: the
    /// proxy can then see commands), and a provider for a fresh sender that submits through it.
    private func setUp(_ fixture: MailFixture, plain: Bool = false, prefix: String)
        async throws -> (FaultProxy, IMAPMailProvider, sender: String) {
        let target = plain ? try #require(fixture.server.smtpPlainPort, "MCPEMAILS_TEST_SMTP_PLAIN_PORT is not set")
                           : fixture.server.smtpPort
        let proxy = try await FaultProxy.start(targetHost: fixture.server.host, targetPort: target)
        let sender = fixture.newUser(prefix)
        var settings = try fixture.settings(for: sender, saveSentCopy: false)
        settings.smtpHost = "127.0.0.1"
        settings.smtpPort = proxy.port
        if plain { settings.smtpSecurity = .none }
        return (proxy, try fixture.provider(for: sender, settings: settings), sender)
    }

    private func message(from sender: String, to recipient: String, subject: String,
                         body: String? = nil) -> OutgoingMessage {
        OutgoingMessage(from: EmailAddress(address: sender), to: [EmailAddress(address: recipient)],
                        subject: subject, textBody: body ?? "body of \(subject)")
    }

    /// Subjects of every message in `user`'s INBOX once at least `count` arrived.
    private func subjects(_ fixture: MailFixture, of user: String, count: Int) async throws -> [String] {
        try await fixture.waitForMessages(for: user, count: count).map { ParsedMessage.parse($0).subject }
    }

    @Test("five sequential sends over STARTTLS + AUTH use one TCP connection; each arrives once")
    func sequentialSendsReuseOneSession() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (proxy, provider, sender) = try await setUp(fixture, prefix: "reuse")
        let recipient = fixture.newUser("reusercpt")
        for index in 1...5 {
            _ = try await provider.send(message(from: sender, to: recipient, subject: "reuse \(index)"))
        }
        #expect(await proxy.acceptedConnections == 1, "each send opened its own session")
        let statistics = await provider.smtpStatistics()
        #expect(statistics.opened == 1)
        #expect(statistics.reused == 4)
        #expect(statistics.idle == 1)
        let received = try await subjects(fixture, of: recipient, count: 5)
        #expect(received.sorted() == (1...5).map { "reuse \($0)" })
        await provider.shutdown()
        try await proxy.shutdown()
    }

    @Test("an idle session the server dropped is replaced before anything is sent; the send arrives once")
    func droppedIdleSessionIsReplaced() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (proxy, provider, sender) = try await setUp(fixture, prefix: "dropped")
        let recipient = fixture.newUser("droppedrcpt")
        _ = try await provider.send(message(from: sender, to: recipient, subject: "before the drop"))
        #expect(await provider.smtpStatistics().idle == 1)
        await proxy.dropAllConnections()

        _ = try await provider.send(message(from: sender, to: recipient, subject: "after the drop"))
        #expect(await proxy.acceptedConnections == 2)
        let statistics = await provider.smtpStatistics()
        #expect(statistics.discarded == 1, "the dropped session was found dead by RSET")
        #expect(statistics.opened == 2)
        let received = try await subjects(fixture, of: recipient, count: 2)
        #expect(received.sorted() == ["after the drop", "before the drop"])
        await provider.shutdown()
        try await proxy.shutdown()
    }

    @Test("twenty concurrent sends each arrive exactly once, over at most maxConnections sessions")
    func concurrentSends() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (proxy, provider, sender) = try await setUp(fixture, prefix: "burst")
        let recipient = fixture.newUser("burstrcpt")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 1...20 {
                let outgoing = message(from: sender, to: recipient, subject: "burst \(index)")
                group.addTask { _ = try await provider.send(outgoing) }
            }
            try await group.waitForAll()
        }
        let statistics = await provider.smtpStatistics()
        #expect(statistics.peakInUse <= provider.settings.maxConnections)
        #expect(statistics.opened <= provider.settings.maxConnections)
        #expect(statistics.opened + statistics.reused == 20)
        #expect(await proxy.acceptedConnections == statistics.opened)
        let received = try await subjects(fixture, of: recipient, count: 20)
        #expect(received.count == 20)
        #expect(received.sorted() == (1...20).map { "burst \($0)" }.sorted())
        await provider.shutdown()
        try await proxy.shutdown()
    }

    /// The common course of a send failing on a reused session: "first" succeeds (its session goes idle),
    /// `fault` is armed, the send of `subject` fails — on that same connection and never retried —, the
    /// failed session is not pooled, and "after" needs a new connection. Returns the failure and the
    /// subjects in the recipient's INBOX once `arrivals` are there; `nil` when the mail server is not configured.
    private func failOnReusedSession(prefix: String, fault: FaultProxy.Fault, subject: String, body: String? = nil,
                                     arrivals: Int) async throws -> (MailError?, [String])? {
        guard let fixture = try MailFixture.make() else { return nil }
        let (proxy, provider, sender) = try await setUp(fixture, plain: true, prefix: prefix)
        let recipient = fixture.newUser(prefix + "rcpt")
        _ = try await provider.send(message(from: sender, to: recipient, subject: "first"))
        await proxy.setFault(fault)
        let error = await #expect(throws: MailError.self) {
            _ = try await provider.send(message(from: sender, to: recipient, subject: subject, body: body))
        }
        #expect(await proxy.faultsFired == 1)
        #expect(await proxy.acceptedConnections == 1, "sent on the reused session and never resent")
        let statistics = await provider.smtpStatistics()
        #expect(statistics.retired == 1)
        #expect(statistics.idle == 0, "the failed session is not pooled")

        _ = try await provider.send(message(from: sender, to: recipient, subject: "after"))
        #expect(await proxy.acceptedConnections == 2, "the next send needed a new session")
        #expect(await provider.smtpStatistics().discarded == 0)
        let received = try await subjects(fixture, of: recipient, count: arrivals)
        await provider.shutdown()
        try await proxy.shutdown()
        return (error, received.sorted())
    }

    @Test("the answer lost after the final dot on a reused session: deliveryUnknown, no resend, session not reused")
    func deliveryUnknownOnReusedSession() async throws {
        guard let (error, received) = try await failOnReusedSession(
            prefix: "unknown", fault: .dropReplyAfterClientSends(Self.endOfData), subject: "maybe", arrivals: 3)
        else { return }
        #expect(error?.code == .deliveryUnknown)
        // Postfix had the message; only its answer was lost: three messages, each once.
        #expect(received == ["after", "first", "maybe"])
    }

    @Test("a connection lost in the middle of the message data fails the send once; the session is not reused")
    func dropInsideData() async throws {
        // Larger than every socket buffer between us and the proxy, so writing cannot finish before the drop.
        let body = "MARKER\n" + String(repeating: "line of text, line of text\n", count: 1_000_000)
        guard let (error, received) = try await failOnReusedSession(
            prefix: "middata", fault: .dropWhenClientSends(Array("MARKER".utf8)), subject: "cut", body: body,
            arrivals: 2)
        else { return }
        #expect(error?.code == .providerError, "the final dot was never written: not delivered, not unknown")
        #expect(received == ["after", "first"])
    }

    @Test("shutdown ends idle sessions with QUIT")
    func shutdownQuitsIdleSessions() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (proxy, provider, sender) = try await setUp(fixture, plain: true, prefix: "quit")
        _ = try await provider.send(message(from: sender, to: fixture.newUser("quitrcpt"), subject: "one"))
        #expect(await provider.smtpStatistics().idle == 1)
        // The proxy counts the QUIT as it passes (and then closes): proof it was sent on the idle session.
        await proxy.setFault(.dropWhenClientSends(Array("QUIT\r\n".utf8)))
        await provider.shutdown()
        #expect(await proxy.faultsFired == 1, "no QUIT reached the server")
        #expect(await provider.smtpStatistics().idle == 0)
        let error = await #expect(throws: MailError.self) {
            _ = try await provider.send(message(from: sender, to: fixture.newUser("quitrcpt"), subject: "two"))
        }
        #expect(error != nil)
        #expect(await proxy.acceptedConnections == 1, "no session is opened after shutdown")
        try await proxy.shutdown()
    }
}
