import IMAP
import NIOCore
import Testing

@Suite("Response parser: status, data and framing")
struct ResponseParserTests {
    static let statusFixtures: [ParseFixture] = [
        ParseFixture("greeting with capability code",
                     "* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN] Dovecot ready.\r\n",
                     .untaggedOK("Dovecot ready.", code: .capability(["IMAP4REV1", "LITERAL+", "SASL-IR", "AUTH=PLAIN"]))),
        ParseFixture("tagged OK with READ-WRITE", "a1 OK [READ-WRITE] SELECT completed\r\n",
                     .ok("a1", "SELECT completed", code: .readWrite)),
        ParseFixture("tagged NO AUTHENTICATIONFAILED", "a2 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
                     .tagged(TaggedResponse(tag: "a2", status: .no,
                                            text: ResponseText(code: .authenticationFailed, text: "Authentication failed.")))),
        ParseFixture("tagged BAD without code", "a3 BAD Error in IMAP command: Unknown command\r\n",
                     .tagged(TaggedResponse(tag: "a3", status: .bad,
                                            text: ResponseText(text: "Error in IMAP command: Unknown command")))),
        ParseFixture("tagged OK without text", "a4 OK\r\n", .ok("a4", "")),
        ParseFixture("lower-case status keyword", "a5 ok done\r\n", .ok("a5", "done")),
        ParseFixture("BYE", "* BYE Logging out\r\n", .untagged(.condition(.bye, ResponseText(text: "Logging out")))),
        ParseFixture("PREAUTH", "* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n",
                     .untagged(.condition(.preauth, ResponseText(code: .capability(["IMAP4rev1"]), text: "ready")))),
        ParseFixture("UIDVALIDITY", "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
                     .untaggedOK("UIDs valid", code: .uidValidity(UIDValidity(3857529045)))),
        ParseFixture("UIDNEXT", "* OK [UIDNEXT 4392] Predicted next UID\r\n",
                     .untaggedOK("Predicted next UID", code: .uidNext(UID(4392)))),
        ParseFixture("UNSEEN", "* OK [UNSEEN 12] first unseen\r\n", .untaggedOK("first unseen", code: .unseen(12))),
        ParseFixture("PERMANENTFLAGS with \\*", "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
                     .untaggedOK("Limited", code: .permanentFlags([.deleted, .seen, .mayCreate]))),
        ParseFixture("TRYCREATE", "a6 NO [TRYCREATE] Mailbox doesn't exist: Foo\r\n",
                     .tagged(TaggedResponse(tag: "a6", status: .no, text: ResponseText(code: .tryCreate, text: "Mailbox doesn't exist: Foo")))),
        ParseFixture("NONEXISTENT", "a7 NO [NONEXISTENT] Unknown Mailbox: Foo\r\n",
                     .tagged(TaggedResponse(tag: "a7", status: .no, text: ResponseText(code: .nonExistent, text: "Unknown Mailbox: Foo")))),
        ParseFixture("ALREADYEXISTS", "a8 NO [ALREADYEXISTS] Mailbox already exists\r\n",
                     .tagged(TaggedResponse(tag: "a8", status: .no, text: ResponseText(code: .alreadyExists, text: "Mailbox already exists")))),
        ParseFixture("APPENDUID", "a9 OK [APPENDUID 38505 3955] APPEND completed\r\n",
                     .ok("a9", "APPEND completed", code: .appendUID(UIDValidity(38505), [UID(3955)]))),
        ParseFixture("COPYUID", "a10 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
                     .ok("a10", "Done", code: .copyUID(UIDValidity(38505),
                                                       UIDSet(ranges: [UID(304)...UID(304), UID(319)...UID(320)]),
                                                       UIDSet(UID(3956)...UID(3958))))),
        ParseFixture("HIGHESTMODSEQ", "* OK [HIGHESTMODSEQ 715194045007] Highest\r\n",
                     .untaggedOK("Highest", code: .highestModSeq(715194045007))),
        ParseFixture("BADCHARSET with list", "a11 NO [BADCHARSET (US-ASCII)] charset\r\n",
                     .tagged(TaggedResponse(tag: "a11", status: .no, text: ResponseText(code: .badCharset(["US-ASCII"]), text: "charset")))),
        ParseFixture("unknown code with text", "* NO [X-FOO bar baz] hmm\r\n",
                     .untagged(.condition(.no, ResponseText(code: .other(name: "X-FOO", text: "bar baz"), text: "hmm")))),
        ParseFixture("malformed UIDNEXT kept as other code", "* OK [UIDNEXT abc] odd\r\n",
                     .untaggedOK("odd", code: .other(name: "UIDNEXT", text: "abc"))),
        ParseFixture("text starting with bracket but no code", "* OK [unterminated text\r\n",
                     .untaggedOK("[unterminated text")),
        ParseFixture("continuation with text", "+ Ready for literal data\r\n",
                     .continuation(ContinuationRequest(text: ResponseText(text: "Ready for literal data")))),
        ParseFixture("bare continuation", "+\r\n", .continuation(ContinuationRequest(text: ResponseText(text: "")))),
        ParseFixture("continuation with base64 challenge", "+ eyJzdGF0dXMiOiI0MDEifQ==\r\n",
                     .continuation(ContinuationRequest(text: ResponseText(text: "eyJzdGF0dXMiOiI0MDEifQ==")))),
        ParseFixture("bare LF line ending", "a1 OK done\n", .ok("a1", "done")),
    ]

    @Test("status responses and response codes", arguments: statusFixtures)
    func statusResponses(_ fixture: ParseFixture) { fixture.check() }

    static let dataFixtures: [ParseFixture] = [
        ParseFixture("CAPABILITY", "* CAPABILITY IMAP4rev1 IDLE UIDPLUS MOVE SPECIAL-USE CONDSTORE ENABLE UTF8=ACCEPT ESEARCH THREAD=REFERENCES AUTH=XOAUTH2\r\n",
                     .untagged(.capability(["IMAP4rev1", "IDLE", "UIDPLUS", "MOVE", "SPECIAL-USE", "CONDSTORE", "ENABLE",
                                            "UTF8=ACCEPT", "ESEARCH", "THREAD=REFERENCES", "AUTH=XOAUTH2"]))),
        ParseFixture("ENABLED", "* ENABLED CONDSTORE UTF8=ACCEPT\r\n", .untagged(.enabled(["CONDSTORE", "UTF8=ACCEPT"]))),
        ParseFixture("empty ENABLED", "* ENABLED\r\n", .untagged(.enabled([]))),
        ParseFixture("EXISTS", "* 172 EXISTS\r\n", .untagged(.exists(172))),
        ParseFixture("RECENT", "* 1 RECENT\r\n", .untagged(.recent(1))),
        ParseFixture("EXPUNGE", "* 44 EXPUNGE\r\n", .untagged(.expunge(44))),
        ParseFixture("FLAGS", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n",
                     .untagged(.flags([.answered, .flagged, .deleted, .seen, .draft, "$Forwarded"]))),
        ParseFixture("SEARCH", "* SEARCH 2 84 882\r\n", .untagged(.search([2, 84, 882], modSeq: nil))),
        ParseFixture("empty SEARCH", "* SEARCH\r\n", .untagged(.search([], modSeq: nil))),
        ParseFixture("SEARCH with MODSEQ", "* SEARCH 2 5 (MODSEQ 917162500)\r\n", .untagged(.search([2, 5], modSeq: 917162500))),
        ParseFixture("ESEARCH with tag, UID, ALL and COUNT", "* ESEARCH (TAG \"A282\") UID ALL 2,10:11 COUNT 3\r\n",
                     .untagged(.esearch({
                         var result = ESearchResponse(tag: "A282", isUID: true)
                         result.all = UIDSet(ranges: [UID(2)...UID(2), UID(10)...UID(11)])
                         result.count = 3
                         return result
                     }()))),
        ParseFixture("ESEARCH with nothing found", "* ESEARCH (TAG \"A283\") UID COUNT 0\r\n",
                     .untagged(.esearch({
                         var result = ESearchResponse(tag: "A283", isUID: true)
                         result.count = 0
                         return result
                     }()))),
        ParseFixture("ESEARCH MIN MAX", "* ESEARCH (TAG \"A284\") MIN 2 MAX 47\r\n",
                     .untagged(.esearch({
                         var result = ESearchResponse(tag: "A284")
                         result.min = 2
                         result.max = 47
                         return result
                     }()))),
        ParseFixture("STATUS", "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 7 UNSEEN 3 SIZE 77 X-UNKNOWN 4)\r\n",
                     .untagged(.status(MailboxName(wireName: "blurdybloop"), {
                         var status = MailboxStatus()
                         status.messages = 231
                         status.uidNext = UID(44292)
                         status.uidValidity = UIDValidity(7)
                         status.unseen = 3
                         status.size = 77
                         return status
                     }()))),
        ParseFixture("LIST INBOX", "* LIST (\\HasNoChildren) \"/\" INBOX\r\n",
                     .untagged(.list(MailboxInfo(attributes: [.hasNoChildren], delimiter: "/", name: .inbox)))),
        ParseFixture("LIST lower-case inbox normalized", "* LIST () \".\" inbox\r\n",
                     .untagged(.list(MailboxInfo(attributes: [], delimiter: ".", name: .inbox)))),
        ParseFixture("LIST special-use Sent", "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n",
                     .untagged(.list(MailboxInfo(attributes: [.hasNoChildren, .sent], delimiter: "/", name: MailboxName(wireName: "Sent"))))),
        ParseFixture("LIST with NIL delimiter and quoted name", "* LIST (\\Noselect) NIL \"Top Level\"\r\n",
                     .untagged(.list(MailboxInfo(attributes: [.noSelect], delimiter: nil, name: MailboxName(wireName: "Top Level"))))),
        ParseFixture("LIST with escaped backslash delimiter", "* LIST () \"\\\\\" Public\r\n",
                     .untagged(.list(MailboxInfo(attributes: [], delimiter: "\\", name: MailboxName(wireName: "Public"))))),
        ParseFixture("LIST with literal name", "* LIST () \"/\" {9}\r\nfoo\"bar\\x\r\n",
                     .untagged(.list(MailboxInfo(attributes: [], delimiter: "/", name: MailboxName(wireName: "foo\"bar\\x"))))),
        ParseFixture("LIST with NonExistent and extended data", "* LIST (\\NonExistent) \"/\" Old (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
                     .untagged(.list(MailboxInfo(attributes: [.nonExistent], delimiter: "/", name: MailboxName(wireName: "Old"))))),
        ParseFixture("LSUB", "* LSUB () \".\" #news.comp.mail.misc\r\n",
                     .untagged(.lsub(MailboxInfo(attributes: [], delimiter: ".", name: MailboxName(wireName: "#news.comp.mail.misc"))))),
        ParseFixture("ID", "* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n",
                     .untagged(.id([IDField(name: "name", value: "Dovecot"), IDField(name: "version", value: nil)]))),
        ParseFixture("ID NIL", "* ID NIL\r\n", .untagged(.id(nil))),
        ParseFixture("unknown response kept opaque", "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n",
                     .untagged(.other(keyword: "NAMESPACE", rest: ByteBuffer(string: "((\"\" \"/\")) NIL NIL")))),
        ParseFixture("unknown numbered response", "* 3 VANISHED\r\n", .untagged(.other(keyword: "VANISHED", rest: ByteBuffer()))),
    ]

    @Test("untagged data", arguments: dataFixtures)
    func untaggedData(_ fixture: ParseFixture) { fixture.check() }

    static let streamFixtures: [ParseFixture] = [
        ParseFixture("untagged interleaved with tagged",
                     "* 3 EXISTS\r\n* 1 RECENT\r\n+ go ahead\r\n* 2 EXPUNGE\r\na1 OK NOOP done\r\n* 4 EXISTS\r\n",
                     .responses([.untagged(.exists(3)), .untagged(.recent(1)),
                                 .continuation(ContinuationRequest(text: ResponseText(text: "go ahead"))),
                                 .untagged(.expunge(2)), .ok("a1", "NOOP done"), .untagged(.exists(4))])),
        ParseFixture("incomplete line", "* 3 EXI", .incomplete),
        ParseFixture("incomplete before LF", "a1 OK done\r", .incomplete),
        ParseFixture("incomplete literal", "* LIST () \"/\" {10}\r\nabc", .incomplete),
        ParseFixture("incomplete after literal", "* LIST () \"/\" {3}\r\nabc", .incomplete),
        ParseFixture("zero-length literal", "* LIST () \"/\" {0}\r\n\r\n",
                     .untagged(.list(MailboxInfo(attributes: [], delimiter: "/", name: MailboxName(wireName: ""))))),
        ParseFixture("garbage", "hello world\r\n", .failure(.malformedResponse)),
        ParseFixture("unterminated list", "* FLAGS (\\Seen\r\n", .failure(.malformedResponse)),
        ParseFixture("bad number", "* 99999999999 EXISTS\r\n", .failure(.malformedResponse)),
        ParseFixture("trailing junk", "* 3 EXISTS junk\r\n", .failure(.malformedResponse)),
        ParseFixture("line break inside quoted", "* LIST () \"/\" \"abc\r\n", .failure(.malformedResponse)),
        ParseFixture("tag with plus", "a+1 OK done\r\n", .failure(.malformedResponse)),
        ParseFixture("empty line", "\r\n", .failure(.malformedResponse)),
        ParseFixture("huge literal announced", "* LIST () \"/\" {99999999999}\r\n", .failure(.limitExceeded)),
        ParseFixture("absurd literal digits", "* LIST () \"/\" {9999999999999999999999}\r\n", .failure(.limitExceeded)),
    ]

    @Test("framing: interleaving, incomplete input, failures", arguments: streamFixtures)
    func framing(_ fixture: ParseFixture) { fixture.check() }

    @Test("capability discovery: AUTH=* and THREAD=* are case-insensitive")
    func capabilityDiscovery() {
        guard case .untagged(.capability(let list)) = ParseFixture.single("* CAPABILITY imap4rev1 auth=plain AUTH=XOAUTH2 THREAD=REFERENCES thread=orderedsubject literal+\r\n") else {
            Issue.record("not CAPABILITY"); return
        }
        let capabilities = Set(list)
        #expect(capabilities.authMechanisms == ["PLAIN", "XOAUTH2"])
        #expect(capabilities.threadAlgorithms == ["ORDEREDSUBJECT", "REFERENCES"])
        #expect(capabilities.contains(.literalPlus) && capabilities.contains(.imap4rev1))
        #expect(CommandEncoder.Options(capabilities: capabilities).literalPlus)
    }

    @Test("quoted strings with escapes")
    func quotedEscapes() {
        let response = ParseFixture.single("* LIST () \"/\" \"a\\\"b\\\\c\"\r\n")
        guard case .untagged(.list(let info)) = response else { Issue.record("not LIST"); return }
        #expect(info.name.wireName == "a\"b\\c")
    }

    @Test("line length limit raises limitExceeded, never grows unbounded")
    func lineLengthLimit() {
        let limits = IMAPLimits(maxLineLength: 100)
        let long = "* OK " + String(repeating: "x", count: 200) + "\r\n"
        for chunks in [[Array(long.utf8)], Array(long.utf8).map { [$0] }] {
            let outcome = ParseFixture.run(chunks: chunks, limits: limits)
            #expect(outcome.error?.code == .limitExceeded)
            #expect(outcome.error?.limit == "maxLineLength")
        }
    }

    @Test("literal size limit")
    func literalLimit() {
        let outcome = ParseFixture.run(chunks: [Array("* LIST () \"/\" {101}\r\n".utf8)], limits: IMAPLimits(maxLiteralSize: 100))
        #expect(outcome.error?.limit == "maxLiteralSize")
    }

    @Test("response size limit counts literals")
    func responseSizeLimit() {
        let input = "* ID (\"a\" {60}\r\n" + String(repeating: "x", count: 60) + " \"b\" {60}\r\n" + String(repeating: "y", count: 60) + ")\r\n"
        let outcome = ParseFixture.run(chunks: [Array(input.utf8)], limits: IMAPLimits(maxResponseSize: 100))
        #expect(outcome.error?.limit == "maxResponseSize")
    }

    @Test("nesting depth limit")
    func nestingLimit() {
        let depth = 100
        let input = "* 1 FETCH (X-FOO " + String(repeating: "(", count: depth) + String(repeating: ")", count: depth) + ")\r\n"
        let outcome = ParseFixture.run(chunks: [Array(input.utf8)], limits: IMAPLimits(maxNestingDepth: 20))
        #expect(outcome.error?.code == .limitExceeded)
        #expect(outcome.error?.limit == "maxNestingDepth")
        let fine = ParseFixture.run(chunks: [Array(input.utf8)], limits: IMAPLimits(maxNestingDepth: 200))
        #expect(fine.error == nil)
    }

    @Test("after an error the parser keeps failing")
    func stickyError() {
        var parser = ResponseParser()
        parser.append(ByteBuffer(string: "garbage\r\n* 1 EXISTS\r\n"))
        #expect(throws: IMAPError.self) { try parser.next() }
        #expect(throws: IMAPError.self) { try parser.next() }
    }

    @Test("malformed error carries hint and location but no payload")
    func malformedLocation() {
        let outcome = ParseFixture.run(chunks: [Array("* 3 EXISTS secret-junk\r\n".utf8)])
        let error = outcome.error
        #expect(error?.location != nil)
        #expect(error?.hint != nil)
        #expect(error.map { !$0.description.contains("secret") } ?? false)
    }
}
