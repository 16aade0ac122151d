import NIOCore

/// A typed IMAP command (RFC 3501 §6, RFC 9051 §6 and extensions), encoded by ``CommandEncoder``.
///
/// Every user-supplied string is a separate associated value, so the encoder decides how it goes
/// on the wire (quoted string or literal) and refuses values that cannot be sent safely.
public enum Command: Hashable, Sendable {
    case capability
    case noop
    case logout
    case startTLS
    /// `LOGIN user password` (arguments are redacted in traces).
    case login(username: String, password: String)
    /// `AUTHENTICATE mechanism [initial-response]`; the response is raw bytes, base64-encoded on the
    /// wire, sent inline when SASL-IR is enabled (RFC 4959) or after the first continuation otherwise.
    case authenticate(mechanism: String, initialResponse: [UInt8]?)
    /// `ENABLE cap…` (RFC 5161).
    case enable([Capability])
    /// `ID (…)` or `ID NIL` (RFC 2971).
    case id([IDField]?)
    /// `LIST reference pattern [RETURN (SPECIAL-USE)]` (RFC 3501, RFC 5258, RFC 6154).
    case list(reference: MailboxName, pattern: String, returnSpecialUse: Bool)
    case select(MailboxName)
    case examine(MailboxName)
    case create(MailboxName)
    case status(MailboxName, [StatusAttribute])
    /// `UID SEARCH [RETURN (…)] [CHARSET UTF-8] key` (RFC 4731 for RETURN).
    case uidSearch(SearchKey, returnOptions: [SearchReturnOption])
    case uidFetch(UIDSet, [FetchAttribute])
    case fetch(SequenceSet, [FetchAttribute])
    /// `UID STORE set ±FLAGS[.SILENT] (flags)`.
    case uidStore(UIDSet, StoreOperation, silent: Bool, [Flag])
    case uidCopy(UIDSet, MailboxName)
    /// `UID MOVE` (RFC 6851).
    case uidMove(UIDSet, MailboxName)
    /// `UID EXPUNGE` (RFC 4315).
    case uidExpunge(UIDSet)
    case expunge
    case close
    case unselect
    /// `APPEND mailbox [(flags)] [date-time] literal`; the message is never copied into the command.
    case append(mailbox: MailboxName, flags: [Flag], date: InternalDate?, message: LiteralBytes)
    /// `IDLE` (RFC 2177); end it with ``CommandEncoder/idleDone``.
    case idle

    /// The command's name for logs and errors (never its arguments).
    public var name: String {
        switch self {
        case .capability: return "CAPABILITY"
        case .noop: return "NOOP"
        case .logout: return "LOGOUT"
        case .startTLS: return "STARTTLS"
        case .login: return "LOGIN"
        case .authenticate: return "AUTHENTICATE"
        case .enable: return "ENABLE"
        case .id: return "ID"
        case .list: return "LIST"
        case .select: return "SELECT"
        case .examine: return "EXAMINE"
        case .create: return "CREATE"
        case .status: return "STATUS"
        case .uidSearch: return "UID SEARCH"
        case .uidFetch: return "UID FETCH"
        case .fetch: return "FETCH"
        case .uidStore: return "UID STORE"
        case .uidCopy: return "UID COPY"
        case .uidMove: return "UID MOVE"
        case .uidExpunge: return "UID EXPUNGE"
        case .expunge: return "EXPUNGE"
        case .close: return "CLOSE"
        case .unselect: return "UNSELECT"
        case .append: return "APPEND"
        case .idle: return "IDLE"
        }
    }
}

/// How `STORE` changes flags (RFC 3501 §6.4.6).
public enum StoreOperation: String, Hashable, Sendable {
    /// `+FLAGS`: add.
    case add = "+"
    /// `-FLAGS`: remove.
    case remove = "-"
    /// `FLAGS`: replace.
    case replace = ""
}
