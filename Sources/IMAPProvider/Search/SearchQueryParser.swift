import IMAP

/// Parses the `search_emails` query language of IMAP inboxes: a subset of IMAP SEARCH criteria
/// (RFC 3501 §6.4.4) and Gmail-style operators, freely mixed.
///
/// ```
/// query    = sequence                       ; adjacent items must all match
/// sequence = 1*item
/// item     = unary *("OR" unary)             ; Gmail infix OR (binds tighter than adjacency)
/// unary    = "-" unary / "NOT" unary / primary
/// primary  = "(" sequence ")" / "OR" unary unary   ; IMAP prefix OR
///          / imap-key / gmail-op / word / quoted    ; words and "phrases" search the whole message (TEXT)
/// ```
///
/// IMAP keys are recognised in capitals, as RFC 3501 writes them: `FROM`, `TO`, `CC`, `BCC`, `SUBJECT`,
/// `BODY`, `TEXT`, `HEADER name value`, `SINCE`/`BEFORE`/`ON` (`1-Jan-2026`, also `2026-01-01`),
/// `SENTSINCE`/`SENTBEFORE`/`SENTON`, `SEEN`/`UNSEEN`, `FLAGGED`/`UNFLAGGED`, `ANSWERED`/`UNANSWERED`,
/// `DRAFT`/`UNDRAFT`, `DELETED`/`UNDELETED`, `ALL`, `LARGER n`/`SMALLER n`. Lower-case words are search
/// words, so `notes from monday` means three words, not a FROM criterion. `OR` and `NOT` are accepted in
/// any case. Gmail operators (any case): `from:`, `to:`, `cc:`, `bcc:`, `subject:`, `after:`/`before:`
/// (`2026/01/31`), `older_than:`/`newer_than:` (`7d`, `2m`, `1y`), `is:unread|read|starred|unstarred|
/// flagged|answered|draft`, `has:attachment`, `larger:`/`smaller:` (`10K`, `5M`; K = 1024), `-term`.
/// `in:`, `label:` and similar are refused with a hint (use `include_folders`).
struct SearchQueryParser {
    /// Deepest nesting of parentheses, NOT and OR accepted.
    static let maximumDepth = 32
    /// Most criteria in one query.
    static let maximumTerms = 100

    private let tokens: [SearchQueryLexer.Token]
    private var index = 0
    private var depth = 0
    private var terms = 0
    private let endPosition: Int

    /// Parses `query`, or throws ``SearchQueryError`` with a position.
    static func parse(_ query: String) throws(SearchQueryError) -> SearchQuery {
        let tokens = try SearchQueryLexer.tokenize(query)
        guard !tokens.isEmpty else { throw SearchQueryError("the query is empty", at: 1) }
        var parser = SearchQueryParser(tokens: tokens, endPosition: query.count + 1)
        let result = try parser.sequence()
        if let extra = parser.peek {
            throw SearchQueryError("unexpected \(Self.describe(extra.kind))", at: extra.position)
        }
        return result
    }

    private init(tokens: [SearchQueryLexer.Token], endPosition: Int) {
        self.tokens = tokens
        self.endPosition = endPosition
    }

    private var peek: SearchQueryLexer.Token? { index < tokens.count ? tokens[index] : nil }

    private mutating func take() -> SearchQueryLexer.Token? {
        defer { index += 1 }
        return peek
    }

    private func isWord(_ token: SearchQueryLexer.Token?, _ keyword: String) -> Bool {
        if case .word(let word)? = token?.kind { return word.uppercased() == keyword }
        return false
    }

    // MARK: Grammar

    private mutating func sequence() throws(SearchQueryError) -> SearchQuery {
        var items: [SearchQuery] = []
        while let token = peek, token.kind != .close {
            if !items.isEmpty, case .word(let word) = token.kind, word == "AND" {
                _ = take()   // Gmail's explicit AND is the same as adjacency
                continue
            }
            items.append(try item())
        }
        guard !items.isEmpty else {
            throw SearchQueryError("expected a search term", at: peek?.position ?? endPosition)
        }
        return items.count == 1 ? items[0] : .and(items)
    }

    private mutating func item() throws(SearchQueryError) -> SearchQuery {
        var left = try unary()
        while isWord(peek, "OR") {
            _ = take()
            left = .or(left, try nested { (parser: inout SearchQueryParser) throws(SearchQueryError) in try parser.unary() })
        }
        return left
    }

    private mutating func unary() throws(SearchQueryError) -> SearchQuery {
        if peek?.kind == .negation || isWord(peek, "NOT") {
            _ = take()
            return .not(try nested { (parser: inout SearchQueryParser) throws(SearchQueryError) in try parser.unary() })
        }
        return try primary()
    }

    private mutating func primary() throws(SearchQueryError) -> SearchQuery {
        guard let token = take() else { throw SearchQueryError("expected a search term", at: endPosition) }
        switch token.kind {
        case .open:
            let inner = try nested { (parser: inout SearchQueryParser) throws(SearchQueryError) in try parser.sequence() }
            guard let close = take(), close.kind == .close else {
                throw SearchQueryError("the parenthesis is not closed", at: token.position)
            }
            return inner
        case .close:
            throw SearchQueryError("unexpected )", at: token.position)
        case .negation:
            throw SearchQueryError("unexpected -", at: token.position)
        case .quoted(let phrase):
            return try criterion(.text(phrase), at: token.position)
        case .op(let name, let value):
            return try criterion(GmailOperators.criterion(name: name, value: value, at: token.position), at: token.position)
        case .word(let word) where word.uppercased() == "OR":
            let pair = try nested { (parser: inout SearchQueryParser) throws(SearchQueryError) in
                (try parser.unary(), try parser.unary())
            }
            return .or(pair.0, pair.1)
        case .word(let word):
            if word == word.uppercased(), let parsed = try imapKey(word, at: token.position) { return parsed }
            return try criterion(.text(word), at: token.position)
        }
    }

    private mutating func nested<T>(_ body: (inout SearchQueryParser) throws(SearchQueryError) -> T) throws(SearchQueryError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            throw SearchQueryError("the query is nested too deeply", at: peek?.position ?? endPosition)
        }
        return try body(&self)
    }

    private mutating func criterion(_ criterion: SearchCriterion, at position: Int) throws(SearchQueryError) -> SearchQuery {
        terms += 1
        guard terms <= Self.maximumTerms else { throw SearchQueryError("more than \(Self.maximumTerms) search terms", at: position) }
        return .criterion(criterion)
    }

    // MARK: IMAP keys

    /// An IMAP search key starting with `keyword`, or `nil` when the word is not one.
    private mutating func imapKey(_ keyword: String, at position: Int) throws(SearchQueryError) -> SearchQuery? {
        if let flag = Self.flagKeys[keyword] { return try criterion(flag, at: position) }
        if let make = Self.stringKeys[keyword] { return try criterion(make(try argument(for: keyword)), at: position) }
        if let make = Self.dateKeys[keyword] {
            let (text, at) = try argumentWithPosition(for: keyword)
            guard let date = SearchDates.parse(text) else {
                throw SearchQueryError("\(keyword) needs a date such as 1-Jan-2026 or 2026-01-01", at: at)
            }
            return try criterion(make(date), at: position)
        }
        switch keyword {
        case "HEADER":
            let name = try argument(for: keyword)
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw SearchQueryError("HEADER needs a header field name such as List-Id", at: position)
            }
            return try criterion(.header(name: name, value: try argument(for: keyword)), at: position)
        case "LARGER", "SMALLER":
            let (text, at) = try argumentWithPosition(for: keyword)
            guard let size = UInt32(text) else { throw SearchQueryError("\(keyword) needs a size in octets", at: at) }
            return try criterion(keyword == "LARGER" ? .larger(size) : .smaller(size), at: position)
        default:
            return nil
        }
    }

    private mutating func argument(for keyword: String) throws(SearchQueryError) -> String {
        try argumentWithPosition(for: keyword).0
    }

    private mutating func argumentWithPosition(for keyword: String) throws(SearchQueryError) -> (String, Int) {
        switch take() {
        case let token? where token.kind == .open || token.kind == .close || token.kind == .negation:
            throw SearchQueryError("\(keyword) needs a value", at: token.position)
        case let token?:
            switch token.kind {
            case .word(let value), .quoted(let value): return (value, token.position)
            case .op(let name, let value): return ("\(name):\(value)", token.position)
            default: throw SearchQueryError("\(keyword) needs a value", at: token.position)
            }
        case nil:
            throw SearchQueryError("\(keyword) needs a value", at: endPosition)
        }
    }

    private static let flagKeys: [String: SearchCriterion] = [
        "ALL": .all, "SEEN": .seen, "UNSEEN": .unseen, "FLAGGED": .flagged, "UNFLAGGED": .unflagged,
        "ANSWERED": .answered, "UNANSWERED": .unanswered, "DRAFT": .draft, "UNDRAFT": .undraft,
        "DELETED": .deleted, "UNDELETED": .undeleted,
    ]

    private static let stringKeys: [String: @Sendable (String) -> SearchCriterion] = [
        "FROM": { .from($0) }, "TO": { .to($0) }, "CC": { .cc($0) }, "BCC": { .bcc($0) },
        "SUBJECT": { .subject($0) }, "BODY": { .body($0) }, "TEXT": { .text($0) },
    ]

    private static let dateKeys: [String: @Sendable (SearchDate) -> SearchCriterion] = [
        "SINCE": { .since($0) }, "BEFORE": { .before($0) }, "ON": { .on($0) },
        "SENTSINCE": { .sentSince($0) }, "SENTBEFORE": { .sentBefore($0) }, "SENTON": { .sentOn($0) },
    ]

    static func describe(_ kind: SearchQueryLexer.Kind) -> String {
        switch kind {
        case .open: "("
        case .close: ")"
        case .negation: "-"
        case .word, .quoted, .op: "term"
        }
    }
}
