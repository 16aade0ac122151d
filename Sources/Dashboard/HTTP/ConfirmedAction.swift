import Foundation
import Hummingbird

/// A destructive action behind a confirmation page, for an object named by the path's `:id`:
/// `GET path` asks (``confirm``), `POST path` (signed in, CSRF-checked) does it (``perform``). Both look
/// the object up with ``find`` in the signed-in workspace first, so another workspace's ids answer 404.
struct ConfirmedAction<Subject: Sendable>: Sendable {
    let path: String
    let find: @Sendable (UUID, SignedIn) async throws -> Subject
    let confirm: @Sendable (Subject, SignedIn) async throws -> Response
    let perform: @Sendable (Subject, SignedIn) async throws -> Response

    func register<Context: DashboardRequestContext>(on router: Router<Context>, gate: Gate) {
        router.get(RouterPath(path)) { request, context in
            try await gate.page(request) { signedIn in try await confirm(try await find(try Gate.id(context), signedIn), signedIn) }
        }
        router.post(RouterPath(path)) { request, context in
            try await gate.action(request) { signedIn, _ in
                try await perform(try await find(try Gate.id(context), signedIn), signedIn)
            }
        }
    }
}
