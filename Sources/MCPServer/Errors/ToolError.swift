import MCP

/// An execution error: returned as a normal result with `isError: true` and the seed's `errorCode`.
///
/// Wire example (seed, "Error codes"): `{"content":[{"type":"text","text":"Inbox … not found or not
/// accessible."}],"isError":true,"errorCode":"inbox_not_found"}`.
public struct ToolError: Error, Hashable, Sendable {
    /// The seed's execution error codes.
    public enum Code: String, Hashable, Sendable, CaseIterable {
        case inboxNotFound = "inbox_not_found"
        case messageNotFound = "message_not_found"
        case scopeDenied = "scope_denied"
        case invalidRecipient = "invalid_recipient"
        case authFailed = "auth_failed"
        case rateLimitExceeded = "rate_limit_exceeded"
        case quotaExceeded = "quota_exceeded"
        case attachmentTooLarge = "attachment_too_large"
        case searchTimeout = "search_timeout"
        case providerError = "provider_error"
    }

    public var code: Code
    /// A sentence an agent (and its user) can act on. Never secrets or message content.
    public var message: String
    /// Seconds to wait before retrying, where a retry makes sense.
    public var retryAfter: Int?
    /// Extra machine-readable fields (e.g. `send_id`, `delivery_status`).
    public var details: [String: Value]

    public init(_ code: Code, _ message: String, retryAfter: Int? = nil, details: [String: Value] = [:]) {
        self.code = code
        self.message = message
        self.retryAfter = retryAfter
        self.details = details
    }

    /// The same answer for an unknown inbox and another workspace's inbox: no existence leak.
    public static func inboxNotFound(_ id: String) -> ToolError {
        ToolError(.inboxNotFound, "Inbox \(id) not found or not accessible.")
    }
}
