import Foundation

/// Lets the dashboard tell the app's mailbox registry to drop a cached provider (and its
/// connections) when an inbox is removed or reconnected, so the next tool call uses the new state.
public protocol MailboxCacheInvalidating: Sendable {
    /// Forgets the cached provider of `inboxID`, if any.
    func forget(inboxID: UUID) async
}
