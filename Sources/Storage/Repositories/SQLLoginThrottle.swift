import Accounts
import Foundation
import SQLKit

/// ``LoginThrottleRepository`` over SQL: each failed sign-in is a row of
/// `login_failures (subject, at_ms)`, so every instance on the database sees the same counts.
///
/// The table stays bounded: recording a failure first deletes every subject's events older than
/// ``retention``. Backoff windows must therefore be no longer than ``retention``; `failures(since:)`
/// with an older `since` counts only what is retained. Recording runs under one advisory lock
/// (``lockKey``) on PostgreSQL, so concurrent prunes never delete the same rows in different orders
/// (a deadlock); failed sign-ins are rare enough for that to cost nothing.
struct SQLLoginThrottle: LoginThrottleRepository {
    let executor: any SQLExecutor

    /// How long failure events are kept: one day.
    static let retention: TimeInterval = 86_400
    /// Advisory lock key for recording failures (`'loginfal'` in ASCII).
    static let lockKey: Int64 = 0x6C6F_6769_6E66_616C

    func recordFailure(subject: String, now: Date) async throws {
        let nowMs = now.epochMilliseconds
        let horizon = now.addingTimeInterval(-Self.retention).epochMilliseconds
        try await executor.transaction(lockKey: Self.lockKey) { db in
            try await db.raw("DELETE FROM login_failures WHERE at_ms < \(bind: horizon)").run()
            try await db.raw("INSERT INTO login_failures (subject, at_ms) VALUES (\(bind: subject), \(bind: nowMs))").run()
        }
    }

    func failures(subject: String, since: Date) async throws -> Int {
        try await executor.read { db in
            try await db.raw("""
                SELECT COUNT(*) AS n FROM login_failures
                WHERE subject = \(bind: subject) AND at_ms >= \(bind: since.epochMilliseconds)
                """).first().map { try $0.int("n") } ?? 0
        }
    }

    func failureTimes(subject: String, since: Date) async throws -> [Date] {
        try await executor.read { db in
            try await db.raw("""
                SELECT at_ms FROM login_failures
                WHERE subject = \(bind: subject) AND at_ms >= \(bind: since.epochMilliseconds)
                ORDER BY at_ms
                """).all().map { Date(epochMilliseconds: try $0.int64("at_ms")) }
        }
    }

    func reset(subject: String) async throws {
        try await executor.write { db in
            try await db.raw("DELETE FROM login_failures WHERE subject = \(bind: subject)").run()
        }
    }
}
