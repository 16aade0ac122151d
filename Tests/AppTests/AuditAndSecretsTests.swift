import Accounts
import Foundation
import Testing
import TestSupport

/// The audit log, and what the database holds: no key and no credential in clear.
@Suite("Audit log and secrets at rest")
struct AuditAndSecretsTests {
    @Test("every tool call is audited with key, inbox, tool, outcome and latency, never content", arguments: DatabaseKind.allCases)
    func auditLog(_ kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            _ = try await client.call("list_inbox", ["inbox_id": seed.inboxID])
            _ = try await client.call("read_email", ["inbox_id": seed.inboxID, "message_id": "missing"])
            _ = try await client.call("send_email", ["inbox_id": seed.inboxID, "to": ["a@example.com"], "subject": "TopSecretSubject", "body": "TopSecretBody"])
            _ = try await client.call("list_inbox", ["inbox_id": "nope"])
            await server.runtime.flushAudit()
            let entries = try await server.stores.auditLog.list(workspaceID: seed.workspace.id, filter: AuditFilter(), limit: 10, offset: 0)
            #expect(entries.count == 4)
            let byTool = Dictionary(grouping: entries, by: \.tool)
            #expect(byTool["list_inbox"]?.map(\.outcome).sorted() == ["ok", "rpc:-32602"])
            #expect(byTool["read_email"]?.first?.outcome == "message_not_found")
            #expect(byTool["send_email"]?.first?.outcome == "ok")
            #expect(entries.allSatisfy { $0.keyID == seed.keyID })
            #expect(byTool["read_email"]?.first?.inboxID == seed.inbox.id)
            #expect(entries.allSatisfy { $0.requestID?.isEmpty == false })
        }
    }

    @Test("audit entries are written off the request path, each call exactly once, even under concurrency", arguments: DatabaseKind.allCases)
    func auditUnderConcurrency(_ kind: DatabaseKind) async throws {
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let seed = try await server.seed()
            let client = server.client(seed)
            let calls = 60
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<calls {
                    group.addTask { _ = try await client.call("list_inbox", ["inbox_id": seed.inboxID]) }
                }
                try await group.waitForAll()
            }
            await server.runtime.flushAudit()
            let entries = try await server.stores.auditLog.list(workspaceID: seed.workspace.id, filter: AuditFilter(), limit: 500, offset: 0)
            #expect(entries.count == calls)
            #expect(Set(entries.compactMap(\.requestID)).count == calls, "every call has its own entry")
            #expect(entries.allSatisfy { $0.outcome == "ok" && $0.tool == "list_inbox" })
        }
    }

    @Test("a scan of the whole database finds no API key, password or token in clear", arguments: DatabaseKind.allCases)
    func databaseScan(_ kind: DatabaseKind) async throws {
        let password = "Pa55word-\(UUID().uuidString)"
        let token = "ya29.token-\(UUID().uuidString)"
        try await withServer(kind, backends: [RecordingMailBackend()]) { server in
            let seed = try await server.seed()
            _ = try await server.stores.inboxes.create(workspaceID: seed.workspace.id, provider: .imap, address: "p@example.com",
                                                      displayName: nil, settings: ["imap_host": "127.0.0.1"], credentials: Array(password.utf8))
            _ = try await server.stores.inboxes.create(workspaceID: seed.workspace.id, provider: .gmail, address: "g@example.com",
                                                      displayName: nil, settings: [:], credentials: Array(#"{"access_token":"\#(token)"}"#.utf8))
            _ = try await server.client(seed).call("list_inbox", ["inbox_id": seed.inboxID])
            let dump = try await DatabaseDump.everything(kind: kind, url: server.databaseURL)
            #expect(dump.count > 1_000)
            #expect(dump.contains("p@example.com"), "the dump must see inbox rows, or the scan proves nothing")
            for secret in [seed.key, String(seed.key.dropFirst(10)), password, token] {
                #expect(!dump.contains(secret), "found a secret in clear in the database")
            }
            #expect(!dump.contains(server.masterKey))
        }
    }
}

/// Reads everything a database holds, as text, the way someone holding a copy of it could.
enum DatabaseDump {
    static func everything(kind: DatabaseKind, url: String) async throws -> String {
        switch kind {
        case .sqlite:
            var text = ""
            for suffix in ["", "-wal", "-shm"] {
                if let data = try await LockSafeRead.contents(atPath: url + suffix) {
                    text += String(decoding: data, as: UTF8.self)
                }
            }
            let dump = try await Shell.run("/usr/bin/sqlite3", [url, ".dump"])
            return text + dump.output
        case .postgres:
            let dump = try await Shell.run("/usr/bin/pg_dump", ["--data-only", "--inserts", url])
            guard dump.status == 0 else { throw Shell.Failure(message: "pg_dump failed: \(dump.error)") }
            return dump.output
        }
    }
}
