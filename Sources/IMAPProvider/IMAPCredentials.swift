import Foundation

/// The secret half of an IMAP/SMTP inbox: a password (or app password) or an OAuth 2.0 access token
/// used with `AUTHENTICATE XOAUTH2` / `AUTH XOAUTH2` (Gmail and Outlook over IMAP).
///
/// Stored encrypted by the lead as JSON bytes (``encoded()`` / ``init(bytes:)``):
/// `{"method":"password","secret":"…"}`. `description` never shows the secret.
public struct IMAPCredentials: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// How the secret is used to log in.
    public enum Method: String, Codable, Sendable, Hashable {
        /// IMAP `LOGIN` (or `AUTHENTICATE PLAIN` when LOGIN is disabled); SMTP `AUTH PLAIN`/`LOGIN`.
        case password
        /// `XOAUTH2` with a bearer access token on both servers.
        case xoauth2
    }

    /// How the secret is used.
    public var method: Method
    /// The password or access token.
    public var secret: String

    /// Creates credentials.
    public init(method: Method, secret: String) {
        self.method = method
        self.secret = secret
    }

    /// Password (or app password) credentials.
    public static func password(_ password: String) -> IMAPCredentials {
        IMAPCredentials(method: .password, secret: password)
    }

    /// XOAUTH2 credentials with an access token.
    public static func xoauth2(accessToken: String) -> IMAPCredentials {
        IMAPCredentials(method: .xoauth2, secret: accessToken)
    }

    /// The JSON bytes to encrypt and store.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { Array($0) } ?? []
    }

    /// Reads bytes written by ``encoded()``.
    ///
    /// - Throws: ``IMAPAccountError`` (``IMAPAccountError/Kind/invalidCredentials``) when they do not decode
    ///   or the secret is empty. The message never quotes the bytes.
    public init(bytes: [UInt8]) throws(IMAPAccountError) {
        guard let decoded = try? JSONDecoder().decode(IMAPCredentials.self, from: Data(bytes)), !decoded.secret.isEmpty else {
            throw IMAPAccountError(.invalidCredentials, message: "The stored IMAP credentials could not be read.")
        }
        self = decoded
    }

    /// `IMAPCredentials(password, <redacted>)`.
    public var description: String { "IMAPCredentials(\(method.rawValue), <redacted>)" }
    /// Same as ``description``: the secret never appears in logs or dumps.
    public var debugDescription: String { description }
    /// A mirror without the secret, so `dump` does not print it.
    public var customMirror: Mirror { Mirror(self, children: ["method": method, "secret": "<redacted>"]) }
}
