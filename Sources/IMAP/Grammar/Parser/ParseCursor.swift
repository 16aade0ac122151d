import NIOCore

/// A read position inside one complete response frame, with the token readers every grammar rule
/// builds on (RFC 3501 §4 data formats, §9 formal syntax).
///
/// Frames are complete (see ``ResponseFramer``), so running out of bytes here is a malformed
/// response, never "need more". Readers are deliberately lenient where real servers deviate
/// (extra spaces, NIL for strings, quoted numbers) and strict where leniency could desynchronize
/// the stream (literal sizes).
struct ParseCursor {
    var buffer: ByteBuffer
    private let frameStart: Int
    /// Current list nesting depth, bounded by ``IMAPLimits/maxNestingDepth``.
    private(set) var depth = 0
    let limits: IMAPLimits

    init(frame: ByteBuffer, limits: IMAPLimits) {
        self.buffer = frame
        self.frameStart = frame.readerIndex
        self.limits = limits
    }

    /// Byte offset from the start of the response, for error locations.
    var offset: Int { buffer.readerIndex - frameStart }

    /// A malformed-response error at the current position.
    func failure(_ hint: String) -> IMAPError { .malformed(hint, at: offset) }

    func peek(_ ahead: Int = 0) -> UInt8? {
        buffer.getInteger(at: buffer.readerIndex + ahead, as: UInt8.self)
    }

    mutating func advance(_ count: Int = 1) {
        buffer.moveReaderIndex(forwardBy: min(count, buffer.readableBytes))
    }

    /// Consumes the longest run of bytes satisfying `predicate` and returns it as text.
    mutating func readWhile(_ predicate: (UInt8) -> Bool) -> String {
        var length = 0
        while let byte = peek(length), predicate(byte) { length += 1 }
        return buffer.readString(length: length) ?? ""
    }

    /// The bytes consumed since `mark` (a position saved earlier in this frame).
    func bytes(since mark: Int) -> ByteBuffer {
        var copy = buffer
        copy.moveReaderIndex(to: mark)
        return copy.readSlice(length: buffer.readerIndex - mark) ?? ByteBuffer()
    }

    /// A saved position to return to with ``restore(_:)``.
    var mark: Int { buffer.readerIndex }
    mutating func restore(_ mark: Int) { buffer.moveReaderIndex(to: mark) }

    /// Whether only the line ending (and trailing spaces) remains.
    var atLineEnd: Bool {
        var index = 0
        while peek(index) == UInt8(ascii: " ") { index += 1 }
        let byte = peek(index)
        return byte == nil || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }

    /// Consumes `byte` or fails with `hint`.
    mutating func expect(_ byte: UInt8, _ hint: String) throws {
        guard peek() == byte else { throw failure(hint) }
        advance()
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        advance()
        return true
    }

    /// Skips spaces; returns whether there were any.
    @discardableResult
    mutating func skipSpaces() -> Bool {
        var skipped = false
        while peek() == UInt8(ascii: " ") { advance(); skipped = true }
        return skipped
    }

    /// `SP`, leniently one or more (Exchange sends double spaces).
    mutating func expectSpace() throws {
        guard skipSpaces() else { throw failure("expected a space") }
    }

    /// The end of the response: optional trailing spaces, then CRLF (or a bare LF).
    mutating func expectLineEnd() throws {
        skipSpaces()
        _ = consume(UInt8(ascii: "\r"))
        guard consume(UInt8(ascii: "\n")), buffer.readableBytes == 0 else {
            throw failure("expected the end of the response")
        }
    }

    /// Consumes `keyword` case-insensitively if it is next and not followed by more atom characters.
    mutating func consumeKeyword(_ keyword: String) -> Bool {
        let bytes = Array(keyword.utf8)
        for (index, expected) in bytes.enumerated() {
            guard let actual = peek(index), ParseCursor.lower(actual) == ParseCursor.lower(expected) else { return false }
        }
        if let next = peek(bytes.count), ParseCursor.isAtomChar(next, allowBracket: false) { return false }
        advance(bytes.count)
        return true
    }

    /// Consumes the exact case-insensitive prefix `text` (no word-boundary check).
    mutating func consumePrefix(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        for (index, expected) in bytes.enumerated() {
            guard let actual = peek(index), ParseCursor.lower(actual) == ParseCursor.lower(expected) else { return false }
        }
        advance(bytes.count)
        return true
    }

    // MARK: Lists

    /// `"("`, counting nesting depth against the limit.
    mutating func enterList() throws {
        try expect(UInt8(ascii: "("), "expected '('")
        depth += 1
        if depth > limits.maxNestingDepth {
            throw IMAPError.limitExceeded("maxNestingDepth", hint: "lists nested too deeply")
        }
        skipSpaces()
    }

    /// `")"`, tolerating spaces before it.
    mutating func exitList() throws {
        skipSpaces()
        try expect(UInt8(ascii: ")"), "expected ')'")
        depth -= 1
    }

    /// Whether the next non-space byte closes the current list.
    mutating func atListEnd() -> Bool {
        let saved = mark
        skipSpaces()
        if peek() == UInt8(ascii: ")") { return true }
        restore(saved)
        return false
    }

    /// Parses `"(" [item *(SP item)] ")"`, tolerating missing or extra spaces between items.
    mutating func parseList<T>(_ item: (inout ParseCursor) throws -> T) throws -> [T] {
        try enterList()
        var items: [T] = []
        while !atListEnd() {
            let before = mark
            items.append(try item(&self))
            skipSpaces()
            guard peek() != nil, mark > before else { throw failure("unterminated list") }
        }
        try exitList()
        return items
    }

    // MARK: Character classes

    /// ASCII lower-casing of one byte.
    static func lower(_ byte: UInt8) -> UInt8 {
        (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
    }

    /// ATOM-CHAR, leniently: any byte above SP except DEL and atom-specials `( ) { " \`, `%`/`*` allowed,
    /// `]` only when `allowBracket` (Gmail sends `[Gmail]/…` as astrings). 8-bit bytes are allowed
    /// for UTF8=ACCEPT servers.
    static func isAtomChar(_ byte: UInt8, allowBracket: Bool) -> Bool {
        switch byte {
        case 0...0x20, 0x7F: return false
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "\""), UInt8(ascii: "\\"): return false
        case UInt8(ascii: "]"): return allowBracket
        default: return true
        }
    }
}
