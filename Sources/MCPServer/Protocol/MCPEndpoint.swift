import Accounts
import Foundation
import Logging
import MCP
import Metrics

/// The Streamable HTTP endpoint (`POST /mcp`), stateless: every request carries its own bearer key and is
/// answered from its own call stack, so any instance can serve any request and requests that reuse a
/// JSON-RPC id — from one key or many — never meet.
///
/// Streamable HTTP rules applied here: `Origin` allow-list (403), bearer auth (401 + `WWW-Authenticate`),
/// `MCP-Protocol-Version` check after initialize (400), notifications and client responses → 202 with no
/// body, batches only for revisions that have them, `application/json` replies.
public struct MCPEndpoint: Sendable {
    let services: any MCPServices
    let configuration: MCPEndpointConfiguration
    let logger: Logger
    let tools = ToolDispatcher.standard
    /// The `tools/list` result, built once: the definitions never change while the process runs.
    let toolList: Value

    public init(services: any MCPServices, configuration: MCPEndpointConfiguration, logger: Logger) {
        self.services = services
        self.configuration = configuration
        self.logger = logger
        self.toolList = .object(["tools": .array(tools.definitions.map(Self.encodeTool))])
    }

    /// Every tool definition, as `tools/list` serves them (also used by the dashboard's docs page).
    public var toolDefinitions: [Tool] { tools.definitions }

    /// The scopes each tool accepts (a key needs one of them), by tool name: what the scope check enforces.
    public var toolScopes: [String: Set<Scope>] { tools.handlers.mapValues(\.scopes) }

    /// Handles one HTTP request to `/mcp`. Takes the request (`consuming`) so its body can be released
    /// as soon as it is parsed: a send with a 10 MB attachment would otherwise hold its 13 MB of JSON
    /// for the whole call.
    public func handle(_ request: consuming MCPHTTPRequest) async -> MCPHTTPResponse {
        var logger = logger
        logger[metadataKey: "request_id"] = "\(request.requestID)"
        if let origin = request.header("origin"), !configuration.allowedOrigins.contains(origin) {
            return Self.errorResponse(status: 403, id: nil, .invalidRequest("Origin not allowed"))
        }
        switch request.method {
        case "POST": break
        case "GET", "DELETE":
            // No server-initiated SSE stream and no sessions: stateless JSON only.
            return MCPHTTPResponse(status: 405, headers: ["allow": "POST"])
        default:
            return MCPHTTPResponse(status: 405, headers: ["allow": "POST"])
        }
        if let accept = request.header("accept"), !Self.acceptsJSON(accept) {
            return Self.errorResponse(status: 406, id: nil, .invalidRequest("Accept must allow application/json"))
        }
        if let type = request.header("content-type"), !type.lowercased().hasPrefix("application/json") {
            return Self.errorResponse(status: 415, id: nil, .invalidRequest("Content-Type must be application/json"))
        }
        let document: Value
        do {
            document = try JSONInput.parse(request.body)
        } catch {
            return Self.errorResponse(status: 400, id: nil, .parseError("the body is not valid JSON"))
        }
        request.body = []
        // A cached key lookup only for one message whose every answer passes through `handleMessage`,
        // which vouches for a provisional caller before answering (batches and version errors do not).
        let versionError = Self.versionError(request, document)
        let allowingCache = Self.isSingleMessage(document) && versionError == nil
        guard let caller = await authenticate(request, allowingCache: allowingCache) else {
            return Self.unauthorized(id: Self.singleID(document))
        }
        logger[metadataKey: "key_id"] = "\(caller.keyID)"
        return await process(consume document, request: request, versionError: versionError, caller: caller, logger: logger)
    }

    private func authenticate(_ request: MCPHTTPRequest, allowingCache: Bool) async -> Caller? {
        guard let header = request.header("authorization") else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        do {
            return try await services.authenticate(bearer: token, allowingCache: allowingCache)
        } catch {
            logger.error("authentication lookup failed", metadata: ["error": "\(type(of: error))"])
            return nil
        }
    }

    /// `document` and each message below are passed on by ownership (`consuming`, `consume`), never kept in
    /// a caller's frame, so a tool can release its arguments once read (a send's attachment base64).
    private func process(_ document: consuming Value, request: MCPHTTPRequest, versionError: RPCError?, caller: Caller,
                         logger: Logger) async -> MCPHTTPResponse {
        if let error = versionError {
            return Self.errorResponse(status: 400, id: Self.singleID(document), error)
        }
        let version = request.header("mcp-protocol-version") ?? ProtocolVersion.assumedWithoutHeader
        let context = MessageContext(caller: caller, version: version, requestID: request.requestID, logger: logger)

        if case .array(let items) = document {
            guard ProtocolVersion.allowsBatching(version) else {
                return Self.errorResponse(status: 400, id: nil, .invalidRequest(
                    "JSON-RPC batches are not supported in protocol version \(version); send one message per request"))
            }
            guard !items.isEmpty else { return Self.errorResponse(status: 400, id: nil, .invalidRequest("empty batch")) }
            if items.contains(where: { Self.isInitialize($0) }) {
                return Self.errorResponse(status: 400, id: nil, .invalidRequest("initialize must not be part of a batch"))
            }
            var replies: [Value] = []
            for item in items {
                switch await handleMessage(item, context: context) {
                case .reply(let value, _): replies.append(value)
                case .accepted: break
                case .unauthorized: return Self.unauthorized(id: nil)  // not reached: batches never use the cache
                }
            }
            if replies.isEmpty { return MCPHTTPResponse(status: 202) }
            return Self.jsonResponse(status: 200, .array(replies))
        }
        let id = Self.singleID(document)
        switch await handleMessage(consume document, context: context) {
        case .accepted: return MCPHTTPResponse(status: 202)
        case .reply(let value, let status): return Self.jsonResponse(status: status.code, value, headers: status.headers)
        case .unauthorized: return Self.unauthorized(id: id)
        }
    }

    /// The `MCP-Protocol-Version` header's error, if it names a revision we do not speak (initialize may).
    static func versionError(_ request: MCPHTTPRequest, _ document: Value) -> RPCError? {
        guard let headerVersion = request.header("mcp-protocol-version"), !Self.isInitialize(document),
              !ProtocolVersion.supported.contains(headerVersion) else { return nil }
        return .invalidRequest(
            "unsupported MCP-Protocol-Version '\(headerVersion)'; supported: \(ProtocolVersion.supported.joined(separator: ", "))")
    }

    static func isSingleMessage(_ document: Value) -> Bool {
        if case .object = document { return true }
        return false
    }

    static func unauthorized(id: Value?) -> MCPHTTPResponse {
        var response = errorResponse(status: 401, id: id, .unauthorized)
        response.headers["www-authenticate"] = #"Bearer realm="mcpemails", error="invalid_token""#
        return response
    }

    struct MessageContext {
        var caller: Caller
        var version: String
        var requestID: String
        var logger: Logger
    }

    enum MessageOutcome {
        case accepted
        case reply(Value, HTTPStatus)
        /// A provisional caller's key turned out revoked: the whole request is answered 401.
        case unauthorized
    }

    struct HTTPStatus {
        var code: Int
        var headers: [String: String] = [:]
        static let ok = HTTPStatus(code: 200)
    }

    private func handleMessage(_ value: consuming Value, context: MessageContext) async -> MessageOutcome {
        let message: JSONRPCMessage
        switch JSONRPCMessage.decode(consume value) {
        case .clientResponse:
            return await isConfirmed(context) ? .accepted : .unauthorized
        case .invalid(let id, let error):
            guard await isConfirmed(context) else { return .unauthorized }
            return .reply(JSONRPCResponse.error(id: id, error), HTTPStatus(code: 400))
        case .message(let decoded): message = decoded
        }
        Counter(label: "mcp_requests_total", dimensions: [("method", Self.metricMethod(message.method))]).increment()
        guard let id = message.id else {  // notifications: initialized, cancelled, …
            return await isConfirmed(context) ? .accepted : .unauthorized
        }

        do {
            switch try await services.admitRequest(context.caller) {
            case .allowed: break
            case .keyInactive: return .unauthorized
            case .refused(let retryAfter):
                Counter(label: "mcp_rate_limit_rejections_total").increment()
                return rateLimited(message, id: id, retryAfter: retryAfter, context: context)
            }
        } catch {
            context.logger.error("rate limiter failed", metadata: ["error": "\(type(of: error))"])
            return .reply(JSONRPCResponse.error(id: id, .internalError("rate limiter unavailable")), HTTPStatus(code: 503))
        }
        do {
            let result = try await dispatch(consume message, context: context)
            return .reply(JSONRPCResponse.result(id: id, result), .ok)
        } catch {
            return .reply(JSONRPCResponse.error(id: id, error), .ok)
        }
    }

    /// Vouches for a provisional caller on answers that do not pass through `admitRequest`.
    private func isConfirmed(_ context: MessageContext) async -> Bool {
        guard context.caller.provisional else { return true }
        do {
            return try await services.confirmActive(context.caller)
        } catch {
            context.logger.error("key confirmation failed", metadata: ["error": "\(type(of: error))"])
            return false
        }
    }

    private func rateLimited(_ message: JSONRPCMessage, id: Value, retryAfter: Int, context: MessageContext) -> MessageOutcome {
        let text = "Rate limit exceeded for this API key (\(configuration.rateLimitSummary)). Retry after \(retryAfter) seconds."
        if message.method == "tools/call" {
            let name = message.params["name"]?.stringValue ?? "unknown"
            Counter(label: "mcp_tool_calls_total", dimensions: [("tool", name), ("outcome", "rate_limit_exceeded")]).increment()
            let error = ToolError(.rateLimitExceeded, text, retryAfter: retryAfter)
            let entry = ToolAuditEntry(at: Date(), caller: context.caller, inboxID: nil, tool: name,
                                       outcome: error.code.rawValue, latencyMilliseconds: 0, requestID: context.requestID)
            Task { await services.audit(entry) }
            return .reply(JSONRPCResponse.result(id: id, ToolDispatcher.wrap(error)), .ok)
        }
        let rpc = RPCError(code: -32000, message: text, data: .object(["retryAfter": .int(retryAfter)]))
        return .reply(JSONRPCResponse.error(id: id, rpc),
                      HTTPStatus(code: 429, headers: ["retry-after": String(retryAfter)]))
    }

    private func dispatch(_ message: consuming JSONRPCMessage, context: MessageContext) async throws(RPCError) -> Value {
        switch message.method {
        case "initialize":
            return initializeResult(message.params)
        case "ping":
            return .object([:])
        case "tools/list":
            return toolList
        case "tools/call":
            let params = message.params
            message.params = [:]
            return try await tools.call(params: consume params, caller: context.caller, services: services,
                                        readLimits: configuration.readLimits, requestID: context.requestID,
                                        logger: context.logger)
        default:
            throw .methodNotFound("Method '\(message.method)' not found. Supported: initialize, ping, tools/list, tools/call.")
        }
    }

    private func initializeResult(_ params: [String: Value]) -> Value {
        let requested = params["protocolVersion"]?.stringValue
        return .object([
            "protocolVersion": .string(ProtocolVersion.negotiate(requested)),
            "capabilities": .object(["tools": .object(["listChanged": false])]),
            "serverInfo": .object(["name": .string(configuration.serverName), "version": .string(configuration.serverVersion)]),
            "instructions": .string(configuration.instructions),
        ])
    }

    static func encodeTool(_ tool: Tool) -> Value {
        (try? Value(tool)) ?? .null
    }

    static func isInitialize(_ value: Value) -> Bool {
        if case .object(let object) = value, object["method"] == "initialize" { return true }
        return false
    }

    static func singleID(_ value: Value) -> Value? {
        guard case .object(let object) = value, let id = object["id"], JSONRPCMessage.isValidID(id) else { return nil }
        return id
    }

    static func metricMethod(_ method: String) -> String {
        ["initialize", "ping", "tools/list", "tools/call", "notifications/initialized"].contains(method) ? method : "other"
    }

    /// Media types in `Accept` that a JSON answer satisfies.
    private static let jsonMediaTypes: [[UInt8]] = ["application/json", "application/*", "*/*", "text/event-stream"].map { Array($0.utf8) }

    /// Whether any media type of an `Accept` header (parameters ignored, case-insensitive) takes JSON.
    /// Compared as bytes: this runs on every request.
    static func acceptsJSON(_ accept: String) -> Bool {
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        for item in accept.utf8.split(separator: UInt8(ascii: ",")) {
            let mediaType = item.prefix { $0 != UInt8(ascii: ";") }.drop(while: blank)
            let trimmed = mediaType.prefix(mediaType.count - mediaType.reversed().prefix(while: blank).count)
            let matches = jsonMediaTypes.contains { candidate in
                trimmed.count == candidate.count && zip(trimmed, candidate).allSatisfy { byte, expected in
                    (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected
                }
            }
            if matches { return true }
        }
        return false
    }

    static func jsonResponse(status: Int, _ value: Value, headers: [String: String] = [:]) -> MCPHTTPResponse {
        var all = headers
        all["content-type"] = "application/json"
        return MCPHTTPResponse(status: status, headers: all, body: JSONText.bytes(value))
    }

    static func errorResponse(status: Int, id: Value?, _ error: RPCError) -> MCPHTTPResponse {
        jsonResponse(status: status, JSONRPCResponse.error(id: id, error))
    }
}
