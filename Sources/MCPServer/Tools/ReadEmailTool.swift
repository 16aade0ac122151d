import Accounts
import Foundation
import MCP
import MailCore

/// `read_email` (seed): the full content of one message.
struct ReadEmailTool: ToolHandler {
    let name = "read_email"
    let scopes: Set<Scope> = [.readEmail]

    var definition: Tool {
        Tool(
            name: name, title: "Read email",
            description: """
                Fetch one email by message_id (from list_inbox or search_emails): headers, plain-text body \
                (derived from HTML when the email has no text part), optional sanitized HTML, attachment \
                metadata, and optional base64 attachment data. Reading never changes flags unless \
                mark_as_read is true. Very long bodies are cut with a marker (text_truncated: true).
                """,
            inputSchema: Schema.object([
                "inbox_id": Schema.string("UUID of the inbox containing the email.", format: "uuid"),
                "message_id": Schema.string("Provider message ID from list_inbox or search_emails.",
                                            maxLength: 1_000, minLength: 1),
                "include_html": Schema.boolean("Include the sanitized HTML body.", default: false),
                "include_attachments": Schema.boolean("Include base64 attachment data.", default: false),
                "mark_as_read": Schema.boolean("Mark the message as read after fetching.", default: false),
            ], required: ["inbox_id", "message_id"]),
            annotations: .init(title: "Read email", readOnlyHint: false, destructiveHint: false,
                               idempotentHint: true, openWorldHint: true),
            outputSchema: Self.outputSchema
        )
    }

    static let outputSchema: Value = Schema.object([
        "message_id": .object(["type": "string"]),
        "thread_id": .object(["type": Schema.nullable("string")]),
        "folder": .object(["type": "string"]),
        "from": .object(["anyOf": [Schema.address, .object(["type": "null"])]]),
        "to": Schema.addressList, "cc": Schema.addressList, "bcc": Schema.addressList, "reply_to": Schema.addressList,
        "subject": .object(["type": "string"]),
        "date": .object(["type": Schema.nullable("string"), "format": "date-time"]),
        "unread": .object(["type": "boolean"]),
        "internet_message_id": .object(["type": Schema.nullable("string")]),
        "in_reply_to": .object(["type": "array", "items": .object(["type": "string"])]),
        "references": .object(["type": "array", "items": .object(["type": "string"])]),
        "text_body": .object(["type": "string"]),
        "text_truncated": .object(["type": "boolean"]),
        "html_body": .object(["type": Schema.nullable("string")]),
        "html_truncated": .object(["type": "boolean"]),
        "attachments": .object(["type": "array", "items": Schema.object([
            "attachment_id": .object(["type": "string"]),
            "filename": .object(["type": "string"]),
            "mime_type": .object(["type": "string"]),
            "size": .object(["type": "integer"]),
            "content_id": .object(["type": Schema.nullable("string")]),
            "inline": .object(["type": "boolean"]),
            "data": .object(["type": "string", "contentEncoding": "base64"]),
        ], required: ["filename", "mime_type", "size", "inline"], additional: true)]),
    ], required: ["message_id", "subject", "text_body", "attachments"], additional: true)

    func call(_ arguments: [String: Value], context: ToolContext) async throws -> Value {
        let args = try ToolArguments(arguments, allowed: [
            "inbox_id", "message_id", "include_html", "include_attachments", "mark_as_read",
        ])
        let inboxID = try args.uuid("inbox_id")
        let messageID = try args.requiredString("message_id", maxLength: 1_000)
        let options = ReadOptions(
            includeHTML: try args.bool("include_html", default: false),
            includeAttachments: try args.bool("include_attachments", default: false),
            markAsRead: try args.bool("mark_as_read", default: false))

        let mailbox = try await context.mailbox(inboxID)
        let message = try await mailbox.provider.read(messageID: messageID, options: options)
        return encode(message, options: options, limits: context.readLimits)
    }

    func encode(_ message: MailCore.Message, options: ReadOptions, limits: ReadLimits) -> Value {
        let summary = message.summary
        let text = ResultEncoding.truncated(message.textBody, limit: limits.maximumTextCharacters)
        var object: [String: Value] = [
            "message_id": .string(summary.messageID),
            "thread_id": ResultEncoding.optional(summary.threadID),
            "folder": .string(summary.folder),
            "from": summary.from.map(ResultEncoding.address) ?? .null,
            "to": ResultEncoding.addresses(summary.to),
            "cc": ResultEncoding.addresses(summary.cc),
            "bcc": ResultEncoding.addresses(message.bcc),
            "reply_to": ResultEncoding.addresses(message.replyTo),
            "subject": .string(summary.subject),
            "date": ResultEncoding.date(summary.date),
            "unread": .bool(summary.unread && !options.markAsRead),
            "internet_message_id": ResultEncoding.optional(message.internetMessageID),
            "in_reply_to": .array(message.inReplyTo.map { .string($0) }),
            "references": .array(message.references.map { .string($0) }),
            "text_body": .string(text.text),
            "text_truncated": .bool(text.truncated),
            "attachments": .array(message.attachments.map { encode($0, includeData: options.includeAttachments) }),
        ]
        if options.includeHTML {
            if let html = message.htmlBody {
                let cut = ResultEncoding.truncated(html, limit: limits.maximumHTMLCharacters)
                object["html_body"] = .string(cut.text)
                object["html_truncated"] = .bool(cut.truncated)
            } else {
                object["html_body"] = .null
            }
        }
        return .object(object)
    }

    private func encode(_ attachment: MailCore.Attachment, includeData: Bool) -> Value {
        var object: [String: Value] = [
            "attachment_id": .string(attachment.attachmentID),
            "filename": .string(attachment.filename),
            "mime_type": .string(attachment.mimeType),
            "size": .int(attachment.size),
            "content_id": ResultEncoding.optional(attachment.contentID),
            "inline": .bool(attachment.inline),
        ]
        if includeData, let data = attachment.data {
            object["data"] = .string(Data(data).base64EncodedString())
        }
        return .object(object)
    }
}
