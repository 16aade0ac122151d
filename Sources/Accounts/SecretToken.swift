import Crypto

/// Bearer tokens handed to a browser or put in a link (dashboard session cookies, invite links,
/// CSRF tokens), and the one way every secret is hashed for storage.
///
/// A token is 32 bytes from the system CSPRNG in unpadded base64url (RFC 4648 §5): 43 characters
/// from `A–Z a–z 0–9 - _`, safe in a cookie, a URL path or a form field without escaping. 256 bits
/// of entropy, so it needs no salt: the database keeps only ``hash(_:)``, which cannot be turned back
/// into a usable token.
///
///     q3Vb0yW6m1c9xkQpZr8Tt2uJfLhA5nDsEoGi7RvBw4Y
public enum SecretToken {
    /// Random bytes in a token.
    public static let byteCount = 32
    /// Characters in a token (unpadded base64url of ``byteCount`` bytes).
    public static let length = 43

    /// A fresh token from the system CSPRNG.
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        return generate(using: &rng)
    }

    /// A fresh token drawn from `rng`.
    public static func generate(using rng: inout some RandomNumberGenerator) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(byteCount)
        while bytes.count < byteCount {
            let word = rng.next() as UInt64
            withUnsafeBytes(of: word.littleEndian) { bytes.append(contentsOf: $0) }
        }
        return base64URL(bytes.prefix(byteCount))
    }

    /// Whether `token` has the exact shape of a generated token, so junk (an empty or oversized
    /// cookie) can be refused before it is hashed or looked up.
    public static func isWellFormed(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        return bytes.count == length && bytes.allSatisfy { alphabet.contains($0) }
    }

    /// Lower-case hex SHA-256 of the token's UTF-8 bytes: what the database stores and looks up.
    /// Used for every stored secret (API keys, OAuth states, session and invite tokens).
    public static func hash(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in SHA256.hash(data: Array(token.utf8)) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The base64url alphabet (RFC 4648 §5, table 2).
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Unpadded base64url of `bytes`.
    static func base64URL(_ bytes: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 6 {
                bits -= 6
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 0x3F)])
            }
        }
        if bits > 0 { out.append(alphabet[Int((buffer << UInt32(6 - bits)) & 0x3F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
