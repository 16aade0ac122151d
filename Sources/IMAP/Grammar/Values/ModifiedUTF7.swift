/// Modified UTF-7, the mailbox-name encoding of IMAP4rev1 (RFC 3501 §5.1.3).
///
/// Printable US-ASCII except `&` stands for itself; `&` is `&-`; any other run of characters is
/// UTF-16BE in modified BASE64 (`,` instead of `/`, no padding) between `&` and `-`.
/// `"Entwürfe"` ⇄ `"Entw&APw-rfe"`, `"台北"` ⇄ `"&U,BTFw-"`.
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    /// Encodes a Unicode mailbox name.
    public static func encode(_ name: String) -> String {
        var out: [UInt8] = []
        var pending: [UInt16] = []
        for scalar in name.unicodeScalars {
            let value = scalar.value
            if value >= 0x20 && value <= 0x7E {
                flush(&pending, into: &out)
                if value == 0x26 { out.append(contentsOf: [0x26, 0x2D]) } else { out.append(UInt8(value)) }
            } else {
                pending.append(contentsOf: String(scalar).utf16)
            }
        }
        flush(&pending, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func flush(_ units: inout [UInt16], into out: inout [UInt8]) {
        guard !units.isEmpty else { return }
        var bytes: [UInt8] = []
        for unit in units { bytes.append(UInt8(unit >> 8)); bytes.append(UInt8(unit & 0xFF)) }
        out.append(0x26)
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let b0 = Int(chunk[0]), b1 = chunk.count > 1 ? Int(chunk[1]) : 0, b2 = chunk.count > 2 ? Int(chunk[2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[((b0 & 0x03) << 4) | (b1 >> 4)])
            if chunk.count > 1 { out.append(alphabet[((b1 & 0x0F) << 2) | (b2 >> 6)]) }
            if chunk.count > 2 { out.append(alphabet[b2 & 0x3F]) }
            index += 3
        }
        out.append(0x2D)
        units.removeAll()
    }

    /// Decodes a modified UTF-7 name; `nil` if it is not valid modified UTF-7.
    public static func decode(_ encoded: String) -> String? {
        var result = String.UnicodeScalarView()
        var bytes = Array(encoded.utf8)[...]
        while let byte = bytes.popFirst() {
            guard byte >= 0x20 && byte <= 0x7E else { return nil }
            guard byte == 0x26 else { result.append(Unicode.Scalar(byte)); continue }
            guard let end = bytes.firstIndex(of: 0x2D) else { return nil }
            let run = bytes[bytes.startIndex..<end]
            bytes = bytes[(end + 1)...]
            if run.isEmpty { result.append("&"); continue }
            guard let scalars = decodeRun(run) else { return nil }
            result.append(contentsOf: scalars)
        }
        return String(result)
    }

    /// Decodes the base64 between `&` and `-` into scalars.
    private static func decodeRun(_ run: ArraySlice<UInt8>) -> [Unicode.Scalar]? {
        var bits: UInt32 = 0
        var bitCount = 0
        var units: [UInt16] = []
        var pendingByte: UInt8?
        for char in run {
            guard let value = alphabet.firstIndex(of: char) else { return nil }
            bits = (bits << 6) | UInt32(value)
            bitCount += 6
            if bitCount >= 8 {
                bitCount -= 8
                let byte = UInt8((bits >> UInt32(bitCount)) & 0xFF)
                if let high = pendingByte {
                    units.append(UInt16(high) << 8 | UInt16(byte))
                    pendingByte = nil
                } else {
                    pendingByte = byte
                }
            }
        }
        // Leftover bits must be zero padding, and no half UTF-16 unit may remain.
        guard pendingByte == nil, bits & ((1 << UInt32(bitCount)) - 1) == 0, !units.isEmpty else { return nil }
        var scalars: [Unicode.Scalar] = []
        let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF32.self, stoppingOnError: true) {
            scalars.append(Unicode.Scalar($0) ?? "\u{FFFD}")
        }
        // A run must not hide printable ASCII, which has to be sent as itself.
        guard !failed, !scalars.contains(where: { $0.value >= 0x20 && $0.value <= 0x7E }) else { return nil }
        return scalars
    }
}
