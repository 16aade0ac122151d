import Foundation

/// The "base64url" encoding of RFC 4648 §5: `+` → `-`, `/` → `_`, padding omitted on output.
///
/// Used by PKCE (RFC 7636 §3, "Base64url Encoding" without padding) and by Google APIs whose
/// `format: byte` fields (Gmail `raw`, attachment `data`) are base64url. Works byte-wise, so
/// multi-megabyte messages are cheap.
///
/// Wire example: bytes `[0xfb, 0xff]` → `"-_8"`.
public enum Base64URL {
    /// Encodes `bytes` without padding.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var encoded = [UInt8](Data(bytes).base64EncodedData())
        while encoded.last == UInt8(ascii: "=") { encoded.removeLast() }
        encoded.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                switch buffer[index] {
                case UInt8(ascii: "+"): buffer[index] = UInt8(ascii: "-")
                case UInt8(ascii: "/"): buffer[index] = UInt8(ascii: "_")
                default: break
                }
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes base64url (and, leniently, standard base64), with or without padding.
    /// Returns `nil` for any other character or an impossible length.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var standard = Array(text.utf8)
        standard.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                switch buffer[index] {
                case UInt8(ascii: "-"): buffer[index] = UInt8(ascii: "+")
                case UInt8(ascii: "_"): buffer[index] = UInt8(ascii: "/")
                default: break
                }
            }
        }
        while standard.last == UInt8(ascii: "=") { standard.removeLast() }
        switch standard.count % 4 {
        case 0: break
        case 2: standard += [UInt8(ascii: "="), UInt8(ascii: "=")]
        case 3: standard.append(UInt8(ascii: "="))
        default: return nil
        }
        guard let data = Data(base64Encoded: Data(standard)) else { return nil }
        return [UInt8](data)
    }
}
