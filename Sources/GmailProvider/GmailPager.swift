/// Offset/limit paging over `messages.list` page tokens. Gmail pages forward only, so reaching
/// `offset + limit` means reading that many ids — but never more: each page asks for exactly the
/// ids still missing (`maxResults = min(needed, 500)`), and `hasMore` comes from `nextPageToken`
/// rather than from an extra id. `resultSizeEstimate` is only an estimate, so `MessagePage.total`
/// stays `nil` for Gmail.
struct GmailPager: Sendable {
    let api: GmailAPIClient
    let userPath: String
    let pageMaximum: Int
    /// Upper bound on pages walked for one request (Gmail may answer short pages).
    static let maximumPages = 200

    /// The ids at `offset..<offset+limit` for the filters in `query`, and whether more exist.
    func ids(
        query: [(String, String)], offset: Int, limit: Int, operation: GmailOperation
    ) async throws -> (refs: [GmailWire.MessageRef], hasMore: Bool) {
        guard limit > 0 else { return ([], false) }
        let needed = offset + limit
        var collected: [GmailWire.MessageRef] = []
        var pageToken: String?
        var pages = 0
        repeat {
            var items = query
            items.append(("maxResults", String(min(needed - collected.count, pageMaximum))))
            if let pageToken { items.append(("pageToken", pageToken)) }
            let page = try await api.json(
                .init(path: userPath + "/messages", query: items, operation: operation),
                as: GmailWire.ListMessagesResponse.self
            )
            collected += page.messages ?? []
            pageToken = page.nextPageToken
            pages += 1
        } while collected.count < needed && pageToken != nil && pages < Self.maximumPages
        let hasMore = collected.count > needed || pageToken != nil
        guard collected.count > offset else { return ([], hasMore) }
        return (Array(collected[offset..<min(needed, collected.count)]), hasMore)
    }
}
