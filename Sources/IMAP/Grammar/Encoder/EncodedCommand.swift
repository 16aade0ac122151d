import NIOCore

/// A command ready for the wire, split where the server must say `+` before we go on.
///
/// ``chunks``[0] is sent at once; every later chunk is sent only after a continuation request
/// (a synchronizing literal `{n}` ends the chunk before it, RFC 3501 §7.5; so does a SASL exchange
/// without SASL-IR). With LITERAL+/LITERAL- (RFC 7888) literals do not split the command.
public struct EncodedCommand: Sendable {
    /// The tag that will complete this command.
    public var tag: String
    /// The command name for logs and errors, e.g. `UID FETCH`.
    public var name: String
    /// The bytes to send, in order; see the type's documentation for when each goes out.
    public var chunks: [ByteBuffer]
    /// The command for protocol traces: credentials replaced by `<redacted>`, literal payloads
    /// by their size.
    public var trace: String
}
