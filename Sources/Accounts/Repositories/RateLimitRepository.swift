import Foundation

/// Shared per-key rate limiting. Implementations must be exact under concurrency, also across
/// processes sharing one database: with a limit of 100/min, 150 simultaneous calls admit exactly 100.
public protocol RateLimitRepository: Sendable {
    /// Admits and counts one request for `keyID` at `now`, or rejects it (not counted) with the true
    /// time until a slot frees. See ``RateLimitPolicy`` for the window semantics.
    func admit(keyID: UUID, policy: RateLimitPolicy, now: Date) async throws -> Admission

    /// ``admit(keyID:policy:now:)`` for a key that must still exist unrevoked, checked in the same atomic
    /// step as the count: nil (nothing counted) when it does not. Lets a caller that authenticated from a
    /// cache notice a revocation, made by any process, on the request that follows it.
    func admitIfActive(keyID: UUID, policy: RateLimitPolicy, now: Date) async throws -> Admission?

    /// The admitted requests inside each window of `policy` at `now`, and today's rejections.
    func usage(keyID: UUID, policy: RateLimitPolicy, now: Date) async throws -> RateUsage
}
