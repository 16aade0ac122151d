import Accounts
import Foundation
import Hummingbird
import Logging
import MCP
import Storage

/// The web dashboard served at `/` by `mcpemails serve`: sign-up and sign-in, inboxes, API keys,
/// quick start, usage, activity, docs and team invites. Server-rendered HTML (Mustache templates
/// compiled into the binary), one stylesheet and one small script, no third-party assets.
///
///     let dashboard = try Dashboard(configuration: .init(publicURL: url), stores: stores, accounts: accounts,
///                                   toolDefinitions: endpoint.toolDefinitions,
///                                   toolScopes: endpoint.toolScopes, connector: oauth,
///                                   mailboxCache: registry, logger: logger)
///     dashboard.register(on: router)
public struct Dashboard: Sendable {
    let environment: DashboardEnvironment

    /// Builds the dashboard: parses its templates and prepares the password hasher (one bcrypt hash
    /// at the configured cost, for constant-time sign-in failures).
    public init(configuration: DashboardConfiguration, stores: Stores, accounts: DashboardAccounts,
                toolDefinitions: [Tool], toolScopes: [String: Set<Scope>], connector: (any InboxConnecting)?, mailboxCache: any MailboxCacheInvalidating,
                logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) throws {
        environment = DashboardEnvironment(
            configuration: configuration, stores: stores, accounts: accounts, renderer: try PageRenderer(),
            hasher: PasswordHasher(cost: configuration.bcryptCost),
            cookies: SessionCookies(secure: configuration.isHTTPS, sessionLifetime: configuration.sessionLifetime),
            throttle: LoginThrottle(repository: accounts.loginThrottle, perEmail: configuration.loginFailuresPerEmail,
                                    perClient: configuration.loginFailuresPerClient, window: configuration.loginFailureWindow),
            connector: connector, mailboxCache: mailboxCache, toolReference: ToolReference(tools: toolDefinitions, scopes: toolScopes),
            logger: logger, now: now)
    }

    /// The user the browser behind `request` is signed in as, or `nil` (no or expired session). The app's
    /// OAuth callback uses it to finish a dashboard-started connection only for the user who started it.
    public func signedInUserID(_ request: Request) async -> UUID? {
        try? await Gate(env: environment).signedIn(request)?.user.id
    }

    /// Mounts every dashboard route on `router`.
    public func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        let gate = Gate(env: environment)
        AssetRoutes().register(on: router)
        AuthRoutes(gate: gate).register(on: router)
        QuickStartRoutes(gate: gate).register(on: router)
        InboxRoutes(gate: gate).register(on: router)
        IMAPInboxRoutes(gate: gate).register(on: router)
        KeyRoutes(gate: gate).register(on: router)
        UsageRoutes(gate: gate).register(on: router)
        ActivityRoutes(gate: gate).register(on: router)
        DocsRoutes(gate: gate).register(on: router)
        TeamRoutes(gate: gate).register(on: router)
        AccountRoutes(gate: gate).register(on: router)
    }
}
