import Foundation
import HTTPTypes
import Hummingbird
import MCPServer
import NIOCore

/// Mounts the MCP endpoint at `/mcp` and adapts Hummingbird requests to the framework-neutral endpoint.
struct MCPRoutes {
    let endpoint: MCPEndpoint
    let maximumRequestBytes: Int

    func register(on router: Router<AppRequestContext>) {
        router.post("/mcp") { request, context in try await handle(request, context: context) }
        router.get("/mcp") { request, context in try await handle(request, context: context) }
        router.delete("/mcp") { request, context in try await handle(request, context: context) }
    }

    private func handle(_ request: Request, context: AppRequestContext) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var body: [UInt8] = []
        if request.method == .post {
            do {
                body = try await Self.collect(request, upTo: maximumRequestBytes)
            } catch is NIOTooManyBytesError {
                return Self.tooLarge(limit: maximumRequestBytes)
            }
        }
        // `consume`: the endpoint owns the only reference and releases the body once it is parsed.
        let reply = await endpoint.handle(MCPHTTPRequest(
            method: request.method.rawValue, headers: headers, body: consume body, requestID: context.requestID))
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return Response(status: .init(code: reply.status), headers: fields,
                        body: .init(byteBuffer: ByteBuffer(bytes: reply.body)))
    }

    /// The body's bytes, collected straight into one array sized from `Content-Length`: a 13 MB request
    /// (a 10 MB attachment in base64) is held once, not first in a buffer and then copied.
    static func collect(_ request: Request, upTo limit: Int) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > 0 {
            bytes.reserveCapacity(min(length, limit))
        }
        for try await fragment in request.body {
            guard bytes.count + fragment.readableBytes <= limit else { throw NIOTooManyBytesError(maxBytes: limit) }
            bytes.append(contentsOf: fragment.readableBytesView)
        }
        return bytes
    }

    static func tooLarge(limit: Int) -> Response {
        let text = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request: body larger than \#(limit) bytes (attachments are limited to 10 MB in total)"}}"#
        return Response(status: .contentTooLarge, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
