import Foundation
import MIME
import MailCore
import MicrosoftStandIn
import OutlookProvider
import Testing

@Suite("Outlook read_email")
struct ReadTests {
    static let html = "<html><body><p>Hello <b>Bob</b></p><div>Second line</div></body></html>"

    func seedHTML(_ f: OutlookFixture, attachments: [StandInAttachment] = [], headers: [StandInHeader] = []) async -> StandInMessage {
        await f.store.seed(StandInMessage(
            subject: "Report", bodyType: "html", body: Self.html,
            from: StandInRecipient(name: "Bob", address: "bob@example.test"),
            to: [StandInRecipient(address: "adele@contoso.test")], cc: [StandInRecipient(name: "Carol", address: "carol@example.test")],
            replyTo: [StandInRecipient(address: "replies@example.test")], received: OutlookFixture.time(1),
            headers: headers, attachments: attachments
        ))
    }

    @Test func plainReadReturnsTextAndChangesNothing() async throws {
        try await OutlookFixture.with { f in
            let stored = await seedHTML(f)
            let message = try await f.provider.read(messageID: stored.id, options: ReadOptions())
            #expect(message.textBody == "Hello Bob\r\nSecond line")
            #expect(message.htmlBody == nil)
            #expect(message.summary.subject == "Report")
            #expect(message.summary.unread)
            #expect(message.summary.folder == "INBOX")
            #expect(message.summary.cc == [EmailAddress(name: "Carol", address: "carol@example.test")])
            #expect(message.replyTo == [EmailAddress(address: "replies@example.test")])
            #expect(message.internetMessageID == stored.internetMessageID)
            #expect(message.attachments.isEmpty)
            #expect(await f.store.message(id: stored.id)?.isRead == false)
            let get = try #require(await f.store.requests(to: .getMessage).first)
            #expect(get.headers["prefer"] == "outlook.body-content-type=\"text\"")
            #expect(await f.store.count(.getMessage) == 1)
            #expect(await f.store.count(.listAttachments) == 1)
            #expect(await f.store.count(.updateMessage) == 0)
            // Naming the folder of an Inbox message costs one well-known lookup, once per provider.
            #expect(await f.store.count(.getMailFolder) == 1)
            #expect(await f.store.count(.listMailFolders) == 0)
            _ = try await f.provider.read(messageID: stored.id, options: ReadOptions())
            #expect(await f.store.count(.getMailFolder) == 1)
        }
    }

    @Test func includeHTMLFetchesNativeBodyAndSanitizes() async throws {
        try await OutlookFixture.with { f in
            let stored = await seedHTML(f)
            let message = try await f.provider.read(messageID: stored.id, options: ReadOptions(includeHTML: true))
            #expect(message.htmlBody == OutlookFixture.sanitize(Self.html))
            #expect(message.textBody == "Hello Bob\r\nSecond line")
            let gets = await f.store.requests(to: .getMessage)
            #expect(gets.count == 2)
            #expect(gets.last?.query["$select"] == "body")
            #expect(gets.last?.headers["prefer"] == nil)

            let text = await f.store.seed(StandInMessage(subject: "Plain", body: "just text", from: StandInRecipient(address: "x@example.test")))
            let plain = try await f.provider.read(messageID: text.id, options: ReadOptions(includeHTML: true))
            #expect(plain.htmlBody == nil)
            #expect(plain.textBody == "just text")
        }
    }

    @Test func defaultSanitizerIsMIMEHTMLSanitizer() async throws {
        try await OutlookFixture.with { f in
            let stored = await f.store.seed(StandInMessage(
                subject: "Phish", bodyType: "html", body: "<p onclick=\"steal()\">Hi<script>steal()</script></p>",
                from: StandInRecipient(address: "x@example.test")))
            let provider = OutlookProvider(address: f.address, tokens: f.tokens, httpClient: .shared, graphBaseURL: f.standIn.graphURL)
            let message = try await provider.read(messageID: stored.id, options: ReadOptions(includeHTML: true))
            #expect(message.htmlBody == HTMLSanitizer.sanitize("<p onclick=\"steal()\">Hi<script>steal()</script></p>"))
            #expect(message.htmlBody?.contains("script") == false)
            #expect(message.htmlBody?.contains("onclick") == false)
            #expect(message.htmlBody?.contains("Hi") == true)
        }
    }

    @Test func attachmentsDescribedAlwaysAndFileDataOnRequest() async throws {
        try await OutlookFixture.with { f in
            let pdf = Array("%PDF-1.7 fake".utf8)
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 255]
            let stored = await seedHTML(f, attachments: [
                StandInAttachment(name: "report.pdf", contentType: "application/pdf", bytes: pdf),
                StandInAttachment(name: "logo.png", contentType: "image/png", isInline: true, contentID: "logo@x", bytes: png),
                StandInAttachment(kind: .item, name: "Forwarded", contentType: "application/octet-stream", bytes: Array("Subject: hi\r\n\r\nbody".utf8)),
                StandInAttachment(kind: .reference, name: "Budget.xlsx", contentType: "application/octet-stream", bytes: []),
            ])
            let meta = try await f.provider.read(messageID: stored.id, options: ReadOptions())
            #expect(meta.attachments.map(\.filename) == ["report.pdf", "logo.png", "Forwarded", "Budget.xlsx"])
            #expect(meta.attachments.map(\.mimeType) == ["application/pdf", "image/png", "message/rfc822", "text/uri-list"])
            #expect(meta.attachments.allSatisfy { $0.data == nil })
            #expect(meta.attachments.map(\.inline) == [false, true, false, false])
            #expect(meta.attachments.map(\.attachmentID) == stored.attachments.map(\.id))
            #expect(meta.summary.hasAttachments)
            #expect(await f.store.requests(to: .listAttachments).first?.query["$select"] == "id,name,contentType,size,isInline")

            let full = try await f.provider.read(messageID: stored.id, options: ReadOptions(includeAttachments: true))
            #expect(full.attachments[0].data == pdf)
            #expect(full.attachments[0].size == pdf.count)
            #expect(full.attachments[1].data == png)
            #expect(full.attachments[1].contentID == "logo@x")
            #expect(full.attachments[2].data == nil)
            #expect(full.attachments[3].data == nil)
            #expect(await f.store.requests(to: .listAttachments).last?.query["$select"] == nil)
        }
    }

    @Test func markAsReadPatchesIsRead() async throws {
        try await OutlookFixture.with { f in
            let stored = await seedHTML(f)
            let message = try await f.provider.read(messageID: stored.id, options: ReadOptions(markAsRead: true))
            #expect(!message.summary.unread)
            #expect(await f.store.message(id: stored.id)?.isRead == true)
            let patch = try #require(await f.store.requests(to: .updateMessage).first)
            #expect(patch.method == "PATCH")
            #expect(await f.store.count(.updateMessage) == 1)
        }
    }

    @Test func threadingHeadersParsed() async throws {
        try await OutlookFixture.with { f in
            let stored = await seedHTML(f, headers: [
                StandInHeader(name: "Message-ID", value: "<m3@example.test>"),
                StandInHeader(name: "In-Reply-To", value: "<m2@example.test>"),
                StandInHeader(name: "References", value: "<m1@example.test> <m2@example.test>"),
                StandInHeader(name: "X-Spam", value: "no"),
            ])
            let message = try await f.provider.read(messageID: stored.id, options: ReadOptions())
            #expect(message.inReplyTo == ["<m2@example.test>"])
            #expect(message.references == ["<m1@example.test>", "<m2@example.test>"])
            #expect(message.headers.map(\.name) == ["Message-ID", "In-Reply-To", "References"])
        }
    }

    @Test func unknownIDIsMessageNotFound() async throws {
        try await OutlookFixture.with { f in
            let error = await mailError { _ = try await f.provider.read(messageID: "AAMkAGI2missing=", options: ReadOptions()) }
            #expect(error?.code == .messageNotFound)
        }
    }
}
