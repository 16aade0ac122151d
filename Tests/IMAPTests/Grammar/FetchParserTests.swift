import IMAP
import NIOCore
import Testing

@Suite("Response parser: FETCH, ENVELOPE, BODYSTRUCTURE")
struct FetchParserTests {
    @Test("simple FETCH items")
    func simpleItems() {
        let input = "* 12 FETCH (UID 4827 FLAGS (\\Seen $Forwarded) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 44827 MODSEQ (12121231000))\r\n"
        guard let fetch = ParseFixture.fetch(input) else { return }
        #expect(fetch.sequenceNumber == 12)
        #expect(fetch.uid == UID(4827))
        #expect(fetch.flags == [.seen, "$forwarded"])
        #expect(fetch.internalDate == InternalDate(year: 1996, month: 7, day: 17, hour: 2, minute: 44, second: 25, zoneMinutes: -420))
        #expect(fetch.internalDate?.secondsSince1970 == 837_596_665)
        #expect(fetch.rfc822Size == 44827)
        #expect(fetch.modSeq == 12121231000)
    }

    @Test("INTERNALDATE with space-padded day")
    func paddedDay() {
        let fetch = ParseFixture.fetch("* 1 FETCH (INTERNALDATE \" 7-Feb-2026 09:05:00 +0100\")\r\n")
        #expect(fetch?.internalDate == InternalDate(year: 2026, month: 2, day: 7, hour: 9, minute: 5, second: 0, zoneMinutes: 60))
    }

    static let sectionFixtures: [ParseFixture] = {
        func fetch(_ seq: UInt32, _ sections: [FetchedSection], uid: UInt32? = nil) -> Response {
            var response = FetchResponse(sequenceNumber: seq)
            response.uid = uid.map(UID.init(rawValue:))
            response.sections = sections
            return .untagged(.fetch(response))
        }
        return [
            ParseFixture("BODY[] literal", "* 1 FETCH (UID 7 BODY[] {11}\r\nHello\r\nBye!)\r\n",
                         fetch(1, [FetchedSection(section: .complete, data: ByteBuffer(string: "Hello\r\nBye!"))], uid: 7)),
            ParseFixture("BODY[TEXT]<0> partial", "* 2 FETCH (BODY[TEXT]<0> \"Hi there\")\r\n",
                         fetch(2, [FetchedSection(section: .text, origin: 0, data: ByteBuffer(string: "Hi there"))])),
            ParseFixture("BODY[1.2.MIME]", "* 3 FETCH (BODY[1.2.MIME] {2}\r\nab)\r\n",
                         fetch(3, [FetchedSection(section: SectionSpecifier(part: [1, 2], kind: .mime), data: ByteBuffer(string: "ab"))])),
            ParseFixture("BODY[HEADER.FIELDS (...)]", "* 4 FETCH (BODY[HEADER.FIELDS (From Subject)] {20}\r\nSubject: hi\r\nFrom: a)\r\n",
                         fetch(4, [FetchedSection(section: SectionSpecifier(kind: .headerFields(["FROM", "SUBJECT"])),
                                                  data: ByteBuffer(string: "Subject: hi\r\nFrom: a"))])),
            ParseFixture("BODY[HEADER.FIELDS.NOT (...)]", "* 5 FETCH (BODY[HEADER.FIELDS.NOT (\"Received\")] NIL)\r\n",
                         fetch(5, [FetchedSection(section: SectionSpecifier(kind: .headerFieldsNot(["RECEIVED"])), data: nil)])),
            ParseFixture("BODY[2] NIL", "* 6 FETCH (BODY[2] NIL)\r\n",
                         fetch(6, [FetchedSection(section: SectionSpecifier(part: [2]), data: nil)])),
            ParseFixture("BINARY[1] literal8", "* 7 FETCH (BINARY[1] ~{3}\r\n\u{0}\u{1}\u{2})\r\n",
                         fetch(7, [FetchedSection(section: SectionSpecifier(part: [1]), isBinary: true, data: ByteBuffer(bytes: [0, 1, 2]))])),
            ParseFixture("RFC822.HEADER", "* 8 FETCH (RFC822.HEADER {4}\r\nA: b)\r\n",
                         fetch(8, [FetchedSection(section: .header, data: ByteBuffer(string: "A: b"))])),
            ParseFixture("two literals in one response", "* 9 FETCH (BODY[HEADER] {3}\r\nabc BODY[TEXT] {3}\r\ndef)\r\n",
                         fetch(9, [FetchedSection(section: .header, data: ByteBuffer(string: "abc")),
                                   FetchedSection(section: .text, data: ByteBuffer(string: "def"))])),
            ParseFixture("literal containing CRLF and braces", "* 10 FETCH (BODY[] {11}\r\n{5}\r\n) * OK)\r\n",
                         fetch(10, [FetchedSection(section: .complete, data: ByteBuffer(string: "{5}\r\n) * OK"))])),
            ParseFixture("literal+ from server", "* 11 FETCH (BODY[] {2+}\r\nok)\r\n",
                         fetch(11, [FetchedSection(section: .complete, data: ByteBuffer(string: "ok"))])),
            ParseFixture("unknown item skipped", "* 12 FETCH (EMAILID (M6d99ac3275bb4e) UID 9 THREADID NIL)\r\n",
                         fetch(12, [], uid: 9)),
            ParseFixture("truncated literal", "* 13 FETCH (BODY[] {10}\r\nshort)\r\n", .incomplete),
            ParseFixture("bad section", "* 14 FETCH (BODY[FOO] NIL)\r\n", .failure(.malformedResponse)),
        ]
    }()

    @Test("body sections", arguments: sectionFixtures)
    func sections(_ fixture: ParseFixture) { fixture.check() }

    @Test("BINARY.SIZE")
    func binarySize() {
        let fetch = ParseFixture.fetch("* 1 FETCH (BINARY.SIZE[1.2] 2311)\r\n")
        #expect(fetch?.binarySizes[[1, 2]] == 2311)
    }

    @Test("ENVELOPE with display names, NIL fields and RFC 2047 text kept raw")
    func envelope() {
        let input = """
        * 12 FETCH (ENVELOPE ("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "=?utf-8?q?Caf=C3=A9?=" \
        (("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) \
        (("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) \
        ((NIL NIL "minutes" "CNRI.Reston.VA.US")("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL \
        "<B27397-0100000@cac.washington.edu>"))\r\n
        """
        guard let envelope = ParseFixture.fetch(input)?.envelope else { Issue.record("no envelope"); return }
        #expect(envelope.date == "Wed, 17 Jul 1996 02:23:25 -0700 (PDT)")
        #expect(envelope.subject == "=?utf-8?q?Caf=C3=A9?=")
        #expect(envelope.from == [.mailbox(EnvelopeAddress(name: "Terry Gray", mailbox: "gray", host: "cac.washington.edu"))])
        #expect(envelope.to.mailboxes.map(\.address) == ["imap@cac.washington.edu"])
        #expect(envelope.cc.mailboxes.map(\.address) == ["minutes@CNRI.Reston.VA.US", "KLENSIN@MIT.EDU"])
        #expect(envelope.bcc.isEmpty)
        #expect(envelope.inReplyTo == nil)
        #expect(envelope.messageID == "<B27397-0100000@cac.washington.edu>")
    }

    @Test("ENVELOPE address groups")
    func envelopeGroups() {
        let input = """
        * 1 FETCH (ENVELOPE (NIL "s" NIL NIL NIL ((NIL NIL "team" NIL)(NIL NIL "a" "x.org")(NIL NIL "b" "x.org")(NIL NIL NIL NIL)\
        ("C" NIL "c" "y.org")(NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL))\r\n
        """
        guard let envelope = ParseFixture.fetch(input)?.envelope else { Issue.record("no envelope"); return }
        #expect(envelope.to == [
            .group(name: "team", members: [EnvelopeAddress(mailbox: "a", host: "x.org"), EnvelopeAddress(mailbox: "b", host: "x.org")]),
            .mailbox(EnvelopeAddress(name: "C", mailbox: "c", host: "y.org")),
            .group(name: "undisclosed-recipients", members: []),
        ])
        #expect(envelope.to.mailboxes.count == 3)
    }

    @Test("ENVELOPE with 8-bit Latin-1 subject keeps every byte")
    func latin1Subject() {
        var buffer = ByteBuffer(string: "* 1 FETCH (ENVELOPE (NIL \"caf")
        buffer.writeBytes([0xE9])
        buffer.writeString("\" NIL NIL NIL NIL NIL NIL NIL NIL))\r\n")
        var parser = ResponseParser()
        parser.append(buffer)
        guard case .untagged(.fetch(let fetch)) = try? parser.next() else { Issue.record("no fetch"); return }
        #expect(fetch.envelope?.subject == "café")
    }

    @Test("single-part text BODYSTRUCTURE with extension data")
    func singlePartText() {
        let input = "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL (\"inline\" NIL) NIL NIL))\r\n"
        let expected = BodyStructure.singlePart(.init(
            type: "text", subtype: "plain",
            fields: .init(parameters: [.init(name: "charset", value: "US-ASCII")], encoding: "7BIT", octets: 3028),
            kind: .text(lines: 92), md5: nil,
            extension: .init(disposition: .init(kind: "inline", parameters: []))))
        #expect(ParseFixture.fetch(input)?.bodyStructure == expected)
    }

    @Test("multipart/mixed with attachment, nested alternative and multipart extension data")
    func multipart() {
        let input = """
        * 3 FETCH (UID 9 BODYSTRUCTURE ((("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 120 4 NIL NIL NIL NIL)\
        ("TEXT" "HTML" ("CHARSET" "utf-8") NIL NIL "BASE64" 800 11 NIL NIL NIL NIL) "ALTERNATIVE" ("BOUNDARY" "b2") NIL NIL NIL)\
        ("APPLICATION" "PDF" ("NAME" "report.pdf") "<id1@x>" "Q3 report" "BASE64" 40000 NIL ("ATTACHMENT" ("FILENAME" "report.pdf")) ("en" "de") "http://x/loc" 42 (1 "two"))\
         "MIXED" ("BOUNDARY" "b1") NIL "en"))\r\n
        """
        guard case .multipart(let mixed)? = ParseFixture.fetch(input)?.bodyStructure else { Issue.record("not multipart"); return }
        #expect(mixed.subtype == "mixed")
        #expect(mixed.parameters == [.init(name: "boundary", value: "b1")])
        #expect(mixed.extension.language == ["en"])
        #expect(mixed.parts.count == 2)
        guard case .multipart(let alternative) = mixed.parts[0], case .singlePart(let pdf) = mixed.parts[1] else {
            Issue.record("unexpected parts"); return
        }
        #expect(alternative.subtype == "alternative")
        #expect(alternative.parts.count == 2)
        #expect(pdf.mimeType == "application/pdf")
        #expect(pdf.fields.id == "<id1@x>")
        #expect(pdf.fields.contentDescription == "Q3 report")
        #expect(pdf.fields.encoding == "BASE64")
        #expect(pdf.fields.octets == 40000)
        #expect(pdf.extension.disposition == .init(kind: "attachment", parameters: [.init(name: "filename", value: "report.pdf")]))
        #expect(pdf.extension.language == ["en", "de"])
        #expect(pdf.extension.location == "http://x/loc")
        let leaves = ParseFixture.fetch(input)?.bodyStructure?.leafParts.map { ($0.section, $0.part.mimeType) }
        #expect(leaves?.map(\.0) == [[1, 1], [1, 2], [2]])
        #expect(leaves?.map(\.1) == ["text/plain", "text/html", "application/pdf"])
    }

    @Test("message/rfc822 part with embedded envelope and body")
    func messageRFC822() {
        let input = """
        * 4 FETCH (BODYSTRUCTURE (("TEXT" "PLAIN" NIL NIL NIL "7BIT" 10 1)("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 500 \
        (NIL "Inner subject" (("A" NIL "a" "x.org")) NIL NIL NIL NIL NIL NIL "<in@x>") \
        (("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 20 2)("IMAGE" "PNG" NIL NIL NIL "BASE64" 300) "MIXED") 25) "MIXED"))\r\n
        """
        guard case .multipart(let outer)? = ParseFixture.fetch(input)?.bodyStructure,
              case .singlePart(let message) = outer.parts[1],
              case .message(let envelope, let body, let lines) = message.kind else { Issue.record("no message part"); return }
        #expect(envelope.subject == "Inner subject")
        #expect(envelope.messageID == "<in@x>")
        #expect(lines == 25)
        guard case .multipart(let inner) = body else { Issue.record("inner not multipart"); return }
        #expect(inner.parts.count == 2)
        #expect(outer.parameters.isEmpty)
        // The attached message is one leaf: its inner parts are not listed as the outer message's parts.
        #expect(BodyStructure.multipart(outer).leafParts.map(\.section) == [[1], [2]])
    }

    @Test("non-extensible BODY form")
    func bodyWithoutExtensions() {
        let fetch = ParseFixture.fetch("* 1 FETCH (BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"8BIT\" 5 1))\r\n")
        #expect(fetch?.bodyStructure == .singlePart(.init(type: "text", subtype: "plain", fields: .init(encoding: "8bit", octets: 5), kind: .text(lines: 1))))
    }

    @Test("nested multiparts bounded by the depth limit, never a crash")
    func deepMultipart() {
        let leaf = "(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)"
        var body = leaf
        for _ in 0..<200 { body = "(\(body) \"MIXED\")" }
        let input = "* 1 FETCH (BODYSTRUCTURE \(body))\r\n"
        let outcome = ParseFixture.run(chunks: [Array(input.utf8)])
        #expect(outcome.error?.code == .limitExceeded)
    }

    @Test("split FETCH responses merge")
    func merge() {
        var first = FetchResponse(sequenceNumber: 1)
        first.uid = UID(5)
        var second = FetchResponse(sequenceNumber: 1)
        second.flags = [.seen]
        second.sections = [FetchedSection(section: .text, data: ByteBuffer(string: "x"))]
        first.merge(second)
        #expect(first.uid == UID(5))
        #expect(first.flags == [.seen])
        #expect(first.section(.text)?.data?.text == "x")
    }
}
