extension EncodedWords {
    /// Characters the Q encoding may leave literal inside a phrase (RFC 2047 §5 (3)).
    private static func isQLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }

    /// Longest encoded word written (§2).
    static let maximumEncodedWordLength = 75

    /// The text as encoded words when it needs them (non-ASCII, controls, or something that would
    /// read as an encoded word), otherwise unchanged. Words are UTF-8, at most 75 characters each,
    /// separated by single spaces (the header writer folds there), and never split a character.
    /// The Q or B encoding is chosen per text, whichever is shorter. Safe in phrases and unstructured text.
    ///
    /// Example: `encode("Café")` → `"=?UTF-8?Q?Caf=C3=A9?="`.
    public static func encode(_ text: String) -> String {
        needsEncoding(text) ? encodeAlways(text) : text
    }

    /// Whether `text` cannot be written literally in a header.
    static func needsEncoding(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 0x7F || ($0 < 0x20 && $0 != 9) } || text.contains("=?")
    }

    /// `text` as encoded words, even when it is plain ASCII.
    static func encodeAlways(_ text: String) -> String {
        let utf8 = Array(text.utf8)
        let escaped = utf8.filter { !isQLiteral($0) && $0 != 32 }.count
        let useB = escaped * 3 > utf8.count
        let prefix = useB ? "=?UTF-8?B?" : "=?UTF-8?Q?"
        let capacity = maximumEncodedWordLength - prefix.utf8.count - 2
        var words: [String] = []
        var current: [UInt8] = []
        func encodedCount(_ bytes: [UInt8]) -> Int {
            useB ? (bytes.count + 2) / 3 * 4 : bytes.reduce(0) { $0 + (isQLiteral($1) || $1 == 32 ? 1 : 3) }
        }
        func flush() {
            guard !current.isEmpty else { return }
            words.append(prefix + (useB ? Base64.encodeLine(current) : qEncode(current)) + "?=")
            current = []
        }
        for unit in encodingUnits(text, capacity: capacity, useB: useB) {
            if encodedCount(current + unit) > capacity { flush() }
            current += unit
        }
        flush()
        return words.joined(separator: " ")
    }

    /// Characters as UTF-8, each small enough for one word (an over-long grapheme is split by scalars).
    private static func encodingUnits(_ text: String, capacity: Int, useB: Bool) -> [[UInt8]] {
        var units: [[UInt8]] = []
        let scalarLimit = useB ? capacity / 4 * 3 : capacity / 3
        for character in text {
            let bytes = Array(String(character).utf8)
            if bytes.count <= scalarLimit {
                units.append(bytes)
            } else {
                for scalar in character.unicodeScalars { units.append(Array(String(scalar).utf8)) }
            }
        }
        return units
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func qEncode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        for byte in bytes {
            if byte == 32 {
                output.append(UInt8(ascii: "_"))
            } else if isQLiteral(byte) {
                output.append(byte)
            } else {
                output += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
