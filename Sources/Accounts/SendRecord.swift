import Foundation

/// Where a send stands, as returned to agents in `delivery_status`.
public enum DeliveryStatus: String, Codable, CaseIterable, Sendable {
    /// Started and not finished yet (or the process died mid-send): do not send again.
    case pending
    /// The provider accepted the message.
    case sent
    /// The send failed before or at the provider; nothing went out.
    case failed
    /// The provider's answer was lost: the message may or may not have gone out.
    case unknown
}

/// One row of the send ledger. Holds identifiers and outcomes only, never message content.
public struct SendRecord: Hashable, Sendable, Codable, Identifiable {
    /// The `send_id` returned to the agent.
    public var id: UUID
    /// The workspace that sent.
    public var workspaceID: UUID
    /// The inbox sent from.
    public var inboxID: UUID
    /// `send_email` or `reply_to_email`.
    public var tool: String
    /// The agent's `idempotency_key`, if it gave one.
    public var idempotencyKey: String?
    /// A hash of the request's parameters (computed by the caller; never the body itself).
    public var requestFingerprint: String
    /// Current status.
    public var status: DeliveryStatus
    /// The provider's id for the sent message, once known.
    public var providerMessageID: String?
    /// The tool result returned the first time, as JSON, to return again on a repeat.
    public var resultJSON: String?
    /// The error code when the send failed (`provider_error`, `invalid_recipient`…).
    public var errorCode: String?
    /// When the send began.
    public var createdAt: Date
    /// When the outcome was recorded.
    public var completedAt: Date?

    /// Creates a record value.
    public init(
        id: UUID, workspaceID: UUID, inboxID: UUID, tool: String, idempotencyKey: String?,
        requestFingerprint: String, status: DeliveryStatus, providerMessageID: String? = nil,
        resultJSON: String? = nil, errorCode: String? = nil, createdAt: Date, completedAt: Date? = nil
    ) {
        self.id = id
        self.workspaceID = workspaceID
        self.inboxID = inboxID
        self.tool = tool
        self.idempotencyKey = idempotencyKey
        self.requestFingerprint = requestFingerprint
        self.status = status
        self.providerMessageID = providerMessageID
        self.resultJSON = resultJSON
        self.errorCode = errorCode
        self.createdAt = createdAt
        self.completedAt = completedAt
    }
}

/// The answer of ``SendLedgerRepository/begin(workspaceID:inboxID:tool:idempotencyKey:requestFingerprint:)``.
public enum LedgerBegin: Hashable, Sendable {
    /// First time: a new pending record was written; send, then call `complete`.
    case new(sendID: UUID)
    /// A record with this idempotency key already exists in the workspace: send nothing and answer
    /// with it (it may still be `pending` if the first request is in flight).
    /// `fingerprintMismatch` is true when the repeat's parameters differ from the first request's;
    /// the first record still wins (the key identifies the operation), the caller may warn.
    case existing(SendRecord, fingerprintMismatch: Bool)
}
