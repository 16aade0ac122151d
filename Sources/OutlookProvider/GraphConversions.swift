import Foundation
import MailCore

/// Graph wire values → MailCore values.
enum GraphConversions {
    static func address(_ recipient: GraphRecipient?) -> EmailAddress? {
        guard let email = recipient?.emailAddress, let address = email.address, !address.isEmpty else { return nil }
        // Graph repeats the address as the name when there is none; drop that echo.
        let name = email.name.flatMap { $0.isEmpty || $0.lowercased() == address.lowercased() ? nil : $0 }
        return EmailAddress(name: name, address: address)
    }

    static func addresses(_ recipients: [GraphRecipient]?) -> [EmailAddress] {
        (recipients ?? []).compactMap(address)
    }

    /// `PidTagMessageSize` from the expanded extended property, else 0 (Graph has no size property).
    static func size(_ properties: [GraphExtendedProperty]?) -> Int {
        let property = properties?.first { id in
            let lower = id.id.lowercased()
            return lower.hasSuffix("0xe08") || lower.hasSuffix("0x0e08")
        }
        return property?.value.flatMap { Int($0) } ?? 0
    }

    static func summary(_ m: GraphMessage, folder: String) -> MessageSummary {
        MessageSummary(
            messageID: m.id, threadID: m.conversationId, from: address(m.from), to: addresses(m.toRecipients),
            cc: addresses(m.ccRecipients), subject: m.subject ?? "", date: GraphTimestamp.date(m.receivedDateTime),
            snippet: String((m.bodyPreview ?? "").prefix(MessageSummary.snippetLimit)),
            unread: !(m.isRead ?? true), hasAttachments: m.hasAttachments ?? false,
            size: size(m.singleValueExtendedProperties), folder: folder
        )
    }

    /// Headers shown to agents, when Graph has them (`internetMessageHeaders` is absent on drafts and
    /// on many sent items).
    static let shownHeaders: Set<String> = [
        "date", "message-id", "in-reply-to", "references", "list-id", "list-unsubscribe", "auto-submitted", "precedence",
    ]

    /// Message ids (`<…>`) in a header value such as References (RFC 5322 §3.6.4).
    static func messageIDs(_ value: String?) -> [String] {
        guard let value else { return [] }
        var ids: [String] = []
        var current: String?
        for ch in value {
            if ch == "<" { current = "<" } else if ch == ">", let open = current {
                ids.append(open + ">")
                current = nil
            } else if current != nil { current?.append(ch) }
        }
        return ids
    }

    static func header(_ name: String, in headers: [GraphHeader]?) -> String? {
        headers?.first { $0.name.lowercased() == name }?.value
    }
}
