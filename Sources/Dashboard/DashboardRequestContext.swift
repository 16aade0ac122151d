import Hummingbird

/// The request context the dashboard's routes need: Hummingbird's, plus the client's address
/// (sign-in backoff counts failures per address as well as per account).
public protocol DashboardRequestContext: RequestContext {
    /// The peer's IP address as text (`127.0.0.1`, `::1`), or `"unknown"`.
    var clientAddress: String { get }
}
