import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Inboxes")
struct InboxRepositoryTests {
    static let settings = ["imap.host": "127.0.0.1", "imap.port": "993", "imap.security": "tls"]

    @Test("create, get, list, update, set status, find by address", arguments: Engine.allCases)
    func crud(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "Acme", plan: .free)
            let inbox = try await stores.inboxes.create(
                workspaceID: workspace.id, provider: .imap, address: "Agent@Example.com", displayName: "Agent",
                settings: Self.settings, credentials: Array("password".utf8))
            #expect(inbox.status == .active)
            #expect(try await stores.inboxes.get(id: inbox.id, workspaceID: workspace.id) == inbox)
            #expect(try await stores.inboxes.list(workspaceID: workspace.id) == [inbox])
            #expect(try await stores.inboxes.credentials(inboxID: inbox.id) == Array("password".utf8))

            #expect(try await stores.inboxes.setStatus(inboxID: inbox.id, status: .needsReconnect))
            #expect(try await stores.inboxes.get(id: inbox.id, workspaceID: workspace.id)?.status == .needsReconnect)
            #expect(try await stores.inboxes.setStatus(inboxID: UUID(), status: .active) == false)

            let created = try #require(try await stores.inboxes.getWithCredentialsVersion(id: inbox.id, workspaceID: workspace.id))
            let plain = try await stores.inboxes.get(id: inbox.id, workspaceID: workspace.id)
            #expect(created.inbox == plain)
            let version = try #require(try await stores.inboxes.updateCredentials(inboxID: inbox.id, credentials: Array("new token".utf8)))
            #expect(version > created.credentialsVersion)
            #expect(try await stores.inboxes.credentials(inboxID: inbox.id) == Array("new token".utf8))
            #expect(try await stores.inboxes.getWithCredentialsVersion(id: inbox.id, workspaceID: workspace.id)?.credentialsVersion == version)
            #expect(try await stores.inboxes.updateCredentials(inboxID: UUID(), credentials: [1]) == nil)
            // Replacements in quick succession (often within one millisecond) still get new versions.
            var versions = [version]
            for round in 0..<3 {
                versions.append(try #require(try await stores.inboxes.updateCredentials(inboxID: inbox.id, credentials: [UInt8(round)])))
            }
            #expect(versions == versions.sorted() && Set(versions).count == 4)
            #expect(try await stores.inboxes.getWithCredentialsVersion(id: inbox.id, workspaceID: UUID()) == nil)

            #expect(try await stores.inboxes.update(inboxID: inbox.id, displayName: nil, settings: ["imap.host": "h"]))
            let updated = try #require(try await stores.inboxes.get(id: inbox.id, workspaceID: workspace.id))
            #expect(updated.displayName == nil)
            #expect(updated.settings == ["imap.host": "h"])

            let found = try await stores.inboxes.findByAddress(workspaceID: workspace.id, provider: .imap, address: "agent@example.COM")
            #expect(found?.id == inbox.id)
            #expect(try await stores.inboxes.findByAddress(workspaceID: workspace.id, provider: .gmail, address: "agent@example.com") == nil)
        }
    }

    @Test("an inbox of another workspace is invisible: same answer as a missing one", arguments: Engine.allCases)
    func isolation(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let owner = try await stores.workspaces.create(name: "Owner", plan: .free)
            let stranger = try await stores.workspaces.create(name: "Stranger", plan: .free)
            let inbox = try await stores.inboxes.create(
                workspaceID: owner.id, provider: .gmail, address: "a@example.com", displayName: nil,
                settings: [:], credentials: Array("token".utf8))
            #expect(try await stores.inboxes.get(id: inbox.id, workspaceID: stranger.id) == nil)
            #expect(try await stores.inboxes.get(id: UUID(), workspaceID: stranger.id) == nil)
            #expect(try await stores.inboxes.list(workspaceID: stranger.id).isEmpty)
            #expect(try await stores.inboxes.findByAddress(workspaceID: stranger.id, provider: .gmail, address: "a@example.com") == nil)
            #expect(try await stores.inboxes.remove(id: inbox.id, workspaceID: stranger.id) == false)
            #expect(try await stores.inboxes.get(id: inbox.id, workspaceID: owner.id) != nil)
        }
    }

    @Test("remove deletes the inbox and its credentials", arguments: Engine.allCases)
    func remove(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "Acme", plan: .free)
            let inbox = try await stores.inboxes.create(
                workspaceID: workspace.id, provider: .outlook, address: "a@example.com", displayName: nil,
                settings: [:], credentials: Array("token".utf8))
            #expect(try await stores.inboxes.remove(id: inbox.id, workspaceID: nil))
            #expect(try await stores.inboxes.get(id: inbox.id, workspaceID: workspace.id) == nil)
            #expect(try await stores.inboxes.credentials(inboxID: inbox.id) == nil)
            #expect(try await stores.inboxes.remove(id: inbox.id, workspaceID: nil) == false)
            let rows = try await stores.database.executor.read { db in
                try await db.raw("SELECT inbox_id FROM inbox_credentials").all().count
            }
            #expect(rows == 0)
        }
    }

    @Test("credentials sealed for one inbox do not open for another", arguments: Engine.allCases)
    func boundToInbox(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "Acme", plan: .free)
            let first = try await stores.inboxes.create(
                workspaceID: workspace.id, provider: .imap, address: "a@example.com", displayName: nil,
                settings: [:], credentials: Array("first".utf8))
            let second = try await stores.inboxes.create(
                workspaceID: workspace.id, provider: .imap, address: "b@example.com", displayName: nil,
                settings: [:], credentials: Array("second".utf8))
            // Copy the first inbox's sealed credentials over the second's, as an attacker with write access might.
            try await stores.database.executor.write { db in
                try await db.raw("""
                    UPDATE inbox_credentials SET sealed = (SELECT sealed FROM inbox_credentials WHERE inbox_id = \(bind: first.id.dbText))
                    WHERE inbox_id = \(bind: second.id.dbText)
                    """).run()
            }
            await #expect(throws: StorageError.self) { try await stores.inboxes.credentials(inboxID: second.id) }
            #expect(try await stores.inboxes.credentials(inboxID: first.id) == Array("first".utf8))
        }
    }
}
