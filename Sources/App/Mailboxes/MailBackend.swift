import Accounts
import MailCore

/// Callbacks a backend may use to keep an inbox's stored state current.
public struct MailboxHooks: Sendable {
    /// Persists new credentials (e.g. refreshed OAuth tokens), encrypted by storage.
    public var saveCredentials: @Sendable ([UInt8]) async throws -> Void
    /// Marks the inbox `needs_reconnect` (refresh token revoked, password changed).
    public var markNeedsReconnect: @Sendable () async -> Void

    public init(saveCredentials: @escaping @Sendable ([UInt8]) async throws -> Void,
                markNeedsReconnect: @escaping @Sendable () async -> Void) {
        self.saveCredentials = saveCredentials
        self.markNeedsReconnect = markNeedsReconnect
    }
}

/// Builds `MailProvider`s for one provider kind. Gmail, Outlook and IMAP each register one; none is a
/// special case above this protocol.
public protocol MailBackend: Sendable {
    var kind: ProviderKind { get }
    /// A provider for `inbox`, given its decrypted credentials.
    func makeProvider(inbox: Inbox, credentials: [UInt8], hooks: MailboxHooks) async throws -> any MailProvider
}
