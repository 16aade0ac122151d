import Accounts
import Foundation
import Hummingbird

/// `GET /keys`, `GET /keys/new`, `POST /keys`, revoke with confirmation.
///
/// The secret exists only in the response to `POST /keys` (sent with `Cache-Control: no-store`);
/// storage keeps a hash, so no later request can show it again. The form carries a single-use token:
/// submitting it again (refreshing the page that shows the secret, a double click) creates no second key
/// and redirects to the list, which says the key exists and its secret was shown once.
struct KeyRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    static let maximumNameLength = 100

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/keys") { request, _ in try await gate.page(request) { try await list(request, $0) } }
        router.get("/keys/new") { request, _ in
            try await gate.page(request) { signedIn in
                newPage(signedIn, name: "", scopes: [.readEmail], error: nil, status: .ok)
            }
        }
        router.post("/keys") { request, _ in try await gate.action(request) { try await create($0, $1) } }
        ConfirmedAction(
            path: "/keys/:id/revoke", section: .keys, cancel: "/keys", find: owned,
            ask: { key in
                key.isRevoked ? nil : .init(
                    title: "Revoke key", heading: "Revoke “\(key.name)”?",
                    message: "Requests with this key (\(key.prefix)…) are refused from the next request on (JSON-RPC -32001). This cannot be undone.",
                    confirmLabel: "Revoke key")
            },
            perform: { key, signedIn in
                _ = try await env.stores.apiKeys.revoke(id: key.id, workspaceID: signedIn.workspaceID, at: env.now())
                return redirect("/keys?revoked=\(Display.id(key.id))")
            }
        ).register(on: router, gate: gate)
    }

    private func owned(_ id: UUID, _ signedIn: SignedIn) async throws -> APIKey {
        guard let key = try await env.stores.apiKeys.get(id: id, workspaceID: signedIn.workspaceID) else { throw DashboardError.notFound }
        return key
    }

    private func list(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        let keys = try await env.stores.apiKeys.list(workspaceID: signedIn.workspaceID)
        let ordered = keys.filter { !$0.isRevoked }.reversed() + keys.filter(\.isRevoked).reversed()
        var page = Page("keys", title: "API Keys", section: .keys, data: [
            "hasKeys": !keys.isEmpty, "endpoint": env.configuration.endpointURL,
            "keys": ordered.map { key -> [String: Any] in
                [
                    "id": Display.id(key.id), "name": key.name, "prefix": key.prefix,
                    "scopes": key.scopes.sorted().map(\.rawValue), "created": Display.time(key.createdAt),
                    "lastUsed": key.lastUsedAt.map(Display.time) ?? "never", "revoked": key.isRevoked,
                    "revokedAt": key.revokedAt.map(Display.time) ?? "",
                ]
            },
        ])
        if let revoked = request.uri.queryParameters.get("revoked").flatMap(UUID.init(uuidString:)),
           let key = keys.first(where: { $0.id == revoked }) {
            page.notices.append(("success", "Revoked “\(key.name)”. Requests with it are refused from now on."))
        }
        if let created = request.uri.queryParameters.get("already_created").flatMap(UUID.init(uuidString:)),
           let key = keys.first(where: { $0.id == created }) {
            page.notices.append(("info", "That form already created “\(key.name)”; no second key was made. Its secret was shown "
                                 + "once and cannot be shown again: if you did not copy it, revoke the key and create another."))
        }
        return env.renderer.response(page, signedIn: signedIn)
    }

    private func newPage(_ signedIn: SignedIn, name: String, scopes: Set<Scope>, error: String?, status: HTTPResponse.Status) -> Response {
        var page = Page("key_new", title: "Create an API key", section: .keys, data: [
            "name": name, "readChecked": scopes.contains(.readEmail), "sendChecked": scopes.contains(.sendEmail),
            "formToken": SecretToken.generate(),
        ])
        if let error { page.data["error"] = error }
        page.status = status
        return env.renderer.response(page, signedIn: signedIn)
    }

    private func create(_ signedIn: SignedIn, _ form: FormBody) async throws -> Response {
        let name = form.text("name")
        let scopes = Set(form.all("scopes").compactMap(Scope.init(rawValue:)))
        guard !name.isEmpty, name.count <= Self.maximumNameLength else {
            return newPage(signedIn, name: String(name.prefix(Self.maximumNameLength)), scopes: scopes,
                           error: "Give the key a name (up to \(Self.maximumNameLength) characters).", status: .unprocessableContent)
        }
        guard !scopes.isEmpty else {
            return newPage(signedIn, name: name, scopes: scopes, error: "Choose at least one scope.", status: .unprocessableContent)
        }
        let formToken = form.text("form_token")
        guard SecretToken.isWellFormed(formToken) else {
            return newPage(signedIn, name: name, scopes: scopes,
                           error: "This form is out of date or incomplete. Check the name and scopes, then create the key again.",
                           status: .unprocessableContent)
        }
        let key: APIKey, secret: String
        switch try await env.stores.apiKeys.create(
            workspaceID: signedIn.workspaceID, name: name, scopes: scopes, formToken: formToken) {
        case .created(let created, let createdSecret): (key, secret) = (created, createdSecret)
        case .alreadyCreated(let earlier): return redirect("/keys?already_created=\(Display.id(earlier.id))")
        }
        env.logger.info("dashboard created an API key", metadata: ["key_id": "\(key.id)", "user_id": "\(signedIn.user.id)"])
        let firstInbox = try await env.stores.inboxes.list(workspaceID: signedIn.workspaceID).first
        var page = Page("key_created", title: "Your new API key", section: .keys, data: [
            "name": key.name, "secret": secret, "scopes": key.scopes.sorted().map(\.rawValue),
            "snippets": ClientSnippets.rows(endpoint: env.configuration.endpointURL, key: secret,
                                            inboxID: firstInbox.map { Display.id($0.id) }),
        ])
        page.noStore = true
        return env.renderer.response(page, signedIn: signedIn)
    }
}
