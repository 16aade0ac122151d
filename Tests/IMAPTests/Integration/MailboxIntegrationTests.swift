import Foundation
import IMAP
import NIOCore
import TestSupport
import Testing

/// APPEND, SELECT, SEARCH (every criterion), FETCH and STORE against Dovecot, on a fresh user each.
@Suite("Dovecot: mailbox operations", .timeLimit(.minutes(2)))
struct MailboxIntegrationTests {
    /// Three messages appended to a fresh user's INBOX.
    struct Fixture {
        var connection: IMAPConnection
        var user: String
        var u1: UID, u2: UID, u3: UID
        var m1: ByteBuffer, m3: ByteBuffer
        var attachment: [UInt8]
    }

    /// Flags without the session-only `\Recent`.
    static func persistent(_ flags: [Flag]) -> Set<Flag> { Set(flags).subtracting([.recent]) }

    static func date(_ day: Int) -> InternalDate? {
        InternalDate(year: 2026, month: 3, day: day, hour: 12, minute: 0, second: 0, zoneMinutes: 0)
    }

    static func makeFixture(_ server: MailTestServer, literalPlus: Bool = true) async throws -> Fixture {
        let user = server.uniqueAddress("mbox")
        let connection = try await Dovecot.login(server, user: user, literalPlus: literalPlus)
        let m1 = Dovecot.message(cc: "Carol <carol@example.com>", subject: "Quarterly report", date: "Tue, 03 Mar 2026 12:00:00 +0000",
                                 extraHeaders: ["X-Project: apollo"], body: "Numbers attached\nkeyword-alpha")
        let m2 = Dovecot.message(from: "Dave <dave@example.org>", subject: "=?UTF-8?Q?Gr=C3=BC=C3=9Fe_aus_M=C3=BCnchen?=",
                                 date: "Thu, 05 Mar 2026 12:00:00 +0000", extraHeaders: ["Bcc: frank@example.net"],
                                 body: "Schöne Grüße\nkeyword-beta")
        let attachment = (0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let m3 = multipart(attachment: attachment)
        let u1 = try #require(try await connection.append(mailbox: .inbox, message: m1, flags: [.seen, .flagged], date: date(3)))
        let u2 = try #require(try await connection.append(mailbox: .inbox, message: m2, flags: [.answered], date: date(5)))
        let u3 = try #require(try await connection.append(mailbox: .inbox, message: m3, date: date(9)))
        return Fixture(connection: connection, user: user, u1: u1, u2: u2, u3: u3, m1: m1, m3: m3, attachment: attachment)
    }

    static func multipart(attachment: [UInt8]) -> ByteBuffer {
        let encoded = Data(attachment).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let text = """
        From: Alice Example <alice@example.org>\r
        To: Erin <erin@example.net>\r
        Subject: Invoice\r
        Date: Mon, 09 Mar 2026 12:00:00 +0000\r
        MIME-Version: 1.0\r
        Content-Type: multipart/mixed; boundary="b1"\r
        \r
        --b1\r
        Content-Type: text/plain; charset=us-ascii\r
        \r
        Please pay. keyword-gamma\r
        --b1\r
        Content-Type: application/pdf; name="invoice.pdf"\r
        Content-Disposition: attachment; filename="invoice.pdf"\r
        Content-Transfer-Encoding: base64\r
        \r
        \(encoded)\r
        --b1--\r

        """
        return ByteBuffer(string: text)
    }

    @Test("APPEND returns APPENDUID; SELECT reports UIDVALIDITY and EXISTS; STATUS agrees")
    func appendAndSelect() async throws {
        guard let server = try Dovecot.server() else { return }
        let fixture = try await Self.makeFixture(server)
        let connection = fixture.connection
        #expect(fixture.u1 < fixture.u2 && fixture.u2 < fixture.u3)
        let selected = try await connection.select(.inbox)
        #expect(selected.exists == 3)
        #expect(selected.uidValidity.rawValue != 0)
        #expect(selected.uidNext == UID(fixture.u3.rawValue + 1))
        #expect(selected.permanentFlags.contains(.seen))
        #expect(!selected.readOnly)
        let status = try await connection.status(.inbox)
        #expect(status.messages == 3)
        #expect(status.unseen == 2)
        #expect(status.uidValidity == selected.uidValidity)
        let examined = try await connection.select(.inbox, readOnly: true)
        #expect(examined.readOnly)
        await connection.logout()
    }

    @Test("APPEND with synchronizing literals (no LITERAL+) waits for continuations")
    func synchronizingLiterals() async throws {
        guard let server = try Dovecot.server() else { return }
        let fixture = try await Self.makeFixture(server, literalPlus: false)
        let selected = try await fixture.connection.select(.inbox)
        #expect(selected.exists == 3)
        let uids = try await fixture.connection.uidSearch(.subject("Grüße"))
        #expect(uids == [fixture.u2])
        await fixture.connection.logout()
    }

    @Test("UID SEARCH: every criterion, non-ASCII with CHARSET UTF-8, NOT/OR/AND groups")
    func search() async throws {
        guard let server = try Dovecot.server() else { return }
        let f = try await Self.makeFixture(server)
        let c = f.connection
        try await c.select(.inbox)
        let d5 = try #require(SearchDate(year: 2026, month: 3, day: 5))
        let cases: [(SearchKey, [UID])] = [
            (.all, [f.u1, f.u2, f.u3]), (.from("alice"), [f.u1, f.u3]), (.to("erin"), [f.u3]), (.cc("carol"), [f.u1]),
            (.bcc("frank"), [f.u2]), (.subject("report"), [f.u1]), (.subject("Grüße"), [f.u2]), (.subject("münchen"), [f.u2]),
            (.body("keyword-gamma"), [f.u3]), (.body("Schöne"), [f.u2]), (.text("keyword-alpha"), [f.u1]), (.text("apollo"), [f.u1]),
            (.since(d5), [f.u2, f.u3]), (.before(d5), [f.u1]), (.on(d5), [f.u2]),
            (.sentSince(d5), [f.u2, f.u3]), (.sentBefore(d5), [f.u1]), (.sentOn(d5), [f.u2]),
            (.seen, [f.u1]), (.unseen, [f.u2, f.u3]), (.flagged, [f.u1]), (.unflagged, [f.u2, f.u3]),
            (.answered, [f.u2]), (.unanswered, [f.u1, f.u3]), (.deleted, []), (.undeleted, [f.u1, f.u2, f.u3]),
            (.draft, []), (.larger(3000), [f.u3]), (.smaller(3000), [f.u1, f.u2]), (.header("X-Project", "apollo"), [f.u1]),
            (.uid(UIDSet(f.u2...f.u3)), [f.u2, f.u3]), (.not(.from("alice")), [f.u2]),
            (.or(.subject("report"), .subject("invoice")), [f.u1, f.u3]),
            (.or(.and([.from("alice"), .since(d5)]), .cc("carol")), [f.u1, f.u3]),
            (.and([.from("alice"), .not(.seen)]), [f.u3]), (.and([]), [f.u1, f.u2, f.u3]),
            (.subject("no such subject"), []),
        ]
        for (key, expected) in cases {
            let found = try await c.uidSearch(key)
            #expect(found == expected, "\(key)")
        }
        #expect(try await c.uidSearchCount(.unseen) == 2)
        await c.logout()
    }

    @Test("UID FETCH: ENVELOPE, BODYSTRUCTURE, INTERNALDATE, RFC822.SIZE, partial BODY.PEEK, HEADER.FIELDS, BINARY")
    func fetch() async throws {
        guard let server = try Dovecot.server() else { return }
        let f = try await Self.makeFixture(server)
        let c = f.connection
        try await c.select(.inbox)
        let fetched = try await c.uidFetch(UIDSet([f.u1, f.u3]), attributes: [
            .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure,
            .body(section: .text, peek: true, partial: 0...9),
            .body(section: SectionSpecifier(kind: .headerFields(["Subject", "From"])), peek: true),
        ])
        #expect(fetched.map(\.uid) == [f.u1, f.u3])
        let first = try #require(fetched.first)
        #expect(first.envelope?.subject == "Quarterly report")
        #expect(first.envelope?.from.mailboxes.first?.address == "alice@example.org")
        #expect(first.envelope?.from.mailboxes.first?.name == "Alice Example")
        #expect(first.envelope?.cc.mailboxes.map(\.address) == ["carol@example.com"])
        #expect(first.internalDate?.secondsSince1970 == Self.date(3)?.secondsSince1970)
        #expect(first.rfc822Size == UInt64(f.m1.readableBytes))
        #expect(first.section(.text)?.origin == 0)
        #expect(first.section(.text)?.data.map { String(buffer: $0) } == "Numbers at")
        let header = first.section(SectionSpecifier(kind: .headerFields(["SUBJECT", "FROM"])))?.data.map { String(buffer: $0) }
        #expect(header?.contains("Subject: Quarterly report") == true)
        #expect(first.flags.map(Self.persistent) == [.seen, .flagged])

        let third = try #require(fetched.last)
        guard case .multipart(let mixed)? = third.bodyStructure else { Issue.record("not multipart"); return }
        let leaves = BodyStructure.multipart(mixed).leafParts
        #expect(leaves.map(\.part.mimeType) == ["text/plain", "application/pdf"])
        #expect(leaves.last?.part.extension.disposition?.kind == "attachment")
        #expect(leaves.last?.part.extension.disposition?.parameters == [.init(name: "filename", value: "invoice.pdf")])

        let binary = try await c.uidFetch([f.u3], attributes: [.binary(part: [2], peek: true), .binarySize(part: [2])])
        #expect(binary.first?.section(SectionSpecifier(part: [2]), binary: true)?.data.map { Array(buffer: $0) } == f.attachment)
        #expect(binary.first?.binarySizes[[2]] == UInt64(f.attachment.count))
        await c.logout()
    }

    @Test("BODY.PEEK leaves \\Seen alone; UID STORE adds and removes flags and keywords")
    func storeFlags() async throws {
        guard let server = try Dovecot.server() else { return }
        let f = try await Self.makeFixture(server)
        let c = f.connection
        try await c.select(.inbox)
        _ = try await c.uidFetch([f.u2], attributes: [.body(section: .complete, peek: true)])
        #expect(try await c.uidFetch([f.u2], attributes: [.flags]).first?.flags.map(Self.persistent) == [.answered])
        try await c.uidStore([f.u2], .add, flags: [.seen, "$Work"])
        #expect(try await c.uidFetch([f.u2], attributes: [.flags]).first?.flags.map(Self.persistent) == [.answered, .seen, "$Work"])
        #expect(try await c.uidSearch(.keyword("$Work")) == [f.u2])
        let echoed = try await c.uidStore([f.u2], .remove, flags: [.seen], silent: false)
        #expect(echoed.first?.flags.map(Self.persistent) == [.answered, "$Work"])
        try await c.uidStore([f.u3], .add, flags: [.deleted])
        #expect(try await c.uidSearch(.deleted) == [f.u3])
        await c.logout()
    }

    @Test("selectIfNeeded skips SELECT; EXISTS from another session arrives with NOOP; MOVE and COPY")
    func selectionTracking() async throws {
        guard let server = try Dovecot.server() else { return }
        let f = try await Self.makeFixture(server)
        let c = f.connection
        let first = try await c.selectIfNeeded("INBOX")
        let sent = await c.commandsSent
        let second = try await c.selectIfNeeded("INBOX")
        #expect(await c.commandsSent == sent, "no second SELECT")
        #expect(first.uidValidity == second.uidValidity)

        let other = try await Dovecot.login(server, user: f.user)
        try await other.append(mailbox: .inbox, message: Dovecot.message(subject: "late", body: "x"))
        await other.logout()
        try await c.noop()
        #expect(await c.selectedMailbox?.exists == 4)

        let copied = try await c.uidCopy([f.u1], to: MailboxName("Archive"))
        #expect(copied?.0 == [f.u1])
        try await c.uidMove([f.u2], to: MailboxName("Trash"))
        #expect(await c.selectedMailbox?.exists == 3)
        #expect(try await c.uidSearch(.all).contains(f.u2) == false)
        let trash = try await c.selectIfNeeded("Trash", readOnly: true)
        #expect(trash.exists == 1)
        await c.logout()
    }
}
