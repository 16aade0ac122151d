import Accounts
import Foundation
import Hummingbird

/// `GET /`: the quick start, the product's four steps for this deployment and this workspace.
struct QuickStartRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/") { request, _ in try await gate.page(request) { try await page(request, $0) } }
    }

    private func page(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        let inboxes = try await env.stores.inboxes.list(workspaceID: signedIn.workspaceID)
        let keys = try await env.stores.apiKeys.list(workspaceID: signedIn.workspaceID).filter { !$0.isRevoked }
        let wanted = request.uri.queryParameters.get("inbox").flatMap { UUID(uuidString: $0) }
        let chosen = inboxes.first { $0.id == wanted } ?? inboxes.first
        let chosenID = chosen.map { Display.id($0.id) }
        var page = Page("quickstart", title: "Quick start", section: .quickStart, data: [
            "endpoint": env.configuration.endpointURL,
            "hasInbox": !inboxes.isEmpty,
            "inboxCount": inboxes.count == 1 ? "1 inbox" : "\(inboxes.count) inboxes",
            "manyInboxes": inboxes.count > 1,
            "inboxChoices": inboxes.map { ["id": Display.id($0.id), "address": $0.address, "current": $0.id == chosen?.id] as [String: Any] },
            "hasKey": !keys.isEmpty,
            "keyCount": keys.count == 1 ? "1 key" : "\(keys.count) keys",
            "snippets": ClientSnippets.rows(endpoint: env.configuration.endpointURL, key: nil, inboxID: chosenID),
            "systemPrompt": chosenID.map(ClientSnippets.systemPrompt) ?? "",
        ])
        let broken = inboxes.filter { $0.status == .needsReconnect }
        if !broken.isEmpty {
            let names = broken.map(\.address).joined(separator: ", ")
            page.notices.append(("error", "\(broken.count == 1 ? "An inbox needs" : "\(broken.count) inboxes need") reconnecting (\(names)): its tools answer auth_failed. Open Inboxes and choose Reconnect."))
        }
        if request.uri.queryParameters.get("notice") == "welcome" {
            page.notices.append(("success", "Welcome! Your workspace is ready on the Free plan. Start by connecting an inbox."))
        } else if request.uri.queryParameters.get("notice") == "joined" {
            page.notices.append(("success", "Welcome to \(signedIn.workspace.name)! You share its inboxes, keys and usage."))
        }
        return env.renderer.response(page, signedIn: signedIn)
    }
}
