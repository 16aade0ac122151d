import Foundation
import SMTP
import Testing

/// Session behaviour against a scripted fake server: what Postfix here never does.
@Suite("SMTP session against scripted servers")
struct SMTPScriptedServerTests {
    private let options = SMTPConnectionOptions(security: .none, timeouts: .uniform(.seconds(10)),
                                                clientName: try? SMTPClientName("client.test"))

    private func run<R: Sendable>(
        _ script: [ScriptedSMTPServer.Step], options: SMTPConnectionOptions? = nil,
        _ body: (SMTPConnection) async throws -> R
    ) async throws -> (R, [String]) {
        let server = try await ScriptedSMTPServer.start(script)
        do {
            let result = try await SMTPConnection.withConnection(
                host: "127.0.0.1", port: server.port, options: options ?? self.options, body)
            let received = server.received
            try await server.shutdown()
            return (result, received)
        } catch {
            try await server.shutdown()
            throw error
        }
    }

    @Test("EHLO refused: falls back to HELO and sends without extensions")
    func heloFallback() async throws {
        let (result, received) = try await run([
            .send("220 old.example ready\r\n"), .read, .send("502 5.5.1 Command not recognized\r\n"),
            .read, .send("250 old.example\r\n"),
            .read, .send("250 ok\r\n"), .read, .send("250 ok\r\n"), .read, .send("354 go ahead\r\n"),
            .readData, .send("250-queued\r\n250 as 12345\r\n"), .read, .send("221 bye\r\n"),
        ]) { smtp in
            #expect(smtp.capabilities == .none)
            let result = try await smtp.send(from: "a@example.org", recipients: ["b@example.org"],
                                             message: Array("Subject: x\r\n\r\n.dot\r\n".utf8))
            try await smtp.quit()
            return result
        }
        #expect(result.reply.lines == ["queued", "as 12345"])
        #expect(received == [
            "EHLO client.test", "HELO client.test", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.org>", "DATA",
            "Subject: x\r\n\r\n..dot\r\n.\r\n", "QUIT",
        ])
    }

    @Test("XOAUTH2 success sends the SASL string in the initial response")
    func xoauth2() async throws {
        let (_, received) = try await run([
            .send("220 hi\r\n"), .read, .send("250-hi\r\n250 AUTH LOGIN PLAIN XOAUTH2\r\n"),
            .read, .send("235 2.7.0 Accepted\r\n"),
        ]) { smtp in
            try await smtp.authenticateXOAUTH2(user: "a@example.org", accessToken: "ya29.token")
            #expect(smtp.isAuthenticated)
        }
        let expected = Data("user=a@example.org\u{1}auth=Bearer ya29.token\u{1}\u{1}".utf8).base64EncodedString()
        #expect(received.last == "AUTH XOAUTH2 \(expected)")
    }

    @Test("XOAUTH2 refusal: the JSON challenge is answered with an empty line and reported")
    func xoauth2Refused() async throws {
        let challenge = Data(#"{"status":"401","schemes":"bearer"}"#.utf8).base64EncodedString()
        let error = await #expect(throws: SMTPError.self) {
            _ = try await run([
                .send("220 hi\r\n"), .read, .send("250-hi\r\n250 AUTH XOAUTH2\r\n"),
                .read, .send("334 \(challenge)\r\n"), .read,
                .send("535-5.7.8 Username and Password not accepted.\r\n535 5.7.8 Learn more\r\n"),
            ]) { smtp in
                try await smtp.authenticateXOAUTH2(user: "a@example.org", accessToken: "expired")
            }
        }
        #expect(error?.code == .authFailed)
        #expect(error?.reply?.enhancedStatus?.description == "5.7.8")
        #expect(error?.hint?.contains("401") == true)
        #expect(error.map { !$0.description.contains("expired") } == true)
    }

    @Test("only AUTH LOGIN offered: user name and password answer the two challenges")
    func loginOnly() async throws {
        let (_, received) = try await run([
            .send("220 hi\r\n"), .read, .send("250-hi\r\n250 AUTH LOGIN\r\n"),
            .read, .send("334 VXNlcm5hbWU6\r\n"), .read, .send("334 UGFzc3dvcmQ6\r\n"), .read,
            .send("235 ok\r\n"),
        ]) { smtp in
            try await smtp.authenticate(username: "alice", password: "secret")
        }
        #expect(received.suffix(3) == ["AUTH LOGIN", "YWxpY2U=", "c2VjcmV0"])
    }

    @Test("bytes injected after the STARTTLS reply are refused (RFC 3207 §5)")
    func startTLSInjection() async throws {
        var tlsOptions = options
        tlsOptions.security = .startTLS
        let error = await #expect(throws: SMTPError.self) {
            _ = try await run([
                .send("220 hi\r\n"), .read, .send("250-hi\r\n250 STARTTLS\r\n"),
                .read, .send("220 2.0.0 Ready to start TLS\r\n250-evil\r\n250 AUTH PLAIN\r\n"),
            ], options: tlsOptions) { _ in }
        }
        #expect(error?.code == .tlsFailure)
        #expect(error?.hint?.contains("after its STARTTLS reply") == true)
    }

    @Test("8-bit data to a server without 8BITMIME, or UTF-8 addresses without SMTPUTF8, are refused before MAIL")
    func missingExtensions() async throws {
        let (_, received) = try await run([
            .send("220 hi\r\n"), .read, .send("250-hi\r\n250 SIZE 1000\r\n"), .read, .send("221 bye\r\n"),
        ]) { smtp in
            let eightBit = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: "a@example.org", recipients: ["b@example.org"],
                                    message: Array("Subject: x\r\n\r\nGr\u{fc}\u{df}e\r\n".utf8))
            }
            #expect(eightBit?.code == .unsupported)
            let utf8 = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: "a@example.org", recipients: ["j\u{f6}rg@example.org"],
                                    message: Array("Subject: x\r\n\r\nx\r\n".utf8))
            }
            #expect(utf8?.code == .unsupported)
            let large = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: "a@example.org", recipients: ["b@example.org"],
                                    message: [UInt8](repeating: 65, count: 1001))
            }
            #expect(large?.code == .messageTooLarge)
            try await smtp.quit()
        }
        #expect(received == ["EHLO client.test", "QUIT"])
    }

    @Test("MAIL parameters declare SIZE, BODY=8BITMIME and SMTPUTF8 when offered and needed")
    func mailParameters() async throws {
        let message = Array("To: j\u{f6}rg@example.org\r\n\r\nGr\u{fc}\u{df}e\r\n".utf8)
        let (_, received) = try await run([
            .send("220 hi\r\n"), .read, .send("250-hi\r\n250-SIZE 0\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"),
            .read, .send("250 ok\r\n"), .read, .send("250 ok\r\n"), .read, .send("354 go\r\n"),
            .readData, .send("250 ok\r\n"),
        ]) { smtp in
            _ = try await smtp.send(from: "a@example.org", recipients: ["j\u{f6}rg@example.org"], message: message)
        }
        #expect(received[1] == "MAIL FROM:<a@example.org> SIZE=\(message.count) BODY=8BITMIME SMTPUTF8")
        #expect(received[2] == "RCPT TO:<j\u{f6}rg@example.org>")
    }

    @Test("a transient RCPT failure is reported by index and the transaction is reset")
    func transientRecipientFailure() async throws {
        let (_, received) = try await run([
            .send("220 hi\r\n"), .read, .send("250 hi\r\n"), .read, .send("250 ok\r\n"),
            .read, .send("250 ok\r\n"), .read, .send("450 4.2.1 Mailbox busy, try later\r\n"),
            .read, .send("250 reset\r\n"),
        ]) { smtp in
            let error = await #expect(throws: SMTPError.self) {
                try await smtp.send(from: nil, recipients: ["b@example.org", "c@example.org"],
                                    message: Array("x\r\n".utf8))
            }
            #expect(error?.code == .recipientRejected)
            #expect(error?.recipientIndices == [1])
            #expect(error?.reply?.isTransientNegative == true)
        }
        #expect(received == ["EHLO client.test", "MAIL FROM:<>", "RCPT TO:<b@example.org>", "RCPT TO:<c@example.org>",
                             "RSET"])
    }

    @Test("a 554 greeting and a 552 after DATA keep their meaning")
    func negativeReplies() async throws {
        let greeting = await #expect(throws: SMTPError.self) {
            _ = try await run([.send("554 5.3.2 No service for you\r\n")]) { _ in }
        }
        #expect(greeting?.code == .commandRejected)
        #expect(greeting?.reply?.code == 554)

        let tooBig = await #expect(throws: SMTPError.self) {
            _ = try await run([
                .send("220 hi\r\n"), .read, .send("250 hi\r\n"), .read, .send("250 ok\r\n"), .read, .send("250 ok\r\n"),
                .read, .send("354 go\r\n"), .readData, .send("552 5.3.4 Message too big\r\n"),
            ]) { smtp in
                try await smtp.send(from: "a@example.org", recipients: ["b@example.org"], message: Array("x\r\n".utf8))
            }
        }
        #expect(tooBig?.code == .messageTooLarge)
    }

    @Test("a malformed reply after the final dot is deliveryUnknown")
    func malformedAfterDot() async throws {
        let error = await #expect(throws: SMTPError.self) {
            _ = try await run([
                .send("220 hi\r\n"), .read, .send("250 hi\r\n"), .read, .send("250 ok\r\n"), .read, .send("250 ok\r\n"),
                .read, .send("354 go\r\n"), .readData, .send("OK THANKS\r\n"),
            ]) { smtp in
                try await smtp.send(from: "a@example.org", recipients: ["b@example.org"], message: Array("x\r\n".utf8))
            }
        }
        #expect(error?.code == .deliveryUnknown)
    }
}
