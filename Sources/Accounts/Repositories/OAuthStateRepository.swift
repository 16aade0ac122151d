import Foundation

/// Pending OAuth connect flows, single use.
public protocol OAuthStateRepository: Sendable {
    /// Stores a flow under its `state` parameter (only a hash of `state` is kept; the PKCE verifier
    /// is encrypted).
    func store(state: String, record: OAuthStateRecord) async throws

    /// Takes the flow for `state` atomically: a second consume of the same state returns `nil`,
    /// and so does an expired one (which is deleted as well).
    func consume(state: String, now: Date) async throws -> OAuthStateRecord?

    /// Deletes flows that expired before `now`; returns how many.
    func purgeExpired(now: Date) async throws -> Int
}
