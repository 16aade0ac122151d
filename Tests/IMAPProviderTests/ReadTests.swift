import Foundation
import IMAP
@testable import IMAPProvider
import MailCore
import Testing

@Suite("IMAP provider: read_email against Dovecot", .timeLimit(.minutes(2)))
struct ReadTests {
    static let attachmentBytes: [UInt8] = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    static var mixedMessage: [UInt8] {
        let encoded = Data(attachmentBytes).base64EncodedString(options: .lineLength76Characters)
        return TestMessage.raw(headers: [
            "From: Alice <alice@example.org>", "To: bob@example.org", "Subject: report", "MIME-Version: 1.0",
            "Message-ID: <mixed-1@example.org>", "Content-Type: multipart/mixed; boundary=\"b1\"",
        ], body: Array("""
        --b1\r
        Content-Type: multipart/alternative; boundary="b2"\r
        \r
        --b2\r
        Content-Type: text/plain; charset=utf-8\r
        \r
        Plain body here.\r
        --b2\r
        Content-Type: text/html; charset=utf-8\r
        \r
        <p onclick="evil()">HTML <b>body</b><script>alert(1)</script></p>\r
        --b2--\r
        --b1\r
        Content-Type: application/octet-stream; name="data.bin"\r
        Content-Disposition: attachment; filename="data.bin"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(encoded)\r
        --b1\r
        Content-Type: image/png\r
        Content-ID: <logo@x>\r
        Content-Disposition: inline\r
        Content-Transfer-Encoding: base64\r
        \r
        iVBORw0KGgo=\r
        --b1--\r

        """.utf8))
    }

    @Test("text, sanitized HTML, attachment metadata always and data byte for byte when asked")
    func fullMessage() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("read")
        try await fixture.append([Self.mixedMessage], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        let id = try #require(try await provider.list(ListRequest()).messages.first?.messageID)

        let bare = try await provider.read(messageID: id, options: ReadOptions())
        #expect(bare.textBody == "Plain body here.")
        #expect(bare.htmlBody == nil)
        #expect(bare.internetMessageID == "<mixed-1@example.org>")
        #expect(bare.summary.messageID == id)
        #expect(bare.summary.subject == "report")
        #expect(bare.summary.hasAttachments)
        #expect(bare.summary.folder == "INBOX")
        let file = try #require(bare.attachments.first { $0.filename == "data.bin" })
        #expect(file.mimeType == "application/octet-stream")
        #expect(file.size == Self.attachmentBytes.count)
        #expect(file.data == nil)
        #expect(!file.inline)
        let logo = try #require(bare.attachments.first { $0.contentID == "logo@x" })
        #expect(logo.inline)

        let full = try await provider.read(messageID: id, options: ReadOptions(includeHTML: true, includeAttachments: true))
        let html = try #require(full.htmlBody)
        #expect(html.contains("HTML"))
        #expect(!html.contains("script") && !html.contains("onclick") && !html.contains("alert"))
        #expect(full.attachments.first { $0.filename == "data.bin" }?.data == Self.attachmentBytes)
    }

    @Test("a message with only HTML gets text derived from the HTML")
    func htmlOnly() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("htmlonly")
        try await fixture.append([TestMessage.raw(headers: [
            "From: a@example.org", "Subject: html", "MIME-Version: 1.0", "Content-Type: text/html; charset=utf-8",
        ], body: Array("<html><body><h1>Title</h1><p>First paragraph.</p><ul><li>one</li></ul></body></html>\r\n".utf8))],
            for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        let id = try #require(try await provider.list(ListRequest()).messages.first?.messageID)
        let message = try await provider.read(messageID: id, options: ReadOptions())
        #expect(message.textBody.contains("Title"))
        #expect(message.textBody.contains("First paragraph."))
        #expect(!message.textBody.contains("<"))
    }

    @Test("non-UTF-8 messages are decoded", arguments: [
        ("iso-8859-1", [99, 97, 102, 233, 32, 100, 233, 106, 224] as [UInt8], "café déjà"),
        ("koi8-r", [240, 210, 201, 215, 197, 212], "Привет"),
        ("shift_jis", [147, 250, 150, 123, 140, 234], "日本語"),
        ("iso-2022-jp", [27, 36, 66, 70, 124, 75, 92, 56, 108, 36, 71, 36, 57, 27, 40, 66], "日本語です"),
    ])
    func charsets(charset: String, body: [UInt8], expected: String) async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("charset")
        try await fixture.append([TestMessage.raw(headers: [
            "From: a@example.org", "Subject: charset \(charset)", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=\(charset)", "Content-Transfer-Encoding: 8bit",
        ], body: body + [13, 10])], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        let summary = try #require(try await provider.list(ListRequest()).messages.first)
        #expect(summary.snippet == expected)
        let message = try await provider.read(messageID: summary.messageID, options: ReadOptions())
        #expect(message.textBody == expected)
    }

    @Test("a plain read changes no flag; mark_as_read sets \\Seen")
    func flags() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("flags")
        let uids = try await fixture.append([TestMessage.plain(subject: "one"), TestMessage.plain(subject: "two")], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        let page = try await provider.list(ListRequest())
        let before = try await fixture.flags(for: user)
        #expect(before.values.allSatisfy { !$0.contains(.seen) })

        for summary in page.messages {
            let message = try await provider.read(messageID: summary.messageID, options: ReadOptions(includeHTML: true, includeAttachments: true))
            #expect(message.summary.unread)
        }
        let after = try await fixture.flags(for: user)
        #expect(after == before)

        let marked = try await provider.read(messageID: page.messages[0].messageID, options: ReadOptions(markAsRead: true))
        #expect(!marked.summary.unread)
        let final = try await fixture.flags(for: user)
        #expect(final[uids[1]]?.contains(.seen) == true)
        #expect(final[uids[0]]?.contains(.seen) == false)
        #expect(try await provider.list(ListRequest(unreadOnly: true)).messages.map(\.subject) == ["one"])
    }

    @Test("a message delivered after the mailbox was selected can be read by its id at once")
    func readNewArrival() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("newarrival")
        try await fixture.append([TestMessage.plain(subject: "old")], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        let known = try #require(MessageLocator(id: try await provider.list(ListRequest()).messages[0].messageID))
        let uid = try #require(try await fixture.append([TestMessage.plain(subject: "new")], for: user).first)
        let id = MessageLocator(mailbox: .inbox, uidValidity: known.uidValidity, uid: uid).id
        #expect(try await provider.read(messageID: id, options: ReadOptions()).summary.subject == "new")
    }

    @Test("stale UIDVALIDITY, vanished UID, unknown mailbox and malformed ids are messageNotFound")
    func notFound() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("notfound")
        let uids = try await fixture.append([TestMessage.plain(subject: "gone"), TestMessage.plain(subject: "kept")], for: user)
        let provider = try fixture.provider(for: user)
        defer { Task { await provider.shutdown() } }
        let page = try await provider.list(ListRequest())
        let kept = try #require(MessageLocator(id: page.messages[0].messageID))
        let gone = try #require(MessageLocator(id: page.messages[1].messageID))
        #expect(gone.uid == uids[0])

        let connection = try await fixture.connection(for: user)
        try await connection.select(.inbox)
        try await connection.uidStore([uids[0]], .add, flags: [.deleted])
        try await connection.uidExpunge([uids[0]])
        await connection.logout()

        var stale = kept
        stale.uidValidity = UIDValidity(kept.uidValidity.rawValue &+ 1)
        var otherBox = kept
        otherBox.mailbox = MailboxName(wireName: "Nope")
        let ids = [gone.id, stale.id, otherBox.id, "", "i1.", "i1.!!!", "x" + kept.id.dropFirst(), "i1.AAAA", String(repeating: "a", count: 5000)]
        for id in ids {
            let error = await #expect(throws: MailError.self, "\(id.prefix(40))") {
                _ = try await provider.read(messageID: id, options: ReadOptions())
            }
            #expect(error?.code == .messageNotFound)
        }
        #expect(try await provider.read(messageID: kept.id, options: ReadOptions()).summary.subject == "kept")
    }
}
