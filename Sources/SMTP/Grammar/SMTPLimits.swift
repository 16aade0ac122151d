/// Named bounds on what the server may send; exceeding one raises ``SMTPError/Code/malformedReply``.
///
/// RFC 5321 §4.5.3.1.5 sets 512 octets for a reply line; real servers send longer EHLO lines and
/// texts, so the defaults are generous while still bounding memory.
public struct SMTPLimits: Hashable, Sendable {
    /// Longest reply line accepted, CRLF included.
    public var maxReplyLineLength: Int
    /// Most lines in one multi-line reply.
    public var maxReplyLines: Int

    /// Creates limits.
    public init(maxReplyLineLength: Int = 4096, maxReplyLines: Int = 512) {
        self.maxReplyLineLength = maxReplyLineLength
        self.maxReplyLines = maxReplyLines
    }

    /// 4096-octet lines, 512 lines per reply.
    public static let `default` = SMTPLimits()
}
