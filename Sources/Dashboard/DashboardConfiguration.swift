import Accounts
import Foundation

/// What the dashboard needs to know about this deployment: where users reach it, how hard password
/// hashing is, how long sessions and invites last, when sign-in backoff starts, and the limits to show.
public struct DashboardConfiguration: Sendable {
    /// The base URL users reach this server at (no trailing slash), e.g. `https://mail.example.com`.
    /// Cookies get `Secure` when it is `https`; the quick start shows `publicURL + "/mcp"`.
    public var publicURL: String
    /// bcrypt cost (log2 rounds). Production uses at least ``minimumProductionBcryptCost``; tests may go lower (4…31).
    public var bcryptCost: UInt8 = 12
    /// How long a sign-in lasts.
    public var sessionLifetime: TimeInterval = 7 * 86_400
    /// How long an invite link stays usable.
    public var inviteLifetime: TimeInterval = 7 * 86_400
    /// Failed sign-ins per address inside ``loginFailureWindow`` before sign-in is refused for a while.
    public var loginFailuresPerEmail = 5
    /// Failed sign-ins per client address inside ``loginFailureWindow`` (higher: several people may share one address).
    public var loginFailuresPerClient = 20
    /// The rolling window the failure counts are taken over.
    public var loginFailureWindow: TimeInterval = 15 * 60
    /// Per-key rate limits, shown on the usage page.
    public var rateLimits: RateLimitPolicy = .standard
    /// Plan limits, shown on the usage page.
    public var plans: PlanCatalog = .standard

    /// The smallest bcrypt cost accepted from operator configuration.
    public static let minimumProductionBcryptCost: UInt8 = 10

    /// Creates a configuration for `publicURL`.
    public init(publicURL: String) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
    }

    /// Whether the dashboard is reached over HTTPS (cookies then carry `Secure`).
    public var isHTTPS: Bool { publicURL.lowercased().hasPrefix("https://") }

    /// The MCP endpoint agents call.
    public var endpointURL: String { publicURL + "/mcp" }
}
