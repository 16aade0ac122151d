import Foundation
import MailCore
import Testing
@testable import MIME

@Suite struct ParsedMessageTests {
    static let multipart = """
        From: "Alice Example" <alice@example.com>
        To: Bob <bob@example.org>, carol@example.net
        Cc: =?UTF-8?Q?J=C3=B6rg?= <joerg@example.de>
        Subject: =?UTF-8?Q?Quarterly_r=C3=A9port?=
        Date: Tue, 1 Jul 2003 10:52:37 +0200
        Message-ID: <m1@example.com>
        In-Reply-To: <m0@example.com>
        References: <r1@example.com> <m0@example.com>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        preamble
        --outer
        Content-Type: multipart/alternative; boundary=inner

        --inner
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Gr=FC=DFe, Bob!
        --inner
        Content-Type: text/html; charset=utf-8

        <p>Grüße, <b>Bob</b>!</p>
        --inner--
        --outer
        Content-Type: application/pdf; name="report.pdf"
        Content-Disposition: attachment; filename="report.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer--
        epilogue
        """

    @Test(arguments: lineEndingStyles)
    func parsesMultipart(crlf: Bool) {
        let message = ParsedMessage.parse(messageBytes(Self.multipart, crlf: crlf))
        #expect(message.from == EmailAddress(name: "Alice Example", address: "alice@example.com"))
        #expect(message.to.map(\.address) == ["bob@example.org", "carol@example.net"])
        #expect(message.cc == [EmailAddress(name: "Jörg", address: "joerg@example.de")])
        #expect(message.subject == "Quarterly réport")
        #expect(message.date == Date(timeIntervalSince1970: 1_057_049_557))
        #expect(message.messageID == "<m1@example.com>")
        #expect(message.inReplyTo == ["<m0@example.com>"])
        #expect(message.references == ["<r1@example.com>", "<m0@example.com>"])
        #expect(message.textBody == "Grüße, Bob!")
        #expect(message.htmlBody == "<p>Grüße, <b>Bob</b>!</p>")
        #expect(message.attachments.count == 1)
        let pdf = message.attachments.first
        #expect(pdf?.filename == "report.pdf")
        #expect(pdf?.mimeType == "application/pdf")
        #expect(pdf?.data == Array("%PDF-1.4\n".utf8))
        #expect(pdf?.size == 9)
        #expect(pdf?.partPath == "2")
        #expect(pdf?.inline == false)
        #expect(message.root.children.first?.children.map(\.partPath) == ["1.1", "1.2"])
    }

    @Test func htmlOnlyGivesDerivedText() {
        let raw = """
            Subject: html only
            Content-Type: text/html; charset=utf-8

            <html><head><style>p{}</style></head><body><p>Hello <a href="https://x.test/a">there</a></p><ul><li>one</li><li>two</li></ul></body></html>
            """
        let message = ParsedMessage.parse(messageBytes(raw))
        #expect(message.textBody == "Hello there (https://x.test/a)\n\n- one\n- two")
        #expect(message.htmlBody?.contains("<style>") == true)
    }

    @Test func singlePartNumbering() {
        let message = ParsedMessage.parse(messageBytes("Subject: x\n\nbody\n"))
        #expect(message.root.partPath == "1")
        #expect(message.textBody == "body")
    }

    @Test func toMailCoreMessageSanitizesHTML() {
        let raw = """
            From: a@x.test
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain

            text
            --b
            Content-Type: text/html

            <p onclick="evil()">hi<script>evil()</script></p>
            --b--
            """
        let parsed = ParsedMessage.parse(messageBytes(raw))
        let summary = parsed.makeSummary(messageID: "id1")
        let message = parsed.toMailCoreMessage(summary: summary, includeHTML: true, includeAttachmentData: false)
        #expect(message.htmlBody == "<p>hi</p>")
        #expect(message.textBody == "text")
        #expect(summary.snippet == "text")
        let withoutHTML = parsed.toMailCoreMessage(summary: summary, includeHTML: false, includeAttachmentData: false)
        #expect(withoutHTML.htmlBody == nil)
    }
}
