import Foundation
import Testing

/// Streamable HTTP and JSON-RPC behaviour of `POST /mcp`, over real HTTP, on SQLite and PostgreSQL.
@Suite("MCP protocol over HTTP")
struct ProtocolTests {
    @Test("initialize negotiates every supported version and answers unknown ones with the latest", arguments: DatabaseKind.allCases)
    func initializeNegotiates(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let seed = try await server.seed()
            var client = server.client(seed)
            client.protocolVersion = nil
            for version in ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"] {
                let reply = try await client.rpc("initialize", params: [
                    "protocolVersion": version, "clientInfo": ["name": "t", "version": "1"], "capabilities": [:],
                ])
                #expect(reply.status == 200)
                #expect(reply.result["protocolVersion"] as? String == version)
                #expect((reply.result["serverInfo"] as? [String: Any])?["name"] as? String == "mcpemails")
                #expect(reply.headers.first(name: "content-type")?.hasPrefix("application/json") == true)
            }
            let unknown = try await client.rpc("initialize", params: ["protocolVersion": "1999-01-01", "capabilities": [:]])
            #expect(unknown.result["protocolVersion"] as? String == "2025-11-25")
        }
    }

    @Test("notifications and client responses get 202 with no body", arguments: DatabaseKind.allCases)
    func notificationsAccepted(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let client = server.client(try await server.seed())
            let reply = try await client.notify("notifications/initialized")
            #expect(reply.status == 202)
            #expect(reply.body.isEmpty)
            let response = try await client.post(raw: Array(#"{"jsonrpc":"2.0","id":9,"result":{}}"#.utf8))
            #expect(response.status == 202)
        }
    }

    @Test("ping answers an empty result; unknown methods are -32601", arguments: DatabaseKind.allCases)
    func pingAndUnknownMethod(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let client = server.client(try await server.seed())
            let ping = try await client.rpc("ping", id: "abc")
            #expect(ping.json["id"] as? String == "abc")
            #expect(ping.result.isEmpty && ping.error == nil)
            let unknown = try await client.rpc("resources/list")
            #expect(unknown.errorCode == -32601)
        }
    }

    @Test("batches: allowed before 2025-06-18, rejected with 400 and a JSON-RPC error after", arguments: DatabaseKind.allCases)
    func batches(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            var client = server.client(try await server.seed())
            let batch = Array(#"[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"notifications/initialized"},{"jsonrpc":"2.0","id":2,"method":"tools/list"}]"#.utf8)
            client.protocolVersion = "2025-03-26"
            let allowed = try await client.post(raw: batch)
            #expect(allowed.status == 200)
            #expect(allowed.jsonArray.count == 2)
            #expect(Set(allowed.jsonArray.compactMap { ($0["id"] as? NSNumber)?.intValue }) == [1, 2])
            for version in ["2025-06-18", "2025-11-25"] {
                client.protocolVersion = version
                let rejected = try await client.post(raw: batch)
                #expect(rejected.status == 400)
                #expect(rejected.errorCode == -32600)
            }
        }
    }

    @Test("an unsupported MCP-Protocol-Version header after initialize gets 400", arguments: DatabaseKind.allCases)
    func badVersionHeader(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            var client = server.client(try await server.seed())
            client.protocolVersion = "2030-01-01"
            let reply = try await client.rpc("tools/list")
            #expect(reply.status == 400)
            #expect((reply.error?["message"] as? String)?.contains("MCP-Protocol-Version") == true)
            client.protocolVersion = "garbage"
            #expect(try await client.rpc("ping").status == 400)
        }
    }

    @Test("a disallowed Origin gets 403; an allowed one passes", arguments: DatabaseKind.allCases)
    func origins(_ kind: DatabaseKind) async throws {
        try await withServer(kind, configure: { $0.allowedOrigins = ["https://app.example.com"] }) { server in
            let client = server.client(try await server.seed())
            let evil = try await client.rpc("ping", headers: [("Origin", "https://evil.example.com")])
            #expect(evil.status == 403)
            let good = try await client.rpc("ping", headers: [("Origin", "https://app.example.com")])
            #expect(good.status == 200)
        }
    }

    @Test("GET and DELETE /mcp answer 405 (no SSE stream, no sessions)", arguments: DatabaseKind.allCases)
    func getIs405(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let client = server.client(try await server.seed())
            let get = try await client.post(raw: [], method: .GET)
            #expect(get.status == 405)
            #expect(get.headers.first(name: "allow") == "POST")
            #expect(try await client.post(raw: [], method: .DELETE).status == 405)
        }
    }

    @Test("malformed JSON is -32700; a non-object request is -32600", arguments: DatabaseKind.allCases)
    func malformedBodies(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let client = server.client(try await server.seed())
            let garbage = try await client.post(raw: Array("{not json".utf8))
            #expect(garbage.status == 400)
            #expect(garbage.errorCode == -32700)
            let number = try await client.post(raw: Array("42".utf8))
            #expect(number.errorCode == -32600)
            let noVersion = try await client.post(raw: Array(#"{"id":1,"method":"ping"}"#.utf8))
            #expect(noVersion.errorCode == -32600)
        }
    }

    @Test("a body over the size limit gets 413 with a JSON-RPC error", arguments: [DatabaseKind.sqlite])
    func hugeBody(_ kind: DatabaseKind) async throws {
        try await withServer(kind, configure: { $0.maximumRequestBytes = 1_000_000 }) { server in
            let client = server.client(try await server.seed())
            let body = Array(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":{"x":""#.utf8)
                + [UInt8](repeating: UInt8(ascii: "a"), count: 1_100_000) + Array(#""}}"#.utf8)
            let reply = try await client.post(raw: body)
            #expect(reply.status == 413)
            #expect(reply.errorCode == -32600)
        }
    }

    @Test("healthz answers 200 and metrics expose tool-call counters", arguments: DatabaseKind.allCases)
    func healthAndMetrics(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            #expect(try await client.get("/healthz").status == 200)
            _ = try await client.call("list_inbox", ["inbox_id": UUID().uuidString])
            let metrics = try await client.get("/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text.contains("mcp_tool_calls_total"))
            #expect(metrics.text.contains("inbox_not_found"))
            #expect(metrics.text.contains("mcp_requests_total"))
            #expect(metrics.text.contains("hb_request"))
        }
    }

    @Test("50 concurrent requests from two keys reusing the same ids each get their own answer", arguments: DatabaseKind.allCases)
    func concurrentSameIDs(_ kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let first = try await server.seed(address: "first@example.com")
            let second = try await server.seed(address: "second@example.com")
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for n in 0..<50 {
                    let seed = n.isMultiple(of: 2) ? first : second
                    let client = server.client(seed)
                    group.addTask {
                        // Every request uses id 1; the answer must be this caller's own inbox listing.
                        let reply = try await client.call("list_inbox", ["inbox_id": seed.inboxID, "limit": 1 + n % 3], id: 1)
                        let structured = reply.structured
                        return reply.json["id"] as? Int == 1 && structured["inbox_id"] as? String == seed.inboxID
                            && (structured["limit"] as? Int) == 1 + n % 3
                    }
                }
                var correct = 0
                for try await ok in group where ok { correct += 1 }
                #expect(correct == 50)
            }
        }
    }
}
