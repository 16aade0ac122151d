import Foundation
import MCP
@testable import MCPServer
import Testing

@Suite("JSON parser and writer")
struct JSONTextTests {
    @Test("escapes, surrogate pairs, unicode and numbers parse to the right values")
    func parsesValues() throws {
        let text = #" { "a" : "q\"b\\s\/n\n\t\u00e9\ud83d\ude00", "i": -12, "big": 12345678901234567890, "f": 2.5e-3, "z": 0, "e": [], "o": {} } "#
        let value = try JSONInput.parse(Array(text.utf8))
        #expect(value == .object([
            "a": .string("q\"b\\s/n\n\té😀"), "i": -12, "big": .double(12345678901234567890), "f": 0.0025, "z": 0,
            "e": .array([]), "o": .object([:]),
        ]))
        #expect(try JSONInput.parse(Array("\"naïve ☃\"".utf8)) == .string("naïve ☃"))
        #expect(try JSONInput.parse(Array(#"{"k":1,"k":2}"#.utf8)) == .object(["k": 2]), "the last duplicate wins")
    }

    @Test("malformed documents are refused, never guessed", arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "01", "-", "1.", ".5", "1e", "+1", "NaN", "Infinity",
        "tru", "nul", "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"", "\"\\udc00x\"",
        "[1] [2]", "{\"a\" 1}", "[1 2]", "// c\n1", "1e999",
    ])
    func refusesMalformed(_ text: String) {
        #expect(throws: JSONInput.SyntaxError.self) { try JSONInput.parse(Array(text.utf8)) }
    }

    @Test("invalid UTF-8 and deep nesting are refused")
    func refusesBytesAndDepth() {
        #expect(throws: JSONInput.SyntaxError.self) { try JSONInput.parse([0x22, 0xC3, 0x28, 0x22]) }
        #expect(throws: JSONInput.SyntaxError.self) { try JSONInput.parse([0x22, 0xED, 0xA0, 0x80, 0x22]) }
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONInput.SyntaxError.self) { try JSONInput.parse(Array(deep.utf8)) }
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? JSONInput.parse(Array(ok.utf8))) != nil)
    }

    @Test("the writer's output reads back to the same value, and Foundation agrees with it")
    func roundTrip() throws {
        let value: Value = .object([
            "s": .string("line\nquote\" backslash\\ slash/ nul\u{0} bell\u{7} é 😀"),
            "n": .int(-42), "d": .double(0.1), "w": .double(3.0), "t": .bool(true), "x": .null,
            "a": .array([.int(1), .string("two"), .object(["k": .array([])])]),
        ])
        let bytes = JSONText.bytes(value)
        #expect(try JSONInput.parse(bytes) == .object(value.objectValue!.merging(["w": .int(3)]) { $1 }))
        let foundation = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        #expect(foundation?["s"] as? String == "line\nquote\" backslash\\ slash/ nul\u{0} bell\u{7} é 😀")
        #expect(JSONText.encode(.object(["b": 1, "a": 2])) == #"{"a":2,"b":1}"#, "members in sorted order")
        #expect(JSONText.encode(.double(.nan)) == "null")
        #expect(JSONText.encode(.string("</script>")) == #""</script>""#)
    }
}
