import Accounts

/// The account repositories only the dashboard uses: people, their browser sessions, invite links
/// and the failed-sign-in ledger. Passed in explicitly so the dashboard states what it touches.
public struct DashboardAccounts: Sendable {
    /// Dashboard users (bcrypt hashes only).
    public var users: any UserRepository
    /// Browser sessions (token hashes only).
    public var sessions: any DashboardSessionRepository
    /// Invite links (token hashes only).
    public var invites: any InviteRepository
    /// Failed sign-in attempts, for backoff.
    public var loginThrottle: any LoginThrottleRepository

    /// Bundles the four repositories.
    public init(users: any UserRepository, sessions: any DashboardSessionRepository,
                invites: any InviteRepository, loginThrottle: any LoginThrottleRepository) {
        self.users = users
        self.sessions = sessions
        self.invites = invites
        self.loginThrottle = loginThrottle
    }
}
