import Accounts
@testable import App
import Foundation
import Logging
import MailCore
import Testing

/// The registry keeps one live provider per inbox and must rebuild it when the inbox was reconnected
/// through another instance (new credentials in the shared database), but not after the provider saved
/// its own refreshed credentials.
@Suite("Mailbox registry")
struct MailboxRegistryTests {
    /// Counts providers built and keeps the credentials and hooks each got.
    final class CountingBackend: MailBackend, @unchecked Sendable {
        let kind = ProviderKind.imap
        private let inner = RecordingMailBackend()
        private let lock = NSLock()
        private var _builds: [(credentials: [UInt8], hooks: MailboxHooks)] = []
        var builds: [(credentials: [UInt8], hooks: MailboxHooks)] { lock.withLock { _builds } }

        func makeProvider(inbox: Inbox, credentials: [UInt8], hooks: MailboxHooks) async throws -> any MailProvider {
            lock.withLock { _builds.append((credentials, hooks)) }
            return try await inner.makeProvider(inbox: inbox, credentials: credentials, hooks: hooks)
        }
    }

    @Test("a reconnect saved by another instance rebuilds this instance's provider; the provider's own save does not",
          arguments: DatabaseKind.allCases)
    func credentialsChangedElsewhere(_ kind: DatabaseKind) async throws {
        try await withServer(kind) { server in
            let seed = try await server.seed()
            let backend = CountingBackend()
            let registry = MailboxRegistry(backends: [backend], inboxes: server.stores.inboxes, logger: Logger(label: "t"))
            func provide() async throws {
                let (inbox, version) = try #require(try await server.stores.inboxes.getWithCredentialsVersion(
                    id: seed.inbox.id, workspaceID: seed.workspace.id))
                _ = try await registry.provider(for: inbox, credentialsVersion: version)
            }
            try await provide()
            try await provide()
            #expect(backend.builds.count == 1)

            // Another instance (same database) reconnects the inbox with a new password.
            _ = try await server.stores.inboxes.updateCredentials(inboxID: seed.inbox.id, credentials: Array("new password".utf8))
            try await provide()
            #expect(backend.builds.count == 2)
            #expect(backend.builds.last?.credentials == Array("new password".utf8))

            // The provider refreshes and saves its own credentials: it stays.
            try await backend.builds[1].hooks.saveCredentials(Array("refreshed token".utf8))
            try await provide()
            try await provide()
            #expect(backend.builds.count == 2)
            #expect(try await server.stores.inboxes.credentials(inboxID: seed.inbox.id) == Array("refreshed token".utf8))
            await registry.shutdown()
        }
    }
}
