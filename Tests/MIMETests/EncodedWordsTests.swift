import Testing
@testable import MIME

@Suite struct EncodedWordsTests {
    @Test(arguments: [
        ("=?UTF-8?Q?Caf=C3=A9?=", "Café"),
        ("=?utf-8?q?Caf=c3=a9_au_lait?=", "Café au lait"),
        ("=?UTF-8?B?Q2Fmw6k=?=", "Café"),
        ("=?ISO-8859-1?Q?Gr=FC=DFe?=", "Grüße"),
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),
        ("=?UTF-8?Q?a?=\t =?UTF-8?Q?b?=", "ab"),
        ("=?UTF-8?Q?a?= b =?UTF-8?Q?c?=", "a b c"),
        ("plain =?UTF-8?Q?word?= text", "plain word text"),
        // A multi-byte character split across two words.
        ("=?UTF-8?B?w6Q=?= =?UTF-8?B?w7Y=?=", "äö"),
        ("=?UTF-8?Q?=C3?= =?UTF-8?Q?=A4?=", "ä"),
        ("=?UTF-8*en?Q?hello?=", "hello"),
        ("=?UTF-8?X?bad?=", "=?UTF-8?X?bad?="),
        ("=?UTF-8?Q?unterminated", "=?UTF-8?Q?unterminated"),
        ("=??Q?x?=", "=??Q?x?="),
        ("no words here", "no words here"),
        ("=?UTF-8?Q?Why?_not?=", "Why? not"),
        ("x=?UTF-8?Q?glued?=y", "xgluedy"),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
    ])
    func decodes(encoded: String, expected: String) {
        #expect(EncodedWords.decode(encoded) == expected)
    }

    @Test(arguments: [
        "Café", "plain", "Grüße aus Köln und überall", "日本語のテキストがとても長い場合でも正しく分割されること",
        String(repeating: "é", count: 100), "emoji 👨‍👩‍👧‍👦 family", "a=?b?=c", "mixed ASCII with one ü in a long subject line that goes on",
    ])
    func encodeRoundTripsAndRespectsLimits(text: String) {
        let encoded = EncodedWords.encode(text)
        #expect(EncodedWords.decode(encoded) == text)
        if EncodedWords.needsEncoding(text) {
            for word in encoded.split(separator: " ") {
                #expect(word.utf8.count <= 75)
                #expect(word.hasPrefix("=?UTF-8?"))
            }
        } else {
            #expect(encoded == text)
        }
    }
}
