import Accounts
import App
import ArgumentParser
import Foundation

/// `mcpemails audit --workspace ID [--limit N]`: the newest tool calls, newest first.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Show the tool-call audit log.")
    @Option(help: "Workspace id.") var workspace: String
    @Option(help: "How many entries (1–1000).") var limit: Int = 50
    @OptionGroup var common: CommonOptions

    func run() async throws {
        guard let workspaceID = UUID(uuidString: workspace) else { throw CommandFailure("--workspace must be a UUID") }
        guard (1...1000).contains(limit) else { throw CommandFailure("--limit must be between 1 and 1000") }
        try await withStores(common) { stores in
            let entries = try await stores.auditLog.list(workspaceID: workspaceID, filter: AuditFilter(), limit: limit, offset: 0)
            let rows: [[String: Any]] = entries.map {
                ["time": Output.iso($0.time), "key_id": $0.keyID?.uuidString.lowercased() ?? NSNull(),
                 "inbox_id": $0.inboxID?.uuidString.lowercased() ?? NSNull(), "tool": $0.tool, "outcome": $0.outcome,
                 "latency_ms": $0.latencyMs, "request_id": $0.requestID ?? NSNull()]
            }
            let text = entries.map {
                "\($0.time.formatted(.iso8601))  \($0.tool)  \($0.outcome)  \($0.latencyMs) ms  inbox=\($0.inboxID?.uuidString.lowercased() ?? "-")"
            }.joined(separator: "\n")
            Output.print(json: common.json, ["entries": rows], text: text)
        }
    }
}
