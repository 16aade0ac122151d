import Accounts
import MCP
import MailCore

/// `search_emails` (seed): provider-native search, newest first, with paging.
struct SearchEmailsTool: ToolHandler {
    let name = "search_emails"
    let scopes: Set<Scope> = [.readEmail]
    /// Longest accepted query.
    static let maximumQueryLength = 2_000

    var definition: Tool {
        Tool(
            name: name, title: "Search emails",
            description: """
                Search an inbox with the provider's query syntax. Gmail operators work everywhere \
                (from:alice@example.com subject:invoice after:2026/01/01 before:2026/02/01 is:unread \
                has:attachment, bare words). IMAP inboxes also accept IMAP SEARCH criteria \
                (FROM "x" SINCE 1-Jan-2026 NOT SEEN, OR, parentheses); Outlook accepts KQL. \
                include_folders restricts IMAP searches (default: all folders).
                """,
            inputSchema: Schema.object([
                "inbox_id": Schema.string("UUID of the inbox to search.", format: "uuid"),
                "query": Schema.string("Search query, e.g. \"from:alice@example.com after:2026/01/01\".",
                                       maxLength: Self.maximumQueryLength, minLength: 1),
                "limit": Schema.integer("Max results.", minimum: 1, maximum: 100, default: 20),
                "offset": Schema.integer("Pagination offset.", minimum: 0, default: 0),
                "include_folders": Schema.stringArray(
                    "Restrict the search to these folders (IMAP only). Default: all folders.", maxItems: 100),
            ], required: ["inbox_id", "query"]),
            annotations: .init(title: "Search emails", readOnlyHint: true, destructiveHint: false,
                               idempotentHint: true, openWorldHint: true),
            outputSchema: Schema.page(extra: ["query": .object(["type": "string"])])
        )
    }

    func call(_ arguments: [String: Value], context: ToolContext) async throws -> Value {
        let args = try ToolArguments(arguments, allowed: ["inbox_id", "query", "limit", "offset", "include_folders"])
        let inboxID = try args.uuid("inbox_id")
        let query = try args.requiredString("query", maxLength: Self.maximumQueryLength)
        if OutgoingArguments.hasLineBreakOrNUL(query) {
            throw RPCError.invalidParams("'query' must not contain line breaks or NUL")
        }
        let limit = try args.integer("limit", default: 20, range: 1...100)
        let offset = try args.integer("offset", default: 0, range: 0...Int(Int32.max))
        let folders = try args.stringArray("include_folders", maxCount: 100)
        for (index, folder) in folders.enumerated() {
            try FolderArgument.validate(folder, parameter: "include_folders[\(index)]")
        }

        let mailbox = try await context.mailbox(inboxID)
        let page = try await mailbox.provider.search(SearchRequest(
            query: query, limit: limit, offset: offset, includeFolders: folders.map(Folder.init(argument:))))
        return ResultEncoding.page(page, inboxID: inboxID, offset: offset, limit: limit,
                                   extra: ["query": .string(query)])
    }
}
