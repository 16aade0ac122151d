import AsyncHTTPClient
import Foundation
import Logging
import MailCore
import NIOCore
import NIOHTTP1

/// HTTP to Microsoft Graph: bearer tokens, one refresh-and-retry on 401, error mapping, and the rule that
/// a lost answer to a send is `.deliveryUnknown` (the request is never repeated).
struct GraphTransport: Sendable {
    /// A Graph answer with a 2xx status.
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
    }

    /// Whether losing the answer may mean a message went out.
    enum Delivery: Sendable {
        case ordinary
        /// `sendMail` or `/send`: after the request is written, a lost answer is `.deliveryUnknown`.
        case submitsMessage
    }

    let client: HTTPClient
    let tokens: any AccessTokenSource
    /// e.g. `https://graph.microsoft.com/v1.0`, without a trailing slash.
    let baseURL: String
    let timeout: TimeAmount
    let logger: Logger
    /// Largest response read (an attachment-heavy message with `contentBytes`).
    static let maxResponseBytes = 200 * 1024 * 1024

    /// Calls Graph at `target`: a path under `baseURL` (`/me/messages`) or an absolute `@odata.nextLink`
    /// on the same origin.
    func call(
        _ method: HTTPMethod, _ target: String, query: GraphQuery = GraphQuery(), body: [UInt8]? = nil,
        headers: [(String, String)] = [], delivery: Delivery = .ordinary, errors: GraphErrorMapping = GraphErrorMapping()
    ) async throws(MailError) -> Reply {
        let url = try resolve(target, query: query)
        var token = try await accessToken()
        var reply = try await execute(method, url: url, token: token, body: body, headers: headers, delivery: delivery)
        if reply.status == 401 {
            logger.debug("Graph answered 401; refreshing the token once")
            await tokens.invalidate(token)
            token = try await accessToken()
            reply = try await execute(method, url: url, token: token, body: body, headers: headers, delivery: delivery)
        }
        guard (200..<300).contains(reply.status) else {
            throw errors.error(status: reply.status, body: reply.body, retryAfter: reply.headers.first(name: "Retry-After"))
        }
        return reply
    }

    /// `call` then JSON-decodes the answer.
    func json<T: Decodable>(
        _ type: T.Type, _ method: HTTPMethod = .GET, _ target: String, query: GraphQuery = GraphQuery(),
        body: [UInt8]? = nil, headers: [(String, String)] = [], errors: GraphErrorMapping = GraphErrorMapping()
    ) async throws(MailError) -> T {
        let reply = try await call(method, target, query: query, body: body, headers: headers, errors: errors)
        return try Self.decode(type, reply.body)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws(MailError) -> T {
        do { return try JSONDecoder().decode(type, from: Data(bytes)) } catch {
            throw MailError(.providerError, detail: "unexpected Graph response (\(T.self))")
        }
    }

    /// A PUT of raw bytes to a pre-authenticated upload URL (no `Authorization` header, as Graph requires).
    func upload(_ url: String, bytes: ArraySlice<UInt8>, contentRange: String) async throws(MailError) -> Reply {
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw MailError(.providerError, detail: "Graph returned an unusable upload URL")
        }
        let headers = [("Content-Type", "application/octet-stream"), ("Content-Range", contentRange)]
        let reply = try await execute(.PUT, url: url, token: nil, body: Array(bytes), headers: headers, delivery: .ordinary)
        guard (200..<300).contains(reply.status) else {
            throw GraphErrorMapping().error(status: reply.status, body: reply.body, retryAfter: reply.headers.first(name: "Retry-After"))
        }
        return reply
    }

    private func accessToken() async throws(MailError) -> String {
        do { return try await tokens.accessToken() } catch let error as MailError { throw error } catch {
            throw MailError(.providerError, detail: "could not obtain an access token")
        }
    }

    private func resolve(_ target: String, query: GraphQuery) throws(MailError) -> String {
        if target.hasPrefix("/") {
            let encoded = query.encoded
            return baseURL + target + (encoded.isEmpty ? "" : "?" + encoded)
        }
        // An @odata.nextLink: follow it only on Graph's own origin, so the token never goes elsewhere.
        guard let next = URL(string: target), let base = URL(string: baseURL), next.scheme == base.scheme,
              next.host == base.host, next.port == base.port else {
            throw MailError(.providerError, detail: "Graph returned a paging link on another origin")
        }
        return target
    }

    private func execute(
        _ method: HTTPMethod, url: String, token: String?, body: [UInt8]?, headers: [(String, String)], delivery: Delivery
    ) async throws(MailError) -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        // Graph answers 411 to a POST without Content-Length (e.g. `/send`, `createReply`): send an empty body.
        if let body = body ?? (method == .POST ? [] : nil) {
            if !headers.contains(where: { $0.0.lowercased() == "content-type" }) {
                request.headers.add(name: "Content-Type", value: "application/json")
            }
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: timeout, logger: logger)
            let collected = try await response.body.collect(upTo: Self.maxResponseBytes)
            return Reply(status: Int(response.status.code), headers: response.headers, body: Array(buffer: collected))
        } catch {
            throw Self.transportError(error, delivery: delivery)
        }
    }

    /// A failure with no HTTP answer. For a send, anything but a failure to connect may mean the message
    /// was accepted, so it is `.deliveryUnknown` and must not be retried.
    static func transportError(_ error: any Error, delivery: Delivery) -> MailError {
        let neverConnected: Bool
        if let clientError = error as? HTTPClientError {
            neverConnected = [.connectTimeout, .getConnectionFromPoolTimeout, .invalidURL, .emptyHost, .emptyScheme]
                .contains(clientError)
        } else if let ioError = error as? IOError {
            neverConnected = [ECONNREFUSED, ENETUNREACH, EHOSTUNREACH].contains(ioError.errnoCode)
        } else {
            neverConnected = String(describing: type(of: error)).contains("ConnectionError")
        }
        if delivery == .submitsMessage && !neverConnected {
            return MailError(.deliveryUnknown, detail: "the connection to Graph was lost after the message was submitted")
        }
        return MailError(.providerError, detail: "Graph could not be reached")
    }
}
