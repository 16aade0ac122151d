import Accounts
import App
import Foundation
import IMAPProvider
import Testing
import TestSupport

/// Every tool end to end through `POST /mcp` against the real Dovecot + Postfix started by
/// `scripts/services/mail.sh`: a message sent by one inbox is read back from another.
@Suite("IMAP inboxes end to end over /mcp")
struct IMAPEndToEndTests {
    /// A workspace with two IMAP inboxes (fresh Dovecot users) and one key.
    struct Pair {
        let client: MCPTestClient
        let aliceInboxID: String
        let bobInboxID: String
        let aliceAddress: String
        let bobAddress: String
    }

    static func connect(_ server: TestServer, mail: MailTestServer, imapPort: Int? = nil) async throws -> Pair {
        let seed = try await server.seed(plan: .pro, address: "unused@example.com", provider: .gmail)
        func inbox(_ address: String) async throws -> String {
            let settings = IMAPAccountSettings(
                email: address, username: address, imapHost: mail.host, imapPort: imapPort ?? mail.imapPort,
                imapSecurity: .starttls, smtpHost: mail.host, smtpPort: mail.smtpPort,
                smtpSecurity: .starttls, trustedCAPEM: try mail.tlsCAPEM())
            let inbox = try await server.stores.inboxes.create(
                workspaceID: seed.workspace.id, provider: .imap, address: address, displayName: nil,
                settings: settings.asDictionary(), credentials: IMAPCredentials.password(mail.password).encoded())
            return inbox.id.uuidString.lowercased()
        }
        let aliceAddress = mail.uniqueAddress("alice"), bobAddress = mail.uniqueAddress("bob")
        return Pair(client: server.client(seed), aliceInboxID: try await inbox(aliceAddress), bobInboxID: try await inbox(bobAddress),
                    aliceAddress: aliceAddress, bobAddress: bobAddress)
    }

    /// Polls `list_inbox` of `inboxID` until a message with `subject` arrives (bounded: 15 s).
    static func waitFor(_ subject: String, in inboxID: String, client: MCPTestClient, folder: String = "INBOX") async throws -> [String: Any] {
        for _ in 0..<150 {
            let reply = try await client.call("list_inbox", ["inbox_id": inboxID, "folder": folder, "limit": 50])
            if let found = (reply.structured["messages"] as? [[String: Any]])?.first(where: { $0["subject"] as? String == subject }) {
                return found
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw Shell.Failure(message: "'\(subject)' did not arrive in 15 s")
    }

    @Test("send, list, read, search, reply with threading, flags untouched by a plain read")
    func conversation() async throws {
        let mail = try MailTestServer.fromEnvironment()
        try await withServer(.sqlite, backends: nil) { server in
            let pair = try await Self.connect(server, mail: mail)
            let client = pair.client
            let subject = "Grüße \(UUID().uuidString.prefix(8))"
            let sent = try await client.call("send_email", [
                "inbox_id": pair.aliceInboxID, "to": [pair.bobAddress], "subject": subject,
                "body": "Hello Bob,\n.\nA line with only a dot above.", "html_body": "<p>Hello <b>Bob</b></p>",
                "bcc": [pair.aliceAddress], "idempotency_key": "first-\(subject)",
            ])
            #expect(sent.structured["delivery_status"] as? String == "sent", "\(sent.text)")

            let summary = try await Self.waitFor(subject, in: pair.bobInboxID, client: client)
            #expect((summary["from"] as? [String: Any])?["email"] as? String == pair.aliceAddress)
            #expect(summary["unread"] as? Bool == true)
            let messageID = try #require(summary["message_id"] as? String)

            let read = try await client.call("read_email", ["inbox_id": pair.bobInboxID, "message_id": messageID, "include_html": true])
            #expect((read.structured["text_body"] as? String)?.contains("A line with only a dot above.") == true)
            #expect((read.structured["html_body"] as? String)?.contains("<b>Bob</b>") == true)
            #expect((read.structured["bcc"] as? [Any])?.isEmpty == true, "Bcc must never reach the headers")
            let again = try await Self.waitFor(subject, in: pair.bobInboxID, client: client)
            #expect(again["unread"] as? Bool == true, "a plain read must not set \\Seen")

            let search = try await client.call("search_emails", ["inbox_id": pair.bobInboxID, "query": "subject:\"\(subject)\""])
            #expect((search.structured["messages"] as? [[String: Any]])?.count == 1, "\(search.text)")

            let reply = try await client.call("reply_to_email", ["inbox_id": pair.bobInboxID, "message_id": messageID, "body": "Hi Alice"])
            #expect(reply.structured["delivery_status"] as? String == "sent", "\(reply.text)")
            let answer = try await Self.waitFor("Re: \(subject)", in: pair.aliceInboxID, client: client)
            let answerRead = try await client.call("read_email", ["inbox_id": pair.aliceInboxID, "message_id": answer["message_id"] as? String ?? "", "mark_as_read": true])
            let original = read.structured["internet_message_id"] as? String
            #expect(original != nil)
            #expect((answerRead.structured["in_reply_to"] as? [String])?.first == original)
            #expect((answerRead.structured["references"] as? [String])?.last == original)
            let afterMark = try await Self.waitFor("Re: \(subject)", in: pair.aliceInboxID, client: client)
            #expect(afterMark["unread"] as? Bool == false)

            let sentCopy = try await Self.waitFor(subject, in: pair.aliceInboxID, client: client, folder: "SENT")
            #expect(sentCopy["message_id"] != nil)
        }
    }

    @Test("attachments round-trip byte for byte, and a 10 MB send is delivered")
    func attachments() async throws {
        let mail = try MailTestServer.fromEnvironment()
        try await withServer(.sqlite, backends: nil) { server in
            let pair = try await Self.connect(server, mail: mail)
            let client = pair.client
            let small: [UInt8] = (0..<5000).map { (n: Int) -> UInt8 in UInt8(truncatingIfNeeded: n &* 31) }
            let big: [UInt8] = (0..<(10 * 1024 * 1024 - 10_000)).map { (n: Int) -> UInt8 in UInt8(truncatingIfNeeded: n &* 7 &+ (n >> 11)) }
            let subject = "Files \(UUID().uuidString.prefix(8))"
            let sent = try await client.call("send_email", [
                "inbox_id": pair.aliceInboxID, "to": [pair.bobAddress], "subject": subject, "body": "see attached",
                "attachments": [
                    ["filename": "tiny.bin", "mime_type": "application/octet-stream", "data": Data(small).base64EncodedString()],
                    ["filename": "Größe.dat", "mime_type": "application/octet-stream", "data": Data(big).base64EncodedString()],
                ],
            ])
            #expect(sent.structured["delivery_status"] as? String == "sent", "\(sent.text.prefix(300))")
            let summary = try await Self.waitFor(subject, in: pair.bobInboxID, client: client)
            #expect(summary["has_attachments"] as? Bool == true)
            let read = try await client.call("read_email", ["inbox_id": pair.bobInboxID, "message_id": summary["message_id"] as? String ?? "",
                                                            "include_attachments": true])
            let attachments = read.structured["attachments"] as? [[String: Any]] ?? []
            #expect(attachments.map { $0["filename"] as? String } == ["tiny.bin", "Größe.dat"])
            #expect(attachments.first.flatMap { Data(base64Encoded: $0["data"] as? String ?? "") } == Data(small))
            #expect(attachments.last.flatMap { Data(base64Encoded: $0["data"] as? String ?? "") } == Data(big))
        }
    }

    @Test("a server that drops the connection mid-response: the next call succeeds")
    func droppedConnection() async throws {
        let mail = try MailTestServer.fromEnvironment()
        let proxy = try await FaultProxy.start(targetHost: mail.host, targetPort: mail.imapPort)
        try await withServer(.sqlite, backends: nil) { server in
            let pair = try await Self.connect(server, mail: mail, imapPort: proxy.port)
            let client = pair.client
            let subject = "Drop \(UUID().uuidString.prefix(8))"
            _ = try await client.call("send_email", ["inbox_id": pair.aliceInboxID, "to": [pair.bobAddress], "subject": subject, "body": "x"])
            _ = try await Self.waitFor(subject, in: pair.bobInboxID, client: client)
            await proxy.setFault(.dropAfterServerBytes(40))
            _ = try await client.call("list_inbox", ["inbox_id": pair.bobInboxID])
            #expect(await proxy.faultsFired >= 1, "the proxy must really have dropped a connection")
            let next = try await client.call("list_inbox", ["inbox_id": pair.bobInboxID])
            #expect(next.isToolError == false, "\(next.text)")
            #expect((next.structured["messages"] as? [[String: Any]])?.contains { $0["subject"] as? String == subject } == true)
        }
        try await proxy.shutdown()
    }
}
