import IMAP
import NIOCore
import Testing

@Suite("Command encoder")
struct CommandEncoderTests {
    static let plain = CommandEncoder()
    static let literalPlus = CommandEncoder(options: .init(literalPlus: true))

    /// The chunks of `command` as strings.
    static func chunks(_ command: Command, encoder: CommandEncoder = plain, tag: String = "A1") throws -> [String] {
        try encoder.encode(command, tag: tag).chunks.map(\.text)
    }

    @Test("simple commands")
    func simple() throws {
        #expect(try Self.chunks(.capability) == ["A1 CAPABILITY\r\n"])
        #expect(try Self.chunks(.noop) == ["A1 NOOP\r\n"])
        #expect(try Self.chunks(.logout) == ["A1 LOGOUT\r\n"])
        #expect(try Self.chunks(.startTLS) == ["A1 STARTTLS\r\n"])
        #expect(try Self.chunks(.idle) == ["A1 IDLE\r\n"])
        #expect(CommandEncoder.idleDone.text == "DONE\r\n")
        #expect(try Self.chunks(.enable([.utf8Accept, .condStore])) == ["A1 ENABLE UTF8=ACCEPT CONDSTORE\r\n"])
        #expect(try Self.chunks(.id([IDField(name: "name", value: "mcpemails"), IDField(name: "os", value: nil)]))
                == ["A1 ID (\"name\" \"mcpemails\" \"os\" NIL)\r\n"])
        #expect(try Self.chunks(.id(nil)) == ["A1 ID NIL\r\n"])
    }

    @Test("LOGIN quotes safe strings and redacts the trace")
    func login() throws {
        let encoded = try Self.plain.encode(.login(username: "user@mcpemails.test", password: "s3cret pass"), tag: "A1")
        #expect(encoded.chunks.map(\.text) == ["A1 LOGIN \"user@mcpemails.test\" \"s3cret pass\"\r\n"])
        #expect(encoded.trace == "A1 LOGIN <redacted> <redacted>")
        #expect(!encoded.trace.contains("s3cret"))
    }

    @Test("LOGIN with quote and non-ASCII password uses literals; synchronizing splits the command")
    func loginLiterals() throws {
        let command = Command.login(username: "bob", password: "pä\"ss")
        #expect(try Self.chunks(command) == ["A1 LOGIN \"bob\" {6}\r\n", "pä\"ss\r\n"])
        #expect(try Self.chunks(command, encoder: Self.literalPlus) == ["A1 LOGIN \"bob\" {6+}\r\npä\"ss\r\n"])
        let minus = CommandEncoder(options: .init(literalMinus: true))
        #expect(try Self.chunks(command, encoder: minus) == ["A1 LOGIN \"bob\" {6+}\r\npä\"ss\r\n"])
        let trace = try Self.plain.encode(command, tag: "A1").trace
        #expect(!trace.contains("pä"))
    }

    @Test("LITERAL- only for literals up to 4096 bytes")
    func literalMinusLimit() throws {
        let minus = CommandEncoder(options: .init(literalMinus: true))
        let big = String(repeating: "é", count: 3000)   // 6000 bytes
        let chunks = try Self.chunks(.uidSearch(.body(big), returnOptions: []), encoder: minus)
        #expect(chunks.count == 2)
        #expect(chunks[0].hasSuffix("{6000}\r\n"))
    }

    static let injections: [String] = [
        "evil\r\nA2 DELETE INBOX", "x\nA2 LOGOUT", "x\r", "nul\u{0}byte",
    ]

    @Test("strings with CR, LF or NUL are rejected everywhere", arguments: injections)
    func injection(_ payload: String) {
        let commands: [Command] = [
            .login(username: payload, password: "p"),
            .login(username: "u", password: payload),
            .select(MailboxName(wireName: payload)),
            .uidSearch(.from(payload), returnOptions: []),
            .uidSearch(.or(.subject("a"), .not(.text(payload))), returnOptions: []),
            .uidSearch(.header("X-Test", payload), returnOptions: []),
            .list(reference: MailboxName(wireName: ""), pattern: payload, returnSpecialUse: false),
            .id([IDField(name: "name", value: payload)]),
        ]
        for command in commands {
            #expect(throws: IMAPError.self) { try Self.plain.encode(command, tag: "A1") }
            do {
                _ = try Self.plain.encode(command, tag: "A1")
            } catch let error as IMAPError {
                #expect(error.code == .invalidArgument)
                #expect(!error.description.contains("DELETE"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test("a literal header in a user string travels as data, not as a literal")
    func literalHeaderInString() throws {
        #expect(try Self.chunks(.uidSearch(.subject("{5}"), returnOptions: [])) == ["A1 UID SEARCH SUBJECT \"{5}\"\r\n"])
        #expect(try Self.chunks(.uidSearch(.subject("a\"b"), returnOptions: [])) == ["A1 UID SEARCH SUBJECT {3}\r\n", "a\"b\r\n"])
    }

    @Test("atoms are validated: flags, header names, keywords, tags, mechanisms")
    func atomValidation() {
        let bad: [Command] = [
            .uidStore([UID(1)], .add, silent: true, [Flag("\\Seen)")]),
            .uidStore([UID(1)], .add, silent: true, [Flag("a b")]),
            .uidSearch(.header("X Bad", "v"), returnOptions: []),
            .uidSearch(.header("X:Bad", "v"), returnOptions: []),
            .uidSearch(.keyword(Flag("\\Seen")), returnOptions: []),
            .uidFetch([UID(1)], [.body(section: SectionSpecifier(kind: .headerFields(["FROM)"])))]),
            .uidFetch([UID(1)], [.body(section: SectionSpecifier(kind: .headerFields([])))]),
            .authenticate(mechanism: "PLAIN\r\n", initialResponse: nil),
            .uidFetch(UIDSet(), [.uid]),
            .uidFetch([UID(1)], []),
        ]
        for command in bad {
            #expect(throws: IMAPError.self, "\(command.name)") { try Self.plain.encode(command, tag: "A1") }
        }
        #expect(throws: IMAPError.self) { try Self.plain.encode(.noop, tag: "A 1") }
        #expect(throws: IMAPError.self) { try Self.plain.encode(.noop, tag: "A+1") }
    }

    @Test("UID SEARCH keys, nesting and CHARSET only when needed")
    func search() throws {
        let date = try #require(SearchDate(year: 2026, month: 2, day: 1))
        let key = SearchKey.and([
            .unseen, .from("alice@example.com"),
            .or(.subject("report"), .and([.since(date), .not(.flagged)])),
            .larger(1000), .header("List-Id", "dev"), .uid(UIDSet(UID(1)...UID(100))),
        ])
        #expect(try Self.chunks(.uidSearch(key, returnOptions: [])) == [
            "A1 UID SEARCH UNSEEN FROM \"alice@example.com\" OR SUBJECT \"report\" (SINCE 1-Feb-2026 NOT FLAGGED) LARGER 1000 HEADER List-Id \"dev\" UID 1:100\r\n",
        ])
        #expect(try Self.chunks(.uidSearch(.and([]), returnOptions: [])) == ["A1 UID SEARCH ALL\r\n"])
        #expect(try Self.chunks(.uidSearch(.all, returnOptions: [.all, .count])) == ["A1 UID SEARCH RETURN (ALL COUNT) ALL\r\n"])
        #expect(try Self.chunks(.uidSearch(.subject("Grüße"), returnOptions: []), encoder: Self.literalPlus)
                == ["A1 UID SEARCH CHARSET UTF-8 SUBJECT {7+}\r\nGrüße\r\n"])
        #expect(try Self.chunks(.uidSearch(.not(.or(.to("a"), .cc("Zoë"))), returnOptions: [.all]), encoder: Self.literalPlus)
                == ["A1 UID SEARCH RETURN (ALL) CHARSET UTF-8 NOT OR TO \"a\" CC {4+}\r\nZoë\r\n"])
        let utf8 = CommandEncoder(options: .init(literalPlus: true, utf8Accept: true))
        #expect(try Self.chunks(.uidSearch(.body("ü"), returnOptions: []), encoder: utf8) == ["A1 UID SEARCH BODY {2+}\r\nü\r\n"])
    }

    @Test("every search key has a wire form")
    func allKeys() throws {
        let d = try #require(SearchDate(year: 2025, month: 12, day: 31))
        let pairs: [(SearchKey, String)] = [
            (.all, "ALL"), (.answered, "ANSWERED"), (.unanswered, "UNANSWERED"), (.deleted, "DELETED"),
            (.undeleted, "UNDELETED"), (.draft, "DRAFT"), (.undraft, "UNDRAFT"), (.flagged, "FLAGGED"),
            (.unflagged, "UNFLAGGED"), (.seen, "SEEN"), (.unseen, "UNSEEN"), (.keyword("$Work"), "KEYWORD $Work"),
            (.unkeyword("$Work"), "UNKEYWORD $Work"), (.to("x"), "TO \"x\""), (.cc("x"), "CC \"x\""),
            (.bcc("x"), "BCC \"x\""), (.body("x"), "BODY \"x\""), (.text("x"), "TEXT \"x\""),
            (.before(d), "BEFORE 31-Dec-2025"), (.on(d), "ON 31-Dec-2025"), (.sentSince(d), "SENTSINCE 31-Dec-2025"),
            (.sentBefore(d), "SENTBEFORE 31-Dec-2025"), (.sentOn(d), "SENTON 31-Dec-2025"), (.smaller(5), "SMALLER 5"),
        ]
        for (key, wire) in pairs {
            #expect(try Self.chunks(.uidSearch(key, returnOptions: [])) == ["A1 UID SEARCH \(wire)\r\n"])
        }
    }

    @Test("UID FETCH attributes")
    func fetch() throws {
        let attributes: [FetchAttribute] = [
            .uid, .flags, .internalDate, .rfc822Size, .envelope, .bodyStructure,
            .body(section: SectionSpecifier(kind: .headerFields(["From", "Subject"]))),
            .body(section: .text, peek: true, partial: 0...2047),
            .body(section: SectionSpecifier(part: [1, 2], kind: .mime), peek: false),
            .binary(part: [2], peek: true), .binarySize(part: [2]), .modSeq,
        ]
        #expect(try Self.chunks(.uidFetch(UIDSet([UID(3), UID(4), UID(5), UID(9)]), attributes)) == [
            "A1 UID FETCH 3:5,9 (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[HEADER.FIELDS (From Subject)] BODY.PEEK[TEXT]<0.2048> BODY[1.2.MIME] BINARY.PEEK[2] BINARY.SIZE[2] MODSEQ)\r\n",
        ])
        #expect(try Self.chunks(.fetch(SequenceSet(81...100), [.uid])) == ["A1 FETCH 81:100 (UID)\r\n"])
        #expect(try Self.chunks(.uidFetch(.all, [.uid])) == ["A1 UID FETCH 1:* (UID)\r\n"])
    }

    @Test("UID STORE, COPY, MOVE, EXPUNGE")
    func store() throws {
        #expect(try Self.chunks(.uidStore([UID(7)], .add, silent: true, [.seen])) == ["A1 UID STORE 7 +FLAGS.SILENT (\\Seen)\r\n"])
        #expect(try Self.chunks(.uidStore([UID(7)], .remove, silent: false, [.flagged, "$Label"])) == ["A1 UID STORE 7 -FLAGS (\\Flagged $Label)\r\n"])
        #expect(try Self.chunks(.uidStore([UID(7)], .replace, silent: true, [])) == ["A1 UID STORE 7 FLAGS.SILENT ()\r\n"])
        #expect(try Self.chunks(.uidMove([UID(1)], MailboxName("Entwürfe"))) == ["A1 UID MOVE 1 \"Entw&APw-rfe\"\r\n"])
        #expect(try Self.chunks(.uidCopy([UID(1)], .inbox)) == ["A1 UID COPY 1 INBOX\r\n"])
        #expect(try Self.chunks(.uidExpunge([UID(2)])) == ["A1 UID EXPUNGE 2\r\n"])
    }

    @Test("LIST, SELECT, STATUS")
    func mailboxCommands() throws {
        #expect(try Self.chunks(.list(reference: MailboxName(wireName: ""), pattern: "*", returnSpecialUse: true))
                == ["A1 LIST \"\" \"*\" RETURN (SPECIAL-USE)\r\n"])
        #expect(try Self.chunks(.select(.inbox)) == ["A1 SELECT INBOX\r\n"])
        #expect(try Self.chunks(.examine(MailboxName(wireName: "Sent Items"))) == ["A1 EXAMINE \"Sent Items\"\r\n"])
        #expect(try Self.chunks(.select(MailboxName("Entwürfe", utf8Accept: true)), encoder: Self.literalPlus)
                == ["A1 SELECT {9+}\r\nEntwürfe\r\n"])
        #expect(try Self.chunks(.status(.inbox, [.messages, .uidNext, .uidValidity, .unseen]))
                == ["A1 STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN)\r\n"])
    }

    @Test("APPEND with flags, date and synchronizing or non-synchronizing literal")
    func append() throws {
        let date = try #require(InternalDate(year: 2026, month: 3, day: 4, hour: 5, minute: 6, second: 7, zoneMinutes: -90))
        let message = LiteralBytes(ByteBuffer(string: "Subject: hi\r\n\r\nbody\r\n"))
        let command = Command.append(mailbox: .inbox, flags: [.seen], date: date, message: message)
        let encoded = try Self.plain.encode(command, tag: "A1")
        #expect(encoded.chunks.map(\.text) == ["A1 APPEND INBOX (\\Seen) \"04-Mar-2026 05:06:07 -0130\" {21}\r\n", "Subject: hi\r\n\r\nbody\r\n\r\n"])
        #expect(encoded.trace.contains("<21 bytes>"))
        #expect(!encoded.trace.contains("Subject"))
        #expect(try Self.chunks(.append(mailbox: .inbox, flags: [], date: nil, message: message), encoder: Self.literalPlus)
                == ["A1 APPEND INBOX {21+}\r\nSubject: hi\r\n\r\nbody\r\n\r\n"])
    }

    @Test("a large APPEND literal is a part of its own, never copied into the command text", arguments: [false, true])
    func largeAppendLiteral(fromArray: Bool) throws {
        let body = Array(repeating: UInt8(ascii: "x"), count: 100_000)
        let message = fromArray ? LiteralBytes(body) : LiteralBytes(ByteBuffer(bytes: body))
        for (encoder, expectedChunks) in [(Self.plain, 2), (Self.literalPlus, 1)] {
            let encoded = try encoder.encode(.append(mailbox: .inbox, flags: [], date: nil, message: message), tag: "A1")
            #expect(encoded.chunks.count == expectedChunks)
            let last = try #require(encoded.chunks.last)
            let literalParts = last.parts.filter { if case .literal = $0 { true } else { false } }
            #expect(literalParts == [.literal(message)])
            guard case .text(let tail)? = last.parts.last else { Issue.record("no CRLF after the literal"); continue }
            #expect(String(buffer: tail) == "\r\n")
            let wire = encoded.chunks.flatMap(\.bytes)
            #expect(wire == Array("A1 APPEND INBOX {100000\(expectedChunks == 1 ? "+" : "")}\r\n".utf8) + body + [13, 10])
        }
    }

    @Test("AUTHENTICATE with and without SASL-IR; empty response is '='")
    func authenticate() throws {
        let response = Array("\0user\0pass".utf8)
        let withIR = CommandEncoder(options: .init(saslIR: true))
        let encoded = try withIR.encode(.authenticate(mechanism: "PLAIN", initialResponse: response), tag: "A1")
        #expect(encoded.chunks.map(\.text) == ["A1 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n"])
        #expect(encoded.trace == "A1 AUTHENTICATE PLAIN <redacted>")
        #expect(try Self.chunks(.authenticate(mechanism: "PLAIN", initialResponse: response))
                == ["A1 AUTHENTICATE PLAIN\r\n", "AHVzZXIAcGFzcw==\r\n"])
        #expect(try Self.chunks(.authenticate(mechanism: "XOAUTH2", initialResponse: []), encoder: withIR)
                == ["A1 AUTHENTICATE XOAUTH2 =\r\n"])
    }
}
