import MCP

/// One JSON-RPC 2.0 message from a client: a request (has `id`) or a notification (no `id`).
///
/// Wire example: `{"jsonrpc":"2.0","id":7,"method":"tools/list"}`. The `id` is kept as the client sent it
/// (number or string) and echoed back untouched; ids are unique only per client, so nothing here ever
/// matches responses by id — each HTTP request is answered from its own call stack.
public struct JSONRPCMessage: Sendable {
    /// `nil` for notifications.
    public var id: Value?
    public var method: String
    public var params: [String: Value]

    public var isNotification: Bool { id == nil }

    /// Validates one decoded JSON value as a JSON-RPC request or notification.
    /// Responses sent by clients (no `method`, with `result`/`error`) are reported as `.clientResponse`.
    static func decode(_ value: Value) -> Decoded {
        guard case .object(let object) = value else {
            return .invalid(id: nil, .invalidRequest("expected a JSON object"))
        }
        let id = object["id"]
        if let id, !Self.isValidID(id) {
            return .invalid(id: nil, .invalidRequest("'id' must be a string or an integer"))
        }
        guard object["jsonrpc"] == .string("2.0") else {
            return .invalid(id: id, .invalidRequest("'jsonrpc' must be \"2.0\""))
        }
        guard let methodValue = object["method"] else {
            if object["result"] != nil || object["error"] != nil { return .clientResponse }
            return .invalid(id: id, .invalidRequest("'method' is missing"))
        }
        guard case .string(let method) = methodValue, !method.isEmpty else {
            return .invalid(id: id, .invalidRequest("'method' must be a non-empty string"))
        }
        var params: [String: Value] = [:]
        switch object["params"] {
        case nil, .null?: break
        case .object(let p)?: params = p
        default: return .invalid(id: id, .invalidParams("'params' must be an object"))
        }
        return .message(JSONRPCMessage(id: id, method: method, params: params))
    }

    static func isValidID(_ id: Value) -> Bool {
        switch id {
        case .string, .int: true
        default: false
        }
    }

    enum Decoded {
        case message(JSONRPCMessage)
        case clientResponse
        case invalid(id: Value?, RPCError)
    }
}

/// Builds JSON-RPC response objects.
enum JSONRPCResponse {
    static func result(id: Value, _ result: Value) -> Value {
        .object(["jsonrpc": "2.0", "id": id, "result": result])
    }

    static func error(id: Value?, _ error: RPCError) -> Value {
        .object(["jsonrpc": "2.0", "id": id ?? .null, "error": error.json])
    }
}
