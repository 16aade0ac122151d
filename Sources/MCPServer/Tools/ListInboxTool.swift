import Foundation
import Accounts
import MCP
import MailCore

/// `list_inbox` (seed): email summaries from a connected inbox, newest first, with paging, folder and unread filter.
struct ListInboxTool: ToolHandler {
    let name = "list_inbox"
    let scopes: Set<Scope> = [.readEmail]

    var definition: Tool {
        Tool(
            name: name, title: "List inbox",
            description: """
                List email summaries from a connected inbox, newest first. Page with limit/offset (next_offset is \
                given while has_more is true). folder is INBOX (default), SENT, DRAFTS, TRASH or any folder/label \
                name that exists in the inbox. Use read_email with a message_id for the full content.
                """,
            inputSchema: Schema.object([
                "inbox_id": Schema.string("UUID of the inbox to list (Dashboard → Inboxes).", format: "uuid"),
                "limit": Schema.integer("Max results to return.", minimum: 1, maximum: 100, default: 20),
                "offset": Schema.integer("Zero-based pagination offset.", minimum: 0, default: 0),
                "folder": Schema.string("Folder to list: INBOX, SENT, DRAFTS, TRASH, or another folder name.",
                                        maxLength: 255, default: "INBOX"),
                "unread_only": Schema.boolean("Return only unread messages.", default: false),
            ], required: ["inbox_id"]),
            annotations: .init(title: "List inbox", readOnlyHint: true, destructiveHint: false,
                               idempotentHint: true, openWorldHint: true),
            outputSchema: Schema.page(extra: ["folder": .object(["type": "string"])])
        )
    }

    func call(_ arguments: [String: Value], context: ToolContext) async throws -> Value {
        let args = try ToolArguments(arguments, allowed: ["inbox_id", "limit", "offset", "folder", "unread_only"])
        let inboxID = try args.uuid("inbox_id")
        let limit = try args.integer("limit", default: 20, range: 1...100)
        let offset = try args.integer("offset", default: 0, range: 0...Int(Int32.max))
        let folderName = try args.optionalString("folder", maxLength: 255) ?? "INBOX"
        try FolderArgument.validate(folderName, parameter: "folder")
        let unreadOnly = try args.bool("unread_only", default: false)

        let mailbox = try await context.mailbox(inboxID)
        let folder = Folder(argument: folderName)
        let page = try await mailbox.provider.list(
            ListRequest(folder: folder, limit: limit, offset: offset, unreadOnly: unreadOnly))
        return ResultEncoding.page(page, inboxID: inboxID, offset: offset, limit: limit,
                                   extra: ["folder": .string(folder.displayName)])
    }
}

/// Checks folder names before they reach a backend: no control characters, no empty names.
enum FolderArgument {
    static func validate(_ name: String, parameter: String) throws(RPCError) {
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalidParams("'\(parameter)' must not be empty")
        }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .invalidParams("'\(parameter)' must not contain control characters")
        }
    }
}
