import IMAP

/// Gmail-style `name:value` operators translated to ``SearchCriterion``
/// (https://support.google.com/mail/answer/7190 lists Gmail's own).
enum GmailOperators {
    /// The criterion for `name:value`, or a ``SearchQueryError`` explaining what is accepted.
    static func criterion(name: String, value: String, at position: Int) throws(SearchQueryError) -> SearchCriterion {
        guard !value.isEmpty else { throw SearchQueryError("\(name): needs a value", at: position) }
        switch name {
        case "from": return .from(value)
        case "to": return .to(value)
        case "cc": return .cc(value)
        case "bcc": return .bcc(value)
        case "subject": return .subject(value)
        case "after", "newer", "before", "older":
            guard let date = SearchDates.parse(value) else {
                throw SearchQueryError("\(name): needs a date such as 2026/01/31", at: position)
            }
            return name == "after" || name == "newer" ? .since(date) : .before(date)
        case "older_than", "newer_than":
            guard let age = relativeAge(value) else {
                throw SearchQueryError("\(name): needs an age such as 7d, 2m or 1y", at: position)
            }
            return name == "older_than" ? .olderThan(age) : .newerThan(age)
        case "is": return try state(value.lowercased(), at: position)
        case "has":
            guard ["attachment", "attachments"].contains(value.lowercased()) else {
                throw SearchQueryError("only has:attachment is supported", at: position)
            }
            return .hasAttachment
        case "larger", "smaller", "size":
            guard let size = size(value) else {
                throw SearchQueryError("\(name): needs a size such as 500K or 2M", at: position)
            }
            return name == "smaller" ? .smaller(size) : .larger(size)
        case "in", "label", "category":
            throw SearchQueryError("\(name): is not supported on IMAP inboxes; use include_folders to choose folders",
                                   at: position)
        default:
            throw SearchQueryError("\(name): is not supported on IMAP inboxes", at: position)
        }
    }

    private static func state(_ value: String, at position: Int) throws(SearchQueryError) -> SearchCriterion {
        switch value {
        case "unread": return .unseen
        case "read": return .seen
        case "starred", "flagged": return .flagged
        case "unstarred", "unflagged": return .unflagged
        case "answered", "replied": return .answered
        case "draft": return .draft
        default:
            throw SearchQueryError("is: accepts unread, read, starred, unstarred, answered or draft", at: position)
        }
    }

    /// `7d`, `2m`, `1y` (at most 10,000 units).
    static func relativeAge(_ value: String) -> RelativeAge? {
        guard let last = value.last?.lowercased(), let amount = Int(value.dropLast()), (0...10_000).contains(amount) else {
            return nil
        }
        switch last {
        case "d": return RelativeAge(amount: amount, unit: .day)
        case "m": return RelativeAge(amount: amount, unit: .month)
        case "y": return RelativeAge(amount: amount, unit: .year)
        default: return nil
        }
    }

    /// `12345`, `500K`, `500KB`, `2M`, `2MB` (K = 1024 octets); `nil` above UInt32.
    static func size(_ value: String) -> UInt32? {
        var text = value.uppercased()
        if text.hasSuffix("KB") || text.hasSuffix("MB") { text.removeLast() }
        var multiplier: UInt64 = 1
        if text.hasSuffix("K") { multiplier = 1024; text.removeLast() } else if text.hasSuffix("M") { multiplier = 1024 * 1024; text.removeLast() }
        guard !text.isEmpty, text.allSatisfy(\.isNumber), let number = UInt64(text) else { return nil }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow, product <= UInt64(UInt32.max) else { return nil }
        return UInt32(product)
    }
}

/// Calendar dates in queries.
enum SearchDates {
    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `1-Jan-2026` (RFC 3501 `date`), `2026/01/31`, `2026-01-31`, `2026/1/5`, or `01/31/2026` (US, as Gmail).
    static func parse(_ text: String) -> SearchDate? {
        let dashed = text.split(separator: "-", omittingEmptySubsequences: false)
        if dashed.count == 3, let month = monthNames.firstIndex(of: dashed[1].lowercased()) {
            return make(year: dashed[2], month: month + 1, day: dashed[0])
        }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" }).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        if parts[0].count == 4 { return make(year: parts[0][...], month: Int(parts[1]) ?? 0, day: parts[2][...]) }
        if parts[2].count == 4 { return make(year: parts[2][...], month: Int(parts[0]) ?? 0, day: parts[1][...]) }
        return nil
    }

    private static func make(year: Substring, month: Int, day: Substring) -> SearchDate? {
        guard year.count == 4, let y = Int(year), let d = Int(day), day.count <= 2 else { return nil }
        guard let date = SearchDate(year: y, month: month, day: d), d <= daysIn(month: month, year: y) else { return nil }
        return date
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
