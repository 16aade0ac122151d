import MailCore

/// Writes header fields for `MessageBuilder`: folding (RFC 5322 §2.2.3) at spaces so lines stay within
/// 78 characters where possible and never exceed 998, phrases and address lists (§3.4), and RFC 2231
/// parameters (§3–4) for long or non-ASCII values.
struct HeaderWriter {
    /// Preferred line length (RFC 5322 §2.1.1).
    static let preferredLineLength = 78
    /// Hard line length limit without CRLF (RFC 5322 §2.1.1).
    static let maximumLineLength = 998

    private(set) var bytes: [UInt8] = []

    /// `Name: value` folded at spaces, CRLF-terminated.
    mutating func field(_ name: String, _ value: String) {
        var line = name + ":"
        var column = line.utf8.count
        for (position, word) in value.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let width = word.utf8.count
            if position > 0 || !word.isEmpty {
                // Fold only before a word, so no line is whitespace alone; the first word may move to
                // its own line too when it would not fit after the name.
                if !word.isEmpty && column + 1 + width > Self.preferredLineLength && width + 1 <= Self.preferredLineLength {
                    line += "\r\n"
                    column = 0
                }
                line += " " + word
                column += 1 + width
            }
        }
        bytes += Array(line.utf8)
        bytes += [13, 10]
    }

    /// `"Name" <address>` or `address`, with an encoded-word phrase for non-ASCII names.
    static func mailbox(_ address: EmailAddress, encodedAddress: String) -> String {
        guard let name = address.name?.trimmingASCIIWhitespace(), !name.isEmpty else { return encodedAddress }
        return phrase(name) + " <" + encodedAddress + ">"
    }

    private static let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".unicodeScalars)

    /// A display name as an RFC 5322 phrase: atoms as is, otherwise a quoted string, and RFC 2047
    /// encoded words when non-ASCII (or over-long).
    static func phrase(_ name: String) -> String {
        if EncodedWords.needsEncoding(name) || name.utf8.count > 900 { return EncodedWords.encodeAlways(name) }
        if name.unicodeScalars.allSatisfy({ atext.contains($0) }) && !name.hasPrefix(" ") && !name.contains("  ") {
            return name
        }
        var quoted = "\""
        for scalar in name.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { quoted += "\\" }
            quoted.unicodeScalars.append(scalar)
        }
        return quoted + "\""
    }

    /// An unstructured value (Subject): literal when it is printable ASCII whose words fit on a line,
    /// encoded words otherwise.
    static func unstructured(_ text: String, nameLength: Int) -> String {
        let longestWord = text.split(separator: " ").map(\.utf8.count).max() ?? 0
        if EncodedWords.needsEncoding(text) || longestWord + nameLength + 2 > maximumLineLength {
            return EncodedWords.encodeAlways(text)
        }
        return text
    }

    /// RFC 2045 `token` characters.
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            byte > 32 && byte < 127 && !"()<>@,;:\\\"/[]?=".utf8.contains(byte)
        }
    }

    /// `name="value"`, or RFC 2231 `name*0*=UTF-8''…; name*1*=…` sections when the value is
    /// non-ASCII or too long for one line.
    static func parameter(_ name: String, _ value: String) -> [String] {
        let printable = value.utf8.allSatisfy { $0 >= 32 && $0 < 127 }
        // A value that contains "=?" is written in RFC 2231 form so no reader takes it for an encoded word.
        if printable && value.utf8.count <= 60 && !value.contains("=?") {
            let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            return ["\(name)=\"\(escaped)\""]
        }
        var sections: [String] = []
        var current = ""
        for byte in value.utf8 {
            let piece = isAttributeChar(byte) ? String(Unicode.Scalar(byte)) : "%" + hex(byte)
            if current.utf8.count + piece.utf8.count > 60 {
                sections.append(current)
                current = ""
            }
            current += piece
        }
        sections.append(current)
        if sections.count == 1 { return ["\(name)*=UTF-8''\(sections[0])"] }
        return sections.enumerated().map { index, section in
            index == 0 ? "\(name)*0*=UTF-8''\(section)" : "\(name)*\(index)*=\(section)"
        }
    }

    /// RFC 2231 `attribute-char`.
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "+"), UInt8(ascii: "-"),
             UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
