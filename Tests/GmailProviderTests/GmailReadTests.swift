import Foundation
import GmailProvider
import GoogleStandIn
import MailCore
import Testing

@Suite("read_email on Gmail")
struct GmailReadTests {
    @Test("a text message is decoded; a plain read changes no label")
    func textMessage() async throws {
        try await Harness.with { h in
            let id = h.deliver(TestMail(subject: "Hi", text: "Grüße aus Köln"))
            let message = try await h.provider.read(messageID: id, options: ReadOptions())
            #expect(message.textBody.contains("Grüße aus Köln"))
            #expect(message.summary.subject == "Hi")
            #expect(message.summary.unread)
            #expect(message.htmlBody == nil)
            #expect(h.standIn.message(id, of: h.user)?.labelIds == ["INBOX", "UNREAD"])
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesModify) == 0)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesGet) == 1)
        }
    }

    @Test("an HTML-only message gets text derived from HTML and sanitized HTML on request")
    func htmlOnly() async throws {
        try await Harness.with { h in
            let html = "<html><body><p>Hello <b>World</b></p><script>alert(1)</script></body></html>"
            let id = h.deliver(TestMail(text: nil, html: html))
            let message = try await h.provider.read(messageID: id, options: ReadOptions(includeHTML: true))
            #expect(message.textBody.contains("Hello"))
            #expect(message.textBody.contains("World"))
            #expect(!message.textBody.contains("<b>"))
            let sanitized = try #require(message.htmlBody)
            #expect(sanitized.contains("World"))
            #expect(!sanitized.contains("<script"))
        }
    }

    @Test("attachment metadata always, data only when asked for")
    func attachments() async throws {
        try await Harness.with { h in
            let data = (0..<3000).map { UInt8($0 % 251) }
            var mail = TestMail(subject: "files")
            mail.attachments = [(name: "data.bin", type: "application/octet-stream", data: data)]
            let id = h.deliver(mail)
            let bare = try await h.provider.read(messageID: id, options: ReadOptions())
            let meta = try #require(bare.attachments.first)
            #expect(meta.filename == "data.bin")
            #expect(meta.mimeType == "application/octet-stream")
            #expect(meta.size == data.count)
            #expect(meta.data == nil)
            #expect(bare.summary.hasAttachments)
            let full = try await h.provider.read(messageID: id, options: ReadOptions(includeAttachments: true))
            #expect(full.attachments.first?.data == data)
        }
    }

    @Test("mark_as_read removes UNREAD through messages.modify")
    func markAsRead() async throws {
        try await Harness.with { h in
            let id = h.deliver(TestMail())
            let message = try await h.provider.read(messageID: id, options: ReadOptions(markAsRead: true))
            #expect(!message.summary.unread)
            #expect(h.standIn.message(id, of: h.user)?.labelIds == ["INBOX"])
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesModify) == 1)
            // Already read: no second modify.
            _ = try await h.provider.read(messageID: id, options: ReadOptions(markAsRead: true))
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesModify) == 1)
        }
    }

    @Test("unknown and malformed ids are message_not_found")
    func notFound() async throws {
        try await Harness.with { h in
            await expectMailError(.messageNotFound) { _ = try await h.provider.read(messageID: "18c0deadbeef0001", options: ReadOptions()) }
            await expectMailError(.messageNotFound) { _ = try await h.provider.read(messageID: "../labels", options: ReadOptions()) }
            await expectMailError(.messageNotFound) { _ = try await h.provider.read(messageID: "", options: ReadOptions()) }
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesGet) == 1)
        }
    }

    @Test("a message outside INBOX reports its user label as folder")
    func folderOfUserLabel() async throws {
        try await Harness.with { h in
            let label = h.standIn.createLabel("Receipts", for: h.user)
            let id = h.deliver(TestMail(), labels: [label])
            let message = try await h.provider.read(messageID: id, options: ReadOptions())
            #expect(message.summary.folder == "Receipts")
        }
    }
}

@Suite("search_emails on Gmail")
struct GmailSearchTests {
    @Test("the query goes to Gmail as written")
    func queryAsWritten() async throws {
        try await Harness.with { h in
            let bob = h.deliver(TestMail(from: "Bob <bob@example.com>", subject: "Quarterly numbers"))
            h.deliver(TestMail(from: "Carol <carol@example.com>", subject: "Lunch"))
            let byFrom = try await h.provider.search(SearchRequest(query: "from:bob@example.com"))
            #expect(byFrom.messages.map(\.messageID) == [bob])
            let phrase = try await h.provider.search(SearchRequest(query: "subject:\"quarterly numbers\" is:unread"))
            #expect(phrase.messages.map(\.messageID) == [bob])
            let none = try await h.provider.search(SearchRequest(query: "from:nobody@example.com"))
            #expect(none.messages.isEmpty)
            #expect(!none.hasMore)
        }
    }

    @Test("search pages like list and names each hit's folder")
    func pagingAndFolders() async throws {
        try await Harness.with(limits: GmailLimits(listPageMaximum: 2)) { h in
            let label = h.standIn.createLabel("Travel", for: h.user)
            let a = h.deliver(TestMail(subject: "trip 1"), labels: ["INBOX"], date: Date(timeIntervalSince1970: 1_770_000_400))
            let b = h.deliver(TestMail(subject: "trip 2"), labels: ["SENT"], date: Date(timeIntervalSince1970: 1_770_000_300))
            let c = h.deliver(TestMail(subject: "trip 3"), labels: [label], date: Date(timeIntervalSince1970: 1_770_000_200))
            let d = h.deliver(TestMail(subject: "trip 4"), labels: [], date: Date(timeIntervalSince1970: 1_770_000_100))
            let first = try await h.provider.search(SearchRequest(query: "trip", limit: 3))
            #expect(first.messages.map(\.messageID) == [a, b, c])
            #expect(first.messages.map(\.folder) == ["INBOX", "SENT", "Travel"])
            #expect(first.hasMore)
            let second = try await h.provider.search(SearchRequest(query: "trip", limit: 3, offset: 3))
            #expect(second.messages.map(\.messageID) == [d])
            #expect(second.messages.map(\.folder) == ["ARCHIVE"])
            #expect(!second.hasMore)
            let noted = try await h.provider.search(SearchRequest(query: "trip", limit: 1, includeFolders: [.inbox]))
            #expect(!noted.notes.isEmpty)
        }
    }
}
