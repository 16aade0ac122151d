import NIOCore

extension ParseCursor {
    // atom = 1*ATOM-CHAR
    mutating func parseAtom(allowBracket: Bool = false) throws -> String {
        let atom = readWhile { ParseCursor.isAtomChar($0, allowBracket: allowBracket) }
        guard !atom.isEmpty else { throw failure("expected an atom") }
        return atom
    }

    // number = 1*DIGIT ; number64 = 1*DIGIT (RFC 9051)
    mutating func parseNumber() throws -> UInt64 {
        var value: UInt64 = 0
        var digits = 0
        while let byte = peek(), byte >= 0x30 && byte <= 0x39 {
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(UInt64(byte - 0x30))
            guard !overflow1, !overflow2 else { throw failure("number too large") }
            value = sum
            digits += 1
            advance()
        }
        guard digits > 0 else { throw failure("expected a number") }
        return value
    }

    /// A 32-bit `number` / `nz-number` (message numbers, UIDs, counts).
    mutating func parseNumber32() throws -> UInt32 {
        let value = try parseNumber()
        guard let small = UInt32(exactly: value) else { throw failure("number does not fit 32 bits") }
        return small
    }

    // quoted = DQUOTE *QUOTED-CHAR DQUOTE ; QUOTED-CHAR = <any TEXT-CHAR except quoted-specials> / "\" quoted-specials
    mutating func parseQuoted() throws -> ByteBuffer {
        try expect(UInt8(ascii: "\""), "expected a quoted string")
        // Fast path: most quoted strings have no escapes, so they are returned as a slice of the frame
        // (no copy); the first backslash switches to copying byte by byte.
        var length = 0
        let view = buffer.readableBytesView
        for byte in view {
            switch byte {
            case UInt8(ascii: "\""):
                let slice = buffer.readSlice(length: length)!
                advance()
                return slice
            case UInt8(ascii: "\\"):
                return try parseQuotedEscaped(prefixLength: length)
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                advance(length)
                throw failure("line break inside a quoted string")
            default:
                length += 1
            }
        }
        advance(length)
        throw failure("unterminated quoted string")
    }

    /// The rest of a quoted string after `prefixLength` plain bytes, once a backslash was seen.
    private mutating func parseQuotedEscaped(prefixLength: Int) throws -> ByteBuffer {
        var out = buffer.readSlice(length: prefixLength)!
        while true {
            guard let byte = peek() else { throw failure("unterminated quoted string") }
            advance()
            switch byte {
            case UInt8(ascii: "\""):
                return out
            case UInt8(ascii: "\\"):
                // Lenient: a backslash before any character yields that character.
                guard let escaped = peek() else { throw failure("unterminated quoted string") }
                advance()
                out.writeInteger(escaped)
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                throw failure("line break inside a quoted string")
            default:
                out.writeInteger(byte)
            }
        }
    }

    // literal = "{" number64 ["+"] "}" CRLF *CHAR8 ; literal8 = "~{" number64 "}" CRLF *OCTET
    mutating func parseLiteral() throws -> ByteBuffer {
        _ = consume(UInt8(ascii: "~"))
        try expect(UInt8(ascii: "{"), "expected a literal")
        let size = try parseNumber()
        _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
        try expect(UInt8(ascii: "}"), "expected '}' after the literal size")
        _ = consume(UInt8(ascii: "\r"))
        try expect(UInt8(ascii: "\n"), "expected a line break after the literal size")
        guard size <= UInt64(limits.maxLiteralSize) else {
            throw IMAPError.limitExceeded("maxLiteralSize", hint: "literal larger than the limit")
        }
        guard let data = buffer.readSlice(length: Int(size)) else { throw failure("literal shorter than announced") }
        return data
    }

    // string = quoted / literal
    mutating func parseString() throws -> ByteBuffer {
        switch peek() {
        case UInt8(ascii: "\""): return try parseQuoted()
        case UInt8(ascii: "{"), UInt8(ascii: "~"): return try parseLiteral()
        default: throw failure("expected a string")
        }
    }

    // nil = "NIL"
    mutating func parseNil() -> Bool { consumeKeyword("NIL") }

    // nstring = string / nil
    mutating func parseNString() throws -> ByteBuffer? {
        if parseNil() { return nil }
        return try parseString()
    }

    /// `nstring` decoded as text; tolerant of an atom where a string belongs.
    mutating func parseNStringText() throws -> String? {
        if parseNil() { return nil }
        if let byte = peek(), byte != UInt8(ascii: "\""), byte != UInt8(ascii: "{"), byte != UInt8(ascii: "~") {
            return try parseAtom(allowBracket: true)
        }
        return ParseCursor.text(try parseString())
    }

    // astring = 1*ASTRING-CHAR / string ; ASTRING-CHAR = ATOM-CHAR / resp-specials
    mutating func parseAString() throws -> ByteBuffer {
        switch peek() {
        case UInt8(ascii: "\""), UInt8(ascii: "{"), UInt8(ascii: "~"): return try parseString()
        default:
            var out = ByteBuffer()
            out.writeString(try parseAtom(allowBracket: true))
            return out
        }
    }

    /// `astring` decoded as text.
    mutating func parseAStringText() throws -> String { ParseCursor.text(try parseAString()) }

    /// The rest of the line up to (not including) CRLF, as raw bytes.
    mutating func parseRestOfLine() -> ByteBuffer {
        let view = buffer.readableBytesView
        let end = view.firstIndex(where: { $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\n") }) ?? view.endIndex
        return buffer.readSlice(length: end - view.startIndex) ?? ByteBuffer()
    }

    /// Bytes as text: UTF-8 when valid, otherwise ISO-8859-1 so no byte is lost.
    static func text(_ bytes: ByteBuffer) -> String {
        let view = bytes.readableBytesView
        if let string = String(validating: view, as: UTF8.self) { return string }
        return String(String.UnicodeScalarView(view.map { Unicode.Scalar($0) }))
    }
}
