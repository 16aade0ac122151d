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

    public static let imap4rev1 = Capability("IMAP4REV1")
    public static let imap4rev2 = Capability("IMAP4REV2")
    public static let idle = Capability("IDLE")
    public static let uidPlus = Capability("UIDPLUS")
    public static let move = Capability("MOVE")
    public static let specialUse = Capability("SPECIAL-USE")
    public static let condStore = Capability("CONDSTORE")
    public static let literalPlus = Capability("LITERAL+")
    public static let literalMinus = Capability("LITERAL-")
    public static let enable = Capability("ENABLE")
    public static let utf8Accept = Capability("UTF8=ACCEPT")
    public static let esearch = Capability("ESEARCH")
    public static let saslIR = Capability("SASL-IR")
    public static let startTLS = Capability("STARTTLS")
    public static let loginDisabled = Capability("LOGINDISABLED")
    public static let listExtended = Capability("LIST-EXTENDED")
    public static let listStatus = Capability("LIST-STATUS")
    public static let namespace = Capability("NAMESPACE")
    public static let id = Capability("ID")
    public static let binary = Capability("BINARY")
    public static let unselect = Capability("UNSELECT")
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
