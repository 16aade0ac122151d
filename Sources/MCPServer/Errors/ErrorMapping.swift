import MCP
import MailCore

/// The one place where internal errors become the seed's protocol errors or execution error codes.
///
/// `MailError` codes that describe a bad argument (unknown folder, unparsable query) become JSON-RPC
/// `-32602` naming the parameter; everything else becomes an `isError` result with an `errorCode`.
public enum ErrorMapping {
    /// What a failed tool call turns into.
    public enum Outcome: Sendable {
        case protocolError(RPCError)
        case toolError(ToolError)
    }

    /// Maps any error thrown while running a tool.
    public static func map(_ error: any Error) -> Outcome {
        switch error {
        case let error as ToolError: return .toolError(error)
        case let error as RPCError: return .protocolError(error)
        case let error as MailError: return map(error)
        default:
            return .toolError(ToolError(.providerError, "The mail provider failed unexpectedly. Try again later."))
        }
    }

    /// Maps a backend's `MailError`.
    public static func map(_ error: MailError) -> Outcome {
        let detail = error.detail.map { " (\($0))" } ?? ""
        switch error.code {
        case .messageNotFound:
            return .toolError(ToolError(.messageNotFound,
                "Message not found: it may have been deleted or moved. List the inbox again for current ids."))
        case .folderNotFound:
            return .protocolError(.invalidParams("folder does not exist in this inbox\(detail)"))
        case .invalidQuery:
            return .protocolError(.invalidParams("query could not be parsed\(detail)"))
        case .authFailed:
            return .toolError(ToolError(.authFailed,
                "The provider rejected this inbox's credentials (expired or revoked). The user must reconnect the inbox in the dashboard."))
        case .invalidRecipient:
            return .toolError(ToolError(.invalidRecipient, "A recipient address was rejected\(detail)."))
        case .messageTooLarge:
            return .toolError(ToolError(.attachmentTooLarge, "The message is larger than the provider accepts\(detail)."))
        case .searchTimeout:
            return .toolError(ToolError(.searchTimeout,
                "The provider's search took longer than 30 seconds. Simplify the query or restrict include_folders."))
        case .providerThrottled:
            return .toolError(ToolError(.providerError, "The provider is throttling requests\(detail). Retry after the indicated delay.",
                retryAfter: error.retryAfter ?? 30))
        case .deliveryUnknown:
            return .toolError(ToolError(.providerError,
                "The provider's answer to the send was lost: the message may have been sent. Do not retry; check get_delivery_status.",
                details: ["delivery_status": "unknown"]))
        case .backendUnavailable:
            return .toolError(ToolError(.providerError,
                "This inbox's provider backend is not available on this server\(detail)."))
        case .providerError:
            return .toolError(ToolError(.providerError, "The mail provider returned an error\(detail).",
                retryAfter: error.retryAfter ?? 5))
        }
    }
}
