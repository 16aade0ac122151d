import Foundation
import MailCore
import Testing
@testable import MIME

/// What a golden fixture's JSON says `ParsedMessage.parse` must produce (see Fixtures/mime/README.md).
struct FixtureExpectation: Decodable {
    struct Address: Decodable { var name: String?; var address: String }
    struct AttachmentMeta: Decodable {
        var filename: String?
        var mime_type: String?
        var size: Int?
        var content_id: String?
        var inline: Bool?
        var part_path: String?
        var crc32: String?
    }

    var subject: String?
    var from: Address?
    var to: [Address]?
    var cc: [Address]?
    var reply_to: [Address]?
    var date: Double?
    var message_id: String?
    var in_reply_to: [String]?
    var references: [String]?
    var text: String?
    var text_prefix: String?
    var text_contains: [String]?
    var html_contains: [String]?
    var html_absent: Bool?
    var headers: [String: String]?
    var attachments: [AttachmentMeta]?
    var leaf_paths: [String]?
    var snippet: String?
}

struct GoldenFixture: Sendable, CustomTestStringConvertible {
    var folder: String
    var name: String
    var url: URL
    var testDescription: String { "\(folder)/\(name)" }

    /// Every `Fixtures/mime/*/NAME.eml` with its JSON.
    static func all() -> [GoldenFixture] {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.appendingPathComponent("mime") else { return [] }
        var fixtures: [GoldenFixture] = []
        for folder in ["rfc", "malformed", "vendor"] {
            let directory = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for file in names.sorted() where file.hasSuffix(".eml") {
                fixtures.append(GoldenFixture(folder: folder, name: String(file.dropLast(4)), url: directory.appendingPathComponent(file)))
            }
        }
        return fixtures
    }
}

@Suite struct GoldenFixtureTests {
    @Test func fixturesArePresent() {
        #expect(GoldenFixture.all().count >= 40)
    }

    @Test(arguments: GoldenFixture.all(), lineEndingStyles)
    func parsesAsExpected(_ fixture: GoldenFixture, crlf: Bool) throws {
        let raw = try [UInt8](Data(contentsOf: fixture.url))
        let json = try Data(contentsOf: fixture.url.deletingPathExtension().appendingPathExtension("json"))
        let expected = try JSONDecoder().decode(FixtureExpectation.self, from: json)
        let message = ParsedMessage.parse(Self.convert(raw, crlf: crlf))
        Self.check(message, expected)
    }

    /// The bytes with every line ending made LF, then optionally CRLF.
    static func convert(_ bytes: [UInt8], crlf: Bool) -> [UInt8] {
        var lf: [UInt8] = []
        lf.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !(byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10) {
            lf.append(byte)
        }
        guard crlf else { return lf }
        var result: [UInt8] = []
        result.reserveCapacity(lf.count + lf.count / 20)
        for byte in lf {
            if byte == 10 { result.append(13) }
            result.append(byte)
        }
        return result
    }

    static func addresses(_ list: [FixtureExpectation.Address]) -> [EmailAddress] {
        list.map { EmailAddress(name: $0.name, address: $0.address) }
    }

    static func check(_ message: ParsedMessage, _ expected: FixtureExpectation) {
        if let subject = expected.subject { #expect(message.subject == subject) }
        if let from = expected.from { #expect(message.from == EmailAddress(name: from.name, address: from.address)) }
        if let to = expected.to { #expect(message.to == addresses(to)) }
        if let cc = expected.cc { #expect(message.cc == addresses(cc)) }
        if let replyTo = expected.reply_to { #expect(message.replyTo == addresses(replyTo)) }
        if let date = expected.date { #expect(message.date?.timeIntervalSince1970 == date) }
        if let id = expected.message_id { #expect(message.messageID == id) }
        if let ids = expected.in_reply_to { #expect(message.inReplyTo == ids) }
        if let ids = expected.references { #expect(message.references == ids) }
        if let text = expected.text { #expect(message.textBody == text) }
        if let prefix = expected.text_prefix { #expect(message.textBody.hasPrefix(prefix)) }
        for piece in expected.text_contains ?? [] { #expect(message.textBody.contains(piece)) }
        for piece in expected.html_contains ?? [] { #expect(message.htmlBody?.contains(piece) == true, "\(piece)") }
        if expected.html_absent == true { #expect(message.htmlBody == nil) }
        for (name, value) in expected.headers ?? [:] { #expect(message.header(named: name)?.decodedValue == value) }
        if let snippet = expected.snippet { #expect(Snippet.make(from: message.textBody) == snippet) }
        if let paths = expected.leaf_paths { #expect(leafPaths(message.root) == paths) }
        if let attachments = expected.attachments { checkAttachments(message.attachments, attachments) }
    }

    static func leafPaths(_ entity: MIMEEntity) -> [String] {
        entity.children.isEmpty ? [entity.partPath] : entity.children.flatMap(leafPaths)
    }

    static func checkAttachments(_ actual: [ParsedAttachment], _ expected: [FixtureExpectation.AttachmentMeta]) {
        #expect(actual.count == expected.count)
        for (attachment, meta) in zip(actual, expected) {
            if let filename = meta.filename { #expect(attachment.filename == filename) }
            if let type = meta.mime_type { #expect(attachment.mimeType == type) }
            if let size = meta.size { #expect(attachment.size == size) }
            if let id = meta.content_id { #expect(attachment.contentID == id) }
            if let inline = meta.inline { #expect(attachment.inline == inline) }
            if let path = meta.part_path { #expect(attachment.partPath == path) }
            if let crc = meta.crc32 { #expect(CRC32.hex(attachment.data) == crc) }
        }
    }
}

/// CRC-32 (IEEE), to compare attachment bytes with the fixture generator's `zlib.crc32`.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func hex(_ bytes: [UInt8]) -> String {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        let value = String(crc ^ 0xFFFF_FFFF, radix: 16)
        return String(repeating: "0", count: 8 - value.count) + value
    }
}
