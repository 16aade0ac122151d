import Accounts
import Foundation
import Hummingbird

/// `GET /inboxes`, `GET /inboxes/new`, Gmail/Outlook connect and reconnect, remove with confirmation.
/// Every id is looked up inside the signed-in workspace: another workspace's inbox is "not found".
struct InboxRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/inboxes") { request, _ in try await gate.page(request) { try await list(request, $0) } }
        router.get("/inboxes/new") { request, _ in
            try await gate.page(request) { signedIn in
                var page = IMAPInboxRoutes.formPage(IMAPFormValues.blank, signedIn: signedIn, inbox: nil, result: nil, env: env)
                page.data["oauthProviders"] = Self.oauthProviders(env)
                return env.renderer.response(page, signedIn: signedIn)
            }
        }
        router.post("/inboxes/connect/:provider") { request, context in
            try await gate.action(request) { signedIn, _ in
                guard let kind = context.parameters.get("provider").flatMap(ProviderKind.init(rawValue:)), kind != .imap else {
                    throw DashboardError.notFound
                }
                return try await startOAuth(kind, signedIn: signedIn, reconnect: nil)
            }
        }
        router.get("/inboxes/:id/reconnect") { request, context in
            try await gate.page(request) { signedIn in try await showReconnect(try Gate.id(context), signedIn) }
        }
        router.post("/inboxes/:id/reconnect") { request, context in
            try await gate.action(request) { signedIn, form in
                let inbox = try await owned(try Gate.id(context), signedIn)
                if inbox.provider == .imap {
                    return try await IMAPInboxRoutes(gate: gate).reconnect(inbox, form: form, signedIn: signedIn, testOnly: false)
                }
                return try await startOAuth(inbox.provider, signedIn: signedIn, reconnect: inbox.id)
            }
        }
        ConfirmedAction(
            path: "/inboxes/:id/remove", section: .inboxes, cancel: "/inboxes", find: owned,
            ask: { inbox in
                .init(title: "Remove inbox", heading: "Remove \(inbox.address)?",
                      message: "Agents using inbox ID \(Display.id(inbox.id)) will get inbox_not_found. Its stored credentials are deleted. The mailbox itself is not touched.",
                      confirmLabel: "Remove inbox")
            },
            perform: { inbox, signedIn in
                guard try await env.stores.inboxes.remove(id: inbox.id, workspaceID: signedIn.workspaceID) else { throw DashboardError.notFound }
                await env.mailboxCache.forget(inboxID: inbox.id)
                return redirect("/inboxes?removed=1")
            }
        ).register(on: router, gate: gate)
    }

    /// The inbox `id` of the signed-in workspace, or not found.
    func owned(_ id: UUID, _ signedIn: SignedIn) async throws -> Inbox {
        guard let inbox = try await env.stores.inboxes.get(id: id, workspaceID: signedIn.workspaceID) else { throw DashboardError.notFound }
        return inbox
    }

    private func list(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        let inboxes = try await env.stores.inboxes.list(workspaceID: signedIn.workspaceID)
        var page = Page("inboxes", title: "Inboxes", section: .inboxes, data: [
            "hasInboxes": !inboxes.isEmpty,
            "inboxes": inboxes.map(Self.row),
        ])
        let query = request.uri.queryParameters
        if let connected = query.get("connected").flatMap(UUID.init(uuidString:)),
           let inbox = inboxes.first(where: { $0.id == connected }) {
            page.data["connected"] = ["address": inbox.address, "id": Display.id(inbox.id)]
            page.notices.append(("success", query.get("reconnected") == "1"
                                 ? "Reconnected \(inbox.address). It is active again."
                                 : "Connected \(inbox.address)."))
        }
        if let code = query.get("error").flatMap(InboxConnectError.init(rawValue:)) { page.notices.append(("error", code.message)) }
        if query.get("removed") == "1" { page.notices.append(("info", "The inbox was removed.")) }
        return env.renderer.response(page, signedIn: signedIn)
    }

    static func row(_ inbox: Inbox) -> [String: Any] {
        let server = inbox.provider == .imap
            ? inbox.settings["imap.host"].map { "IMAP \($0)" + (inbox.settings["smtp.host"].map { ", SMTP \($0)" } ?? "") }
            : nil
        return [
            "id": Display.id(inbox.id), "address": inbox.address, "provider": inbox.provider.rawValue,
            "providerLabel": providerLabel(inbox.provider),
            "statusLabel": inbox.status == .active ? "Active" : "Needs reconnect",
            "statusClass": inbox.status == .active ? "ok" : "err",
            "needsReconnect": inbox.status == .needsReconnect,
            "created": Display.time(inbox.createdAt), "server": server as Any,
        ]
    }

    static func providerLabel(_ kind: ProviderKind) -> String {
        switch kind {
        case .gmail: return "Gmail"
        case .outlook: return "Outlook"
        case .imap: return "IMAP"
        }
    }

    /// The Gmail and Outlook cards of the connect page.
    static func oauthProviders(_ env: DashboardEnvironment) -> [[String: Any]] {
        let available = env.connector?.availableProviders ?? []
        return [
            ["kind": "gmail", "label": "Gmail", "available": available.contains(.gmail),
             "description": "Google accounts and Google Workspace. You approve read and send access at Google."],
            ["kind": "outlook", "label": "Outlook", "available": available.contains(.outlook),
             "description": "Outlook.com and Microsoft 365 mailboxes, through Microsoft Graph."],
        ]
    }

    private func showReconnect(_ id: UUID, _ signedIn: SignedIn) async throws -> Response {
        let inbox = try await owned(id, signedIn)
        if inbox.provider == .imap {
            let page = IMAPInboxRoutes.formPage(IMAPFormValues(inbox: inbox), signedIn: signedIn, inbox: inbox, result: nil, env: env)
            return env.renderer.response(page, signedIn: signedIn)
        }
        let page = Page("inbox_reconnect", title: "Reconnect inbox", section: .inboxes, data: [
            "inbox": Self.row(inbox),
            "oauth": ["label": Self.providerLabel(inbox.provider),
                      "available": env.connector?.availableProviders.contains(inbox.provider) ?? false] as [String: Any],
        ])
        return env.renderer.response(page, signedIn: signedIn)
    }

    private func startOAuth(_ kind: ProviderKind, signedIn: SignedIn, reconnect: UUID?) async throws -> Response {
        guard let connector = env.connector, connector.availableProviders.contains(kind) else {
            return redirect("/inboxes?error=\(InboxConnectError.notConfigured.rawValue)")
        }
        do {
            let url = try await connector.startOAuth(provider: kind, workspaceID: signedIn.workspaceID, userID: signedIn.user.id,
                                                     reconnect: reconnect)
            var headers: HTTPFields = [.location: url.absoluteString]
            SecurityHeaders.apply(to: &headers, noStore: true)
            return Response(status: .seeOther, headers: headers)
        } catch {
            env.logger.warning("could not start an OAuth connect", metadata: ["provider": "\(kind.rawValue)", "error": "\(error)"])
            return redirect("/inboxes?error=\(InboxConnectError.failed.rawValue)")
        }
    }
}
