import Accounts
import IMAPProvider
import Logging
import MailCore

/// IMAP/SMTP inboxes: non-secret server settings live in the inbox's settings, the password (or
/// XOAUTH2 token) in its encrypted credentials. One provider — and so one connection pool — per inbox.
struct IMAPBackend: MailBackend {
    let kind = ProviderKind.imap
    let logger: Logger

    func makeProvider(inbox: Inbox, credentials: [UInt8], hooks: MailboxHooks) async throws -> any MailProvider {
        let settings: IMAPAccountSettings
        let secret: IMAPCredentials
        do {
            settings = try IMAPAccountSettings(dictionary: inbox.settings)
            secret = try IMAPCredentials(bytes: credentials)
        } catch {
            throw MailError(.backendUnavailable, detail: "the inbox's stored IMAP settings are incomplete; connect it again")
        }
        return IMAPMailProvider(settings: settings, credentials: secret, logger: logger)
    }
}
