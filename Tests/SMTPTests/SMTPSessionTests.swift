import Logging
import SMTP
import Testing
import TestSupport

/// Connecting, TLS and AUTH against the real Postfix started by `scripts/services/mail.sh`.
@Suite("SMTP session against Postfix")
struct SMTPSessionTests {
    @Test("STARTTLS on the submission port, then AUTH PLAIN")
    func startTLSPlain() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let user = server.uniqueAddress("plain")
        let options = try MailServerFixture.options(server, .startTLS)
        try await SMTPConnection.withConnection(host: server.host, port: server.smtpPort, options: options) { smtp in
            #expect(smtp.isEncrypted)
            #expect(smtp.capabilities.authMechanisms.contains("PLAIN"))
            #expect(!smtp.capabilities.supportsStartTLS)
            try await smtp.authenticate(username: user, password: server.password)
            #expect(smtp.isAuthenticated)
            try await smtp.noop()
            try await smtp.quit()
        }
    }

    @Test("implicit TLS on the submissions port")
    func implicitTLS() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let capabilities = try await SMTPConnection.verify(
            host: server.host, port: server.smtpsPort, options: try MailServerFixture.options(server, .tls),
            username: server.uniqueAddress("tls"), password: server.password)
        #expect(capabilities.maximumMessageSize == 40_000_000)
        #expect(capabilities.supportsEightBitMIME && capabilities.supportsSMTPUTF8)
    }

    @Test("AUTH LOGIN")
    func authLogin() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let options = try MailServerFixture.options(server, .startTLS)
        try await SMTPConnection.withConnection(host: server.host, port: server.smtpPort, options: options) { smtp in
            try await smtp.authenticateLogin(username: server.uniqueAddress("login"), password: server.password)
            #expect(smtp.isAuthenticated)
            try await smtp.quit()
        }
    }

    @Test("a wrong password is authFailed with the server's words and never the password",
          arguments: [SMTPSecurity.startTLS, .tls])
    func wrongPassword(security: SMTPSecurity) async throws {
        guard let server = try MailServerFixture.server() else { return }
        let password = "not-the-password-\(Int.random(in: 1000...9999))"
        let port = security == .tls ? server.smtpsPort : server.smtpPort
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.verify(
                host: server.host, port: port, options: try MailServerFixture.options(server, security),
                username: server.uniqueAddress("wrong"), password: password)
        }
        #expect(error?.code == .authFailed)
        #expect(error?.reply?.code == 535)
        #expect(error?.reply?.text.contains("authentication failed") == true)
        #expect(error.map { !$0.description.contains(password) } == true)
    }

    @Test("the test CA is not trusted unless given", arguments: [SMTPSecurity.startTLS, .tls])
    func untrustedCertificate(security: SMTPSecurity) async throws {
        guard let server = try MailServerFixture.server() else { return }
        let port = security == .tls ? server.smtpsPort : server.smtpPort
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.verify(
                host: server.host, port: port, options: try MailServerFixture.options(server, security, trustCA: false),
                username: server.uniqueAddress("ca"), password: server.password)
        }
        #expect(error?.code == .tlsFailure, "\(String(describing: error))")
        #expect(error?.hint?.contains("not trusted") == true)
    }

    @Test("the certificate is checked against the address or name we connected to")
    func hostNameChecked() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let options = try MailServerFixture.options(server, .tls)
        // "localhost" is in the certificate.
        try await SMTPConnection.verify(host: "localhost", port: server.smtpsPort, options: options,
                                        username: server.uniqueAddress("name"), password: server.password)
        // 127.0.0.2 reaches the same server through a proxy, but the certificate is for 127.0.0.1 only.
        let proxy = try await FaultProxy.start(targetHost: server.host, targetPort: server.smtpsPort,
                                               listenHost: "127.0.0.2")
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.verify(host: "127.0.0.2", port: proxy.port, options: options,
                                            username: server.uniqueAddress("name"), password: server.password)
        }
        try await proxy.shutdown()
        #expect(error?.code == .tlsFailure, "\(String(describing: error))")
        #expect(error?.hint?.contains("does not match") == true, "\(String(describing: error))")
    }

    @Test("implicit TLS against a STARTTLS port is a TLS failure, not a hang")
    func tlsOnPlainPort() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.verify(
                host: server.host, port: server.smtpPort,
                options: try MailServerFixture.options(server, .tls, timeout: .seconds(10)),
                username: server.uniqueAddress("x"), password: server.password)
        }
        #expect(error?.code == .tlsFailure)
    }

    @Test("STARTTLS is required: a server without it is refused before any credential is sent")
    func startTLSMissing() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let port = try #require(server.smtpPlainPort, "MCPEMAILS_TEST_SMTP_PLAIN_PORT is not set")
        let (logger, trace) = CapturingLogHandler.logger()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.verify(
                host: server.host, port: port, options: try MailServerFixture.options(server, .startTLS),
                username: server.uniqueAddress("clear"), password: server.password, logger: logger)
        }
        #expect(error?.code == .unsupported)
        #expect(!trace.all.contains { $0.contains("AUTH") })
    }

    @Test("an unreachable host is connectFailed")
    func connectRefused() async throws {
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPConnection.verify(
                host: "127.0.0.1", port: 1,
                options: SMTPConnectionOptions(security: .tls, timeouts: .uniform(.seconds(5))),
                username: "a@example.org", password: "secret")
        }
        #expect(error?.code == .connectFailed)
        #expect(error.map { !$0.description.contains("secret") } == true)
    }

    @Test("the protocol trace redacts AUTH")
    func traceRedactsAuth() async throws {
        guard let server = try MailServerFixture.server() else { return }
        let (logger, trace) = CapturingLogHandler.logger()
        let user = server.uniqueAddress("trace")
        let options = try MailServerFixture.options(server, .startTLS)
        try await SMTPConnection.withConnection(
            host: server.host, port: server.smtpPort, options: options, logger: logger
        ) { smtp in
            try await smtp.authenticate(username: user, password: server.password)
            try await smtp.quit()
        }
        let plain = try SASLResponse.plain(username: user, password: server.password).base64
        #expect(trace.all.contains("C: AUTH PLAIN <redacted>"))
        #expect(trace.all.contains { $0.hasPrefix("S: 235") })
        #expect(!trace.all.contains { $0.contains(plain) || $0.contains(server.password) })
    }
}
