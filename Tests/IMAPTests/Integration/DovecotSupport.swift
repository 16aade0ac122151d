import Foundation
import IMAP
import Logging
import NIOCore
import TestSupport
import Testing

/// Access to the Dovecot started by `scripts/services/mail.sh` (see TestSupport/MailTestAccounts).
enum Dovecot {
    /// The server from the environment; `nil` only when the variables are missing and
    /// `MCPEMAILS_TEST_ALLOW_SKIP=1` (never in CI). Otherwise a missing variable fails the test.
    static func server() throws -> MailTestServer? {
        do {
            return try MailTestServer.fromEnvironment()
        } catch let missing as TestEnvironment.Missing where missing.skipAllowed {
            return nil
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "imap-tests")
        logger.logLevel = ProcessInfo.processInfo.environment["MCPEMAILS_TEST_IMAP_TRACE"] == "1" ? .trace : .error
        return logger
    }

    static func tls(_ server: MailTestServer) -> IMAPTLSOptions {
        IMAPTLSOptions(additionalTrustedCA: .pemFile(server.tlsCAPath))
    }

    /// A connection to `server` (STARTTLS on the IMAP port unless told otherwise), not logged in.
    static func connect(_ server: MailTestServer, security: IMAPConnectionSecurity = .startTLS, port: Int? = nil,
                        commandTimeout: Duration = .seconds(20), literalPlus: Bool = true) async throws -> IMAPConnection {
        let port = port ?? (security == .tls ? server.imapsPort : server.imapPort)
        return try await IMAPConnection.connect(
            host: server.host, port: port, security: security, tls: tls(server), timeout: .seconds(20),
            options: .init(commandTimeout: commandTimeout, useNonSynchronizingLiterals: literalPlus), logger: logger)
    }

    /// A logged-in connection for a fresh or given user.
    static func login(_ server: MailTestServer, user: String? = nil, security: IMAPConnectionSecurity = .startTLS,
                      port: Int? = nil, commandTimeout: Duration = .seconds(20), literalPlus: Bool = true) async throws -> IMAPConnection {
        let connection = try await connect(server, security: security, port: port, commandTimeout: commandTimeout,
                                           literalPlus: literalPlus)
        try await connection.login(username: user ?? server.uniqueAddress("imap"), password: server.password)
        return connection
    }

    /// A small RFC 5322 message.
    static func message(from: String = "Alice Example <alice@example.org>", to: String = "Bob <bob@example.net>",
                        cc: String? = nil, subject: String, date: String = "Tue, 03 Mar 2026 10:00:00 +0000",
                        extraHeaders: [String] = [], body: String) -> ByteBuffer {
        var lines = ["From: \(from)", "To: \(to)"]
        if let cc { lines.append("Cc: \(cc)") }
        lines += ["Subject: \(subject)", "Date: \(date)", "Message-ID: <\(UUID().uuidString)@example.org>",
                  "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        lines += extraHeaders
        return ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    }
}
