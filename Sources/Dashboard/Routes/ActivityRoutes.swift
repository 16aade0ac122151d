import Accounts
import Foundation
import Hummingbird
import MCPServer

/// `GET /activity?key=&inbox=&tool=&outcome=&page=`: the audit log, newest first, 25 per page.
/// Filter values outside the workspace are ignored (they could only ever match nothing).
struct ActivityRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    static let pageSize = 25

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/activity") { request, _ in try await gate.page(request) { try await page(request, $0) } }
    }

    private func page(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        let query = request.uri.queryParameters
        let keys = try await env.stores.apiKeys.list(workspaceID: signedIn.workspaceID)
        let inboxes = try await env.stores.inboxes.list(workspaceID: signedIn.workspaceID)
        let tools = env.toolReference.toolNames
        let outcomes = [AuditEntry.okOutcome] + ToolError.Code.allCases.map(\.rawValue)

        let keyID = query.get("key").flatMap(UUID.init(uuidString:)).flatMap { id in keys.first { $0.id == id }?.id }
        let inboxID = query.get("inbox").flatMap(UUID.init(uuidString:)).flatMap { id in inboxes.first { $0.id == id }?.id }
        let tool = query.get("tool").flatMap { tools.contains($0) ? $0 : nil }
        let outcome = query.get("outcome").flatMap { outcomes.contains($0) ? $0 : nil }
        let pageNumber = max(1, min(10_000, query.get("page").flatMap { Int($0) } ?? 1))
        let filter = AuditFilter(keyID: keyID, inboxID: inboxID, tool: tool, outcome: outcome)

        let fetched = try await env.stores.auditLog.list(
            workspaceID: signedIn.workspaceID, filter: filter, limit: Self.pageSize + 1, offset: (pageNumber - 1) * Self.pageSize)
        let entries = Array(fetched.prefix(Self.pageSize))
        let keyNames = Dictionary(keys.map { ($0.id, "\($0.name) (\($0.prefix)…)") }, uniquingKeysWith: { first, _ in first })
        let inboxNames = Dictionary(inboxes.map { ($0.id, $0.address) }, uniquingKeysWith: { first, _ in first })

        func url(page: Int) -> String {
            var items: [String] = []
            if let keyID { items.append("key=\(Display.id(keyID))") }
            if let inboxID { items.append("inbox=\(Display.id(inboxID))") }
            if let tool { items.append("tool=\(tool)") }
            if let outcome { items.append("outcome=\(outcome)") }
            if page > 1 { items.append("page=\(page)") }
            return "/activity" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
        }
        func options(_ values: [(String, String)], selected: String?) -> [[String: Any]] {
            values.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == selected] }
        }

        var data: [String: Any] = [
            "keyOptions": options(keys.map { (Display.id($0.id), keyNames[$0.id] ?? $0.name) }, selected: keyID.map(Display.id)),
            "inboxOptions": options(inboxes.map { (Display.id($0.id), $0.address) }, selected: inboxID.map(Display.id)),
            "toolOptions": options(tools.map { ($0, $0) }, selected: tool),
            "outcomeOptions": options(outcomes.map { ($0, $0) }, selected: outcome),
            "filtered": keyID != nil || inboxID != nil || tool != nil || outcome != nil,
            "hasEntries": !entries.isEmpty,
            "pageNumber": pageNumber,
            "entries": entries.map { entry -> [String: Any] in
                [
                    "time": Display.preciseTime(entry.time),
                    "key": entry.keyID.map { keyNames[$0] ?? "deleted key" } ?? "—",
                    "inbox": entry.inboxID.map { inboxNames[$0] ?? "removed inbox \(Display.id($0).prefix(8))…" } ?? "—",
                    "tool": entry.tool, "outcome": entry.outcome,
                    "outcomeClass": entry.outcome == AuditEntry.okOutcome ? "ok" : "err",
                    "latency": Display.count(entry.latencyMs),
                ]
            },
        ]
        if pageNumber > 1 { data["newerURL"] = url(page: pageNumber - 1) }
        if fetched.count > Self.pageSize { data["olderURL"] = url(page: pageNumber + 1) }
        return env.renderer.response(Page("activity", title: "Activity", section: .activity, data: data), signedIn: signedIn)
    }
}
