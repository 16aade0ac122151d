import Accounts
import Foundation

/// Starts a Gmail or Outlook connection for the dashboard. The app implements it with its OAuth
/// connect flow; the flow's callback brings the browser back to `/inboxes` with a notice
/// (`?connected=<inbox id>`, or `?error=<code>` from ``InboxConnectError``).
public protocol InboxConnecting: Sendable {
    /// The OAuth providers this server has client credentials for (the others are shown as unavailable).
    var availableProviders: Set<ProviderKind> { get }

    /// Creates a single-use flow for `workspaceID`, started by `userID`, and returns the provider's
    /// consent URL. The callback completes it only in a browser signed in as `userID` (see
    /// ``Dashboard/signedInUserID(_:)``), so a consent link cannot be handed to someone else to connect
    /// their mailbox into another workspace. With `reconnect`, the callback updates that inbox (which
    /// must have the same address) instead of adding one.
    func startOAuth(provider: ProviderKind, workspaceID: UUID, userID: UUID, reconnect: UUID?) async throws -> URL
}

/// The outcomes of an OAuth connect started from the dashboard, carried back to `/inboxes` as a
/// short code so no free text travels in the URL.
public enum InboxConnectError: String, Sendable, CaseIterable {
    /// The user declined consent.
    case denied = "oauth_denied"
    /// The state expired or was used already.
    case expired = "oauth_expired"
    /// Google scopes were unticked.
    case missingScopes = "oauth_missing_scopes"
    /// No refresh token came back.
    case noRefreshToken = "oauth_no_refresh_token"
    /// The token exchange failed.
    case exchangeFailed = "oauth_exchange_failed"
    /// The mailbox address could not be read.
    case profileFailed = "oauth_profile_failed"
    /// A reconnect signed in to a different mailbox than the inbox being reconnected.
    case wrongAccount = "oauth_wrong_account"
    /// The callback came to a browser that is not signed in as the user who started the connection.
    case otherBrowser = "oauth_other_browser"
    /// The provider is not configured on this server.
    case notConfigured = "oauth_not_configured"
    /// Anything else.
    case failed = "oauth_failed"

    /// The sentence shown on the inboxes page.
    public var message: String {
        switch self {
        case .denied: return "The connection was not approved at the provider. Nothing was saved."
        case .expired: return "That connection attempt expired or was already used. Start it again."
        case .missingScopes: return "Not every permission was granted. Nothing was saved; connect again and allow all requested access."
        case .noRefreshToken: return "The provider issued no refresh token, so the inbox could not stay connected. Remove the app's access in your account settings and connect again."
        case .exchangeFailed: return "The provider refused to issue tokens. Nothing was saved; try again."
        case .profileFailed: return "The mailbox address could not be read from the provider. Nothing was saved; try again."
        case .wrongAccount: return "You signed in to a different mailbox than the inbox being reconnected. Nothing was changed; reconnect with the same account."
        case .otherBrowser: return "This connection was started by another dashboard session. Nothing was saved; start it again here."
        case .notConfigured: return "This provider is not configured on this server (see README: Connecting Gmail and Outlook)."
        case .failed: return "The connection failed. Nothing was saved; try again."
        }
    }
}
