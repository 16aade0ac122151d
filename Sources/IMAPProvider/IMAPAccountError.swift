/// Why an IMAP/SMTP account could not be configured or verified, with a message fit to show a person.
///
/// Thrown by ``IMAPAccountSettings/validate()``, ``IMAPAccountSettings/init(dictionary:)``,
/// ``IMAPCredentials/init(bytes:)`` and ``IMAPAccountVerifier/verify(settings:credentials:logger:)``.
/// A public struct over a kind (STYLE §3). ``message`` never contains the password or token: it holds
/// fixed text, host names, ports and the server's own reply (e.g. `[AUTHENTICATIONFAILED] Authentication failed.`).
///
/// Example message: `IMAP login to imap.example.com:993 was refused: [AUTHENTICATIONFAILED] Authentication failed.`
public struct IMAPAccountError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Hashable, Sendable {
            case invalidSettings, invalidCredentials, authFailed, tlsFailure, unreachable, timeout, serverError
        }
        fileprivate let base: Base
        fileprivate init(_ base: Base) { self.base = base }

        /// A setting is missing or not acceptable (e.g. `none` security for a remote host).
        public static let invalidSettings = Kind(.invalidSettings)
        /// The stored credentials could not be read.
        public static let invalidCredentials = Kind(.invalidCredentials)
        /// The server refused the user name and password (or token).
        public static let authFailed = Kind(.authFailed)
        /// TLS could not be established: untrusted or mismatched certificate, no TLS on that port…
        public static let tlsFailure = Kind(.tlsFailure)
        /// The host could not be reached (DNS failure, connection refused, unreachable network).
        public static let unreachable = Kind(.unreachable)
        /// The server did not answer in time.
        public static let timeout = Kind(.timeout)
        /// The server answered but not as expected (protocol error, missing capability).
        public static let serverError = Kind(.serverError)

        /// The kind's name, e.g. `authFailed`.
        public var description: String { base.rawValue }
    }

    /// Which server a verification failure concerns.
    public enum Server: String, Hashable, Sendable {
        /// The IMAP server (reading mail).
        case imap = "IMAP"
        /// The SMTP submission server (sending mail).
        case smtp = "SMTP"
    }

    /// What went wrong.
    public var kind: Kind
    /// The server concerned, `nil` for settings and credential errors.
    public var server: Server?
    /// A complete human-readable sentence; never contains secrets.
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, server: Server? = nil, message: String) {
        self.kind = kind
        self.server = server
        self.message = message
    }

    /// A settings error.
    static func invalidSettings(_ message: String) -> IMAPAccountError {
        IMAPAccountError(.invalidSettings, message: "Invalid IMAP account settings: \(message).")
    }

    /// The ``message``.
    public var description: String { message }
}
