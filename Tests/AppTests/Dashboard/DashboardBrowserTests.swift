import Foundation
import Testing
import TestSupport

/// The dashboard in a real headless Chromium (Selenium, `scripts/dashboard-e2e.py`) against a real
/// server with the real IMAP backend and the test Dovecot: sign up → connect an IMAP inbox → create a
/// key → `list_inbox` over `POST /mcp` → the call on Activity and Usage → revoke → `-32001`. No
/// console errors; screenshots of every page at 1280 and 375 px go to `screenshots/` at the repo root.
@Suite("Dashboard in a real browser")
struct DashboardBrowserTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("sign up → IMAP inbox → key → list_inbox over MCP → activity and usage → revoke → -32001")
    func endToEnd() async throws {
        _ = try MailTestServer.fromEnvironment()
        guard let chromium = ProcessInfo.processInfo.environment["MCPEMAILS_TEST_CHROMIUM"], !chromium.isEmpty else {
            throw Shell.Failure(message: "MCPEMAILS_TEST_CHROMIUM is not set (scripts/test sets it; install chromium and chromium-driver)")
        }
        let port = try FreePort.pick()
        try await withServer(.sqlite, backends: nil, configure: { config in
            config.port = port
            config.publicURL = "http://127.0.0.1:\(port)"
        }) { server in
            let shots = Self.repositoryRoot.appendingPathComponent("screenshots")
            try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
            let script = Self.repositoryRoot.appendingPathComponent("scripts/dashboard-e2e.py").path
            let run = try await Shell.run("/usr/bin/env", ["python3", script, server.baseURL, shots.path])
            let report = (try? JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [String: Any] ?? [:]
            #expect(run.status == 0, "\(run.error.suffix(3000))")
            #expect(report["ok"] as? Bool == true, "\(report["error"] ?? run.output.suffix(2000)) at \(report["url"] ?? "?")")
            #expect((report["wrong_password_result"] as? String)?.contains("AUTHENTICATIONFAILED") == true
                    || (report["wrong_password_result"] as? String)?.lowercased().contains("refused") == true,
                    "the server's own error is shown: \(report["wrong_password_result"] ?? "")")
            #expect((report["test_result"] as? String)?.contains("Connection works") == true, "\(report["test_result"] ?? "")")
            #expect(report["copy_buttons_visible"] as? Bool == true)
            #expect((report["copy_status"] as? String)?.isEmpty == false, "the copy button answers")
            #expect(report["accessibility"] == nil, "\(report["accessibility"] ?? "")")
            #expect(report["key_visible_after_creation"] as? Bool == false)
            #expect(report["quickstart_has_inbox"] as? Bool == true)
            #expect((report["activity_filtered_rows"] as? Int ?? 0) >= 1)
            #expect(report["after_revoke_status"] as? Int == 401)
            #expect(report["after_revoke_code"] as? Int == -32001)
            #expect((report["console_errors"] as? [Any])?.isEmpty == true, "console errors: \(report["console_errors"] ?? "")")
            #expect(report["horizontal_overflow"] == nil, "pages wider than a 375 px phone: \(report["horizontal_overflow"] ?? "")")
            #expect((report["screenshots"] as? [String])?.count ?? 0 >= 30)
            let inboxID = try #require((report["inbox_id"] as? String).flatMap(UUID.init(uuidString:)))
            let inboxes = try await server.stores.inboxes.list(workspaceID: try #require(
                try await server.stores.workspaces.list().first?.id))
            #expect(inboxes.map(\.id) == [inboxID], "one inbox saved: the failed test connection saved nothing")
        }
    }
}
