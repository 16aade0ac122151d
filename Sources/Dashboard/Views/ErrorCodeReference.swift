import MCPServer

/// The product's error-code table: the JSON-RPC protocol errors, then every execution error code
/// the server can return (one row per `ToolError.Code`, so a new code cannot be left out).
enum ErrorCodeReference {
    static var rows: [[String: String]] {
        let protocolRows: [[String: String]] = [
            ["code": "-32001", "type": "Protocol", "when": "Invalid, unknown or revoked API key (HTTP 401).", "retry": "No"],
            ["code": "-32601", "type": "Protocol", "when": "Unknown tool name or method.", "retry": "No"],
            ["code": "-32602", "type": "Protocol", "when": "Missing or invalid parameter; the message names it.", "retry": "No"],
        ]
        return protocolRows + ToolError.Code.allCases.map { code in
            let (when, retry) = describe(code)
            return ["code": code.rawValue, "type": "Execution", "when": when, "retry": retry]
        }
    }

    static func describe(_ code: ToolError.Code) -> (String, String) {
        switch code {
        case .inboxNotFound: return ("inbox_id not found or not accessible.", "No")
        case .messageNotFound: return ("message_id does not exist (it may have been deleted).", "No")
        case .scopeDenied: return ("The API key lacks the scope this tool needs.", "No")
        case .invalidRecipient: return ("A recipient address failed RFC 5322 validation.", "No")
        case .authFailed: return ("The provider refused the inbox's credentials; reconnect it in Dashboard → Inboxes.", "After reconnecting")
        case .rateLimitExceeded: return ("Per-key rate limit hit.", "Yes, after retryAfter seconds")
        case .quotaExceeded: return ("Daily send quota (or monthly call quota) of the plan reached.", "After the period resets")
        case .attachmentTooLarge: return ("Attachments exceed 10 MB in total.", "No")
        case .searchTimeout: return ("Provider search took longer than 30 seconds; simplify the query.", "With a simpler query")
        case .providerError: return ("The provider returned an unexpected error.", "Reads: with backoff. Sends: check get_delivery_status first")
        }
    }
}
