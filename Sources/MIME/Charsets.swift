#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the octets of a text part or header into a `String`, whatever charset they claim (RFC 2045
/// §5.1 `charset` parameter, RFC 2047 encoded-word charsets, RFC 2231 parameter charsets).
///
/// Decoding never fails. Legacy charsets go through iconv (Glibc), labels are mapped by
/// `CharsetAliases` (e.g. `latin1`, `cp1252`, `x-sjis`, `ks_c_5601-1987`), and lies are caught:
/// - no charset, `us-ascii` or an unknown label with 8-bit octets → UTF-8 when the octets are UTF-8,
///   else windows-1252;
/// - a single-byte charset (ISO-8859-x, windows-125x, KOI8) whose octets are really UTF-8 → UTF-8;
/// - a charset iconv rejects for much of the input → the same undeclared-text fallback.
/// Isolated invalid sequences become U+FFFD.
public enum Charsets {
    /// Decodes `bytes` declared as `charset` (`nil` when undeclared).
    ///
    /// Example: `Charsets.decode([0xC4, 0xE5], charset: "koi8-r")` → `"Да"`.
    public static func decode(_ bytes: some Collection<UInt8>, charset: String?) -> String {
        let array = Array(bytes)
        if array.isEmpty { return "" }
        guard let name = CharsetAliases.canonicalName(charset), name != "ASCII" else {
            return decodeUndeclared(array)
        }
        if name == "UTF-8" { return decodeDeclaredUTF8(array) }
        if name == "WINDOWS-1252" { return preferringUTF8(array) ?? Windows1252.decode(array) }
        if isASCIICompatible(name), !array.contains(where: { $0 >= 0x80 }) {
            return String(decoding: array, as: UTF8.self)
        }
        if isSingleByte(name), let utf8 = preferringUTF8(array) { return utf8 }
        guard let result = IconvDecoder.decode(array, from: name) else { return decodeUndeclared(array) }
        // More than one error per 50 octets means the label is wrong, not the odd octet.
        if result.errors > 0, result.errors * 50 > array.count { return decodeUndeclared(array) }
        return result.text
    }

    /// Text with no usable charset label: UTF-8 when it looks like UTF-8, else windows-1252.
    static func decodeUndeclared(_ bytes: [UInt8]) -> String {
        let stats = UTF8Scan.scan(bytes)
        if stats.invalid == 0 { return String(decoding: stripBOM(bytes), as: UTF8.self) }
        if stats.multibyte > stats.invalid * 4 { return String(decoding: stripBOM(bytes), as: UTF8.self) }
        return Windows1252.decode(bytes)
    }

    /// Declared UTF-8: kept unless it has no valid multi-byte sequence at all but invalid octets, which
    /// is what Latin-1 text mislabelled as UTF-8 looks like.
    static func decodeDeclaredUTF8(_ bytes: [UInt8]) -> String {
        let stats = UTF8Scan.scan(bytes)
        if stats.invalid > 0 && stats.multibyte == 0 { return Windows1252.decode(bytes) }
        return String(decoding: stripBOM(bytes), as: UTF8.self)
    }

    /// The bytes as UTF-8 when they are valid UTF-8 with at least one multi-byte sequence.
    private static func preferringUTF8(_ bytes: [UInt8]) -> String? {
        let stats = UTF8Scan.scan(bytes)
        guard stats.invalid == 0, stats.multibyte > 0 else { return nil }
        return String(decoding: stripBOM(bytes), as: UTF8.self)
    }

    private static func stripBOM(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return bytes[3...] }
        return bytes[...]
    }

    /// Charsets whose 7-bit octets are ASCII (so pure ASCII input needs no conversion).
    private static func isASCIICompatible(_ name: String) -> Bool {
        !(name.hasPrefix("ISO-2022") || name.hasPrefix("UTF-7") || name.hasPrefix("UTF-16")
            || name.hasPrefix("UTF-32") || name.hasPrefix("UCS") || name.hasPrefix("HZ"))
    }

    private static func isSingleByte(_ name: String) -> Bool {
        name.hasPrefix("ISO-8859-") || name.hasPrefix("WINDOWS-125") || name.hasPrefix("KOI8")
            || name == "MACINTOSH" || name == "CP874" || name == "CP866" || name == "CP850" || name == "CP437"
    }

    /// Whether iconv on this machine knows `charset` (after alias mapping).
    public static func isSupported(_ charset: String) -> Bool {
        guard let name = CharsetAliases.canonicalName(charset) else { return false }
        if name == "UTF-8" || name == "ASCII" || name == "WINDOWS-1252" { return true }
        return IconvDecoder.decode([0x41], from: name) != nil
    }
}

/// A thin wrapper over iconv(3) converting to UTF-8, replacing undecodable octets with U+FFFD.
enum IconvDecoder {
    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// The decoded text and how many invalid sequences were replaced, or `nil` when iconv does not
    /// know `charset`.
    static func decode(_ bytes: [UInt8], from charset: String) -> (text: String, errors: Int)? {
        guard let cd = openDescriptor(charset) else { return nil }
        defer { iconv_close(cd) }
        let chunkSize = 16 * 1024
        let chunk = UnsafeMutablePointer<CChar>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2 + 16)
        var errors = 0
        bytes.withUnsafeBufferPointer { input in
            guard let base = input.baseAddress else { return }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
            var inLeft = input.count
            while inLeft > 0 {
                var outPtr: UnsafeMutablePointer<CChar>? = chunk
                var outLeft = chunkSize
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                append(chunk, count: chunkSize - outLeft, to: &output)
                guard result == -1 else { continue }
                let code = errno
                if code == E2BIG { continue }
                errors += 1
                output.append(contentsOf: replacement)
                if code == EILSEQ, inLeft > 0 {
                    inPtr = inPtr.map { $0 + 1 }
                    inLeft -= 1
                } else {
                    inLeft = 0
                }
            }
            var outPtr: UnsafeMutablePointer<CChar>? = chunk
            var outLeft = chunkSize
            _ = iconv(cd, nil, nil, &outPtr, &outLeft)
            append(chunk, count: chunkSize - outLeft, to: &output)
        }
        return (String(decoding: output, as: UTF8.self), errors)
    }

    private static func append(_ chunk: UnsafeMutablePointer<CChar>, count: Int, to output: inout [UInt8]) {
        guard count > 0 else { return }
        chunk.withMemoryRebound(to: UInt8.self, capacity: count) { bytes in
            output.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        }
    }

    private static func openDescriptor(_ charset: String) -> iconv_t? {
        let cd = iconv_open("UTF-8", charset)
        guard let cd, cd != iconv_t(bitPattern: -1) else { return nil }
        return cd
    }
}
