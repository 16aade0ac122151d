import MailCore

/// The short preview shown in `list_inbox` summaries.
public enum Snippet {
    /// A one-line preview of `text`: whitespace collapsed, at most `limit` characters (an ellipsis marks
    /// a cut, made at a word boundary when one is near). With `dropQuotedReplies`, quoted lines (`> …`)
    /// and everything after an attribution (`On … wrote:`, `-----Original Message-----`) are left out
    /// unless nothing else remains.
    public static func make(from text: String, limit: Int = MessageSummary.snippetLimit, dropQuotedReplies: Bool = true) -> String {
        guard limit > 0 else { return "" }
        var collapsed = Collapser(stopAfter: limit + 1)
        if dropQuotedReplies {
            collapsed.feedOwnLines(of: text)
            // Nothing but quotes (or space): show the quotes rather than nothing.
            if collapsed.isEmpty { collapsed = Collapser(stopAfter: limit + 1) }
        }
        if collapsed.isEmpty { collapsed.feed(text.unicodeScalars) }
        let preview = collapsed.text
        guard preview.count > limit else { return preview }
        var cut = String(preview.prefix(limit - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < 20, space > cut.startIndex {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }

    // The markers are ASCII, so lines are compared as UTF-8 bytes: no Unicode-aware string comparison
    // per line (this runs for every message of every list_inbox page).
    private static let forwardedMarkers: [[UInt8]] = [Array("-----Original Message-----".utf8), Array("________________________________".utf8)]
    private static let attributionStart = Array("On ".utf8)
    private static let attributionEnd = Array("wrote:".utf8)

    /// Whether `line` ends the author's own text: a forwarded-message marker or an `On … wrote:` attribution.
    private static func endsOwnText(_ line: Substring.UTF8View) -> Bool {
        let bytes = line.drop { $0 == 0x20 || $0 == 0x09 }
        if forwardedMarkers.contains(where: { bytes.starts(with: $0) }) { return true }
        return bytes.starts(with: attributionStart) && bytes.reversed().starts(with: attributionEnd.reversed())
    }

    private static func isQuoted(_ line: Substring.UTF8View) -> Bool {
        line.first { $0 != 0x20 && $0 != 0x09 } == UInt8(ascii: ">")
    }

    /// Collapses white space while text is fed in, and stops taking text once the preview is long enough,
    /// so a long body costs no more than its first few hundred characters.
    private struct Collapser {
        let stopAfter: Int
        private var result = String.UnicodeScalarView()
        private var produced = 0
        private var pendingSpace = false
        private(set) var isFull = false

        init(stopAfter: Int) { self.stopAfter = stopAfter }

        var isEmpty: Bool { result.isEmpty }
        var text: String { String(result) }

        /// The lines of `text` up to the first attribution or forwarded marker, quoted lines left out.
        mutating func feedOwnLines(of text: String) {
            let utf8 = text.utf8
            var start = utf8.startIndex
            while !isFull {
                let end = utf8[start...].firstIndex(of: 0x0A) ?? utf8.endIndex
                let line = text[start..<end]
                if Snippet.endsOwnText(line.utf8) { return }
                if !Snippet.isQuoted(line.utf8) {
                    feed(line.unicodeScalars)
                    feed(CollectionOfOne(Unicode.Scalar(0x0A)))
                }
                guard end < utf8.endIndex else { return }
                start = utf8.index(after: end)
            }
        }

        /// Whitespace runs become one space; stops once `stopAfter` characters are out. Works on Unicode
        /// scalars (no grapheme breaking per character) and checks the character count only once enough
        /// scalars are out, so a combining mark is never separated from its base.
        mutating func feed(_ scalars: some Sequence<Unicode.Scalar>) {
            for scalar in scalars {
                if isFull { return }
                if Snippet.isSpace(scalar) {
                    pendingSpace = !result.isEmpty
                    continue
                }
                if Snippet.isInvisible(scalar) { continue }
                if pendingSpace {
                    if produced >= stopAfter, String(result).count >= stopAfter { isFull = true; return }
                    result.append(" ")
                    produced += 1
                    pendingSpace = false
                }
                result.append(scalar)
                produced += 1
                if produced >= stopAfter, produced % 16 == 0, String(result).count > stopAfter { isFull = true; return }
            }
        }
    }

    /// White space as `Character.isWhitespace` sees it, plus NO-BREAK SPACE; ASCII answered without a
    /// Unicode property lookup.
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            switch scalar.value {
            case 0x20, 0x09...0x0D: return true
            default: return false
            }
        }
        return scalar.value == 0xA0 || scalar.properties.isWhitespace
    }

    /// Invisible characters left out of previews: ZERO WIDTH SPACE, BYTE ORDER MARK, SOFT HYPHEN.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0x200B || scalar.value == 0xFEFF || scalar.value == 0xAD
    }
}
