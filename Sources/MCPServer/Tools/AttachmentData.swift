/// Decodes an attachment's `data` argument (base64, RFC 4648 §4) straight from the string's UTF-8 into
/// the bytes, sized once: no `Data`, no second array, so a 10 MB attachment costs its 10 MB and nothing
/// more on top of the 13.3 MB of text it came in.
///
/// As forgiving as agents need: white space is skipped (line-wrapped base64) and the final `=` padding may
/// be missing. Refused: any other character outside the alphabet (`%`, or base64url's `-` and `_`, which
/// would otherwise be dropped silently and corrupt the file), `=` followed by more data, and a dangling
/// single character (no whole octet).
///
/// ```
/// "aGVs bG8="  →  "hello"      "aGVsbG8"  →  "hello"      "aGVsbG8=x"  →  nil      "%%%"  →  nil
/// ```
enum AttachmentData {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    private static let padding: UInt8 = 64
    private static let whiteSpace: UInt8 = 65
    private static let invalid: UInt8 = 0xFF

    /// 0…63 for alphabet bytes, then ``padding``, ``whiteSpace`` or ``invalid``.
    private static let table: [UInt8] = {
        var table = [UInt8](repeating: invalid, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        table[Int(UInt8(ascii: "="))] = padding
        for byte in [UInt8(ascii: " "), 0x09, 0x0A, 0x0D] { table[Int(byte)] = whiteSpace }
        return table
    }()

    /// The decoded octets, or `nil` when `text` is not base64.
    static func decode(_ text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { decode($0) }
    }

    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let capacity = input.count / 4 * 3 + 3
        var failed = false
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            table.withUnsafeBufferPointer { table in
                var accumulator: UInt32 = 0
                var pending = 0
                var written = 0
                var padded = false
                for byte in input {
                    let value = table[Int(byte)]
                    if value == whiteSpace { continue }
                    if value == padding {
                        padded = true
                        continue
                    }
                    if padded || value == invalid {
                        failed = true
                        break
                    }
                    accumulator = accumulator << 6 | UInt32(value)
                    pending += 1
                    if pending == 4 {
                        buffer[written] = UInt8(truncatingIfNeeded: accumulator >> 16)
                        buffer[written + 1] = UInt8(truncatingIfNeeded: accumulator >> 8)
                        buffer[written + 2] = UInt8(truncatingIfNeeded: accumulator)
                        written += 3
                        accumulator = 0
                        pending = 0
                    }
                }
                switch pending {
                case 0: break
                case 2:
                    buffer[written] = UInt8(truncatingIfNeeded: accumulator >> 4)
                    written += 1
                case 3:
                    buffer[written] = UInt8(truncatingIfNeeded: accumulator >> 10)
                    buffer[written + 1] = UInt8(truncatingIfNeeded: accumulator >> 2)
                    written += 2
                default:
                    failed = true
                }
                initialized = written
            }
        }
        return failed ? nil : output
    }
}
