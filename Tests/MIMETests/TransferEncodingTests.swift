import Testing
@testable import MIME

@Suite struct TransferEncodingTests {
    @Test(arguments: [
        ("SGVsbG8sIFdvcmxkIQ==", "Hello, World!"),
        ("SGVs\r\nbG8s IFdv\tcmxk IQ==", "Hello, World!"),
        ("SGVsbG8sIFdvcmxkIQ", "Hello, World!"),
        ("SGVsbG8=SGVsbG8=", "HelloHello"),
        ("SGVs*bG8!", "Hello"),
        ("", ""),
        ("=", ""),
        ("QQ", "A"),
    ])
    func base64Decoding(encoded: String, expected: String) {
        #expect(TransferEncoding.base64.decode(Array(encoded.utf8)) == Array(expected.utf8))
    }

    @Test(arguments: [
        ("caf=C3=A9", "café"),
        ("caf=c3=a9", "café"),
        ("soft =\r\nbreak", "soft break"),
        ("soft =\nbreak", "soft break"),
        ("soft =  \r\nbreak", "soft break"),
        ("trailing   \r\nspace", "trailing\r\nspace"),
        ("bad =ZZ escape", "bad =ZZ escape"),
        ("end =", "end "),
        ("a=3Db", "a=b"),
        ("=4", "=4"),
    ])
    func quotedPrintableDecoding(encoded: String, expected: String) {
        #expect(TransferEncoding.quotedPrintable.decode(Array(encoded.utf8)) == Array(expected.utf8))
    }

    @Test func base64EncodeWrapsAt76AndRoundTrips() {
        for count in [0, 1, 2, 3, 56, 57, 58, 1000] {
            let data = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + 3) }
            var output: [UInt8] = []
            data.withUnsafeBufferPointer { Base64.encode($0, into: &output) }
            #expect(output.count == Base64.encodedLength(of: count))
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 76 })
            #expect(Base64.decode(output) == data)
        }
    }

    @Test func quotedPrintableEncodeRoundTrips() {
        let samples = [
            "plain ascii", "Grüße aus Köln = 100%", String(repeating: "long line ", count: 40),
            "trailing space \r\nnext", "From the start", "tab\tand = sign", "ends with space ",
        ]
        for sample in samples {
            var output: [UInt8] = []
            QuotedPrintable.encode(Array(sample.utf8), into: &output)
            let lines = String(decoding: output, as: UTF8.self).split(separator: "\r\n")
            #expect(lines.allSatisfy { $0.utf8.count <= 76 }, "\(sample)")
            #expect(QuotedPrintable.decode(output) == Array(sample.utf8), "\(sample)")
        }
    }

    @Test func decodeBodyAppliesCharsetAndLineEndings() {
        let body = TransferEncoding.decodeBody(Array("Gr=FC=DFe\r\nzweite".utf8), transferEncoding: "Quoted-Printable", charset: "iso-8859-1")
        #expect(body == "Grüße\nzweite")
        #expect(TransferEncoding.decodeBody(Array("w6k=".utf8), transferEncoding: "base64", charset: "utf-8") == "é")
        #expect(TransferEncoding.decodeBody(Array("raw".utf8), transferEncoding: nil, charset: nil) == "raw")
    }

    @Test func formatFlowedJoinsSoftBreaks() {
        let text = "This is a \nflowed paragraph.\n> quoted \n> text\n-- \nsig"
        #expect(FormatFlowed.decode(text, delSp: false) == "This is a flowed paragraph.\n> quoted text\n-- \nsig")
        #expect(FormatFlowed.decode("abc \ndef", delSp: true) == "abcdef")
        #expect(FormatFlowed.decode(" From stuffed", delSp: false) == "From stuffed")
    }

    @Test(arguments: ["7bit", "8BIT", "binary", "Base64", " quoted-printable ", "x-uuencode", ""])
    func parsesTokens(token: String) {
        let encoding = TransferEncoding(headerValue: token)
        if token.isEmpty { #expect(encoding == .sevenBit) }
        if token == "Base64" { #expect(encoding == .base64) }
        if token.contains("quoted") { #expect(encoding == .quotedPrintable) }
        if token == "x-uuencode" { #expect(encoding == .other("x-uuencode")) }
    }
}
