import Foundation
import IMAP
import IMAPProvider
import MailCore
import TestSupport
import Testing

@Suite("IMAP provider: search_emails against Dovecot", .timeLimit(.minutes(3)))
struct SearchTests {
    static func day(_ d: Int, _ m: Int, _ y: Int = 2026) -> InternalDate? {
        InternalDate(year: y, month: m, day: d, hour: 12, minute: 0, second: 0, zoneMinutes: 0)
    }

    /// A user with five messages: four in INBOX, one in Sent; returns the provider.
    static func seeded(_ fixture: MailFixture) async throws -> IMAPMailProvider {
        let user = fixture.newUser("search")
        try await fixture.append([TestMessage.plain(
            subject: "Quarterly report", body: "The invoice is attached below.", from: "Alice <alice@example.org>",
            to: "Bob <bob@example.net>", cc: "carol@example.net", extraHeaders: ["List-Id: <dev.example.org>"])],
            for: user, flags: [.seen], date: day(10, 1))
        try await fixture.append([TestMessage.plain(
            subject: "Lunch plans", body: "Pizza on Friday?", from: "dave@example.org", to: "erin@example.net",
            extraHeaders: ["Bcc: frank@example.net"])], for: user, flags: [.flagged, .answered], date: day(20, 2))
        let photo = Data((0..<30_000).map { UInt8(truncatingIfNeeded: $0) }).base64EncodedString(options: .lineLength76Characters)
        try await fixture.append([TestMessage.raw(headers: [
            "From: Alice <alice@example.org>", "To: bob@example.net", "Subject: Photos =?UTF-8?Q?Caf=C3=A9?=",
            "Date: Thu, 05 Mar 2026 12:00:00 +0000",
            "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"zz\"",
        ], body: Array("--zz\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nVoilà les photos de l'été.\r\n--zz\r\nContent-Type: image/jpeg; name=\"a.jpg\"\r\nContent-Disposition: attachment; filename=\"a.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n\(photo)\r\n--zz--\r\n".utf8))],
            for: user, date: day(5, 3))
        try await fixture.append([TestMessage.plain(subject: "日本語の件名", body: "こんにちは世界", from: "grace@example.org",
                                                    to: "henry@example.net")],
                                 for: user, date: day(1, 3))
        try await fixture.append([TestMessage.plain(subject: "Sent item about report", body: "Here is the report.",
                                                    from: user, to: "alice@example.org")],
                                 to: "Sent", for: user, flags: [.seen], date: day(1, 2))
        return try fixture.provider(for: user)
    }

    static let report = "Quarterly report", lunch = "Lunch plans", photos = "Photos Café", japanese = "日本語の件名"
    static let sent = "Sent item about report"

    @Test("every criterion, in IMAP and Gmail syntax")
    func criteria() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let provider = try await Self.seeded(fixture)
        defer { Task { await provider.shutdown() } }
        let everything: Set = [Self.report, Self.lunch, Self.photos, Self.japanese, Self.sent]
        let cases: [(String, Set<String>)] = [
            ("FROM alice", [Self.report, Self.photos]), ("from:alice@example.org", [Self.report, Self.photos]),
            ("TO bob", [Self.report, Self.photos]), ("to:erin", [Self.lunch]),
            ("CC carol", [Self.report]), ("cc:carol@example.net", [Self.report]),
            ("BCC frank", [Self.lunch]), ("bcc:frank", [Self.lunch]),
            ("SUBJECT report", [Self.report, Self.sent]), ("subject:\"quarterly report\"", [Self.report]),
            ("BODY pizza", [Self.lunch]), ("TEXT invoice", [Self.report]), ("invoice", [Self.report]),
            ("\"invoice is attached\"", [Self.report]),
            ("SINCE 1-Mar-2026", [Self.photos, Self.japanese]), ("after:2026/03/01", [Self.photos, Self.japanese]),
            ("BEFORE 1-Feb-2026", [Self.report]), ("before:2026/02/01", [Self.report]),
            ("ON 20-Feb-2026", [Self.lunch]),
            ("SENTSINCE 1-Jan-2020", everything),
            ("SEEN", [Self.report, Self.sent]), ("is:read", [Self.report, Self.sent]),
            ("UNSEEN", [Self.lunch, Self.photos, Self.japanese]), ("is:unread", [Self.lunch, Self.photos, Self.japanese]),
            ("FLAGGED", [Self.lunch]), ("is:starred", [Self.lunch]),
            ("UNFLAGGED", everything.subtracting([Self.lunch])), ("ANSWERED", [Self.lunch]), ("is:answered", [Self.lunch]),
            ("LARGER 20000", [Self.photos]), ("larger:20K", [Self.photos]),
            ("SMALLER 20000", everything.subtracting([Self.photos])), ("smaller:20K", everything.subtracting([Self.photos])),
            ("HEADER List-Id dev.example.org", [Self.report]),
            ("NOT FROM alice", [Self.lunch, Self.japanese, Self.sent]), ("-from:alice", [Self.lunch, Self.japanese, Self.sent]),
            ("OR FROM dave FROM grace", [Self.lunch, Self.japanese]), ("from:dave OR from:grace", [Self.lunch, Self.japanese]),
            ("(FROM alice) SUBJECT photos", [Self.photos]), ("FROM alice -has:attachment", [Self.report]),
            ("has:attachment", [Self.photos]),
            ("SUBJECT 日本語", [Self.japanese]), ("こんにちは", [Self.japanese]), ("BODY été", [Self.photos]),
            ("subject:café", [Self.photos]),
            ("newer_than:5y", everything), ("older_than:1d", everything), ("ALL", everything),
            ("SUBJECT nothing-matches-this", []),
        ]
        for (query, expected) in cases {
            let page = try await provider.search(SearchRequest(query: query, limit: 100))
            #expect(Set(page.messages.map(\.subject)) == expected, "\(query)")
            #expect(page.total == expected.count, "\(query)")
        }
    }

    @Test("newest first across folders by arrival, paged, total is the sum; include_folders restricts")
    func foldersAndPaging() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let provider = try await Self.seeded(fixture)
        defer { Task { await provider.shutdown() } }
        let report = try await provider.search(SearchRequest(query: "report"))
        #expect(report.messages.map(\.subject) == [Self.sent, Self.report])
        #expect(report.messages.map(\.folder) == ["SENT", "INBOX"])
        let order = [Self.photos, Self.japanese, Self.lunch, Self.sent, Self.report]
        var seen: [String] = []
        for offset in stride(from: 0, to: 6, by: 2) {
            let page = try await provider.search(SearchRequest(query: "ALL", limit: 2, offset: offset))
            #expect(page.total == 5)
            #expect(page.hasMore == (offset + 2 < 5))
            seen += page.messages.map(\.subject)
        }
        #expect(seen == order)
        let sentOnly = try await provider.search(SearchRequest(query: "report", includeFolders: [.sent]))
        #expect(sentOnly.messages.map(\.subject) == [Self.sent])
        let inboxOnly = try await provider.search(SearchRequest(query: "report", includeFolders: [.inbox, .named("INBOX")]))
        #expect(inboxOnly.messages.map(\.subject) == [Self.report])
        let unknown = await #expect(throws: MailError.self) {
            _ = try await provider.search(SearchRequest(query: "report", includeFolders: [.named("Nope")]))
        }
        #expect(unknown?.code == .folderNotFound)
        let readBack = try await provider.read(messageID: report.messages[0].messageID, options: ReadOptions())
        #expect(readBack.summary.subject == Self.sent)
    }

    @Test("invalid queries and injection attempts are invalidQuery", arguments: [
        "", "FROM", "(FROM alice", "SINCE someday", "FROM \"x\r\nA1 LOGOUT\"", "FROM x\r\nA1 LOGOUT", "is:important",
    ])
    func invalid(query: String) async throws {
        guard let fixture = try MailFixture.make() else { return }
        let provider = try fixture.provider(for: fixture.newUser("badquery"))
        defer { Task { await provider.shutdown() } }
        let error = await #expect(throws: MailError.self) { _ = try await provider.search(SearchRequest(query: query)) }
        #expect(error?.code == .invalidQuery)
        #expect(error?.detail?.contains("position") == true)
        let stats = await provider.poolStatistics()
        #expect(stats.created == 0, "a refused query never reaches the server")
    }

    @Test("a search that takes too long is searchTimeout")
    func timeout() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let proxy = try await FaultProxy.start(targetHost: fixture.server.host, targetPort: fixture.server.imapPort)
        let user = fixture.newUser("slow")
        var settings = try fixture.settings(for: user)
        settings.imapHost = "127.0.0.1"
        settings.imapPort = proxy.port
        settings.imapSecurity = .none
        let provider = try fixture.provider(for: user, settings: settings, searchDeadline: .milliseconds(500))
        _ = try await provider.list(ListRequest())
        await proxy.setFault(.stall)
        let started = ContinuousClock.now
        let error = await #expect(throws: MailError.self) { _ = try await provider.search(SearchRequest(query: "hello")) }
        #expect(error?.code == .searchTimeout)
        #expect(ContinuousClock.now - started < .seconds(10))
        await proxy.setFault(.none)
        #expect(try await provider.list(ListRequest()).total == 0, "the provider works again after the stall")
        await provider.shutdown()
        try await proxy.shutdown()
    }
}
