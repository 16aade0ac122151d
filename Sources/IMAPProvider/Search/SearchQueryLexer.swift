/// Splits a query into tokens, each with its 1-based character position for error messages.
///
/// - `(` and `)`; `"quoted strings"` with `\"` and `\\` escapes (RFC 3501 `quoted`);
/// - `-` directly before a term: negation (Gmail);
/// - `name:value` for a known Gmail operator name (value may be quoted: `subject:"two words"`);
/// - anything else up to whitespace, a parenthesis or a quote: a word.
/// Control characters (CR, LF, NUL…) are refused anywhere, so nothing can end an IMAP command line.
struct SearchQueryLexer {
    enum Kind: Hashable, Sendable {
        case open, close, negation
        case word(String)
        case quoted(String)
        case op(name: String, value: String)
    }

    struct Token: Hashable, Sendable {
        var kind: Kind
        var position: Int
    }

    /// Gmail operator names recognised before a colon (lower-cased).
    static let operatorNames: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "after", "before", "older", "newer", "older_than", "newer_than",
        "is", "has", "larger", "smaller", "size", "in", "label", "category", "filename", "list", "deliveredto",
        "rfc822msgid",
    ]

    /// Longest query accepted, in characters.
    static let maximumLength = 2000

    private let characters: [Character]
    private var index = 0

    init(_ query: String) {
        characters = Array(query)
    }

    /// The tokens of the query, or a ``SearchQueryError``.
    static func tokenize(_ query: String) throws(SearchQueryError) -> [Token] {
        guard query.count <= maximumLength else { throw SearchQueryError("query is longer than \(maximumLength) characters", at: maximumLength + 1) }
        var lexer = SearchQueryLexer(query)
        var tokens: [Token] = []
        while let token = try lexer.next() { tokens.append(token) }
        return tokens
    }

    private mutating func next() throws(SearchQueryError) -> Token? {
        while index < characters.count, characters[index].isWhitespace {
            try rejectControl(characters[index])
            index += 1
        }
        guard index < characters.count else { return nil }
        let start = index
        let character = characters[index]
        try rejectControl(character)
        switch character {
        case "(":
            index += 1
            return Token(kind: .open, position: start + 1)
        case ")":
            index += 1
            return Token(kind: .close, position: start + 1)
        case "\"":
            return Token(kind: .quoted(try quoted()), position: start + 1)
        case "-" where index + 1 < characters.count && !characters[index + 1].isWhitespace && characters[index + 1] != ")":
            index += 1
            return Token(kind: .negation, position: start + 1)
        default:
            return Token(kind: try wordOrOperator(), position: start + 1)
        }
    }

    private mutating func wordOrOperator() throws(SearchQueryError) -> Kind {
        var word = ""
        while index < characters.count {
            let character = characters[index]
            try rejectControl(character)
            if character.isWhitespace || character == "(" || character == ")" || character == "\"" { break }
            word.append(character)
            index += 1
            if character == ":", Self.operatorNames.contains(String(word.dropLast()).lowercased()) {
                let name = String(word.dropLast()).lowercased()
                if index < characters.count, characters[index] == "\"" { return .op(name: name, value: try quoted()) }
                if index < characters.count, characters[index] == "(" {
                    throw SearchQueryError("grouping after \(name): is not supported; repeat the operator", at: index + 1)
                }
                return .op(name: name, value: plainValue())
            }
        }
        return .word(word)
    }

    /// The rest of an operator's unquoted value.
    private mutating func plainValue() -> String {
        var value = ""
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || character == "(" || character == ")" || character == "\"" { break }
            value.append(character)
            index += 1
        }
        return value
    }

    /// A quoted string starting at `index` (which holds the opening quote).
    private mutating func quoted() throws(SearchQueryError) -> String {
        let start = index
        index += 1
        var value = ""
        while index < characters.count {
            let character = characters[index]
            try rejectControl(character)
            index += 1
            switch character {
            case "\"":
                return value
            case "\\":
                guard index < characters.count, characters[index] == "\"" || characters[index] == "\\" else {
                    throw SearchQueryError("only \\\" and \\\\ may follow a backslash in a quoted string", at: index)
                }
                value.append(characters[index])
                index += 1
            default:
                value.append(character)
            }
        }
        throw SearchQueryError("the quoted string is not closed", at: start + 1)
    }

    private func rejectControl(_ character: Character) throws(SearchQueryError) {
        if character.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) }) {
            throw SearchQueryError("control characters (such as line breaks) are not allowed", at: index + 1)
        }
    }
}

/// Why a query was refused: a safe description and the 1-based character position.
struct SearchQueryError: Error, Hashable, Sendable, CustomStringConvertible {
    var reason: String
    var position: Int

    init(_ reason: String, at position: Int) {
        self.reason = reason
        self.position = position
    }

    var description: String { "\(reason) (at position \(position))" }
}
