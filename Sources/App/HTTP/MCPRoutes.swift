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
                let buffer = try await request.body.collect(upTo: maximumRequestBytes)
                body = Array(buffer.readableBytesView)
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

    static func tooLarge(limit: Int) -> Response {
        let text = #"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Invalid request: body larger than \#(limit) bytes (attachments are limited to 10 MB in total)"}}"#
        return Response(status: .contentTooLarge, headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
