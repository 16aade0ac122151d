import Foundation
import MailCore

extension ParsedMessage {
    /// Header fields shown to agents in `Message.headers`, in message order.
    public static let displayedHeaders: Set<String> = [
        "from", "sender", "reply-to", "to", "cc", "bcc", "subject", "date", "message-id", "in-reply-to",
        "references", "list-id", "list-unsubscribe", "auto-submitted", "precedence", "importance", "priority",
        "x-priority", "content-language",
    ]

    /// The id a conversation is keyed by for backends without native threads (IMAP): the first
    /// `References` id, else the first `In-Reply-To` id, else this message's own `Message-ID`.
    public var threadRootID: String? { references.first ?? inReplyTo.first ?? messageID }

    /// Whether the message has an attachment that is not an inline resource.
    public var hasAttachments: Bool { attachments.contains { !$0.inline } }

    /// A `MessageSummary` filled from this message; the provider supplies what only it knows.
    public func makeSummary(
        messageID providerID: String, threadID: String? = nil, unread: Bool = false, size: Int = 0,
        folder: String = "INBOX", date fallbackDate: Date? = nil
    ) -> MessageSummary {
        MessageSummary(
            messageID: providerID, threadID: threadID, from: from, to: to, cc: cc, subject: subject,
            date: date ?? fallbackDate, snippet: Snippet.make(from: textBody), unread: unread,
            hasAttachments: hasAttachments, size: size, folder: folder)
    }

    /// The provider-neutral `Message` for `read_email`. The HTML, when included, is sanitized with
    /// `HTMLSanitizer`; attachment data is included only when asked. Attachment ids are IMAP part paths.
    public func toMailCoreMessage(summary: MessageSummary, includeHTML: Bool, includeAttachmentData: Bool) -> Message {
        let shown = headers.fields
            .filter { Self.displayedHeaders.contains($0.name.lowercased()) }
            .map { Message.Header(name: $0.name, value: $0.decodedValue) }
        let parts = attachments.map {
            Attachment(
                attachmentID: $0.partPath, filename: $0.filename, mimeType: $0.mimeType, size: $0.size,
                contentID: $0.contentID, inline: $0.inline, data: includeAttachmentData ? $0.data : nil)
        }
        return Message(
            summary: summary, replyTo: replyTo, bcc: bcc, internetMessageID: messageID, inReplyTo: inReplyTo,
            references: references, textBody: textBody,
            htmlBody: includeHTML ? htmlBody.map(HTMLSanitizer.sanitize) : nil,
            attachments: parts, headers: shown)
    }
}
