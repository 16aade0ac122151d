import Foundation

/// UTC calendar periods for quotas: sends count per UTC day, tool calls per UTC month.
public enum UTCPeriod: Hashable, Sendable {
    /// The UTC calendar day containing a date.
    case day
    /// The UTC calendar month containing a date.
    case month

    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        return calendar
    }()

    /// A stable key naming the period containing `date`: `day:2026-11-22` or `month:2026-11`.
    public func key(containing date: Date) -> String {
        let parts = Self.calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 1970, month = parts.month ?? 1, day = parts.day ?? 1
        switch self {
        case .day: return "day:" + Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2)
        case .month: return "month:" + Self.pad(year, 4) + "-" + Self.pad(month, 2)
        }
    }

    /// The first instant of the period containing `date`.
    public func start(containing date: Date) -> Date {
        let component: Calendar.Component = self == .day ? .day : .month
        return Self.calendar.dateInterval(of: component, for: date)?.start ?? date
    }

    /// The first instant of the next period after the one containing `date`.
    public func end(containing date: Date) -> Date {
        let component: Calendar.Component = self == .day ? .day : .month
        return Self.calendar.dateInterval(of: component, for: date)?.end ?? date.addingTimeInterval(86_400)
    }

    /// Whole seconds (rounded up, at least 1) from `date` until the next period starts.
    public func secondsUntilNext(from date: Date) -> Int {
        let remaining = end(containing: date).timeIntervalSince(date)
        return max(1, Int(remaining.rounded(.up)))
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
