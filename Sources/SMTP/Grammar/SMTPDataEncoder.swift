import NIOCore

/// Turns message bytes into the DATA stream (RFC 5321 §4.5.2), chunk by chunk, without holding a copy of
/// the whole message.
///
/// - A line starting with `.` gets a second `.` (dot-stuffing), so the server cannot mistake it for the end.
/// - Every line ending becomes CRLF: a bare LF or a bare CR is written as CRLF, so the stream can never
///   contain `<LF>.<LF>` or similar sequences that some servers read as the end of data ("SMTP smuggling").
/// - ``finish(into:)`` ends the last line if needed and writes the terminating `.` CRLF.
///
/// ```
/// "Hi\r\n.hidden\r\nbye"  →  "Hi\r\n..hidden\r\nbye\r\n.\r\n"
/// ```
public struct SMTPDataEncoder: Sendable {
    private var atLineStart = true
    private var pendingCR = false

    /// Creates an encoder positioned at the start of the message.
    public init() {}

    /// Encodes the next chunk of the message into `buffer`.
    public mutating func encode(_ chunk: some Collection<UInt8>, into buffer: inout ByteBuffer) {
        let handled: Void? = chunk.withContiguousStorageIfAvailable { bytes in
            encode(UnsafeRawBufferPointer(bytes), into: &buffer)
        }
        if handled == nil {
            let copy = Array(chunk)
            copy.withUnsafeBytes { encode($0, into: &buffer) }
        }
    }

    /// Ends the message: completes an unfinished last line, then writes `.` CRLF.
    public mutating func finish(into buffer: inout ByteBuffer) {
        if pendingCR || !atLineStart { buffer.writeStaticString("\r\n") }
        buffer.writeStaticString(".\r\n")
        pendingCR = false
        atLineStart = true
    }

    private mutating func encode(_ bytes: UnsafeRawBufferPointer, into buffer: inout ByteBuffer) {
        buffer.reserveCapacity(minimumWritableBytes: bytes.count + bytes.count / 64 + 8)
        var runStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let special = byte == 0x0D || byte == 0x0A || (atLineStart && byte == UInt8(ascii: "."))
            if !special && !pendingCR {
                atLineStart = false
                index += 1
                continue
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            handle(byte, into: &buffer)
            index += 1
            runStart = index
        }
        buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
    }

    /// Writes one byte that is a line ending, a leading dot, or follows a CR.
    private mutating func handle(_ byte: UInt8, into buffer: inout ByteBuffer) {
        if pendingCR {
            pendingCR = false
            buffer.writeStaticString("\r\n")
            atLineStart = true
            if byte == 0x0A { return }
        }
        switch byte {
        case 0x0D:
            pendingCR = true
        case 0x0A:
            buffer.writeStaticString("\r\n")
            atLineStart = true
        case UInt8(ascii: ".") where atLineStart:
            buffer.writeStaticString("..")
            atLineStart = false
        default:
            buffer.writeInteger(byte)
            atLineStart = false
        }
    }
}

/// What a message needs from the server, found by one scan of its bytes.
public struct MessageRequirements: Hashable, Sendable {
    /// A byte above 127 anywhere: declare `BODY=8BITMIME` (RFC 6152).
    public let hasEightBitData: Bool
    /// A byte above 127 in the header section: needs `SMTPUTF8` (RFC 6531 §3.2).
    public let hasEightBitHeaders: Bool

    /// Scans `message`: the header section ends at the first empty line.
    public init(message: some Collection<UInt8>) {
        var inHeaders = true
        var previous: UInt8 = 0x0A
        var previousButOne: UInt8 = 0
        var eightBit = false
        var eightBitHeaders = false
        for byte in message {
            if byte >= 0x80 {
                eightBit = true
                eightBitHeaders = inHeaders
                break
            }
            if inHeaders, byte == 0x0A, previous == 0x0A || (previous == 0x0D && previousButOne == 0x0A) {
                inHeaders = false
            }
            previousButOne = previous
            previous = byte
        }
        hasEightBitData = eightBit
        hasEightBitHeaders = eightBitHeaders
    }
}
