/// Accumulates text for `HTMLToText`: collapses whitespace, places line breaks lazily (so empty
/// blocks do not pile up blank lines), prefixes quoted lines.
struct PlainTextWriter {
    private var output: [Unicode.Scalar] = []
    private var pendingBreaks = 0
    private var pendingSpace = false
    private var atLineStart = true
    var quoteDepth = 0
    var preformatted = 0
    /// Nesting of `ul`/`ol`; items are indented two spaces per level below the first.
    var listDepth = 0

    /// Characters written so far (for link text look-back).
    var characterCount: Int { output.count + (pendingSpace && !atLineStart ? 1 : 0) }

    /// The text written since `start` (a former `characterCount`), trimmed.
    func text(since start: Int) -> String {
        guard start < output.count else { return "" }
        return String(String.UnicodeScalarView(output[start...])).trimmingASCIIWhitespace()
    }

    mutating func write(_ text: String) {
        for scalar in text.unicodeScalars {
            if preformatted > 0 {
                if scalar == "\n" { lineBreak(); flushBreaks(); continue }
                put(scalar == "\r" ? " " : scalar)
                continue
            }
            if scalar.properties.isWhitespace || scalar == "\u{A0}" {
                pendingSpace = true
            } else if scalar.value == 0x200B || scalar.value == 0x200C || scalar.value == 0xFEFF || scalar.value == 0xAD {
                continue
            } else {
                put(scalar)
            }
        }
    }

    private mutating func put(_ scalar: Unicode.Scalar) {
        flushBreaks()
        if atLineStart {
            if quoteDepth > 0 { output.append(contentsOf: String(repeating: "> ", count: quoteDepth).unicodeScalars) }
        } else if pendingSpace {
            output.append(" ")
        }
        pendingSpace = false
        atLineStart = false
        output.append(scalar)
    }

    private mutating func flushBreaks() {
        guard pendingBreaks > 0 else { return }
        if !output.isEmpty {
            for index in 0..<pendingBreaks {
                output.append("\n")
                // A blank line inside a quote is written as ">".
                if quoteDepth > 0 && index < pendingBreaks - 1 {
                    output.append(contentsOf: String(repeating: ">", count: quoteDepth).unicodeScalars)
                }
            }
        }
        pendingBreaks = 0
        atLineStart = true
        pendingSpace = false
    }

    mutating func lineBreak() {
        if atLineStart && pendingBreaks == 0 && output.last != "\n" && !output.isEmpty {
            pendingBreaks = 1
        } else {
            pendingBreaks += 1
        }
        atLineStart = true
        pendingBreaks = min(pendingBreaks, 2)
    }

    mutating func blockBreak() {
        if !atLineStart { pendingBreaks = max(pendingBreaks, 1) }
        atLineStart = true
        pendingSpace = false
    }

    mutating func paragraphBreak() {
        if !output.isEmpty { pendingBreaks = 2 }
        atLineStart = true
        pendingSpace = false
    }

    mutating func listItem() {
        blockBreak()
        for _ in 1..<max(1, listDepth) {
            put(" ")
            put(" ")
        }
        put("-")
        pendingSpace = true
    }

    mutating func cellBreak() {
        if !atLineStart { pendingSpace = true }
    }

    /// The text, trailing spaces removed from lines, at most one blank line in a row, trimmed.
    func finish() -> String {
        let lines = String(String.UnicodeScalarView(output)).split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var trimmed = line
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return trimmed
        }
        var result: [Substring] = []
        for line in lines {
            let blank = line.allSatisfy { $0 == ">" || $0 == " " }
            if blank, let last = result.last, last.allSatisfy({ $0 == ">" || $0 == " " }) { continue }
            result.append(line)
        }
        return result.joined(separator: "\n").trimmingASCIIWhitespace()
    }
}
