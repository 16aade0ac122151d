/// The bracketed code at the start of a status response's text (RFC 3501 §7.1, RFC 5530, RFC 4315).
///
/// Wire: `a1 NO [AUTHENTICATIONFAILED] Authentication failed.`, `* OK [UIDVALIDITY 3857529045] …`.
/// Codes we do not model arrive as ``other(name:text:)``.
public enum ResponseCode: Hashable, Sendable {
    case alert
    case badCharset([String])
    case capability([Capability])
    case parse
    case permanentFlags([Flag])
    case readOnly
    case readWrite
    case tryCreate
    case uidNext(UID)
    case uidValidity(UIDValidity)
    case unseen(UInt32)
    /// `APPENDUID uidvalidity uid-set` (RFC 4315).
    case appendUID(UIDValidity, UIDSet)
    /// `COPYUID uidvalidity source-set destination-set` (RFC 4315).
    case copyUID(UIDValidity, UIDSet, UIDSet)
    case uidNotSticky
    case highestModSeq(UInt64)
    case noModSeq
    /// `CLOSED` (RFC 7162): the previously selected mailbox is now closed.
    case closed
    case authenticationFailed
    case authorizationFailed
    case expired
    case privacyRequired
    case contactAdmin
    case noPerm
    case inUse
    case expungeIssued
    case corruption
    case serverBug
    case clientBug
    case cannot
    case limit
    case overQuota
    case alreadyExists
    case nonExistent
    case unavailable
    /// Any other code, with its raw argument text.
    case other(name: String, text: String?)

    /// The upper-cased code name, e.g. `TRYCREATE`.
    public var name: String {
        switch self {
        case .alert: return "ALERT"
        case .badCharset: return "BADCHARSET"
        case .capability: return "CAPABILITY"
        case .parse: return "PARSE"
        case .permanentFlags: return "PERMANENTFLAGS"
        case .readOnly: return "READ-ONLY"
        case .readWrite: return "READ-WRITE"
        case .tryCreate: return "TRYCREATE"
        case .uidNext: return "UIDNEXT"
        case .uidValidity: return "UIDVALIDITY"
        case .unseen: return "UNSEEN"
        case .appendUID: return "APPENDUID"
        case .copyUID: return "COPYUID"
        case .uidNotSticky: return "UIDNOTSTICKY"
        case .highestModSeq: return "HIGHESTMODSEQ"
        case .noModSeq: return "NOMODSEQ"
        case .other(let name, _): return name
        default: return ResponseCode.simpleNames.first { $0.value == self }?.key ?? "?"
        }
    }

    /// Codes without arguments, by wire name.
    static let simpleNames: [String: ResponseCode] = [
        "ALERT": .alert, "PARSE": .parse, "READ-ONLY": .readOnly, "READ-WRITE": .readWrite,
        "TRYCREATE": .tryCreate, "UIDNOTSTICKY": .uidNotSticky, "NOMODSEQ": .noModSeq, "CLOSED": .closed,
        "AUTHENTICATIONFAILED": .authenticationFailed, "AUTHORIZATIONFAILED": .authorizationFailed,
        "EXPIRED": .expired, "PRIVACYREQUIRED": .privacyRequired, "CONTACTADMIN": .contactAdmin,
        "NOPERM": .noPerm, "INUSE": .inUse, "EXPUNGEISSUED": .expungeIssued, "CORRUPTION": .corruption,
        "SERVERBUG": .serverBug, "CLIENTBUG": .clientBug, "CANNOT": .cannot, "LIMIT": .limit,
        "OVERQUOTA": .overQuota, "ALREADYEXISTS": .alreadyExists, "NONEXISTENT": .nonExistent,
        "UNAVAILABLE": .unavailable,
    ]
}

/// `resp-text`: an optional response code and human-readable text (RFC 3501 §9).
public struct ResponseText: Hashable, Sendable {
    /// The bracketed code, if any.
    public var code: ResponseCode?
    /// The text after the code, as sent (may be empty).
    public var text: String

    /// Creates response text.
    public init(code: ResponseCode? = nil, text: String) {
        self.code = code
        self.text = text
    }
}
