import Foundation

/// A full message as `read_email` returns it, provider-neutral.
public struct Message: Hashable, Sendable {
    public var summary: MessageSummary
    public var replyTo: [EmailAddress]
    public var bcc: [EmailAddress]
    /// The RFC 5322 `Message-ID` header value including angle brackets, e.g. `<abc@example.com>`.
    public var internetMessageID: String?
    /// `In-Reply-To` message ids (angle brackets included).
    public var inReplyTo: [String]
    /// `References` message ids, oldest first (angle brackets included).
    public var references: [String]
    /// Plain-text body; derived from the HTML when the message has no text part. Never `nil`, may be "".
    public var textBody: String
    /// Sanitized HTML body when the message has one (filled by the provider; the tool drops it unless asked).
    public var htmlBody: String?
    public var attachments: [Attachment]
    /// Selected raw headers (name, decoded value) worth showing an agent, in message order.
    public var headers: [Header]

    public init(
        summary: MessageSummary, replyTo: [EmailAddress] = [], bcc: [EmailAddress] = [],
        internetMessageID: String? = nil, inReplyTo: [String] = [], references: [String] = [],
        textBody: String = "", htmlBody: String? = nil, attachments: [Attachment] = [], headers: [Header] = []
    ) {
        self.summary = summary
        self.replyTo = replyTo
        self.bcc = bcc
        self.internetMessageID = internetMessageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.headers = headers
    }

    /// A header line as shown to agents.
    public struct Header: Hashable, Sendable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }
}

/// An attachment of a received message. Metadata is always present; `data` only when asked for.
public struct Attachment: Hashable, Sendable {
    /// Provider attachment id (Gmail attachmentId, Graph attachment id, IMAP body section), for fetching data.
    public var attachmentID: String
    public var filename: String
    public var mimeType: String
    /// Decoded size in octets (estimated from the encoded size when the provider only knows that).
    public var size: Int
    /// `Content-ID` without angle brackets, for inline parts referenced as `cid:`.
    public var contentID: String?
    public var inline: Bool
    /// Decoded bytes, present only when `include_attachments` was requested.
    public var data: [UInt8]?

    public init(
        attachmentID: String, filename: String, mimeType: String, size: Int,
        contentID: String? = nil, inline: Bool = false, data: [UInt8]? = nil
    ) {
        self.attachmentID = attachmentID
        self.filename = filename
        self.mimeType = mimeType
        self.size = size
        self.contentID = contentID
        self.inline = inline
        self.data = data
    }
}
