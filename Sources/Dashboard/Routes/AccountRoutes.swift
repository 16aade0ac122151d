import Accounts
import Foundation
import Hummingbird

/// `GET /account`, `POST /account/password` (change it: the current password is checked, and throttled like
/// sign-in so a borrowed session cannot guess it; other sessions of the user end), for members
/// `GET/POST /account/leave` (delete their own account after confirming), and for the owner
/// `POST /account/delete-workspace` (after typing the workspace's name).
struct AccountRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/account") { request, _ in
            try await gate.page(request) { signedIn in
                var page = accountPage(signedIn, values: [:], status: .ok)
                if request.uri.queryParameters.get("notice") == "password_changed" {
                    page.notices.append(("success", "Your password was changed. Other browsers were signed out."))
                }
                return env.renderer.response(page, signedIn: signedIn)
            }
        }
        router.post("/account/password") { request, context in
            try await gate.action(request) { signedIn, form in
                try await changePassword(signedIn, form, clientAddress: context.clientAddress)
            }
        }
        router.post("/account/delete-workspace") { request, _ in
            try await gate.action(request) { signedIn, form in try await deleteWorkspace(signedIn, form) }
        }
        router.get("/account/leave") { request, _ in
            try await gate.page(request) { signedIn in
                try Self.requireMember(signedIn)
                return env.renderer.response(Page.confirm(
                    title: "Leave workspace", section: nil, heading: "Leave \(signedIn.workspace.name)?",
                    message: "Your account (\(signedIn.user.email)) is deleted and you are signed out. Only the owner can invite you back.",
                    action: "/account/leave", confirmLabel: "Leave workspace", cancel: "/account"), signedIn: signedIn)
            }
        }
        router.post("/account/leave") { request, _ in
            try await gate.action(request) { signedIn, _ in
                try Self.requireMember(signedIn)
                guard try await env.accounts.users.removeMember(id: signedIn.user.id, workspaceID: signedIn.workspaceID) else {
                    throw DashboardError.notFound
                }
                env.logger.info("dashboard member left", metadata: ["user_id": "\(signedIn.user.id)"])
                return redirect("/login?notice=left", cookies: [env.cookies.expiredSession()])
            }
        }
    }

    static func requireMember(_ signedIn: SignedIn) throws {
        guard signedIn.user.role == .member else {
            throw DashboardError.forbidden("The owner cannot leave the workspace.")
        }
    }

    private func deleteWorkspace(_ signedIn: SignedIn, _ form: FormBody) async throws -> Response {
        guard signedIn.user.role == .owner else { throw DashboardError.forbidden("Only the workspace owner can delete it.") }
        guard form.text("confirm_name") == signedIn.workspace.name else {
            return env.renderer.response(accountPage(signedIn, values: [
                "deleteError": "Type the workspace name exactly as shown to delete it.",
            ], status: .unprocessableContent), signedIn: signedIn)
        }
        guard let inboxes = try await env.stores.workspaces.delete(id: signedIn.workspaceID) else { throw DashboardError.notFound }
        for inbox in inboxes { await env.mailboxCache.forget(inboxID: inbox) }
        env.logger.notice("dashboard deleted a workspace", metadata: ["workspace_id": "\(signedIn.workspaceID)", "user_id": "\(signedIn.user.id)"])
        return redirect("/login?notice=workspace_deleted", cookies: [env.cookies.expiredSession()])
    }

    private func accountPage(_ signedIn: SignedIn, values: [String: String], status: HTTPResponse.Status) -> Page {
        var page = Page("account", title: "Account", data: [
            "email": signedIn.user.email, "role": signedIn.user.role.rawValue, "workspaceName": signedIn.workspace.name,
            "isMember": signedIn.user.role == .member,
        ])
        for (key, value) in values { page.data[key] = value }
        page.status = status
        return page
    }

    private func changePassword(_ signedIn: SignedIn, _ form: FormBody, clientAddress: String) async throws -> Response {
        let subjects = LoginThrottle.subjects(kind: "password", email: signedIn.user.email, clientAddress: clientAddress)
        let now = env.now()
        if let wait = try await env.throttle.wait(subjects, now: now) {
            var page = accountPage(signedIn, values: [
                "error": "Too many wrong current passwords. Wait \(max(1, (wait + 59) / 60)) min, then try again.",
            ], status: .tooManyRequests)
            page.extraHeaders = [(.retryAfter, String(wait))]
            return env.renderer.response(page, signedIn: signedIn)
        }
        let current = form["current_password"] ?? ""
        guard let stored = try await env.accounts.users.credentials(email: signedIn.user.email), !current.isEmpty,
              await env.hasher.verify(current, hash: stored.passwordHash) else {
            try await env.throttle.recordFailure(subjects, now: now)
            return env.renderer.response(accountPage(signedIn, values: ["error": "The current password is not right."],
                                                     status: .unprocessableContent), signedIn: signedIn)
        }
        let new = form["password"] ?? ""
        if let refusal = PasswordPolicy.check(new, email: signedIn.user.email) {
            return env.renderer.response(accountPage(signedIn, values: ["passwordError": refusal.message],
                                                     status: .unprocessableContent), signedIn: signedIn)
        }
        guard try await env.accounts.users.updatePassword(id: signedIn.user.id, passwordHash: await env.hasher.hash(new)) else {
            throw DashboardError.notFound
        }
        try await env.throttle.recordSuccess(subjects)
        let ended = try await env.accounts.sessions.deleteAll(userID: signedIn.user.id, keeping: signedIn.session.id)
        env.logger.info("dashboard password changed", metadata: ["user_id": "\(signedIn.user.id)", "sessions_ended": "\(ended)"])
        return redirect("/account?notice=password_changed")
    }
}
