import Foundation

/// OData query options in the order given, percent-encoded for a Graph URL.
///
/// Values are encoded strictly (RFC 3986 unreserved characters plus `$ , ' ( ) :` stay literal), so a
/// `$search` phrase with spaces, quotes, `&`, `+` or `#` reaches Graph intact; option names keep their `$`.
/// Example: `$search` = `"from:alice"` → `$search=%22from:alice%22`.
struct GraphQuery {
    private(set) var items: [(String, String)] = []

    /// Characters left as they are inside a query value.
    private static let allowed: CharacterSet = {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        set.insert(charactersIn: "$,'():")
        return set
    }()

    mutating func add(_ name: String, _ value: String) {
        items.append((name, value))
    }

    /// `name=value&…`, or "" when empty.
    var encoded: String {
        items.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: Self.allowed) ?? "")
        }.joined(separator: "&")
    }

    /// A path segment (message id, folder id) percent-encoded so `/`, `?`, `#` and `%` cannot escape it.
    static func segment(_ value: String) -> String {
        var set = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        set.insert(charactersIn: "=!$&'()*+,;:@")
        return value.addingPercentEncoding(withAllowedCharacters: set) ?? ""
    }

    /// `$search` wants the query as a double-quoted string; embedded `"` and `\` are escaped with `\`.
    static func searchPhrase(_ query: String) -> String {
        "\"" + query.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Graph property lists and limits used by the provider.
enum GraphFields {
    /// What a summary needs (list and search), nothing more.
    static let summary = [
        "id", "conversationId", "from", "toRecipients", "ccRecipients", "subject", "receivedDateTime",
        "bodyPreview", "isRead", "hasAttachments",
    ]
    /// What `read_email` needs on top of a summary.
    static let full = summary + ["bccRecipients", "replyTo", "internetMessageId", "internetMessageHeaders", "body", "parentFolderId"]
    /// Attachment metadata without `contentBytes`.
    static let attachmentMetadata = ["id", "name", "contentType", "size", "isInline"]
    /// `PidTagMessageSize` (0x0E08), the only way to learn a message's size on Graph.
    static let sizeExpansion = "singleValueExtendedProperties($filter=id eq 'Integer 0x0E08')"
    /// Graph rejects request bodies over 4 MB (413); stay clear of it.
    static let maxRequestBytes = 4 * 1024 * 1024 - 64 * 1024
    /// Files from this size on go through an upload session (Graph: 3–150 MB).
    static let uploadSessionThreshold = 3 * 1024 * 1024
    /// Upload chunk size: a multiple of 320 KiB below 4 MB.
    static let uploadChunkSize = 10 * 320 * 1024
    /// Most results `$search` returns on messages.
    static let maxSearchResults = 1000
    /// Most pages followed through `@odata.nextLink` for one call.
    static let maxPages = 50
}
