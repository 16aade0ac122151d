/// Ready-to-paste client configurations for this deployment (the shapes README documents and the
/// tests exercise): Claude Desktop, Cursor, curl (JSON-RPC `tools/call list_inbox`), the official
/// MCP Python SDK, and the system-prompt line with a real inbox UUID.
enum ClientSnippets {
    /// The placeholder shown where the key goes when it is not known (it is never stored).
    static let keyPlaceholder = "mcpe_live_YOUR_KEY"
    static let inboxPlaceholder = "YOUR_INBOX_ID"

    /// The snippets as template rows `{id, title, hint, text}`.
    static func rows(endpoint: String, key: String?, inboxID: String?) -> [[String: String]] {
        let key = key ?? keyPlaceholder
        let inbox = inboxID ?? inboxPlaceholder
        return [
            ["id": "snippet-claude", "title": "Claude Desktop", "hint": "claude_desktop_config.json", "text": clientJSON(endpoint: endpoint, key: key)],
            ["id": "snippet-cursor", "title": "Cursor", "hint": "~/.cursor/mcp.json", "text": clientJSON(endpoint: endpoint, key: key)],
            ["id": "snippet-curl", "title": "curl (raw JSON-RPC)", "hint": "tools/call list_inbox", "text": curl(endpoint: endpoint, key: key, inbox: inbox)],
            ["id": "snippet-python", "title": "MCP Python SDK", "hint": "pip install mcp==2.3.0", "text": python(endpoint: endpoint, key: key, inbox: inbox)],
        ]
    }

    static func clientJSON(endpoint: String, key: String) -> String {
        """
        {
          "mcpServers": {
            "mcpemails": {
              "url": "\(endpoint)",
              "headers": { "Authorization": "Bearer \(key)" }
            }
          }
        }
        """
    }

    static func curl(endpoint: String, key: String, inbox: String) -> String {
        """
        curl -s \(endpoint) \\
          -H "Authorization: Bearer \(key)" \\
          -H "Content-Type: application/json" \\
          -H "Accept: application/json, text/event-stream" \\
          -H "MCP-Protocol-Version: 2025-06-18" \\
          -d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"list_inbox","arguments":{"inbox_id":"\(inbox)","limit":5}}}'
        """
    }

    static func python(endpoint: String, key: String, inbox: String) -> String {
        """
        import asyncio
        import httpx2
        from mcp import ClientSession
        from mcp.client.streamable_http import streamable_http_client

        async def main():
            headers = {"Authorization": "Bearer \(key)"}
            async with httpx2.AsyncClient(headers=headers) as http, \\
                       streamable_http_client("\(endpoint)", http_client=http) as (read, write):
                async with ClientSession(read, write) as session:
                    await session.initialize()
                    result = await session.call_tool("list_inbox", {"inbox_id": "\(inbox)", "limit": 5})
                    print(result.structured_content)

        asyncio.run(main())
        """
    }

    /// The seed's system-prompt snippet with a real inbox id.
    static func systemPrompt(inboxID: String) -> String {
        "Your inbox ID is: \(inboxID)\nUse the list_inbox MCP tool to read email."
    }
}
