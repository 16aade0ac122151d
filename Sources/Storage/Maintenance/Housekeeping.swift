import Accounts
import Foundation
import SQLKit

/// Deletes rows nobody needs any more: audit entries past their retention, rate events outside every
/// window (a revoked or idle key's events are never swept by its own requests), old rejection counts,
/// expired dashboard sessions, invites and OAuth states, and stale failed sign-ins.
///
/// Large deletions go in batches of ``batchSize`` rows, each its own short write, so a first prune of
/// millions of audit rows never holds SQLite's write lock (or a long PostgreSQL transaction) for long.
/// Sends are kept: they are the record of mail that left, and idempotent replays look them up.
public struct Housekeeping: Sendable {
    let executor: any SQLExecutor

    /// Rows per delete statement.
    public static let batchSize = 5_000
    /// Batches per table per prune: bounds one run; the next run continues.
    public static let maximumBatches = 200

    public func prune(now: Date, policy: RetentionPolicy) async throws -> PruneReport {
        let nowMs = now.epochMilliseconds
        var report = PruneReport()
        report.auditEntries = try await deleteInBatches(
            table: "audit_log", key: "id", olderThan: nowMs - Int64(policy.auditDays) * 86_400_000, column: "at_ms")
        report.rateEvents = try await deleteInBatches(
            table: "rate_events", key: "key_id, seq", olderThan: nowMs - Int64(policy.rateWindowSeconds) * 1_000 + 1,
            column: "at_ms")
        report.loginFailures = try await deleteInBatches(
            table: "login_failures", key: "subject, at_ms",
            olderThan: nowMs - Int64(RetentionPolicy.loginFailureSeconds) * 1_000, column: "at_ms")
        let oldestDay = UTCPeriod.day.key(containing: now.addingTimeInterval(-Double(RetentionPolicy.rateRejectionDays) * 86_400))
        report.rateRejectionDays = try await count {
            "DELETE FROM rate_rejections WHERE day < \(bind: oldestDay) RETURNING 1 AS gone"
        }
        report.dashboardSessions = try await count {
            "DELETE FROM dashboard_sessions WHERE expires_at <= \(bind: nowMs) RETURNING 1 AS gone"
        }
        report.invites = try await count { "DELETE FROM invites WHERE expires_at <= \(bind: nowMs) RETURNING 1 AS gone" }
        report.oauthStates = try await count { "DELETE FROM oauth_states WHERE expires_at <= \(bind: nowMs) RETURNING 1 AS gone" }
        return report
    }

    /// Deletes rows with `column < cutoff`, `batchSize` at a time; returns how many went.
    private func deleteInBatches(table: String, key: String, olderThan cutoff: Int64, column: String) async throws -> Int {
        var deleted = 0
        for _ in 0..<Self.maximumBatches {
            let gone = try await count {
                """
                DELETE FROM \(unsafeRaw: table) WHERE (\(unsafeRaw: key)) IN (
                    SELECT \(unsafeRaw: key) FROM \(unsafeRaw: table) WHERE \(unsafeRaw: column) < \(bind: cutoff)
                    LIMIT \(bind: Self.batchSize))
                RETURNING 1 AS gone
                """
            }
            deleted += gone
            if gone < Self.batchSize { break }
        }
        return deleted
    }

    private func count(_ statement: @Sendable () -> SQLQueryString) async throws -> Int {
        let query = statement()
        return try await executor.write { db in try await db.raw(query).all().count }
    }
}
