import IMAP
import Logging
import SMTP

/// What verification learned about an account, for the lead to show or store.
public struct VerifiedAccount: Sendable, Hashable {
    /// The settings that worked.
    public var settings: IMAPAccountSettings
    /// The IMAP server's capabilities after login, sorted (e.g. `IMAP4REV1`, `SPECIAL-USE`, `UIDPLUS`).
    public var imapCapabilities: [String]
    /// The SMTP server's EHLO keywords after TLS, sorted (e.g. `8BITMIME`, `AUTH`, `SIZE`, `SMTPUTF8`).
    public var smtpCapabilities: [String]
    /// The SMTP server's `SIZE` limit in octets, when it announced one.
    public var smtpMaximumMessageSize: Int?
    /// The folder sent copies will go to (decoded name), or `nil` when none was found.
    public var sentFolder: String?
    /// Whether sent copies will be appended (``IMAPAccountSettings/savesSentCopy``).
    public var savesSentCopy: Bool

    /// Creates a verification result.
    public init(settings: IMAPAccountSettings, imapCapabilities: [String], smtpCapabilities: [String],
                smtpMaximumMessageSize: Int?, sentFolder: String?, savesSentCopy: Bool) {
        self.settings = settings
        self.imapCapabilities = imapCapabilities
        self.smtpCapabilities = smtpCapabilities
        self.smtpMaximumMessageSize = smtpMaximumMessageSize
        self.sentFolder = sentFolder
        self.savesSentCopy = savesSentCopy
    }
}

/// Checks an IMAP/SMTP account before it is saved (`mcpemails inbox add-imap`): validates the settings,
/// then logs in to the IMAP server (and lists its folders) and to the SMTP server, and logs out.
///
/// Failures are ``IMAPAccountError`` with a sentence for people that never contains the password:
/// - wrong password: `Login to the IMAP server imap.example.com:993 was refused: [AUTHENTICATIONFAILED] Authentication failed.`
/// - TLS: `TLS with the SMTP server smtp.example.com:465 failed: … certificate verify failed …`
/// - unreachable: `Could not connect to the IMAP server imap.example.com:993: … Connection refused …`
/// - `none` security for a remote host: refused before any connection.
public enum IMAPAccountVerifier {
    /// Verifies both servers, IMAP first; nothing is sent.
    public static func verify(
        settings: IMAPAccountSettings, credentials: IMAPCredentials, logger: Logger
    ) async throws(IMAPAccountError) -> VerifiedAccount {
        try settings.validate()
        guard !credentials.secret.isEmpty else {
            throw IMAPAccountError(.invalidCredentials, message: "The password (or access token) is empty.")
        }
        let connector = ServerConnector(settings: settings, credentials: credentials, tokenSource: nil, logger: logger)
        let (imapCapabilities, sentFolder) = try await verifyIMAP(connector)
        let smtpCapabilities = try await verifySMTP(connector)
        return VerifiedAccount(
            settings: settings, imapCapabilities: imapCapabilities.map(\.rawValue).sorted(),
            smtpCapabilities: smtpCapabilities.keywords.keys.sorted(),
            smtpMaximumMessageSize: smtpCapabilities.maximumMessageSize, sentFolder: sentFolder,
            savesSentCopy: settings.savesSentCopy)
    }

    private static func verifyIMAP(_ connector: ServerConnector) async throws(IMAPAccountError) -> (Set<Capability>, String?) {
        let settings = connector.settings
        do {
            let connection = try await connector.openIMAP()
            do {
                let capabilities = await connection.capabilities
                let directory = FolderDirectory(mailboxes: try await connection.list())
                await connection.logout()
                return (capabilities, directory.mailbox(for: .sent)?.name.displayName)
            } catch {
                await connection.close()
                throw error
            }
        } catch {
            throw ErrorMapping.accountError(error, server: .imap, host: settings.imapHost, port: settings.imapPort,
                                            secret: connector.credentials.secret)
        }
    }

    private static func verifySMTP(_ connector: ServerConnector) async throws(IMAPAccountError) -> SMTPCapabilities {
        let settings = connector.settings
        do {
            let smtp = try await connector.openSMTP()
            let capabilities = smtp.capabilities
            try? await smtp.quit()
            await smtp.close()
            return capabilities
        } catch {
            throw ErrorMapping.accountError(error, server: .smtp, host: settings.smtpHost, port: settings.smtpPort,
                                            secret: connector.credentials.secret)
        }
    }
}
