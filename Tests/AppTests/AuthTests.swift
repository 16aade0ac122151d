import Accounts
import Foundation
import Testing

/// Bearer authentication: every bad key is a 401 with `WWW-Authenticate: Bearer` and JSON-RPC -32001.
@Suite("API key authentication")
struct AuthTests {
    @Test("missing, malformed, unknown and revoked keys get 401 and -32001", arguments: DatabaseKind.allCases)
    func badKeys(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let seed = try await server.seed()
            let cases: [String?] = [nil, "not-a-key", "mcpe_live_short", "mcpe_live_" + String(repeating: "A", count: 32)]
            for key in cases {
                let client = MCPTestClient(baseURL: server.baseURL, key: key)
                let reply = try await client.rpc("tools/list", id: 77)
                #expect(reply.status == 401)
                #expect(reply.headers.first(name: "www-authenticate")?.hasPrefix("Bearer") == true)
                #expect(reply.errorCode == -32001)
                #expect(reply.json["id"] as? Int == 77)
            }
            let basic = try await MCPTestClient(baseURL: server.baseURL, key: nil)
                .rpc("ping", headers: [("Authorization", "Basic \(Data(seed.key.utf8).base64EncodedString())")])
            #expect(basic.status == 401)

            let client = server.client(seed)
            #expect(try await client.rpc("tools/list").status == 200)
            #expect(try await server.stores.apiKeys.revoke(id: seed.keyID, workspaceID: nil, at: Date()))
            let revoked = try await client.rpc("tools/list")
            #expect(revoked.status == 401)
            #expect(revoked.errorCode == -32001)
        }
    }

    @Test("a key's last use is recorded", arguments: DatabaseKind.allCases)
    func lastUsed(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let seed = try await server.seed()
            _ = try await server.client(seed).rpc("ping")
            var lastUsed: Date?
            for _ in 0..<50 where lastUsed == nil {
                lastUsed = try await server.stores.apiKeys.get(id: seed.keyID, workspaceID: seed.workspace.id)?.lastUsedAt
                if lastUsed == nil { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(lastUsed != nil)
        }
    }
}
