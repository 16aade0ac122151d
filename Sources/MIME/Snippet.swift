import MailCore

/// The short preview shown in `list_inbox` summaries.
public enum Snippet {
    /// A one-line preview of `text`: whitespace collapsed, at most `limit` characters (an ellipsis marks
    /// a cut, made at a word boundary when one is near). With `dropQuotedReplies`, quoted lines (`> …`)
    /// and everything after an attribution (`On … wrote:`, `-----Original Message-----`) are left out
    /// unless nothing else remains.
    public static func make(from text: String, limit: Int = MessageSummary.snippetLimit, dropQuotedReplies: Bool = true) -> String {
        guard limit > 0 else { return "" }
        var source = text
        if dropQuotedReplies {
            let own = withoutQuotes(text)
            if !own.unicodeScalars.allSatisfy(isSpace) { source = own }
        }
        let collapsed = collapseWhitespace(source, stopAfter: limit + 1)
        guard collapsed.count > limit else { return collapsed }
        var cut = String(collapsed.prefix(limit - 1))
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

    private static func withoutQuotes(_ text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = line.utf8.drop { $0 == 0x20 || $0 == 0x09 }
            if forwardedMarkers.contains(where: { bytes.starts(with: $0) }) { break }
            if bytes.starts(with: attributionStart), bytes.reversed().starts(with: attributionEnd.reversed()) { break }
            if bytes.first == UInt8(ascii: ">") { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
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

    /// Whitespace runs become one space; stops once `stopAfter` characters are produced. Works on
    /// Unicode scalars (no grapheme breaking per character) and checks the character count only once
    /// enough scalars are out, so a combining mark is never separated from its base.
    private static func collapseWhitespace(_ text: String, stopAfter: Int) -> String {
        var result = String.UnicodeScalarView()
        var produced = 0
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            if isInvisible(scalar) { continue }
            if pendingSpace {
                if produced >= stopAfter, String(result).count >= stopAfter { break }
                result.append(" ")
                produced += 1
                pendingSpace = false
            }
            result.append(scalar)
            produced += 1
            if produced >= stopAfter, produced % 16 == 0, String(result).count > stopAfter { break }
        }
        return String(result)
    }
}
