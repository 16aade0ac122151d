import Dashboard
import Foundation
import HTTPTypes
import Hummingbird

/// Per-request context: Hummingbird's core storage plus the request id used in logs and the audit log,
/// and the peer address (the dashboard's sign-in backoff counts per address).
public struct AppRequestContext: RequestContext, DashboardRequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Incoming `X-Request-ID` when it is a safe token, else a fresh UUID.
    public var requestID: String
    /// The client's IP address: the peer's, or behind a trusted reverse proxy (`MCPEMAILS_TRUSTED_PROXIES`)
    /// the one it forwarded (see ``ForwardedClientMiddleware``).
    public var clientAddress: String

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

/// Behind trusted reverse proxies, replaces the peer address (the proxy's) with the client address the
/// proxies forwarded in `X-Forwarded-For`, so per-client limits (sign-in backoff) count clients, not the
/// proxy. With no trusted proxies configured the header is ignored: anyone could write it.
struct ForwardedClientMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trusted: [IPAddressRange]
    static let header = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !trusted.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = ForwardedClient.address(
            peer: context.clientAddress, forwardedFor: request.headers[values: Self.header], trusted: trusted)
        return try await next(request, context)
    }
}
