import Hummingbird

/// A request the dashboard answers with an error page instead of the page asked for.
struct DashboardError: Error, Sendable {
    enum Kind: Sendable {
        /// Unknown page or resource — including another workspace's, which must look the same.
        case notFound
        /// Missing or wrong CSRF token, or an action the user may not take.
        case forbidden(String)
        /// A malformed request.
        case badRequest(String)
    }

    let kind: Kind

    static let notFound = DashboardError(kind: .notFound)
    static let csrf = DashboardError(kind: .forbidden(
        "This form has expired or did not come from this dashboard (security check failed). Go back, reload the page and try again."))
    static func forbidden(_ message: String) -> DashboardError { DashboardError(kind: .forbidden(message)) }
    static func badRequest(_ message: String) -> DashboardError { DashboardError(kind: .badRequest(message)) }

    var status: HTTPResponse.Status {
        switch kind {
        case .notFound: return .notFound
        case .forbidden: return .forbidden
        case .badRequest: return .badRequest
        }
    }

    var title: String {
        switch kind {
        case .notFound: return "Not found"
        case .forbidden: return "Not allowed"
        case .badRequest: return "Bad request"
        }
    }

    var message: String {
        switch kind {
        case .notFound: return "There is nothing here, or it belongs to another workspace."
        case .forbidden(let message), .badRequest(let message): return message
        }
    }
}
