/// A message flag (RFC 3501 §2.3.2): a system flag such as `\Seen` or a keyword such as `$Forwarded`.
///
/// Flags compare case-insensitively, as the RFC requires; servers differ in case (Gmail sends
/// `$notjunk`, some send `\seen`). ``rawValue`` keeps the server's spelling.
/// Wire: `FLAGS (\Seen \Answered $Forwarded)`.
public struct Flag: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The flag as sent, including the leading backslash for system flags.
    public let rawValue: String

    /// Wraps a flag or keyword, e.g. `Flag("\\Seen")` or `Flag("$Label1")`.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    /// `\Seen`: the message has been read.
    public static let seen = Flag("\\Seen")
    /// `\Answered`: the message has been answered.
    public static let answered = Flag("\\Answered")
    /// `\Flagged`: the message is flagged for urgent/special attention.
    public static let flagged = Flag("\\Flagged")
    /// `\Deleted`: the message is marked for removal by EXPUNGE.
    public static let deleted = Flag("\\Deleted")
    /// `\Draft`: the message is a draft.
    public static let draft = Flag("\\Draft")
    /// `\Recent`: first session to see the message (IMAP4rev1 only; cannot be stored).
    public static let recent = Flag("\\Recent")
    /// `\*` in `PERMANENTFLAGS`: new keywords may be created.
    public static let mayCreate = Flag("\\*")

    /// Whether this is a system flag (starts with a backslash).
    public var isSystemFlag: Bool { rawValue.hasPrefix("\\") }

    public static func == (lhs: Flag, rhs: Flag) -> Bool {
        asciiLowercased(lhs.rawValue) == asciiLowercased(rhs.rawValue)
    }

    /// Hashes case-insensitively, matching `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(asciiLowercased(rawValue))
    }

    /// The flag as sent.
    public var description: String { rawValue }
}

/// ASCII-only lowercasing: IMAP keywords are case-insensitive in ASCII only.
func asciiLowercased(_ string: String) -> String {
    String(decoding: string.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }, as: UTF8.self)
}

/// ASCII-only uppercasing, for tokens such as capability names and response codes.
func asciiUppercased(_ string: String) -> String {
    String(decoding: string.utf8.map { ($0 >= 0x61 && $0 <= 0x7A) ? $0 & 0xDF : $0 }, as: UTF8.self)
}
