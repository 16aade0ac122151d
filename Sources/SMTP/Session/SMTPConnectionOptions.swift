import NIOCore
import NIOPosix

/// How the connection is secured (RFC 8314 §3).
public enum SMTPSecurity: String, Hashable, Sendable {
    /// Implicit TLS from the first byte (submissions, port 465).
    case tls
    /// Plain connection upgraded with STARTTLS before anything else (submission, port 587, RFC 3207).
    /// The connection fails if the server does not offer STARTTLS: credentials are never sent in clear.
    case startTLS
    /// No TLS at all. Only for loopback servers; callers enforce that policy.
    case none
}

/// A time limit for each step of a session (RFC 5321 §4.5.3.2 gives the server-side minimums a client
/// should wait: 5 minutes for the greeting, MAIL and RCPT, 2 for the DATA 354, 3 per data block and 10
/// after the final dot).
///
/// A step that runs out closes the connection and throws ``SMTPError/Code/timeout``, or
/// ``SMTPError/Code/deliveryUnknown`` when the final dot had been written.
public struct SMTPTimeouts: Hashable, Sendable {
    /// TCP connect (each resolved address).
    public var connect: Duration
    /// The server's 220 greeting (§4.5.3.2.1); with implicit TLS this includes the handshake.
    public var greeting: Duration
    /// EHLO, HELO, STARTTLS, AUTH, RSET, NOOP, QUIT (the EHLO after STARTTLS includes the handshake).
    public var command: Duration
    /// MAIL FROM (§4.5.3.2.2).
    public var mailFrom: Duration
    /// Each RCPT TO (§4.5.3.2.3).
    public var rcptTo: Duration
    /// DATA until 354 (§4.5.3.2.4).
    public var dataInitiation: Duration
    /// Writing one chunk of the message (§4.5.3.2.5).
    public var dataBlock: Duration
    /// From the final dot to the 250 (§4.5.3.2.6).
    public var dataTermination: Duration

    /// Creates timeouts; every value defaults to ``default``'s.
    public init(
        connect: Duration = .seconds(15), greeting: Duration = .seconds(60),
        command: Duration = .seconds(60), mailFrom: Duration = .seconds(60), rcptTo: Duration = .seconds(60),
        dataInitiation: Duration = .seconds(60), dataBlock: Duration = .seconds(60),
        dataTermination: Duration = .seconds(120)
    ) {
        self.connect = connect
        self.greeting = greeting
        self.command = command
        self.mailFrom = mailFrom
        self.rcptTo = rcptTo
        self.dataInitiation = dataInitiation
        self.dataBlock = dataBlock
        self.dataTermination = dataTermination
    }

    /// Shorter than RFC 5321's values, so an agent's tool call does not hang for ten minutes: 15 s connect,
    /// 60 s per reply, 120 s after the final dot.
    public static let `default` = SMTPTimeouts()

    /// RFC 5321 §4.5.3.2's values exactly (greeting, MAIL and RCPT 5 min; DATA 2 min; blocks 3 min; end 10 min).
    public static let rfc5321 = SMTPTimeouts(
        connect: .seconds(30), greeting: .seconds(300), command: .seconds(300),
        mailFrom: .seconds(300), rcptTo: .seconds(300), dataInitiation: .seconds(120), dataBlock: .seconds(180),
        dataTermination: .seconds(600))

    /// The same limit for every step (tests).
    public static func uniform(_ limit: Duration) -> SMTPTimeouts {
        SMTPTimeouts(connect: limit, greeting: limit, command: limit, mailFrom: limit,
                     rcptTo: limit, dataInitiation: limit, dataBlock: limit, dataTermination: limit)
    }
}

/// Everything about a connection except the server's address and credentials.
public struct SMTPConnectionOptions: Sendable {
    /// Implicit TLS, STARTTLS or none.
    public var security: SMTPSecurity
    /// PEM text of extra CA certificates to trust besides the system's (self-hosted servers, tests).
    /// Certificates are always verified and the host name (or IP address) always checked.
    public var additionalTrustRootsPEM: String?
    /// Per-step time limits.
    public var timeouts: SMTPTimeouts
    /// Bounds on the server's replies.
    public var limits: SMTPLimits
    /// The EHLO argument; `nil` uses the address literal of our end of the connection (`[192.0.2.1]`).
    public var clientName: SMTPClientName?
    /// How many bytes of the message go into one write during DATA.
    public var dataChunkSize: Int
    /// The event loops to run on.
    public var eventLoopGroup: any EventLoopGroup

    /// Creates options; the defaults are STARTTLS, system trust roots and ``SMTPTimeouts/default``.
    public init(
        security: SMTPSecurity = .startTLS, additionalTrustRootsPEM: String? = nil,
        timeouts: SMTPTimeouts = .default, limits: SMTPLimits = .default, clientName: SMTPClientName? = nil,
        dataChunkSize: Int = 64 * 1024, eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.security = security
        self.additionalTrustRootsPEM = additionalTrustRootsPEM
        self.timeouts = timeouts
        self.limits = limits
        self.clientName = clientName
        self.dataChunkSize = max(512, dataChunkSize)
        self.eventLoopGroup = eventLoopGroup
    }
}
