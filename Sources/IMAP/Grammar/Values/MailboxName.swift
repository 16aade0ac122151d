/// A mailbox name as it travels on the wire, with its human-readable form.
///
/// IMAP4rev1 servers send and expect names in modified UTF-7 (RFC 3501 §5.1.3); after
/// `ENABLE UTF8=ACCEPT` (RFC 6855) they use raw UTF-8. ``wireName`` is exactly what the server
/// sent (reuse it for SELECT); ``displayName`` is decoded for people and for matching.
/// Wire: `* LIST (\HasNoChildren \Drafts) "/" "Entw&APw-rfe"`.
public struct MailboxName: Hashable, Sendable, CustomStringConvertible {
    /// The name exactly as on the wire (modified UTF-7, or UTF-8 after UTF8=ACCEPT).
    public let wireName: String

    /// The special name `INBOX` (case-insensitive per RFC 3501 §5.1).
    public static let inbox = MailboxName(wireName: "INBOX")

    /// Wraps a name exactly as sent by the server.
    public init(wireName: String) {
        self.wireName = asciiUppercased(wireName) == "INBOX" ? "INBOX" : wireName
    }

    /// Encodes a human-readable name for the wire: modified UTF-7 unless `utf8Accept` is enabled.
    public init(_ displayName: String, utf8Accept: Bool = false) {
        self.init(wireName: utf8Accept ? displayName : ModifiedUTF7.encode(displayName))
    }

    /// The decoded name: UTF-8 names as they are; ASCII names decoded from modified UTF-7 when
    /// valid, otherwise as sent (servers with UTF8=ACCEPT may send a bare `&`).
    public var displayName: String {
        if wireName.utf8.contains(where: { $0 >= 0x80 }) { return wireName }
        return ModifiedUTF7.decode(wireName) ?? wireName
    }

    /// Whether this is `INBOX`.
    public var isInbox: Bool { wireName == "INBOX" }

    /// The human-readable name.
    public var description: String { displayName }
}
