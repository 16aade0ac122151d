import NIOCore

/// Turns typed ``Command`` values into bytes for the wire (RFC 3501 §6, §9).
///
/// The encoder is where injection is prevented: every user string goes through
/// ``CommandWriter/string(_:)`` (quoted or literal, CR/LF/NUL refused), and every atom-like value
/// (flags, header names, capabilities) is validated. `LOGIN`/`AUTHENTICATE` arguments are redacted
/// in ``EncodedCommand/trace``.
///
/// ```swift
/// let encoder = CommandEncoder(options: .init(capabilities: caps))
/// let command = try encoder.encode(.uidSearch(.and([.unseen, .from("alice")]), returnOptions: []), tag: "A7")
/// // "A7 UID SEARCH UNSEEN FROM \"alice\"\r\n"
/// ```
public struct CommandEncoder: Sendable {
    /// What the server lets us use, derived from its capabilities.
    public struct Options: Hashable, Sendable {
        /// LITERAL+ (RFC 7888): all literals may be non-synchronizing.
        public var literalPlus: Bool
        /// LITERAL- (RFC 7888): literals up to 4096 bytes may be non-synchronizing.
        public var literalMinus: Bool
        /// UTF8=ACCEPT is enabled: no `CHARSET` in SEARCH (RFC 6855 §3).
        public var utf8Accept: Bool
        /// SASL-IR (RFC 4959): the initial SASL response goes on the AUTHENTICATE line.
        public var saslIR: Bool

        /// Explicit options; all off by default (always safe).
        public init(literalPlus: Bool = false, literalMinus: Bool = false, utf8Accept: Bool = false, saslIR: Bool = false) {
            self.literalPlus = literalPlus
            self.literalMinus = literalMinus
            self.utf8Accept = utf8Accept
            self.saslIR = saslIR
        }

        /// Options from advertised capabilities; `utf8Enabled` after a successful `ENABLE UTF8=ACCEPT`.
        public init(capabilities: Set<Capability>, utf8Enabled: Bool = false) {
            self.init(literalPlus: capabilities.contains(.literalPlus),
                      literalMinus: capabilities.contains(.literalMinus),
                      utf8Accept: utf8Enabled, saslIR: capabilities.contains(.saslIR))
        }
    }

    /// The options in force.
    public var options: Options

    /// Creates an encoder.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The line that ends an `IDLE` (RFC 2177).
    public static var idleDone: ByteBuffer { ByteBuffer(string: "DONE\r\n") }

    /// Encodes `command` with `tag`.
    /// - Throws: ``IMAPError`` with code ``IMAPError/Code/invalidArgument`` when a value cannot be sent safely.
    public func encode(_ command: Command, tag: String) throws -> EncodedCommand {
        var writer = CommandWriter(options: options)
        try writer.atom(tag, what: "tag")
        guard !tag.contains("+") else { throw IMAPError(.invalidArgument, hint: "tag contains '+'") }
        writer.space()
        try encodeBody(command, into: &writer)
        let trace = writer.trace
        let chunks = writer.finish()
        return EncodedCommand(tag: tag, name: command.name, chunks: chunks, trace: trace)
    }

    private func encodeBody(_ command: Command, into writer: inout CommandWriter) throws {
        switch command {
        case .capability, .noop, .logout, .startTLS, .expunge, .close, .unselect, .idle:
            writer.raw(command.name)
        case .login(let username, let password):
            writer.raw("LOGIN ")
            writer.redacting = true
            try writer.string(username)
            writer.space()
            try writer.string(password)
        case .authenticate(let mechanism, let initialResponse):
            try encodeAuthenticate(mechanism: mechanism, initialResponse: initialResponse, into: &writer)
        case .enable(let capabilities):
            writer.raw("ENABLE")
            for capability in capabilities {
                writer.space()
                try writer.atom(capability.rawValue, what: "capability")
            }
        case .id(let fields):
            try encodeID(fields, into: &writer)
        default:
            try encodeMailboxCommand(command, into: &writer)
        }
    }

    // authenticate = "AUTHENTICATE" SP auth-type [SP initial-resp] *(CRLF base64)
    private func encodeAuthenticate(mechanism: String, initialResponse: [UInt8]?, into writer: inout CommandWriter) throws {
        writer.raw("AUTHENTICATE ")
        try writer.atom(mechanism, what: "SASL mechanism")
        guard let initialResponse else { return }
        let encoded = initialResponse.isEmpty ? "=" : Base64.encode(initialResponse)
        if options.saslIR {
            writer.raw(" ")
        } else {
            writer.raw("\r\n")
            writer.endChunk()
        }
        writer.redacting = true
        writer.rawRedacted(encoded)
    }

    // id = "ID" SP id-params-list ; id-params-list = "(" *(string SP nstring) ")" / nil
    private func encodeID(_ fields: [IDField]?, into writer: inout CommandWriter) throws {
        writer.raw("ID ")
        guard let fields else { return writer.raw("NIL") }
        writer.raw("(")
        for (index, field) in fields.enumerated() {
            if index > 0 { writer.space() }
            try writer.string(field.name)
            writer.space()
            if let value = field.value { try writer.string(value) } else { writer.raw("NIL") }
        }
        writer.raw(")")
    }
}
