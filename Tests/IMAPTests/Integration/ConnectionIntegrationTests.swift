import IMAP
import NIOCore
import TestSupport
import Testing

@Suite("Dovecot: connect, TLS, authentication", .timeLimit(.minutes(2)))
struct ConnectionIntegrationTests {
    @Test("STARTTLS on the IMAP port, LOGIN, capabilities refreshed after login")
    func startTLSLogin() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.connect(server, security: .startTLS)
        let before = await connection.capabilities
        #expect(before.contains(.imap4rev1))
        #expect(!before.contains(.startTLS), "capabilities must be re-read under TLS")
        try await connection.login(username: server.uniqueAddress("login"), password: server.password)
        let after = await connection.capabilities
        #expect(after.contains(.specialUse))
        #expect(after.contains(.uidPlus))
        #expect(await connection.isAuthenticated)
        await connection.logout()
        #expect(await connection.isClosed)
    }

    @Test("implicit TLS on the IMAPS port with the test CA")
    func implicitTLS() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.login(server, security: .tls)
        try await connection.noop()
        await connection.logout()
    }

    @Test("the certificate is rejected without the test CA", arguments: [IMAPConnectionSecurity.tls, .startTLS])
    func certificateRejected(_ security: IMAPConnectionSecurity) async throws {
        guard let server = try Dovecot.server() else { return }
        let port = security == .tls ? server.imapsPort : server.imapPort
        let error = await #expect(throws: IMAPError.self) {
            _ = try await IMAPConnection.connect(host: server.host, port: port, security: security,
                                                 timeout: .seconds(20), logger: Dovecot.logger)
        }
        #expect(error?.code == .tlsFailure)
    }

    @Test("failed TLS setups end in a typed error every time, never a trap (20 attempts each)")
    func failedTLSNeverTraps() async throws {
        guard let server = try Dovecot.server() else { return }
        for _ in 0..<20 {
            // Implicit TLS against the plaintext port, and a certificate the client does not trust.
            for (port, security) in [(server.imapPort, IMAPConnectionSecurity.tls), (server.imapsPort, .tls), (server.imapPort, .startTLS)] {
                await #expect(throws: IMAPError.self) {
                    _ = try await IMAPConnection.connect(host: server.host, port: port, security: security,
                                                         timeout: .seconds(20), logger: Dovecot.logger)
                }
            }
        }
    }

    @Test("a DNS name in the certificate verifies (localhost)")
    func hostnameVerifies() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await IMAPConnection.connect(
            host: "localhost", port: server.imapsPort, security: .tls, tls: Dovecot.tls(server),
            timeout: .seconds(20), logger: Dovecot.logger)
        await connection.logout()
    }

    @Test("the extra CA can be given as PEM bytes")
    func caAsBytes() async throws {
        guard let server = try Dovecot.server() else { return }
        let pem = Array(try server.tlsCAPEM().utf8)
        let connection = try await IMAPConnection.connect(
            host: server.host, port: server.imapsPort, security: .tls, tls: IMAPTLSOptions(additionalTrustedCA: .pemBytes(pem)),
            logger: Dovecot.logger)
        await connection.logout()
    }

    @Test("wrong password surfaces AUTHENTICATIONFAILED with the server's text and no secret")
    func wrongPassword() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.connect(server)
        let secret = "wrong-password-\(UInt32.random(in: 0...UInt32.max))"
        let error = await #expect(throws: IMAPError.self) {
            try await connection.login(username: server.uniqueAddress("wrong"), password: secret)
        }
        #expect(error?.code == .authenticationFailed)
        #expect(error?.responseCode == .authenticationFailed)
        #expect(error?.serverText?.isEmpty == false)
        #expect(error.map { !$0.description.contains(secret) } ?? false)
        #expect(await !connection.isAuthenticated)
        #expect(await !connection.isClosed, "a rejected login leaves the connection usable")
        await connection.logout()
    }

    @Test("AUTHENTICATE PLAIN over plaintext loopback (SASL-IR) and over TLS")
    func authenticatePlain() async throws {
        guard let server = try Dovecot.server() else { return }
        for security in [IMAPConnectionSecurity.none, .tls] {
            let connection = try await Dovecot.connect(server, security: security)
            try await connection.authenticatePlain(username: server.uniqueAddress("plain"), password: server.password)
            #expect(await connection.capabilities.contains(.move))
            await connection.logout()
        }
    }

    @Test("AUTHENTICATE PLAIN with a wrong password")
    func authenticatePlainWrong() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.connect(server, security: .tls)
        let error = await #expect(throws: IMAPError.self) {
            try await connection.authenticatePlain(username: server.uniqueAddress("plain"), password: "nope")
        }
        #expect(error?.code == .authenticationFailed)
        await connection.logout()
    }

    @Test("XOAUTH2 against a server without it fails cleanly")
    func xoauth2Unsupported() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.connect(server, security: .tls)
        await #expect(throws: IMAPError.self) {
            try await connection.authenticateXOAUTH2(user: server.uniqueAddress("oauth"), accessToken: "ya29.token")
        }
        await connection.logout()
    }

    @Test("connecting to a closed port fails with connectionFailed", arguments: [IMAPConnectionSecurity.tls, .startTLS, .none])
    func unreachable(security: IMAPConnectionSecurity) async throws {
        guard let server = try Dovecot.server() else { return }
        let error = await #expect(throws: IMAPError.self) {
            _ = try await IMAPConnection.connect(host: server.host, port: 1, security: security, timeout: .seconds(5),
                                                 logger: Dovecot.logger)
        }
        #expect(error?.code == .connectionFailed)
    }

    @Test("LIST reports SPECIAL-USE folders")
    func listSpecialUse() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.login(server)
        let mailboxes = try await connection.list()
        let byUse = Dictionary(mailboxes.compactMap { info in info.specialUse.map { ($0, info.name.displayName) } },
                               uniquingKeysWith: { first, _ in first })
        #expect(byUse[.sent] == "Sent")
        #expect(byUse[.drafts] == "Drafts")
        #expect(byUse[.trash] == "Trash")
        #expect(byUse[.junk] == "Junk")
        #expect(byUse[.archive] == "Archive")
        #expect(mailboxes.contains { $0.name.isInbox && $0.isSelectable })
        await connection.logout()
    }

    @Test("CREATE and LIST a non-ASCII mailbox in modified UTF-7; TRYCREATE on a missing one")
    func internationalMailbox() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.login(server)
        let name = await connection.mailboxName("Entwürfe 日本")
        try await connection.create(name)
        let listed = try await connection.list()
        #expect(listed.contains { $0.name.displayName == "Entwürfe 日本" && $0.name.wireName == "Entw&APw-rfe &ZeVnLA-" })
        let selected = try await connection.select(name)
        #expect(selected.exists == 0)
        let error = await #expect(throws: IMAPError.self) {
            _ = try await connection.append(mailbox: MailboxName("Does Not Exist"), message: Dovecot.message(subject: "x", body: "y"))
        }
        #expect(error?.code == .commandRejected)
        #expect(error?.responseCode == .tryCreate)
        await connection.logout()
    }

    @Test("ENABLE and ID")
    func enableAndID() async throws {
        guard let server = try Dovecot.server() else { return }
        let connection = try await Dovecot.login(server)
        let enabled = try await connection.enable([.condStore])
        #expect(enabled == [.condStore])
        #expect(await connection.enabledExtensions.contains(.condStore))
        let serverID = try await connection.id([IDField(name: "name", value: "mcpemails"), IDField(name: "version", value: "test")])
        #expect(serverID?.contains { $0.name.lowercased() == "name" } == true)
        await connection.logout()
    }
}
