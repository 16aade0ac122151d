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
        do {
            let settings = try IMAPAccountSettings(dictionary: inbox.settings)
            let secret = try IMAPCredentials(bytes: credentials)
            return try IMAPMailProvider(settings: settings, credentials: secret, displayName: inbox.displayName, logger: logger)
        } catch {
            throw MailError(.backendUnavailable, detail: "the inbox's stored IMAP settings are incomplete; connect it again")
        }
    }
}
