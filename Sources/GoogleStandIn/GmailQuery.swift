import Foundation

/// The subset of Gmail's search syntax the stand-in understands: `from:`, `to:`, `subject:`,
/// `is:unread`, `is:read`, `has:attachment`, `after:`/`before:` (`YYYY/MM/DD` in UTC or epoch seconds),
/// `in:`/`label:`, quoted phrases, bare words, and `-` negation. Unknown operators are bare words.
struct GmailQuery: Sendable {
    indirect enum Term: Sendable {
        case from(String), to(String), subject(String), word(String)
        case unread(Bool), hasAttachment
        case after(Int64), before(Int64)
        case label(String)
        case not(Term)
    }

    let terms: [Term]

    init(_ query: String) {
        terms = Self.tokenize(query).map(Self.term)
    }

    /// Whether the query itself asks for SPAM or TRASH (`in:trash`, `in:anywhere`, …).
    var reachesSpamTrash: Bool {
        terms.contains {
            if case .label(let name) = $0 { return ["trash", "spam", "anywhere"].contains(name) }
            return false
        }
    }

    func matches(_ message: StoredMessage, userLabels: [String: String]) -> Bool {
        terms.allSatisfy { Self.evaluate($0, message, userLabels) }
    }

    private static func evaluate(_ term: Term, _ m: StoredMessage, _ userLabels: [String: String]) -> Bool {
        func contains(_ haystack: String?, _ needle: String) -> Bool {
            (haystack ?? "").range(of: needle, options: [.caseInsensitive, .diacriticInsensitive]) != nil
        }
        switch term {
        case .from(let value): return contains(m.header("From"), value)
        case .to(let value): return contains(m.header("To"), value) || contains(m.header("Cc"), value)
        case .subject(let value): return contains(m.header("Subject"), value)
        case .unread(let wanted): return m.labelIds.contains("UNREAD") == wanted
        case .hasAttachment: return m.hasAttachment
        case .after(let ms): return m.internalDate >= ms
        case .before(let ms): return m.internalDate < ms
        case .label(let name):
            if name == "anywhere" { return true }
            let id = userLabels.first { $0.value.lowercased() == name }?.key ?? name.uppercased()
            return m.labelIds.contains(id == "DRAFTS" ? "DRAFT" : id)
        case .word(let value):
            return contains(m.header("Subject"), value) || contains(m.header("From"), value)
                || contains(m.header("To"), value) || contains(m.bodyText, value)
        case .not(let inner): return !evaluate(inner, m, userLabels)
        }
    }

    private static func tokenize(_ query: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for ch in query {
            if ch == "\"" { quoted.toggle(); continue }
            if ch.isWhitespace && !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                continue
            }
            current.append(ch)
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    private static func term(_ token: String) -> Term {
        if token.hasPrefix("-"), token.count > 1 { return .not(term(String(token.dropFirst()))) }
        guard let colon = token.firstIndex(of: ":") else { return .word(token) }
        let op = token[..<colon].lowercased()
        let value = String(token[token.index(after: colon)...])
        switch op {
        case "from": return .from(value)
        case "to": return .to(value)
        case "subject": return .subject(value)
        case "is" where value.lowercased() == "unread": return .unread(true)
        case "is" where value.lowercased() == "read": return .unread(false)
        case "has" where value.lowercased() == "attachment": return .hasAttachment
        case "after", "newer": return date(value).map(Term.after) ?? .word(token)
        case "before", "older": return date(value).map(Term.before) ?? .word(token)
        case "in", "label": return .label(value.lowercased())
        default: return .word(token)
        }
    }

    /// `2026/01/31`, `2026-01-31` (UTC midnight) or epoch seconds → milliseconds.
    private static func date(_ text: String) -> Int64? {
        if let seconds = Int64(text) { return seconds * 1000 }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (parts[0], parts[1], parts[2])
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.date(from: components).map { Int64($0.timeIntervalSince1970 * 1000) }
    }
}
