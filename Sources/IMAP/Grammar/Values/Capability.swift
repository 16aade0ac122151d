/// One server capability (RFC 3501 §7.2.1), e.g. `IMAP4rev1`, `IDLE`, `AUTH=PLAIN`, `THREAD=REFERENCES`.
///
/// Stored upper-cased so comparisons ignore the server's spelling (iCloud and others send some
/// tokens in lower case). Wire: `* CAPABILITY IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN`.
public struct Capability: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The capability name, upper-cased, e.g. `AUTH=XOAUTH2`.
    public let rawValue: String

    /// Wraps a capability name (case-insensitive).
    public init(_ rawValue: String) { self.rawValue = asciiUppercased(rawValue) }
    public init(stringLiteral value: String) { self.init(value) }

    /// IMAP4rev1 (RFC 3501).
    public static let imap4rev1 = Capability("IMAP4REV1")
    /// IMAP4rev2 (RFC 9051).
    public static let imap4rev2 = Capability("IMAP4REV2")
    /// IDLE (RFC 2177).
    public static let idle = Capability("IDLE")
    /// UIDPLUS (RFC 4315): APPENDUID/COPYUID and UID EXPUNGE.
    public static let uidPlus = Capability("UIDPLUS")
    /// MOVE (RFC 6851).
    public static let move = Capability("MOVE")
    /// SPECIAL-USE (RFC 6154).
    public static let specialUse = Capability("SPECIAL-USE")
    /// CONDSTORE (RFC 7162).
    public static let condStore = Capability("CONDSTORE")
    /// LITERAL+ (RFC 7888).
    public static let literalPlus = Capability("LITERAL+")
    /// LITERAL- (RFC 7888): non-synchronizing literals up to 4096 bytes.
    public static let literalMinus = Capability("LITERAL-")
    /// ENABLE (RFC 5161).
    public static let enable = Capability("ENABLE")
    /// UTF8=ACCEPT (RFC 6855).
    public static let utf8Accept = Capability("UTF8=ACCEPT")
    /// ESEARCH (RFC 4731).
    public static let esearch = Capability("ESEARCH")
    /// SASL-IR (RFC 4959).
    public static let saslIR = Capability("SASL-IR")
    /// STARTTLS.
    public static let startTLS = Capability("STARTTLS")
    /// LOGINDISABLED: LOGIN is refused (usually before TLS).
    public static let loginDisabled = Capability("LOGINDISABLED")
    /// LIST-EXTENDED (RFC 5258).
    public static let listExtended = Capability("LIST-EXTENDED")
    /// LIST-STATUS (RFC 5819).
    public static let listStatus = Capability("LIST-STATUS")
    /// NAMESPACE (RFC 2342).
    public static let namespace = Capability("NAMESPACE")
    /// ID (RFC 2971).
    public static let id = Capability("ID")
    /// BINARY (RFC 3516).
    public static let binary = Capability("BINARY")
    /// UNSELECT (RFC 3691).
    public static let unselect = Capability("UNSELECT")
    /// X-GM-EXT-1: Gmail's extensions (labels, thread ids).
    public static let gmailExtensions = Capability("X-GM-EXT-1")

    /// `AUTH=<mechanism>`.
    public static func auth(_ mechanism: String) -> Capability { Capability("AUTH=\(mechanism)") }

    /// The SASL mechanism if this is `AUTH=…`, e.g. `PLAIN`.
    public var authMechanism: String? { suffix(after: "AUTH=") }
    /// The algorithm if this is `THREAD=…`, e.g. `REFERENCES`.
    public var threadAlgorithm: String? { suffix(after: "THREAD=") }

    private func suffix(after prefix: String) -> String? {
        guard rawValue.hasPrefix(prefix) else { return nil }
        return String(rawValue.dropFirst(prefix.count))
    }

    /// The capability name.
    public var description: String { rawValue }
}

extension Set where Element == Capability {
    /// The SASL mechanisms from `AUTH=…` capabilities, e.g. `["PLAIN", "XOAUTH2"]`, sorted.
    public var authMechanisms: [String] { compactMap(\.authMechanism).sorted() }
    /// The threading algorithms from `THREAD=…` capabilities (RFC 5256), sorted.
    public var threadAlgorithms: [String] { compactMap(\.threadAlgorithm).sorted() }
}
