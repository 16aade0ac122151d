/// Quoted-printable (RFC 2045 §6.7): tolerant decoding and an encoder that keeps lines ≤ 76 columns.
enum QuotedPrintable {
    /// Decodes `=XX` (either case), soft line breaks (`=` then optional whitespace then CRLF or LF),
    /// and drops whitespace the transport appended before line ends. Malformed `=` is kept literally.
    static func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        var pendingSpaces = 0
        while index < input.count {
            let byte = input[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                // Held back: dropped if the line ends here (rule 3), written otherwise.
                pendingSpaces += 1
                index += 1
                continue
            case 13, 10:
                pendingSpaces = 0
                output.append(byte)
                index += 1
                continue
            default:
                flushSpaces(input, before: index, count: &pendingSpaces, into: &output)
            }
            guard byte == UInt8(ascii: "=") else {
                output.append(byte)
                index += 1
                continue
            }
            index = decodeEscape(input, at: index, into: &output)
        }
        flushSpaces(input, before: index, count: &pendingSpaces, into: &output)
        return output
    }

    private static func flushSpaces(_ input: [UInt8], before index: Int, count: inout Int, into output: inout [UInt8]) {
        guard count > 0 else { return }
        output.append(contentsOf: input[(index - count)..<index])
        count = 0
    }

    /// Handles the `=` at `index`; returns the index after what it consumed.
    private static func decodeEscape(_ input: [UInt8], at index: Int, into output: inout [UInt8]) -> Int {
        if index + 2 < input.count, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
            output.append(high << 4 | low)
            return index + 3
        }
        // Soft line break: "=" [spaces] (CRLF | LF | end of input).
        var next = index + 1
        while next < input.count, input[next] == UInt8(ascii: " ") || input[next] == UInt8(ascii: "\t") { next += 1 }
        if next == input.count { return next }
        if input[next] == 10 { return next + 1 }
        if input[next] == 13 { return next + 1 < input.count && input[next + 1] == 10 ? next + 2 : next + 1 }
        output.append(UInt8(ascii: "="))
        return index + 1
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Encodes text whose lines are separated by CRLF (line breaks stay hard breaks), appending to
    /// `output`. Lines are soft-broken at 76 columns; trailing whitespace, `=`, controls and 8-bit
    /// octets are escaped; a line starting with `.` or `From ` is not special here (SMTP dot-stuffing is
    /// the transport's job) but `F` of `From ` is escaped for mbox safety.
    static func encode(_ input: [UInt8], into output: inout [UInt8]) {
        var lineStart = 0
        var index = 0
        while index <= input.count {
            let atEnd = index == input.count
            if atEnd || (input[index] == 13 && index + 1 < input.count && input[index + 1] == 10) {
                encodeLine(input[lineStart..<index], into: &output)
                if atEnd { break }
                output.append(13)
                output.append(10)
                index += 2
                lineStart = index
                continue
            }
            index += 1
        }
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into output: inout [UInt8]) {
        var column = 0
        let last = line.endIndex - 1
        for position in line.indices {
            let byte = line[position]
            let isTrailingSpace = position == last && (byte == 32 || byte == 9)
            let isMboxFrom = position == line.startIndex && byte == UInt8(ascii: "F") && line.dropFirst().starts(with: Array("rom ".utf8))
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || byte == 32 || byte == 9
            let width = literal && !isTrailingSpace && !isMboxFrom ? 1 : 3
            // Room for the character plus the soft-break "=" within 76 columns.
            if column + width > 75 {
                output.append(contentsOf: [UInt8(ascii: "="), 13, 10])
                column = 0
            }
            if width == 1 {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "="))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 15)])
            }
            column += width
        }
    }
}

/// RFC 3676 format=flowed decoding: lines ending in a space are joined with the next line of the
/// same quote depth; space-stuffing is removed; with DelSp=yes the trailing space is deleted.
enum FormatFlowed {
    static func decode(_ text: String, delSp: Bool) -> String {
        var result: [String] = []
        var paragraph: String?
        var paragraphDepth = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            var depth = 0
            while line.first == ">" { depth += 1; line = line.dropFirst() }
            if line.first == " " { line = line.dropFirst() }
            let isSignature = line == "-- "
            let isFlowed = !isSignature && line.last == " "
            if let open = paragraph, depth != paragraphDepth {
                result.append(open)
                paragraph = nil
            }
            var content = String(line)
            if isFlowed && delSp { content.removeLast() }
            let prefix = depth > 0 ? String(repeating: ">", count: depth) + " " : ""
            let joined = (paragraph ?? prefix) + content
            if isFlowed {
                paragraph = joined
                paragraphDepth = depth
            } else {
                result.append(joined)
                paragraph = nil
            }
        }
        if let open = paragraph { result.append(open) }
        return result.joined(separator: "\n")
    }
}
