/// An attachment or inline resource of a parsed message, decoded.
public struct ParsedAttachment: Hashable, Sendable {
    /// The declared filename (RFC 2231 / RFC 2047 decoded), or a generated one such as `part-1.2.png`.
    public var filename: String
    /// Lower-cased `type/subtype`.
    public var mimeType: String
    /// Decoded size in octets.
    public var size: Int
    /// `Content-ID` without angle brackets, for `cid:` references.
    public var contentID: String?
    /// Whether the part is meant to be shown inline (disposition `inline`, or a `Content-ID` without
    /// a disposition).
    public var inline: Bool
    /// Decoded octets.
    public var data: [UInt8]
    /// IMAP body section number, e.g. `"2"` or `"1.2"`.
    public var partPath: String

    /// An attachment from its decoded parts.
    public init(
        filename: String, mimeType: String, size: Int, contentID: String?, inline: Bool, data: [UInt8], partPath: String
    ) {
        self.filename = filename
        self.mimeType = mimeType
        self.size = size
        self.contentID = contentID
        self.inline = inline
        self.data = data
        self.partPath = partPath
    }
}
