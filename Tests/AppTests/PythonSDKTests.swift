import Foundation
import Testing

/// The official MCP Python SDK (PyPI `mcp`, installed by scripts/install-deps) talks to the server exactly
/// as the README's example does: initialize, tools/list, tools/call over Streamable HTTP.
@Suite("Official MCP Python SDK client")
struct PythonSDKTests {
    static let script = #"""
    import asyncio, json, sys
    import httpx2
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async def main(url, key, inbox):
        async with httpx2.AsyncClient(headers={"Authorization": "Bearer " + key}) as http, \
                   streamable_http_client(url, http_client=http) as (read, write):
            async with ClientSession(read, write) as session:
                init = await session.initialize()
                tools = await session.list_tools()
                result = await session.call_tool("list_inbox", {"inbox_id": inbox, "limit": 2})
                bad = await session.call_tool("list_inbox", {"inbox_id": "00000000-0000-0000-0000-000000000000"})
                print(json.dumps({
                    "protocol": init.protocol_version,
                    "tools": sorted(t.name for t in tools.tools),
                    "count": len(result.structured_content["messages"]),
                    "isError": result.is_error,
                    "badIsError": bad.is_error,
                }))

    asyncio.run(main(*sys.argv[1:4]))
    """#

    @Test("initialize, tools/list and tools/call work from the Python SDK")
    func pythonClient() async throws {
        try await withServer(.sqlite, backends: [RecordingMailBackend()]) { server in
            let seed = try await server.seed()
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("mcp-client-\(UUID().uuidString).py").path
            try Self.script.write(toFile: path, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let run = try await Shell.run("/usr/bin/env", ["python3", path, server.baseURL + "/mcp", seed.key, seed.inboxID])
            #expect(run.status == 0, "\(run.error.suffix(2000))")
            let json = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any] ?? [:]
            #expect((json["tools"] as? [String])?.contains("send_email") == true)
            #expect(json["count"] as? Int == 2)
            #expect(json["isError"] as? Bool == false)
            #expect(json["badIsError"] as? Bool == true)
            #expect((json["protocol"] as? String)?.isEmpty == false)
        }
    }
}
