import Foundation
import IMAP
import MailCore

extension IMAPMailProvider {
    /// `search_emails`: the query (IMAP criteria and Gmail-style operators, see `SearchQueryParser`) is
    /// parsed into a typed tree and sent as a `SearchKey`, never pasted into a command.
    ///
    /// - Folders: `includeFolders`, or every selectable folder except `\All`, `\Flagged` (virtual
    ///   duplicates) and `\Junk`. Each is selected and searched with `UID SEARCH` (`CHARSET UTF-8` only
    ///   when a term is non-ASCII).
    /// - Order: newest first by arrival. Within a folder UID order is arrival order; across folders the
    ///   top `offset + limit` of each folder are ordered by INTERNALDATE. `total` is the sum of matches.
    /// - The whole search has a deadline (30 s by default) → `MailError(.searchTimeout)`.
    /// - Invalid syntax → `MailError(.invalidQuery)` with the reason and character position.
    public func search(_ request: SearchRequest) async throws -> MessagePage {
        let query: SearchQuery
        do {
            query = try SearchQueryParser.parse(request.query)
        } catch {
            throw MailError(.invalidQuery, detail: error.description)
        }
        let key = query.searchKey(today: Date())
        let notes = query.usesAttachmentHeuristic
            ? ["has:attachment matches messages sent as multipart/mixed or as a single attached file"] : []
        var page = try await withSearchDeadline {
            try await self.runSearch(key, request: request)
        }
        page.notes += notes
        return page
    }

    /// Runs `body`, or throws `MailError(.searchTimeout)` when it takes longer than ``searchDeadline``
    /// (the body is cancelled; a connection cancelled mid-command is closed, not reused).
    func withSearchDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let deadline = searchDeadline
        return try await Deadline.run(
            limit: deadline, timeoutError: MailError(.searchTimeout, detail: "the search did not finish within \(deadline)"),
            body)
    }

    /// Searches the folders, orders the matches, then fetches the page's summaries.
    ///
    /// Every folder is searched at once, each on its own pooled connection (one that already has the folder
    /// selected when idle, see `IMAPConnectionPool`), then each folder on the page gets its summaries the
    /// same way, so a search of every folder takes about as long as its slowest folder and leaves INBOX's
    /// connection in INBOX instead of re-selecting mailboxes back and forth on one connection. The pool
    /// bounds the connections; one folder is one connection, used twice.
    func runSearch(_ key: SearchKey, request: SearchRequest) async throws -> MessagePage {
        let limit = max(0, request.limit)
        let offset = max(0, request.offset)
        let explicit = !request.includeFolders.isEmpty
        let directory = try await currentDirectory()
        let mailboxes = try Self.searchFolders(request.includeFolders, in: directory)
        var scan = SearchScan(wanted: offset + limit, ordersByDate: mailboxes.count > 1)
        let (wanted, withArrivals) = (scan.wanted, scan.ordersByDate)
        let folderScans = try await withThrowingTaskGroup(of: (Int, FolderScan).self) { group in
            for (index, mailbox) in mailboxes.enumerated() {
                group.addTask {
                    (index, try await self.withConnection(idempotent: true, during: .search, preferring: mailbox.name) { connection in
                        try await FolderScan.run(mailbox, key: key, wanted: wanted, withArrivals: withArrivals,
                                                 explicit: explicit, provider: self, on: connection)
                    })
                }
            }
            var results = [FolderScan?](repeating: nil, count: mailboxes.count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
        for folderScan in folderScans { scan.add(folderScan) }
        let page = Array(scan.ordered().dropFirst(offset).prefix(limit))
        let found = try await withThrowingTaskGroup(of: [MessageSummary].self) { group in
            for (folder, uids) in SearchScan.groupByFolder(page) {
                group.addTask {
                    try await self.withConnection(idempotent: true, during: .search, preferring: folder.mailbox) { connection in
                        try await self.summaries(of: uids, in: folder, directory: directory, on: connection)
                    }
                }
            }
            var all: [MessageSummary] = []
            for try await part in group { all += part }
            return all
        }
        return Self.page(found, ordered: page, scan: scan, offset: offset)
    }

    /// The LIST result: the cached one, or a LIST on a pooled connection.
    func currentDirectory() async throws -> FolderDirectory {
        if let directory = folders.current { return directory }
        return try await withConnection(idempotent: true, during: .search) { connection in
            try await folders.directory(using: connection)
        }
    }

    /// Summaries of `uids` of a searched folder. A folder whose UIDVALIDITY changed since the search
    /// gives none: its UIDs may now name other messages.
    func summaries(of uids: [UID], in folder: SearchScan.FolderRef, directory: FolderDirectory,
                   on connection: IMAPConnection) async throws -> [MessageSummary] {
        let selected = try await select(folder.mailbox, on: connection, missing: MailError(.folderNotFound))
        guard selected.uidValidity == folder.uidValidity else { return [] }
        let builder = SummaryBuilder(mailbox: selected.name, uidValidity: selected.uidValidity,
                                     folderName: directory.displayName(of: selected.name))
        return try await Self.fetchSummaries(uids, builder: builder, on: connection)
    }

    /// The result page: `summaries` in the order of `ordered`.
    static func page(_ summaries: [MessageSummary], ordered page: [SearchScan.Hit], scan: SearchScan, offset: Int) -> MessagePage {
        let position = Dictionary(page.enumerated().map { ($1.messageKey, $0) }, uniquingKeysWith: { first, _ in first })
        let sorted = summaries.sorted { (position[$0.messageID] ?? .max) < (position[$1.messageID] ?? .max) }
        return MessagePage(messages: sorted, total: scan.total, hasMore: offset + page.count < scan.total, notes: scan.notes)
    }

    /// The mailboxes to search: the requested folders (unknown → `.folderNotFound`) or the default set.
    static func searchFolders(_ requested: [Folder], in directory: FolderDirectory) throws -> [MailboxInfo] {
        guard !requested.isEmpty else { return directory.searchableMailboxes }
        var seen = Set<MailboxName>()
        return try requested.compactMap { folder in
            guard let mailbox = directory.mailbox(for: folder) else {
                throw MailError(.folderNotFound, detail: "no folder named \(folder.displayName.debugDescription)")
            }
            return seen.insert(mailbox.name).inserted ? mailbox : nil
        }
    }
}
