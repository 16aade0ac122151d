import Accounts
import Foundation
import MailCore
import Testing

/// tools/list schemas, parameter validation (-32602), scopes, cross-workspace isolation, execution errors.
@Suite("Tools: schemas, validation, scopes, isolation")
struct ToolsTests {
    static let toolNames: Set<String> = ["list_inbox", "read_email", "search_emails", "send_email", "reply_to_email", "get_delivery_status"]

    @Test("tools/list returns the tools with complete schemas, annotations and output schemas", arguments: DatabaseKind.allCases)
    func toolsList(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let reply = try await server.client(try await server.seed()).rpc("tools/list")
            let tools = reply.result["tools"] as? [[String: Any]] ?? []
            #expect(Set(tools.compactMap { $0["name"] as? String }) == Self.toolNames)
            for tool in tools {
                let name = tool["name"] as? String ?? "?"
                let schema = tool["inputSchema"] as? [String: Any] ?? [:]
                #expect(schema["type"] as? String == "object", "\(name)")
                #expect(schema["additionalProperties"] as? Bool == false, "\(name)")
                #expect((tool["description"] as? String)?.count ?? 0 > 40, "\(name)")
                #expect(tool["outputSchema"] is [String: Any], "\(name)")
                let annotations = tool["annotations"] as? [String: Any] ?? [:]
                for hint in ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] {
                    #expect(annotations[hint] is Bool, "\(name) \(hint)")
                }
                let properties = schema["properties"] as? [String: Any] ?? [:]
                for (parameter, property) in properties {
                    #expect((property as? [String: Any])?["description"] is String, "\(name).\(parameter) has no description")
                }
            }
            let list = tools.first { $0["name"] as? String == "list_inbox" }
            let limit = ((list?["inputSchema"] as? [String: Any])?["properties"] as? [String: Any])?["limit"] as? [String: Any]
            #expect(limit?["maximum"] as? Int == 100)
            #expect(limit?["default"] as? Int == 20)
            let send = tools.first { $0["name"] as? String == "send_email" }
            #expect(((send?["inputSchema"] as? [String: Any])?["required"] as? [String]).map(Set.init) == ["inbox_id", "to", "subject", "body"])
        }
    }

    @Test("invalid parameters are -32602 naming the parameter", arguments: DatabaseKind.allCases)
    func invalidParams(_ kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            let inbox = seed.inboxID
            let cases: [(String, [String: Any], String)] = [
                ("list_inbox", [:], "inbox_id"),
                ("list_inbox", ["inbox_id": "not-a-uuid"], "inbox_id"),
                ("list_inbox", ["inbox_id": 42], "inbox_id"),
                ("list_inbox", ["inbox_id": inbox, "limit": 0], "limit"),
                ("list_inbox", ["inbox_id": inbox, "limit": 101], "limit"),
                ("list_inbox", ["inbox_id": inbox, "limit": "20"], "limit"),
                ("list_inbox", ["inbox_id": inbox, "offset": -1], "offset"),
                ("list_inbox", ["inbox_id": inbox, "unread_only": "yes"], "unread_only"),
                ("list_inbox", ["inbox_id": inbox, "unread": true], "unread"),
                ("read_email", ["inbox_id": inbox], "message_id"),
                ("search_emails", ["inbox_id": inbox], "query"),
                ("search_emails", ["inbox_id": inbox, "query": "a\r\nb"], "query"),
                ("search_emails", ["inbox_id": inbox, "query": "x", "include_folders": "INBOX"], "include_folders"),
                ("send_email", ["inbox_id": inbox, "subject": "s", "body": "b"], "to"),
                ("send_email", ["inbox_id": inbox, "to": [], "subject": "s", "body": "b"], "to"),
                ("send_email", ["inbox_id": inbox, "to": "a@example.com", "subject": "s", "body": "b"], "to"),
                ("send_email", ["inbox_id": inbox, "to": (0..<51).map { "u\($0)@example.com" }, "subject": "s", "body": "b"], "to"),
                ("send_email", ["inbox_id": inbox, "to": ["a@example.com"], "subject": String(repeating: "x", count: 999), "body": "b"], "subject"),
                ("send_email", ["inbox_id": inbox, "to": ["a@example.com"], "subject": "Hi\r\nBcc: victim@example.com", "body": "b"], "subject"),
                ("send_email", ["inbox_id": inbox, "to": ["a@example.com"], "subject": "s"], "body"),
                ("send_email", ["inbox_id": inbox, "to": ["a@example.com"], "subject": "s", "body": "b",
                                "attachments": [["filename": "a.txt", "mime_type": "text/plain", "data": "%%%"]]], "attachments[0].data"),
                ("send_email", ["inbox_id": inbox, "to": ["a@example.com"], "subject": "s", "body": "b",
                                "attachments": [["filename": "a\r\n.txt", "mime_type": "text/plain", "data": "aGk="]]], "attachments[0].filename"),
                ("send_email", ["inbox_id": inbox, "to": ["a@example.com"], "subject": "s", "body": "b",
                                "attachments": (0..<21).map { _ in ["filename": "a", "mime_type": "text/plain", "data": "aGk="] }], "attachments"),
                ("reply_to_email", ["inbox_id": inbox, "body": "b"], "message_id"),
                ("get_delivery_status", [:], "send_id"),
            ]
            for (tool, arguments, parameter) in cases {
                let reply = try await client.call(tool, arguments)
                #expect(reply.errorCode == -32602, "\(tool) \(arguments.keys.sorted())")
                let message = reply.error?["message"] as? String ?? ""
                #expect(message.contains(parameter), "\(tool): '\(message)' should name \(parameter)")
            }
            #expect(try await client.call("no_such_tool", [:]).errorCode == -32601)
        }
    }

    @Test("bad recipients are invalid_recipient; over 10 MB of attachments is attachment_too_large", arguments: DatabaseKind.allCases)
    func sendExecutionErrors(_ kind: DatabaseKind) async throws {
        let backend = RecordingMailBackend()
        try await withServer(kind, backends: [backend]) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            for bad in ["no-at-sign", "a@", "@b.com", "a b@c.com", "a@b", "x@-bad-.com", "a@b.com\nBcc: c@d.com"] {
                let reply = try await client.call("send_email", ["inbox_id": seed.inboxID, "to": [bad], "subject": "s", "body": "b"])
                #expect(reply.toolErrorCode == "invalid_recipient", "\(bad)")
            }
            let big = Data(count: 6 * 1024 * 1024).base64EncodedString()
            let reply = try await client.call("send_email", [
                "inbox_id": seed.inboxID, "to": ["a@example.com"], "subject": "s", "body": "b",
                "attachments": [["filename": "a.bin", "mime_type": "application/octet-stream", "data": big],
                                ["filename": "b.bin", "mime_type": "application/octet-stream", "data": big]],
            ])
            #expect(reply.toolErrorCode == "attachment_too_large")
            #expect(backend.sent.isEmpty)
        }
    }

    @Test("scopes: read tools need read:email, send tools send:email", arguments: DatabaseKind.allCases)
    func scopes(_ kind: DatabaseKind) async throws {
        let backend = RecordingMailBackend()
        try await withServer(kind, backends: [backend]) { server in
            let readOnly = try await server.seed(scopes: [.readEmail])
            let sendOnly = try await server.seed(scopes: [.sendEmail])
            let send: [String: Any] = ["inbox_id": readOnly.inboxID, "to": ["a@example.com"], "subject": "s", "body": "b"]
            #expect(try await server.client(readOnly).call("send_email", send).toolErrorCode == "scope_denied")
            #expect(try await server.client(readOnly).call("list_inbox", ["inbox_id": readOnly.inboxID]).isToolError == false)
            let list = try await server.client(sendOnly).call("list_inbox", ["inbox_id": sendOnly.inboxID])
            #expect(list.toolErrorCode == "scope_denied")
            var sendOwn = send
            sendOwn["inbox_id"] = sendOnly.inboxID
            #expect(try await server.client(sendOnly).call("send_email", sendOwn).isToolError == false)
            #expect(backend.sent.count == 1)
        }
    }

    @Test("another workspace's inbox answers exactly like a nonexistent one", arguments: DatabaseKind.allCases)
    func isolation(_ kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let mine = try await server.seed()
            let theirs = try await server.seed(address: "other@example.com")
            let client = server.client(mine)
            let foreign = try await client.call("list_inbox", ["inbox_id": theirs.inboxID], id: 5)
            let missingID = UUID().uuidString.lowercased()
            let missing = try await client.call("list_inbox", ["inbox_id": missingID], id: 5)
            #expect(foreign.toolErrorCode == "inbox_not_found")
            #expect(missing.toolErrorCode == "inbox_not_found")
            let normalize: (MCPTestClient.Reply, String) -> NSDictionary? = { reply, id in
                let text = reply.text.replacingOccurrences(of: id, with: "ID")
                return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? NSDictionary
            }
            #expect(normalize(foreign, theirs.inboxID) != nil)
            #expect(normalize(foreign, theirs.inboxID) == normalize(missing, missingID))
            #expect(foreign.status == missing.status)
            for tool in ["read_email", "reply_to_email"] {
                let reply = try await client.call(tool, ["inbox_id": theirs.inboxID, "message_id": "m1", "body": "x"].filter { tool == "reply_to_email" || $0.key != "body" })
                #expect(reply.toolErrorCode == "inbox_not_found")
            }
        }
    }

    @Test("an inbox whose backend is missing gets a clear provider_error, never a fake success", arguments: DatabaseKind.allCases)
    func missingBackend(_ kind: DatabaseKind) async throws {
        try await withServer(kind, backends: []) { server in
            let seed = try await server.seed(provider: .gmail)
            let reply = try await server.client(seed).call("list_inbox", ["inbox_id": seed.inboxID])
            #expect(reply.toolErrorCode == "provider_error")
            let text = ((reply.result["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
            #expect(text.contains("not available"))
        }
    }

    @Test("successful results carry structuredContent and the same JSON as text", arguments: DatabaseKind.allCases)
    func structuredResults(_ kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let seed = try await server.seed()
            let reply = try await server.client(seed).call("list_inbox", ["inbox_id": seed.inboxID, "limit": 2])
            #expect(reply.isToolError == false)
            let structured = reply.structured
            #expect((structured["messages"] as? [[String: Any]])?.count == 2)
            #expect(structured["has_more"] as? Bool == true)
            #expect(structured["next_offset"] as? Int == 2)
            let text = ((reply.result["content"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
            #expect(parsed == (structured as NSDictionary))
            let read = try await server.client(seed).call("read_email", ["inbox_id": seed.inboxID, "message_id": "m2"])
            #expect(read.structured["subject"] as? String == "Subject 2")
            #expect(try await server.client(seed).call("read_email", ["inbox_id": seed.inboxID, "message_id": "zzz"]).toolErrorCode == "message_not_found")
        }
    }

    @Test("provider failures map to the seed's codes", arguments: [DatabaseKind.sqlite])
    func providerErrorMapping(_ kind: DatabaseKind) async throws {
        let backend = RecordingMailBackend()
        try await withServer(kind, backends: [backend]) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            let send: [String: Any] = ["inbox_id": seed.inboxID, "to": ["a@example.com"], "subject": "s", "body": "b"]
            let expectations: [(MailError, String)] = [
                (MailError(.authFailed), "auth_failed"),
                (MailError(.invalidRecipient, detail: "550 5.1.1"), "invalid_recipient"),
                (MailError(.messageTooLarge), "attachment_too_large"),
                (MailError(.providerError), "provider_error"),
                (MailError(.providerThrottled, retryAfter: 17), "provider_error"),
                (MailError(.deliveryUnknown), "provider_error"),
            ]
            for (error, code) in expectations {
                backend.failSends(with: error)
                let reply = try await client.call("send_email", send)
                #expect(reply.toolErrorCode == code, "\(error)")
                if error.code == .providerThrottled { #expect(reply.result["retryAfter"] as? Int == 17) }
                if error.code == .deliveryUnknown { #expect(reply.result["delivery_status"] as? String == "unknown") }
            }
            backend.failSearches(with: MailError(.searchTimeout))
            #expect(try await client.call("search_emails", ["inbox_id": seed.inboxID, "query": "x"]).toolErrorCode == "search_timeout")
            backend.failSearches(with: MailError(.invalidQuery, detail: "unbalanced parenthesis"))
            let badQuery = try await client.call("search_emails", ["inbox_id": seed.inboxID, "query": "(x"])
            #expect(badQuery.errorCode == -32602)
        }
    }
}
