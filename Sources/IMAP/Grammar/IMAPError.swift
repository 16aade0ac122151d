/// The one error the IMAP module throws: a public struct over a private code enum, so new kinds of
/// failure do not break callers (STYLE §3).
///
/// The kinds stay apart because callers react differently:
/// - ``Code/malformedResponse``: the server sent bytes that do not parse (``hint`` + ``location``);
///   the connection is closed because its framing can no longer be trusted.
/// - ``Code/commandRejected``: a tagged `NO`/`BAD`; the connection is still usable. Carries the
///   ``responseCode`` and the server's ``serverText`` (e.g. `[TRYCREATE]`).
/// - ``Code/authenticationFailed``: `LOGIN`/`AUTHENTICATE` answered `NO`; ``serverText`` is safe to show.
/// - ``Code/connectionFailed``: the server could not be reached at all (``hint`` says why).
/// - ``Code/connectionClosed``, ``Code/timeout``, ``Code/tlsFailure``: the connection is gone; reconnect.
/// - ``Code/limitExceeded``: one of ``IMAPLimits`` was exceeded (``limit`` names it).
/// - ``Code/invalidArgument``: a value we were asked to send cannot be encoded safely (CR/LF, NUL…).
/// - ``Code/unsupported``: the server lacks a capability the operation needs.
///
/// `description` never contains credentials, message content or command arguments.
public struct IMAPError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is. New codes may be added; switch with a default.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Base: String, Hashable, Sendable {
            case malformedResponse, commandRejected, authenticationFailed, connectionFailed, connectionClosed, timeout
            case tlsFailure, limitExceeded, invalidArgument, unsupported
        }
        fileprivate let base: Base
        fileprivate init(_ base: Base) { self.base = base }

        /// The server sent bytes that do not follow the grammar.
        public static let malformedResponse = Code(.malformedResponse)
        /// The server answered a command with tagged `NO` or `BAD`.
        public static let commandRejected = Code(.commandRejected)
        /// The server refused the credentials (`LOGIN`/`AUTHENTICATE` answered `NO`).
        public static let authenticationFailed = Code(.authenticationFailed)
        /// The TCP connection could not be established (host unreachable, refused, DNS failure).
        public static let connectionFailed = Code(.connectionFailed)
        /// The connection closed (server `BYE`, network drop, or closed by us).
        public static let connectionClosed = Code(.connectionClosed)
        /// A command or connect did not finish in time; the connection was closed.
        public static let timeout = Code(.timeout)
        /// TLS could not be established (handshake, certificate, or STARTTLS refused).
        public static let tlsFailure = Code(.tlsFailure)
        /// A named limit from ``IMAPLimits`` was exceeded.
        public static let limitExceeded = Code(.limitExceeded)
        /// A value cannot be sent safely (e.g. a string containing CR or LF).
        public static let invalidArgument = Code(.invalidArgument)
        /// The server does not support what the operation needs.
        public static let unsupported = Code(.unsupported)

        /// The code's name, e.g. `commandRejected`.
        public var description: String { base.rawValue }
    }

    /// The kind of failure.
    public var code: Code
    /// A short, fixed explanation of what was expected or violated; never user data.
    public var hint: String?
    /// Byte offset inside the offending response, for ``Code/malformedResponse``.
    public var location: Int?
    /// The command's name (e.g. `LOGIN`, `UID FETCH`), never its arguments.
    public var command: String?
    /// The response code from a tagged `NO`/`BAD` or a `BYE`, e.g. `AUTHENTICATIONFAILED`.
    public var responseCode: ResponseCode?
    /// The human-readable text the server sent with `NO`/`BAD`/`BYE`.
    public var serverText: String?
    /// `NO` or `BAD` for ``Code/commandRejected`` and ``Code/authenticationFailed``.
    public var status: TaggedResponse.Status?
    /// The name of the exceeded limit for ``Code/limitExceeded``, e.g. `maxLiteralSize`.
    public var limit: String?

    /// Creates an error; prefer the static factories.
    public init(_ code: Code, hint: String? = nil) {
        self.code = code
        self.hint = hint
    }

    /// A response did not parse: what was expected, at which byte.
    public static func malformed(_ hint: String, at location: Int? = nil) -> IMAPError {
        var error = IMAPError(.malformedResponse, hint: hint)
        error.location = location
        return error
    }

    /// A limit from ``IMAPLimits`` was exceeded.
    public static func limitExceeded(_ limit: String, hint: String? = nil) -> IMAPError {
        var error = IMAPError(.limitExceeded, hint: hint)
        error.limit = limit
        return error
    }

    /// A tagged `NO`/`BAD` answer to `command`.
    public static func rejected(_ command: String, _ response: TaggedResponse) -> IMAPError {
        var error = IMAPError(.commandRejected)
        error.command = command
        error.status = response.status
        error.responseCode = response.text.code
        error.serverText = response.text.text
        return error
    }

    /// The connection closed; `hint` says why (never secrets).
    public static func closed(_ hint: String, serverText: String? = nil) -> IMAPError {
        var error = IMAPError(.connectionClosed, hint: hint)
        error.serverText = serverText
        return error
    }

    /// A human-readable summary that never contains credentials or command arguments.
    public var description: String {
        var parts = ["IMAPError.\(code)"]
        if let command { parts.append("command=\(command)") }
        if let status { parts.append("status=\(status.rawValue)") }
        if let responseCode { parts.append("code=[\(responseCode.name)]") }
        if let limit { parts.append("limit=\(limit)") }
        if let hint { parts.append("hint=\(hint)") }
        if let location { parts.append("at byte \(location)") }
        if let serverText, !serverText.isEmpty { parts.append("server: \(serverText)") }
        return parts.joined(separator: " ")
    }
}
