import Foundation
import GmailProvider
import GoogleStandIn
import MailCore
import Testing

@Suite("list_inbox on Gmail")
struct GmailListTests {
    static func date(_ minutes: Int) -> Date { Date(timeIntervalSince1970: 1_770_000_000 + TimeInterval(minutes * 60)) }

    @Test("well-known folders map to INBOX, SENT, DRAFT and TRASH labels")
    func folders() async throws {
        try await Harness.with { h in
            let inbox = h.deliver(TestMail(subject: "in"), labels: ["INBOX"])
            let sent = h.deliver(TestMail(subject: "out"), labels: ["SENT"])
            let draft = h.deliver(TestMail(subject: "draft"), labels: ["DRAFT"])
            let trash = h.deliver(TestMail(subject: "bin"), labels: ["TRASH"])
            for (folder, id, name) in [(Folder.inbox, inbox, "INBOX"), (.sent, sent, "SENT"), (.drafts, draft, "DRAFTS"), (.trash, trash, "TRASH")] {
                let page = try await h.provider.list(ListRequest(folder: folder))
                #expect(page.messages.map(\.messageID) == [id], "folder \(name)")
                #expect(page.messages.first?.folder == name)
                #expect(page.total == 1, "the label's own count (users.labels.get)")
                #expect(!page.hasMore)
            }
        }
    }

    @Test("a user label is found by name (case-insensitively); an unknown one is folderNotFound")
    func userLabel() async throws {
        try await Harness.with { h in
            let label = h.standIn.createLabel("Projects/2026", for: h.user)
            let id = h.deliver(TestMail(subject: "labelled"), labels: [label])
            h.deliver(TestMail(subject: "other"))
            let page = try await h.provider.list(ListRequest(folder: .named("projects/2026")))
            #expect(page.messages.map(\.messageID) == [id])
            await expectMailError(.folderNotFound) { _ = try await h.provider.list(ListRequest(folder: .named("Nope"))) }
            // The label list is read once, then re-read once for the unknown name.
            #expect(h.standIn.requestCount(GoogleEndpoint.labelsList) == 2)
        }
    }

    @Test("unread_only adds the UNREAD label")
    func unreadOnly() async throws {
        try await Harness.with { h in
            let unread = h.deliver(TestMail(subject: "new"), labels: ["INBOX", "UNREAD"], date: Self.date(2))
            h.deliver(TestMail(subject: "seen"), labels: ["INBOX"], date: Self.date(1))
            let page = try await h.provider.list(ListRequest(unreadOnly: true))
            #expect(page.messages.map(\.messageID) == [unread])
            #expect(page.messages.allSatisfy { $0.unread })
            #expect(page.total == 1, "INBOX's messagesUnread")
            let all = try await h.provider.list(ListRequest())
            #expect(all.messages.map(\.unread) == [true, false])
            #expect(all.total == 2, "INBOX's messagesTotal")
            #expect(h.standIn.requestCount(GoogleEndpoint.labelsGet) == 2)
        }
    }

    @Test("offset/limit walks page tokens and fetches no more ids or summaries than needed")
    func pagingAcrossPageTokens() async throws {
        try await Harness.with(limits: GmailLimits(listPageMaximum: 2)) { h in
            let ids = (0..<7).map { h.deliver(TestMail(subject: "m\($0)"), date: Self.date($0)) }
            let newestFirst = Array(ids.reversed())
            h.standIn.resetCounts()
            let second = try await h.provider.list(ListRequest(limit: 3, offset: 3))
            #expect(second.messages.map(\.messageID) == Array(newestFirst[3..<6]))
            #expect(second.hasMore)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesList) == 3)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesGet) == 3)
            h.standIn.resetCounts()
            let last = try await h.provider.list(ListRequest(limit: 3, offset: 6))
            #expect(last.messages.map(\.messageID) == [newestFirst[6]])
            #expect(!last.hasMore)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesGet) == 1)
            let beyond = try await h.provider.list(ListRequest(limit: 3, offset: 20))
            #expect(beyond.messages.isEmpty)
            #expect(!beyond.hasMore)
        }
    }

    @Test("a page ending exactly at the last message reports no more")
    func exactEnd() async throws {
        try await Harness.with { h in
            let ids = (0..<4).map { h.deliver(TestMail(subject: "m\($0)"), date: Self.date($0)) }
            h.standIn.resetCounts()
            let page = try await h.provider.list(ListRequest(limit: 4))
            #expect(page.messages.map(\.messageID) == Array(ids.reversed()))
            #expect(!page.hasMore)
            #expect(h.standIn.requestCount(GoogleEndpoint.messagesList) == 1)
            let first = try await h.provider.list(ListRequest(limit: 3))
            #expect(first.hasMore)
        }
    }

    @Test("summary fields: addresses, decoded subject and snippet, thread, date, size, attachments")
    func summaryFields() async throws {
        try await Harness.with { h in
            var mail = TestMail(
                from: "=?UTF-8?Q?J=C3=B6rg?= <jorg@example.de>", to: "A <a@x.test>, b@y.test", cc: "c@z.test",
                subject: "=?UTF-8?B?Q2Fmw6k=?= plans", text: "It's <b>bold</b> & \"quoted\""
            )
            mail.attachments = [(name: "report.pdf", type: "application/pdf", data: Array("%PDF-1.4".utf8))]
            let when = Self.date(5)
            let id = h.deliver(mail, date: when)
            let plain = h.deliver(TestMail(subject: "plain"), labels: ["INBOX"], date: Self.date(1))
            let page = try await h.provider.list(ListRequest())
            let summary = try #require(page.messages.first)
            let stored = try #require(h.standIn.message(id, of: h.user))
            #expect(summary.messageID == id)
            #expect(summary.threadID == stored.threadId)
            #expect(summary.from == EmailAddress(name: "Jörg", address: "jorg@example.de"))
            #expect(summary.to.map(\.address) == ["a@x.test", "b@y.test"])
            #expect(summary.cc.map(\.address) == ["c@z.test"])
            #expect(summary.subject == "Café plans")
            #expect(summary.snippet == "It's <b>bold</b> & \"quoted\"")
            #expect(summary.hasAttachments)
            #expect(summary.unread)
            #expect(summary.size == stored.raw.count)
            #expect(summary.date == when)
            let other = try #require(page.messages.last)
            #expect(other.messageID == plain)
            #expect(!other.hasAttachments)
            #expect(!other.unread)
        }
    }
}
