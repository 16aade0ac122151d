import Foundation

/// The RFC 5322 §3.3 `date-time`: parsing (with the obsolete forms of §4.3 and common breakage) and
/// formatting for the `Date` header.
///
/// Wire example: `Tue, 1 Jul 2003 10:52:37 +0200` ↔ 2003-07-01T08:52:37Z.
public enum RFC5322Date {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -300, "edt": -240, "cst": -360, "cdt": -300,
        "mst": -420, "mdt": -360, "pst": -480, "pdt": -420, "cet": 60, "cest": 120, "bst": 60,
        "met": 60, "mest": 120, "eet": 120, "eest": 180, "jst": 540, "ist": 330,
    ]

    /// Parses a `Date` value. Accepts a missing weekday, missing seconds, two- and three-digit years,
    /// alphabetic zones, a missing zone (taken as UTC), comments, and ISO 8601 (`2024-01-31T10:00:00Z`).
    /// Returns `nil` when no day, month, year and time can be found.
    public static func parse(_ value: String) -> Date? {
        let cleaned = stripComments(value)
        if let iso = parseISO8601(cleaned) { return iso }
        var words = cleaned.lowercased().split { " \t\r\n,".contains($0) }.map(String.init)
        if let first = words.first, first.count >= 3, months.contains(where: { first.hasPrefix($0) }) == false,
           first.first?.isLetter == true {
            words.removeFirst()
        }
        var day: Int?, month: Int?, year: Int?, time: (Int, Int, Int)?, offset: Int?
        for word in words {
            if time == nil, word.contains(":") {
                time = parseTime(word)
            } else if month == nil, let index = months.firstIndex(where: { word.hasPrefix($0) }) {
                month = index + 1
            } else if let number = Int(word), word.first?.isNumber == true {
                if day == nil, word.count <= 2, month == nil || year == nil { day = number } else if year == nil { year = number }
            } else if offset == nil, let zone = parseZone(word) {
                offset = zone
            }
        }
        guard let day, let month, var year, let time, (1...31).contains(day) else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let (hour, minute, second) = time
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        let seconds = daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds - (offset ?? 0) * 60))
    }

    private static func parseTime(_ word: String) -> (Int, Int, Int)? {
        let parts = word.split(separator: ":").map { Int($0.prefix(2)) }
        guard parts.count >= 2, let hour = parts[0], let minute = parts[1] else { return nil }
        return (hour, minute, parts.count > 2 ? parts[2] ?? 0 : 0)
    }

    /// `+0200`, `-0500`, or a named zone; minutes east of UTC.
    private static func parseZone(_ word: String) -> Int? {
        if let first = word.first, first == "+" || first == "-", word.count == 5, let value = Int(word.dropFirst()) {
            let minutes = value / 100 * 60 + value % 100
            return first == "-" ? -minutes : minutes
        }
        return zones[word]
    }

    private static func stripComments(_ value: String) -> String {
        var depth = 0
        var output = ""
        for character in value {
            if character == "(" { depth += 1; continue }
            if character == ")" { depth = max(0, depth - 1); continue }
            if depth == 0 { output.append(character) }
        }
        return output
    }

    private static func parseISO8601(_ value: String) -> Date? {
        let trimmed = value.trimmingASCIIWhitespace()
        guard trimmed.count >= 19, trimmed.dropFirst(4).first == "-", trimmed.dropFirst(10).first == "T" else { return nil }
        let formatter = ISO8601DateFormatter()
        return formatter.date(from: trimmed)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Formats `date` for a `Date` header, in UTC: `Tue, 01 Jul 2003 08:52:37 +0000`.
    public static func format(_ date: Date) -> String {
        let total = Int(date.timeIntervalSince1970.rounded(.down))
        let dayNumber = Int((Double(total) / 86_400).rounded(.down))
        let secondsOfDay = total - dayNumber * 86_400
        let (year, month, day) = civilFromDays(dayNumber)
        let weekday = days[((dayNumber % 7) + 11) % 7]
        let monthName = months[month - 1].prefix(1).uppercased() + months[month - 1].dropFirst()
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekday), \(two(day)) \(monthName) \(year) \(two(secondsOfDay / 3600)):\(two(secondsOfDay % 3600 / 60)):\(two(secondsOfDay % 60)) +0000"
    }

    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
