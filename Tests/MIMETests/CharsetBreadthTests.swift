import Foundation
import Testing
@testable import MIME

/// Every charset the issue lists, with real bytes (produced by encoding the text in that charset).
@Suite struct CharsetBreadthTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        var charset: String
        var hex: String
        var text: String
        var testDescription: String { charset }

        var bytes: [UInt8] {
            var result: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
                index = next
            }
            return result
        }
    }

    static let samples: [Sample] = [
        ("utf-8", "4772c3bcc39f652c20d0bcd0b8d1802c20e697a5e69cac", "Grüße, мир, 日本"),
        ("us-ascii", "706c61696e2074657874", "plain text"),
        ("iso-8859-1", "4772fcdf6520e0206c61206672616ee761697365", "Grüße à la française"),
        ("iso-8859-2", "5a61bff3b3e62067eab66cb1206a61bcf1", "Zażółć gęślą jaźń"),
        ("iso-8859-3", "a120f520bf20e5", "Ħ ġ ż ċ"),
        ("iso-8859-4", "c020ba20ef20fe20b3", "Ā ē ī ū ŗ"),
        ("iso-8859-5", "bfe0d8d2d5e220dcd8e0", "Привет мир"),
        ("iso-8859-6", "e5d1cdc8c7", "مرحبا"),
        ("iso-8859-7", "cae1ebe7ecddf1e1", "Καλημέρα"),
        ("iso-8859-8", "f9ece5ed", "שלום"),
        ("iso-8859-9", "47fc6e617964fd6e20dd7374616e62756c20fef0", "Günaydın İstanbul şğ"),
        ("iso-8859-10", "af20bb20ff", "Ŋ ŧ ĸ"),
        ("iso-8859-11", "cac7d1cab4d5", "สวัสดี"),
        ("iso-8859-13", "c0fe756f6c617320ebeb", "Ąžuolas ėė"),
        ("iso-8859-14", "d020fe20a2", "Ŵ ŷ ḃ"),
        ("iso-8859-15", "507269783a203130a420bd7576726520a6", "Prix: 10€ œuvre Š"),
        ("windows-1250", "50f8ed6c699a209e6c759d6f75e86bfd206bf9f2", "Příliš žluťoučký kůň"),
        ("windows-1251", "d1fae5f8fc20e6e520e5f9b8", "Съешь же ещё"),
        ("windows-1252", "93536d6172742071756f74657394209620803520852099", "“Smart quotes” – €5 … ™"),
        ("windows-1253", "c3e5e9dc20f3eff5", "Γειά σου"),
        ("windows-1254", "c761f072fd20f0fcfe", "Çağrı ğüş"),
        ("windows-1255", "f9ece5ed20f2e5eced", "שלום עולם"),
        ("windows-1256", "e3d1cdc8c720c8c7e1dac7e1e3", "مرحبا بالعالم"),
        ("windows-1257", "4c61626469656e20e0e8e6", "Labdien ąčę"),
        ("windows-1258", "5669eaf274204e616d20d0f4cc6e67", "Vi\u{EA}\u{0323}t Nam \u{0110}\u{F4}\u{0300}ng"),
        ("koi8-r", "f3dfc5dbd820d6c520c5dda320dcd4c9c8", "Съешь же ещё этих"),
        ("koi8-u", "bdc1cecfcb20a7d6c1cb", "Ґанок їжак"),
        ("shift_jis", "93fa967b8cea82cc8365834c83588367", "日本語のテキスト"),
        ("euc-jp", "c6fccbdcb8eca4cea5c6a5ada5b9a5c8", "日本語のテキスト"),
        ("iso-2022-jp", "1b2442467c4b5c386c244e2546252d253925481b2842", "日本語のテキスト"),
        ("gb2312", "bcf2cce5d6d0cec4b2e2cad4", "简体中文测试"),
        ("gbk", "bcf2cce5d6d0cec49c79d487", "简体中文測試"),
        ("gb18030", "d6d0cec420a2e3", "中文 €"),
        ("big5", "c163c5e9a4a4a4e5b4fab8d5", "繁體中文測試"),
        ("euc-kr", "c7d1b1b9beee20c5d8bdbac6ae", "한국어 텍스트"),
        // Aliases seen in real mail.
        ("latin1", "4772fcdf65", "Grüße"),
        ("ISO_8859-2:1987", "5a61bff3b3e6", "Zażółć"),
        ("cp1252", "80", "€"),
        ("x-sjis", "93fa967b", "日本"),
        ("ks_c_5601-1987", "c7d1b1b9", "한국"),
        ("\"KOI8-R\"", "f3dfc5dbd8", "Съешь"),
        ("csShiftJIS", "93fa967b", "日本"),
        ("x-euc-jp", "c6fccbdc", "日本"),
        ("cn-big5", "c163c5e9", "繁體"),
        ("win-1251", "d1fae5f8fc", "Съешь"),
        ("utf8", "c3a9", "é"),
        ("ansi_x3.4-1968", "41", "A"),
    ].map { Sample(charset: $0.0, hex: $0.1, text: $0.2) }

    @Test(arguments: samples)
    func decodesBytes(_ sample: Sample) {
        #expect(Charsets.decode(sample.bytes, charset: sample.charset) == sample.text)
    }

    @Test(arguments: samples)
    func decodesQuotedPrintableBodyAndEncodedWordSubject(_ sample: Sample) {
        let qp = sample.bytes.map { String(format: "=%02X", $0) }.joined()
        let word = "=?\(sample.charset.replacing("\"", with: ""))?B?\(Base64.encodeLine(sample.bytes))?="
        for crlf in lineEndingStyles {
            var raw = messageBytes("Subject: \(word)\nContent-Type: text/plain; charset=\(sample.charset)\nContent-Transfer-Encoding: quoted-printable\n\n", crlf: crlf)
            raw += Array(qp.utf8)
            let message = ParsedMessage.parse(raw)
            #expect(message.textBody == sample.text)
            #expect(message.subject == sample.text)
        }
    }

    @Test(arguments: samples)
    func decodesEightBitBodyAndRawHeader(_ sample: Sample) {
        // Raw 8-bit header: read in the part's declared charset when it is not UTF-8.
        var raw = Array("Subject: ".utf8) + sample.bytes + Array("\r\nContent-Type: text/plain; charset=\(sample.charset)\r\nContent-Transfer-Encoding: 8bit\r\n\r\n".utf8)
        raw += sample.bytes
        let message = ParsedMessage.parse(raw)
        #expect(message.textBody == sample.text)
        #expect(message.subject == sample.text)
    }

    @Test func everyListedCharsetIsSupportedByIconv() {
        for sample in Self.samples {
            #expect(Charsets.isSupported(sample.charset.replacing("\"", with: "")), "\(sample.charset)")
        }
    }
}
