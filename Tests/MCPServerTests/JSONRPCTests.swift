import MCP
import MailCore
@testable import MCPServer
import Testing

@Suite("JSON-RPC decoding and protocol versions")
struct JSONRPCTests {
    @Test("strings stay strings, even when they look like data: URLs; integers stay integers")
    func jsonInput() throws {
        let value = try JSONInput.parse(Array(#"{"body":"data:text/plain,hi","n":3,"x":1.5,"b":true,"z":null,"a":[1,"2"]}"#.utf8))
        #expect(value == .object(["body": "data:text/plain,hi", "n": 3, "x": 1.5, "b": true, "z": .null, "a": [1, "2"]]))
    }

    @Test("requests, notifications, client responses and invalid messages are told apart")
    func decoding() throws {
        func decode(_ text: String) throws -> JSONRPCMessage.Decoded { JSONRPCMessage.decode(try JSONInput.parse(Array(text.utf8))) }
        guard case .message(let request) = try decode(#"{"jsonrpc":"2.0","id":"x","method":"ping"}"#) else { Issue.record("request"); return }
        #expect(request.id == "x" && !request.isNotification)
        guard case .message(let note) = try decode(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#) else { Issue.record("notification"); return }
        #expect(note.isNotification)
        guard case .clientResponse = try decode(#"{"jsonrpc":"2.0","id":1,"result":{}}"#) else { Issue.record("response"); return }
        guard case .invalid(_, let error) = try decode(#"{"jsonrpc":"2.0","id":1.5,"method":"ping"}"#) else { Issue.record("float id"); return }
        #expect(error.code == -32600)
        guard case .invalid(_, let params) = try decode(#"{"jsonrpc":"2.0","id":1,"method":"ping","params":[1]}"#) else { Issue.record("params"); return }
        #expect(params.code == -32602)
    }

    @Test("version negotiation and batching rules")
    func versions() {
        #expect(ProtocolVersion.negotiate("2024-11-05") == "2024-11-05")
        #expect(ProtocolVersion.negotiate("2099-01-01") == ProtocolVersion.latest)
        #expect(ProtocolVersion.negotiate(nil) == ProtocolVersion.latest)
        #expect(ProtocolVersion.allowsBatching("2025-03-26"))
        #expect(!ProtocolVersion.allowsBatching("2025-06-18"))
    }

    @Test("tool arguments: typed getters name the parameter")
    func arguments() throws {
        let args = try ToolArguments(["limit": 5.0, "flag": true, "name": "x"], allowed: ["limit", "flag", "name"])
        #expect(try args.integer("limit", default: 1, range: 1...10) == 5)
        #expect(throws: RPCError.self) { try args.integer("limit", default: 1, range: 6...10) }
        #expect(throws: RPCError.self) { try ToolArguments(["bogus": 1], allowed: ["limit"]) }
        #expect(OutgoingArguments.hasLineBreakOrNUL("a\r\nb"))
        #expect(!OutgoingArguments.hasLineBreakOrNUL("plain"))
        #expect(OutgoingArguments.isMIMEType("application/pdf"))
        #expect(!OutgoingArguments.isMIMEType("application/pdf; x"))
    }

    @Test("every MailError code maps to a seed error code or -32602")
    func errorMapping() {
        let codes: [MailError.Code] = [.messageNotFound, .folderNotFound, .authFailed, .invalidRecipient, .messageTooLarge,
                                       .searchTimeout, .invalidQuery, .providerError, .providerThrottled, .deliveryUnknown, .backendUnavailable]
        for code in codes {
            switch ErrorMapping.map(MailError(code)) {
            case .protocolError(let error): #expect(error.code == -32602, "\(code)")
            case .toolError(let error): #expect(ToolError.Code.allCases.contains(error.code), "\(code)")
            }
        }
    }
}
