import Foundation
import IMAPProvider
import Logging
import Testing

@Suite("IMAP account verification against Dovecot and Postfix", .timeLimit(.minutes(2)))
struct VerifierTests {
    static let wrongPassword = "Wr0ng-Secret-Pa55word"

    @Test("good credentials over STARTTLS and implicit TLS, trusting the test CA")
    func good() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let user = fixture.newUser("verify")
        let starttls = try fixture.settings(for: user)
        let verified = try await IMAPAccountVerifier.verify(settings: starttls, credentials: .password(fixture.server.password),
                                                            logger: MailFixture.logger)
        #expect(verified.sentFolder == "Sent")
        #expect(verified.imapCapabilities.contains("IMAP4REV1"))
        #expect(verified.smtpCapabilities.contains("AUTH"))
        #expect(verified.smtpMaximumMessageSize == 40_000_000)
        #expect(verified.savesSentCopy)

        var tls = starttls
        tls.imapPort = fixture.server.imapsPort
        tls.imapSecurity = .tls
        tls.smtpPort = fixture.server.smtpsPort
        tls.smtpSecurity = .tls
        _ = try await IMAPAccountVerifier.verify(settings: tls, credentials: .password(fixture.server.password), logger: MailFixture.logger)
    }

    @Test("a wrong IMAP password shows the server's words, never the password")
    func wrongPassword() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let settings = try fixture.settings(for: fixture.newUser("wrongpw"))
        let error = await #expect(throws: IMAPAccountError.self) {
            _ = try await IMAPAccountVerifier.verify(settings: settings, credentials: .password(Self.wrongPassword),
                                                     logger: MailFixture.logger)
        }
        #expect(error?.kind == .authFailed)
        #expect(error?.server == .imap)
        #expect(error?.message.contains("AUTHENTICATIONFAILED") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(Self.wrongPassword) == false)
        #expect(error.map { "\($0)" }?.contains(Self.wrongPassword) == false)
    }

    @Test("a wrong SMTP port (closed, or another service) is a clear SMTP failure")
    func wrongSMTPPort() async throws {
        guard let fixture = try MailFixture.make() else { return }
        var settings = try fixture.settings(for: fixture.newUser("smtpport"))
        settings.smtpPort = 1
        let refused = await #expect(throws: IMAPAccountError.self) {
            _ = try await IMAPAccountVerifier.verify(settings: settings, credentials: .password(fixture.server.password),
                                                     logger: MailFixture.logger)
        }
        #expect(refused?.server == .smtp)
        #expect(refused?.kind == .unreachable)
        #expect(refused?.message.contains("127.0.0.1:1") == true, "\(refused?.message ?? "")")

        settings.smtpPort = fixture.server.imapPort
        settings.commandTimeoutSeconds = 5
        let wrongService = await #expect(throws: IMAPAccountError.self) {
            _ = try await IMAPAccountVerifier.verify(settings: settings, credentials: .password(fixture.server.password),
                                                     logger: MailFixture.logger)
        }
        #expect(wrongService?.server == .smtp)
        #expect(wrongService?.message.contains(fixture.server.password) == false)
    }

    @Test("TLS without the test CA fails with the reason; with it, it works")
    func untrustedCertificate() async throws {
        guard let fixture = try MailFixture.make() else { return }
        var settings = try fixture.settings(for: fixture.newUser("tls"))
        settings.trustedCAPEM = nil
        let imap = await #expect(throws: IMAPAccountError.self) {
            _ = try await IMAPAccountVerifier.verify(settings: settings, credentials: .password(fixture.server.password),
                                                     logger: MailFixture.logger)
        }
        #expect(imap?.kind == .tlsFailure)
        #expect(imap?.server == .imap)
        #expect(imap?.message.lowercased().contains("certificate") == true, "\(imap?.message ?? "")")

        settings.imapPort = fixture.server.imapsPort
        settings.imapSecurity = .tls
        settings.trustedCAPEM = try fixture.server.tlsCAPEM()
        settings.smtpPort = fixture.server.smtpsPort
        settings.smtpSecurity = .tls
        var smtpOnly = settings
        smtpOnly.trustedCAPEM = nil
        smtpOnly.imapSecurity = .none
        smtpOnly.imapPort = fixture.server.imapPort
        let smtp = await #expect(throws: IMAPAccountError.self) {
            _ = try await IMAPAccountVerifier.verify(settings: smtpOnly, credentials: .password(fixture.server.password),
                                                     logger: MailFixture.logger)
        }
        #expect(smtp?.kind == .tlsFailure)
        #expect(smtp?.server == .smtp)
        _ = try await IMAPAccountVerifier.verify(settings: settings, credentials: .password(fixture.server.password),
                                                 logger: MailFixture.logger)
    }

    @Test("failed TLS setup on the IMAP side is an error, not a crash (implicit TLS untrusted, non-IMAP port, TLS on a plain port)")
    func imapTLSFailuresDoNotCrash() async throws {
        guard let fixture = try MailFixture.make() else { return }
        let good = try fixture.settings(for: fixture.newUser("tlsfail"))
        var untrusted = good
        untrusted.imapPort = fixture.server.imapsPort
        untrusted.imapSecurity = .tls
        untrusted.trustedCAPEM = nil
        var smtpPortForIMAP = good
        smtpPortForIMAP.imapPort = fixture.server.smtpPort
        var tlsOnPlainPort = good
        tlsOnPlainPort.imapSecurity = .tls
        for (settings, kind) in [(untrusted, IMAPAccountError.Kind.tlsFailure), (smtpPortForIMAP, .serverError),
                                 (tlsOnPlainPort, .tlsFailure)] {
            for _ in 0..<3 {
                let error = await #expect(throws: IMAPAccountError.self) {
                    _ = try await IMAPAccountVerifier.verify(settings: settings, credentials: .password(fixture.server.password),
                                                             logger: MailFixture.logger)
                }
                #expect(error?.server == .imap)
                #expect(error?.kind == kind, "\(error?.message ?? "")")
            }
        }
    }

    @Test("an unresolvable host is unreachable")
    func unreachable() async throws {
        guard let fixture = try MailFixture.make() else { return }
        var settings = try fixture.settings(for: fixture.newUser("dns"))
        settings.imapHost = "imap.does-not-exist.invalid"
        let error = await #expect(throws: IMAPAccountError.self) {
            _ = try await IMAPAccountVerifier.verify(settings: settings, credentials: .password(fixture.server.password),
                                                     logger: MailFixture.logger)
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.message.contains("imap.does-not-exist.invalid") == true)
    }

    @Test("security none is refused for remote hosts before connecting, accepted on loopback")
    func noneSecurity() async throws {
        var remote = IMAPAccountSettings(email: "a@example.com", username: "a", imapHost: "imap.example.com", imapPort: 143,
                                         imapSecurity: .none, smtpHost: "smtp.example.com", smtpPort: 587, smtpSecurity: .starttls)
        let error = await #expect(throws: IMAPAccountError.self) {
            _ = try await IMAPAccountVerifier.verify(settings: remote, credentials: .password("x"), logger: MailFixture.logger)
        }
        #expect(error?.kind == .invalidSettings)
        #expect(error?.message.contains("loopback") == true)
        remote.imapSecurity = .starttls
        remote.smtpSecurity = .none
        #expect(throws: IMAPAccountError.self) { try remote.validate() }
        for host in ["10.0.0.1", "localhost.example.com", "128.0.0.1", "::2", "0.0.0.0"] {
            remote.smtpHost = host
            #expect(throws: IMAPAccountError.self, "\(host)") { try remote.validate() }
        }
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST.", "::1", "[::1]", "0:0:0:0:0:0:0:1"] {
            remote.smtpHost = host
            #expect(throws: Never.self, "\(host)") { try remote.validate() }
        }

        guard let fixture = try MailFixture.make() else { return }
        var loopback = try fixture.settings(for: fixture.newUser("plain"))
        loopback.imapSecurity = .none
        loopback.smtpSecurity = .none
        loopback.smtpPort = try #require(fixture.server.smtpPlainPort)
        _ = try await IMAPAccountVerifier.verify(settings: loopback, credentials: .password(fixture.server.password),
                                                 logger: MailFixture.logger)
    }
}
