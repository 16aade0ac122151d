import NIOCore
import Testing

@testable import SMTP

/// One parser input and what must come out of it.
struct ReplyFixture: CustomTestStringConvertible, Sendable {
    enum Outcome: Sendable {
        case value(SMTPReply)
        case incomplete
        case failure
    }

    let name: String
    let input: String
    let outcome: Outcome
    var testDescription: String { name }

    static func value(_ name: String, _ input: String, _ code: Int, _ lines: [String]) -> ReplyFixture {
        ReplyFixture(name: name, input: input, outcome: .value(SMTPReply(code: code, lines: lines)))
    }
}

/// Feeds `bytes` to a fresh parser in pieces of `step` bytes (0 = all at once) and returns the first reply.
private func parse(_ bytes: [UInt8], step: Int) throws -> SMTPReply? {
    var parser = SMTPReplyParser(limits: SMTPLimits(maxReplyLineLength: 128, maxReplyLines: 4))
    var buffer = ByteBuffer()
    let pieceSize = step == 0 ? max(bytes.count, 1) : step
    var offset = 0
    repeat {
        let end = min(offset + pieceSize, bytes.count)
        buffer.writeBytes(bytes[offset..<end])
        offset = end
        if let reply = try parser.parse(&buffer) { return reply }
    } while offset < bytes.count
    return nil
}

@Suite("SMTP reply parser (RFC 5321 §4.2)")
struct SMTPReplyParserTests {
    static let fixtures: [ReplyFixture] = [
        .value("single line", "250 OK\r\n", 250, ["OK"]),
        .value("greeting", "220 mail.example.org ESMTP Postfix\r\n", 220, ["mail.example.org ESMTP Postfix"]),
        .value("multi-line EHLO", "250-mail.example.org\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n", 250,
               ["mail.example.org", "SIZE 10240000", "8BITMIME"]),
        .value("code only", "354\r\n", 354, [""]),
        .value("code and space", "250 \r\n", 250, [""]),
        .value("bare LF endings", "250-a\n250 b\n", 250, ["a", "b"]),
        .value("enhanced status", "550 5.1.1 <bob@example.org>: Recipient address rejected\r\n", 550,
               ["5.1.1 <bob@example.org>: Recipient address rejected"]),
        .value("8-bit text", "250 caf\u{e9}\r\n", 250, ["caf\u{e9}"]),
        .value("empty continuation", "250-\r\n250 end\r\n", 250, ["", "end"]),
        ReplyFixture(name: "no line end yet", input: "250 OK", outcome: .incomplete),
        ReplyFixture(name: "continuation pending", input: "250-first\r\n250-second\r\n", outcome: .incomplete),
        ReplyFixture(name: "empty input", input: "", outcome: .incomplete),
        ReplyFixture(name: "code out of range", input: "150 nope\r\n", outcome: .failure),
        ReplyFixture(name: "letters for code", input: "abc hello\r\n", outcome: .failure),
        ReplyFixture(name: "short code", input: "25\r\n", outcome: .failure),
        ReplyFixture(name: "bad separator", input: "250_OK\r\n", outcome: .failure),
        ReplyFixture(name: "code changes mid-reply", input: "250-a\r\n251 b\r\n", outcome: .failure),
        ReplyFixture(name: "line too long", input: "250 " + String(repeating: "x", count: 200) + "\r\n",
                     outcome: .failure),
        ReplyFixture(name: "line too long, unterminated", input: "250 " + String(repeating: "x", count: 200),
                     outcome: .failure),
        ReplyFixture(name: "too many lines", input: "250-a\r\n250-b\r\n250-c\r\n250-d\r\n250 e\r\n", outcome: .failure),
    ]

    @Test("byte by byte and all at once", arguments: fixtures, [0, 1, 3])
    func fixture(_ fixture: ReplyFixture, step: Int) throws {
        let bytes = Array(fixture.input.utf8)
        switch fixture.outcome {
        case .value(let expected):
            #expect(try parse(bytes, step: step) == expected)
        case .incomplete:
            #expect(try parse(bytes, step: step) == nil)
        case .failure:
            let error = #expect(throws: SMTPError.self) { try parse(bytes, step: step) }
            #expect(error?.code == .malformedReply)
        }
    }

    @Test("two replies in one read come out one at a time, the rest stays buffered")
    func pipelinedReplies() throws {
        var parser = SMTPReplyParser()
        var buffer = ByteBuffer(string: "250 2.1.0 Ok\r\n250 2.1.5 Ok\r\n354 go")
        #expect(try parser.parse(&buffer)?.enhancedStatus?.description == "2.1.0")
        #expect(try parser.parse(&buffer)?.enhancedStatus?.description == "2.1.5")
        #expect(try parser.parse(&buffer) == nil)
        #expect(buffer.readableBytes == 6)
        buffer.writeString("\r\n")
        #expect(try parser.parse(&buffer)?.code == 354)
    }

    @Test("enhanced status codes (RFC 3463)", arguments: [
        ("550 5.1.1 no such user", 550, "5.1.1", "no such user"),
        ("552 5.3.4 Message too big", 552, "5.3.4", "Message too big"),
        ("250 2.0.0 Ok: queued as 4B2C", 250, "2.0.0", "Ok: queued as 4B2C"),
        ("550 4.1.1 class differs from code", 550, nil, "4.1.1 class differs from code"),
        ("250 2.0 not three parts", 250, nil, "2.0 not three parts"),
        ("250 2.0.1234 detail too long", 250, nil, "2.0.1234 detail too long"),
        ("535 Authentication failed", 535, nil, "Authentication failed"),
    ] as [(String, Int, String?, String)])
    func enhancedStatus(line: String, code: Int, status: String?, text: String) throws {
        let reply = try #require(try parse(Array((line + "\r\n").utf8), step: 0))
        #expect(reply.code == code)
        #expect(reply.enhancedStatus?.description == status)
        #expect(reply.text == text)
    }

    @Test("summaries for errors hide addresses")
    func redactedSummary() {
        let reply = SMTPReply(code: 550, lines: ["5.1.1 <bob@example.org>: Recipient address rejected"])
        #expect(reply.redactedSummary == "550 5.1.1 <address> Recipient address rejected")
        let error = SMTPError(.recipientRejected, command: "RCPT", reply: reply)
        #expect(!error.description.contains("bob"))
        #expect(error.description.contains("5.1.1"))
    }
}
