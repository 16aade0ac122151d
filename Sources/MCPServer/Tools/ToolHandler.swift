import Accounts
import Foundation
import MCP
import MailCore

/// One MCP tool: its definition for `tools/list` and how a call runs.
///
/// Handlers validate arguments (throwing `RPCError.invalidParams` naming the parameter) before any I/O,
/// and return the structured result; `ToolDispatcher` wraps it into `content` + `structuredContent`.
protocol ToolHandler: Sendable {
    /// The seed's tool name, e.g. `list_inbox`.
    var name: String { get }
    /// Scopes any one of which allows the call.
    var scopes: Set<Scope> { get }
    /// The definition served by `tools/list`.
    var definition: Tool { get }
    /// Runs one call. Throws `ToolError`, `RPCError` or `MailError`.
    ///
    /// The tool owns `arguments` (no caller keeps them), so it can release large ones once read.
    func call(_ arguments: consuming [String: Value], context: ToolContext) async throws -> Value
}

/// What a tool call may use: the caller, the services, the limits, and the inbox it touched (for the audit log).
final class ToolContext: @unchecked Sendable {
    let caller: Caller
    let services: any MCPServices
    let readLimits: ReadLimits
    let requestID: String
    private let lock = NSLock()
    private var _inboxID: UUID?

    init(caller: Caller, services: any MCPServices, readLimits: ReadLimits, requestID: String) {
        self.caller = caller
        self.services = services
        self.readLimits = readLimits
        self.requestID = requestID
    }

    /// The inbox this call addressed, once known.
    var inboxID: UUID? {
        lock.withLock { _inboxID }
    }

    /// Resolves an inbox of the caller's workspace, or fails exactly as for a nonexistent inbox.
    func mailbox(_ id: UUID) async throws -> ResolvedMailbox {
        lock.withLock { _inboxID = id }
        guard let mailbox = try await services.mailbox(id, for: caller) else {
            throw ToolError.inboxNotFound(id.uuidString.lowercased())
        }
        return mailbox
    }
}
