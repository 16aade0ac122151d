import NIOCore

/// One complete server response (RFC 3501 §7): untagged data, a tagged completion, or a
/// continuation request.
public enum Response: Hashable, Sendable {
    /// `* …` data or status.
    case untagged(UntaggedResponse)
    /// `tag OK|NO|BAD …`: the command with that tag is done.
    case tagged(TaggedResponse)
    /// `+ …`: the server waits for more of the current command (literal data, SASL response).
    case continuation(ContinuationRequest)
}

/// A tagged completion (`response-tagged`), e.g. `a1 OK [READ-WRITE] SELECT completed`.
public struct TaggedResponse: Hashable, Sendable {
    /// The completion result.
    public enum Status: String, Hashable, Sendable {
        case ok = "OK", no = "NO", bad = "BAD"
    }
    /// The tag of the completed command.
    public var tag: String
    /// OK, NO or BAD.
    public var status: Status
    /// The response code and human-readable text.
    public var text: ResponseText

    /// Creates a tagged response.
    public init(tag: String, status: Status, text: ResponseText) {
        self.tag = tag
        self.status = status
        self.text = text
    }
}

/// A continuation request (`continue-req = "+" SP (resp-text / base64)`). For SASL the text is
/// the base64 challenge; we keep it as text and let the authenticator decode it.
public struct ContinuationRequest: Hashable, Sendable {
    /// The response code and human-readable text.
    public var text: ResponseText
    /// Creates a continuation request.
    public init(text: ResponseText) { self.text = text }
}

/// The status keywords of untagged status responses (`resp-cond-state`, `resp-cond-bye`, `resp-cond-auth`).
public enum UntaggedStatus: String, Hashable, Sendable {
    case ok = "OK", no = "NO", bad = "BAD", preauth = "PREAUTH", bye = "BYE"
}

/// Untagged server data (`response-data`, RFC 3501 §7.1–7.4, RFC 9051 §7).
public enum UntaggedResponse: Hashable, Sendable {
    /// `* OK|NO|BAD|PREAUTH|BYE [code] text`.
    case condition(UntaggedStatus, ResponseText)
    /// `* CAPABILITY …`.
    case capability([Capability])
    /// `* ENABLED …` (RFC 5161).
    case enabled([Capability])
    /// `* FLAGS (…)`: flags defined in the selected mailbox.
    case flags([Flag])
    /// `* LIST (…) "/" name`.
    case list(MailboxInfo)
    /// `* LSUB (…) "/" name`.
    case lsub(MailboxInfo)
    /// `* STATUS name (…)`.
    case status(MailboxName, MailboxStatus)
    /// `* SEARCH 2 84 882` (with `(MODSEQ n)` under CONDSTORE).
    case search([UInt32], modSeq: UInt64?)
    /// `* ESEARCH …` (RFC 4731).
    case esearch(ESearchResponse)
    /// `* n EXISTS`.
    case exists(UInt32)
    /// `* n RECENT`.
    case recent(UInt32)
    /// `* n EXPUNGE`.
    case expunge(UInt32)
    /// `* n FETCH (…)`.
    case fetch(FetchResponse)
    /// `* ID (…)` (RFC 2971): field/value pairs; `nil` for `* ID NIL`.
    case id([IDField]?)
    /// Any response we do not model (`NAMESPACE`, `QUOTA`, …): its keyword and the raw rest of the line.
    case other(keyword: String, rest: ByteBuffer)
}

/// One `field value` pair of an `ID` command or response (RFC 2971).
public struct IDField: Hashable, Sendable {
    /// The field name, e.g. `name` or `version`.
    public var name: String
    /// The value, `nil` for `NIL`.
    public var value: String?
    /// Creates a field.
    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// `* ESEARCH` data (RFC 4731 §3.1), e.g. `* ESEARCH (TAG "a5") UID ALL 1:3,5 COUNT 4`.
public struct ESearchResponse: Hashable, Sendable {
    /// The tag of the command this answers, when the server correlated it.
    public var tag: String?
    /// Whether the numbers are UIDs (`UID` present) rather than sequence numbers.
    public var isUID: Bool
    /// `MIN`: the lowest matching number.
    public var min: UInt32?
    /// `MAX`: the highest matching number.
    public var max: UInt32?
    /// `ALL`: every matching number.
    public var all: UIDSet?
    /// `COUNT`: how many messages matched.
    public var count: UInt32?
    /// `MODSEQ` (RFC 7162): highest mod-sequence of the matches.
    public var modSeq: UInt64?

    /// An empty result.
    public init(tag: String? = nil, isUID: Bool = false) {
        self.tag = tag
        self.isUID = isUID
    }
}
