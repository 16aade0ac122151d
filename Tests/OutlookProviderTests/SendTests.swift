import Foundation
import MailCore
import MicrosoftStandIn
import OutlookProvider
import Testing

@Suite("Outlook send_email and reply_to_email")
struct SendTests {
    func outgoing(_ f: OutlookFixture, attachments: [OutgoingAttachment] = []) -> OutgoingMessage {
        OutgoingMessage(
            from: f.address, to: [EmailAddress(name: "Bob", address: "bob@example.test")],
            cc: [EmailAddress(address: "carol@example.test")], bcc: [EmailAddress(address: "hidden@example.test")],
            replyTo: EmailAddress(address: "replies@contoso.test"), subject: "Plans", textBody: "See you at 10.",
            htmlBody: "<p>See you at <b>10</b>.</p>", attachments: attachments
        )
    }

    @Test func smallMessageGoesThroughSendMailAndIsSaved() async throws {
        try await OutlookFixture.with { f in
            let file = OutgoingAttachment(filename: "agenda.txt", mimeType: "text/plain", data: Array("1. coffee".utf8))
            let receipt = try await f.provider.send(outgoing(f, attachments: [file]))
            #expect(receipt.providerMessageID == nil)
            #expect(await f.store.count(.sendMail) == 1)
            #expect(await f.store.count(.createMessage) == 0)
            let sent = try #require(await f.store.messages(in: "sentitems").first)
            #expect(sent.subject == "Plans")
            #expect(sent.bodyType == "html")
            #expect(sent.body == "<p>See you at <b>10</b>.</p>")
            #expect(sent.to.map(\.address) == ["bob@example.test"])
            #expect(sent.cc.map(\.address) == ["carol@example.test"])
            #expect(sent.bcc.map(\.address) == ["hidden@example.test"])
            #expect(sent.replyTo.map(\.address) == ["replies@contoso.test"])
            #expect(sent.attachments.map(\.name) == ["agenda.txt"])
            #expect(sent.attachments.first?.bytes == Array("1. coffee".utf8))
            #expect(!sent.isDraft)
        }
    }

    func seedOriginal(_ f: OutlookFixture) async -> StandInMessage {
        await f.store.seed(StandInMessage(
            internetMessageID: "<orig@example.test>", subject: "Budget", body: "Numbers attached",
            from: StandInRecipient(name: "Bob", address: "bob@example.test"),
            to: [StandInRecipient(address: "adele@contoso.test"), StandInRecipient(address: "dan@example.test")],
            cc: [StandInRecipient(address: "carol@example.test")], received: OutlookFixture.time(1),
            headers: [StandInHeader(name: "Message-ID", value: "<orig@example.test>"),
                      StandInHeader(name: "References", value: "<root@example.test>")]
        ))
    }

    @Test(arguments: [false, true])
    func replyKeepsConversationAndThreadingHeaders(replyAll: Bool) async throws {
        try await OutlookFixture.with { f in
            let original = await seedOriginal(f)
            let read = try await f.provider.read(messageID: original.id, options: ReadOptions())
            let reply = ReplyComposer.reply(to: read, from: f.address, ownAddresses: f.provider.ownAddresses,
                                            replyAll: replyAll, textBody: "Thanks!", htmlBody: nil, attachments: [])
            let receipt = try await f.provider.send(reply)
            #expect(receipt.threadID == original.conversationID)
            let sent = try #require(await f.store.messages(in: "sentitems").first)
            #expect(sent.conversationID == original.conversationID)
            #expect(sent.header("In-Reply-To") == "<orig@example.test>")
            #expect(sent.header("References") == "<root@example.test> <orig@example.test>")
            #expect(sent.subject == "Re: Budget")
            #expect(sent.body == "Thanks!")
            #expect(sent.bodyType == "text")
            #expect(sent.to.map(\.address) == (replyAll ? ["bob@example.test", "dan@example.test"] : ["bob@example.test"]))
            #expect(sent.cc.map(\.address) == (replyAll ? ["carol@example.test"] : []))
            #expect(await f.store.count(.createReply) == 1)
            #expect(await f.store.count(.updateMessage) == 1)
            #expect(await f.store.count(.sendDraft) == 1)
            #expect(await f.store.count(.sendMail) == 0)
            #expect(await f.store.messages(in: "drafts").isEmpty)
        }
    }

    @Test func tenMegabytesOfAttachmentsGoThroughUploadSessions() async throws {
        try await OutlookFixture.with { f in
            let small = OutgoingAttachment(filename: "small.bin", mimeType: "application/octet-stream",
                                           data: (0..<1_000_000).map { UInt8($0 % 251) })
            let large = OutgoingAttachment(filename: "large.bin", mimeType: "application/zip",
                                           data: (0..<9_000_000).map { UInt8($0 % 253) })
            let receipt = try await f.provider.send(outgoing(f, attachments: [small, large]))
            #expect(receipt.internetMessageID != nil)
            #expect(await f.store.count(.sendMail) == 0)
            #expect(await f.store.count(.createMessage) == 1)
            #expect(await f.store.count(.addAttachment) == 1)
            #expect(await f.store.count(.createUploadSession) == 1)
            #expect(await f.store.count(.sendDraft) == 1)
            let chunks = await f.store.requests(to: .uploadChunk)
            #expect(chunks.map { $0.headers["content-range"] ?? "" } == [
                "bytes 0-3276799/9000000", "bytes 3276800-6553599/9000000", "bytes 6553600-8999999/9000000",
            ])
            #expect(chunks.allSatisfy { $0.headers["authorization"] == nil && $0.method == "PUT" })
            #expect(chunks.dropLast().allSatisfy { $0.bodySize % (320 * 1024) == 0 })
            let sent = try #require(await f.store.messages(in: "sentitems").first)
            #expect(sent.attachments.map(\.name) == ["small.bin", "large.bin"])
            #expect(sent.attachments.map(\.bytes) == [small.data, large.data])
            #expect(sent.bcc.map(\.address) == ["hidden@example.test"])
            #expect(await f.store.messages(in: "drafts").isEmpty)
        }
    }

    @Test func attachmentJustUnderTheRequestLimitStillUsesSendMail() async throws {
        try await OutlookFixture.with { f in
            let file = OutgoingAttachment(filename: "edge.bin", mimeType: "application/octet-stream",
                                          data: [UInt8](repeating: 42, count: 3_000_000))
            _ = try await f.provider.send(outgoing(f, attachments: [file]))
            let request = try #require(await f.store.requests(to: .sendMail).first)
            #expect(request.bodySize <= 4 * 1024 * 1024)
            #expect(await f.store.count(.createMessage) == 0)
            #expect(await f.store.messages(in: "sentitems").first?.attachments.first?.bytes.count == 3_000_000)
        }
    }

    @Test func headerBreaksInAddressesAreRejected() async throws {
        try await OutlookFixture.with { f in
            var message = outgoing(f)
            message.to = [EmailAddress(name: "Bob\r\nBcc: evil@example.test", address: "bob@example.test")]
            let error = await mailError { _ = try await f.provider.send(message) }
            #expect(error?.code == .invalidRecipient)
            #expect(await f.store.requests().isEmpty)
        }
    }
}
