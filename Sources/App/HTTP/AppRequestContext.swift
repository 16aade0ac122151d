import Dashboard
import Foundation
import Hummingbird

/// Per-request context: Hummingbird's core storage plus the request id used in logs and the audit log,
/// and the peer address (the dashboard's sign-in backoff counts per address).
public struct AppRequestContext: RequestContext, DashboardRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Incoming `X-Request-ID` when it is a safe token, else a fresh UUID.
    public var requestID: String
    /// The peer's IP address (behind a reverse proxy: the proxy's).
    public let clientAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.requestID = UUID().uuidString.lowercased()
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Takes a caller's `X-Request-ID` when it is short and plain, echoes it on the response, and puts it in the logger.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let incoming = request.headers[.init("x-request-id")!], Self.isSafe(incoming) {
            context.requestID = incoming
        }
        context.logger[metadataKey: "request_id"] = "\(context.requestID)"
        var response = try await next(request, context)
        response.headers[.init("x-request-id")!] = context.requestID
        return response
    }

    static func isSafe(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy {
            ($0.isASCII && (CharacterSet.alphanumerics.contains($0))) || $0 == "-" || $0 == "_" || $0 == "."
        }
    }
}
