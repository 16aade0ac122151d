import Accounts
import App
import Foundation
import GoogleStandIn
import IMAPProvider
import Testing
import TestSupport

/// Connecting inboxes from the dashboard: Gmail through the OAuth flow (with the Google stand-in) back to
/// `/inboxes` with a notice, reconnect of a `needs_reconnect` inbox (same address required), and the IMAP
/// form against the real Dovecot (server errors shown, nothing saved on failure, reconnect keeps the id).
@Suite("Dashboard: connecting inboxes")
struct DashboardConnectTests {
    /// Follows the provider's consent redirect, then brings `browser` (with its cookies) to our callback;
    /// returns where the callback sends it.
    static func consent(_ started: DashboardBrowser.Page, in browser: DashboardBrowser) async throws -> String? {
        let providerURL = try #require(started.location)
        let consent = try await OAuthConnectTests.get(providerURL)
        let callback = try #require(consent.location)
        #expect(callback.hasPrefix(browser.baseURL))
        return try await browser.get(String(callback.dropFirst(browser.baseURL.count))).location
    }

    @Test("Gmail from the dashboard: connect, denied consent, reconnect with the wrong and then the right account")
    func gmail() async throws {
        let port = try FreePort.pick()
        let google = try await GoogleStandIn.start()
        google.registerRedirectURI("http://127.0.0.1:\(port)/oauth/google/callback")
        google.setConsent(.approve(user: "agent@gmail.test"))
        let env = [
            "MCPEMAILS_GOOGLE_CLIENT_ID": google.configuration.clientID,
            "MCPEMAILS_GOOGLE_CLIENT_SECRET": google.configuration.clientSecret,
            "MCPEMAILS_GOOGLE_AUTH_URL": google.authorizationURL.absoluteString,
            "MCPEMAILS_GOOGLE_TOKEN_URL": google.tokenURL.absoluteString,
            "MCPEMAILS_GMAIL_API_URL": google.baseURL,
        ]
        try await withServer(.sqlite, backends: nil, configure: { config in
            config.port = port
            config.publicURL = "http://127.0.0.1:\(port)"
            config.oauth = (try? OAuthProviderSettings.fromEnvironment(env)) ?? OAuthProviderSettings()
        }) { server in
            let (browser, workspaceID) = try await DashboardWorkspaceTests.signedIn(server, "gmail")
            let connectPage = try await browser.get("/inboxes/new")
            #expect(connectPage.body.contains("Connect Gmail") && connectPage.body.contains("action=\"/inboxes/connect/gmail\""))
            let token = try #require(connectPage.csrfToken)

            let started = try await browser.post("/inboxes/connect/gmail", [("csrf_token", token)])
            #expect(started.status == 303 && started.location?.hasPrefix(google.authorizationURL.absoluteString) == true)
            let back = try #require(try await Self.consent(started, in: browser))
            #expect(back.hasPrefix("/inboxes?connected="), "\(back)")
            let inbox = try #require(try await server.stores.inboxes.list(workspaceID: workspaceID).first)
            #expect(inbox.provider == .gmail && inbox.address == "agent@gmail.test")
            let listed = try await browser.get(back)
            #expect(listed.body.contains("Connected agent@gmail.test") && listed.body.contains(inbox.id.uuidString.lowercased()))

            // A consent link handed to someone else: their browser is not signed in as the user who started it.
            google.setConsent(.approve(user: "victim@gmail.test"))
            let handedOver = try await browser.post("/inboxes/connect/gmail", [("csrf_token", token)])
            let (victim, _) = try await DashboardWorkspaceTests.signedIn(server, "victim")
            #expect(try await Self.consent(handedOver, in: victim) == "/inboxes?error=oauth_other_browser")
            #expect(try await Self.consent(try await browser.post("/inboxes/connect/gmail", [("csrf_token", token)]),
                                           in: DashboardBrowser(baseURL: server.baseURL)) == "/inboxes?error=oauth_other_browser")
            #expect(try await server.stores.inboxes.list(workspaceID: workspaceID).count == 1, "nothing saved")

            google.setConsent(.deny)
            let denied = try #require(try await Self.consent(try await browser.post("/inboxes/connect/gmail", [("csrf_token", token)]), in: browser))
            #expect(denied == "/inboxes?error=oauth_denied")
            #expect(try await browser.get(denied).body.contains("not approved"))
            #expect(try await server.stores.inboxes.list(workspaceID: workspaceID).count == 1)

            _ = try await server.stores.inboxes.setStatus(inboxID: inbox.id, status: .needsReconnect)
            let id = inbox.id.uuidString.lowercased()
            #expect(try await browser.get("/inboxes").body.contains("href=\"/inboxes/\(id)/reconnect\">Reconnect"))
            #expect(try await browser.get("/").body.contains("An inbox needs reconnecting (agent@gmail.test)"))
            google.setConsent(.approve(user: "someone-else@gmail.test"))
            let wrong = try #require(try await Self.consent(try await browser.post("/inboxes/\(id)/reconnect", [("csrf_token", token)]), in: browser))
            #expect(wrong == "/inboxes?error=oauth_wrong_account")
            #expect(try await server.stores.inboxes.get(id: inbox.id, workspaceID: workspaceID)?.status == .needsReconnect)
            #expect(try await server.stores.inboxes.list(workspaceID: workspaceID).count == 1, "nothing added")

            google.setConsent(.approve(user: "agent@gmail.test"))
            let right = try #require(try await Self.consent(try await browser.post("/inboxes/\(id)/reconnect", [("csrf_token", token)]), in: browser))
            #expect(right == "/inboxes?connected=\(id)&reconnected=1")
            #expect(try await server.stores.inboxes.get(id: inbox.id, workspaceID: workspaceID)?.status == .active)
            #expect(try await browser.get(right).body.contains("Reconnected agent@gmail.test"))
        }
        await google.stop()
    }

    @Test("without OAuth clients the buttons say so and a connect attempt comes back with a clear notice")
    func notConfigured() async throws {
        try await withServer(.sqlite) { server in
            let (browser, _) = try await DashboardWorkspaceTests.signedIn(server, "nooauth")
            let page = try await browser.get("/inboxes/new")
            #expect(page.body.contains("Not configured on this server") && !page.body.contains("action=\"/inboxes/connect/gmail\""))
            let attempt = try await browser.post("/inboxes/connect/outlook", [("csrf_token", page.csrfToken ?? "")])
            #expect(attempt.location == "/inboxes?error=oauth_not_configured")
            #expect(try await browser.get("/inboxes?error=oauth_not_configured").body.contains("not configured on this server"))
        }
    }

    @Test("IMAP form: a wrong password shows the server's answer and saves nothing; reconnect keeps the inbox id")
    func imap() async throws {
        let mail = try MailTestServer.fromEnvironment()
        try await withServer(.sqlite, backends: nil) { server in
            let (browser, workspaceID) = try await DashboardWorkspaceTests.signedIn(server, "imap")
            let address = mail.uniqueAddress("form")
            let token = try await browser.sessionCSRF()
            func fields(_ password: String, email: String = address) throws -> [(String, String)] {
                [("csrf_token", token), ("email", email), ("username", address), ("password", password),
                 ("imap_host", mail.host), ("imap_port", String(mail.imapPort)), ("imap_security", "starttls"),
                 ("smtp_host", mail.host), ("smtp_port", String(mail.smtpPort)), ("smtp_security", "starttls"),
                 ("tls_ca", try mail.tlsCAPEM())]
            }
            let refused = try await browser.post("/inboxes/imap", try fields("not-the-password"))
            #expect(refused.status == 422 && refused.body.contains("AUTHENTICATIONFAILED"), "\(refused.body.suffix(600))")
            #expect(!refused.body.contains("value=\"\(mail.password)\""))
            #expect(try await server.stores.inboxes.list(workspaceID: workspaceID).isEmpty)

            let saved = try await browser.post("/inboxes/imap", try fields(mail.password))
            #expect(saved.status == 303 && saved.location?.hasPrefix("/inboxes?connected=") == true, "\(saved.body.suffix(600))")
            let inbox = try #require(try await server.stores.inboxes.list(workspaceID: workspaceID).first)
            #expect(inbox.provider == .imap && inbox.address == address)

            _ = try await server.stores.inboxes.updateCredentials(inboxID: inbox.id, credentials: IMAPCredentials.password("changed").encoded())
            _ = try await server.stores.inboxes.setStatus(inboxID: inbox.id, status: .needsReconnect)
            let id = inbox.id.uuidString.lowercased()
            let form = try await browser.get("/inboxes/\(id)/reconnect")
            #expect(form.status == 200 && form.body.contains("value=\"\(mail.host)\"") && form.body.contains("value=\"\(mail.imapPort)\""))
            #expect(!form.body.contains("changed"), "the stored password is never shown")
            let test = try await browser.post("/inboxes/\(id)/reconnect/test", try fields("still-wrong", email: "other@example.com"))
            #expect(test.status == 200 && test.body.contains("AUTHENTICATIONFAILED"))
            #expect(try await server.stores.inboxes.get(id: inbox.id, workspaceID: workspaceID)?.status == .needsReconnect)
            let fixed = try await browser.post("/inboxes/\(id)/reconnect", try fields(mail.password, email: "other@example.com"))
            #expect(fixed.location == "/inboxes?connected=\(id)&reconnected=1", "\(fixed.body.suffix(600))")
            let after = try #require(try await server.stores.inboxes.get(id: inbox.id, workspaceID: workspaceID))
            #expect(after.status == .active && after.address == address, "the address stays the inbox's")

            let secret = try #require(DashboardBrowser.secret(in: try await browser.createKey(name: "imap agent")))
            let list = try await MCPTestClient(baseURL: server.baseURL, key: secret).call("list_inbox", ["inbox_id": id])
            #expect(list.isToolError == false, "\(list.text)")
        }
    }
}
