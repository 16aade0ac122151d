import Accounts
import Foundation

/// Backoff after repeated failed sign-ins, counted per account address and per client address in a
/// rolling window (shared by every instance through ``LoginThrottleRepository``). Unknown addresses
/// are counted exactly like known ones, so the backoff itself reveals nothing.
struct LoginThrottle: Sendable {
    let repository: any LoginThrottleRepository
    let perEmail: Int
    let perClient: Int
    let window: TimeInterval

    /// The subjects one attempt is counted under.
    struct Subjects: Sendable {
        let email: String
        let client: String
    }

    /// Subjects for a sign-in attempt; `kind` separates sign-in from other counted actions.
    static func subjects(kind: String, email: String, clientAddress: String) -> Subjects {
        Subjects(email: "\(kind):email:\(User.normalizeEmail(email))", client: "\(kind):ip:\(clientAddress)")
    }

    /// `nil` when an attempt may proceed, else the whole seconds until it may: until enough failures have
    /// left the rolling window that fewer than the limit remain, under both subjects.
    func wait(_ subjects: Subjects, now: Date) async throws -> Int? {
        let since = now.addingTimeInterval(-window)
        var wait: Int?
        for (subject, limit) in [(subjects.email, perEmail), (subjects.client, perClient)] {
            let times = try await repository.failureTimes(subject: subject, since: since)
            guard times.count >= limit else { continue }
            let boundary = times[times.count - limit]  // the failure whose departure brings the count under the limit
            let seconds = max(1, Int(boundary.addingTimeInterval(window).timeIntervalSince(now).rounded(.up)))
            wait = max(wait ?? 0, seconds)
        }
        return wait
    }

    /// Counts one failed attempt under both subjects.
    func recordFailure(_ subjects: Subjects, now: Date) async throws {
        try await repository.recordFailure(subject: subjects.email, now: now)
        try await repository.recordFailure(subject: subjects.client, now: now)
    }

    /// Forgets the account's failures after a successful sign-in (the client's count stays, so one
    /// valid account cannot reset an address that is guessing others).
    func recordSuccess(_ subjects: Subjects) async throws {
        try await repository.reset(subject: subjects.email)
    }
}
