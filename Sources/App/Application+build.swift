import Accounts
import Dashboard
import Foundation
import Storage
import Hummingbird
import Logging
import MCPServer
import ServiceLifecycle

/// The running pieces of one MCPEmails process, for the executable, the admin commands and tests.
public struct MCPEmailsRuntime: Sendable {
    public let configuration: AppConfiguration
    public let stores: Stores
    public let registry: MailboxRegistry
    /// Queues audit entries off the request path; ``flushAudit()`` waits for them.
    let auditWriter: AuditWriter
    public let endpoint: MCPEndpoint
    /// The Gmail/Outlook connect flow (also used by `inbox connect-gmail|connect-outlook`).
    public let oauthFlow: OAuthConnectFlow
    /// The web dashboard served at `/`.
    public let dashboard: Dashboard

    /// Waits until every audit entry of calls answered so far is in the database (tests, shutdown).
    public func flushAudit() async {
        await auditWriter.flush()
    }
}

/// Opens the configured database (migrating it) and master key.
public func openStores(configuration: AppConfiguration, logger: Logger) async throws -> Stores {
    try await Stores.open(databaseURL: configuration.databaseURL, masterKeyBase64: configuration.masterKeyBase64, logger: logger)
}

/// Opens storage and builds the mail registry and MCP endpoint (no HTTP yet).
///
/// `backends` defaults to every backend of this build (`Backends.standard`); tests pass their own.
public func buildRuntime(configuration: AppConfiguration, logger: Logger,
                         backends: [any MailBackend]? = nil) async throws -> MCPEmailsRuntime {
    let backends = backends ?? Backends.standard(configuration: configuration, logger: logger)
    let stores = try await openStores(configuration: configuration, logger: logger)
    let registry = MailboxRegistry(backends: backends, inboxes: stores.inboxes, logger: logger)
    let auditWriter = AuditWriter(log: stores.auditLog, quotas: stores.quotas, logger: logger)
    let services = StoreBackedMCPServices(
        stores: stores, registry: registry, auditWriter: auditWriter, authCache: AuthCache(), rateLimits: configuration.rateLimits,
        plans: configuration.plans,
        logger: logger, now: { Date() })
    let endpoint = MCPEndpoint(
        services: services,
        configuration: MCPEndpointConfiguration(
            allowedOrigins: configuration.effectiveAllowedOrigins,
            readLimits: ReadLimits(maximumTextCharacters: configuration.maximumBodyCharacters,
                                   maximumHTMLCharacters: configuration.maximumBodyCharacters * 2),
            rateLimitSummary: configuration.rateLimits.summary),
        logger: logger)
    let oauthFlow = OAuthConnectFlow(settings: configuration.oauth, publicURL: configuration.effectivePublicURL,
                                     stores: stores, httpClient: .shared, logger: logger)
    var dashboardConfiguration = DashboardConfiguration(publicURL: configuration.effectivePublicURL)
    dashboardConfiguration.bcryptCost = configuration.bcryptCost
    dashboardConfiguration.rateLimits = configuration.rateLimits
    dashboardConfiguration.plans = configuration.plans
    let dashboard = try Dashboard(
        configuration: dashboardConfiguration, stores: stores,
        accounts: DashboardAccounts(users: stores.users, sessions: stores.dashboardSessions, invites: stores.invites,
                                    loginThrottle: stores.loginThrottle),
        toolDefinitions: endpoint.toolDefinitions, toolScopes: endpoint.toolScopes, connector: DashboardInboxConnector(flow: oauthFlow),
        mailboxCache: registry, logger: logger)
    return MCPEmailsRuntime(configuration: configuration, stores: stores, registry: registry, auditWriter: auditWriter,
                            endpoint: endpoint, oauthFlow: oauthFlow, dashboard: dashboard)
}

/// Builds the HTTP application: `/mcp`, `/healthz`, `/metrics`, the OAuth callbacks and the dashboard
/// at `/`, with request ids, logging and metrics.
///
/// `onServerRunning` receives the bound port (useful with port 0 in tests).
public func buildApplication(
    configuration: AppConfiguration, logger: Logger, backends: [any MailBackend]? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let runtime = try await buildRuntime(configuration: configuration, logger: logger, backends: backends)
    return buildApplication(runtime: runtime, logger: logger, onServerRunning: onServerRunning)
}

/// Builds the HTTP application around an already opened runtime (tests use this to reach the stores).
public func buildApplication(
    runtime: MCPEmailsRuntime, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) -> some ApplicationProtocol {
    _ = MetricsBootstrap.registry
    let configuration = runtime.configuration
    let router = Router(context: AppRequestContext.self)
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ForwardedClientMiddleware(trusted: configuration.trustedProxies))
    router.add(middleware: LogRequestsMiddleware(.debug))
    router.add(middleware: MetricsMiddleware())
    MCPRoutes(endpoint: runtime.endpoint, maximumRequestBytes: configuration.maximumRequestBytes).register(on: router)
    OAuthRoutes(flow: runtime.oauthFlow, registry: runtime.registry, dashboard: runtime.dashboard).register(on: router)
    let database = runtime.stores.database
    OperationalRoutes(health: { await database.ping() }).register(on: router)
    runtime.dashboard.register(on: router)

    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "mcpemails"),
        services: [
            RuntimeShutdownService(runtime: runtime, logger: logger),
            HousekeepingService(housekeeping: runtime.stores.housekeeping, policy: configuration.retention, logger: logger),
        ],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger)
}

/// Closes mail connections and the database after the HTTP server has drained (graceful shutdown).
struct RuntimeShutdownService: Service {
    let runtime: MCPEmailsRuntime
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await runtime.registry.shutdown()
        await runtime.flushAudit()
        await runtime.stores.shutdown()
        logger.info("mcpemails stopped")
    }
}
