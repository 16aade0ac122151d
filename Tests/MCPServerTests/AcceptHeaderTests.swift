@testable import MCPServer
import Testing

@Suite("Accept header")
struct AcceptHeaderTests {
    @Test("JSON is acceptable when any listed media type takes it, parameters and case ignored",
          arguments: ["application/json", "application/json, text/event-stream", "text/event-stream",
                      " Application/JSON ; q=0.9", "text/html, */*;q=0.1", "application/*", "text/html,\tAPPLICATION/JSON"])
    func accepted(_ header: String) {
        #expect(MCPEndpoint.acceptsJSON(header))
    }

    @Test("a header naming only other types refuses JSON",
          arguments: ["text/html", "application/jsonx", "application/xml, text/plain", "", ";", "json", "application/json-seq"])
    func refused(_ header: String) {
        #expect(!MCPEndpoint.acceptsJSON(header))
    }
}
