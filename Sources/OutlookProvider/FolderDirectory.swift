import Foundation
import MailCore

/// Names and ids of one mailbox's folders, loaded once and cached.
///
/// `list_inbox` addresses the seed's folders by Graph well-known name (`inbox`, `sentitems`, `drafts`,
/// `deleteditems`) and needs no lookup. Other folders are found by display name (or `Parent/Child` path,
/// case-insensitively) among the top-level folders and, when not found there, their child folders.
/// Search and read results name a message's folder from its `parentFolderId`.
///
/// Cost, paid once per instance and only as far as needed: naming a folder id asks
/// `GET /me/mailFolders/{well-known}` in the order inbox, sentitems, drafts, deleteditems until one matches
/// (one request for the usual Inbox message); names and other ids list the top-level folders once, and
/// child folders only when not found at the top level.
actor FolderDirectory {
    struct Entry: Sendable {
        var id: String
        var displayName: String
        var path: String
        var childCount: Int
    }

    /// Graph's well-known names and what agents see for them.
    static let wellKnown: [(graphName: String, folder: Folder)] = [
        ("inbox", .inbox), ("sentitems", .sent), ("drafts", .drafts), ("deleteditems", .trash),
    ]
    /// Upper bound on folders walked, so a huge tree cannot stall a call.
    static let maxFolders = 500

    private let transport: GraphTransport
    private var wellKnownIDs: [String: Folder] = [:]
    private var unresolvedWellKnown = FolderDirectory.wellKnown
    private var entries: [Entry] = []
    private var pendingChildren: [Entry] = []
    private var listed = false

    init(transport: GraphTransport) {
        self.transport = transport
    }

    /// The Graph id of the folder named `name`, or `MailError(.folderNotFound)`.
    func id(named name: String) async throws(MailError) -> String {
        try await listTopLevel()
        let key = name.lowercased()
        func match() -> Entry? {
            entries.first { $0.path.lowercased() == key } ?? entries.first { $0.displayName.lowercased() == key }
        }
        while match() == nil, !pendingChildren.isEmpty { try await expandNext() }
        guard let entry = match() else { throw MailError(.folderNotFound) }
        return entry.id
    }

    /// What agents see as the folder of a message with `parentFolderId` `id`: `INBOX`, `SENT`, `DRAFTS`,
    /// `TRASH`, or the folder's path of display names.
    func displayName(ofID id: String?) async throws(MailError) -> String {
        guard let id else { return "" }
        if let folder = wellKnownIDs[id] { return folder.displayName }
        while !unresolvedWellKnown.isEmpty {
            let (graphName, folder) = unresolvedWellKnown.removeFirst()
            var select = GraphQuery()
            select.add("$select", "id")
            let found = try await transport.json(GraphMailFolder.self, .GET, "/me/mailFolders/\(graphName)", query: select,
                                                 errors: GraphErrorMapping(notFound: .folderNotFound))
            wellKnownIDs[found.id] = folder
            if found.id == id { return folder.displayName }
        }
        try await listTopLevel()
        while entries.first(where: { $0.id == id }) == nil, !pendingChildren.isEmpty { try await expandNext() }
        return entries.first { $0.id == id }?.path ?? ""
    }

    private func listTopLevel() async throws(MailError) {
        guard !listed else { return }
        let top = try await listFolders("/me/mailFolders", parentPath: nil)
        guard !listed else { return }
        entries = top
        pendingChildren = top.filter { $0.childCount > 0 }
        listed = true
    }

    private func expandNext() async throws(MailError) {
        let parent = pendingChildren.removeFirst()
        guard entries.count < Self.maxFolders else { pendingChildren.removeAll(); return }
        let children = try await listFolders("/me/mailFolders/\(GraphQuery.segment(parent.id))/childFolders", parentPath: parent.path)
        entries += children
        pendingChildren += children.filter { $0.childCount > 0 }
    }

    /// All pages of a folder listing (bounded).
    private func listFolders(_ path: String, parentPath: String?) async throws(MailError) -> [Entry] {
        var query = GraphQuery()
        query.add("$select", "id,displayName,childFolderCount")
        query.add("$top", "100")
        var result: [Entry] = []
        var page = try await transport.json(GraphCollection<GraphMailFolder>.self, .GET, path, query: query,
                                            errors: GraphErrorMapping(notFound: .folderNotFound))
        for _ in 0..<GraphFields.maxPages {
            for folder in page.value {
                let name = folder.displayName ?? ""
                result.append(Entry(id: folder.id, displayName: name, path: parentPath.map { "\($0)/\(name)" } ?? name,
                                    childCount: folder.childFolderCount ?? 0))
            }
            guard let next = page.nextLink, result.count < Self.maxFolders else { break }
            page = try await transport.json(GraphCollection<GraphMailFolder>.self, .GET, next)
        }
        return result
    }
}
