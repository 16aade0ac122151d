import Foundation

/// What `list_inbox` asks of a backend.
public struct ListRequest: Hashable, Sendable {
    public var folder: Folder
    public var limit: Int
    public var offset: Int
    public var unreadOnly: Bool

    public init(folder: Folder = .inbox, limit: Int = 20, offset: Int = 0, unreadOnly: Bool = false) {
        self.folder = folder
        self.limit = limit
        self.offset = offset
        self.unreadOnly = unreadOnly
    }
}

/// What `read_email` asks of a backend.
public struct ReadOptions: Hashable, Sendable {
    /// Fill `Message.htmlBody` with sanitized HTML.
    public var includeHTML: Bool
    /// Fill `Attachment.data`.
    public var includeAttachments: Bool
    /// Mark the message read after fetching it; otherwise reading changes no flag.
    public var markAsRead: Bool

    public init(includeHTML: Bool = false, includeAttachments: Bool = false, markAsRead: Bool = false) {
        self.includeHTML = includeHTML
        self.includeAttachments = includeAttachments
        self.markAsRead = markAsRead
    }
}

/// What `search_emails` asks of a backend. The query is provider-native text, validated by the backend.
public struct SearchRequest: Hashable, Sendable {
    public var query: String
    public var limit: Int
    public var offset: Int
    /// Restrict to these folders (IMAP); empty means every selectable folder.
    public var includeFolders: [Folder]

    public init(query: String, limit: Int = 20, offset: Int = 0, includeFolders: [Folder] = []) {
        self.query = query
        self.limit = limit
        self.offset = offset
        self.includeFolders = includeFolders
    }
}

/// One connected mailbox, as a backend sees it. Gmail, Outlook and IMAP/SMTP each implement this;
/// none is a special case above it. Implementations are safe to call concurrently and throw `MailError`.
///
/// `reply_to_email` is composed above this protocol (`ReplyComposer`): read the original, build an
/// `OutgoingMessage` with threading fields, then `send` it.
public protocol MailProvider: Sendable {
    /// The inbox's own addresses (primary first), used as From and excluded from reply-all.
    var ownAddresses: [EmailAddress] { get }

    /// Summaries, newest first.
    func list(_ request: ListRequest) async throws -> MessagePage

    /// One message by its opaque id.
    func read(messageID: String, options: ReadOptions) async throws -> Message

    /// Summaries matching a query, newest first.
    func search(_ request: SearchRequest) async throws -> MessagePage

    /// Submits a message. Throws `MailError(.deliveryUnknown)` when the request was written but no answer came.
    func send(_ message: OutgoingMessage) async throws -> SendReceipt

    /// Releases pooled connections and other resources; the provider is not used afterwards.
    func shutdown() async
}

extension MailProvider {
    public func shutdown() async {}
}

/// A source of OAuth access tokens for one inbox (Gmail, Outlook). Implemented by the `OAuth` target:
/// it refreshes before expiry, shares one refresh between concurrent callers, and throws
/// `MailError(.authFailed)` when the refresh token is revoked (the inbox then needs a reconnect).
public protocol AccessTokenSource: Sendable {
    /// A currently valid access token.
    func accessToken() async throws -> String
    /// Tells the source that `token` was rejected (HTTP 401); the next `accessToken()` refreshes.
    func invalidate(_ token: String) async
}
