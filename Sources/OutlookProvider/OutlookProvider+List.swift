import Foundation
import MailCore

extension OutlookProvider {
    /// Largest page `list_inbox` asks for (the seed caps `limit` at 100; Graph allows 1000).
    static let maxListLimit = 1000

    /// `GET /me/mailFolders/{folder}/messages?$select=…&$top&$skip&$orderby=receivedDateTime desc&$count=true`.
    ///
    /// Unread only adds `$filter=receivedDateTime ge 1900-01-01T00:00:00Z and isRead eq false`: Graph
    /// answers `InefficientFilter` unless every `$orderby` property also leads the `$filter`.
    /// `total` is Graph's `@odata.count`; `ConsistencyLevel: eventual` is sent with `$count` (required for
    /// directory objects, harmless on mail, so `$count` keeps working wherever Graph demands it).
    public func list(_ request: ListRequest) async throws -> MessagePage {
        let folderPath = try await folderPath(for: request.folder)
        let limit = min(max(request.limit, 1), Self.maxListLimit)
        var query = GraphQuery()
        query.add("$select", GraphFields.summary.joined(separator: ","))
        query.add("$expand", GraphFields.sizeExpansion)
        query.add("$top", String(limit))
        if request.offset > 0 { query.add("$skip", String(max(request.offset, 0))) }
        if request.unreadOnly { query.add("$filter", "receivedDateTime ge 1900-01-01T00:00:00Z and isRead eq false") }
        query.add("$orderby", "receivedDateTime desc")
        query.add("$count", "true")
        let headers = [("ConsistencyLevel", "eventual")]
        let errors = GraphErrorMapping(notFound: .folderNotFound)
        var page = try await transport.json(GraphCollection<GraphMessage>.self, .GET, "/me/mailFolders/\(folderPath)/messages",
                                            query: query, headers: headers, errors: errors)
        let total = page.count
        var found = page.value
        // Graph may page on its own (fewer than $top plus a nextLink); follow it until the page is full.
        var pages = 1
        while found.count < limit, let next = page.nextLink, pages < GraphFields.maxPages {
            page = try await transport.json(GraphCollection<GraphMessage>.self, .GET, next, headers: headers, errors: errors)
            found += page.value
            pages += 1
        }
        let summaries = found.prefix(limit).map { GraphConversions.summary($0, folder: request.folder.displayName) }
        let hasMore = total.map { request.offset + summaries.count < $0 } ?? (found.count > limit || page.nextLink != nil)
        return MessagePage(messages: Array(summaries), total: total, hasMore: hasMore)
    }

    /// A well-known name for the seed's folders, else the id found by display name.
    private func folderPath(for folder: Folder) async throws(MailError) -> String {
        switch folder {
        case .inbox: return "inbox"
        case .sent: return "sentitems"
        case .drafts: return "drafts"
        case .trash: return "deleteditems"
        case .named(let name):
            let id = try await folders.id(named: name)
            return GraphQuery.segment(id)
        }
    }

    /// `GET /me/messages?$search="…"` with `ConsistencyLevel: eventual`.
    ///
    /// The query goes to Graph as written (KQL), inside the double quotes `$search` requires. Graph allows
    /// neither `$skip` nor `$orderby` with `$search` (results come newest first, at most 1,000), so the
    /// offset is applied here while following `@odata.nextLink`, for at most `GraphFields.maxPages` pages.
    /// Graph searches the whole mailbox; `include_folders` is ignored and a note says so.
    public func search(_ request: SearchRequest) async throws -> MessagePage {
        let wanted = max(request.offset, 0) + min(max(request.limit, 1), Self.maxListLimit)
        var query = GraphQuery()
        query.add("$search", GraphQuery.searchPhrase(request.query))
        query.add("$select", (GraphFields.summary + ["parentFolderId"]).joined(separator: ","))
        query.add("$expand", GraphFields.sizeExpansion)
        query.add("$top", String(min(wanted + 1, GraphFields.maxSearchResults)))
        let headers = [("ConsistencyLevel", "eventual")]
        let errors = GraphErrorMapping(badRequest: .invalidQuery)
        var page = try await transport.json(GraphCollection<GraphMessage>.self, .GET, "/me/messages", query: query, headers: headers, errors: errors)
        var found = page.value
        var pages = 1
        while found.count <= wanted, let next = page.nextLink, pages < GraphFields.maxPages {
            page = try await transport.json(GraphCollection<GraphMessage>.self, .GET, next, headers: headers, errors: errors)
            found += page.value
            pages += 1
        }
        let slice = found.dropFirst(max(request.offset, 0)).prefix(wanted - max(request.offset, 0))
        var summaries: [MessageSummary] = []
        for message in slice {
            summaries.append(GraphConversions.summary(message, folder: try await folders.displayName(ofID: message.parentFolderId)))
        }
        var notes: [String] = []
        if !request.includeFolders.isEmpty {
            notes.append("include_folders is ignored by Outlook: Microsoft Graph $search covers the whole mailbox")
        }
        let hasMore = found.count > wanted || page.nextLink != nil
        return MessagePage(messages: summaries, total: nil, hasMore: hasMore, notes: notes)
    }
}
