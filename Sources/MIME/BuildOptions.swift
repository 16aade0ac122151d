import Foundation

/// How `MessageBuilder` writes a message (after MimeKit's `FormatOptions`).
public struct BuildOptions: Sendable {
    /// Domain of generated Message-IDs; `nil` uses the From address's domain.
    public var messageIDDomain: String?
    /// The `Date` header when the message has none; `nil` means now.
    public var date: Date?
    /// Makes multipart boundaries; inject a fixed one in tests. Boundaries that occur in a body are
    /// rejected and a new one is asked for.
    public var boundaryGenerator: @Sendable () -> String
    /// Write 8-bit text as `8bit` instead of quoted-printable (only when the server offers 8BITMIME).
    public var allow8bit: Bool
    /// Allow non-ASCII addresses (only when the server offers SMTPUTF8, RFC 6531). Without it a
    /// non-ASCII domain is written as IDNA `xn--` labels and a non-ASCII local part is refused.
    public var smtputf8: Bool

    /// Options with the given values; the defaults suit a server without 8BITMIME or SMTPUTF8.
    public init(
        messageIDDomain: String? = nil, date: Date? = nil,
        boundaryGenerator: @escaping @Sendable () -> String = BuildOptions.randomBoundary,
        allow8bit: Bool = false, smtputf8: Bool = false
    ) {
        self.messageIDDomain = messageIDDomain
        self.date = date
        self.boundaryGenerator = boundaryGenerator
        self.allow8bit = allow8bit
        self.smtputf8 = smtputf8
    }

    /// `=_` plus 28 random letters and digits. `=_` cannot occur in base64 or quoted-printable output.
    @Sendable public static func randomBoundary() -> String {
        "=_" + RandomToken.make(length: 28)
    }
}

/// Random letters and digits from the system generator.
enum RandomToken {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    static func make(length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
