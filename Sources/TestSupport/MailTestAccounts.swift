import Foundation

/// The private Dovecot + Postfix that `scripts/services/mail.sh start` runs on loopback.
///
/// Every user `<anything>@<domain>` logs in with ``password`` and gets an empty mailbox on first use, so each
/// test makes its own users with ``uniqueAddress(_:)``. Mail submitted to any `@<domain>` address is delivered to
/// that user's INBOX within a second or two (poll with a bounded loop).
///
/// ```swift
/// let server = try MailTestServer.fromEnvironment()
/// let alice = server.uniqueAddress("alice")   // "alice-1f2e3d4c@mcpemails.test"
/// ```
public struct MailTestServer: Sendable, Hashable {
    /// `MCPEMAILS_TEST_MAIL_HOST`, normally `127.0.0.1`.
    public let host: String
    /// `MCPEMAILS_TEST_IMAP_PORT`: IMAP with STARTTLS (plaintext login is also allowed on loopback).
    public let imapPort: Int
    /// `MCPEMAILS_TEST_IMAPS_PORT`: IMAP over implicit TLS.
    public let imapsPort: Int
    /// `MCPEMAILS_TEST_SMTP_PORT`: submission, STARTTLS required before AUTH and MAIL.
    public let smtpPort: Int
    /// `MCPEMAILS_TEST_SMTPS_PORT`: submission over implicit TLS.
    public let smtpsPort: Int
    /// `MCPEMAILS_TEST_SMTP_PLAIN_PORT`: plain SMTP without TLS or AUTH that accepts mail for ``domain`` only,
    /// for tests that must see the cleartext stream (through ``FaultProxy``). `nil` when not set.
    public let smtpPlainPort: Int?
    /// `MCPEMAILS_TEST_TLS_CA`: path of the PEM of the throw-away CA that signed the servers' certificate
    /// (valid for `127.0.0.1` and `localhost`).
    public let tlsCAPath: String
    /// `MCPEMAILS_TEST_MAIL_DOMAIN`, normally `mcpemails.test`.
    public let domain: String
    /// `MCPEMAILS_TEST_MAIL_PASSWORD`: the password of every user in ``domain``.
    public let password: String

    /// Creates a description of a server by hand (tests of the tests; normally use ``fromEnvironment()``).
    public init(
        host: String, imapPort: Int, imapsPort: Int, smtpPort: Int, smtpsPort: Int, smtpPlainPort: Int? = nil,
        tlsCAPath: String, domain: String, password: String
    ) {
        self.host = host
        self.imapPort = imapPort
        self.imapsPort = imapsPort
        self.smtpPort = smtpPort
        self.smtpsPort = smtpsPort
        self.smtpPlainPort = smtpPlainPort
        self.tlsCAPath = tlsCAPath
        self.domain = domain
        self.password = password
    }

    /// Reads the server from the environment written by `scripts/services/mail.sh`.
    ///
    /// Throws ``TestEnvironment/Missing`` naming the first absent variable, or ``InvalidPort`` when a port
    /// variable is not a port number.
    public static func fromEnvironment() throws -> MailTestServer {
        MailTestServer(
            host: try TestEnvironment.require("MCPEMAILS_TEST_MAIL_HOST"),
            imapPort: try port("MCPEMAILS_TEST_IMAP_PORT"),
            imapsPort: try port("MCPEMAILS_TEST_IMAPS_PORT"),
            smtpPort: try port("MCPEMAILS_TEST_SMTP_PORT"),
            smtpsPort: try port("MCPEMAILS_TEST_SMTPS_PORT"),
            smtpPlainPort: try TestEnvironment.optional("MCPEMAILS_TEST_SMTP_PLAIN_PORT").map {
                try parsePort($0, variable: "MCPEMAILS_TEST_SMTP_PLAIN_PORT")
            },
            tlsCAPath: try TestEnvironment.require("MCPEMAILS_TEST_TLS_CA"),
            domain: try TestEnvironment.require("MCPEMAILS_TEST_MAIL_DOMAIN"),
            password: try TestEnvironment.require("MCPEMAILS_TEST_MAIL_PASSWORD")
        )
    }

    /// A fresh address in ``domain``: `<prefix>-<8 hex digits>@<domain>`, e.g. `alice-1f2e3d4c@mcpemails.test`.
    ///
    /// Each call gives a new user with an empty mailbox, so tests never see each other's mail.
    public func uniqueAddress(_ prefix: String) -> String {
        let suffix = UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(8).lowercased()
        return "\(prefix)-\(suffix)@\(domain)"
    }

    /// The CA certificate PEM text at ``tlsCAPath``.
    public func tlsCAPEM() throws -> String {
        try String(contentsOfFile: tlsCAPath, encoding: .utf8)
    }

    /// A port variable that is present but not a number from 1 to 65535.
    public struct InvalidPort: Error, CustomStringConvertible {
        /// The variable's name.
        public let variable: String
        /// What the variable held.
        public let value: String
        /// Names the variable and its value.
        public var description: String { "\(variable)=\(value) is not a TCP port number" }
    }

    private static func port(_ variable: String) throws -> Int {
        try parsePort(try TestEnvironment.require(variable), variable: variable)
    }

    private static func parsePort(_ value: String, variable: String) throws -> Int {
        guard let port = Int(value), (1...65535).contains(port) else {
            throw InvalidPort(variable: variable, value: value)
        }
        return port
    }
}
