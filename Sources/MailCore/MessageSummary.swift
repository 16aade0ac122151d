import Foundation

/// One line of `list_inbox` / `search_emails`: what an agent needs to decide whether to read a message.
public struct MessageSummary: Hashable, Sendable {
    /// Opaque provider message id, accepted by `read_email` and `reply_to_email`.
    public var messageID: String
    /// Provider thread id (Gmail threadId, Graph conversationId, IMAP: derived from References/Message-ID).
    public var threadID: String?
    public var from: EmailAddress?
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    /// Decoded subject (RFC 2047 encoded words decoded).
    public var subject: String
    /// Arrival or Date header time.
    public var date: Date?
    /// A short plain-text preview of the body (at most `MessageSummary.snippetLimit` characters).
    public var snippet: String
    public var unread: Bool
    public var hasAttachments: Bool
    /// Size in octets as reported by the provider.
    public var size: Int
    /// The folder the message was found in, as shown to the agent.
    public var folder: String

    /// Longest snippet returned, in characters.
    public static let snippetLimit = 200

    public init(
        messageID: String, threadID: String? = nil, from: EmailAddress? = nil, to: [EmailAddress] = [],
        cc: [EmailAddress] = [], subject: String = "", date: Date? = nil, snippet: String = "",
        unread: Bool = false, hasAttachments: Bool = false, size: Int = 0, folder: String = "INBOX"
    ) {
        self.messageID = messageID
        self.threadID = threadID
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.date = date
        self.snippet = snippet
        self.unread = unread
        self.hasAttachments = hasAttachments
        self.size = size
        self.folder = folder
    }
}

/// A page of summaries plus what an agent needs to page on.
public struct MessagePage: Hashable, Sendable {
    public var messages: [MessageSummary]
    /// Total matching messages when the provider knows it (IMAP, Graph with `$count`); `nil` when it only estimates.
    public var total: Int?
    /// Whether another page exists after this one.
    public var hasMore: Bool
    /// Human-readable notes about how the request was served (e.g. "include_folders is ignored by Outlook").
    public var notes: [String]

    public init(messages: [MessageSummary], total: Int?, hasMore: Bool, notes: [String] = []) {
        self.messages = messages
        self.total = total
        self.hasMore = hasMore
        self.notes = notes
    }
}
