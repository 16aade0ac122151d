import Accounts
import Dashboard
import Foundation

/// The dashboard's "Connect Gmail / Outlook" and "Reconnect" buttons, on the OAuth connect flow:
/// the flow's context brings the browser back to `/inboxes`, names the user who must be signed in at the
/// callback, and a reconnect updates that inbox.
struct DashboardInboxConnector: InboxConnecting {
    let flow: OAuthConnectFlow

    var availableProviders: Set<ProviderKind> { flow.settings.configuredProviders }

    func startOAuth(provider: ProviderKind, workspaceID: UUID, userID: UUID, reconnect: UUID?) async throws -> URL {
        var context = [OAuthConnectFlow.returnKey: "dashboard", OAuthConnectFlow.userKey: userID.uuidString.lowercased()]
        var loginHint: String?
        if let reconnect {
            context[OAuthConnectFlow.reconnectKey] = reconnect.uuidString.lowercased()
            loginHint = try await flow.stores.inboxes.get(id: reconnect, workspaceID: workspaceID)?.address
        }
        return try await flow.start(workspaceID: workspaceID, provider: provider, loginHint: loginHint, context: context)
    }
}

extension MailboxRegistry: MailboxCacheInvalidating {
    /// Drops the cached provider of a removed or reconnected inbox.
    public func forget(inboxID: UUID) async {
        await evict(inboxID)
    }
}
