import IMAP
import Logging
import MailCore
import SMTP

/// Opens authenticated IMAP connections and SMTP sessions for one account.
///
/// Shared by ``IMAPAccountVerifier`` (log in once, before saving) and ``IMAPMailProvider`` (the factory of
/// its IMAP connection pool and of its SMTP session pool). Credentials are read per connection, so a token source can refresh them.
struct ServerConnector: Sendable {
    let settings: IMAPAccountSettings
    let credentials: IMAPCredentials
    /// For XOAUTH2 inboxes whose tokens are refreshed elsewhere; `nil` uses `credentials.secret`.
    let tokenSource: (any AccessTokenSource)?
    let logger: Logger

    /// The current secret: a fresh access token from the source, or the stored one.
    func secret() async throws -> String {
        if credentials.method == .xoauth2, let tokenSource { return try await tokenSource.accessToken() }
        return credentials.secret
    }

    // MARK: IMAP

    var imapSecurity: IMAPConnectionSecurity {
        switch settings.imapSecurity {
        case .tls: .tls
        case .starttls: .startTLS
        case .none: .none
        }
    }

    var imapTLS: IMAPTLSOptions {
        IMAPTLSOptions(additionalTrustedCA: settings.trustedCAPEM.map { .pemBytes(Array($0.utf8)) })
    }

    var imapOptions: IMAPConnection.Options {
        IMAPConnection.Options(commandTimeout: .seconds(settings.commandTimeoutSeconds))
    }

    /// A connected, authenticated IMAP connection.
    ///
    /// `LOGIN` normally; `AUTHENTICATE PLAIN` when the server advertises `LOGINDISABLED` (RFC 3501 §6.2.3);
    /// `AUTHENTICATE XOAUTH2` for token credentials.
    func openIMAP() async throws -> IMAPConnection {
        let connection = try await IMAPConnection.connect(
            host: settings.imapHost, port: settings.imapPort, security: imapSecurity, tls: imapTLS,
            timeout: .seconds(settings.commandTimeoutSeconds), options: imapOptions, logger: logger)
        do {
            let secret = try await secret()
            let capabilities = await connection.capabilities
            switch credentials.method {
            case .xoauth2:
                try await connection.authenticateXOAUTH2(user: settings.username, accessToken: secret)
            case .password where capabilities.contains(.loginDisabled) && capabilities.contains(.auth("PLAIN")):
                try await connection.authenticatePlain(username: settings.username, password: secret)
            case .password:
                try await connection.login(username: settings.username, password: secret)
            }
            return connection
        } catch {
            await connection.close()
            throw error
        }
    }

    // MARK: SMTP

    var smtpOptions: SMTPConnectionOptions {
        let security: SMTPSecurity = switch settings.smtpSecurity {
        case .tls: .tls
        case .starttls: .startTLS
        case .none: .none
        }
        let step = Duration.seconds(max(settings.commandTimeoutSeconds, 30))
        let timeouts = SMTPTimeouts(connect: .seconds(15), greeting: step, command: step, mailFrom: step,
                                    rcptTo: step, dataInitiation: step, dataBlock: step, dataTermination: .seconds(120))
        return SMTPConnectionOptions(security: security, additionalTrustRootsPEM: settings.trustedCAPEM, timeouts: timeouts)
    }

    /// A connected SMTP session, authenticated with the account's credentials; the caller ends it (the
    /// provider's ``SMTPSessionPool`` keeps it for reuse, the verifier QUITs at once).
    ///
    /// A loopback server with no TLS that offers no AUTH at all (a local relay) is used without AUTH;
    /// everywhere else AUTH is required.
    func openSMTP() async throws -> SMTPConnection {
        let secret = try await secret()
        let smtp = try await SMTPConnection.connect(
            host: settings.smtpHost, port: settings.smtpPort, options: smtpOptions, logger: logger)
        do {
            let localRelay = settings.smtpSecurity == .none && smtp.capabilities.authMechanisms.isEmpty
            if !localRelay {
                switch credentials.method {
                case .password: try await smtp.authenticate(username: settings.username, password: secret)
                case .xoauth2: try await smtp.authenticateXOAUTH2(user: settings.username, accessToken: secret)
                }
            }
            return smtp
        } catch {
            await smtp.close()
            throw error
        }
    }
}
