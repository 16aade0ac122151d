import Foundation
import MailCore
import Testing
@testable import MIME

@Suite struct MessageBuilderTests {
    static let fixedDate = Date(timeIntervalSince1970: 1_700_000_000)

    static func options(allow8bit: Bool = false) -> BuildOptions {
        let counter = Counter()
        return BuildOptions(messageIDDomain: "mcpemails.test", date: fixedDate,
                            boundaryGenerator: { "=_test_\(counter.next())" }, allow8bit: allow8bit)
    }

    final class Counter: @unchecked Sendable {
        private var value = 0
        func next() -> Int { value += 1; return value }
    }

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func simpleMessageHeadersAndBody() throws {
        let message = OutgoingMessage(
            from: EmailAddress(name: "Alice", address: "alice@example.com"),
            to: [EmailAddress(address: "bob@example.org")], bcc: [EmailAddress(address: "secret@example.net")],
            subject: "Hello", textBody: "Hi Bob.\nBye.")
        let bytes = try MessageBuilder.build(message, options: Self.options())
        let text = Self.text(bytes)
        #expect(text.contains("Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"))
        #expect(text.contains("From: Alice <alice@example.com>\r\n"))
        #expect(text.contains("MIME-Version: 1.0\r\n"))
        #expect(text.contains("Message-ID: <"))
        #expect(!text.contains("secret@example.net"))
        #expect(!text.lowercased().contains("bcc"))
        #expect(text.hasSuffix("Hi Bob.\r\nBye.\r\n"))
        let parsed = ParsedMessage.parse(bytes)
        #expect(parsed.textBody == "Hi Bob.\nBye.")
        #expect(parsed.subject == "Hello")
        #expect(parsed.bcc.isEmpty)
    }

    @Test(arguments: ["\r", "\n", "\r\n", "\0"])
    func rejectsHeaderInjection(separator: String) {
        let bad = OutgoingMessage(from: EmailAddress(address: "a@x.test"), to: [EmailAddress(address: "b@x.test")],
                                  subject: "hi\(separator)Bcc: victim@x.test", textBody: "")
        #expect(throws: MIMEBuildError(.headerInjection, field: "Subject")) { try MessageBuilder.build(bad) }
        var badName = bad
        badName.subject = "ok"
        badName.to = [EmailAddress(name: "x\(separator)y", address: "b@x.test")]
        #expect(throws: MIMEBuildError(.headerInjection, field: "To")) { try MessageBuilder.build(badName) }
    }

    @Test func roundTripsEverything() throws {
        let pdf = (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let message = OutgoingMessage(
            from: EmailAddress(name: "Zoë Ångström", address: "zoe@example.com"),
            to: [EmailAddress(name: "Doe, John", address: "john@example.org"), EmailAddress(address: "x@bücher.example")],
            cc: [EmailAddress(name: "日本 太郎", address: "taro@example.jp")],
            replyTo: EmailAddress(address: "replies@example.com"),
            subject: "Ré: über naïve 日本語 subject that is long enough to need folding across several lines of header",
            textBody: "Grüße!\n" + String(repeating: "a", count: 1200) + "\nend",
            htmlBody: "<p>Grüße!</p>",
            attachments: [
                OutgoingAttachment(filename: "report.pdf", mimeType: "application/pdf", data: pdf),
                OutgoingAttachment(filename: "résumé très long nom de fichier avec accents et espaces.txt", mimeType: "text/plain", data: Array("hi".utf8)),
            ],
            inReplyTo: "<orig@example.com>", references: ["<root@example.com>", "<orig@example.com>"])
        let built = try MessageBuilder.assemble(message, options: Self.options())
        for line in Self.text(built.bytes).split(separator: "\r\n", omittingEmptySubsequences: false) {
            #expect(line.utf8.count <= 998)
            #expect(!line.contains("\n") && !line.contains("\r"))
        }
        let parsed = ParsedMessage.parse(built.bytes)
        #expect(parsed.from == message.from)
        #expect(parsed.to == [message.to[0], EmailAddress(address: "x@xn--bcher-kva.example")])
        #expect(parsed.cc == message.cc)
        #expect(parsed.replyTo == [EmailAddress(address: "replies@example.com")])
        #expect(parsed.subject == message.subject)
        #expect(parsed.messageID == built.messageID)
        #expect(parsed.inReplyTo == ["<orig@example.com>"])
        #expect(parsed.references == message.references)
        #expect(parsed.date == Self.fixedDate)
        #expect(parsed.textBody == message.textBody)
        #expect(parsed.htmlBody == message.htmlBody)
        #expect(parsed.attachments.map(\.filename) == message.attachments.map(\.filename))
        #expect(parsed.attachments.map(\.mimeType) == message.attachments.map(\.mimeType))
        #expect(parsed.attachments.map(\.data) == message.attachments.map(\.data))
    }

    @Test func eightBitOnlyWhenAllowed() throws {
        let message = OutgoingMessage(from: EmailAddress(address: "a@x.test"), to: [EmailAddress(address: "b@x.test")],
                                      subject: "s", textBody: "Grüße")
        #expect(Self.text(try MessageBuilder.build(message, options: Self.options())).contains("quoted-printable"))
        let eight = try MessageBuilder.build(message, options: Self.options(allow8bit: true))
        #expect(Self.text(eight).contains("Content-Transfer-Encoding: 8bit"))
        #expect(ParsedMessage.parse(eight).textBody == "Grüße")
    }

    @Test func messageIDShape() {
        let id = MessageBuilder.messageID(domain: "example.com")
        #expect(id.hasPrefix("<") && id.hasSuffix("@example.com>"))
        #expect(MessageBuilder.messageID(domain: "example.com") != id)
    }
}

@Suite struct LargeMessageTests {
    @Test func tenMegabyteAttachmentBuildsInOneAllocationAndRoundTrips() throws {
        let data = (0..<(10 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let message = OutgoingMessage(
            from: EmailAddress(address: "a@x.test"), to: [EmailAddress(address: "b@x.test")], subject: "big",
            textBody: "see attachment", attachments: [OutgoingAttachment(filename: "big.bin", mimeType: "application/octet-stream", data: data)])
        let bytes = try MessageBuilder.build(message)
        // Sized once: the buffer never had to grow past the estimate.
        #expect(bytes.capacity < bytes.count + bytes.count / 50 + 64 * 1024)
        #expect(bytes.count < data.count * 14 / 10)
        let parsed = ParsedMessage.parse(bytes)
        #expect(parsed.attachments.first?.data == data)
    }
}
