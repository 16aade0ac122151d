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
            if !own.allSatisfy(\.isWhitespace) { source = own }
        }
        let collapsed = collapseWhitespace(source, stopAfter: limit + 1)
        guard collapsed.count > limit else { return collapsed }
        var cut = String(collapsed.prefix(limit - 1))
        if let space = cut.lastIndex(of: " "), cut.distance(from: space, to: cut.endIndex) < 20, space > cut.startIndex {
            cut = String(cut[..<space])
        }
        return cut + "…"
    }

    private static func withoutQuotes(_ text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("-----Original Message-----") || trimmed.hasPrefix("________________________________") { break }
            if trimmed.hasPrefix("On "), trimmed.hasSuffix("wrote:") { break }
            if trimmed.hasPrefix(">") { continue }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    /// Whitespace runs become one space; stops once `stopAfter` characters are produced.
    private static func collapseWhitespace(_ text: String, stopAfter: Int) -> String {
        var result = ""
        var count = 0
        var pendingSpace = false
        for character in text {
            if character.isWhitespace || character == "\u{A0}" {
                pendingSpace = !result.isEmpty
                continue
            }
            if character == "\u{200B}" || character == "\u{FEFF}" || character == "\u{AD}" { continue }
            if pendingSpace {
                result.append(" ")
                count += 1
                pendingSpace = false
            }
            result.append(character)
            count += 1
            if count >= stopAfter { break }
        }
        return result
    }
}
