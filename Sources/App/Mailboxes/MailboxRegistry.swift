import Accounts
import Foundation
import Logging
import MailCore

/// Owns one live `MailProvider` per inbox (and with it, e.g., the inbox's IMAP connection pool), so tool
/// calls reuse authenticated connections instead of logging in each time.
///
/// A provider is rebuilt when the inbox's stored state changes (status or settings), and dropped with
/// `evict` when an inbox is removed or reconnected. Credentials are read from storage only when a
/// provider is built.
public actor MailboxRegistry {
    private struct Entry {
        var fingerprint: String
        /// The stored credentials' version the provider was built with, or last saved itself.
        var credentialsVersion: Int64
        var provider: any MailProvider
    }

    private let backends: [ProviderKind: any MailBackend]
    private let inboxes: any InboxRepository
    private let logger: Logger
    private var entries: [UUID: Entry] = [:]
    private var building: [UUID: Task<any MailProvider, any Error>] = [:]

    public init(backends: [any MailBackend], inboxes: any InboxRepository, logger: Logger) {
        self.backends = Dictionary(backends.map { ($0.kind, $0) }, uniquingKeysWith: { _, last in last })
        self.inboxes = inboxes
        self.logger = logger
    }

    /// The provider serving `inbox`, built on first use and rebuilt when the inbox's state or its stored
    /// credentials (`credentialsVersion`, from ``InboxRepository/getWithCredentialsVersion(id:workspaceID:)``)
    /// changed: a reconnect made through another instance replaces this instance's connections too, instead
    /// of their next login failing with the old password and marking the freshly fixed inbox broken.
    public func provider(for inbox: Inbox, credentialsVersion: Int64) async throws -> any MailProvider {
        if inbox.status == .needsReconnect { throw MailError(.authFailed, detail: "the inbox needs to be reconnected") }
        let fingerprint = Self.fingerprint(inbox)
        if let entry = entries[inbox.id], entry.fingerprint == fingerprint, entry.credentialsVersion == credentialsVersion {
            return entry.provider
        }
        if let task = building[inbox.id] { return try await task.value }
        let task = Task { try await self.build(inbox) }
        building[inbox.id] = task
        defer { building[inbox.id] = nil }
        let provider = try await task.value
        if let old = entries[inbox.id] { Task { await old.provider.shutdown() } }
        entries[inbox.id] = Entry(fingerprint: fingerprint, credentialsVersion: credentialsVersion, provider: provider)
        return provider
    }

    /// A provider saved its own refreshed credentials: its entry is current at that version, no rebuild.
    private func credentialsSaved(_ inboxID: UUID, version: Int64) {
        entries[inboxID]?.credentialsVersion = version
    }

    private func build(_ inbox: Inbox) async throws -> any MailProvider {
        guard let backend = backends[inbox.provider] else {
            throw MailError(.backendUnavailable, detail: "\(inbox.provider.rawValue) inboxes are not supported by this build")
        }
        guard let credentials = try await inboxes.credentials(inboxID: inbox.id) else {
            throw MailError(.authFailed, detail: "the inbox has no stored credentials")
        }
        let inboxes = self.inboxes
        let id = inbox.id
        let logger = self.logger
        let hooks = MailboxHooks(
            saveCredentials: { [weak self] credentials in
                if let version = try await inboxes.updateCredentials(inboxID: id, credentials: credentials) {
                    await self?.credentialsSaved(id, version: version)
                }
            },
            markNeedsReconnect: { [weak self] in
                do { _ = try await inboxes.setStatus(inboxID: id, status: .needsReconnect) } catch {
                    logger.error("could not mark inbox needs_reconnect", metadata: ["inbox_id": "\(id)"])
                }
                await self?.evict(id)
            })
        return try await backend.makeProvider(inbox: inbox, credentials: credentials, hooks: hooks)
    }

    /// Drops and shuts down the provider of an inbox (removed, reconnected, credentials changed).
    public func evict(_ inboxID: UUID) async {
        guard let entry = entries.removeValue(forKey: inboxID) else { return }
        await entry.provider.shutdown()
    }

    /// Shuts every provider down (server stop).
    public func shutdown() async {
        let all = entries.values.map(\.provider)
        entries.removeAll()
        for provider in all { await provider.shutdown() }
    }

    private static func fingerprint(_ inbox: Inbox) -> String {
        let settings = inbox.settings.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\u{1}")
        return "\(inbox.status.rawValue)|\(inbox.address)|\(settings)"
    }
}
