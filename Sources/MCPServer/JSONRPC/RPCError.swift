import MCP

/// A JSON-RPC 2.0 error object (`{"code", "message", "data"}`), the protocol-level failures of the seed's
/// error table: `-32001` invalid or revoked API key, `-32601` unknown method or tool, `-32602` bad parameter.
public struct RPCError: Error, Hashable, Sendable {
    public var code: Int
    public var message: String
    public var data: Value?

    public init(code: Int, message: String, data: Value? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// -32700: the body is not JSON.
    public static func parseError(_ detail: String) -> RPCError {
        RPCError(code: -32700, message: "Parse error: \(detail)")
    }
    /// -32600: JSON, but not a valid JSON-RPC request.
    public static func invalidRequest(_ detail: String) -> RPCError {
        RPCError(code: -32600, message: "Invalid request: \(detail)")
    }
    /// -32601: unknown method, or unknown tool name in `tools/call`.
    public static func methodNotFound(_ detail: String) -> RPCError {
        RPCError(code: -32601, message: detail)
    }
    /// -32602: a missing or invalid parameter; the message names the parameter.
    public static func invalidParams(_ detail: String) -> RPCError {
        RPCError(code: -32602, message: "Invalid params: \(detail)")
    }
    /// -32603: an internal error (never carries secrets or message content).
    public static func internalError(_ detail: String = "internal error") -> RPCError {
        RPCError(code: -32603, message: detail)
    }
    /// -32001: missing, malformed, unknown or revoked API key.
    public static let unauthorized = RPCError(
        code: -32001, message: "Invalid or revoked API key. Send 'Authorization: Bearer mcpe_live_…'.")

    var json: Value {
        var object: [String: Value] = ["code": .int(code), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }
}
