/// Base64 (RFC 2045 §6.8) decoding that tolerates what real mail contains — line breaks anywhere,
/// stray characters, missing or extra padding, the URL-safe alphabet — and encoding straight into an
/// output buffer at 76 columns, so a 10 MB attachment is never copied through intermediate strings.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Decodes, skipping every octet outside the alphabet. Padding ends nothing: some mailers
    /// concatenate padded chunks, so decoding resumes after `=`.
    static func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var count = 0
        for byte in bytes {
            if byte == UInt8(ascii: "=") {
                flush(&accumulator, &count, into: &output)
                continue
            }
            let value = decodeTable[Int(byte)]
            if value == 0xFF { continue }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                output.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                output.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                output.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        flush(&accumulator, &count, into: &output)
        return output
    }

    /// Emits the octets of a partial quantum (2 or 3 characters); a lone character carries no octet.
    private static func flush(_ accumulator: inout UInt32, _ count: inout Int, into output: inout [UInt8]) {
        switch count {
        case 2:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            output.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            output.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default:
            break
        }
        accumulator = 0
        count = 0
    }

    /// Length of the encoding of `count` octets, with CRLF after every `lineLength` characters
    /// (and after the last line when `count > 0`).
    static func encodedLength(of count: Int, lineLength: Int = 76) -> Int {
        let characters = (count + 2) / 3 * 4
        let lines = (characters + lineLength - 1) / lineLength
        return characters + lines * 2
    }

    /// Appends the encoding of `input` to `output`, growing it once and writing in place.
    static func encode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], lineLength: Int = 76) {
        let total = encodedLength(of: input.count, lineLength: lineLength)
        guard total > 0 else { return }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: total))
        output.withUnsafeMutableBufferPointer { buffer in
            var out = start
            var column = 0
            var index = 0
            func put(_ byte: UInt8) {
                buffer[out] = byte
                out += 1
                column += 1
                if column == lineLength {
                    buffer[out] = 13
                    buffer[out + 1] = 10
                    out += 2
                    column = 0
                }
            }
            while index + 3 <= input.count {
                let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                put(alphabet[Int(value >> 18 & 63)])
                put(alphabet[Int(value >> 12 & 63)])
                put(alphabet[Int(value >> 6 & 63)])
                put(alphabet[Int(value & 63)])
                index += 3
            }
            let rest = input.count - index
            if rest > 0 {
                let value = UInt32(input[index]) << 16 | (rest == 2 ? UInt32(input[index + 1]) << 8 : 0)
                put(alphabet[Int(value >> 18 & 63)])
                put(alphabet[Int(value >> 12 & 63)])
                put(rest == 2 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "="))
                put(UInt8(ascii: "="))
            }
            if column > 0 {
                buffer[out] = 13
                buffer[out + 1] = 10
            }
        }
    }

    /// Base64 of `bytes` on one line, for encoded words.
    static func encodeLine(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        bytes.withUnsafeBufferPointer { encode($0, into: &output, lineLength: Int.max / 2) }
        return String(decoding: output.dropLast(2), as: UTF8.self)
    }
}
