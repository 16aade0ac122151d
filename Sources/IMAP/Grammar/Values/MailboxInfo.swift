/// One `LIST`/`LSUB` answer (RFC 3501 §7.2.2, RFC 9051 §7.3.1): attributes, hierarchy delimiter, name.
///
/// Wire: `* LIST (\HasNoChildren \Sent) "/" "Sent Items"`.
public struct MailboxInfo: Hashable, Sendable {
    /// The mailbox attributes, including SPECIAL-USE ones (RFC 6154).
    public var attributes: [MailboxAttribute]
    /// The hierarchy delimiter, `nil` when the server sent `NIL` (flat namespace).
    public var delimiter: Character?
    /// The mailbox name.
    public var name: MailboxName

    /// Creates a mailbox description.
    public init(attributes: [MailboxAttribute], delimiter: Character?, name: MailboxName) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
    }

    /// Whether the mailbox can be selected (not `\Noselect` nor `\NonExistent`).
    public var isSelectable: Bool {
        !attributes.contains(.noSelect) && !attributes.contains(.nonExistent)
    }

    /// The SPECIAL-USE attribute, if any (`\Sent`, `\Drafts`, `\Trash`, `\Junk`, `\Archive`, `\All`, `\Flagged`).
    public var specialUse: MailboxAttribute? {
        attributes.first { MailboxAttribute.specialUses.contains($0) }
    }
}

/// A mailbox attribute from LIST (RFC 3501 §7.2.2, RFC 5258, RFC 6154); compares case-insensitively.
public struct MailboxAttribute: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The attribute as sent, e.g. `\HasNoChildren`.
    public let rawValue: String
    private var key: String { asciiLowercased(rawValue) }

    /// Wraps an attribute.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public static func == (lhs: MailboxAttribute, rhs: MailboxAttribute) -> Bool { lhs.key == rhs.key }
    /// Hashes case-insensitively, matching `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// `\Noselect`: the name exists only as a hierarchy level; it cannot be selected.
    public static let noSelect = MailboxAttribute("\\Noselect")
    /// `\Noinferiors`: no child mailboxes can exist.
    public static let noInferiors = MailboxAttribute("\\Noinferiors")
    /// `\NonExistent` (RFC 5258): the name does not exist as a mailbox.
    public static let nonExistent = MailboxAttribute("\\NonExistent")
    /// `\HasChildren` (RFC 3348).
    public static let hasChildren = MailboxAttribute("\\HasChildren")
    /// `\HasNoChildren` (RFC 3348).
    public static let hasNoChildren = MailboxAttribute("\\HasNoChildren")
    /// `\Marked`: probably has new messages.
    public static let marked = MailboxAttribute("\\Marked")
    /// `\Marked`: probably has new messages.
    public static let unmarked = MailboxAttribute("\\Unmarked")
    /// `\Subscribed` (RFC 5258).
    public static let subscribed = MailboxAttribute("\\Subscribed")
    /// `\All` (RFC 6154): every message (e.g. Gmail's All Mail).
    public static let all = MailboxAttribute("\\All")
    /// `\Archive` (RFC 6154).
    public static let archive = MailboxAttribute("\\Archive")
    /// `\Drafts` (RFC 6154).
    public static let drafts = MailboxAttribute("\\Drafts")
    /// `\Flagged` (RFC 6154): a virtual mailbox of flagged messages.
    public static let flagged = MailboxAttribute("\\Flagged")
    /// `\Junk` (RFC 6154): spam.
    public static let junk = MailboxAttribute("\\Junk")
    /// `\Sent` (RFC 6154).
    public static let sent = MailboxAttribute("\\Sent")
    /// `\Trash` (RFC 6154).
    public static let trash = MailboxAttribute("\\Trash")

    /// The SPECIAL-USE attributes of RFC 6154 §2.
    public static let specialUses: Set<MailboxAttribute> = [.all, .archive, .drafts, .flagged, .junk, .sent, .trash]

    /// The attribute as sent.
    public var description: String { rawValue }
}

/// The `STATUS` answer for one mailbox (RFC 3501 §7.2.4). Absent items are `nil`.
///
/// Wire: `* STATUS INBOX (MESSAGES 231 UIDNEXT 44292 UIDVALIDITY 1 UNSEEN 3)`.
public struct MailboxStatus: Hashable, Sendable {
    /// `MESSAGES`: number of messages.
    public var messages: UInt32?
    /// `RECENT`: messages with `\Recent` (IMAP4rev1).
    public var recent: UInt32?
    /// `UIDNEXT`: the UID the next message will get.
    public var uidNext: UID?
    /// `UIDVALIDITY`.
    public var uidValidity: UIDValidity?
    /// `UNSEEN`: messages without `\Seen`.
    public var unseen: UInt32?
    /// `DELETED` (RFC 9051): messages with `\Deleted`.
    public var deleted: UInt32?
    /// `SIZE` (RFC 8438): total size in octets.
    public var size: UInt64?
    /// `HIGHESTMODSEQ` (RFC 7162).
    public var highestModSeq: UInt64?

    /// An empty status.
    public init() {}
}

/// A `STATUS` data item name to request (RFC 3501 §6.3.10, RFC 9051 §6.3.11).
public enum StatusAttribute: String, Hashable, Sendable, CaseIterable {
    case messages = "MESSAGES", recent = "RECENT", uidNext = "UIDNEXT", uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN", deleted = "DELETED", size = "SIZE", highestModSeq = "HIGHESTMODSEQ"
}
