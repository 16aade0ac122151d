import Foundation
import MCP
import MailCore
@testable import MCPServer
import Testing

@Suite("send arguments: attachment base64 and the idempotency fingerprint")
struct SendArgumentsTests {
    @Test("base64 decodes as Foundation does, for every length, wrapped or not, padded or not")
    func decodesLikeFoundation() throws {
        var generator = SystemRandomNumberGenerator()
        for length in Array(0...70) + [4096, 100_003] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let encoded = Data(bytes).base64EncodedString()
            #expect(AttachmentData.decode(encoded) == bytes, "length \(length)")
            let wrapped = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            #expect(AttachmentData.decode(wrapped) == bytes, "wrapped, length \(length)")
            let unpadded = String(encoded.reversed().drop { $0 == "=" }.reversed())
            #expect(AttachmentData.decode(unpadded) == bytes, "unpadded, length \(length)")
        }
        #expect(AttachmentData.decode(" aGVs\tbG8=\n") == Array("hello".utf8))
    }

    @Test("not base64: other characters, data after padding, a single dangling character",
          arguments: ["%%%", "a%Gk=", "aG-k", "aG_k", "aGVsbG8=x", "aGVsbG8=aGVs", "a", "aGVsb"])
    func refuses(_ text: String) {
        #expect(AttachmentData.decode(text) == nil)
    }

    @Test("an attachment argument becomes its bytes; bad base64 names the parameter")
    func attachmentArgument() throws {
        let payload = Array("file contents".utf8)
        let item: Value = .object(["filename": "a.txt", "mime_type": "Text/Plain",
                                   "data": .string(Data(payload).base64EncodedString())])
        let attachments = try OutgoingArguments.attachments(try ToolArguments(["attachments": [item]], allowed: ["attachments"]))
        #expect(attachments.map(\.data) == [payload])
        #expect(attachments.map(\.mimeType) == ["text/plain"])
        let bad: Value = .object(["filename": "a.txt", "mime_type": "text/plain", "data": "aGVsbG8=x"])
        let error = #expect(throws: RPCError.self) {
            try OutgoingArguments.attachments(try ToolArguments(["attachments": [bad]], allowed: ["attachments"]))
        }
        #expect(error?.message.contains("attachments[0].data") == true)
    }

    @Test("the fingerprint ignores member order and the idempotency key, and tells every difference apart")
    func fingerprint() {
        let arguments: [String: Value] = ["to": ["a@example.org"], "subject": "hi", "n": 2, "x": 1.5, "b": true, "z": .null]
        let base = SendPipeline.fingerprint(arguments)
        #expect(base.count == 64)
        var reordered: [String: Value] = [:]
        for key in arguments.keys.sorted().reversed() { reordered[key] = arguments[key] }
        reordered["idempotency_key"] = "k-1"
        #expect(SendPipeline.fingerprint(reordered) == base)
        let variants: [[String: Value]] = [
            arguments.merging(["n": "2"]) { $1 },
            arguments.merging(["n": 3]) { $1 },
            arguments.merging(["x": 1.25]) { $1 },
            arguments.merging(["b": false]) { $1 },
            arguments.merging(["z": "null"]) { $1 },
            arguments.merging(["to": ["a@example.org", ""]]) { $1 },
            arguments.merging(["to": [["a@example.org"]]]) { $1 },
            arguments.merging(["subject": "hi "]) { $1 },
            arguments.merging(["subjec": "t"]) { $1 },
        ]
        let digests = Set(variants.map(SendPipeline.fingerprint))
        #expect(digests.count == variants.count)
        #expect(!digests.contains(base))
    }
}
