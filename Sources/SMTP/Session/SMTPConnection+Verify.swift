import Logging

extension SMTPConnection {
    /// Checks that a server and credentials work, without sending mail: connect, EHLO, STARTTLS (or implicit
    /// TLS), AUTH, QUIT. Used before an inbox is saved (`mcpemails inbox add-imap`).
    ///
    /// Failures keep their kind and the server's own words, never the password:
    /// ``SMTPError/Code/connectFailed`` (host unreachable, refused), ``SMTPError/Code/tlsFailure`` (certificate
    /// not trusted or not for this host, no TLS on the port), ``SMTPError/Code/unsupported`` (no STARTTLS),
    /// ``SMTPError/Code/authFailed`` (e.g. `535 5.7.8 Authentication credentials invalid`),
    /// ``SMTPError/Code/timeout``.
    ///
    /// - Returns: the capabilities the server offered after TLS.
    @discardableResult
    public static func verify(
        host: String, port: Int, options: SMTPConnectionOptions = SMTPConnectionOptions(),
        username: String, password: String, logger: Logger = Logger(label: "mcpemails.smtp")
    ) async throws -> SMTPCapabilities {
        try await withConnection(host: host, port: port, options: options, logger: logger) { smtp in
            try await smtp.authenticate(username: username, password: password)
            let capabilities = smtp.capabilities
            try? await smtp.quit()
            return capabilities
        }
    }
}
