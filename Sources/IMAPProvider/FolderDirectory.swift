import IMAP
import MailCore
import Synchronization

/// Maps the seed's folder names to mailboxes, from one `LIST "" "*"` (RFC 3501 §6.3.8) with
/// `RETURN (SPECIAL-USE)` when offered (RFC 6154).
///
/// - `INBOX` is always `INBOX`.
/// - `SENT`, `DRAFTS`, `TRASH`: the mailbox with the `\Sent`, `\Drafts`, `\Trash` attribute; else the
///   first existing one of the common names in ``fallbackNames`` (case-insensitive).
/// - Any other name: an existing selectable mailbox with exactly that name, else one whose name matches
///   case-insensitively when only one does; otherwise `MailError(.folderNotFound)`.
struct FolderDirectory: Sendable {
    /// The mailboxes the server listed.
    var mailboxes: [MailboxInfo]

    /// Common names tried, in order, when the server has no SPECIAL-USE attribute for a folder.
    static let fallbackNames: [MailboxAttribute: [String]] = [
        .sent: ["Sent", "Sent Items", "Sent Messages", "Sent Mail", "[Gmail]/Sent Mail", "[Google Mail]/Sent Mail",
                "INBOX.Sent", "INBOX/Sent", "INBOX.Sent Items", "INBOX.Sent Messages", "Gesendet", "Envoyés", "Enviados"],
        .drafts: ["Drafts", "Draft", "[Gmail]/Drafts", "[Google Mail]/Drafts", "INBOX.Drafts", "INBOX/Drafts", "Entwürfe",
                  "Brouillons", "Borradores"],
        .trash: ["Trash", "Deleted Items", "Deleted Messages", "Deleted", "Bin", "[Gmail]/Trash", "[Gmail]/Bin",
                 "[Google Mail]/Trash", "[Google Mail]/Bin", "INBOX.Trash", "INBOX/Trash", "Papierkorb", "Corbeille",
                 "Papelera"],
    ]

    /// The mailbox for `folder`, or `nil` when it does not exist.
    func mailbox(for folder: Folder) -> MailboxInfo? {
        switch folder {
        case .inbox:
            return mailboxes.first { $0.name.isInbox } ?? MailboxInfo(attributes: [], delimiter: "/", name: .inbox)
        case .sent: return special(.sent)
        case .drafts: return special(.drafts)
        case .trash: return special(.trash)
        case .named(let name): return named(name)
        }
    }

    private func special(_ attribute: MailboxAttribute) -> MailboxInfo? {
        let selectable = mailboxes.filter(\.isSelectable)
        if let tagged = selectable.first(where: { $0.attributes.contains(attribute) }) { return tagged }
        for candidate in Self.fallbackNames[attribute] ?? [] {
            if let found = selectable.first(where: { $0.name.displayName.caseInsensitiveEquals(candidate) }) { return found }
        }
        return nil
    }

    private func named(_ name: String) -> MailboxInfo? {
        if name.caseInsensitiveEquals("INBOX") { return mailbox(for: .inbox) }
        let selectable = mailboxes.filter(\.isSelectable)
        if let exact = selectable.first(where: { $0.name.displayName == name || $0.name.wireName == name }) { return exact }
        let folded = selectable.filter { $0.name.displayName.caseInsensitiveEquals(name) }
        return folded.count == 1 ? folded[0] : nil
    }

    /// The name shown to agents for messages found in `mailbox`: `INBOX`, `SENT`, `DRAFTS`, `TRASH` for
    /// the well-known folders, else the mailbox's decoded name.
    func displayName(of mailbox: MailboxName) -> String {
        for folder in [Folder.inbox, .sent, .drafts, .trash] where self.mailbox(for: folder)?.name == mailbox {
            return folder.displayName
        }
        return mailbox.displayName
    }

    /// The mailboxes searched when `include_folders` is empty: every selectable mailbox except virtual
    /// ones that duplicate others (`\All`, `\Flagged`, e.g. Gmail's All Mail and Starred) and spam (`\Junk`).
    var searchableMailboxes: [MailboxInfo] {
        let skipped: [MailboxAttribute] = [.all, .flagged, .junk]
        var result = mailboxes.filter { box in box.isSelectable && !skipped.contains { box.attributes.contains($0) } }
        if !result.contains(where: { $0.name.isInbox }) {
            result.insert(MailboxInfo(attributes: [], delimiter: "/", name: .inbox), at: 0)
        }
        return result
    }
}

/// The LIST result of one inbox, kept for a short time so each call does not repeat it.
final class FolderCache: Sendable {
    private struct Entry {
        var directory: FolderDirectory
        var fetchedAt: ContinuousClock.Instant
    }

    private let entry = Mutex<Entry?>(nil)
    /// How long a LIST result is trusted.
    let timeToLive: Duration

    init(timeToLive: Duration = .seconds(60)) {
        self.timeToLive = timeToLive
    }

    /// The cached directory, or a fresh LIST on `connection`.
    func directory(using connection: IMAPConnection) async throws -> FolderDirectory {
        if let current { return current }
        let now = ContinuousClock.now
        let directory = FolderDirectory(mailboxes: try await connection.list())
        entry.withLock { $0 = Entry(directory: directory, fetchedAt: now) }
        return directory
    }

    /// The cached directory while it is fresh, without asking the server (nil otherwise).
    var current: FolderDirectory? {
        let now = ContinuousClock.now
        guard let cached = entry.withLock({ $0 }), now - cached.fetchedAt < timeToLive else { return nil }
        return cached.directory
    }

    /// Forgets the cached LIST (e.g. after a SELECT of a listed mailbox failed).
    func invalidate() {
        entry.withLock { $0 = nil }
    }
}

extension String {
    /// ASCII-and-Unicode case-insensitive equality, for mailbox name matching.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
