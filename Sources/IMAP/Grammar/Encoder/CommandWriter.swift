import NIOCore

/// Accumulates one command's bytes and its redacted trace, choosing how each string travels.
///
/// Strings go out as quoted strings when they are printable ASCII without `"` or `\`, otherwise as
/// literals: non-synchronizing (`{n+}`) when LITERAL+ (or LITERAL- up to 4096 bytes) is available,
/// else synchronizing (`{n}`), which ends the current chunk. CR, LF and NUL are refused outright,
/// so no user string can end the command line or smuggle in a literal header.
struct CommandWriter {
    /// Literals up to this size are copied into the command text; larger ones travel as their own part.
    static let inlineLiteralLimit = 4096

    let options: CommandEncoder.Options
    private(set) var chunks: [EncodedCommand.Chunk] = []
    /// Parts of the chunk being written, before ``current``.
    private var parts: [EncodedCommand.Chunk.Part] = []
    private var current = ByteBuffer()
    private(set) var trace = ""
    /// While set, strings appear in the trace as `<redacted>`.
    var redacting = false

    init(options: CommandEncoder.Options) {
        self.options = options
    }

    /// Protocol text we generate ourselves (keywords, numbers, sets), written as is.
    mutating func raw(_ text: String) {
        current.writeString(text)
        trace += text
    }

    mutating func space() { raw(" ") }

    /// Protocol text that must not appear in traces (a SASL response).
    mutating func rawRedacted(_ text: String) {
        current.writeString(text)
        trace += "<redacted>"
    }

    /// A user-supplied string (`astring`/`string`): quoted or literal, never raw.
    mutating func string(_ text: String) throws {
        try string(bytes: Array(text.utf8))
    }

    mutating func string(bytes: [UInt8]) throws {
        if bytes.contains(where: { $0 == 0x0D || $0 == 0x0A }) {
            throw IMAPError(.invalidArgument, hint: "string contains CR or LF")
        }
        if bytes.contains(0) {
            throw IMAPError(.invalidArgument, hint: "string contains NUL")
        }
        if bytes.allSatisfy(CommandWriter.isQuotable) {
            current.writeInteger(UInt8(ascii: "\""))
            current.writeBytes(bytes)
            current.writeInteger(UInt8(ascii: "\""))
            trace += redacting ? "<redacted>" : "\"\(String(decoding: bytes, as: UTF8.self))\""
        } else {
            literal(LiteralBytes(bytes), traceText: redacting ? "<redacted>" : String(decoding: bytes, as: UTF8.self))
        }
    }

    /// A literal with the given payload (e.g. an APPENDed message). A large payload is not copied: it
    /// becomes a part of its own between the command text around it.
    mutating func literal(_ payload: LiteralBytes, traceText: String) {
        let size = payload.count
        let nonSynchronizing = options.literalPlus || (options.literalMinus && size <= 4096)
        raw(nonSynchronizing ? "{\(size)+}\r\n" : "{\(size)}\r\n")
        if !nonSynchronizing { endChunk() }
        if size <= Self.inlineLiteralLimit {
            payload.write(into: &current)
        } else {
            endText()
            parts.append(.literal(payload))
        }
        trace += traceText
    }

    /// Moves the command text written so far into the chunk's parts.
    private mutating func endText() {
        if current.readableBytes > 0 { parts.append(.text(current)) }
        current = ByteBuffer()
    }

    /// Ends the current chunk: what follows waits for a continuation request.
    mutating func endChunk() {
        endText()
        chunks.append(EncodedCommand.Chunk(parts: parts))
        parts = []
    }

    /// Ends the command with CRLF and returns its chunks.
    mutating func finish() -> [EncodedCommand.Chunk] {
        current.writeString("\r\n")
        endChunk()
        return chunks
    }

    /// Printable ASCII except the quoted-specials `"` and `\`.
    static func isQuotable(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte <= 0x7E && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// ATOM-CHAR strictly: printable ASCII except `( ) { SP % * " \ ]`.
    static func isStrictAtomChar(_ byte: UInt8) -> Bool {
        guard byte > 0x20 && byte < 0x7F else { return false }
        return !"(){%*\"\\]".utf8.contains(byte)
    }

    /// Validates and writes an atom we did not generate (flag, capability, header name, mechanism).
    mutating func atom(_ text: String, what: String, allowLeadingBackslash: Bool = false) throws {
        var bytes = Array(text.utf8)[...]
        if allowLeadingBackslash, bytes.first == UInt8(ascii: "\\") { bytes = bytes.dropFirst() }
        guard !bytes.isEmpty, bytes.allSatisfy(CommandWriter.isStrictAtomChar) else {
            throw IMAPError(.invalidArgument, hint: "\(what) is not a valid atom")
        }
        raw(text)
    }
}
