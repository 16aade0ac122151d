import Accounts
import Dashboard
import Hummingbird
import NIOCore

/// `GET /oauth/google/callback` and `GET /oauth/microsoft/callback`: finish a connect flow and show
/// the user a page with the inbox UUID, or a clear error (nothing saved). Flows started from the
/// dashboard go back to `/inboxes` with a notice instead.
struct OAuthRoutes {
    let flow: OAuthConnectFlow
    let registry: MailboxRegistry
    let dashboard: Dashboard

    func register(on router: Router<AppRequestContext>) {
        router.get("/oauth/google/callback") { request, _ in await callback(.gmail, request) }
        router.get("/oauth/microsoft/callback") { request, _ in await callback(.outlook, request) }
    }

    private func callback(_ provider: ProviderKind, _ request: Request) async -> Response {
        do {
            let dashboard = self.dashboard
            let connected = try await flow.complete(provider: provider, query: request.uri.query ?? "") { context in
                // A dashboard-started flow finishes only in the browser of the user who started it.
                guard let user = context[OAuthConnectFlow.userKey] else { return true }
                return await dashboard.signedInUserID(request)?.uuidString.lowercased() == user
            }
            let inbox = connected.inbox
            await registry.evict(inbox.id)
            let id = inbox.id.uuidString.lowercased()
            if connected.context[OAuthConnectFlow.returnKey] == "dashboard" {
                return Self.redirect("/inboxes?connected=\(id)" + (connected.reconnected ? "&reconnected=1" : ""))
            }
            return HTMLPage.response(status: .ok, title: "Inbox connected", body: """
                <p>Connected <strong>\(HTMLPage.escape(inbox.address))</strong>.</p>
                <p>Your inbox ID is:</p><p><code id="inbox-id">\(id)</code></p>
                <p>Paste it into your agent's system prompt: <em>Your inbox ID is: \(id). Use the list_inbox MCP tool to read email.</em></p>
                """)
        } catch let failure as OAuthConnectFlow.Failure {
            if failure.context[OAuthConnectFlow.returnKey] == "dashboard" {
                return Self.redirect("/inboxes?error=\(failure.reason.rawValue)")
            }
            return HTMLPage.response(status: .badRequest, title: "Connection failed",
                                     body: "<p>\(HTMLPage.escape(failure.message))</p><p><a href=\"/inboxes\">Back to the dashboard</a></p>")
        } catch {
            return HTMLPage.response(status: .internalServerError, title: "Connection failed",
                                     body: "<p>Something went wrong on our side. Nothing was saved; try again.</p>")
        }
    }
}

extension OAuthRoutes {
    /// `303 See Other` back to the dashboard.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}

/// A minimal, self-contained HTML page (no scripts, no remote assets).
enum HTMLPage {
    static func response(status: HTTPResponse.Status, title: String, body: String) -> Response {
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · MCPEmails</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
            code{background:#f2f2f2;padding:.2rem .4rem;border-radius:4px;word-break:break-all}</style></head>
            <body><h1>\(escape(title))</h1>\(body)</body></html>
            """
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8",
                                                  .init("content-security-policy")!: "default-src 'none'; style-src 'unsafe-inline'"],
                        body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
