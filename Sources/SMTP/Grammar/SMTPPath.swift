/// A mailbox as it appears between `<` and `>` in `MAIL FROM` and `RCPT TO` (RFC 5321 §4.1.2).
///
/// ```
/// Path    = "<" [ A-d-l ":" ] Mailbox ">"
/// Mailbox = Local-part "@" ( Domain / address-literal )
/// ```
/// Construction refuses anything that could end the path or the command early, or inject another
/// command: CR, LF, NUL and other control characters, `<`, `>` and space, and mailboxes over 254 octets
/// (a path is at most 256 octets, RFC 5321 §4.5.3.1.3). Full RFC 5322 validation (and quoting) is the
/// caller's job (`AddressValidator`).
public struct SMTPPath: Hashable, Sendable {
    /// The mailbox text, e.g. `alice@example.org`.
    public let mailbox: String

    /// Validates `mailbox` for use inside `<…>`.
    /// - Throws: ``SMTPError/Code/invalidArgument``.
    public init(_ mailbox: String) throws {
        let bytes = Array(mailbox.utf8)
        guard !bytes.isEmpty else { throw SMTPError.invalidArgument("empty address") }
        guard bytes.count <= 254 else { throw SMTPError.invalidArgument("address longer than 254 octets") }
        for byte in bytes {
            switch byte {
            case 0..<0x20, 0x7F: throw SMTPError.invalidArgument("control character in address")
            case UInt8(ascii: " "), UInt8(ascii: "<"), UInt8(ascii: ">"):
                throw SMTPError.invalidArgument("space or angle bracket in address")
            default: continue
            }
        }
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else {
            throw SMTPError.invalidArgument("address is not local-part@domain")
        }
        self.mailbox = mailbox
    }

    /// Whether the address has non-ASCII characters, which need `SMTPUTF8` (RFC 6531).
    public var needsSMTPUTF8: Bool { mailbox.utf8.contains { $0 >= 0x80 } }
}

/// The argument of EHLO/HELO: the client's domain name or address literal (RFC 5321 §4.1.1.1).
///
/// Letters, digits, `-`, `.`, and for an address literal `[`, `]` and `:`; nothing else.
public struct SMTPClientName: Hashable, Sendable {
    /// `client.example.org` or `[192.0.2.1]`.
    public let value: String

    /// Validates `value`.
    /// - Throws: ``SMTPError/Code/invalidArgument``.
    public init(_ value: String) throws {
        let allowed: (UInt8) -> Bool = { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
        guard !value.isEmpty, value.utf8.count <= 255, value.utf8.allSatisfy(allowed) else {
            throw SMTPError.invalidArgument("EHLO name must be a domain or an address literal")
        }
        self.value = value
    }

    /// The address literal for an IPv4 or IPv6 address text: `[192.0.2.1]`, `[IPv6:2001:db8::1]`.
    public static func addressLiteral(_ ip: String) -> SMTPClientName? {
        try? SMTPClientName(ip.contains(":") ? "[IPv6:\(ip)]" : "[\(ip)]")
    }

    /// `[127.0.0.1]`.
    public static let loopback: SMTPClientName = addressLiteral("127.0.0.1") ?? Self.unchecked("localhost")

    private init(uncheckedValue: String) { value = uncheckedValue }
    private static func unchecked(_ value: String) -> SMTPClientName { SMTPClientName(uncheckedValue: value) }
}
