/// Limits on outgoing mail from the seed's tool reference ("send_email", "reply_to_email").
public enum SendLimits {
    /// `to`: "Max 50".
    public static let maximumRecipientsPerField = 50
    /// `subject`: "Max 998 characters" (RFC 5322 §2.1.1 line limit).
    public static let maximumSubjectLength = 998
    /// `attachments`: "Max 20 items".
    public static let maximumAttachments = 20
    /// `attachments`: "10 MB total", decoded bytes.
    public static let maximumAttachmentBytes = 10 * 1024 * 1024
    /// Longest accepted idempotency key.
    public static let maximumIdempotencyKeyLength = 255
}

/// Limits on what `read_email` returns, so one email cannot flood an agent's context.
public struct ReadLimits: Sendable, Hashable {
    /// Plain-text bodies longer than this many characters are cut, with a marker saying so.
    public var maximumTextCharacters: Int
    /// Sanitized HTML longer than this many characters is cut, with a marker saying so.
    public var maximumHTMLCharacters: Int

    public init(maximumTextCharacters: Int = 100_000, maximumHTMLCharacters: Int = 200_000) {
        self.maximumTextCharacters = maximumTextCharacters
        self.maximumHTMLCharacters = maximumHTMLCharacters
    }
}
