import IMAP

/// A parsed `search_emails` query: the typed tree between the agent's text and the IMAP `SearchKey`.
///
/// Produced only by ``SearchQueryParser``; turned into a `SearchKey` by ``SearchQuery/searchKey(today:)``.
/// User text never reaches the wire except as string arguments, which the IMAP encoder sends as quoted
/// strings or literals.
indirect enum SearchQuery: Hashable, Sendable {
    case criterion(SearchCriterion)
    case not(SearchQuery)
    /// Every query must match (adjacent terms).
    case and([SearchQuery])
    /// Either query matches (IMAP `OR a b` or Gmail `a OR b`).
    case or(SearchQuery, SearchQuery)
}

/// One search condition, from IMAP criteria (RFC 3501 §6.4.4) or Gmail-style operators.
enum SearchCriterion: Hashable, Sendable {
    case from(String), to(String), cc(String), bcc(String), subject(String), body(String), text(String)
    /// `HEADER name value`.
    case header(name: String, value: String)
    /// Arrival date (INTERNALDATE) on or after / before / on a day.
    case since(SearchDate), before(SearchDate), on(SearchDate)
    /// `Date:` header comparisons (`SENTSINCE`, `SENTBEFORE`, `SENTON`).
    case sentSince(SearchDate), sentBefore(SearchDate), sentOn(SearchDate)
    /// A flag present or absent.
    case seen, unseen, flagged, unflagged, answered, unanswered, draft, undraft, deleted, undeleted
    case all
    /// Size in octets.
    case larger(UInt32), smaller(UInt32)
    /// `has:attachment` (see ``SearchQuery/searchKey(today:)`` for how it is approximated).
    case hasAttachment
    /// `newer_than:` / `older_than:` an age relative to today.
    case newerThan(RelativeAge), olderThan(RelativeAge)
}

/// `2d`, `3m`, `1y` in Gmail's `older_than:` / `newer_than:`.
struct RelativeAge: Hashable, Sendable {
    enum Unit: Hashable, Sendable { case day, month, year }
    var amount: Int
    var unit: Unit
}
