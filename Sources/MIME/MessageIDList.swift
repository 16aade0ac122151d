/// `msg-id` lists of `Message-ID`, `In-Reply-To` and `References` (RFC 5322 §3.6.4).
///
/// Tolerant: ids without angle brackets are bracketed, comments and phrases (obsolete `In-Reply-To`
/// forms like `<id> (Alice's message of Monday)`) are ignored, whitespace inside brackets is removed.
///
/// Wire example: `<a@x> <b@y>` → `["<a@x>", "<b@y>"]`.
public enum MessageIDList {
    /// Most ids taken from one header (long `References` chains are cut to their newest ids).
    public static let maximumCount = 500

    /// Every id in `value`, with angle brackets.
    public static func parse(_ value: String) -> [String] {
        var ids: [String] = []
        var current: String?
        var bare = ""
        var commentDepth = 0
        for character in value {
            if current == nil && character == "(" { commentDepth += 1; continue }
            if current == nil && character == ")" { commentDepth = max(0, commentDepth - 1); continue }
            if commentDepth > 0 { continue }
            switch character {
            case "<":
                current = ""
                bare = ""
            case ">":
                if let id = current, !id.isEmpty { ids.append("<\(id)>") }
                current = nil
            case " ", "\t", "\r", "\n", "\r\n", ",":
                if current == nil { appendBare(&bare, to: &ids) }
            default:
                if current != nil { current?.append(character) } else { bare.append(character) }
            }
        }
        if let id = current, !id.isEmpty { ids.append("<\(id)>") }
        appendBare(&bare, to: &ids)
        return ids.count > maximumCount ? Array(ids.suffix(maximumCount)) : ids
    }

    /// A bare word counts as an id only when it looks like one (`local@domain`).
    private static func appendBare(_ bare: inout String, to ids: inout [String]) {
        if bare.contains("@"), !bare.hasPrefix("@"), !bare.hasSuffix("@") { ids.append("<\(bare)>") }
        bare = ""
    }

    /// The first id in `value`, or `nil`.
    public static func first(_ value: String?) -> String? {
        guard let value else { return nil }
        return parse(value).first
    }
}
