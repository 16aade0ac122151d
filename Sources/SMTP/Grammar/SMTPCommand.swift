import NIOCore

/// One SMTP command, built only from validated values so it cannot carry CR/LF or a second command
/// (RFC 5321 §4.1.1, RFC 3207, RFC 4954).
///
/// ```
/// EHLO [127.0.0.1]
/// MAIL FROM:<alice@example.org> SIZE=1024 BODY=8BITMIME
/// RCPT TO:<bob@example.org>
/// ```
public enum SMTPCommand: Hashable, Sendable {
    /// `EHLO name` (RFC 5321 §4.1.1.1).
    case ehlo(SMTPClientName)
    /// `HELO name`, for servers that refuse EHLO.
    case helo(SMTPClientName)
    /// `STARTTLS` (RFC 3207).
    case startTLS
    /// `AUTH mechanism [initial-response]` (RFC 4954 §4).
    case auth(mechanism: SASLMechanism, initialResponse: SASLResponse?)
    /// A line answering a 334 challenge during AUTH.
    case authResponse(SASLResponse)
    /// `MAIL FROM:<path> params`; a `nil` path is the null reverse-path `<>`.
    case mailFrom(SMTPPath?, MailParameters)
    /// `RCPT TO:<path>`.
    case rcptTo(SMTPPath)
    /// `DATA`.
    case data
    /// `RSET`.
    case reset
    /// `NOOP`.
    case noop
    /// `QUIT`.
    case quit

    /// The command's verb, safe for logs and errors (`MAIL`, `AUTH`, …).
    public var verb: String {
        switch self {
        case .ehlo: "EHLO"
        case .helo: "HELO"
        case .startTLS: "STARTTLS"
        case .auth, .authResponse: "AUTH"
        case .mailFrom: "MAIL"
        case .rcptTo: "RCPT"
        case .data: "DATA"
        case .reset: "RSET"
        case .noop: "NOOP"
        case .quit: "QUIT"
        }
    }

    /// The command line without CRLF.
    public var line: String {
        switch self {
        case .ehlo(let name): "EHLO \(name.value)"
        case .helo(let name): "HELO \(name.value)"
        case .startTLS: "STARTTLS"
        case .auth(let mechanism, let initial):
            initial.map { "AUTH \(mechanism.name) \($0.base64)" } ?? "AUTH \(mechanism.name)"
        case .authResponse(let response): response.base64
        case .mailFrom(let path, let parameters): "MAIL FROM:<\(path?.mailbox ?? "")>\(parameters.encoded)"
        case .rcptTo(let path): "RCPT TO:<\(path.mailbox)>"
        case .data: "DATA"
        case .reset: "RSET"
        case .noop: "NOOP"
        case .quit: "QUIT"
        }
    }

    /// The line for a protocol trace: AUTH secrets become `<redacted>`.
    public var redactedLine: String {
        switch self {
        case .auth(let mechanism, let initial): initial == nil ? line : "AUTH \(mechanism.name) <redacted>"
        case .authResponse: "<redacted>"
        default: line
        }
    }

    /// Writes the command and CRLF.
    public func encode(into buffer: inout ByteBuffer) {
        buffer.writeString(line)
        buffer.writeStaticString("\r\n")
    }
}

/// A SASL mechanism name used with AUTH.
public struct SASLMechanism: Hashable, Sendable {
    /// `PLAIN`, `LOGIN`, `XOAUTH2`.
    public let name: String

    /// RFC 4616.
    public static let plain = SASLMechanism(name: "PLAIN")
    /// The de-facto LOGIN mechanism (user name and password in two challenges).
    public static let login = SASLMechanism(name: "LOGIN")
    /// Google's and Microsoft's OAuth 2.0 bearer mechanism.
    public static let xoauth2 = SASLMechanism(name: "XOAUTH2")
}

/// Parameters of `MAIL FROM` (RFC 5321 §4.1.2 Mail-parameters).
public struct MailParameters: Hashable, Sendable {
    /// `BODY=` values (RFC 6152).
    public enum Body: String, Hashable, Sendable {
        /// `BODY=7BIT`.
        case sevenBit = "7BIT"
        /// `BODY=8BITMIME`.
        case eightBitMIME = "8BITMIME"
    }

    /// `SIZE=n` (RFC 1870): the message's size in octets, as announced.
    public var size: Int?
    /// `BODY=` (RFC 6152).
    public var body: Body?
    /// `SMTPUTF8` (RFC 6531).
    public var smtpUTF8: Bool

    /// Creates parameters; all absent by default.
    public init(size: Int? = nil, body: Body? = nil, smtpUTF8: Bool = false) {
        self.size = size.map { max(0, $0) }
        self.body = body
        self.smtpUTF8 = smtpUTF8
    }

    /// ` SIZE=n BODY=8BITMIME SMTPUTF8` (each with a leading space), or empty.
    var encoded: String {
        var text = ""
        if let size { text += " SIZE=\(size)" }
        if let body { text += " BODY=\(body.rawValue)" }
        if smtpUTF8 { text += " SMTPUTF8" }
        return text
    }
}
