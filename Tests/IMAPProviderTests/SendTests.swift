import Foundation
import IMAP
@testable import IMAPProvider
import MIME
import MailCore
import SMTP
import TestSupport
import Testing

@Suite("IMAP provider: send_email and reply_to_email through Postfix", .timeLimit(.minutes(3)))
struct SendTests {
    static func address(_ user: String, _ name: String? = nil) -> EmailAddress { EmailAddress(name: name, address: user) }

    @Test("to, cc and bcc each receive it; Bcc is not in the headers; HTML makes multipart/alternative; Sent copy kept")
    func recipients() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (sender, to, cc, bcc) = (fixture.newUser("sender"), fixture.newUser("to"), fixture.newUser("cc"), fixture.newUser("bcc"))
        let provider = try fixture.provider(for: sender)
        defer { Task { await provider.shutdown() } }
        let message = OutgoingMessage(
            from: Self.address(sender, "Sénder Agent"), to: [Self.address(to, "To Person")], cc: [Self.address(cc)],
            bcc: [Self.address(bcc)], subject: "Grüße aus dem Test", textBody: "Plain text body.\nSecond line.",
            htmlBody: "<p>HTML <b>body</b></p>")
        let receipt = try await provider.send(message)
        let messageID = try #require(receipt.internetMessageID)
        #expect(receipt.threadID != nil)

        for user in [to, cc, bcc] {
            let raw = try #require(try await fixture.waitForMessages(for: user).first)
            let parsed = ParsedMessage.parse(raw)
            #expect(parsed.messageID == messageID)
            #expect(parsed.subject == "Grüße aus dem Test")
            #expect(parsed.from?.name == "Sénder Agent")
            #expect(parsed.headers(named: "Bcc").isEmpty)
            #expect(!String(decoding: raw, as: UTF8.self).lowercased().contains(bcc.lowercased()), "the Bcc address leaks")
            #expect(parsed.root.contentType.mimeType == "multipart/alternative")
            #expect(parsed.textBody == "Plain text body.\nSecond line.")
            #expect(parsed.htmlBody?.contains("<b>body</b>") == true)
        }
        let copyID = try #require(receipt.providerMessageID)
        let copy = try await provider.read(messageID: copyID, options: ReadOptions())
        #expect(copy.summary.folder == "SENT")
        #expect(copy.internetMessageID == messageID)
        #expect(!copy.summary.unread)
        #expect(copy.bcc.isEmpty)
        #expect(try await provider.list(ListRequest(folder: .sent)).total == 1)
    }

    @Test("attachments arrive byte for byte, including a 10 MB one")
    func attachments() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (sender, recipient) = (fixture.newUser("attach"), fixture.newUser("attachrcpt"))
        var generator = SystemRandomNumberGenerator()
        let small = (0..<70_001).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let large = (0..<(10 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        let provider = try fixture.provider(for: sender)
        defer { Task { await provider.shutdown() } }
        _ = try await provider.send(OutgoingMessage(
            from: Self.address(sender), to: [Self.address(recipient)], subject: "files", textBody: "see attached",
            attachments: [OutgoingAttachment(filename: "random.bin", mimeType: "application/octet-stream", data: small),
                          OutgoingAttachment(filename: "résumé 10MB.dat", mimeType: "application/x-test", data: large)]))

        _ = try await fixture.waitForMessages(for: recipient)
        let reader = try fixture.provider(for: recipient)
        defer { Task { await reader.shutdown() } }
        let summary = try #require(try await reader.list(ListRequest()).messages.first)
        #expect(summary.hasAttachments)
        let message = try await reader.read(messageID: summary.messageID, options: ReadOptions(includeAttachments: true))
        #expect(message.textBody == "see attached")
        let files = Dictionary(message.attachments.map { ($0.filename, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(files["random.bin"]?.data == small)
        #expect(files["random.bin"]?.mimeType == "application/octet-stream")
        #expect(files["résumé 10MB.dat"]?.data == large)
        #expect(files["résumé 10MB.dat"]?.size == large.count)
    }

    @Test("no Sent copy when saveSentCopy is false")
    func noSentCopy() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (sender, recipient) = (fixture.newUser("nocopy"), fixture.newUser("nocopyrcpt"))
        let provider = try fixture.provider(for: sender, settings: try fixture.settings(for: sender, saveSentCopy: false))
        defer { Task { await provider.shutdown() } }
        let receipt = try await provider.send(OutgoingMessage(from: Self.address(sender), to: [Self.address(recipient)],
                                                              subject: "no copy", textBody: "x"))
        #expect(receipt.providerMessageID == nil)
        #expect(receipt.internetMessageID != nil)
        _ = try await fixture.waitForMessages(for: recipient)
        #expect(try await provider.list(ListRequest(folder: .sent)).total == 0)
    }

    @Test("a recipient in a domain the server will not relay to is invalidRecipient, naming its index")
    func unknownDomain() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let sender = fixture.newUser("relay")
        let provider = try fixture.provider(for: sender)
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: MailError.self) {
            _ = try await provider.send(OutgoingMessage(
                from: Self.address(sender), to: [Self.address(fixture.newUser("ok"))],
                cc: [Self.address("someone@unknown-domain.invalid")], subject: "x", textBody: "x"))
        }
        #expect(error?.code == .invalidRecipient)
        #expect(error?.detail?.contains("#1") == true, "\(error?.detail ?? "")")
        #expect(error?.detail?.contains("unknown-domain") == false)
        #expect(try await provider.list(ListRequest(folder: .sent)).total == 0, "nothing is copied to Sent after a refusal")
    }

    @Test("an SMTP answer lost after the final dot is deliveryUnknown, and nothing is copied to Sent")
    func deliveryUnknown() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let plainPort = try #require(fixture.server.smtpPlainPort, "MCPEMAILS_TEST_SMTP_PLAIN_PORT is not set")
        let proxy = try await FaultProxy.start(targetHost: fixture.server.host, targetPort: plainPort)
        let sender = fixture.newUser("lost")
        var settings = try fixture.settings(for: sender)
        settings.smtpHost = "127.0.0.1"
        settings.smtpPort = proxy.port
        settings.smtpSecurity = .none
        let provider = try fixture.provider(for: sender, settings: settings)
        await proxy.setFault(.dropReplyAfterClientSends(Array("\r\n.\r\n".utf8)))
        let error = await #expect(throws: MailError.self) {
            _ = try await provider.send(OutgoingMessage(from: Self.address(sender), to: [Self.address(fixture.newUser("lostrcpt"))],
                                                        subject: "maybe", textBody: "maybe delivered"))
        }
        #expect(error?.code == .deliveryUnknown)
        #expect(await proxy.faultsFired == 1)
        #expect(await proxy.acceptedConnections == 1, "never resent")
        #expect(try await provider.list(ListRequest(folder: .sent)).total == 0)
        await provider.shutdown()
        try await proxy.shutdown()
    }

    @Test("a reply carries In-Reply-To and References, Re: once, and the same thread id")
    func replyThreading() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let (alice, bob) = (fixture.newUser("alice"), fixture.newUser("bob"))
        let aliceProvider = try fixture.provider(for: alice)
        let bobProvider = try fixture.provider(for: bob)
        defer { Task { await aliceProvider.shutdown(); await bobProvider.shutdown() } }
        let first = try await aliceProvider.send(OutgoingMessage(
            from: Self.address(alice, "Alice"), to: [Self.address(bob, "Bob")], subject: "Plan for Q3", textBody: "Thoughts?"))
        _ = try await fixture.waitForMessages(for: bob)
        let received = try #require(try await bobProvider.list(ListRequest()).messages.first)
        let original = try await bobProvider.read(messageID: received.messageID, options: ReadOptions())
        #expect(original.internetMessageID == first.internetMessageID)

        let reply = ReplyComposer.reply(to: original, from: Self.address(bob, "Bob"), ownAddresses: bobProvider.ownAddresses,
                                        replyAll: false, textBody: "Sounds good.", htmlBody: nil, attachments: [])
        let sentReply = try await bobProvider.send(reply)
        #expect(sentReply.threadID == received.threadID)

        _ = try await fixture.waitForMessages(for: alice)
        let delivered = try #require(try await aliceProvider.list(ListRequest()).messages.first)
        let answer = try await aliceProvider.read(messageID: delivered.messageID, options: ReadOptions())
        let originalID = try #require(first.internetMessageID)
        #expect(answer.inReplyTo == [originalID])
        #expect(answer.references == [originalID])
        #expect(answer.summary.subject == "Re: Plan for Q3")
        #expect(answer.summary.threadID == received.threadID)
        #expect(delivered.threadID == received.threadID)
        let aliceSent = try #require(try await aliceProvider.list(ListRequest(folder: .sent)).messages.first)
        #expect(aliceSent.threadID == delivered.threadID, "sent original and received reply share the thread")
    }

    @Test("SMTP failures map to the seed's codes")
    func errorMapping() {
        var rejected = SMTPError(.recipientRejected, command: "RCPT", reply: SMTPReply(code: 550, lines: ["5.1.1 <x@y.z>: unknown"]))
        rejected.recipientIndices = [2]
        let cases: [(SMTPError, MailError.Code)] = [
            (SMTPError(.messageTooLarge, hint: "too big"), .messageTooLarge),
            (SMTPError(.deliveryUnknown), .deliveryUnknown),
            (SMTPError(.authFailed, reply: SMTPReply(code: 535, lines: ["5.7.8 nope"])), .authFailed),
            (rejected, .invalidRecipient),
            (SMTPError(.connectFailed), .providerError),
        ]
        for (error, code) in cases {
            let mapped = ErrorMapping.mailError(error)
            #expect(mapped.code == code, "\(error)")
            #expect(mapped.detail?.contains("x@y.z") != true)
        }
    }
}
