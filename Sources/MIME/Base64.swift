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
        if let result = bytes.withContiguousStorageIfAvailable({ decode(buffer: $0) }) { return result }
        return Array(bytes).withUnsafeBufferPointer { decode(buffer: $0) }
    }

    private static func decode(buffer input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count / 4 * 3 + 3)
        var accumulator: UInt32 = 0
        var count = 0
        decodeTable.withUnsafeBufferPointer { table in
            var position = 0
            while position < input.count {
                let byte = input[position]
                position += 1
                if byte == UInt8(ascii: "=") {
                    flush(&accumulator, &count, into: &output)
                    continue
                }
                let value = table[Int(byte)]
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
        let perLine = max(1, lineLength / 4) * 4
        let lines = (characters + perLine - 1) / perLine
        return characters + lines * 2
    }

    /// Appends the encoding of `input` to `output`, growing it once and writing in place: whole
    /// lines of `lineLength / 4` quanta, then the tail with padding, each line ending in CRLF.
    static func encode(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], lineLength: Int = 76) {
        let total = encodedLength(of: input.count, lineLength: lineLength)
        guard total > 0, let source = input.baseAddress else { return }
        let start = output.count
        ZeroFill.append(total, to: &output)
        let quantaPerLine = max(1, lineLength / 4)
        output.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            alphabet.withUnsafeBufferPointer { table in
                var out = base + start
                var index = 0
                let count = input.count
                while index < count {
                    var quanta = 0
                    while quanta < quantaPerLine && index < count {
                        let rest = count - index
                        let b0 = UInt32(source[index])
                        let b1 = rest > 1 ? UInt32(source[index + 1]) : 0
                        let b2 = rest > 2 ? UInt32(source[index + 2]) : 0
                        let value = b0 << 16 | b1 << 8 | b2
                        out[0] = table[Int(value >> 18 & 63)]
                        out[1] = table[Int(value >> 12 & 63)]
                        out[2] = rest > 1 ? table[Int(value >> 6 & 63)] : UInt8(ascii: "=")
                        out[3] = rest > 2 ? table[Int(value & 63)] : UInt8(ascii: "=")
                        out += 4
                        index += 3
                        quanta += 1
                    }
                    out[0] = 13
                    out[1] = 10
                    out += 2
                }
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

/// Grows a byte array by zeros in large chunks (fast even in debug builds, no temporary the size of
/// the whole growth).
enum ZeroFill {
    private static let chunk = [UInt8](repeating: 0, count: 64 * 1024)

    static func append(_ count: Int, to output: inout [UInt8]) {
        output.reserveCapacity(output.count + count)
        var remaining = count
        chunk.withUnsafeBufferPointer { zeros in
            while remaining > 0 {
                let piece = min(remaining, zeros.count)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: zeros[0..<piece]))
                remaining -= piece
            }
        }
    }
}
