import Foundation
import GmailProvider
import GoogleStandIn
import MailCore
import Testing

@Suite("send_email and reply_to_email on Gmail")
struct GmailSendTests {
    static func outgoing(_ h: Harness, to: [String], cc: [String] = [], bcc: [String] = [], attachments: [OutgoingAttachment] = []) -> OutgoingMessage {
        OutgoingMessage(
            from: EmailAddress(address: h.user), to: to.map { EmailAddress(address: $0) },
            cc: cc.map { EmailAddress(address: $0) }, bcc: bcc.map { EmailAddress(address: $0) },
            subject: "Status update", textBody: "All good.", attachments: attachments
        )
    }

    @Test("recipients get the message; Bcc reaches its recipient but no delivered header")
    func recipientsAndBcc() async throws {
        try await Harness.with { h in
            let message = Self.outgoing(h, to: ["to@gmail.test"], cc: ["cc@gmail.test"], bcc: ["hidden@gmail.test"])
            let receipt = try await h.provider.send(message)
            let sent = try #require(h.standIn.messages(of: h.user).first)
            #expect(receipt.providerMessageID == sent.id)
            #expect(receipt.threadID == sent.threadId)
            #expect(sent.labelIds == ["SENT"])
            #expect(sent.header("Message-ID") == receipt.internetMessageID)
            #expect(sent.header("Subject") == "Status update")
            for recipient in ["to@gmail.test", "cc@gmail.test", "hidden@gmail.test"] {
                let copy = try #require(h.standIn.messages(of: recipient).first, "\(recipient) got nothing")
                #expect(!copy.headerNames.contains { $0.lowercased() == "bcc" }, "\(recipient) sees Bcc")
                #expect(copy.header("To")?.contains("to@gmail.test") == true)
            }
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesSendUpload) == 0)
        }
    }

    @Test("a reply carries threadId, In-Reply-To and References and joins the thread")
    func replyThreads() async throws {
        try await Harness.with { h in
            let originalID = h.deliver(TestMail(from: "Bob <bob@gmail.test>", to: h.user, subject: "Plans"))
            let original = try await h.provider.read(messageID: originalID, options: ReadOptions())
            let reply = ReplyComposer.reply(
                to: original, from: EmailAddress(address: h.user), ownAddresses: h.provider.ownAddresses,
                replyAll: false, textBody: "Sounds good", htmlBody: nil, attachments: []
            )
            let receipt = try await h.provider.send(reply)
            let replyID = try #require(receipt.providerMessageID)
            let stored = try #require(h.standIn.message(replyID, of: h.user))
            let threadID = h.standIn.message(originalID, of: h.user)?.threadId
            #expect(stored.threadId == threadID)
            #expect(receipt.threadID == threadID)
            #expect(stored.header("In-Reply-To") == original.internetMessageID)
            #expect(stored.header("References")?.contains(original.internetMessageID ?? "-") == true)
            #expect(stored.header("Subject") == "Re: Plans")
            let bobCopy = try #require(h.standIn.messages(of: "bob@gmail.test").first)
            #expect(bobCopy.header("In-Reply-To") == original.internetMessageID)
        }
    }

    @Test("the largest JSON send stays inside Google's 5 MiB simple-request limit")
    func largestJSONSend() async throws {
        try await Harness.with { h in
            let data = [UInt8](repeating: 0xA5, count: 2_600_000)
            let message = Self.outgoing(
                h, to: ["mid@gmail.test"], attachments: [OutgoingAttachment(filename: "mid.bin", mimeType: "application/octet-stream", data: data)]
            )
            _ = try await h.provider.send(message)
            let sent = try #require(h.standIn.messages(of: h.user).first)
            #expect(sent.raw.count > 3_400_000 && sent.raw.count <= GmailLimits().simpleSendMaximumBytes)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesSendUpload) == 0)
            #expect(h.standIn.messages(of: "mid@gmail.test").count == 1)
        }
    }

    @Test("10 MB of attachments go through the upload endpoint intact")
    func largeSendUsesUpload() async throws {
        try await Harness.with { h in
            var generator = SystemRandomNumberGenerator()
            let block = (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) }
            var data: [UInt8] = []
            data.reserveCapacity(10 * 1024 * 1024)
            for _ in 0..<160 { data.append(contentsOf: block) }
            let message = Self.outgoing(
                h, to: ["big@gmail.test"], attachments: [OutgoingAttachment(filename: "big.bin", mimeType: "application/octet-stream", data: data)]
            )
            let receipt = try await h.provider.send(message)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesSendUpload) == 1)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesSend) == 1)
            let delivered = try #require(h.standIn.messages(of: "big@gmail.test").first)
            let sentID = try #require(receipt.providerMessageID)
            let read = try await h.provider.read(messageID: sentID, options: ReadOptions(includeAttachments: true))
            #expect(read.attachments.first?.data == data)
            #expect(delivered.raw.count > data.count)
        }
    }
}
