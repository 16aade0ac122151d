/// The one error the SMTP module throws: a public struct over a private code enum, so new kinds of
/// failure do not break callers (STYLE §3).
///
/// The kinds stay apart because callers react differently:
/// - ``Code/malformedReply``: the server's bytes do not follow RFC 5321 §4.2; the connection is closed.
/// - ``Code/commandRejected``: a 4xx/5xx reply; ``reply`` carries the code, enhanced status and text.
/// - ``Code/authFailed``: AUTH was refused (wrong password, revoked token); ``reply`` holds the server's words.
/// - ``Code/recipientRejected``: one or more `RCPT TO` were refused; ``recipientIndices`` names them.
///   Nothing was sent (no `DATA`).
/// - ``Code/messageTooLarge``: larger than the server's `SIZE`, or refused with 552 / 5.3.4.
/// - ``Code/deliveryUnknown``: the final `.` was written but its answer never came. The message may or may
///   not have been accepted; it must not be resent automatically.
/// - ``Code/connectFailed``, ``Code/connectionFatal``, ``Code/timeout``, ``Code/tlsFailure``: the connection
///   could not be made or is gone.
/// - ``Code/invalidArgument``: a value cannot be sent safely (CR/LF or `<>` in an address, NUL in a password).
/// - ``Code/unsupported``: the server lacks what the operation needs (STARTTLS, an AUTH mechanism, SMTPUTF8).
///
/// `description` never contains credentials, message content or addresses: server text is included with
/// anything that looks like an address replaced by `<address>`.
public struct SMTPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added; switch with a default.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Hashable, Sendable {
            case malformedReply, commandRejected, authFailed, recipientRejected, messageTooLarge
            case deliveryUnknown, connectFailed, connectionFatal, timeout, tlsFailure, invalidArgument, unsupported
        }
        fileprivate let base: Base
        fileprivate init(_ base: Base) { self.base = base }

        /// The server's reply does not follow the grammar (or exceeds ``SMTPLimits``).
        public static let malformedReply = Code(.malformedReply)
        /// A command was answered with a 4xx or 5xx reply.
        public static let commandRejected = Code(.commandRejected)
        /// The server refused the credentials.
        public static let authFailed = Code(.authFailed)
        /// At least one recipient was refused; see ``SMTPError/recipientIndices``.
        public static let recipientRejected = Code(.recipientRejected)
        /// The message is larger than the server accepts.
        public static let messageTooLarge = Code(.messageTooLarge)
        /// The message was fully written but the server's answer was lost: delivery status unknown.
        public static let deliveryUnknown = Code(.deliveryUnknown)
        /// The server could not be reached (DNS, refused, unreachable, connect timeout).
        public static let connectFailed = Code(.connectFailed)
        /// The connection closed or failed unexpectedly.
        public static let connectionFatal = Code(.connectionFatal)
        /// A step did not finish in time; the connection was closed.
        public static let timeout = Code(.timeout)
        /// TLS could not be established (handshake, untrusted certificate, wrong host name).
        public static let tlsFailure = Code(.tlsFailure)
        /// A value cannot be encoded safely into a command.
        public static let invalidArgument = Code(.invalidArgument)
        /// The server does not offer what the operation needs.
        public static let unsupported = Code(.unsupported)

        /// The code's name, e.g. `commandRejected`.
        /// `SMTP recipientRejected (RCPT) - recipient index 1 - server said: 550 5.1.1 <address> …`: no credentials,
    /// no message content, addresses in server text replaced.
    public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// A short fixed explanation; never user data.
    public var hint: String?
    /// The command's verb (`MAIL`, `RCPT`, `DATA`, `AUTH`, …), never its arguments.
    public var command: String?
    /// The server's reply, for rejections.
    public var reply: SMTPReply?
    /// Zero-based indices (in the order given to `send`) of the refused recipients, for ``Code/recipientRejected``.
    public var recipientIndices: [Int] = []

    /// Creates an error; prefer the static factories.
    public init(_ code: Code, hint: String? = nil, command: String? = nil, reply: SMTPReply? = nil) {
        self.code = code
        self.hint = hint
        self.command = command
        self.reply = reply
    }

    /// The server's reply to `command` was negative.
    public static func rejected(_ command: String, _ reply: SMTPReply) -> SMTPError {
        SMTPError(.commandRejected, command: command, reply: reply)
    }

    /// The server's bytes do not parse.
    public static func malformed(_ hint: String) -> SMTPError {
        SMTPError(.malformedReply, hint: hint)
    }

    /// A value cannot be sent safely.
    public static func invalidArgument(_ hint: String) -> SMTPError {
        SMTPError(.invalidArgument, hint: hint)
    }

    /// The first refused recipient's index, for ``Code/recipientRejected``.
    public var recipientIndex: Int? { recipientIndices.first }

    public var description: String {
        var parts = ["SMTP \(code)"]
        if let command { parts.append("(\(command))") }
        if let hint { parts.append("- \(hint)") }
        if !recipientIndices.isEmpty {
            parts.append("- recipient index \(recipientIndices.map(String.init).joined(separator: ", "))")
        }
        if let reply { parts.append("- server said: \(reply.redactedSummary)") }
        return parts.joined(separator: " ")
    }
}
