/// A folder named by a tool call: one of the seed's well-known names or a provider folder name.
///
/// The seed's `list_inbox` accepts `"INBOX"` (default), `"SENT"`, `"DRAFTS"`, `"TRASH"`; providers also
/// accept any folder (IMAP mailbox, Gmail label, Graph folder display name) that exists.
public enum Folder: Hashable, Sendable {
    case inbox
    case sent
    case drafts
    case trash
    /// A provider folder by its user-visible name, resolved by the backend (unknown → `MailError.folderNotFound`).
    case named(String)

    /// Parses a tool argument: the well-known names case-insensitively, anything else as `.named`.
    public init(argument: String) {
        switch argument.uppercased() {
        case "INBOX": self = .inbox
        case "SENT": self = .sent
        case "DRAFTS", "DRAFT": self = .drafts
        case "TRASH": self = .trash
        default: self = .named(argument)
        }
    }

    /// The name shown back to agents (`folder` field of summaries).
    public var displayName: String {
        switch self {
        case .inbox: "INBOX"
        case .sent: "SENT"
        case .drafts: "DRAFTS"
        case .trash: "TRASH"
        case .named(let name): name
        }
    }
}
