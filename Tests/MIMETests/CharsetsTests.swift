import Testing
@testable import MIME

@Suite struct CharsetsTests {
    @Test func utf8AndLatin1() {
        #expect(Charsets.decode(Array("café".utf8), charset: "utf-8") == "café")
        #expect(Charsets.decode([0x63, 0x61, 0x66, 0xE9], charset: "iso-8859-1") == "café")
        #expect(Charsets.decode([0x63, 0x61, 0x66, 0xE9], charset: "latin1") == "café")
        #expect(Charsets.decode([0x80, 0x93, 0x94], charset: "cp1252") == "€“”")
    }

    @Test func lyingCharsetsFallBack() {
        // Declared us-ascii, really UTF-8.
        #expect(Charsets.decode(Array("naïve".utf8), charset: "us-ascii") == "naïve")
        // Declared us-ascii, really windows-1252.
        #expect(Charsets.decode([0x6E, 0x61, 0xEF, 0x76, 0x65], charset: "us-ascii") == "naïve")
        // Declared iso-8859-1, really UTF-8.
        #expect(Charsets.decode(Array("Grüße".utf8), charset: "iso-8859-1") == "Grüße")
        // Declared UTF-8, really Latin-1.
        #expect(Charsets.decode([0x47, 0x72, 0xFC, 0xDF, 0x65], charset: "utf-8") == "Grüße")
        // Unknown label.
        #expect(Charsets.decode(Array("ok é".utf8), charset: "x-made-up") == "ok é")
        #expect(Charsets.decode([0xE9], charset: nil) == "é")
        #expect(Charsets.decode([0xE9], charset: "bad//TRANSLIT") == "é")
    }

    @Test func neverFailsOnGarbage() {
        var generator = SystemRandomNumberGenerator()
        for charset in ["utf-8", "shift_jis", "iso-2022-jp", "gb18030", "big5", "euc-kr", "koi8-r", "utf-16", nil] {
            for _ in 0..<20 {
                let bytes = (0..<Int(generator.next(upperBound: UInt64(64)))).map { _ in UInt8.random(in: 0...255, using: &generator) }
                _ = Charsets.decode(bytes, charset: charset)
            }
        }
    }
}
