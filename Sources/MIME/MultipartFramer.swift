#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a multipart body at its boundary delimiter lines (RFC 2046 §5.1.1).
///
/// A delimiter line is `--boundary` at the start of a line, optionally `--` (the close delimiter),
/// then optional whitespace, then the line end. The line break before a delimiter belongs to it.
/// Tolerant: bare LF, a missing close delimiter (the last part runs to the end), whitespace after the
/// delimiter. The rest of a delimiter line must be empty, so an inner boundary that extends an outer
/// one (`abc` and `abc-1`) is never mistaken for it.
enum MultipartFramer {
    struct Result {
        var parts: [ArraySlice<UInt8>]
        /// Whether a close delimiter was seen.
        var closed: Bool
    }

    /// The parts of `body`, at most `maximumParts` of them.
    static func split(_ body: ArraySlice<UInt8>, boundary: String, maximumParts: Int) -> Result {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var closed = false
        forEachLine(body) { lineStart, lineEnd, next in
            guard let kind = delimiterKind(body[lineStart..<lineEnd], delimiter) else { return true }
            if let start = partStart {
                parts.append(body[start..<contentEnd(body, start: start, delimiterLine: lineStart)])
                if parts.count >= maximumParts {
                    closed = kind == .close
                    partStart = nil
                    return false
                }
            }
            if kind == .close {
                closed = true
                partStart = nil
                return false
            }
            partStart = next
            return true
        }
        if let start = partStart, start <= body.endIndex {
            parts.append(body[start..<body.endIndex])
        }
        return Result(parts: parts, closed: closed)
    }

    /// Calls `visit(lineStart, lineEnd, nextLineStart)` for each LF-terminated line (absolute indices;
    /// `lineEnd` is the LF or the end) until it returns false. Uses memchr, as bodies can be megabytes.
    static func forEachLine(_ body: ArraySlice<UInt8>, _ visit: (Int, Int, Int) -> Bool) {
        body.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let offset = body.startIndex
            var position = 0
            while position < buffer.count {
                let found = memchr(base + position, 10, buffer.count - position)
                let lineEnd = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? buffer.count
                let next = lineEnd < buffer.count ? lineEnd + 1 : buffer.count
                if !visit(offset + position, offset + lineEnd, offset + next) { return }
                position = next
            }
        }
    }

    private enum DelimiterKind { case open, close }

    private static func delimiterKind(_ line: ArraySlice<UInt8>, _ delimiter: [UInt8]) -> DelimiterKind? {
        guard line.count >= delimiter.count, line.starts(with: delimiter) else { return nil }
        var rest = line.dropFirst(delimiter.count)
        var kind = DelimiterKind.open
        if rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]) {
            kind = .close
            rest = rest.dropFirst(2)
        }
        guard rest.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) else { return nil }
        return kind
    }

    /// The end of a part's content: the delimiter line's start minus the preceding line break.
    private static func contentEnd(_ body: ArraySlice<UInt8>, start: Int, delimiterLine: Int) -> Int {
        var end = delimiterLine
        if end > start, body[end - 1] == 10 {
            end -= 1
            if end > start, body[end - 1] == 13 { end -= 1 }
        }
        return max(start, end)
    }

    /// A boundary guessed from the first `--token` line, for a multipart that declares none.
    static func guessBoundary(_ body: ArraySlice<UInt8>) -> String? {
        var lineStart = body.startIndex
        var lines = 0
        while lineStart < body.endIndex, lines < 200 {
            let lineEnd = body[lineStart...].firstIndex(of: 10) ?? body.endIndex
            var line = body[lineStart..<lineEnd]
            while let last = line.last, last == 13 || last == 32 || last == 9 { line = line.dropLast() }
            if line.count > 2, line.count < 200, line.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")]),
               line.dropFirst(2).allSatisfy({ $0 > 32 && $0 < 127 }) {
                return String(decoding: line.dropFirst(2), as: UTF8.self)
            }
            lineStart = lineEnd < body.endIndex ? lineEnd + 1 : body.endIndex
            lines += 1
        }
        return nil
    }
}
