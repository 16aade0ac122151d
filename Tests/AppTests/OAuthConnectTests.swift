import Accounts
import App
import AsyncHTTPClient
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GoogleStandIn
import MicrosoftStandIn
import NIOCore
import Testing

/// The Gmail and Outlook connect flows through real HTTP redirects: CLI prints the authorization URL,
/// the provider stand-in redirects back to our callback, the inbox is created, tools work on it,
/// and a revoked refresh token leads to `auth_failed` and a reconnect.
@Suite("OAuth connect flows")
struct OAuthConnectTests {
    static let noRedirects = HTTPClient(eventLoopGroupProvider: .singleton,
                                        configuration: .init(redirectConfiguration: .disallow))

    /// GETs `url` without following redirects.
    static func get(_ url: String) async throws -> (status: Int, location: String?, body: String) {
        let response = try await noRedirects.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "location"), String(buffer: body))
    }

    /// Follows the flow: authorization URL → stand-in → 302 to our callback → our page.
    static func runFlow(_ authorizationURL: String) async throws -> (status: Int, body: String) {
        let consent = try await get(authorizationURL)
        #expect(consent.status == 302)
        let callback = try #require(consent.location)
        let page = try await get(callback)
        return (page.status, page.body)
    }

    static func inboxID(in page: String) -> String? {
        guard let range = page.range(of: #"<code id="inbox-id">"#) else { return nil }
        return String(page[range.upperBound...].prefix(36))
    }

    @Test("Gmail: connect, use, replay refused, deny saves nothing, revoked token → auth_failed → reconnect")
    func gmail() async throws {
        let port = try FreePort.pick()
        let google = try await GoogleStandIn.start()
        google.registerRedirectURI("http://127.0.0.1:\(port)/oauth/google/callback")
        google.setConsent(.approve(user: "agent@gmail.test"))
        let env = [
            "MCPEMAILS_PUBLIC_URL": "http://127.0.0.1:\(port)",
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
            let seed = try await server.seed(plan: .pro)
            var cliEnv = env
            cliEnv["MCPEMAILS_DATABASE_URL"] = server.databaseURL
            cliEnv["MCPEMAILS_MASTER_KEY"] = server.masterKey
            let started = try await Executable.json(["inbox", "connect-gmail", "--workspace", seed.workspace.id.uuidString], environment: cliEnv)
            let url = try #require(started["authorization_url"] as? String)
            #expect(url.contains("code_challenge_method=S256") && url.contains("access_type=offline") && url.contains("prompt=consent"))

            let consent = try await Self.get(url)
            let callback = try #require(consent.location)
            let page = try await Self.get(callback)
            #expect(page.status == 200, "\(page.body)")
            let inboxID = try #require(Self.inboxID(in: page.body))
            let inbox = try #require(try await server.stores.inboxes.get(id: UUID(uuidString: inboxID)!, workspaceID: seed.workspace.id))
            #expect(inbox.provider == .gmail && inbox.address == "agent@gmail.test")

            // The callback is single-use.
            let replay = try await Self.get(callback)
            #expect(replay.status == 400)
            #expect(replay.body.contains("expired or was already used"))

            // Tools work on the connected inbox.
            google.deliver(Array("From: Bob <bob@example.com>\r\nTo: agent@gmail.test\r\nSubject: Hello Gmail\r\nMessage-ID: <g1@example.com>\r\n\r\nHi there\r\n".utf8), to: "agent@gmail.test")
            let client = server.client(seed)
            let list = try await client.call("list_inbox", ["inbox_id": inboxID])
            #expect((list.structured["messages"] as? [[String: Any]])?.first?["subject"] as? String == "Hello Gmail", "\(list.text)")
            let sent = try await client.call("send_email", ["inbox_id": inboxID, "to": ["carol@example.com"], "subject": "From the agent", "body": "ok"])
            #expect(sent.structured["delivery_status"] as? String == "sent", "\(sent.text)")
            #expect(google.violations.isEmpty, "\(google.violations)")

            // Denied consent saves nothing.
            google.setConsent(.deny)
            let deniedURL = try await server.runtime.oauthFlow.start(workspaceID: seed.workspace.id, provider: .gmail)
            let denied = try await Self.runFlow(deniedURL.absoluteString)
            #expect(denied.status == 400)
            #expect(try await server.stores.inboxes.list(workspaceID: seed.workspace.id).filter { $0.provider == .gmail }.count == 1)

            // A revoked refresh token: auth_failed, inbox needs_reconnect; connecting again restores it.
            let stored = try #require(try await server.stores.inboxes.credentials(inboxID: inbox.id))
            let tokens = try #require(try JSONSerialization.jsonObject(with: Data(stored)) as? [String: Any])
            google.revokeRefreshToken(try #require(tokens.first { $0.key.lowercased().contains("refresh") }?.value as? String))
            google.expireAccessTokens()
            let failed = try await client.call("list_inbox", ["inbox_id": inboxID])
            #expect(failed.toolErrorCode == "auth_failed", "\(failed.text)")
            #expect(try await server.stores.inboxes.get(id: inbox.id, workspaceID: seed.workspace.id)?.status == .needsReconnect)
            google.setConsent(.approve(user: "agent@gmail.test"))
            let again = try await Self.runFlow(try await server.runtime.oauthFlow.start(workspaceID: seed.workspace.id, provider: .gmail).absoluteString)
            #expect(Self.inboxID(in: again.body) == inboxID, "reconnect updates the same inbox")
            #expect(try await client.call("list_inbox", ["inbox_id": inboxID]).isToolError == false)
        }
        await google.stop()
    }

    @Test("Outlook: connect through the identity platform, then list and send on Graph")
    func outlook() async throws {
        let port = try FreePort.pick()
        let microsoft = try await MicrosoftStandIn.start(configuration: StandInConfiguration(
            redirectURIs: ["http://127.0.0.1:\(port)/oauth/microsoft/callback"]))
        let env = [
            "MCPEMAILS_MICROSOFT_CLIENT_ID": StandInConfiguration().clientID,
            "MCPEMAILS_MICROSOFT_CLIENT_SECRET": StandInConfiguration().clientSecret,
            "MCPEMAILS_MICROSOFT_AUTHORITY_URL": microsoft.authorityURL,
            "MCPEMAILS_GRAPH_API_URL": microsoft.graphURL,
        ]
        try await withServer(.sqlite, backends: nil, configure: { config in
            config.port = port
            config.publicURL = "http://127.0.0.1:\(port)"
            config.oauth = (try? OAuthProviderSettings.fromEnvironment(env)) ?? OAuthProviderSettings()
        }) { server in
            let seed = try await server.seed(plan: .pro)
            let url = try await server.runtime.oauthFlow.start(workspaceID: seed.workspace.id, provider: .outlook)
            #expect(url.absoluteString.contains("offline_access"))
            let page = try await Self.runFlow(url.absoluteString)
            #expect(page.status == 200, "\(page.body)")
            let inboxID = try #require(Self.inboxID(in: page.body))
            let client = server.client(seed)
            let list = try await client.call("list_inbox", ["inbox_id": inboxID])
            #expect(list.isToolError == false, "\(list.text)")
            let sent = try await client.call("send_email", ["inbox_id": inboxID, "to": ["dan@example.com"], "subject": "Graph send", "body": "ok"])
            #expect(sent.structured["delivery_status"] as? String == "sent", "\(sent.text)")
            await microsoft.store.setConsent(approve: false)
            let denied = try await Self.runFlow(try await server.runtime.oauthFlow.start(workspaceID: seed.workspace.id, provider: .outlook).absoluteString)
            #expect(denied.status == 400)
        }
        await microsoft.shutdown()
    }
}

/// A loopback TCP port that is free right now (the OAuth redirect URI must name the server's port in advance).
enum FreePort {
    static func pick() throws -> Int {
        for _ in 0..<20 {
            let candidate = Int.random(in: 41_000..<60_000)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(candidate).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 { return candidate }
        }
        throw Shell.Failure(message: "no free port found")
    }
}
