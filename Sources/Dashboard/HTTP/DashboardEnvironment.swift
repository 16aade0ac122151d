import Accounts
import Foundation
import Logging
import Storage

/// Everything the route groups share: configuration, storage, security helpers, hooks.
struct DashboardEnvironment: Sendable {
    let configuration: DashboardConfiguration
    let stores: Stores
    let accounts: DashboardAccounts
    let renderer: PageRenderer
    let hasher: PasswordHasher
    let cookies: SessionCookies
    let throttle: LoginThrottle
    let connector: (any InboxConnecting)?
    let mailboxCache: any MailboxCacheInvalidating
    let toolReference: ToolReference
    let logger: Logger
    let now: @Sendable () -> Date
}

/// A browser signed in to the dashboard.
struct SignedIn: Sendable {
    let user: User
    let session: DashboardSession
    let workspace: Workspace

    var workspaceID: UUID { workspace.id }
}
