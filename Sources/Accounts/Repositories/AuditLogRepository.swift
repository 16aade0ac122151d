import Foundation

/// The audit log of tool calls, and the usage numbers derived from it.
public protocol AuditLogRepository: Sendable {
    /// Appends entries, all or none (one transaction).
    func record(_ entries: [AuditEntry]) async throws

    /// Entries of the workspace matching `filter`, newest first.
    func list(workspaceID: UUID, filter: AuditFilter, limit: Int, offset: Int) async throws -> [AuditEntry]

    /// Entries recorded since `since` (inclusive), optionally only for `tools`.
    func count(workspaceID: UUID, since: Date, tools: Set<String>?) async throws -> Int

    /// Per-outcome counts since `since` (e.g. `["ok": 90, "rate_limit_exceeded": 3]`).
    func outcomeCounts(workspaceID: UUID, since: Date) async throws -> [String: Int]

    /// Calls per UTC day for the `days` days ending with the day containing `now`, oldest first,
    /// days without calls included with zero.
    func callsPerDay(workspaceID: UUID, days: Int, now: Date) async throws -> [DailyCallCount]
}

extension AuditLogRepository {
    /// Appends one entry.
    public func record(_ entry: AuditEntry) async throws {
        try await record([entry])
    }
}
