import Foundation
import IMAP

extension SearchQuery {
    /// Whether the query uses `has:attachment` (answers then carry a note on how it is approximated).
    var usesAttachmentHeuristic: Bool {
        switch self {
        case .criterion(let criterion): criterion == .hasAttachment
        case .not(let inner): inner.usesAttachmentHeuristic
        case .and(let items): items.contains { $0.usesAttachmentHeuristic }
        case .or(let left, let right): left.usesAttachmentHeuristic || right.usesAttachmentHeuristic
        }
    }

    /// The IMAP `SearchKey` for this query (RFC 3501 §6.4.4).
    ///
    /// - `has:attachment` is approximated on the server: `OR HEADER Content-Type "multipart/mixed"
    ///   HEADER Content-Disposition "attachment"` — messages whose top level is `multipart/mixed` (how
    ///   mail clients send attachments) or that are a single attached file. It composes with NOT and OR;
    ///   a `multipart/mixed` message without a real attachment is a (rare) false positive, and an
    ///   attachment inside `multipart/related` only (rarer) is missed.
    /// - `newer_than:`/`older_than:` become `SINCE`/`BEFORE` the day that many days, months or years
    ///   before `today` (UTC).
    func searchKey(today: Date) -> SearchKey {
        switch self {
        case .criterion(let criterion): return criterion.searchKey(today: today)
        case .not(let inner): return .not(inner.searchKey(today: today))
        case .and(let items): return .and(items.map { $0.searchKey(today: today) })
        case .or(let left, let right): return .or(left.searchKey(today: today), right.searchKey(today: today))
        }
    }
}

extension SearchCriterion {
    func searchKey(today: Date) -> SearchKey {
        switch self {
        case .from(let s): .from(s)
        case .to(let s): .to(s)
        case .cc(let s): .cc(s)
        case .bcc(let s): .bcc(s)
        case .subject(let s): .subject(s)
        case .body(let s): .body(s)
        case .text(let s): .text(s)
        case .header(let name, let value): .header(name, value)
        case .since(let d): .since(d)
        case .before(let d): .before(d)
        case .on(let d): .on(d)
        case .sentSince(let d): .sentSince(d)
        case .sentBefore(let d): .sentBefore(d)
        case .sentOn(let d): .sentOn(d)
        case .seen: .seen
        case .unseen: .unseen
        case .flagged: .flagged
        case .unflagged: .unflagged
        case .answered: .answered
        case .unanswered: .unanswered
        case .draft: .draft
        case .undraft: .undraft
        case .deleted: .deleted
        case .undeleted: .undeleted
        case .all: .all
        case .larger(let n): .larger(n)
        case .smaller(let n): .smaller(n)
        case .hasAttachment:
            .or(.header("Content-Type", "multipart/mixed"), .header("Content-Disposition", "attachment"))
        case .newerThan(let age): age.date(before: today).map { .since($0) } ?? .all
        case .olderThan(let age): age.date(before: today).map { .before($0) } ?? .not(.all)
        }
    }
}

extension RelativeAge {
    /// The UTC calendar day `amount` units before `today`; `nil` before year 1.
    func date(before today: Date) -> SearchDate? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let component: Calendar.Component = switch unit {
        case .day: .day
        case .month: .month
        case .year: .year
        }
        let then = calendar.date(byAdding: component, value: -amount, to: today) ?? today
        let parts = calendar.dateComponents([.year, .month, .day], from: then)
        return SearchDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0)
    }
}
