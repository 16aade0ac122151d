import Accounts
import Foundation
import MailCore
import Testing

/// idempotency_key, the send ledger and get_delivery_status.
@Suite("Idempotent sends and delivery status")
struct IdempotencyTests {
    @Test("a repeat with the same key returns the first result and sends nothing", arguments: DatabaseKind.allCases)
    func repeatReturnsFirst(_ kind: DatabaseKind) async throws {
        let backend = RecordingMailBackend()
        try await withServer(kind, backends: [backend]) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            let send: [String: Any] = ["inbox_id": seed.inboxID, "to": ["a@example.com"], "subject": "s", "body": "b", "idempotency_key": "order-42"]
            let first = try await client.call("send_email", send)
            #expect(first.structured["delivery_status"] as? String == "sent")
            #expect(first.structured["replayed"] as? Bool == false)
            let again = try await client.call("send_email", send)
            #expect(again.structured["send_id"] as? String == first.structured["send_id"] as? String)
            #expect(again.structured["replayed"] as? Bool == true)
            #expect(backend.sent.count == 1)

            let byKey = try await client.call("get_delivery_status", ["idempotency_key": "order-42"])
            #expect(byKey.structured["delivery_status"] as? String == "sent")
            let byID = try await client.call("get_delivery_status", ["send_id": first.structured["send_id"] as? String ?? ""])
            #expect(byID.structured["idempotency_key"] as? String == "order-42")
            #expect(try await client.call("get_delivery_status", ["idempotency_key": "never"]).isToolError)

            // The same key in another workspace is a different operation.
            let other = try await server.seed(address: "other@example.com")
            var otherSend = send
            otherSend["inbox_id"] = other.inboxID
            _ = try await server.client(other).call("send_email", otherSend)
            #expect(backend.sent.count == 2)
            // ...and another workspace cannot see this one's sends.
            #expect(try await server.client(other).call("get_delivery_status", ["send_id": first.structured["send_id"] as? String ?? ""]).isToolError)
        }
    }

    @Test("50 concurrent repeats of one key send exactly once", arguments: DatabaseKind.allCases)
    func concurrentRepeats(_ kind: DatabaseKind) async throws {
        let backend = RecordingMailBackend()
        backend.delaySends(.milliseconds(50))
        try await withServer(kind, backends: [backend]) { server in
            let seed = try await server.seed(plan: .pro)
            let client = server.client(seed)
            let ids = try await withThrowingTaskGroup(of: String?.self) { group in
                for n in 0..<50 {
                    group.addTask {
                        let reply = try await client.call("reply_to_email", [
                            "inbox_id": seed.inboxID, "message_id": "m1", "body": "once", "idempotency_key": "k-1",
                        ], id: n)
                        return reply.structured["send_id"] as? String
                    }
                }
                var all: [String?] = []
                for try await id in group { all.append(id) }
                return all
            }
            #expect(backend.sent.count == 1)
            #expect(Set(ids.compactMap { $0 }).count == 1)
            #expect(ids.compactMap { $0 }.count == 50)
            let reply = try #require(backend.sent.first)
            #expect(reply.subject == "Re: Subject 1")
            #expect(reply.inReplyTo == "<m1@example.com>")
            #expect(reply.to.map(\.address) == ["sender1@example.com"])
        }
    }

    @Test("an answer lost after the hand-over is delivery_status unknown and is never resent", arguments: [DatabaseKind.sqlite])
    func unknownIsNotResent(_ kind: DatabaseKind) async throws {
        let backend = RecordingMailBackend()
        try await withServer(kind, backends: [backend]) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            let send: [String: Any] = ["inbox_id": seed.inboxID, "to": ["a@example.com"], "subject": "s", "body": "b", "idempotency_key": "lost"]
            backend.failSends(with: MailError(.deliveryUnknown))
            let first = try await client.call("send_email", send)
            #expect(first.toolErrorCode == "provider_error")
            #expect(first.result["delivery_status"] as? String == "unknown")
            backend.failSends(with: nil)
            let again = try await client.call("send_email", send)
            #expect(again.isToolError)
            #expect(again.result["delivery_status"] as? String == "unknown")
            #expect(backend.sent.isEmpty)
            let status = try await client.call("get_delivery_status", ["idempotency_key": "lost"])
            #expect(status.structured["delivery_status"] as? String == "unknown")
        }
    }

    @Test("a send refused by the quota leaves its key free for a later attempt", arguments: [DatabaseKind.sqlite])
    func quotaRefusalFreesKey(_ kind: DatabaseKind) async throws {
        let backend = RecordingMailBackend()
        try await withServer(kind, backends: [backend], configure: { $0.plans.free.sendsPerDay = 0 }) { server in
            let seed = try await server.seed(plan: .free)
            let client = server.client(seed)
            let send: [String: Any] = ["inbox_id": seed.inboxID, "to": ["a@example.com"], "subject": "s", "body": "b", "idempotency_key": "later"]
            #expect(try await client.call("send_email", send).toolErrorCode == "quota_exceeded")
            #expect(try await client.call("get_delivery_status", ["idempotency_key": "later"]).isToolError)
            _ = try await server.stores.workspaces.setPlan(id: seed.workspace.id, plan: .pro, sendQuota: nil, monthlyCalls: nil)
            #expect(try await client.call("send_email", send).structured["delivery_status"] as? String == "sent")
            #expect(backend.sent.count == 1)
        }
    }
}
