import NIOCore
import Testing

@testable import SMTP

@Suite("DATA encoding: dot-stuffing and line endings (RFC 5321 §4.5.2)")
struct SMTPDataEncoderTests {
    /// Encodes `message` in pieces of `step` bytes (0 = one piece) and finishes.
    private func encode(_ message: String, step: Int) -> String {
        var encoder = SMTPDataEncoder()
        var buffer = ByteBuffer()
        let bytes = Array(message.utf8)
        let size = step == 0 ? max(bytes.count, 1) : step
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + size, bytes.count)
            encoder.encode(bytes[offset..<end], into: &buffer)
            offset = end
        }
        encoder.finish(into: &buffer)
        return String(buffer: buffer)
    }

    @Test("fixtures, whole and split at every size", arguments: [
        ("Hi\r\nbye\r\n", "Hi\r\nbye\r\n.\r\n"),
        ("Hi\r\nbye", "Hi\r\nbye\r\n.\r\n"),
        (".starts with dot\r\n", "..starts with dot\r\n.\r\n"),
        ("a\r\n.\r\nb\r\n", "a\r\n..\r\nb\r\n.\r\n"),
        ("a\r\n..two\r\n", "a\r\n...two\r\n.\r\n"),
        ("mid.dle\r\n", "mid.dle\r\n.\r\n"),
        ("bare\nLF\n.dot\n", "bare\r\nLF\r\n..dot\r\n.\r\n"),
        ("bare\rCR\r.x", "bare\r\nCR\r\n..x\r\n.\r\n"),
        ("smuggle\n.\nMAIL FROM:<x@y>\n", "smuggle\r\n..\r\nMAIL FROM:<x@y>\r\n.\r\n"),
        ("ends with CR\r", "ends with CR\r\n.\r\n"),
        ("", ".\r\n"),
        ("\r\n", "\r\n.\r\n"),
        (".", "..\r\n.\r\n"),
    ])
    func fixtures(input: String, expected: String) {
        for step in [0, 1, 2, 3, 5] {
            #expect(encode(input, step: step) == expected, "step \(step)")
        }
    }

    @Test("a large message keeps every byte and grows only by the stuffed dots")
    func large() {
        var message = ""
        for index in 0..<2000 { message += index % 7 == 0 ? ".line \(index)\r\n" : "line \(index)\r\n" }
        let encoded = encode(message, step: 4096)
        let stuffed = (0..<2000).filter { $0 % 7 == 0 }.count
        #expect(encoded.utf8.count == message.utf8.count + stuffed + 3)
        #expect(encoded.hasSuffix("line 1999\r\n.\r\n"))
    }

    @Test("what a message needs: 8-bit body, 8-bit headers")
    func requirements() {
        let ascii = MessageRequirements(message: Array("Subject: hi\r\n\r\nbody\r\n".utf8))
        #expect(!ascii.hasEightBitData && !ascii.hasEightBitHeaders)
        let body = MessageRequirements(message: Array("Subject: hi\r\n\r\nb\u{f6}dy\r\n".utf8))
        #expect(body.hasEightBitData && !body.hasEightBitHeaders)
        let header = MessageRequirements(message: Array("To: j\u{f6}rg@example.org\r\n\r\nbody\r\n".utf8))
        #expect(header.hasEightBitData && header.hasEightBitHeaders)
        let lf = MessageRequirements(message: Array("Subject: hi\n\nb\u{f6}dy\n".utf8))
        #expect(lf.hasEightBitData && !lf.hasEightBitHeaders)
    }
}
