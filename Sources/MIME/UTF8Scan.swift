/// Counts well-formed multi-byte UTF-8 sequences and invalid octets (RFC 3629 §4), to tell UTF-8
/// from legacy 8-bit text without decoding.
enum UTF8Scan {
    struct Stats: Equatable {
        /// Well-formed sequences of two to four octets.
        var multibyte = 0
        /// Octets that start no well-formed sequence.
        var invalid = 0
    }

    static func scan(_ bytes: some Collection<UInt8>) -> Stats {
        bytes.withContiguousStorageIfAvailable { scan(buffer: $0) } ?? Array(bytes).withUnsafeBufferPointer { scan(buffer: $0) }
    }

    private static func scan(buffer: UnsafeBufferPointer<UInt8>) -> Stats {
        var stats = Stats()
        var index = 0
        let count = buffer.count
        while index < count {
            let lead = buffer[index]
            if lead < 0x80 { index += 1; continue }
            let length = sequenceLength(buffer, at: index)
            if length == 0 {
                stats.invalid += 1
                index += 1
            } else {
                stats.multibyte += 1
                index += length
            }
        }
        return stats
    }

    /// Length of the well-formed sequence starting at `index`, or 0.
    private static func sequenceLength(_ buffer: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
        let lead = buffer[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return 0
        }
        guard index + length <= buffer.count else { return 0 }
        let second = buffer[index + 1]
        guard second >= low && second <= high else { return 0 }
        for offset in 2..<length where buffer[index + offset] & 0xC0 != 0x80 { return 0 }
        return length
    }
}

/// windows-1252 decoding done by hand, because it must never fail: it is the last fallback. The five
/// octets windows-1252 leaves undefined map to the C1 controls, as the WHATWG Encoding Standard does.
enum Windows1252 {
    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6, 0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122, 0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178,
    ]

    static func decode(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value: UInt32 = (0x80...0x9F).contains(byte) ? high[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }
}
