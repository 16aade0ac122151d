import Foundation
import MailCore
import Testing
@testable import MIME

/// Garbage in gives a best-effort message, never a crash or a hang.
@Suite struct RobustnessTests {
    /// A small deterministic generator so failures can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let alphabet = Array("--=?:;<>\"\\\r\n \tabcXYZ@.()[]boundary=content-type:multipart/mixed;base64quoted-printable=?utf-8?b?q?=E9".utf8)

    @Test(arguments: 0..<8)
    func randomBytesNeverCrash(seed: Int) {
        var generator = SplitMix(state: UInt64(seed))
        for _ in 0..<60 {
            let length = Int(generator.next() % 2_000)
            let structured = generator.next() % 2 == 0
            let bytes = (0..<length).map { _ in
                structured ? Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] : UInt8(truncatingIfNeeded: generator.next())
            }
            Self.exercise(bytes)
        }
    }

    @Test(arguments: GoldenFixture.all().prefix(20))
    func mutatedFixturesNeverCrash(_ fixture: GoldenFixture) throws {
        let original = try [UInt8](Data(contentsOf: fixture.url))
        var generator = SplitMix(state: UInt64(original.count))
        for _ in 0..<20 {
            var bytes = original
            for _ in 0..<1 + Int(generator.next() % 16) where !bytes.isEmpty {
                let position = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 3 {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.remove(at: position)
                default: bytes.insert(Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))], at: position)
                }
            }
            Self.exercise(bytes)
        }
    }

    static func exercise(_ bytes: [UInt8]) {
        let message = ParsedMessage.parse(bytes, limits: MIMELimits(maximumDepth: 8, maximumPartCount: 100))
        let mailCore = message.toMailCoreMessage(summary: message.makeSummary(messageID: "x"), includeHTML: true, includeAttachmentData: false)
        #expect(mailCore.attachments.count == message.attachments.count)
        let text = String(decoding: bytes, as: UTF8.self)
        let sanitized = HTMLSanitizer.sanitize(text)
        #expect(!sanitized.lowercased().contains("<script"))
        #expect(HTMLSanitizer.sanitize(sanitized) == sanitized)
        _ = HTMLToText.convert(text)
        _ = AddressListParser.parse(text)
        _ = EncodedWords.decode(text)
        _ = RFC5322Date.parse(text)
    }

    @Test func pathologicalShapesStayBounded() {
        let clock = ContinuousClock()
        let start = clock.now
        // Many parts, deep nesting, huge headers, long lines, many encoded words.
        var many = "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        many += String(repeating: "--b\r\n\r\nx\r\n", count: 20_000)
        let manyParts = ParsedMessage.parse(Array(many.utf8))
        #expect(manyParts.root.children.count <= MIMELimits.default.maximumPartCount)

        var deep = ""
        for level in 0..<200 { deep += "Content-Type: multipart/mixed; boundary=b\(level)\r\n\r\n--b\(level)\r\n" }
        _ = ParsedMessage.parse(Array(deep.utf8))

        let headers = String(repeating: "X-H: v\r\n", count: 50_000) + "Subject: late\r\n\r\nbody"
        let manyHeaders = ParsedMessage.parse(Array(headers.utf8))
        #expect(manyHeaders.headers.count <= MIMELimits.default.maximumHeaderCount)

        let words = "Subject: " + String(repeating: "=?utf-8?q?a?= ", count: 20_000) + "\r\n\r\n"
        _ = ParsedMessage.parse(Array(words.utf8))
        let addresses = "To: " + String(repeating: "a@b.c, ", count: 20_000) + "\r\n\r\n"
        #expect(ParsedMessage.parse(Array(addresses.utf8)).to.count <= MIMELimits.default.maximumAddressCount)
        let comments = "From: " + String(repeating: "(", count: 50_000) + "\r\n\r\n"
        _ = ParsedMessage.parse(Array(comments.utf8))
        #expect(clock.now - start < .seconds(60))
    }
}
