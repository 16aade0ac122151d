import Accounts

/// The 30-day "calls per day" chart as inline SVG (no script, no library): one bar per UTC day,
/// the part that ended with an error code drawn on top in red, each bar with a `<title>` tooltip.
enum UsageChart {
    static let width = 720.0
    static let height = 220.0
    static let top = 16.0
    static let bottom = 28.0
    static let left = 36.0

    static func svg(_ days: [DailyCallCount]) -> String {
        let maximum = max(1, days.map(\.calls).max() ?? 0)
        let scaleTop = max(4, niceCeiling(maximum))
        let plotHeight = height - top - bottom
        let slot = (width - left - 8) / Double(max(1, days.count))
        let barWidth = max(2, slot * 0.7)
        let total = days.reduce(0) { $0 + $1.calls }
        var out = "<svg class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-labelledby=\"chart-title\" preserveAspectRatio=\"xMidYMid meet\">"
        out += "<title id=\"chart-title\">Tool calls per day over the last \(days.count) days: \(total) in total, at most \(maximum) on one day.</title>"
        for fraction in [0.0, 0.5, 1.0] {
            let y = top + plotHeight * (1 - fraction)
            out += "<line class=\"axis\" x1=\"\(fmt(left))\" y1=\"\(fmt(y))\" x2=\"\(fmt(width - 4))\" y2=\"\(fmt(y))\"/>"
            let value = Double(scaleTop) * fraction
            if value == value.rounded() {
                out += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y + 4))\" text-anchor=\"end\">\(Display.count(Int(value)))</text>"
            }
        }
        for (index, day) in days.enumerated() {
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            let barHeight = plotHeight * Double(day.calls) / Double(scaleTop)
            let errorHeight = plotHeight * Double(day.errors) / Double(scaleTop)
            let label = "\(Display.shortDay(day.day)): \(day.calls) calls, \(day.errors) errors"
            out += "<g><title>\(label)</title>"
            if day.calls > 0 {
                out += "<rect class=\"bar\" x=\"\(fmt(x))\" y=\"\(fmt(top + plotHeight - barHeight))\" width=\"\(fmt(barWidth))\" height=\"\(fmt(max(1, barHeight)))\" rx=\"2\"/>"
            }
            if day.errors > 0 {
                out += "<rect class=\"bar-error\" x=\"\(fmt(x))\" y=\"\(fmt(top + plotHeight - barHeight))\" width=\"\(fmt(barWidth))\" height=\"\(fmt(max(1, errorHeight)))\" rx=\"2\"/>"
            }
            out += "</g>"
            if index % 5 == 0 || index == days.count - 1 {
                out += "<text x=\"\(fmt(x + barWidth / 2))\" y=\"\(fmt(height - 8))\" text-anchor=\"middle\">\(Display.shortDay(day.day))</text>"
            }
        }
        out += "</svg>"
        out += "<p class=\"legend\"><span><span class=\"swatch\"></span>calls</span><span><span class=\"swatch error\"></span>with an error code</span></p>"
        return out
    }

    /// A round axis maximum at or above `value` (1, 2, 5 × 10ⁿ).
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while magnitude * 10 <= value { magnitude *= 10 }
        for step in [1, 2, 5, 10] where step * magnitude >= value { return step * magnitude }
        return value
    }

    private static func fmt(_ value: Double) -> String { String(format: "%.1f", value) }
}
