import NIOCore

/// A command ready for the wire, split where the server must say `+` before we go on.
///
/// ``chunks``[0] is sent at once; every later chunk is sent only after a continuation request
/// (a synchronizing literal `{n}` ends the chunk before it, RFC 3501 §7.5; so does a SASL exchange
/// without SASL-IR). With LITERAL+/LITERAL- (RFC 7888) literals do not split the command.
/// Within a chunk, a literal over 4096 octets (an APPENDed message) is a ``Chunk/Part/literal(_:)`` of
/// its own, so the message is never copied into the command text:
///
/// ```
/// APPEND Sent (\Seen) {14350011+}\r\n   <14 MB literal, written in slices>   \r\n
/// ```
public struct EncodedCommand: Sendable {
    /// The tag that will complete this command.
    public var tag: String
    /// The command name for logs and errors, e.g. `UID FETCH`.
    public var name: String
    /// The bytes to send, in order; see the type's documentation for when each goes out.
    public var chunks: [Chunk]
    /// The command for protocol traces: credentials replaced by `<redacted>`, literal payloads
    /// by their size.
    public var trace: String

    /// What goes out at once: command text and, between, message literals that were not copied into it.
    public struct Chunk: Hashable, Sendable {
        /// One stretch of bytes.
        public enum Part: Hashable, Sendable {
            /// Command text (with any small literal inside it).
            case text(ByteBuffer)
            /// A message literal's octets, written in slices (see ``LiteralBytes``).
            case literal(LiteralBytes)
        }

        /// The parts, written back to back.
        public var parts: [Part]

        /// A chunk of command text only.
        public init(_ text: ByteBuffer) {
            parts = [.text(text)]
        }

        /// A chunk of these parts.
        public init(parts: [Part]) {
            self.parts = parts
        }

        /// The chunk's octets in one array: a copy, for tests and diagnostics (the connection writes the
        /// parts without joining them).
        public var bytes: [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(count)
            for part in parts {
                switch part {
                case .text(let text): bytes += text.readableBytesView
                case .literal(let literal): bytes += literal.slice(0..<literal.count).readableBytesView
                }
            }
            return bytes
        }

        /// How many octets the chunk holds.
        public var count: Int {
            parts.reduce(0) { total, part in
                switch part {
                case .text(let text): total + text.readableBytes
                case .literal(let literal): total + literal.count
                }
            }
        }
    }
}
