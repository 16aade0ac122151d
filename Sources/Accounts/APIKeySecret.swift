/// The API key secret: `mcpe_live_` followed by 32 base62 characters from a CSPRNG.
///
/// 32 base62 characters carry about 190 bits of entropy. Only ``hash(_:)`` of a secret is stored,
/// so a copy of the database cannot be used to authenticate.
///
///     mcpe_live_AbCdEfGhIjKlMnOpQrStUvWxYz123456
public enum APIKeySecret {
    /// The fixed prefix of every live key.
    public static let prefix = "mcpe_live_"
    /// Number of random base62 characters after the prefix.
    public static let randomLength = 32
    /// Number of random characters kept in the display prefix (`mcpe_live_AbCd`).
    public static let displayRandomLength = 4
    /// The base62 alphabet, digits then upper then lower case.
    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A fresh secret from the system CSPRNG.
    public static func generate() -> String {
        var rng = SystemRandomNumberGenerator()
        return generate(using: &rng)
    }

    /// A fresh secret drawn from `rng`. Uses rejection sampling (bytes ≥ 248 are redrawn), so every
    /// base62 character is exactly equally likely: no modulo bias.
    public static func generate(using rng: inout some RandomNumberGenerator) -> String {
        let bound = UInt8(alphabet.count * (256 / alphabet.count))  // 248
        var characters: [UInt8] = []
        characters.reserveCapacity(randomLength)
        while characters.count < randomLength {
            var word = rng.next() as UInt64
            for _ in 0..<8 where characters.count < randomLength {
                let byte = UInt8(truncatingIfNeeded: word)
                word >>= 8
                if byte < bound { characters.append(alphabet[Int(byte) % alphabet.count]) }
            }
        }
        return prefix + String(decoding: characters, as: UTF8.self)
    }

    /// Whether `secret` has the exact shape of a key: the prefix and 32 base62 characters.
    public static func isWellFormed(_ secret: String) -> Bool {
        let bytes = Array(secret.utf8)
        let prefixBytes = Array(prefix.utf8)
        guard bytes.count == prefixBytes.count + randomLength, bytes.starts(with: prefixBytes) else { return false }
        return bytes[prefixBytes.count...].allSatisfy(isBase62)
    }

    /// Lower-case hex SHA-256 of the secret's UTF-8 bytes: what the database stores and looks up
    /// (the same hashing as every stored secret, ``SecretToken/hash(_:)``).
    public static func hash(_ secret: String) -> String {
        SecretToken.hash(secret)
    }

    /// The part of a secret safe to show again: the prefix plus four characters, `mcpe_live_AbCd`.
    public static func displayPrefix(_ secret: String) -> String {
        String(secret.prefix(prefix.count + displayRandomLength))
    }

    static func isBase62(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
