import NIOCore

/// Splits the byte stream from a server into complete responses before any parsing happens.
///
/// A response is a line ending in LF (CRLF, or a bare LF from sloppy servers); a line ending in a
/// literal header `{n}` / `{n+}` / `~{n}` continues after `n` bytes of literal data (RFC 3501 §4.3,
/// RFC 3516 §4.2). Because the grammar parser only ever sees complete frames, "need more bytes"
/// never escapes it. Every size is checked against ``IMAPLimits`` while scanning, so a hostile
/// server cannot make us buffer more than the limits allow.
struct ResponseFramer {
    private var buffer = ByteBuffer()
    /// Bytes of the current frame already examined, counted from `buffer.readerIndex`.
    private var scanned = 0
    /// Where the current line began (after the last literal), counted from `buffer.readerIndex`.
    private var lineStart = 0
    /// Literal bytes still to pass through before line scanning resumes.
    private var literalRemaining = 0
    private var failure: IMAPError?
    let limits: IMAPLimits

    init(limits: IMAPLimits) {
        self.limits = limits
    }

    /// Whether bytes are buffered that do not yet form a complete response.
    var hasBufferedBytes: Bool { buffer.readableBytes > 0 }

    mutating func append(_ bytes: ByteBuffer) {
        var bytes = bytes
        if buffer.readableBytes == 0 {
            buffer.clear()
        } else if buffer.readerIndex > 1 << 20 {
            buffer.discardReadBytes()
        }
        buffer.writeBuffer(&bytes)
    }

    /// The next complete response, or `nil` until more bytes arrive.
    mutating func nextFrame() throws -> ByteBuffer? {
        if let failure { throw failure }
        do {
            return try scan()
        } catch let error as IMAPError {
            failure = error
            throw error
        }
    }

    private mutating func scan() throws -> ByteBuffer? {
        while true {
            if literalRemaining > 0 {
                let take = min(literalRemaining, buffer.readableBytes - scanned)
                scanned += take
                literalRemaining -= take
                guard literalRemaining == 0 else { return nil }
                lineStart = scanned
            }
            guard let lineFeed = findLineFeed() else {
                scanned = buffer.readableBytes
                try checkLineLength(upTo: scanned)
                return nil
            }
            try checkLineLength(upTo: lineFeed)
            scanned = lineFeed + 1
            if let size = try literalSize(lineEndingAt: lineFeed) {
                literalRemaining = size
                lineStart = scanned
                try checkResponseSize(scanned + size)
                continue
            }
            let frame = buffer.readSlice(length: scanned)
            scanned = 0
            lineStart = 0
            return frame
        }
    }

    private func findLineFeed() -> Int? {
        let view = buffer.readableBytesView
        let start = view.startIndex + scanned
        guard start < view.endIndex else { return nil }
        guard let index = view[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        return index - view.startIndex
    }

    private func checkLineLength(upTo end: Int) throws {
        if end - lineStart > limits.maxLineLength {
            throw IMAPError.limitExceeded("maxLineLength", hint: "response line longer than the limit")
        }
        try checkResponseSize(end)
    }

    private func checkResponseSize(_ size: Int) throws {
        if size > limits.maxResponseSize {
            throw IMAPError.limitExceeded("maxResponseSize", hint: "response larger than the limit")
        }
    }

    /// The size of the literal announced at the end of the line ending at `lineFeed`, if any.
    ///
    /// literal = "{" number64 ["+"] "}" CRLF *CHAR8 ; literal8 = "~{" number64 "}" CRLF *OCTET
    private func literalSize(lineEndingAt lineFeed: Int) throws -> Int? {
        var index = lineFeed - 1
        if index >= lineStart, byte(at: index) == UInt8(ascii: "\r") { index -= 1 }
        guard index >= lineStart, byte(at: index) == UInt8(ascii: "}") else { return nil }
        index -= 1
        if index >= lineStart, byte(at: index) == UInt8(ascii: "+") || byte(at: index) == UInt8(ascii: "-") {
            index -= 1
        }
        var value = 0
        var multiplier = 1
        var digits = 0
        while index >= lineStart, let digit = byte(at: index), digit >= 0x30 && digit <= 0x39 {
            digits += 1
            guard digits <= 18 else {
                throw IMAPError.limitExceeded("maxLiteralSize", hint: "literal size does not fit")
            }
            value += Int(digit - 0x30) * multiplier
            multiplier *= 10
            index -= 1
        }
        guard digits > 0, index >= lineStart, byte(at: index) == UInt8(ascii: "{") else { return nil }
        if value > limits.maxLiteralSize {
            throw IMAPError.limitExceeded("maxLiteralSize", hint: "literal larger than the limit")
        }
        return value
    }

    private func byte(at offset: Int) -> UInt8? {
        buffer.getInteger(at: buffer.readerIndex + offset, as: UInt8.self)
    }
}
