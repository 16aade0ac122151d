/// A `Content-Transfer-Encoding` mechanism (RFC 2045 §6) and the decoders for it.
///
/// Decoding is tolerant: base64 skips whitespace and stray characters, quoted-printable keeps
/// malformed `=` sequences literally. Also used by backends that fetch a single part (IMAP
/// `BODY[1.2]`) and know only its declared encoding and charset.
///
/// Wire example: `Content-Transfer-Encoding: quoted-printable` → `.quotedPrintable`.
public enum TransferEncoding: Hashable, Sendable {
    /// `7bit`: short lines of US-ASCII, no decoding (the default).
    case sevenBit
    /// `8bit`: short lines, octets above 127 allowed (RFC 6152 8BITMIME), no decoding.
    case eightBit
    /// `binary`: any octets, no decoding.
    case binary
    /// `base64` (RFC 2045 §6.8).
    case base64
    /// `quoted-printable` (RFC 2045 §6.7).
    case quotedPrintable
    /// Any other token (`x-uuencode`, garbage); decoded as identity.
    case other(String)

    /// Parses a header value; `nil` or empty means the RFC 2045 default, 7bit.
    public init(headerValue: String?) {
        let token = (headerValue ?? "").trimmingASCIIWhitespace().lowercased()
            .trimming(charactersIn: "\"'")
        switch token {
        case "", "7bit", "7-bit": self = .sevenBit
        case "8bit", "8-bit": self = .eightBit
        case "binary": self = .binary
        case "base64", "base-64": self = .base64
        case "quoted-printable", "quoted_printable", "qp": self = .quotedPrintable
        default: self = .other(token)
        }
    }

    /// The header token for this encoding.
    public var token: String {
        switch self {
        case .sevenBit: "7bit"
        case .eightBit: "8bit"
        case .binary: "binary"
        case .base64: "base64"
        case .quotedPrintable: "quoted-printable"
        case .other(let token): token
        }
    }

    /// Decodes a body in this encoding to its octets.
    public func decode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        switch self {
        case .base64: Base64.decode(bytes)
        case .quotedPrintable: QuotedPrintable.decode(bytes)
        default: Array(bytes)
        }
    }

    /// Decodes a body whose `Content-Transfer-Encoding` header value is `transferEncoding`.
    public static func decodeBytes(_ bytes: some Collection<UInt8>, transferEncoding: String?) -> [UInt8] {
        TransferEncoding(headerValue: transferEncoding).decode(bytes)
    }

    /// Decodes a text body: transfer encoding, then charset (see `Charsets`), then line endings
    /// normalised to `\n`; with `flowed`, RFC 3676 format=flowed lines are joined.
    ///
    /// Example: `decodeBody(Array("caf=C3=A9".utf8), transferEncoding: "quoted-printable", charset: "utf-8")` → `"café"`.
    public static func decodeBody(
        _ bytes: some Collection<UInt8>, transferEncoding: String?, charset: String?,
        flowed: Bool = false, delSp: Bool = false
    ) -> String {
        let octets = decodeBytes(bytes, transferEncoding: transferEncoding)
        let text = LineEndings.normalizeToLF(Charsets.decode(octets, charset: charset))
        return flowed ? FormatFlowed.decode(text, delSp: delSp) : text
    }
}

/// Line-ending normalisation for decoded text.
enum LineEndings {
    /// CRLF and lone CR become LF.
    static func normalizeToLF(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\r")) else { return text }
        // CR and LF are ASCII and never part of a multi-byte UTF-8 sequence, so bytes can be rewritten directly.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var previousCR = false
        for byte in text.utf8 {
            if byte == 0x0D {
                bytes.append(0x0A)
                previousCR = true
                continue
            }
            if byte == 0x0A && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
