import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A local stand-in for Google's OAuth 2.0 endpoints and the Gmail API, on 127.0.0.1 with an
/// ephemeral port, for tests that cannot reach Google.
///
/// Faithful to the published documents: every Gmail request is checked against the Gmail discovery
/// document (`gmail.v1.json`) — method and path template, query parameters (known, typed, enums,
/// repetition), request bodies (schema fields and types) — and anything else is answered with
/// Google's 400 error body and recorded in `violations`, which tests assert is empty. Access tokens
/// expire, refresh tokens can be revoked, PKCE S256 and the client secret are verified, and faults can
/// be scripted per endpoint.
///
/// Paths: `GET /o/oauth2/v2/auth`, `POST /token`, `/gmail/v1/users/{userId}/…`,
/// `POST /upload/gmail/v1/users/{userId}/messages/send`.
public final class GoogleStandIn: Sendable {
    /// The OAuth client registration and token behaviour it was started with.
    public let configuration: GoogleStandInConfiguration
    /// `http://127.0.0.1:PORT` — also the Gmail API base URL (`rootUrl`).
    public let baseURL: String
    private let core: StandInCore
    private let server: Task<Void, any Error>

    private init(configuration: GoogleStandInConfiguration, baseURL: String, core: StandInCore, server: Task<Void, any Error>) {
        self.configuration = configuration
        self.baseURL = baseURL
        self.core = core
        self.server = server
    }

    /// Thrown when the server could not bind.
    public struct StartFailed: Error, CustomStringConvertible {
        public var description: String { "the Google stand-in could not start on 127.0.0.1" }
    }

    /// Loads the discovery document and starts the server.
    public static func start(
        configuration: GoogleStandInConfiguration = GoogleStandInConfiguration(), logger: Logger? = nil
    ) async throws -> GoogleStandIn {
        let path = try configuration.discoveryDocumentPath ?? DiscoveryDocument.locate()
        let document = try DiscoveryDocument(contentsOf: path)
        let core = StandInCore(configuration: configuration, document: document)
        var quiet = logger ?? Logger(label: "GoogleStandIn")
        if logger == nil { quiet.logLevel = .critical }
        let responder = CallbackResponder<StandInContext> { request, context in
            try await core.respond(to: request, context: context)
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: quiet
        )
        let server = Task {
            defer { continuation.finish() }
            try await app.runService(gracefulShutdownSignals: [])
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            server.cancel()
            throw StartFailed()
        }
        return GoogleStandIn(configuration: configuration, baseURL: "http://127.0.0.1:\(port)", core: core, server: server)
    }

    /// Stops the server.
    public func stop() async {
        server.cancel()
        _ = await server.result
    }

    /// The authorization endpoint (`…/o/oauth2/v2/auth`).
    public var authorizationURL: URL { URL(string: baseURL + "/o/oauth2/v2/auth")! }
    /// The token endpoint (`…/token`).
    public var tokenURL: URL { URL(string: baseURL + "/token")! }

    // MARK: OAuth state

    /// Registers another redirect URI for the OAuth client (exact match, as Google compares them).
    public func registerRedirectURI(_ uri: String) { core.state.withLock { _ = $0.extraRedirectURIs.insert(uri) } }

    /// What the authorize endpoint does with the next browser visit.
    public func setConsent(_ consent: GoogleConsent) { core.state.withLock { $0.consent = consent } }

    /// Grants tokens directly (as if the user had completed the flow), for tests that start connected.
    public func issueTokens(
        for user: String, scopes: [String] = GoogleStandIn.gmailScopes, lifetime: TimeInterval? = nil
    ) -> (accessToken: String, refreshToken: String, expiresAt: Date) {
        core.state.withLock { state in
            let access = state.token("ya29.")
            let refresh = state.token("1//0")
            let expiresAt = Date().addingTimeInterval(lifetime ?? configuration.accessTokenLifetime)
            state.accessTokens[access] = .init(user: user.lowercased(), scopes: scopes, expiresAt: expiresAt)
            state.refreshTokens[refresh] = .init(user: user.lowercased(), scopes: scopes)
            _ = state.mailbox(user)
            return (access, refresh, expiresAt)
        }
    }

    /// The scopes MCPEmails requests (`gmail.modify`, `gmail.send`).
    public static let gmailScopes = [
        "https://www.googleapis.com/auth/gmail.modify", "https://www.googleapis.com/auth/gmail.send",
    ]

    /// Revokes a refresh token: its next use answers `invalid_grant`.
    public func revokeRefreshToken(_ token: String) {
        core.state.withLock { $0.refreshTokens[token]?.revoked = true }
    }

    /// Makes every access token issued so far expired (the next API call with one gets 401).
    public func expireAccessTokens() {
        core.state.withLock { state in
            for key in state.accessTokens.keys { state.accessTokens[key]?.expiresAt = .distantPast }
        }
    }

    // MARK: Mailboxes

    /// Delivers `raw` into `user`'s mailbox (threaded by References like Gmail), returning the stored message.
    @discardableResult
    public func deliver(
        _ raw: [UInt8], to user: String, labelIds: [String] = ["INBOX", "UNREAD"], internalDate: Date = Date(),
        threadId: String? = nil
    ) -> StoredMessage {
        core.state.withLock {
            $0.store(raw: raw, in: user, labelIds: labelIds, internalDate: Int64(internalDate.timeIntervalSince1970 * 1000),
                     requestedThread: threadId)
        }
    }

    /// Creates a user label and returns its id (`Label_N`).
    public func createLabel(_ name: String, for user: String) -> String {
        core.state.withLock { state in
            state.withMailbox(user) { box in
                let id = "Label_\(box.userLabels.count + 1)"
                box.userLabels[id] = name
                return id
            }
        }
    }

    /// Adds or removes labels on a stored message (e.g. to file it under a user label).
    public func setLabels(_ labelIds: [String], on id: String, of user: String) {
        core.state.withLock { state in state.withMailbox(user) { $0.messages[id]?.labelIds = labelIds } }
    }

    /// `user`'s messages, newest first.
    public func messages(of user: String) -> [StoredMessage] {
        core.state.withLock { $0.mailbox(user).newestFirst }
    }

    /// One stored message.
    public func message(_ id: String, of user: String) -> StoredMessage? {
        core.state.withLock { $0.mailbox(user).messages[id] }
    }

    // MARK: Observation and faults

    /// Requests that failed validation against the discovery document (or the OAuth rules), oldest first.
    public var violations: [String] { core.state.withLock { $0.violations } }

    /// Forgets recorded violations (e.g. after a test that provokes one on purpose).
    public func clearViolations() { core.state.withLock { $0.violations.removeAll() } }

    /// Requests seen for an endpoint (`GoogleEndpoint.*` or any discovery method id).
    public func requestCount(_ endpoint: String) -> Int { core.state.withLock { $0.counts[endpoint] ?? 0 } }

    /// Resets all request counts.
    public func resetCounts() { core.state.withLock { $0.counts.removeAll() } }

    /// Queues faults for the next requests to `endpoint`, consumed one per request.
    public func injectFaults(_ faults: [GoogleFault], endpoint: String) {
        core.state.withLock { $0.faults[endpoint, default: []] += faults }
    }
}

/// The request context: Hummingbird's core storage plus the channel, so a fault can drop it.
struct StandInContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

/// The shared state and handlers behind the HTTP server.
final class StandInCore: Sendable {
    /// Largest request body read (uploads up to the 35 MB discovery `maxSize` plus framing).
    static let maximumBody = 40 * 1024 * 1024

    let state = Mutex(StandInState())
    let gmail: GmailRouter
    let oauth: OAuthEndpoints

    init(configuration: GoogleStandInConfiguration, document: DiscoveryDocument) {
        gmail = GmailRouter(document: document, configuration: configuration)
        oauth = OAuthEndpoints(configuration: configuration)
    }

    func respond(to request: Request, context: StandInContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: Self.maximumBody)
        let input = StandInRequest(
            method: request.method.rawValue, path: request.uri.path, query: parseForm(request.uri.query ?? ""),
            headers: request.headers.map { ($0.name.canonicalName, $0.value) }, body: Array(body.readableBytesView)
        )
        let output = state.withLock { state -> StandInResponse in
            switch (input.method, input.path) {
            case ("GET", "/o/oauth2/v2/auth"): return oauth.authorize(input, &state)
            case ("POST", "/token"): return oauth.token(input, &state)
            default: return gmail.handle(input, &state)
            }
        }
        if let delay = output.delay { try await Task.sleep(for: delay) }
        if output.dropConnection {
            try? await context.channel.close()
            throw CancellationError()
        }
        var fields = HTTPFields()
        for (name, value) in output.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(
            status: HTTPResponse.Status(code: output.status), headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: output.bytes))
        )
    }
}
