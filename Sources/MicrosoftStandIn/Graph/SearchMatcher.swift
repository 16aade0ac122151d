import Foundation

/// A small subset of KQL as Outlook's `$search` applies it to messages: bare terms and quoted phrases
/// match the default properties (from, subject, body); `from:`, `to:`, `cc:`, `bcc:`, `participants:`,
/// `subject:`, `body:`, `attachment:` restrict a term; `hasattachments:true|false`; `AND` is implied.
struct SearchMatcher {
    struct Term {
        var property: String?
        var text: String
    }

    let terms: [Term]

    init(_ query: String) {
        var terms: [Term] = []
        for token in Self.tokenize(query) where token.uppercased() != "AND" {
            if let colon = token.firstIndex(of: ":"), !token.hasPrefix("\"") {
                let property = token[..<colon].lowercased()
                let value = String(token[token.index(after: colon)...]).trimmingCharacters(in: ["\""])
                terms.append(Term(property: property, text: value.lowercased()))
            } else {
                terms.append(Term(property: nil, text: token.trimmingCharacters(in: ["\""]).lowercased()))
            }
        }
        self.terms = terms
    }

    /// Splits on spaces outside double quotes.
    static func tokenize(_ query: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var quoted = false
        for ch in query {
            if ch == "\"" { quoted.toggle(); current.append(ch); continue }
            if ch == " " && !quoted {
                if !current.isEmpty { tokens.append(current) }
                current = ""
            } else { current.append(ch) }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    func matches(_ m: StandInMessage) -> Bool {
        terms.allSatisfy { term in fields(for: term.property, of: m).contains { $0.lowercased().contains(term.text) } }
    }

    private func fields(for property: String?, of m: StandInMessage) -> [String] {
        func people(_ list: [StandInRecipient]) -> [String] { list.flatMap { [$0.address, $0.name ?? ""] } }
        switch property {
        case nil: return people(m.from.map { [$0] } ?? []) + [m.subject, BodyText.text(of: m)]
        case "from": return people(m.from.map { [$0] } ?? [])
        case "to": return people(m.to)
        case "cc": return people(m.cc)
        case "bcc": return people(m.bcc)
        case "participants": return people((m.from.map { [$0] } ?? []) + m.to + m.cc + m.bcc)
        case "subject": return [m.subject]
        case "body": return [BodyText.text(of: m)]
        case "attachment": return m.attachments.map(\.name)
        case "hasattachments": return [m.hasAttachments ? "true" : "false"]
        default: return []
        }
    }
}
