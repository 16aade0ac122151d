import Foundation
import Testing

/// Graceful shutdown: a request in flight when the server is told to stop still gets its answer.
@Suite("Graceful shutdown")
struct ShutdownTests {
    @Test("an in-flight send finishes after shutdown begins")
    func inFlightRequestFinishes() async throws {
        let backend = RecordingMailBackend()
        backend.delaySends(.seconds(2))
        let server = try await TestServer.start(.sqlite, backends: [backend])
        let seed = try await server.seed()
        let client = server.client(seed)
        let inFlight = Task {
            try await client.call("send_email", ["inbox_id": seed.inboxID, "to": ["a@example.com"], "subject": "s", "body": "b"])
        }
        // Wait until the send has reached the provider, then stop the server.
        for _ in 0..<100 where backend.sendsStarted == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(backend.sendsStarted == 1)
        let stopping = Task { await server.stop() }
        let reply = try await inFlight.value
        #expect(reply.status == 200)
        #expect(reply.structured["delivery_status"] as? String == "sent")
        #expect(backend.sent.count == 1)
        await stopping.value
    }
}
