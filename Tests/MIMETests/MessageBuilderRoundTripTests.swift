import Foundation
import MailCore
import Testing
@testable import MIME

@Suite struct MessageBuilderHeaderTests {
    static func headerLines(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let header = text.components(separatedBy: "\r\n\r\n").first ?? ""
        return header.components(separatedBy: "\r\n")
    }

    @Test func nonASCIISubjectAndNamesAreFoldedEncodedWords() throws {
        let message = OutgoingMessage(
            from: EmailAddress(name: "Ünïcödé Sender With A Rather Long Display Name", address: "s@x.test"),
            to: [EmailAddress(name: "Алиса", address: "a@x.test"), EmailAddress(name: "Plain, Quoted", address: "p@x.test")],
            subject: String(repeating: "Grüße aus Köln ", count: 12), textBody: "x")
        let lines = Self.headerLines(try MessageBuilder.build(message))
        for line in lines {
            #expect(line.utf8.count <= 78, "\(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(!line.trimmingCharacters(in: .whitespaces).isEmpty)
        }
        for word in lines.joined(separator: " ").split(separator: " ") where word.hasPrefix("=?") {
            #expect(word.utf8.count <= 75)
        }
        #expect(lines.contains { $0.contains("\"Plain, Quoted\" <p@x.test>") })
    }

    @Test func threadingReplyToAndUndisclosedRecipients() throws {
        let message = OutgoingMessage(
            from: EmailAddress(address: "a@x.test"), to: [], bcc: [EmailAddress(address: "hidden@x.test")],
            replyTo: EmailAddress(name: "Replies", address: "r@x.test"), subject: "s", textBody: "x",
            inReplyTo: "<parent@x.test>", references: ["<root@x.test>", "<parent@x.test>"], messageID: "<mine@x.test>")
        let built = try MessageBuilder.assemble(message)
        let lines = Self.headerLines(built.bytes)
        #expect(lines.contains("To: undisclosed-recipients:;"))
        #expect(lines.contains("Reply-To: Replies <r@x.test>"))
        #expect(lines.contains("In-Reply-To: <parent@x.test>"))
        #expect(lines.contains("References: <root@x.test> <parent@x.test>"))
        #expect(lines.contains("Message-ID: <mine@x.test>"))
        #expect(built.messageID == "<mine@x.test>")
        #expect(!String(decoding: built.bytes, as: UTF8.self).contains("hidden"))
        let parsed = ParsedMessage.parse(built.bytes)
        #expect(parsed.to.isEmpty && parsed.bcc.isEmpty)
    }

    @Test func nonASCIIFilenamesUseRFC2231() throws {
        let name = "Résumé très long nom de fichier pour vérifier les continuations RFC 2231.pdf"
        let message = OutgoingMessage(
            from: EmailAddress(address: "a@x.test"), to: [EmailAddress(address: "b@x.test")], subject: "s", textBody: "x",
            attachments: [OutgoingAttachment(filename: name, mimeType: "application/pdf", data: [1, 2, 3])])
        let text = String(decoding: try MessageBuilder.build(message), as: UTF8.self)
        #expect(text.contains("filename*0*=UTF-8''R%C3%A9sum%C3%A9"))
        #expect(text.contains("name*1*="))
        #expect(ParsedMessage.parse(Array(text.utf8)).attachments.first?.filename == name)
    }

    @Test(arguments: [
        ("image/png", true), ("application/vnd.ms-excel", true), ("text/plain; charset=utf-8", false),
        ("nonsense", false), ("a/b/c", false), ("image/", false), ("image/pn g", false),
        ("application/" + String(repeating: "x", count: 1_000), false),
    ])
    func validatesMediaTypes(type: String, valid: Bool) {
        let message = OutgoingMessage(
            from: EmailAddress(address: "a@x.test"), to: [EmailAddress(address: "b@x.test")], subject: "s", textBody: "x",
            attachments: [OutgoingAttachment(filename: "f", mimeType: type, data: [1])])
        if valid {
            #expect(throws: Never.self) { try MessageBuilder.build(message) }
        } else {
            #expect(throws: MIMEBuildError(.invalidMediaType, field: "attachment 1 mime type")) { try MessageBuilder.build(message) }
        }
    }

    @Test func refusesBadAddressesAndIDs() {
        var message = OutgoingMessage(from: EmailAddress(address: "a@x.test"), to: [EmailAddress(address: "not an address")],
                                      subject: "s", textBody: "x")
        #expect(throws: MIMEBuildError(.invalidAddress, field: "To")) { try MessageBuilder.build(message) }
        message.to = [EmailAddress(address: "jösé@x.test")]
        #expect(throws: MIMEBuildError(.nonASCIIAddress, field: "To")) { try MessageBuilder.build(message) }
        #expect(throws: Never.self) { try MessageBuilder.build(message, options: BuildOptions(smtputf8: true)) }
        message.to = [EmailAddress(address: "b@x.test")]
        message.inReplyTo = "no-brackets@x"
        #expect(throws: MIMEBuildError(.invalidMessageID, field: "In-Reply-To")) { try MessageBuilder.build(message) }
        message.inReplyTo = nil
        message.references = ["<a@x> <b@y>"]
        #expect(throws: MIMEBuildError(.invalidMessageID, field: "References")) { try MessageBuilder.build(message) }
    }

    @Test func boundaryCollisionsAreAvoided() throws {
        let message = OutgoingMessage(
            from: EmailAddress(address: "a@x.test"), to: [EmailAddress(address: "b@x.test")], subject: "s",
            textBody: "text that contains\n--fixed\nthe boundary", htmlBody: "<p>--fixed</p>")
        let bytes = try MessageBuilder.build(message, options: BuildOptions(boundaryGenerator: { "fixed" }))
        let parsed = ParsedMessage.parse(bytes)
        #expect(parsed.textBody == message.textBody)
        #expect(parsed.htmlBody == message.htmlBody)
    }
}

@Suite struct MessageBuilderRoundTripTests {
    static let pieces = [
        "plain", "Grüße", "naïve café", "Привет", "日本語", "한국어", "עברית", "😀👍🏽", "👨‍👩‍👧", "=?utf-8?q?x?=", "\"quoted\"",
        "back\\slash", "comma,", "semi;colon", "<angle>", "(paren)", "tab\there", "a=b", "_under_", "?", "  ", "x", "Ünïcödé",
        String(repeating: "long", count: 30), "ß", "€", "\u{A0}",
    ]

    static func phrase(_ generator: inout RobustnessTests.SplitMix, words: Int) -> String {
        (0..<max(1, words)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined(separator: " ")
    }

    @Test(arguments: 0..<4)
    func randomMessagesRoundTrip(seed: Int) throws {
        var generator = RobustnessTests.SplitMix(state: UInt64(seed) &* 7919)
        for iteration in 0..<25 {
            let subject = Self.phrase(&generator, words: Int(generator.next() % 40)).trimmingCharacters(in: .whitespaces)
            let name = Self.phrase(&generator, words: 1 + Int(generator.next() % 4)).trimmingCharacters(in: .whitespaces)
            let body = (0..<Int(generator.next() % 30)).map { _ in Self.phrase(&generator, words: Int(generator.next() % 60)) }.joined(separator: "\n")
            let html = generator.next() % 2 == 0 ? "<p>\(Self.phrase(&generator, words: 5))</p>" : nil
            let attachments = (0..<Int(generator.next() % 3)).map { index in
                OutgoingAttachment(
                    filename: Self.phrase(&generator, words: 2).trimmingCharacters(in: .whitespaces) + ".bin",
                    mimeType: "application/octet-stream",
                    data: (0..<Int(generator.next() % 3000)).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            }
            let message = OutgoingMessage(
                from: EmailAddress(name: name.isEmpty ? nil : name, address: "from\(iteration)@example.com"),
                to: [EmailAddress(name: name.isEmpty ? nil : name, address: "to@example.org")],
                subject: subject, textBody: body, htmlBody: html, attachments: attachments)
            let bytes = try MessageBuilder.build(message, options: BuildOptions(allow8bit: generator.next() % 2 == 0))
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\r\n") { #expect(line.utf8.count <= 998) }
            let parsed = ParsedMessage.parse(bytes)
            // Controls in subjects (tabs included) read back as spaces.
            #expect(parsed.subject == subject.replacing("\t", with: " "), "seed \(seed) iteration \(iteration)")
            #expect(parsed.from?.name == message.from.name, "seed \(seed) iteration \(iteration)")
            #expect(parsed.to.first?.name == message.to.first?.name)
            let expectedText = Self.trailingTrimmed(body).allSatisfy(\.isWhitespace) && html != nil
                ? HTMLToText.convert(html ?? "") : Self.trailingTrimmed(body)
            #expect(parsed.textBody == expectedText, "seed \(seed) iteration \(iteration)")
            #expect(parsed.htmlBody == html)
            #expect(parsed.attachments.map(\.filename) == attachments.map(\.filename))
            #expect(parsed.attachments.map(\.data) == attachments.map(\.data))
        }
    }

    static func trailingTrimmed(_ text: String) -> String {
        var scalars = text.unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
