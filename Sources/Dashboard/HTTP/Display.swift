import Accounts
import Foundation

/// Formatting shared by the pages: UTC times, counts, ids.
enum Display {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// `2026-05-01 14:03 UTC`.
    static func time(_ date: Date) -> String {
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2)) \(pad(p.hour, 2)):\(pad(p.minute, 2)) UTC"
    }

    /// `2026-05-01 14:03:09`, for the activity log.
    static func preciseTime(_ date: Date) -> String {
        let p = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2)) \(pad(p.hour, 2)):\(pad(p.minute, 2)):\(pad(p.second, 2))"
    }

    /// `May 1`, for chart labels.
    static func shortDay(_ date: Date) -> String {
        let p = calendar.dateComponents([.month, .day], from: date)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(months[max(0, min(11, (p.month ?? 1) - 1))]) \(p.day ?? 1)"
    }

    /// `1,234`.
    static func count(_ value: Int) -> String { value.groupedDigits }

    /// `1 call`, `2,000 calls`.
    static func plural(_ value: Int, _ noun: String) -> String {
        "\(count(value)) \(noun)\(value == 1 ? "" : "s")"
    }

    /// A limit for people: `1,000` or `unlimited`.
    static func limit(_ value: Int?) -> String { value.map(count) ?? "unlimited" }

    /// A lower-case UUID, as agents and the CLI spell them.
    static func id(_ id: UUID) -> String { id.uuidString.lowercased() }

    private static func pad(_ value: Int?, _ width: Int) -> String {
        let digits = String(value ?? 0)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
