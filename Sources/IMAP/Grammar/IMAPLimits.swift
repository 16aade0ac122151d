/// Named bounds the response parser and the connection enforce on what a server sends.
///
/// A server (or anything between us and it) controls every byte we read, so each size the parser
/// would otherwise grow without bound has a limit here. Exceeding one raises ``IMAPError`` with
/// code ``IMAPError/Code/limitExceeded`` naming the limit; it never crashes and never allocates
/// past the limit. The defaults are generous enough for real mailboxes (RFC 7162 §4 suggests
/// servers keep lines under 8 KiB, but `* SEARCH` results of big mailboxes are far longer).
public struct IMAPLimits: Hashable, Sendable {
    /// Longest run of bytes between two line breaks, not counting literal data. Default 4 MiB.
    public var maxLineLength: Int
    /// Largest single literal (`{n}`), e.g. one message body. Default 64 MiB.
    public var maxLiteralSize: Int
    /// Largest complete response (all its lines and literals together). Default 128 MiB.
    public var maxResponseSize: Int
    /// Deepest nesting of parenthesized lists (BODYSTRUCTURE parts, extension data). Default 64.
    public var maxNestingDepth: Int
    /// Most numbers a UID set from the server may expand to (ESEARCH `ALL 1:*`). Default 2,000,000.
    public var maxExpandedSetSize: Int

    /// Creates limits; every argument has a default suited to real-world servers.
    public init(
        maxLineLength: Int = 4 * 1024 * 1024,
        maxLiteralSize: Int = 64 * 1024 * 1024,
        maxResponseSize: Int = 128 * 1024 * 1024,
        maxNestingDepth: Int = 64,
        maxExpandedSetSize: Int = 2_000_000
    ) {
        self.maxLineLength = maxLineLength
        self.maxLiteralSize = maxLiteralSize
        self.maxResponseSize = maxResponseSize
        self.maxNestingDepth = maxNestingDepth
        self.maxExpandedSetSize = maxExpandedSetSize
    }
}
