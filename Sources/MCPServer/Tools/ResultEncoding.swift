import Foundation
import MCP
import MailCore

/// Turns MailCore values into the JSON shapes the tools return (snake_case, ISO 8601 dates).
enum ResultEncoding {
    static func address(_ address: EmailAddress) -> Value {
        .object(["name": address.name.map { .string($0) } ?? .null, "email": .string(address.address)])
    }

    static func addresses(_ list: [EmailAddress]) -> Value {
        .array(list.map(address))
    }

    static func date(_ date: Date?) -> Value {
        guard let date else { return .null }
        return .string(date.formatted(.iso8601))
    }

    static func optional(_ text: String?) -> Value {
        text.map { .string($0) } ?? .null
    }

    static func summary(_ summary: MessageSummary) -> Value {
        .object([
            "message_id": .string(summary.messageID),
            "thread_id": optional(summary.threadID),
            "from": summary.from.map(address) ?? .null,
            "to": addresses(summary.to),
            "cc": addresses(summary.cc),
            "subject": .string(summary.subject),
            "date": date(summary.date),
            "snippet": .string(summary.snippet),
            "unread": .bool(summary.unread),
            "has_attachments": .bool(summary.hasAttachments),
            "size": .int(summary.size),
            "folder": .string(summary.folder),
        ])
    }

    static func page(_ page: MessagePage, inboxID: UUID, offset: Int, limit: Int, extra: [String: Value]) -> Value {
        var object: [String: Value] = [
            "inbox_id": .string(inboxID.uuidString.lowercased()),
            "messages": .array(page.messages.map(summary)),
            "total": page.total.map { .int($0) } ?? .null,
            "offset": .int(offset),
            "limit": .int(limit),
            "has_more": .bool(page.hasMore),
            "next_offset": page.hasMore ? .int(offset + page.messages.count) : .null,
            "notes": .array(page.notes.map { .string($0) }),
        ]
        for (key, value) in extra { object[key] = value }
        return .object(object)
    }

    /// Cuts `text` at `limit` characters with a marker an agent understands.
    static func truncated(_ text: String, limit: Int) -> (text: String, truncated: Bool) {
        guard text.count > limit else { return (text, false) }
        let kept = text.prefix(limit)
        let dropped = text.count - limit
        return (kept + "\n\n[… truncated by MCPEmails: \(dropped) more characters not shown …]", true)
    }
}
