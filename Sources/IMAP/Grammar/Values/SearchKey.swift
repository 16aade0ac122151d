/// A typed `SEARCH` criterion (RFC 3501 §6.4.4, `search-key`).
///
/// Built by code, never parsed from user text, and encoded by ``CommandEncoder`` so that user
/// strings always travel as quoted strings or literals: no CRLF or literal injection is possible.
/// A list of keys is their conjunction; ``and(_:)`` nested inside ``not(_:)``/``or(_:_:)`` is sent
/// in parentheses. Wire: `OR FROM "alice" (SUBJECT "report" SINCE 1-Feb-2026) UNSEEN`.
public indirect enum SearchKey: Hashable, Sendable {
    case all
    case answered, unanswered
    case deleted, undeleted
    case draft, undraft
    case flagged, unflagged
    case seen, unseen
    case keyword(Flag), unkeyword(Flag)
    case from(String), to(String), cc(String), bcc(String)
    case subject(String), body(String), text(String)
    /// `HEADER field-name string`.
    case header(String, String)
    /// Internal date (arrival) comparisons.
    case since(SearchDate), before(SearchDate), on(SearchDate)
    /// `Date:` header comparisons.
    case sentSince(SearchDate), sentBefore(SearchDate), sentOn(SearchDate)
    /// Size in octets.
    case larger(UInt32), smaller(UInt32)
    case uid(UIDSet)
    case not(SearchKey)
    case or(SearchKey, SearchKey)
    /// All keys must match; an empty list matches everything.
    case and([SearchKey])

    /// Whether any string argument contains non-ASCII text (so `CHARSET UTF-8` is needed).
    public var needsUTF8: Bool {
        switch self {
        case .from(let s), .to(let s), .cc(let s), .bcc(let s), .subject(let s), .body(let s), .text(let s):
            return s.utf8.contains { $0 >= 0x80 }
        case .header(let name, let value):
            return (name + value).utf8.contains { $0 >= 0x80 }
        case .not(let key): return key.needsUTF8
        case .or(let a, let b): return a.needsUTF8 || b.needsUTF8
        case .and(let keys): return keys.contains { $0.needsUTF8 }
        default: return false
        }
    }
}

/// A calendar date for SEARCH (RFC 3501 `date`, e.g. `1-Feb-1994`); no time or zone.
public struct SearchDate: Hashable, Sendable, CustomStringConvertible {
    /// Four-digit year.
    public var year: Int
    /// 1…12.
    public var month: Int
    /// 1…31.
    public var day: Int

    /// Creates a date; `nil` when out of range.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The wire form, e.g. `1-Feb-1994`.
    public var description: String { "\(day)-\(InternalDate.monthNames[month - 1])-\(year)" }
}

/// What an ESEARCH `RETURN (…)` asks for (RFC 4731 §3.1).
public enum SearchReturnOption: String, Hashable, Sendable {
    case min = "MIN", max = "MAX", all = "ALL", count = "COUNT"
}
