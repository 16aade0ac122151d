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
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    public static let noSelect = MailboxAttribute("\\Noselect")
    public static let noInferiors = MailboxAttribute("\\Noinferiors")
    public static let nonExistent = MailboxAttribute("\\NonExistent")
    public static let hasChildren = MailboxAttribute("\\HasChildren")
    public static let hasNoChildren = MailboxAttribute("\\HasNoChildren")
    public static let marked = MailboxAttribute("\\Marked")
    public static let unmarked = MailboxAttribute("\\Unmarked")
    public static let subscribed = MailboxAttribute("\\Subscribed")
    public static let all = MailboxAttribute("\\All")
    public static let archive = MailboxAttribute("\\Archive")
    public static let drafts = MailboxAttribute("\\Drafts")
    public static let flagged = MailboxAttribute("\\Flagged")
    public static let junk = MailboxAttribute("\\Junk")
    public static let sent = MailboxAttribute("\\Sent")
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
    public var messages: UInt32?
    public var recent: UInt32?
    public var uidNext: UID?
    public var uidValidity: UIDValidity?
    public var unseen: UInt32?
    public var deleted: UInt32?
    public var size: UInt64?
    public var highestModSeq: UInt64?

    /// An empty status.
    public init() {}
}

/// A `STATUS` data item name to request (RFC 3501 §6.3.10, RFC 9051 §6.3.11).
public enum StatusAttribute: String, Hashable, Sendable, CaseIterable {
    case messages = "MESSAGES", recent = "RECENT", uidNext = "UIDNEXT", uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN", deleted = "DELETED", size = "SIZE", highestModSeq = "HIGHESTMODSEQ"
}
