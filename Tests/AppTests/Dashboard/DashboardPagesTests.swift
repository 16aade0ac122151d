import Accounts
import App
import Foundation
import Testing

/// Every page renders with the security headers, the docs come from the `tools/list` definitions,
/// usage and activity show recorded calls, assets are served by the binary.
@Suite("Dashboard: pages")
struct DashboardPagesTests {
    @Test("pages carry CSP without inline scripts, DENY framing, a referrer policy; assets come from the binary")
    func headersAndAssets() async throws {
        try await withServer(.sqlite) { server in
            let (browser, _) = try await DashboardWorkspaceTests.signedIn(server, "pages")
            for path in ["/", "/inboxes", "/inboxes/new", "/keys", "/keys/new", "/usage", "/activity", "/docs", "/team", "/account"] {
                let page = try await browser.get(path)
                #expect(page.status == 200, "\(path)")
                let csp = page.headers.first(name: "content-security-policy") ?? ""
                #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"), "\(path)")
                #expect(page.headers.first(name: "x-frame-options") == "DENY")
                #expect(page.headers.first(name: "referrer-policy") != nil)
                #expect(!page.body.contains("<script>") && !page.body.contains(" style=\""), "\(path): no inline script or style")
                #expect(!page.body.contains("https://") || path == "/docs" || path == "/inboxes/new", "\(path): no remote assets")
            }
            #expect(try await browser.get("/inboxes/new").headers.first(name: "cache-control") == "no-store")
            let css = try await browser.get("/assets/dashboard.css")
            #expect(css.status == 200 && css.headers.first(name: "content-type")?.hasPrefix("text/css") == true)
            let js = try await browser.get("/assets/dashboard.js")
            #expect(js.status == 200 && js.body.contains("data-copy"))
        }
    }

    @Test("docs list every tool of tools/list with its parameters, and every error code")
    func docs() async throws {
        try await withServer(.sqlite) { server in
            let page = try await DashboardBrowser(baseURL: server.baseURL).get("/docs")
            #expect(page.status == 200)
            for tool in server.runtime.endpoint.toolDefinitions {
                #expect(page.body.contains("id=\"tool-\(tool.name)\""), "\(tool.name)")
            }
            for code in ["-32001", "-32601", "-32602", "inbox_not_found", "rate_limit_exceeded", "quota_exceeded", "provider_error"] {
                #expect(page.body.contains(code))
            }
            #expect(page.body.contains("<code>unread_only</code>") && page.body.contains("<code>idempotency_key</code>"))
            #expect(page.body.contains("<code>read_email</code> <span class=\"badge scope\">read:email</span>"))
            #expect(page.body.contains("<code>reply_to_email</code> <span class=\"badge scope\">send:email</span>"))
            // Every tool's badge is what the endpoint's scope check accepts for it.
            for (tool, scopes) in server.runtime.endpoint.toolScopes {
                let badge = scopes.map(\.rawValue).sorted().joined(separator: " or ")
                #expect(!badge.isEmpty && page.body.contains("<code>\(tool)</code> <span class=\"badge scope\">\(badge)</span>"), "\(tool)")
            }
        }
    }

    @Test("usage and activity show recorded calls, quotas against the plan, and filter and page the log", arguments: DatabaseKind.allCases)
    func usageAndActivity(kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let (browser, workspaceID) = try await DashboardWorkspaceTests.signedIn(server, "usage")
            let inbox = try await server.stores.inboxes.create(
                workspaceID: workspaceID, provider: .imap, address: "usage@example.com", displayName: nil, settings: [:],
                credentials: Array("pw".utf8))
            let secret = try #require(DashboardBrowser.secret(in: try await browser.createKey(name: "busy agent")))
            let client = MCPTestClient(baseURL: server.baseURL, key: secret)
            for _ in 0..<3 { _ = try await client.call("list_inbox", ["inbox_id": inbox.id.uuidString.lowercased()]) }
            _ = try await client.call("list_inbox", ["inbox_id": UUID().uuidString.lowercased()])
            var activity = try await browser.get("/activity")
            for _ in 0..<100 where activity.body.components(separatedBy: "<code>list_inbox</code>").count - 1 < 4 {
                try await Task.sleep(for: .milliseconds(100))  // the audit log may be written after the reply
                activity = try await browser.get("/activity")
            }

            let usage = try await browser.get("/usage")
            #expect(usage.status == 200)
            #expect(usage.body.contains("Tool calls this month") && usage.body.contains("4 <span class=\"muted\">/ 100</span>"), "\(usage.body)")
            #expect(usage.body.contains("busy agent") && usage.body.contains("<svg class=\"chart\""))

            #expect(activity.body.components(separatedBy: "<code>list_inbox</code>").count - 1 == 4)
            #expect(activity.body.contains("usage@example.com") && activity.body.contains("inbox_not_found"))
            let failures = try await browser.get("/activity?outcome=inbox_not_found")
            #expect(failures.body.components(separatedBy: "<code>list_inbox</code>").count - 1 == 1)
            let none = try await browser.get("/activity?tool=send_email")
            #expect(none.body.contains("Nothing matches these filters"))
        }
    }

    @Test("activity pages 25 entries at a time, newest first, keeping the filters in the links")
    func activityPaging() async throws {
        try await withServer(.sqlite) { server in
            let (browser, workspaceID) = try await DashboardWorkspaceTests.signedIn(server, "paging")
            let start = Date().addingTimeInterval(-3_600)
            let entries = (0..<30).map { n in
                AuditEntry(time: start.addingTimeInterval(Double(n)), workspaceID: workspaceID, keyID: nil, inboxID: nil,
                           tool: n % 2 == 0 ? "list_inbox" : "read_email", outcome: "ok", latencyMs: 1000 + n, requestID: nil)
            }
            for entry in entries { try await server.stores.auditLog.record(entry) }
            let first = try await browser.get("/activity")
            #expect(first.body.components(separatedBy: "<tr><td class=\"nowrap\">").count - 1 == 25)
            #expect(first.body.contains("1,029 ms") && !first.body.contains("1,004 ms"), "newest first")
            #expect(first.body.contains("href=\"/activity?page=2\"") && !first.body.contains("rel=\"prev\""))
            let second = try await browser.get("/activity?page=2")
            #expect(second.body.components(separatedBy: "<tr><td class=\"nowrap\">").count - 1 == 5)
            #expect(second.body.contains("1,000 ms") && second.body.contains("href=\"/activity\" rel=\"prev\""))
            let reads = try await browser.get("/activity?tool=read_email")
            #expect(reads.body.components(separatedBy: "<code>read_email</code>").count - 1 == 15)
            #expect(!reads.body.contains("rel=\"next\""))
        }
    }
}
