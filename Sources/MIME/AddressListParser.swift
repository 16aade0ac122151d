import MailCore

/// Parses RFC 5322 §3.4 `address-list` values (`From`, `To`, `Cc`, `Reply-To`, ...).
///
/// Handles name-addr and addr-spec, groups (`Team: a@x, b@y;`, `undisclosed-recipients:;`), quoted
/// and RFC 2047 encoded display names, comments as names (`a@x (Alice)`), obsolete routes
/// (`<@relay:a@x>`), and real-world breakage: unquoted commas in names (`Doe, John <j@x>`), stray
/// text, missing brackets. Items without an address are dropped.
///
/// Wire example: `"Doe, Jane" <jane@example.com>, =?UTF-8?Q?J=C3=B6rg?= <j@example.de>` →
/// `[Jane (Doe, Jane) <jane@…>, Jörg <j@…>]`.
public enum AddressListParser {
    /// The mailboxes in `value`, encoded words decoded.
    public static func parse(_ value: String) -> [EmailAddress] {
        parse(value, limit: MIMELimits.default.maximumAddressCount)
    }

    /// As `parse(_:)`, returning at most `limit` addresses.
    public static func parse(_ value: String, limit: Int) -> [EmailAddress] {
        var addresses: [EmailAddress] = []
        var pendingPhrase: [StructuredToken] = []
        for item in items(StructuredTokenizer.tokenize(value)) {
            guard addresses.count < limit else { break }
            let hasAngle = item.contains { $0.kind == .special("<") }
            let hasAt = item.contains { $0.kind == .special("@") }
            let comma = StructuredToken(kind: .special(","), spaceBefore: false)
            if !hasAngle && !hasAt {
                // "Doe, John <j@x>": keep the words for a following bracketed address.
                pendingPhrase += (pendingPhrase.isEmpty ? [] : [comma]) + item
                continue
            }
            let tokens = hasAngle && !pendingPhrase.isEmpty ? pendingPhrase + [comma] + item : item
            pendingPhrase = []
            if let address = mailbox(tokens) { addresses.append(address) }
        }
        return addresses
    }

    /// Splits tokens into items at top-level `,` and `;`, dropping group names (`name:`).
    private static func items(_ tokens: [StructuredToken]) -> [[StructuredToken]] {
        var items: [[StructuredToken]] = []
        var current: [StructuredToken] = []
        var inAngle = false
        for token in tokens {
            switch token.kind {
            case .special("<"):
                inAngle = true
                current.append(token)
            case .special(">"):
                inAngle = false
                current.append(token)
            case .special(","), .special(";"):
                if inAngle {
                    current.append(token)
                } else {
                    items.append(current)
                    current = []
                }
            case .special(":") where !inAngle && !current.contains(where: { $0.kind == .special("@") }):
                current = []
            default:
                current.append(token)
            }
        }
        items.append(current)
        return items.filter { !$0.isEmpty }
    }

    private static func mailbox(_ tokens: [StructuredToken]) -> EmailAddress? {
        guard let open = tokens.firstIndex(where: { $0.kind == .special("<") }) else {
            return addrSpecOnly(tokens)
        }
        let close = tokens[open...].firstIndex { $0.kind == .special(">") } ?? tokens.endIndex
        var inner = Array(tokens[(open + 1)..<close])
        // obs-route: "@a,@b:" before the address.
        if let colon = inner.lastIndex(where: { $0.kind == .special(":") }) { inner = Array(inner[(colon + 1)...]) }
        let address = addressText(inner)
        guard !address.isEmpty else { return nil }
        var name = phrase(Array(tokens[..<open]))
        if name == nil { name = commentName(tokens) }
        return EmailAddress(name: name, address: address)
    }

    /// `local@domain`, possibly with words around it: the word holding `@` is the address, the rest
    /// (or a comment) the name.
    private static func addrSpecOnly(_ tokens: [StructuredToken]) -> EmailAddress? {
        var words: [[StructuredToken]] = []
        for token in tokens {
            if case .comment = token.kind { continue }
            let joins: Bool = {
                guard let last = words.last?.last else { return false }
                if !token.spaceBefore { return true }
                return last.kind == .special("@") || token.kind == .special("@")
            }()
            if joins { words[words.count - 1].append(token) } else { words.append([token]) }
        }
        guard let at = words.firstIndex(where: { $0.contains { $0.kind == .special("@") } }) else { return nil }
        let address = addressText(words[at])
        guard !address.isEmpty, address != "@" else { return nil }
        let others = words.enumerated().filter { $0.offset != at }.flatMap(\.element)
        let name = phrase(others) ?? commentName(tokens)
        return EmailAddress(name: name, address: address)
    }

    private static func addressText(_ tokens: [StructuredToken]) -> String {
        var text = ""
        for token in tokens {
            switch token.kind {
            case .atom(let atom): text += atom
            case .quoted(let quoted): text += "\"" + quoted + "\""
            case .domainLiteral(let literal): text += "[" + literal + "]"
            case .special(let special) where special == "@" || special == ".": text.unicodeScalars.append(special)
            default: continue
            }
        }
        return text.trimmingASCIIWhitespace()
    }

    /// A display name from atoms and quoted strings, encoded words decoded; `nil` when empty.
    private static func phrase(_ tokens: [StructuredToken]) -> String? {
        var words: [String] = []
        for token in tokens {
            switch token.kind {
            case .atom(let atom): words.append(atom)
            case .quoted(let quoted): words.append(quoted)
            case .special(","): if !words.isEmpty { words[words.count - 1] += "," }
            case .special(let special) where special != "<" && special != ">" && special != ":" && special != ";":
                words.append(String(special))
            default: continue
            }
        }
        let name = EncodedWords.decode(words.joined(separator: " ")).trimmingASCIIWhitespace()
        return name.isEmpty ? nil : name
    }

    private static func commentName(_ tokens: [StructuredToken]) -> String? {
        for token in tokens {
            if case .comment(let comment) = token.kind {
                let name = EncodedWords.decode(comment).trimmingASCIIWhitespace()
                if !name.isEmpty { return name }
            }
        }
        return nil
    }
}
