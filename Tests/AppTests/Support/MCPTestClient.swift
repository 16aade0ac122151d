import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A raw HTTP client for `/mcp`: builds JSON-RPC bodies and returns status, headers and parsed JSON,
/// so tests see exactly what an MCP client would.
struct MCPTestClient {
    let baseURL: String
    var key: String?
    var protocolVersion: String? = "2025-06-18"
    var extraHeaders: [(String, String)] = []

    struct Reply {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var jsonArray: [[String: Any]] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [[String: Any]] ?? [] }
        var text: String { String(decoding: body, as: UTF8.self) }
        var result: [String: Any] { json["result"] as? [String: Any] ?? [:] }
        var error: [String: Any]? { json["error"] as? [String: Any] }
        var errorCode: Int? { (error?["code"] as? NSNumber)?.intValue }
        /// `result.structuredContent` of a successful tool call.
        var structured: [String: Any] { result["structuredContent"] as? [String: Any] ?? [:] }
        var isToolError: Bool { (result["isError"] as? Bool) == true }
        var toolErrorCode: String? { result["errorCode"] as? String }
    }

    func post(raw body: [UInt8], method: HTTPMethod = .POST, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + "/mcp")
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json, text/event-stream")
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let protocolVersion { request.headers.add(name: "MCP-Protocol-Version", value: protocolVersion) }
        for (name, value) in extraHeaders + headers { request.headers.replaceOrAdd(name: name, value: value) }
        if method == .POST { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        let collected = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
    }

    func rpc(_ method: String, params: [String: Any]? = nil, id: Any = 1, headers: [(String, String)] = []) async throws -> Reply {
        var object: [String: Any] = ["jsonrpc": "2.0", "id": id, "method": method]
        if let params { object["params"] = params }
        return try await post(raw: Array(try JSONSerialization.data(withJSONObject: object)), headers: headers)
    }

    func notify(_ method: String) async throws -> Reply {
        let object: [String: Any] = ["jsonrpc": "2.0", "method": method]
        return try await post(raw: Array(try JSONSerialization.data(withJSONObject: object)))
    }

    func call(_ tool: String, _ arguments: [String: Any], id: Any = 1) async throws -> Reply {
        try await rpc("tools/call", params: ["name": tool, "arguments": arguments], id: id)
    }

    func get(_ path: String) async throws -> Reply {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + path), timeout: .seconds(30))
        let collected = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
    }
}
