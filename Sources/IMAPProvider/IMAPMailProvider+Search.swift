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

    /// One search on one pooled connection: search each folder, order, then fetch the page's summaries.
    func runSearch(_ key: SearchKey, request: SearchRequest) async throws -> MessagePage {
        let limit = max(0, request.limit)
        let offset = max(0, request.offset)
        return try await withConnection(idempotent: true, during: .search) { connection in
            let directory = try await folders.directory(using: connection)
            let mailboxes = try Self.searchFolders(request.includeFolders, in: directory)
            var scan = SearchScan(wanted: offset + limit, ordersByDate: mailboxes.count > 1)
            for mailbox in mailboxes {
                try await scan.search(mailbox, key: key, explicit: !request.includeFolders.isEmpty, provider: self, on: connection)
            }
            let page = Array(scan.ordered().dropFirst(offset).prefix(limit))
            var summaries: [MessageSummary] = []
            for (folder, uids) in SearchScan.groupByFolder(page) {
                let selected = try await select(folder.mailbox, on: connection, missing: MailError(.folderNotFound))
                let builder = SummaryBuilder(mailbox: selected.name, uidValidity: selected.uidValidity,
                                             folderName: directory.displayName(of: selected.name))
                summaries += try await Self.fetchSummaries(uids, builder: builder, on: connection)
            }
            let position = Dictionary(page.enumerated().map { ($1.messageKey, $0) }, uniquingKeysWith: { first, _ in first })
            summaries.sort { (position[$0.messageID] ?? .max) < (position[$1.messageID] ?? .max) }
            return MessagePage(messages: summaries, total: scan.total, hasMore: offset + page.count < scan.total,
                               notes: scan.notes)
        }
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
