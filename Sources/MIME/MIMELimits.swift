/// Named bounds the MIME parser never exceeds, so hostile or broken input costs bounded work.
///
/// When a limit is reached the parser stops descending or collecting and keeps what it has: parsing
/// never throws and never hangs (best effort, see `ParsedMessage.parse`). Modelled on MimeKit's
/// `ParserOptions` and swift-nio-imap's `IMAPDefaults`.
public struct MIMELimits: Hashable, Sendable {
    /// Deepest nesting of multiparts and `message/rfc822` parts that is parsed (deeper parts stay opaque).
    public var maximumDepth: Int
    /// Most header fields read per header section; later fields are ignored.
    public var maximumHeaderCount: Int
    /// Most octets read per header section; the rest of an over-long section is ignored.
    public var maximumHeaderBytes: Int
    /// Most entities (parts of any depth) in one message; later parts are ignored.
    public var maximumPartCount: Int
    /// Most addresses taken from one address header.
    public var maximumAddressCount: Int
    /// Most encoded words decoded in one header value; the remainder is kept as raw text.
    public var maximumEncodedWords: Int

    /// Limits with the given values; the defaults are `MIMELimits.default`.
    public init(
        maximumDepth: Int = 32, maximumHeaderCount: Int = 1_000, maximumHeaderBytes: Int = 256 * 1024,
        maximumPartCount: Int = 1_000, maximumAddressCount: Int = 1_000, maximumEncodedWords: Int = 1_000
    ) {
        self.maximumDepth = maximumDepth
        self.maximumHeaderCount = maximumHeaderCount
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumPartCount = maximumPartCount
        self.maximumAddressCount = maximumAddressCount
        self.maximumEncodedWords = maximumEncodedWords
    }

    /// The limits used when none are given.
    public static let `default` = MIMELimits()
}
