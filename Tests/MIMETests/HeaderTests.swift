import Foundation
import Testing
@testable import MIME

@Suite struct RFC5322DateTests {
    @Test(arguments: [
        ("Tue, 1 Jul 2003 10:52:37 +0200", 1_057_049_557.0),
        ("1 Jul 2003 10:52:37 +0200", 1_057_049_557.0),
        ("Tue,  1 Jul 2003 10:52 +0200", 1_057_049_520.0),
        ("Tue, 01 Jul 03 08:52:37 GMT", 1_057_049_557.0),
        ("Tue, 1 Jul 2003 04:52:37 EDT", 1_057_049_557.0),
        ("Tue, 1 Jul 2003 08:52:37 +0000 (UTC)", 1_057_049_557.0),
        ("Tue, 1 Jul 2003 08:52:37", 1_057_049_557.0),
        ("2003-07-01T08:52:37Z", 1_057_049_557.0),
        ("Thu, 29 Feb 2024 23:59:60 -0000", 1_709_251_200.0),
        ("Fri, 21 Nov 1997 09:55:06 -0600", 880_127_706.0),
    ])
    func parses(value: String, seconds: Double) {
        #expect(RFC5322Date.parse(value)?.timeIntervalSince1970 == seconds)
    }

    @Test(arguments: ["", "garbage", "Tue, 99 Jul 2003 10:52:37 +0200", "1 Foo 2003 10:00", "Tue, 1 Jul 2003 25:61:00 +0000"])
    func rejects(value: String) {
        #expect(RFC5322Date.parse(value) == nil)
    }

    @Test func formatsAndRoundTrips() {
        let date = Date(timeIntervalSince1970: 1_057_049_557)
        #expect(RFC5322Date.format(date) == "Tue, 01 Jul 2003 08:52:37 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        for seconds in stride(from: -86_400.0 * 400, to: 86_400.0 * 30_000, by: 86_400.0 * 97 + 3_661) {
            let value = Date(timeIntervalSince1970: seconds)
            #expect(RFC5322Date.parse(RFC5322Date.format(value)) == value)
        }
    }
}

@Suite struct MessageIDListTests {
    @Test(arguments: [
        ("<a@x>", ["<a@x>"]),
        ("<a@x> <b@y>\r\n <c@z>", ["<a@x>", "<b@y>", "<c@z>"]),
        ("<a@x>,<b@y>", ["<a@x>", "<b@y>"]),
        ("bare@example.com", ["<bare@example.com>"]),
        ("<a@x> (Alice's message of Monday)", ["<a@x>"]),
        ("\"phrase\" <a@x>", ["<a@x>"]),
        ("<spaced @ x>", ["<spaced@x>"]),
        ("garbage words", []),
        ("<>", []),
    ])
    func parses(value: String, expected: [String]) {
        #expect(MessageIDList.parse(value) == expected)
    }
}

@Suite struct ContentTypeTests {
    @Test func parsesParameters() {
        let type = ContentType(headerValue: "Text/HTML; Charset=\"ISO-8859-1\"; format=flowed; name=\"a \\\"b\\\".txt\"")
        #expect(type.mimeType == "text/html")
        #expect(type.charset == "ISO-8859-1")
        #expect(type.isFlowed)
        #expect(type.name == "a \"b\".txt")
    }

    @Test(arguments: [
        ("application/x; name*=UTF-8''%E2%82%AC%20rates.pdf", "€ rates.pdf"),
        ("application/x; name*=iso-8859-1'de'Gr%FC%DFe.txt", "Grüße.txt"),
        ("application/x; name*0*=UTF-8''%C3; name*1*=%A9t%C3%A9.txt", "été.txt"),
        ("application/x; name*1=\"second\"; name*0=\"first-\"", "first-second"),
        ("application/x; name=\"plain\"; name*=UTF-8''ext%C3%A9nded", "exténded"),
        ("application/x; name=unquoted value with spaces.txt", "unquoted value with spaces.txt"),
        ("application/x; name=\"=?UTF-8?B?5pel5pys6KqeLnR4dA==?=\"", "日本語.txt"),
        ("application/x; name=\"unterminated", "unterminated"),
        ("application/x; name=\"raw utf-8 é.txt\"", "raw utf-8 é.txt"),
        ("application/x; name*0*=''%41; name*1*=%42", "AB"),
    ])
    func decodesNames(value: String, expected: String) {
        #expect(ContentType(headerValue: value).name == expected)
    }

    @Test func fallsBack() {
        #expect(ContentType(headerValue: nil) == .textPlain)
        #expect(ContentType(headerValue: "garbage").mimeType == "text/plain")
        #expect(ContentType(headerValue: "/; charset=koi8-r").charset == "koi8-r")
        #expect(ContentType(headerValue: "message/rfc822").isEmbeddedMessage)
    }

    @Test func disposition() {
        let disposition = ContentDisposition(headerValue: "ATTACHMENT; filename*=UTF-8''%E2%82%AC.pdf; size=10")
        #expect(disposition.isAttachment)
        #expect(disposition.filename == "€.pdf")
    }
}

@Suite struct FramingTests {
    @Test(arguments: lineEndingStyles)
    func headerSplitAndUnfolding(crlf: Bool) {
        let raw = messageBytes("Subject: one\n two\n\tthree\nX-Empty:\nX-Spaced :  v  \n\nbody", crlf: crlf)
        let (header, body) = HeaderParser.split(raw[...])
        let fields = HeaderParser.parse(header, limits: .default)
        #expect(fields["Subject"] == "one two\tthree")
        #expect(fields["X-Empty"] == "")
        #expect(fields["x-spaced"] == "v")
        #expect(String(decoding: body, as: UTF8.self) == "body")
    }

    @Test func headerLimits() {
        let raw = Array((String(repeating: "A: b\r\n", count: 50) + "\r\n").utf8)
        let limits = MIMELimits(maximumHeaderCount: 10, maximumHeaderBytes: 100)
        #expect(HeaderParser.parse(raw[...], limits: MIMELimits(maximumHeaderCount: 10)).count == 10)
        #expect(HeaderParser.parse(raw[...], limits: limits).count <= 10)
    }

    @Test(arguments: lineEndingStyles)
    func multipartDelimiters(crlf: Bool) {
        let body = messageBytes("preamble\n--b\npart one\n--b \t\n\npart two\n--bb\nnot a delimiter\n--b--\nepilogue", crlf: crlf)
        let result = MultipartFramer.split(body[...], boundary: "b", maximumParts: 10)
        #expect(result.closed)
        let parts = result.parts.map { String(decoding: $0, as: UTF8.self) }
        let nl = crlf ? "\r\n" : "\n"
        #expect(parts == ["part one", "\(nl)part two\(nl)--bb\(nl)not a delimiter"])
    }

    @Test func emptyPartsAndLimits() {
        let body = Array("--b\r\n--b\r\n--b\r\n--b--".utf8)
        #expect(MultipartFramer.split(body[...], boundary: "b", maximumParts: 10).parts.map(\.count) == [0, 0, 0])
        #expect(MultipartFramer.split(body[...], boundary: "b", maximumParts: 2).parts.count == 2)
        #expect(MultipartFramer.guessBoundary(Array("junk\n--guess-me\nx".utf8)[...]) == "guess-me")
    }
}
