/// RFC 2047 encoded words: `=?charset?B|Q?encoded-text?=` in unstructured headers and phrases.
///
/// Decoding follows §6.2 and the usual real-world tolerance: whitespace between adjacent encoded words
/// is dropped; adjacent words in the same charset are joined before charset decoding (so a multi-byte
/// character split across two words survives); `charset*lang` (RFC 2231 §5) is accepted; words glued
/// to text, words containing spaces, lower-case `b`/`q` are accepted; a malformed word stays literal.
///
/// Wire example: `=?UTF-8?Q?Caf=C3=A9?= =?UTF-8?B?w6k=?=` → `"Caféé"`.
public enum EncodedWords {
    /// Longest encoded word accepted while decoding (the RFC says 75; real mail is sloppier).
    static let maximumWordLength = 2_000

    /// The header value with every encoded word decoded.
    public static func decode(_ headerValue: String) -> String {
        decode(headerValue, limit: MIMELimits.default.maximumEncodedWords)
    }

    /// As `decode(_:)`, decoding at most `limit` words (the rest stays literal).
    public static func decode(_ headerValue: String, limit: Int) -> String {
        let bytes = Array(headerValue.utf8)
        guard bytes.count >= 8, headerValue.contains("=?") else { return headerValue }
        var segments: [Segment] = []
        var index = 0
        var textStart = 0
        var words = 0
        while index + 1 < bytes.count {
            guard words < limit, bytes[index] == UInt8(ascii: "="), bytes[index + 1] == UInt8(ascii: "?"),
                  let word = parseWord(bytes, at: index) else {
                index += 1
                continue
            }
            if textStart < index { segments.append(.text(String(decoding: bytes[textStart..<index], as: UTF8.self))) }
            segments.append(.word(charset: word.charset, bytes: word.bytes))
            words += 1
            index = word.end
            textStart = index
        }
        if textStart < bytes.count { segments.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        return render(segments)
    }

    private enum Segment {
        case text(String)
        case word(charset: String, bytes: [UInt8])
    }

    private struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses `=?charset?X?text?=` at `start`.
    private static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            let byte = bytes[index]
            if byte <= 32 || byte >= 127 || index - charsetStart > 60 { return nil }
            index += 1
        }
        guard index + 2 < bytes.count, index > charsetStart, bytes[index + 2] == UInt8(ascii: "?") else { return nil }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let mode = bytes[index + 1] | 0x20
        guard mode == UInt8(ascii: "b") || mode == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        var end = textStart
        let limit = min(bytes.count - 1, start + maximumWordLength)
        while end < limit, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: "=")) {
            if bytes[end] == 13 || bytes[end] == 10 { return nil }
            end += 1
        }
        guard end < limit else { return nil }
        let text = bytes[textStart..<end]
        let decoded = mode == UInt8(ascii: "b") ? Base64.decode(text) : decodeQ(text)
        return Word(charset: charset, bytes: decoded, end: end + 2)
    }

    /// The Q encoding (§4.2): `_` is a space, `=XX` an octet.
    private static func decodeQ(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "_") {
                output.append(32)
            } else if byte == UInt8(ascii: "="), index + 2 < text.endIndex,
                      let high = QuotedPrintable.hexValue(text[index + 1]), let low = QuotedPrintable.hexValue(text[index + 2]) {
                output.append(high << 4 | low)
                index += 2
            } else {
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// Joins segments: linear whitespace between two words disappears; same-charset neighbours share
    /// one charset decoding.
    private static func render(_ segments: [Segment]) -> String {
        var output = ""
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        func flush() {
            if let charset = pendingCharset { output += Charsets.decode(pendingBytes, charset: charset) }
            pendingCharset = nil
            pendingBytes = []
        }
        for (position, segment) in segments.enumerated() {
            switch segment {
            case .word(let charset, let bytes):
                if let pending = pendingCharset, CharsetAliases.canonicalName(pending) != CharsetAliases.canonicalName(charset) {
                    flush()
                }
                pendingCharset = charset
                pendingBytes += bytes
            case .text(let text):
                let betweenWords = pendingCharset != nil && position + 1 < segments.count
                    && text.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r\n" || $0 == "\n" || $0 == "\r" }
                    && { if case .word = segments[position + 1] { return true } else { return false } }()
                if betweenWords { continue }
                flush()
                output += text
            }
        }
        flush()
        return output
    }
}
