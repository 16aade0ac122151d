import MailCore
import Crypto
import Foundation

/// Proof Key for Code Exchange (RFC 7636) with the `S256` method.
///
/// The client keeps `verifier` secret until the token request; the authorization request carries
/// only `challenge` = BASE64URL(SHA256(ASCII(verifier))) (RFC 7636 §4.2). Google and Microsoft both
/// verify it, which binds the authorization code to the party that started the flow.
///
/// Wire example (RFC 7636 Appendix B): verifier `dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk` →
/// challenge `E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM`.
public struct PKCE: Hashable, Sendable {
    /// The `code_challenge_method` value we always use.
    public static let method = "S256"
    /// Shortest verifier RFC 7636 §4.1 allows.
    public static let minimumVerifierLength = 43
    /// Longest verifier RFC 7636 §4.1 allows.
    public static let maximumVerifierLength = 128

    /// The `code_verifier`: 43–128 characters from the unreserved set `[A-Za-z0-9-._~]`.
    public let verifier: String

    /// A fresh verifier of `length` characters drawn from the system CSPRNG
    /// (`SystemRandomNumberGenerator`: `getrandom(2)` on Linux, `arc4random` on Darwin).
    ///
    /// `length` is clamped to 43...128; the default 64 carries 384 bits of entropy.
    public init(verifierLength length: Int = 64) {
        let count = min(max(length, Self.minimumVerifierLength), Self.maximumVerifierLength)
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<((count * 3 + 3) / 4)).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.verifier = String(Base64URL.encode(bytes).prefix(count))
    }

    /// Wraps an existing verifier (e.g. one restored from storage); `nil` when it breaks RFC 7636 §4.1.
    public init?(verifier: String) {
        guard Self.isValidVerifier(verifier) else { return nil }
        self.verifier = verifier
    }

    /// The `code_challenge` for `verifier` with method `S256`.
    public var challenge: String { Self.challenge(for: verifier) }

    /// BASE64URL-ENCODE(SHA256(ASCII(verifier))) (RFC 7636 §4.2).
    public static func challenge(for verifier: String) -> String {
        Base64URL.encode(SHA256.hash(data: Array(verifier.utf8)))
    }

    /// Whether `verifier` has the length and alphabet RFC 7636 §4.1 requires.
    public static func isValidVerifier(_ verifier: String) -> Bool {
        let utf8 = verifier.utf8
        guard utf8.count >= minimumVerifierLength, utf8.count <= maximumVerifierLength else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                return true
            default:
                return false
            }
        }
    }
}
