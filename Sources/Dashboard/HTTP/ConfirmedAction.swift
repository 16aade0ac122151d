import Foundation
import Hummingbird

/// A destructive action behind a confirmation page, for an object named by the path's `:id`:
/// `GET path` asks (``ask``), `POST path` (signed in, CSRF-checked) does it (``perform``). Both look the
/// object up with ``find`` in the signed-in workspace first, so another workspace's ids answer 404.
struct ConfirmedAction<Subject: Sendable>: Sendable {
    /// What the confirmation page says; its button posts back to the page's own path.
    struct Question: Sendable {
        var title: String
        var heading: String
        var message: String
        var confirmLabel: String
    }

    let path: String
    let section: NavSection
    /// Where Cancel leads, and where the page sends the browser when ``ask`` has nothing to ask.
    let cancel: String
    let find: @Sendable (UUID, SignedIn) async throws -> Subject
    /// The question, or nil when there is nothing left to do (e.g. the key is already revoked).
    let ask: @Sendable (Subject) -> Question?
    let perform: @Sendable (Subject, SignedIn) async throws -> Response

    func register<Context: DashboardRequestContext>(on router: Router<Context>, gate: Gate) {
        router.get(RouterPath(path)) { request, context in
            try await gate.page(request) { signedIn in
                guard let question = ask(try await find(try Gate.id(context), signedIn)) else { return redirect(cancel) }
                return gate.env.renderer.response(Page.confirm(
                    title: question.title, section: section, heading: question.heading, message: question.message,
                    action: request.uri.path, confirmLabel: question.confirmLabel, cancel: cancel), signedIn: signedIn)
            }
        }
        router.post(RouterPath(path)) { request, context in
            try await gate.action(request) { signedIn, _ in
                try await perform(try await find(try Gate.id(context), signedIn), signedIn)
            }
        }
    }
}
