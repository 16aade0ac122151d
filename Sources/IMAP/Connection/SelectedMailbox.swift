/// The mailbox a connection has selected and what SELECT/EXAMINE reported (RFC 3501 §6.3.1),
/// kept current by later untagged `EXISTS`/`EXPUNGE`.
public struct SelectedMailbox: Hashable, Sendable {
    /// The selected mailbox.
    public var name: MailboxName
    /// `UIDVALIDITY`; `0` if the server did not send one (cached UIDs must then not be trusted).
    public var uidValidity: UIDValidity
    /// Number of messages (`EXISTS`), updated as the server reports changes.
    public var exists: UInt32
    /// `UIDNEXT` at selection time, if sent.
    public var uidNext: UID?
    /// Flags defined in the mailbox (`FLAGS`).
    public var flags: [Flag]
    /// Flags that can be changed permanently (`PERMANENTFLAGS`).
    public var permanentFlags: [Flag]
    /// Whether the mailbox is read-only (EXAMINE, or `[READ-ONLY]`).
    public var readOnly: Bool
    /// `HIGHESTMODSEQ` (CONDSTORE), if sent.
    public var highestModSeq: UInt64?

    /// Creates a selection description.
    public init(name: MailboxName, uidValidity: UIDValidity = UIDValidity(0), exists: UInt32 = 0, uidNext: UID? = nil,
                flags: [Flag] = [], permanentFlags: [Flag] = [], readOnly: Bool = false, highestModSeq: UInt64? = nil) {
        self.name = name
        self.uidValidity = uidValidity
        self.exists = exists
        self.uidNext = uidNext
        self.flags = flags
        self.permanentFlags = permanentFlags
        self.readOnly = readOnly
        self.highestModSeq = highestModSeq
    }

    /// Applies the data of a SELECT/EXAMINE answer.
    mutating func apply(_ result: IMAPCommandResult) {
        for response in result.untagged {
            switch response {
            case .exists(let count): exists = count
            case .flags(let list): flags = list
            case .condition(.ok, let text): apply(code: text.code)
            default: break
            }
        }
        apply(code: result.tagged.text.code)
    }

    private mutating func apply(code: ResponseCode?) {
        switch code {
        case .uidValidity(let value): uidValidity = value
        case .uidNext(let value): uidNext = value
        case .permanentFlags(let list): permanentFlags = list
        case .highestModSeq(let value): highestModSeq = value
        case .readOnly: readOnly = true
        case .readWrite: readOnly = false
        default: break
        }
    }
}
