import Accounts
import AsyncHTTPClient
import Foundation
import GmailProvider
import Logging
import MailCore
import OAuth
import OutlookProvider

/// Gmail and Outlook backends: stored credentials are a `TokenSet`; a `RefreshingTokenSource` refreshes
/// it, persists new tokens, and marks the inbox `needs_reconnect` when the refresh token is revoked.
struct OAuthMailBackend: MailBackend {
    let kind: ProviderKind
    let settings: OAuthProviderSettings
    let publicURL: String
    let httpClient: HTTPClient
    let logger: Logger

    func makeProvider(inbox: Inbox, credentials: [UInt8], hooks: MailboxHooks) async throws -> any MailProvider {
        guard let client = settings.client(for: kind, publicURL: publicURL) else {
            throw MailError(.backendUnavailable, detail: "\(kind.rawValue) is not configured on this server")
        }
        guard let tokens = try? JSONDecoder().decode(TokenSet.self, from: Data(credentials)) else {
            throw MailError(.authFailed, detail: "the stored tokens are unreadable; reconnect the inbox")
        }
        let source = RefreshingTokenSource(
            tokens: tokens, tokenClient: TokenClient(configuration: client, httpClient: httpClient, logger: logger),
            persist: { try await hooks.saveCredentials(Array(JSONEncoder().encode($0))) },
            onRevoked: { await hooks.markNeedsReconnect() }, logger: logger)
        let address = EmailAddress(name: inbox.displayName, address: inbox.address)
        switch kind {
        case .gmail:
            return GmailProvider(address: address, tokens: source, httpClient: httpClient,
                                 apiBaseURL: settings.google?.gmailAPIURL ?? GmailProvider.defaultAPIBaseURL, logger: logger)
        case .outlook:
            return OutlookProvider(address: address, tokens: source, httpClient: httpClient,
                                   graphBaseURL: settings.microsoft?.graphAPIURL ?? OutlookProvider.defaultGraphBaseURL, logger: logger)
        case .imap:
            throw MailError(.backendUnavailable, detail: "IMAP inboxes do not use OAuth")
        }
    }
}
