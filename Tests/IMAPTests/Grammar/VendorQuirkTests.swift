import IMAP
import NIOCore
import Testing

/// Wire output as real servers send it, quirks included (written from their observed behaviour).
@Suite("Response parser: vendor quirks")
struct VendorQuirkTests {
    static func fetches(_ responses: [Response]) -> [FetchResponse] {
        responses.compactMap { if case .untagged(.fetch(let f)) = $0 { return f } else { return nil } }
    }

    static func lists(_ responses: [Response]) -> [MailboxInfo] {
        responses.compactMap { if case .untagged(.list(let m)) = $0 { return m } else { return nil } }
    }

    static let dovecot: [ParseFixture] = [
        ParseFixture("Dovecot greeting", "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot (Debian) ready.\r\n",
                     .satisfies { r in
                         guard case .untagged(.condition(.ok, let text)) = r.first, case .capability(let caps)? = text.code else { return false }
                         return caps.contains(.startTLS) && caps.contains(.saslIR) && caps.contains(.auth("PLAIN"))
                     }),
        ParseFixture("Dovecot SELECT", """
        * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r
        * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted.\r
        * 2 EXISTS\r
        * 0 RECENT\r
        * OK [UNSEEN 1] First unseen.\r
        * OK [UIDVALIDITY 1763780000] UIDs valid\r
        * OK [UIDNEXT 3] Predicted next UID\r
        * OK [HIGHESTMODSEQ 4] Highest\r
        a2 OK [READ-WRITE] Select completed (0.002 + 0.000 + 0.001 secs).\r

        """, .satisfies { $0.count == 9 && $0[5] == .untaggedOK("UIDs valid", code: .uidValidity(UIDValidity(1763780000))) }),
        ParseFixture("Dovecot lower-case BODYSTRUCTURE", """
        * 1 FETCH (UID 1 BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL "quoted-printable" 12 1 NIL NIL NIL NIL)\
        ("application" "pdf" ("name" "a.pdf") NIL NIL "base64" 100 NIL ("attachment" ("filename" "a.pdf")) NIL NIL) "mixed" ("boundary" "xyz") NIL NIL NIL))\r

        """, .satisfies { r in
            guard case .multipart(let m)? = fetches(r).first?.bodyStructure, case .singlePart(let pdf) = m.parts[1] else { return false }
            return m.subtype == "mixed" && pdf.fields.encoding == "BASE64" && pdf.extension.disposition?.kind == "attachment"
        }),
        ParseFixture("Dovecot ESEARCH", "* ESEARCH (TAG \"a5\") UID ALL 1:3,5 COUNT 4\r\n",
                     .satisfies { r in
                         guard case .untagged(.esearch(let e)) = r.first else { return false }
                         return e.all?.expanded() == [1, 2, 3, 5].map(UID.init(rawValue:)) && e.count == 4
                     }),
        ParseFixture("Dovecot special-use LIST", "* LIST (\\HasNoChildren \\Trash) \".\" Trash\r\n* LIST (\\HasNoChildren \\Archive) \".\" Archive\r\n",
                     .satisfies { lists($0).map(\.specialUse) == [.trash, .archive] }),
        ParseFixture("Dovecot inactivity BYE", "* BYE Disconnected for inactivity.\r\n",
                     .responses([.untagged(.condition(.bye, ResponseText(text: "Disconnected for inactivity.")))])),
    ]

    static let gmail: [ParseFixture] = [
        ParseFixture("Gmail capability", "* CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 UIDPLUS COMPRESS=DEFLATE ENABLE MOVE CONDSTORE ESEARCH UTF8=ACCEPT LIST-EXTENDED LIST-STATUS LITERAL- SPECIAL-USE APPENDLIMIT=35651584\r\n",
                     .satisfies { r in
                         guard case .untagged(.capability(let caps)) = r.first else { return false }
                         return caps.contains(.gmailExtensions) && caps.contains(.literalMinus) && caps.contains(.utf8Accept)
                     }),
        ParseFixture("Gmail [Gmail] folders, quoted and bare", """
        * LIST (\\HasChildren \\Noselect) "/" "[Gmail]"\r
        * LIST (\\All \\HasNoChildren) "/" "[Gmail]/All Mail"\r
        * LIST (\\HasNoChildren \\Sent) "/" "[Gmail]/Sent Mail"\r
        * LIST (\\HasNoChildren \\Junk) "/" [Gmail]/Spam\r
        * LIST (\\HasNoChildren \\Important) "/" "[Gmail]/Important"\r

        """, .satisfies { r in
            let l = lists(r)
            return l.map(\.name.wireName) == ["[Gmail]", "[Gmail]/All Mail", "[Gmail]/Sent Mail", "[Gmail]/Spam", "[Gmail]/Important"]
                && !l[0].isSelectable && l[3].specialUse == .junk && l[1].specialUse == .all
        }),
        ParseFixture("Gmail X-GM items and lower-case keywords", """
        * 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-MSGID 1278455344230334866 X-GM-LABELS (\\Important \\Sent "[Gmail]/Drafts" Work [Imap]/Old) UID 4 FLAGS (\\Seen $notphishing $Phishing))\r

        """, .satisfies { r in
            guard let f = fetches(r).first else { return false }
            return f.gmailThreadID == 1278455344230334865 && f.gmailMessageID == 1278455344230334866
                && f.gmailLabels == ["\\Important", "\\Sent", "[Gmail]/Drafts", "Work", "[Imap]/Old"]
                && f.flags == [.seen, "$NotPhishing", "$phishing"]
        }),
        ParseFixture("Gmail quoted system labels", "* 2 FETCH (X-GM-LABELS (\"\\\\Inbox\" \"\\\\Important\") UID 5)\r\n",
                     .satisfies { fetches($0).first?.gmailLabels == ["\\Inbox", "\\Important"] }),
        ParseFixture("Gmail auth failure", "a1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n",
                     .satisfies { r in
                         guard case .tagged(let t) = r.first else { return false }
                         return t.status == .no && t.text.code == .authenticationFailed && t.text.text == "Invalid credentials (Failure)"
                     }),
        ParseFixture("Gmail XOAUTH2 error challenge", "+ eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==\r\n",
                     .satisfies { r in if case .continuation = r.first { return true } else { return false } }),
        ParseFixture("Gmail APPENDUID with (Success)", "a3 OK [APPENDUID 11 5] (Success)\r\n",
                     .responses([.ok("a3", "(Success)", code: .appendUID(UIDValidity(11), [UID(5)]))])),
    ]

    static let outlook: [ParseFixture] = [
        ParseFixture("Exchange greeting with bracketed base64 at the end", "* OK The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAAMQBDAEEA]\r\n",
                     .responses([.untaggedOK("The Microsoft Exchange IMAP4 service is ready. [TQBXADIAUABSADAAMQBDAEEA]")])),
        ParseFixture("Exchange trailing space before ')'", "* 1 FETCH (UID 12 FLAGS (\\Seen ) )\r\n",
                     .satisfies { fetches($0).first?.flags == [.seen] && fetches($0).first?.uid == UID(12) }),
        ParseFixture("Exchange double spaces", "* 2 FETCH (UID  13  RFC822.SIZE  99)\r\n",
                     .satisfies { fetches($0).first?.rfc822Size == 99 }),
        ParseFixture("Exchange NIL encoding and NIL subtype", """
        * 3 FETCH (BODYSTRUCTURE (("text" "plain" ("charset" "utf-8") NIL NIL NIL 1234 20 NIL NIL NIL NIL) \
        ("application" NIL NIL NIL NIL "base64" 1024 NIL ("attachment" ("filename" "x.bin" "size" "1024")) NIL NIL) "mixed" ("boundary" "b") NIL NIL NIL))\r

        """, .satisfies { r in
            guard case .multipart(let m)? = fetches(r).first?.bodyStructure,
                  case .singlePart(let text) = m.parts[0], case .singlePart(let bin) = m.parts[1] else { return false }
            return text.fields.encoding == "7BIT" && bin.mimeType == "application/octet-stream" && bin.fields.octets == 1024
        }),
        ParseFixture("Exchange empty address list and NIL date", "* 4 FETCH (ENVELOPE (NIL NIL () NIL NIL ((\"Bob\" NIL \"bob\" \"x.com\")) () NIL NIL NIL))\r\n",
                     .satisfies { r in
                         guard let e = fetches(r).first?.envelope else { return false }
                         return e.date == nil && e.from.isEmpty && e.to.mailboxes.first?.address == "bob@x.com"
                     }),
        ParseFixture("Exchange LOGIN failure", "a1 NO LOGIN failed.\r\n",
                     .responses([.tagged(TaggedResponse(tag: "a1", status: .no, text: ResponseText(text: "LOGIN failed.")))])),
        ParseFixture("Exchange SEARCH with trailing space", "* SEARCH 1 2 3 \r\n", .responses([.untagged(.search([1, 2, 3], modSeq: nil))])),
    ]

    static let yahoo: [ParseFixture] = [
        ParseFixture("Yahoo greeting", "* OK [CAPABILITY IMAP4rev1 ID MOVE NAMESPACE XYMHIGHESTMODSEQ UIDPLUS LITERAL+ CHILDREN X-MSG-EXT UNSELECT OBJECTID] IMAP4rev1 imapgate-1.8.1_01.20166 imap1009.mail.ne1.yahoo.com\r\n",
                     .satisfies { r in
                         guard case .untagged(.condition(.ok, let t)) = r.first, case .capability(let c)? = t.code else { return false }
                         return c.contains(.literalPlus) && c.contains(.move)
                     }),
        ParseFixture("Yahoo quoted body sizes", "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" \"320\" \"9\") UID 77)\r\n",
                     .satisfies { r in
                         guard case .singlePart(let p)? = fetches(r).first?.bodyStructure else { return false }
                         return p.fields.octets == 320 && p.kind == .text(lines: 9)
                     }),
        ParseFixture("Yahoo empty FLAGS list", "* 2 FETCH (UID 5 RFC822.SIZE 1234 FLAGS ())\r\n",
                     .satisfies { fetches($0).first?.flags == [] }),
        ParseFixture("Yahoo empty SEARCH with trailing space", "* SEARCH \r\n", .responses([.untagged(.search([], modSeq: nil))])),
    ]

    static let icloud: [ParseFixture] = [
        ParseFixture("iCloud lower-case tokens", "* 3 exists\r\n* 1 fetch (uid 5 flags (\\seen) rfc822.size 10)\r\na1 ok [read-write] done\r\n",
                     .satisfies { r in
                         r.count == 3 && r[0] == .untagged(.exists(3)) && fetches(r).first?.flags == [.seen]
                             && fetches(r).first?.uid == UID(5) && r[2] == .ok("a1", "done", code: .readWrite)
                     }),
        ParseFixture("iCloud empty parameter list and text part without lines", """
        * 4 FETCH (BODYSTRUCTURE (("text" "plain" () NIL NIL "7bit" 12 NIL NIL NIL NIL)("text" "html" () NIL NIL "7bit" 40 2) "alternative"))\r

        """, .satisfies { r in
            guard case .multipart(let m)? = fetches(r).first?.bodyStructure, case .singlePart(let plain) = m.parts[0] else { return false }
            return plain.fields.parameters.isEmpty && plain.kind == .text(lines: 0) && m.parts.count == 2
        }),
        ParseFixture("iCloud message/rfc822 without embedded structure", """
        * 5 FETCH (BODYSTRUCTURE (("text" "plain" NIL NIL NIL "7bit" 1 1)("message" "rfc822" NIL NIL NIL "7bit" 300 NIL ("attachment" NIL) NIL NIL) "mixed"))\r

        """, .satisfies { r in
            guard case .multipart(let m)? = fetches(r).first?.bodyStructure, case .singlePart(let msg) = m.parts[1] else { return false }
            return msg.kind == .basic && msg.mimeType == "message/rfc822" && msg.extension.disposition?.kind == "attachment"
        }),
        ParseFixture("iCloud bare disposition string", "* 6 FETCH (BODYSTRUCTURE (\"image\" \"jpeg\" NIL NIL NIL \"base64\" 9 NIL \"inline\" NIL NIL))\r\n",
                     .satisfies { r in
                         guard case .singlePart(let p)? = fetches(r).first?.bodyStructure else { return false }
                         return p.extension.disposition?.kind == "inline"
                     }),
    ]

    @Test("Dovecot", arguments: dovecot) func dovecotQuirks(_ fixture: ParseFixture) { fixture.check() }
    @Test("Gmail", arguments: gmail) func gmailQuirks(_ fixture: ParseFixture) { fixture.check() }
    @Test("Outlook / Exchange", arguments: outlook) func outlookQuirks(_ fixture: ParseFixture) { fixture.check() }
    @Test("Yahoo", arguments: yahoo) func yahooQuirks(_ fixture: ParseFixture) { fixture.check() }
    @Test("iCloud", arguments: icloud) func icloudQuirks(_ fixture: ParseFixture) { fixture.check() }
}
