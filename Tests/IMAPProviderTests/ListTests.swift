import Foundation
import IMAP
import IMAPProvider
import MailCore
import Testing

@Suite("IMAP provider: list_inbox against Dovecot", .timeLimit(.minutes(2)))
struct ListTests {
    @Test("pages are newest first, exact, with total and has_more")
    func paging() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("list")
        try await fixture.append((1...7).map { TestMessage.plain(subject: "Message \($0)") }, for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }

        let first = try await provider.list(ListRequest(limit: 3, offset: 0))
        #expect(first.messages.map(\.subject) == ["Message 7", "Message 6", "Message 5"])
        #expect(first.total == 7)
        #expect(first.hasMore)
        let second = try await provider.list(ListRequest(limit: 3, offset: 3))
        #expect(second.messages.map(\.subject) == ["Message 4", "Message 3", "Message 2"])
        #expect(second.hasMore)
        let last = try await provider.list(ListRequest(limit: 3, offset: 6))
        #expect(last.messages.map(\.subject) == ["Message 1"])
        #expect(!last.hasMore)
        let beyond = try await provider.list(ListRequest(limit: 3, offset: 10))
        #expect(beyond.messages.isEmpty)
        #expect(beyond.total == 7)
        #expect(!beyond.hasMore)
        let all = try await provider.list(ListRequest(limit: 100))
        #expect(Set(all.messages.map(\.messageID)).count == 7)
    }

    @Test("unread_only lists only messages without \\Seen")
    func unreadOnly() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("unread")
        try await fixture.append([TestMessage.plain(subject: "read 1")], for: user, flags: [.seen])
        try await fixture.append([TestMessage.plain(subject: "new 1")], for: user)
        try await fixture.append([TestMessage.plain(subject: "read 2")], for: user, flags: [.seen])
        try await fixture.append([TestMessage.plain(subject: "new 2")], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }

        let unread = try await provider.list(ListRequest(unreadOnly: true))
        #expect(unread.messages.map(\.subject) == ["new 2", "new 1"])
        #expect(unread.total == 2)
        #expect(unread.messages.allSatisfy { $0.unread })
        let everything = try await provider.list(ListRequest())
        #expect(everything.messages.map(\.unread) == [true, false, true, false])
    }

    @Test("SENT, DRAFTS, TRASH, a named folder and INBOX each list their own messages")
    func folders() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("folders")
        let raw = try await fixture.connection(for: user)
        try await raw.create(raw.mailboxName("Projects/2026 Café"))
        await raw.logout()
        try await fixture.append([TestMessage.plain(subject: "in inbox")], for: user)
        try await fixture.append([TestMessage.plain(subject: "in sent")], to: "Sent", for: user)
        try await fixture.append([TestMessage.plain(subject: "in drafts")], to: "Drafts", for: user)
        try await fixture.append([TestMessage.plain(subject: "in trash")], to: "Trash", for: user)
        try await fixture.append([TestMessage.plain(subject: "in projects")], to: "Projects/2026 Café", for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }

        let cases: [(Folder, String, String)] = [
            (.inbox, "in inbox", "INBOX"), (.sent, "in sent", "SENT"), (.drafts, "in drafts", "DRAFTS"),
            (.trash, "in trash", "TRASH"), (.named("Projects/2026 Café"), "in projects", "Projects/2026 Café"),
            (Folder(argument: "sent"), "in sent", "SENT"), (.named("Archive"), "", "Archive"),
        ]
        for (folder, subject, shown) in cases {
            let page = try await provider.list(ListRequest(folder: folder))
            #expect(page.messages.map(\.subject) == (subject.isEmpty ? [] : [subject]), "\(folder)")
            #expect(page.messages.allSatisfy { $0.folder == shown }, "\(folder)")
        }
    }

    @Test("a message that arrives between two calls on the same pooled connection is listed by the second")
    func freshness() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("fresh")
        try await fixture.append([TestMessage.plain(subject: "first")], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        #expect(try await provider.list(ListRequest()).total == 1)
        for round in 2...4 {
            try await fixture.append([TestMessage.plain(subject: "arrival \(round)")], for: user)
            let page = try await provider.list(ListRequest())
            #expect(page.total == round)
            #expect(page.messages.first?.subject == "arrival \(round)")
            #expect(try await provider.search(SearchRequest(query: "arrival", includeFolders: [.inbox])).total == round - 1)
        }
        #expect(await provider.poolStatistics().created == 1)
    }

    @Test("messages expunged by another client between two calls are gone from the next page; total and paging stay exact")
    func expungedElsewhere() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("expunged")
        let uids = try await fixture.append((1...6).map { TestMessage.plain(subject: "M\($0)") }, for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        #expect(try await provider.list(ListRequest(limit: 3)).messages.map(\.subject) == ["M6", "M5", "M4"])

        let other = try await fixture.connection(for: user)
        _ = try await other.select(.inbox)
        _ = try await other.uidStore(UIDSet([uids[5], uids[2]]), .add, flags: [.deleted], silent: true)
        try await other.uidExpunge(UIDSet([uids[5], uids[2]]))
        await other.logout()

        let first = try await provider.list(ListRequest(limit: 3))
        #expect(first.messages.map(\.subject) == ["M5", "M4", "M2"])
        #expect(first.total == 4)
        #expect(first.hasMore)
        let second = try await provider.list(ListRequest(limit: 3, offset: 3))
        #expect(second.messages.map(\.subject) == ["M1"])
        #expect(!second.hasMore)
        #expect(await provider.poolStatistics().created == 1, "the same pooled connection saw the expunges")
    }

    @Test("an unknown folder is folderNotFound")
    func unknownFolder() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let provider = try fixture.provider(for: fixture.newUser("nofolder"))
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: MailError.self) {
            _ = try await provider.list(ListRequest(folder: .named("No Such Folder")))
        }
        #expect(error?.code == .folderNotFound)
    }

    @Test("summaries: decoded names and subject, snippet, attachments flag, thread id, size, date")
    func summaryFields() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("summary")
        let root = "<root-\(UUID().uuidString)@example.org>"
        let plain = TestMessage.plain(
            subject: "=?UTF-8?B?w5xiZXIgZGVuIFLDvGNrZW4=?=", body: "First line\n\nsecond   line with   spaces",
            from: "=?ISO-8859-1?Q?J=F6rg_M=FCller?= <jorg@example.org>", to: "Bob <bob@example.net>, carol@example.net",
            cc: "Dave <dave@example.net>", messageID: root, date: "Mon, 02 Mar 2026 09:30:00 +0100")
        let reply = TestMessage.plain(subject: "Re: thread", body: "> quoted\nMy answer", messageID: "<reply-\(UUID().uuidString)@x>",
                                      extraHeaders: ["In-Reply-To: \(root)", "References: \(root)"])
        let mixed = TestMessage.raw(headers: [
            "From: a@example.org", "To: b@example.org", "Subject: with attachment", "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
        ], body: Array("""
        --outer\r
        Content-Type: multipart/alternative; boundary="inner"\r
        \r
        --inner\r
        Content-Type: text/plain; charset=iso-8859-1\r
        Content-Transfer-Encoding: quoted-printable\r
        \r
        Caf=E9 au lait, s'il vous pla=EEt.\r
        --inner\r
        Content-Type: text/html; charset=utf-8\r
        \r
        <p>Caf\u{e9} <b>au lait</b></p>\r
        --inner--\r
        --outer\r
        Content-Type: application/pdf; name="report.pdf"\r
        Content-Disposition: attachment; filename="report.pdf"\r
        Content-Transfer-Encoding: base64\r
        \r
        JVBERi0xLjQK\r
        --outer--\r

        """.utf8))
        let htmlOnly = TestMessage.raw(headers: [
            "From: h@example.org", "To: b@example.org", "Subject: html only", "MIME-Version: 1.0",
            "Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64",
        ], body: Array((Data("<html><body><h1>Hi</h1><script>x()</script><p>Visible &amp; clear</p></body></html>".utf8)
            .base64EncodedString(options: .lineLength76Characters) + "\r\n").utf8))
        try await fixture.append([plain, reply, mixed, htmlOnly], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }

        let page = try await provider.list(ListRequest())
        try #require(page.messages.count == 4)
        let (html, attached, answer, first) = (page.messages[0], page.messages[1], page.messages[2], page.messages[3])
        #expect(first.subject == "Über den Rücken")
        #expect(first.from == EmailAddress(name: "Jörg Müller", address: "jorg@example.org"))
        #expect(first.to == [EmailAddress(name: "Bob", address: "bob@example.net"), EmailAddress(address: "carol@example.net")])
        #expect(first.cc == [EmailAddress(name: "Dave", address: "dave@example.net")])
        #expect(first.snippet == "First line second line with spaces")
        #expect(first.size == plain.count)
        #expect(first.date != nil)
        #expect(!first.hasAttachments)
        #expect(first.threadID != nil)
        #expect(answer.threadID == first.threadID)
        #expect(answer.snippet == "My answer")
        #expect(attached.hasAttachments)
        #expect(attached.snippet == "Café au lait, s'il vous plaît.")
        #expect(attached.threadID != first.threadID)
        #expect(html.snippet.contains("Hi") && html.snippet.contains("Visible & clear"))
        #expect(!html.snippet.contains("x()"))
        #expect(page.messages.allSatisfy { $0.folder == "INBOX" && $0.unread })
    }
}
