import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// A local stand-in for the Microsoft identity platform (`/{tenant}/oauth2/v2.0/authorize` and `/token`)
/// and Microsoft Graph v1.0 mail (`/v1.0/me/…`), served over HTTP on 127.0.0.1 for tests.
///
/// Request and response shapes follow Microsoft's published docs; OData options are validated as Graph
/// validates them, so a client sending something Graph refuses fails here too. Tests seed the mailbox and
/// turn knobs through `store` (throttling, outages, dropped responses, token expiry and revocation).
///
/// ```swift
/// let standIn = try await MicrosoftStandIn.start()
/// defer { Task { await standIn.shutdown() } }
/// let graph = standIn.graphURL            // http://127.0.0.1:PORT/v1.0
/// ```
public final class MicrosoftStandIn: Sendable {
    /// Mailbox, tokens, knobs and request records.
    public let store: MicrosoftStore
    /// The TCP port the server listens on (127.0.0.1).
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// `http://127.0.0.1:PORT`: the authority, as `MCPEMAILS_MICROSOFT_AUTHORITY_URL` would name it.
    public var authorityURL: String { "http://127.0.0.1:\(port)" }
    /// `http://127.0.0.1:PORT/v1.0`: the Graph base URL.
    public var graphURL: String { "http://127.0.0.1:\(port)/v1.0" }

    /// The token endpoint for `tenant`.
    public func tokenURL(tenant: String = "common") -> String { "\(authorityURL)/\(tenant)/oauth2/v2.0/token" }
    /// The authorization endpoint for `tenant`.
    public func authorizeURL(tenant: String = "common") -> String { "\(authorityURL)/\(tenant)/oauth2/v2.0/authorize" }

    private init(store: MicrosoftStore, port: Int, group: ServiceGroup, task: Task<Void, any Error>) {
        self.store = store
        self.port = port
        self.group = group
        self.task = task
    }

    /// Starts a stand-in on an ephemeral port and returns once it accepts connections.
    public static func start(configuration: StandInConfiguration = StandInConfiguration()) async throws -> MicrosoftStandIn {
        let store = MicrosoftStore(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            try await respond(to: request, store: store)
        }
        var logger = Logger(label: "MicrosoftStandIn")
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var port = 0
        for await value in ports { port = value }
        guard port > 0 else {
            task.cancel()
            throw StandInStartError()
        }
        return MicrosoftStandIn(store: store, port: port, group: group, task: task)
    }

    /// Stops the server gracefully (open connections finish their current request).
    public func shutdown() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

    private static func respond(to request: Request, store: MicrosoftStore) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024 * 1024)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        headers["host"] = request.head.authority ?? headers["host"]
        let path = request.uri.path
        let neutral = StandInHTTPRequest(
            method: request.method.rawValue,
            segments: path.split(separator: "/").map { $0.removingPercentEncoding ?? String($0) },
            rawPath: path,
            query: StandInHTTPRequest.decodeQuery(request.uri.query ?? "", plusIsSpace: false),
            headers: headers,
            body: Array(buffer: body)
        )
        let answer = await store.handle(neutral)
        if let delay = answer.delay { try? await Task.sleep(for: delay) }
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        guard !answer.dropConnection else {
            return Response(status: .ok, headers: fields, body: ResponseBody { _ in throw DroppedConnection() })
        }
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    struct DroppedConnection: Error {}
}

/// The stand-in's server did not report a listening port.
public struct StandInStartError: Error, CustomStringConvertible {
    /// The reason, for test output.
    public var description: String { "MicrosoftStandIn could not start listening on 127.0.0.1" }
}
