import Foundation
import SMTP
import Testing
import TestSupport

/// Sending through the real Postfix and reading the deliveries back from Dovecot.
@Suite("SMTP send against Postfix and Dovecot")
struct SMTPSendTests {
    /// Logs in as `sender` on the submission port and runs `body`.
    private func withSubmission<R: Sendable>(
        _ server: MailTestServer, sender: String, security: SMTPSecurity = .startTLS,
        _ body: (SMTPConnection) async throws -> R
    ) async throws -> R {
        let port = security == .tls ? server.smtpsPort : server.smtpPort
        return try await SMTPConnection.withConnection(
            host: server.host, port: port, options: try MailServerFixture.options(server, security)
        ) { smtp in
            try await smtp.authenticate(username: sender, password: server.password)
            let result = try await body(smtp)
            try? await smtp.quit()
            return result
        }
    }

    @Test("one message to two recipients arrives in both inboxes", arguments: [SMTPSecurity.startTLS, .tls])
    func twoRecipients(security: SMTPSecurity) async throws {
        guard let server = try MailServerFixture.server() else { return }
        let alice = server.uniqueAddress("alice")
        let bob = server.uniqueAddress("bob")
        let carol = server.uniqueAddress("carol")
        let subject = "Two recipients \(UUID().uuidString)"
        let message = MailServerFixture.message(from: alice, to: [bob, carol], subject: subject, body: "Hello both\r\n")
        let result = try await withSubmission(server, sender: alice, security: security) { smtp in
            try await smtp.send(from: alice, recipients: [bob, carol], message: message)
        }
        #expect(result.reply.code == 250)
        #expect(result.recipientCount == 2)
        for user in [bob, carol] {
            let inbox = try await MailboxProbe.inbox(of: user, on: server, expected: 1)
            #expect(inbox.count == 1)
            let text = String(decoding: inbox.first ?? [], as: UTF8.self)
            #expect(text.contains("Subject: \(subject)"))
            #expect(text.contains("Hello both"))
        }
    }

    @Test("lines starting with a dot arrive intact, and 8-bit text with BODY=8BITMIME")
    func dotStuffing() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let alice = server.uniqueAddress("alice")
        let bob = server.uniqueAddress("bob")
        let body = ".\r\n..\r\n.hidden line\r\nmiddle . dot\r\n...\r\nGr\u{fc}\u{df}e \u{1f600}\r\n."
        let message = MailServerFixture.message(from: alice, to: [bob], subject: "dots", body: body)
        _ = try await withSubmission(server, sender: alice) { smtp in
            try await smtp.send(from: alice, recipients: [bob], message: message)
        }
        let inbox = try await MailboxProbe.inbox(of: bob, on: server, expected: 1)
        let text = String(decoding: try #require(inbox.first), as: UTF8.self)
        #expect(text.hasSuffix("\r\n\r\n" + body + "\r\n"))
    }

    @Test("a 10 MB message (base64 attachment) arrives byte for byte")
    func tenMegabytes() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let alice = server.uniqueAddress("alice")
        let bob = server.uniqueAddress("bob")
        var generator = SystemRandomNumberGenerator()
        let attachment = [UInt8](unsafeUninitializedCapacity: 10 * 1024 * 1024) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            for offset in stride(from: 0, to: raw.count, by: 8) {
                raw.storeBytes(of: generator.next(), toByteOffset: offset, as: UInt64.self)
            }
            count = raw.count
        }
        let encoded = Data(attachment).base64EncodedString(
            options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let boundary = "b-\(UUID().uuidString)"
        let body = "--\(boundary)\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n--\(boundary)\r\n"
            + "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"big.bin\"\r\n\r\n\(encoded)\r\n--\(boundary)--\r\n"
        var message = MailServerFixture.message(from: alice, to: [bob], subject: "big", body: "")
        message.removeLast(2)
        message += Array("Content-Type: multipart/mixed; boundary=\"\(boundary)\"\r\n\r\n\(body)".utf8)
        #expect(message.count > 13_000_000)
        let result = try await withSubmission(server, sender: alice) { smtp in
            try await smtp.send(from: alice, recipients: [bob], message: message)
        }
        #expect(result.reply.isPositiveCompletion)
        let inbox = try await MailboxProbe.inbox(of: bob, on: server, expected: 1, timeout: 30)
        let delivered = String(decoding: try #require(inbox.first), as: UTF8.self)
        let start = try #require(delivered.range(of: "filename=\"big.bin\"\r\n\r\n"))
        let end = try #require(delivered.range(of: "\r\n--\(boundary)--"))
        let decoded = Data(base64Encoded: String(delivered[start.upperBound..<end.lowerBound]),
                           options: .ignoreUnknownCharacters)
        #expect(decoded == Data(attachment))
    }

    @Test("a refused recipient is named by index, nothing is sent, and the session stays usable")
    func unknownDomain() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let alice = server.uniqueAddress("alice")
        let bob = server.uniqueAddress("bob")
        let outsider = "someone@unknown-domain.example"
        let message = MailServerFixture.message(from: alice, to: [bob, outsider], subject: "mixed", body: "x\r\n")
        try await withSubmission(server, sender: alice) { smtp in
            let error = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: alice, recipients: [bob, outsider, outsider], message: message)
            }
            #expect(error?.code == .recipientRejected)
            #expect(error?.recipientIndices == [1, 2])
            #expect(error?.reply?.isPermanentNegative == true)
            #expect(error.map { !$0.description.contains("unknown-domain") } == true)
            let retry = MailServerFixture.message(from: alice, to: [bob], subject: "second", body: "y\r\n")
            _ = try await smtp.send(from: alice, recipients: [bob], message: retry)
        }
        let inbox = try await MailboxProbe.inbox(of: bob, on: server, expected: 1)
        #expect(inbox.count == 1)
        #expect(String(decoding: inbox.first ?? [], as: UTF8.self).contains("Subject: second"))
    }

    @Test("a message over the server's SIZE is refused before it is sent")
    func tooLarge() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let alice = server.uniqueAddress("alice")
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 40_000_001)
        try await withSubmission(server, sender: alice) { smtp in
            let limit = try #require(smtp.capabilities.maximumMessageSize)
            #expect(message.count > limit)
            let error = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: alice, recipients: [server.uniqueAddress("bob")], message: message)
            }
            #expect(error?.code == .messageTooLarge)
            try await smtp.noop()
        }
    }

    @Test("sending without AUTH on the submission port is refused per recipient")
    func unauthenticated() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let options = try MailServerFixture.options(server, .startTLS)
        try await SMTPConnection.withConnection(host: server.host, port: server.smtpPort, options: options) { smtp in
            let bob = server.uniqueAddress("bob")
            let error = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: server.uniqueAddress("anon"), recipients: [bob], message: Array("x\r\n".utf8))
            }
            #expect(error?.code == .recipientRejected)
            #expect(error?.recipientIndices == [0])
        }
    }

    @Test("invalid addresses never reach the wire")
    func invalidAddress() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let alice = server.uniqueAddress("alice")
        try await withSubmission(server, sender: alice) { smtp in
            let error = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: alice, recipients: [server.uniqueAddress("ok"), "x@y>\r\nDATA"],
                                    message: Array("x\r\n".utf8))
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.recipientIndices == [1])
            try await smtp.noop()
        }
    }
}
