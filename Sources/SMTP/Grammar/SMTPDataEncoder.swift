import Foundation
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

    /// Copies runs between line breaks in one piece; `memchr` keeps this fast even in debug builds.
    private mutating func encode(_ bytes: UnsafeRawBufferPointer, into buffer: inout ByteBuffer) {
        buffer.reserveCapacity(minimumWritableBytes: bytes.count + bytes.count / 64 + 8)
        var index = 0
        while index < bytes.count {
            if pendingCR {
                pendingCR = false
                buffer.writeStaticString("\r\n")
                atLineStart = true
                if bytes[index] == 0x0A {
                    index += 1
                    continue
                }
            }
            if atLineStart, bytes[index] == UInt8(ascii: ".") {
                buffer.writeStaticString("..")
                atLineStart = false
                index += 1
                continue
            }
            let lineBreak = Self.firstLineBreak(in: bytes, from: index)
            if lineBreak > index {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[index..<lineBreak]))
                atLineStart = false
            }
            guard lineBreak < bytes.count else { return }
            if bytes[lineBreak] == 0x0A {
                buffer.writeStaticString("\r\n")
                atLineStart = true
            } else {
                pendingCR = true
            }
            index = lineBreak + 1
        }
    }

    /// The index of the first CR or LF at or after `start`, or `bytes.count`.
    private static func firstLineBreak(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count else { return bytes.count }
        let lf = memchr(base + start, 0x0A, bytes.count - start).map { $0 - UnsafeMutableRawPointer(mutating: base) }
            ?? bytes.count
        let cr = memchr(base + start, 0x0D, lf - start).map { $0 - UnsafeMutableRawPointer(mutating: base) } ?? lf
        return min(cr, lf)
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
        let scanned: (Bool, Bool)? = message.withContiguousStorageIfAvailable { bytes in
            Self.scan(UnsafeRawBufferPointer(bytes))
        }
        let (eightBit, eightBitHeaders) = scanned ?? Array(message).withUnsafeBytes { Self.scan($0) }
        hasEightBitData = eightBit
        hasEightBitHeaders = eightBitHeaders
    }

    private static func scan(_ bytes: UnsafeRawBufferPointer) -> (eightBit: Bool, inHeaders: Bool) {
        let headerEnd = headerSectionEnd(bytes)
        if hasEightBit(UnsafeRawBufferPointer(rebasing: bytes[0..<headerEnd])) { return (true, true) }
        return (hasEightBit(UnsafeRawBufferPointer(rebasing: bytes[headerEnd...])), false)
    }

    /// The offset just after the empty line that ends the headers (LF LF or LF CR LF), or the end.
    private static func headerSectionEnd(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        if bytes.first == 0x0A { return 1 }
        if bytes.count >= 2, bytes[0] == 0x0D, bytes[1] == 0x0A { return 2 }
        var index = 0
        while index < bytes.count {
            guard let found = memchr(base + index, 0x0A, bytes.count - index) else { return bytes.count }
            let lf = UnsafeRawPointer(found) - base
            if lf + 1 < bytes.count, bytes[lf + 1] == 0x0A { return lf + 2 }
            if lf + 2 < bytes.count, bytes[lf + 1] == 0x0D, bytes[lf + 2] == 0x0A { return lf + 3 }
            index = lf + 1
        }
        return bytes.count
    }

    /// Whether any byte is above 127, testing eight bytes at a time.
    private static func hasEightBit(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return true }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return true }
            index += 1
        }
        return false
    }
}
