import Accounts
import App
import Foundation
import Testing

/// Workspace resources through the dashboard: another workspace's pages and ids answer 404 exactly
/// like missing ones, API key secrets are shown once, revoke works, invites add people.
@Suite("Dashboard: workspaces, keys and invites")
struct DashboardWorkspaceTests {
    static let password = DashboardAuthTests.password

    /// A signed-in browser and its workspace id.
    static func signedIn(_ server: TestServer, _ name: String) async throws -> (DashboardBrowser, UUID) {
        let browser = DashboardBrowser(baseURL: server.baseURL)
        let email = DashboardAuthTests.email(name)
        try await browser.signUp(email, password: password)
        let user = try #require(try await server.stores.users.credentials(email: email)?.user)
        return (browser, user.workspaceID)
    }

    @Test("another workspace's inboxes and keys answer 404, like missing ones, and nothing changes", arguments: DatabaseKind.allCases)
    func isolation(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let (alice, aliceWorkspace) = try await Self.signedIn(server, "alice")
            let (mallory, _) = try await Self.signedIn(server, "mallory")
            let inbox = try await server.stores.inboxes.create(
                workspaceID: aliceWorkspace, provider: .imap, address: "alice@example.com", displayName: nil,
                settings: [:], credentials: Array("pw".utf8))
            let created = try await alice.createKey(name: "alice agent")
            #expect(created.status == 200)
            let key = try #require(try await server.stores.apiKeys.list(workspaceID: aliceWorkspace).first)
            let inboxID = inbox.id.uuidString.lowercased(), keyID = key.id.uuidString.lowercased()
            let missing = UUID().uuidString.lowercased()

            let token = try await mallory.sessionCSRF()
            let foreign = [
                try await mallory.get("/inboxes/\(inboxID)/remove"),
                try await mallory.get("/inboxes/\(inboxID)/reconnect"),
                try await mallory.post("/inboxes/\(inboxID)/remove", [("csrf_token", token)]),
                try await mallory.post("/inboxes/\(inboxID)/reconnect", [("csrf_token", token)]),
                try await mallory.get("/keys/\(keyID)/revoke"),
                try await mallory.post("/keys/\(keyID)/revoke", [("csrf_token", token)]),
            ]
            let absent = [
                try await mallory.get("/inboxes/\(missing)/remove"),
                try await mallory.get("/inboxes/\(missing)/reconnect"),
                try await mallory.post("/inboxes/\(missing)/remove", [("csrf_token", token)]),
                try await mallory.post("/inboxes/\(missing)/reconnect", [("csrf_token", token)]),
                try await mallory.get("/keys/\(missing)/revoke"),
                try await mallory.post("/keys/\(missing)/revoke", [("csrf_token", token)]),
            ]
            for (theirs, none) in zip(foreign, absent) {
                #expect(theirs.status == 404)
                #expect(theirs.body == none.body)
            }
            #expect(try await server.stores.inboxes.get(id: inbox.id, workspaceID: aliceWorkspace) != nil)
            #expect(try await server.stores.apiKeys.get(id: key.id, workspaceID: nil)?.isRevoked == false)
            for path in ["/inboxes", "/keys", "/activity", "/usage", "/"] {
                let page = try await mallory.get(path)
                #expect(page.status == 200)
                #expect(!page.body.contains(inboxID) && !page.body.contains(keyID) && !page.body.contains("alice agent"), "\(path)")
            }
            let filtered = try await mallory.get("/activity?key=\(keyID)&inbox=\(inboxID)")
            #expect(!filtered.body.contains(keyID))
        }
    }

    @Test("a key's secret is shown once, never again; revoke makes the next MCP call fail with -32001", arguments: DatabaseKind.allCases)
    func keyLifecycle(kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let (browser, workspaceID) = try await Self.signedIn(server, "keys")
            let inbox = try await server.stores.inboxes.create(
                workspaceID: workspaceID, provider: .imap, address: "keys@example.com", displayName: nil, settings: [:],
                credentials: Array("pw".utf8))
            let created = try await browser.createKey(name: "support agent", scopes: ["read:email"])
            #expect(created.status == 200)
            #expect(created.headers.first(name: "cache-control") == "no-store")
            let secret = try #require(DashboardBrowser.secret(in: created))
            #expect(APIKeySecret.isWellFormed(secret))
            #expect(created.body.contains("Bearer \(secret)"), "the snippets carry the real key")
            #expect(created.body.contains(inbox.id.uuidString.lowercased()))

            for path in ["/", "/keys", "/usage", "/activity", "/docs", "/inboxes", "/keys/new"] {
                let page = try await browser.get(path)
                #expect(!page.body.contains(secret), "\(path) must not show the key")
                #expect(!page.body.contains(String(secret.dropFirst(APIKeySecret.prefix.count + 4))), "\(path)")
            }
            let list = try await browser.get("/keys")
            #expect(list.body.contains("support agent") && list.body.contains(APIKeySecret.displayPrefix(secret)))

            let client = MCPTestClient(baseURL: server.baseURL, key: secret)
            let call = try await client.call("list_inbox", ["inbox_id": inbox.id.uuidString.lowercased()])
            #expect(call.status == 200 && !call.isToolError, "\(call.text)")
            let denied = try await client.call("send_email", ["inbox_id": inbox.id.uuidString, "to": ["x@example.com"], "subject": "s", "body": "b"])
            #expect(denied.toolErrorCode == "scope_denied")

            let key = try #require(try await server.stores.apiKeys.list(workspaceID: workspaceID).first)
            let confirm = try await browser.get("/keys/\(key.id.uuidString.lowercased())/revoke")
            #expect(confirm.status == 200 && confirm.body.contains("Revoke key"))
            let revoked = try await browser.post("/keys/\(key.id.uuidString.lowercased())/revoke", [("csrf_token", confirm.csrfToken ?? "")])
            #expect(revoked.status == 303)
            let after = try await client.call("list_inbox", ["inbox_id": inbox.id.uuidString.lowercased()])
            #expect(after.status == 401 && after.errorCode == -32001)
            #expect(try await browser.get("/keys").body.contains("Revoked"))
        }
    }

    @Test("submitting the key form again (refresh, double click) creates no second key", arguments: DatabaseKind.allCases)
    func keyFormOnce(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let (browser, workspaceID) = try await Self.signedIn(server, "keyform")
            let form = try await browser.get("/keys/new")
            let fields = DashboardBrowser.keyForm(form, name: "refreshed agent")
            let first = try await browser.post("/keys", fields)
            #expect(first.status == 200 && DashboardBrowser.secret(in: first) != nil)
            let again = try await browser.post("/keys", fields)  // the browser's "resubmit" after a refresh
            #expect(again.status == 303)
            #expect(DashboardBrowser.secret(in: again) == nil)
            let keys = try await server.stores.apiKeys.list(workspaceID: workspaceID)
            #expect(keys.map(\.name) == ["refreshed agent"])
            #expect(again.location == "/keys?already_created=\(keys[0].id.uuidString.lowercased())")
            let list = try await browser.get(again.location ?? "/keys")
            #expect(list.body.contains("already created") && list.body.contains("shown once"))

            // A double click: the same form posted twice at once still makes one key.
            let other = DashboardBrowser.keyForm(try await browser.get("/keys/new"), name: "double click")
            async let a = browser.post("/keys", other)
            async let b = browser.post("/keys", other)
            let statuses = try await [a.status, b.status].sorted()
            #expect(statuses == [200, 303])
            #expect(try await server.stores.apiKeys.list(workspaceID: workspaceID).filter { $0.name == "double click" }.count == 1)

            // A post without the form's token (a hand-made request, a page from before) creates nothing.
            let tokenless = try await browser.post("/keys", fields.filter { $0.0 != "form_token" })
            #expect(tokenless.status == 422 && tokenless.body.contains("out of date"))
            #expect(tokenless.hiddenField("form_token").map(SecretToken.isWellFormed) == true, "a fresh form to submit")
            #expect(try await server.stores.apiKeys.list(workspaceID: workspaceID).count == 2)

            // A fresh form is a new key.
            #expect(try await browser.createKey(name: "second").status == 200)
            #expect(try await server.stores.apiKeys.list(workspaceID: workspaceID).count == 3)
        }
    }

    @Test("invites: the owner's link lets one person join the workspace, once; members cannot invite", arguments: DatabaseKind.allCases)
    func invites(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let (owner, workspaceID) = try await Self.signedIn(server, "owner")
            let team = try await owner.get("/team")
            let created = try await owner.post("/team/invites", [("csrf_token", team.csrfToken ?? "")])
            #expect(created.status == 200 && created.headers.first(name: "cache-control") == "no-store")
            let prefix = "\(server.runtime.configuration.effectivePublicURL)/invite/"
            let start = try #require(created.body.range(of: prefix))
            let token = String(created.body[start.upperBound...].prefix { $0 != "<" && $0 != "\"" })
            #expect(token.count >= 20)

            let guest = DashboardBrowser(baseURL: server.baseURL)
            let joinForm = try await guest.get("/invite/\(token)")
            #expect(joinForm.status == 200 && joinForm.body.contains("Join"))
            let weak = try await guest.post("/invite/\(token)", [("csrf_token", joinForm.csrfToken ?? ""), ("email", "bob@example.com"), ("password", "password1")])
            #expect(weak.status == 422)
            let email = DashboardAuthTests.email("bob")
            let joined = try await guest.post("/invite/\(token)", [("csrf_token", joinForm.csrfToken ?? ""), ("email", email), ("password", Self.password)])
            #expect(joined.status == 303 && joined.location == "/?notice=joined")
            let member = try #require(try await server.stores.users.credentials(email: email)?.user)
            #expect(member.workspaceID == workspaceID && member.role == .member)
            #expect(try await guest.get("/team").body.contains(email))

            #expect(try await DashboardBrowser(baseURL: server.baseURL).get("/invite/\(token)").status == 404, "single use")
            #expect(try await DashboardBrowser(baseURL: server.baseURL).get("/invite/not-a-token").status == 404)

            let memberTeam = try await guest.get("/team")
            let refused = try await guest.post("/team/invites", [("csrf_token", memberTeam.csrfToken ?? "")])
            #expect(refused.status == 403)
        }
    }

    @Test("the owner removes a member after confirming: signed out at once, cannot sign in; nobody else can remove anyone",
          arguments: DatabaseKind.allCases)
    func removeMember(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let (owner, member, email, workspaceID) = try await Self.ownerWithMember(server, "carol")
            let carol = try #require(try await server.stores.users.credentials(email: email)?.user)
            let ownerUser = try #require(try await server.stores.users.list(workspaceID: workspaceID).first { $0.role == .owner })
            let path = "/team/members/\(carol.id.uuidString.lowercased())/remove"

            // A member can neither see the link nor remove anyone; nobody removes the owner.
            let memberTeam = try await member.get("/team")
            #expect(!memberTeam.body.contains("/remove"))
            #expect(try await member.get(path).status == 403)
            #expect(try await member.post("/team/members/\(ownerUser.id.uuidString.lowercased())/remove",
                                          [("csrf_token", memberTeam.csrfToken ?? "")]).status == 403)
            let ownerTeam = try await owner.get("/team")
            #expect(ownerTeam.body.contains(path))
            #expect(try await owner.get("/team/members/\(ownerUser.id.uuidString.lowercased())/remove").status == 404)

            // Another workspace's owner sees 404, like a missing member, and changes nothing.
            let (stranger, _) = try await Self.signedIn(server, "stranger")
            let strangerTeam = try await stranger.get("/team")
            #expect(try await stranger.post(path, [("csrf_token", strangerTeam.csrfToken ?? "")]).status == 404)
            #expect(try await member.get("/team").status == 200)

            let confirm = try await owner.get(path)
            #expect(confirm.status == 200 && confirm.body.contains("Remove member") && confirm.body.contains(email))
            #expect(try await owner.post(path, [("csrf_token", "forged")]).status == 403)
            let removed = try await owner.post(path, [("csrf_token", confirm.csrfToken ?? "")])
            #expect(removed.status == 303 && removed.location == "/team?removed=1")
            #expect(try await owner.get("/team?removed=1").body.contains("removed and signed out"))
            #expect(try await server.stores.users.list(workspaceID: workspaceID).map(\.email) == [ownerUser.email])

            #expect(try await member.get("/team").status == 303, "the member's session ended")
            #expect(try await DashboardBrowser(baseURL: server.baseURL).signIn(email, password: Self.password).status == 401)
            #expect(try await owner.post(path, [("csrf_token", confirm.csrfToken ?? "")]).status == 404, "already gone")
        }
    }

    @Test("change password: the current one is checked (and throttled), weak ones refused, other sessions end",
          arguments: DatabaseKind.allCases)
    func changePassword(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let email = DashboardAuthTests.email("dora")
            let browser = DashboardBrowser(baseURL: server.baseURL)
            try await browser.signUp(email, password: Self.password)
            let laptop = DashboardBrowser(baseURL: server.baseURL)
            #expect(try await laptop.signIn(email, password: Self.password).status == 303)
            let newPassword = "a fresh long passphrase 42"

            let account = try await browser.get("/account")
            #expect(account.status == 200 && account.body.contains("Change password") && !account.body.contains("Leave"))
            let token = account.csrfToken ?? ""
            let wrong = try await browser.post("/account/password", [("csrf_token", token), ("current_password", "not it at all"),
                                                                     ("password", newPassword)])
            #expect(wrong.status == 422 && wrong.body.contains("current password is not right"))
            let weak = try await browser.post("/account/password", [("csrf_token", token), ("current_password", Self.password),
                                                                    ("password", "password123")])
            #expect(weak.status == 422)
            #expect(try await browser.post("/account/password", [("csrf_token", "forged"), ("current_password", Self.password),
                                                                 ("password", newPassword)]).status == 403)
            let changed = try await browser.post("/account/password", [("csrf_token", token), ("current_password", Self.password),
                                                                       ("password", newPassword)])
            #expect(changed.status == 303 && changed.location == "/account?notice=password_changed")
            #expect(try await browser.get("/account?notice=password_changed").body.contains("password was changed"))
            #expect(try await laptop.get("/keys").status == 303, "the other browser was signed out")
            #expect(try await DashboardBrowser(baseURL: server.baseURL).signIn(email, password: Self.password).status == 401)
            #expect(try await DashboardBrowser(baseURL: server.baseURL).signIn(email, password: newPassword).status == 303)

            // Guessing the current password from a borrowed session is throttled like sign-in.
            var statuses: [Int] = []
            for attempt in 0..<6 {
                statuses.append(try await browser.post("/account/password", [("csrf_token", token),
                    ("current_password", "guess number \(attempt)"), ("password", "another long passphrase 7")]).status)
            }
            #expect(statuses == [422, 422, 422, 422, 422, 429])
        }
    }

    @Test("a member leaves after confirming; the owner cannot", arguments: DatabaseKind.allCases)
    func leave(kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let (owner, member, email, workspaceID) = try await Self.ownerWithMember(server, "erin")
            #expect(try await owner.get("/account/leave").status == 403)
            let ownerAccount = try await owner.get("/account")
            #expect(try await owner.post("/account/leave", [("csrf_token", ownerAccount.csrfToken ?? "")]).status == 403)

            let account = try await member.get("/account")
            #expect(account.body.contains("Leave"))
            let confirm = try await member.get("/account/leave")
            #expect(confirm.status == 200 && confirm.body.contains("Leave workspace"))
            let left = try await member.post("/account/leave", [("csrf_token", confirm.csrfToken ?? "")])
            #expect(left.status == 303 && left.location == "/login?notice=left")
            #expect(try await member.get("/keys").status == 303)
            #expect(try await server.stores.users.list(workspaceID: workspaceID).count == 1)
            #expect(try await DashboardBrowser(baseURL: server.baseURL).signIn(email, password: Self.password).status == 401)
        }
    }

    @Test("the owner deletes the workspace by typing its name: keys stop at once, everyone is signed out; a member cannot",
          arguments: DatabaseKind.allCases)
    func deleteWorkspace(kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let (owner, member, _, workspaceID) = try await Self.ownerWithMember(server, "fred")
            let workspace = try #require(try await server.stores.workspaces.get(id: workspaceID))
            let inbox = try await server.stores.inboxes.create(workspaceID: workspaceID, provider: .imap, address: "w@example.com",
                                                               displayName: nil, settings: [:], credentials: Array("pw".utf8))
            let (_, secret) = try await server.stores.apiKeys.create(workspaceID: workspaceID, name: "agent", scopes: [.readEmail])
            let agent = MCPTestClient(baseURL: server.baseURL, key: secret)
            #expect(try await agent.call("list_inbox", ["inbox_id": inbox.id.uuidString.lowercased()]).isToolError == false)

            let memberPage = try await member.get("/account")
            #expect(!memberPage.body.contains("Delete workspace"))
            #expect(try await member.post("/account/delete-workspace", [("csrf_token", memberPage.csrfToken ?? ""),
                                                                        ("confirm_name", workspace.name)]).status == 403)
            let account = try await owner.get("/account")
            #expect(account.body.contains("Delete workspace"))
            let wrong = try await owner.post("/account/delete-workspace", [("csrf_token", account.csrfToken ?? ""), ("confirm_name", "nope")])
            #expect(wrong.status == 422 && wrong.body.contains("exactly as shown"))
            #expect(try await server.stores.workspaces.get(id: workspaceID) != nil)

            let deleted = try await owner.post("/account/delete-workspace", [("csrf_token", account.csrfToken ?? ""),
                                                                             ("confirm_name", workspace.name)])
            #expect(deleted.status == 303 && deleted.location == "/login?notice=workspace_deleted")
            #expect(try await server.stores.workspaces.get(id: workspaceID) == nil)
            let refused = try await agent.call("list_inbox", ["inbox_id": inbox.id.uuidString.lowercased()])
            #expect(refused.status == 401, "the workspace's keys stop on their next request")
            let ownerKeys = try await owner.get("/keys"), memberKeys = try await member.get("/keys")
            #expect(ownerKeys.status == 303 && memberKeys.status == 303, "both were signed out")
        }
    }

    /// A signed-in owner and a signed-in member (`name`) of the owner's workspace.
    static func ownerWithMember(_ server: TestServer, _ name: String) async throws
        -> (owner: DashboardBrowser, member: DashboardBrowser, memberEmail: String, workspaceID: UUID) {
        let (owner, workspaceID) = try await signedIn(server, "owner")
        let email = DashboardAuthTests.email(name)
        let member = DashboardBrowser(baseURL: server.baseURL)
        try await join(server, owner: owner, guest: member, email: email)
        return (owner, member, email, workspaceID)
    }

    /// `guest` joins the owner's workspace through an invite link as `email`.
    static func join(_ server: TestServer, owner: DashboardBrowser, guest: DashboardBrowser, email: String) async throws {
        let team = try await owner.get("/team")
        let created = try await owner.post("/team/invites", [("csrf_token", team.csrfToken ?? "")])
        let prefix = "\(server.runtime.configuration.effectivePublicURL)/invite/"
        let start = try #require(created.body.range(of: prefix))
        let token = String(created.body[start.upperBound...].prefix { $0 != "<" && $0 != "\"" })
        let form = try await guest.get("/invite/\(token)")
        let joined = try await guest.post("/invite/\(token)", [("csrf_token", form.csrfToken ?? ""), ("email", email), ("password", password)])
        #expect(joined.status == 303)
    }
}
