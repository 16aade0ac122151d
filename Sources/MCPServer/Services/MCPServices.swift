import Accounts
import Foundation
import MCP
import MailCore

/// The authenticated API key behind a request.
public struct Caller: Sendable, Hashable {
    public var keyID: UUID
    public var workspaceID: UUID
    public var scopes: Set<Scope>
    /// The workspace's plan limits at the time of the request (send quota, monthly calls).
    public var limits: PlanLimits
    /// Authenticated from a recent lookup kept in memory: the key may have been revoked since. The endpoint
    /// answers such a caller with nothing but a 401 until ``MCPServices/admitRequest(_:)`` (which checks
    /// the key in the step that counts the request) or ``MCPServices/confirmActive(_:)`` has vouched for it.
    public var provisional: Bool

    public init(keyID: UUID, workspaceID: UUID, scopes: Set<Scope>, limits: PlanLimits, provisional: Bool = false) {
        self.keyID = keyID
        self.workspaceID = workspaceID
        self.scopes = scopes
        self.limits = limits
        self.provisional = provisional
    }
}

/// A connected inbox resolved for one caller, with the backend that serves it.
public struct ResolvedMailbox: Sendable {
    public var inboxID: UUID
    public var provider: any MailProvider

    public init(inboxID: UUID, provider: any MailProvider) {
        self.inboxID = inboxID
        self.provider = provider
    }
}

/// The answer of a rate-limit or quota check.
public enum LimitDecision: Sendable, Equatable {
    case allowed
    /// Refused; retry after this many seconds.
    case refused(retryAfter: Int)
    /// The key was revoked or deleted (noticed for a ``Caller/provisional`` caller): answer 401.
    case keyInactive
}

/// A reserved unit of the daily send quota, or a refusal.
public enum SendQuotaTicket: Sendable {
    /// Granted; `release` gives the unit back when the message never reached the provider.
    case granted(release: @Sendable () async -> Void)
    case refused(retryAfter: Int)
}

/// A send ledger record as agents see it.
public struct SendRecordView: Sendable, Equatable {
    public var sendID: UUID
    public var idempotencyKey: String?
    /// `pending`, `sent`, `failed` or `unknown`.
    public var deliveryStatus: String
    public var tool: String
    public var inboxID: UUID
    public var createdAt: Date
    /// The structured result returned the first time, when the send finished.
    public var result: Value?
    public var errorCode: String?

    public init(sendID: UUID, idempotencyKey: String?, deliveryStatus: String, tool: String, inboxID: UUID,
                createdAt: Date, result: Value?, errorCode: String?) {
        self.sendID = sendID
        self.idempotencyKey = idempotencyKey
        self.deliveryStatus = deliveryStatus
        self.tool = tool
        self.inboxID = inboxID
        self.createdAt = createdAt
        self.result = result
        self.errorCode = errorCode
    }
}

/// The outcome of opening a send in the ledger.
public enum SendBegin: Sendable {
    /// A new send: proceed and finish it under this id.
    case proceed(sendID: UUID)
    /// A repeat of an earlier send with the same idempotency key: answer with its record, send nothing.
    case replay(SendRecordView)
}

/// One tool call for the audit log: never bodies, never secrets.
public struct ToolAuditEntry: Sendable {
    public var at: Date
    public var caller: Caller
    public var inboxID: UUID?
    public var tool: String
    /// `ok`, a seed error code, or `rpc:<code>` for protocol errors.
    public var outcome: String
    public var latencyMilliseconds: Int
    public var requestID: String

    public init(at: Date, caller: Caller, inboxID: UUID?, tool: String, outcome: String,
                latencyMilliseconds: Int, requestID: String) {
        self.at = at
        self.caller = caller
        self.inboxID = inboxID
        self.tool = tool
        self.outcome = outcome
        self.latencyMilliseconds = latencyMilliseconds
        self.requestID = requestID
    }
}

/// Everything the MCP layer needs from the rest of the service. `App` implements it over `Storage`;
/// keeping it a protocol keeps this target free of HTTP and SQL.
public protocol MCPServices: Sendable {
    /// The key behind a bearer token, or `nil` for unknown, malformed or revoked keys. With `allowingCache`
    /// the answer may come from a recent lookup, as a ``Caller/provisional`` caller.
    func authenticate(bearer: String, allowingCache: Bool) async throws -> Caller?
    /// Whether a ``Caller/provisional`` caller's key still exists unrevoked (true for any other caller).
    func confirmActive(_ caller: Caller) async throws -> Bool
    /// Counts one request against the key's rolling rate-limit windows; for a ``Caller/provisional``
    /// caller also checks the key in the same step (`.keyInactive`, nothing counted, when it is gone).
    func admitRequest(_ caller: Caller) async throws -> LimitDecision
    /// Counts one tool call against the workspace's monthly call quota.
    func admitToolCall(_ caller: Caller) async throws -> LimitDecision
    /// The inbox if it belongs to the caller's workspace; `nil` otherwise (same answer as nonexistent).
    func mailbox(_ inboxID: UUID, for caller: Caller) async throws -> ResolvedMailbox?

    /// Opens a send in the ledger (idempotency check).
    func beginSend(_ caller: Caller, inboxID: UUID, tool: String, idempotencyKey: String?,
                   fingerprint: String) async throws -> SendBegin
    /// Reserves one send from the workspace's daily quota.
    func reserveSend(_ caller: Caller) async throws -> SendQuotaTicket
    /// Records the end of a send.
    func finishSend(_ sendID: UUID, caller: Caller, status: String, providerMessageID: String?,
                    result: Value?, errorCode: String?) async
    /// Forgets a send that was refused before it started (quota), so its idempotency key can be used again.
    func abandonSend(_ sendID: UUID, caller: Caller) async
    /// Looks a send up by id or idempotency key within the caller's workspace.
    func sendRecord(sendID: UUID?, idempotencyKey: String?, caller: Caller) async throws -> SendRecordView?

    /// Appends to the audit log. Failures are logged, never surfaced to the agent.
    func audit(_ entry: ToolAuditEntry) async
}
