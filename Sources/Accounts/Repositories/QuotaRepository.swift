import Foundation

/// Workspace quotas: sends per UTC day and tool calls per UTC month, taken atomically.
///
/// Exact under concurrency: 205 simultaneous sends against a limit of 200 grant exactly 200.
public protocol QuotaRepository: Sendable {
    /// Takes one send from the UTC day containing `now`. `limit == nil` means unlimited (still counted).
    func reserveSend(workspaceID: UUID, limit: Int?, now: Date) async throws -> QuotaDecision

    /// Takes one tool call from the UTC month containing `now`. `limit == nil` means unlimited (still counted).
    func reserveCall(workspaceID: UUID, limit: Int?, now: Date) async throws -> QuotaDecision

    /// Counts `count` tool calls of an unlimited workspace in the UTC month containing `at` (nothing to
    /// refuse, so the count is written in batches after the calls instead of one write per call).
    func recordCalls(workspaceID: UUID, count: Int, at: Date) async throws

    /// Gives back a reservation (a send that failed before reaching the provider).
    func release(_ reservation: QuotaReservation) async throws

    /// The counts of the current day and month.
    func usage(workspaceID: UUID, now: Date) async throws -> QuotaUsage
}
