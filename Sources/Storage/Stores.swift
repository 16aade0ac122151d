import Accounts
import Foundation
import Logging

/// Every repository over one ``Database`` and ``SecretBox``: the one object the server and the
/// admin CLI wire.
///
///     let stores = try await Stores.open(
///         databaseURL: env["MCPEMAILS_DATABASE_URL"], masterKeyBase64: env["MCPEMAILS_MASTER_KEY"], logger: logger)
///     defer { await stores.shutdown() }   // (in an async context)
///     let (key, workspace) = try await stores.apiKeys.authenticate(secret: bearer) ?? …
public struct Stores: Sendable {
    /// The database all repositories use.
    public let database: Database
    /// Encrypts credentials and PKCE verifiers at rest.
    public let secretBox: SecretBox
    /// Workspaces and plans.
    public let workspaces: any WorkspaceRepository
    /// API keys (hashes only).
    public let apiKeys: any APIKeyRepository
    /// Inboxes and their sealed credentials.
    public let inboxes: any InboxRepository
    /// Per-key rolling-window rate limits, shared by every instance on the database.
    public let rateLimiter: any RateLimitRepository
    /// Daily send and monthly call quotas.
    public let quotas: any QuotaRepository
    /// The send ledger (idempotency and delivery status).
    public let sendLedger: any SendLedgerRepository
    /// The audit log and usage aggregates.
    public let auditLog: any AuditLogRepository
    /// Pending OAuth connect flows.
    public let oauthStates: any OAuthStateRepository
    /// Dashboard users (email and password hash; one workspace each).
    public let users: any UserRepository
    /// Dashboard browser sessions (token hashes only).
    public let dashboardSessions: any DashboardSessionRepository
    /// Single-use invite links into a workspace (token hashes only).
    public let invites: any InviteRepository
    /// Failed dashboard sign-ins, shared by every instance on the database, for backoff.
    public let loginThrottle: any LoginThrottleRepository
    /// Deletes rows past their retention (audit entries, stale rate events, expired sessions…).
    public let housekeeping: Housekeeping
    /// Counts key revocations and plan changes made through these stores (see ``AccessChanges``).
    public let accessChanges: AccessChanges

    /// Builds the repositories. `now` stamps creation times (tests inject a clock); the limiters,
    /// quotas, sessions, invites and login throttle take their time as a parameter instead.
    public init(database: Database, secretBox: SecretBox, now: @escaping @Sendable () -> Date = { Date() }) {
        let executor = database.executor
        self.database = database
        self.secretBox = secretBox
        let accessChanges = AccessChanges()
        self.accessChanges = accessChanges
        self.workspaces = SQLWorkspaceRepository(executor: executor, now: now, accessChanges: accessChanges)
        self.apiKeys = SQLAPIKeyRepository(executor: executor, now: now, accessChanges: accessChanges)
        self.inboxes = SQLInboxRepository(executor: executor, secretBox: secretBox, now: now)
        self.rateLimiter = SQLRateLimiter(executor: executor)
        self.quotas = SQLQuotaRepository(executor: executor)
        self.sendLedger = SQLSendLedger(executor: executor)
        self.auditLog = SQLAuditLog(executor: executor)
        self.oauthStates = SQLOAuthStateRepository(executor: executor, secretBox: secretBox)
        self.users = SQLUserRepository(executor: executor, now: now)
        self.dashboardSessions = SQLDashboardSessionRepository(executor: executor)
        self.invites = SQLInviteRepository(executor: executor)
        self.loginThrottle = SQLLoginThrottle(executor: executor)
        self.housekeeping = Housekeeping(executor: executor)
    }

    /// Opens the database (migrating it), loads the master key — `masterKeyBase64` when given, else
    /// the key file (`keyFilePath`, by default next to a SQLite database; PostgreSQL requires
    /// `masterKeyBase64` or an explicit `keyFilePath`) — and checks that the key matches the one
    /// the database was first used with.
    public static func open(
        databaseURL: String?, masterKeyBase64: String?, keyFilePath: String? = nil, logger: Logger,
        maxConnections: Int = 8, now: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> Stores {
        let location = try DatabaseLocation.parse(databaseURL)
        let box = try SecretBox.loadOrCreate(
            masterKeyBase64: masterKeyBase64, keyFilePath: keyFilePath ?? location.defaultKeyFilePath)
        let database = try await Database.open(url: databaseURL, logger: logger, maxConnections: maxConnections)
        do {
            try await MasterKeyCheck.verify(box, executor: database.executor)
        } catch {
            await database.shutdown()
            throw error
        }
        return Stores(database: database, secretBox: box, now: now)
    }

    /// Checks that ``secretBox`` opens this database's master key check value (written on first use).
    public func verifyMasterKey() async throws {
        try await MasterKeyCheck.verify(secretBox, executor: database.executor)
    }

    /// Shuts the database down.
    public func shutdown() async {
        await database.shutdown()
    }
}
