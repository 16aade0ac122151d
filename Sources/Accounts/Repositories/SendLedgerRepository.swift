import Foundation

/// The send ledger: one record per send, keyed for idempotency by (workspace, idempotency key).
public protocol SendLedgerRepository: Sendable {
    /// Starts a send. With an `idempotencyKey` already used in the workspace, returns the first
    /// record instead (exact under concurrency: of 50 simultaneous begins, one is `.new`).
    func begin(
        workspaceID: UUID, inboxID: UUID, tool: String, idempotencyKey: String?, requestFingerprint: String,
        now: Date
    ) async throws -> LedgerBegin

    /// Records the outcome of a send begun with ``begin(workspaceID:inboxID:tool:idempotencyKey:requestFingerprint:now:)``.
    func complete(
        sendID: UUID, status: DeliveryStatus, providerMessageID: String?, resultJSON: String?, errorCode: String?,
        now: Date
    ) async throws

    /// Deletes a record that is still `pending`, for a send abandoned before it reached the provider
    /// (e.g. refused by the send quota), so a retry with the same idempotency key starts afresh.
    /// Records with an outcome are kept.
    func discard(sendID: UUID, workspaceID: UUID) async throws

    /// The record by send id, if it belongs to `workspaceID`.
    func get(sendID: UUID, workspaceID: UUID) async throws -> SendRecord?

    /// The record by idempotency key within `workspaceID`.
    func get(idempotencyKey: String, workspaceID: UUID) async throws -> SendRecord?
}
