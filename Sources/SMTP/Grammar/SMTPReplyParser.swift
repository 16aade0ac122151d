import NIOCore

/// An incremental parser for SMTP replies (RFC 5321 §4.2), fed whatever bytes arrived.
///
/// ```
/// Reply-line = *( Reply-code "-" [ textstring ] CRLF )
///              Reply-code [ SP textstring ] CRLF
/// Reply-code = %x32-35 %x30-35 %x30-39
/// ```
/// ``parse(_:)`` consumes complete lines from the buffer and returns a reply once its last line
/// (`250 …`) arrived; a partial line stays in the buffer for the next call. Lines ending in a bare LF are
/// accepted (some servers send them); the text may be any bytes and is decoded as UTF-8 with replacement.
///
/// ```swift
/// var parser = SMTPReplyParser()
/// var buffer = ByteBuffer(string: "250-mail.example.org\r\n250 SIZE 10\r\n")
/// let reply = try parser.parse(&buffer)  // SMTPReply(code: 250, lines: ["mail.example.org", "SIZE 10"])
/// ```
public struct SMTPReplyParser: Sendable {
    private let limits: SMTPLimits
    private var code: Int?
    private var lines: [String] = []

    /// Creates a parser with the given bounds.
    public init(limits: SMTPLimits = .default) {
        self.limits = limits
    }

    /// Whether part of a multi-line reply has been read and the rest is awaited.
    public var isInsideReply: Bool { code != nil }

    /// Reads lines from `buffer` until one reply is complete.
    ///
    /// - Returns: the reply, or `nil` when more bytes are needed (the unread bytes stay in `buffer`).
    /// - Throws: ``SMTPError/Code/malformedReply`` for a bad code or separator, a code that changes inside
    ///   a multi-line reply, or a line or line count over ``SMTPLimits``.
    public mutating func parse(_ buffer: inout ByteBuffer) throws -> SMTPReply? {
        while let line = try readLine(&buffer) {
            let (lineCode, isLast, text) = try Self.replyLine(line)
            if let code, code != lineCode {
                throw SMTPError.malformed("reply code changed inside a multi-line reply")
            }
            code = lineCode
            lines.append(text)
            if lines.count > limits.maxReplyLines {
                throw SMTPError.malformed("reply has more than \(limits.maxReplyLines) lines")
            }
            if isLast {
                let reply = SMTPReply(code: lineCode, lines: lines)
                code = nil
                lines = []
                return reply
            }
        }
        return nil
    }

    /// The bytes of the next complete line without its line ending, or `nil` when no LF has arrived yet.
    private func readLine(_ buffer: inout ByteBuffer) throws -> [UInt8]? {
        let view = buffer.readableBytesView
        guard let lf = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count >= limits.maxReplyLineLength {
                throw SMTPError.malformed("reply line longer than \(limits.maxReplyLineLength) octets")
            }
            return nil
        }
        let length = lf - view.startIndex + 1
        if length > limits.maxReplyLineLength {
            throw SMTPError.malformed("reply line longer than \(limits.maxReplyLineLength) octets")
        }
        guard var bytes = buffer.readBytes(length: length) else { return nil }
        bytes.removeLast()
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        return bytes
    }

    /// Splits one line into its code, whether it is the last line, and its text.
    ///
    /// `Reply-code ( "-" / SP / end ) textstring`
    private static func replyLine(_ line: [UInt8]) throws -> (code: Int, isLast: Bool, text: String) {
        guard line.count >= 3,
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(line[0]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[1]),
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[2])
        else { throw SMTPError.malformed("reply line does not start with a code 200-599") }
        let code = Int(line[0] - 48) * 100 + Int(line[1] - 48) * 10 + Int(line[2] - 48)
        guard line.count > 3 else { return (code, true, "") }
        let isLast: Bool
        switch line[3] {
        case UInt8(ascii: " "): isLast = true
        case UInt8(ascii: "-"): isLast = false
        default: throw SMTPError.malformed("reply code not followed by a space or hyphen")
        }
        let text = String(decoding: line[4...], as: UTF8.self)
        return (code, isLast, text)
    }
}
