import Foundation

/// One audited tool call: who, what, on which inbox, how it ended and how long it took.
/// Never message bodies, addresses of recipients, or secrets.
public struct AuditEntry: Hashable, Sendable, Codable, Identifiable {
    /// Row id.
    public var id: UUID
    /// When the call finished.
    public var time: Date
    /// The workspace the key belongs to.
    public var workspaceID: UUID
    /// The API key used, if the call was authenticated.
    public var keyID: UUID?
    /// The inbox named by the call, if any.
    public var inboxID: UUID?
    /// The tool name (`list_inbox`, …) or the JSON-RPC method for non-tool requests.
    public var tool: String
    /// `ok`, or the error code (`inbox_not_found`, `rate_limit_exceeded`, …).
    public var outcome: String
    /// Wall time of the call in milliseconds.
    public var latencyMs: Int
    /// The request id also present in logs.
    public var requestID: String?

    /// The outcome string of a successful call.
    public static let okOutcome = "ok"

    /// Creates an entry value.
    public init(
        id: UUID = UUID(), time: Date, workspaceID: UUID, keyID: UUID?, inboxID: UUID?, tool: String,
        outcome: String, latencyMs: Int, requestID: String?
    ) {
        self.id = id
        self.time = time
        self.workspaceID = workspaceID
        self.keyID = keyID
        self.inboxID = inboxID
        self.tool = tool
        self.outcome = outcome
        self.latencyMs = latencyMs
        self.requestID = requestID
    }
}

/// Which audit entries to list. `nil` fields do not filter.
public struct AuditFilter: Hashable, Sendable {
    /// Only calls made with this key.
    public var keyID: UUID?
    /// Only calls on this inbox.
    public var inboxID: UUID?
    /// Only this tool.
    public var tool: String?
    /// Only this outcome (`ok` or an error code).
    public var outcome: String?
    /// Only entries strictly older than this time (for "load more" paging).
    public var before: Date?

    /// Creates a filter.
    public init(keyID: UUID? = nil, inboxID: UUID? = nil, tool: String? = nil, outcome: String? = nil, before: Date? = nil) {
        self.keyID = keyID
        self.inboxID = inboxID
        self.tool = tool
        self.outcome = outcome
        self.before = before
    }
}

/// Calls on one UTC day, for the usage page.
public struct DailyCallCount: Hashable, Sendable, Codable {
    /// The day's first instant (UTC).
    public var day: Date
    /// Tool calls recorded that day.
    public var calls: Int
    /// Of which ended with an error code.
    public var errors: Int

    /// Creates a value.
    public init(day: Date, calls: Int, errors: Int) {
        self.day = day
        self.calls = calls
        self.errors = errors
    }
}
