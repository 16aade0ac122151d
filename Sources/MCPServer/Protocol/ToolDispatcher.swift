import Foundation
import Logging
import MCP
import Metrics

/// Runs `tools/call`: tool lookup, scope check, monthly quota, the tool itself, result wrapping, audit.
struct ToolDispatcher: Sendable {
    let handlers: [String: any ToolHandler]
    let ordered: [any ToolHandler]

    init(handlers: [any ToolHandler]) {
        self.ordered = handlers
        self.handlers = Dictionary(uniqueKeysWithValues: handlers.map { ($0.name, $0) })
    }

    static let standard = ToolDispatcher(handlers: [
        ListInboxTool(), ReadEmailTool(), SearchEmailsTool(), SendEmailTool(), ReplyToEmailTool(),
        GetDeliveryStatusTool(),
    ])

    var definitions: [Tool] { ordered.map(\.definition) }

    /// One `tools/call`. Returns the JSON-RPC `result` or throws `RPCError`.
    ///
    /// The arguments are moved out of `params` and handed to the tool by ownership: nothing here keeps them,
    /// so a tool can release them once read.
    func call(params: consuming [String: Value], caller: Caller, services: any MCPServices,
              readLimits: ReadLimits, requestID: String, logger: Logger) async throws(RPCError) -> Value {
        guard case .string(let name)? = params["name"] else { throw .invalidParams("'name' (tool name) is required") }
        var arguments: [String: Value] = [:]
        switch params.removeValue(forKey: "arguments") {
        case nil, .null?: break
        case .object(let object)?: arguments = object
        default: throw .invalidParams("'arguments' must be an object")
        }
        guard let handler = handlers[name] else {
            throw .methodNotFound("Unknown tool '\(name)'. Available: \(ordered.map(\.name).joined(separator: ", ")).")
        }
        let started = ContinuousClock.now
        let context = ToolContext(caller: caller, services: services, readLimits: readLimits, requestID: requestID)
        let outcome = await run(handler, arguments: consume arguments, context: context)
        let elapsed = ContinuousClock.now - started
        let label: String = switch outcome {
        case .success: "ok"
        case .failure(.toolError(let e)): e.code.rawValue
        case .failure(.protocolError(let e)): "rpc:\(e.code)"
        }
        Counter(label: "mcp_tool_calls_total", dimensions: [("tool", name), ("outcome", label)]).increment()
        Timer(label: "mcp_tool_call_duration_seconds", dimensions: [("tool", name)]).recordNanoseconds(
            elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        await services.audit(ToolAuditEntry(
            at: Date(), caller: caller, inboxID: context.inboxID, tool: name, outcome: label,
            latencyMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000),
            requestID: requestID))
        logger.info("tool call", metadata: ["tool": "\(name)", "outcome": "\(label)"])
        switch outcome {
        case .success(let value): return Self.wrap(value)
        case .failure(.toolError(let error)): return Self.wrap(error)
        case .failure(.protocolError(let error)): throw error
        }
    }

    private func run(_ handler: any ToolHandler, arguments: consuming [String: Value],
                     context: ToolContext) async -> Result<Value, MappedFailure> {
        do {
            if handler.scopes.isDisjoint(with: context.caller.scopes) {
                let needed = handler.scopes.map(\.rawValue).sorted().joined(separator: " or ")
                throw ToolError(.scopeDenied, "This API key lacks the \(needed) scope required by \(handler.name).")
            }
            if case .refused(let retryAfter) = try await context.services.admitToolCall(context.caller) {
                throw ToolError(.quotaExceeded,
                    "The workspace's monthly tool-call quota is used up; it resets on the 1st (UTC).", retryAfter: retryAfter)
            }
            return .success(try await handler.call(consume arguments, context: context))
        } catch {
            switch ErrorMapping.map(error) {
            case .toolError(let e): return .failure(.toolError(e))
            case .protocolError(let e): return .failure(.protocolError(e))
            }
        }
    }

    enum MappedFailure: Error {
        case toolError(ToolError)
        case protocolError(RPCError)
    }

    /// A successful result: structured content plus the same JSON as a text block.
    static func wrap(_ structured: Value) -> Value {
        .object([
            "content": .array([.object(["type": "text", "text": .string(JSONText.encode(structured))])]),
            "structuredContent": structured,
            "isError": false,
        ])
    }

    /// An execution error, shaped as in the seed's example, with `retryAfter` and details when present.
    static func wrap(_ error: ToolError) -> Value {
        var result: [String: Value] = [
            "content": .array([.object(["type": "text", "text": .string(error.message)])]),
            "isError": true,
            "errorCode": .string(error.code.rawValue),
        ]
        if let retryAfter = error.retryAfter { result["retryAfter"] = .int(retryAfter) }
        for (key, value) in error.details { result[key] = value }
        return .object(result)
    }
}
