import Accounts
import Foundation
import Hummingbird

/// `GET /team` (members), `POST /team/invites` (owner creates a single-use link, shown once),
/// `GET/POST /team/members/:id/remove` (owner removes a member, after confirming; their sessions end),
/// `GET/POST /invite/:token` (a new person creates an account in that workspace).
struct TeamRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/team") { request, _ in try await gate.page(request) { try await team(request, $0) } }
        router.post("/team/invites") { request, _ in try await gate.action(request) { signedIn, _ in try await createInvite(signedIn) } }
        ConfirmedAction(
            path: "/team/members/:id/remove", section: .team, cancel: "/team", find: removableMember,
            ask: { member in
                .init(title: "Remove member", heading: "Remove \(member.email)?",
                      message: "They are signed out at once and can no longer sign in to this workspace. API keys and inboxes stay.",
                      confirmLabel: "Remove member")
            },
            perform: { member, signedIn in
                guard try await env.accounts.users.removeMember(id: member.id, workspaceID: signedIn.workspaceID) else {
                    throw DashboardError.notFound
                }
                env.logger.info("dashboard removed a member", metadata: ["user_id": "\(member.id)", "by": "\(signedIn.user.id)"])
                return redirect("/team?removed=1")
            }
        ).register(on: router, gate: gate)
        router.get("/invite/:token") { request, context in
            try await gate.guarded(nil) { try await showJoin(request, token: context.parameters.get("token") ?? "") }
        }
        router.post("/invite/:token") { request, context in
            try await join(request, token: context.parameters.get("token") ?? "", clientAddress: context.clientAddress)
        }
    }

    private func team(_ request: Request, _ signedIn: SignedIn) async throws -> Response {
        let members = try await env.accounts.users.list(workspaceID: signedIn.workspaceID)
        let isOwner = signedIn.user.role == .owner
        var page = Page("team", title: "Team", section: .team, data: [
            "workspaceName": signedIn.workspace.name,
            "isOwner": isOwner,
            "inviteDays": Int(env.configuration.inviteLifetime / 86_400),
            "members": members.map { member -> [String: Any] in
                ["email": member.email, "role": member.role.rawValue, "created": Display.time(member.createdAt),
                 "id": Display.id(member.id), "removable": isOwner && member.role == .member]
            },
        ])
        if request.uri.queryParameters.get("removed") == "1" { page.notices.append(("info", "The member was removed and signed out.")) }
        return env.renderer.response(page, signedIn: signedIn)
    }

    /// A member the signed-in owner may remove: in the workspace, not an owner. Anything else is 404 (another
    /// workspace's people are invisible) or 403 (a member asking).
    private func removableMember(_ id: UUID, _ signedIn: SignedIn) async throws -> User {
        guard signedIn.user.role == .owner else { throw DashboardError.forbidden("Only the workspace owner can remove members.") }
        guard let user = try await env.accounts.users.get(id: id), user.workspaceID == signedIn.workspaceID,
              user.role == .member else { throw DashboardError.notFound }
        return user
    }

    private func createInvite(_ signedIn: SignedIn) async throws -> Response {
        guard signedIn.user.role == .owner else { throw DashboardError.forbidden("Only the workspace owner can create invite links.") }
        let (invite, token) = try await env.accounts.invites.create(
            workspaceID: signedIn.workspaceID, createdBy: signedIn.user.id, lifetime: env.configuration.inviteLifetime, now: env.now())
        var page = Page("invite_created", title: "Invite link", section: .team, data: [
            "link": "\(env.configuration.publicURL)/invite/\(token)", "expires": Display.time(invite.expiresAt),
        ])
        page.noStore = true
        return env.renderer.response(page, signedIn: signedIn)
    }

    private func liveInvite(_ token: String) async throws -> (Invite, Workspace) {
        guard !token.isEmpty, token.count <= 128,
              let invite = try await env.accounts.invites.find(token: token, now: env.now()),
              let workspace = try await env.stores.workspaces.get(id: invite.workspaceID) else {
            throw DashboardError(kind: .notFound)
        }
        return (invite, workspace)
    }

    private func showJoin(_ request: Request, token: String) async throws -> Response {
        let (_, workspace) = try await liveInvite(token)
        return joinPage(request, token: token, workspace: workspace, values: [:], status: .ok)
    }

    private func joinPage(_ request: Request, token: String, workspace: Workspace, values: [String: String],
                          status: HTTPResponse.Status) -> Response {
        let (csrf, cookie) = gate.preSessionToken(request)
        var page = Page("join", title: "Join \(workspace.name)", data: ["csrfToken": csrf, "token": token, "workspaceName": workspace.name])
        for (key, value) in values { page.data[key] = value }
        page.status = status
        page.noStore = true
        page.cookies = cookie.map { [$0] } ?? []
        return env.renderer.response(page, signedIn: nil)
    }

    private func join(_ request: Request, token: String, clientAddress: String) async throws -> Response {
        try await gate.publicAction(request) { form in
            let (_, workspace) = try await liveInvite(token)
            let email = User.normalizeEmail(form["email"] ?? "")
            var values = ["email": email]
            let subjects = LoginThrottle.subjects(kind: "signup", email: email, clientAddress: clientAddress)
            if try await env.throttle.wait(subjects, now: env.now()) != nil {
                values["error"] = "Too many attempts with addresses that already have an account. Wait a few minutes, then try again."
                return joinPage(request, token: token, workspace: workspace, values: values, status: .tooManyRequests)
            }
            switch await NewAccount.validate(email: email, password: form["password"] ?? "", hasher: env.hasher) {
            case .failure(let problem):
                values[problem.field] = problem.message
                return joinPage(request, token: token, workspace: workspace, values: values, status: .unprocessableContent)
            case .success(let hash):
                if try await env.accounts.users.credentials(email: email) != nil {
                    try await env.throttle.recordFailure(subjects, now: env.now())
                    values["error"] = "An account with this email already exists. Use another address."
                    return joinPage(request, token: token, workspace: workspace, values: values, status: .conflict)
                }
                guard let invite = try await env.accounts.invites.consume(token: token, now: env.now()) else {
                    throw DashboardError(kind: .notFound)
                }
                guard let user = try await env.accounts.users.createMember(email: email, passwordHash: hash, workspaceID: invite.workspaceID) else {
                    values["error"] = "An account with this email already exists. Use another address."
                    return joinPage(request, token: token, workspace: workspace, values: values, status: .conflict)
                }
                env.logger.info("dashboard invite accepted", metadata: ["user_id": "\(user.id)", "workspace_id": "\(user.workspaceID)"])
                return try await AuthRoutes(gate: gate).startSession(for: user, goingTo: "/?notice=joined")
            }
        }
    }
}
