import Foundation

/// One rolling window: at most `limit` admitted requests in any `seconds`-long span ending now.
public struct RateWindow: Hashable, Sendable, Codable {
    /// Requests allowed inside the window.
    public var limit: Int
    /// The window's length in seconds.
    public var seconds: Int

    /// Creates a window.
    public init(limit: Int, seconds: Int) {
        self.limit = limit
        self.seconds = seconds
    }
}

/// The answer of a rate limiter.
public enum Admission: Hashable, Sendable {
    /// The request is counted and may proceed.
    case admitted
    /// The request is refused and not counted; a slot frees in `retryAfter` seconds (≥ 1, rounded up).
    case rejected(retryAfter: Int)
}

/// Per-key rate limits in rolling windows (not fixed buckets), with the product's defaults:
/// 100 per minute, 1,000 per hour, 10,000 per day.
///
/// An admitted request at time `t` counts in a window of `s` seconds while `now - s < t`, i.e. it
/// leaves the window exactly `s` seconds after it was made. Only admitted requests count, so a
/// client hammering a full window still gets in once the window has room.
public struct RateLimitPolicy: Hashable, Sendable, Codable {
    /// The windows; a request is admitted only if every window has room.
    public var windows: [RateWindow]

    /// Creates a policy (see ``parse(_:)`` for validated configuration input).
    public init(windows: [RateWindow]) {
        self.windows = windows
    }

    /// 100/min, 1,000/hour, 10,000/day.
    public static let standard = RateLimitPolicy(windows: [
        RateWindow(limit: 100, seconds: 60),
        RateWindow(limit: 1_000, seconds: 3_600),
        RateWindow(limit: 10_000, seconds: 86_400),
    ])

    /// Parses `LIMIT/SECONDS` pairs separated by commas, e.g. `100/60,1000/3600,10000/86400`.
    /// Both numbers must be positive integers.
    public static func parse(_ text: String) throws(AccountsError) -> RateLimitPolicy {
        var windows: [RateWindow] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let limit = Int(pieces[0]), let seconds = Int(pieces[1]),
                  limit > 0, seconds > 0 else {
                throw AccountsError(.invalidLimit, detail: "rate window \"\(part)\" is not LIMIT/SECONDS with positive numbers")
            }
            windows.append(RateWindow(limit: limit, seconds: seconds))
        }
        guard !windows.isEmpty else { throw AccountsError(.invalidLimit, detail: "no rate windows given") }
        return RateLimitPolicy(windows: windows)
    }

    /// The windows for people: `100 per minute · 1,000 per hour · 10,000 per day` (error messages, dashboard).
    public var summary: String {
        windows.map { "\($0.limit.groupedDigits) \(Self.phrase(seconds: $0.seconds))" }.joined(separator: " · ")
    }

    /// `per minute`, `per hour`, `per day`, else `per 5 min`, `per 2 h`, `per 90 s`.
    public static func phrase(seconds: Int) -> String {
        switch seconds {
        case 60: return "per minute"
        case 3_600: return "per hour"
        case 86_400: return "per day"
        default: return seconds % 3_600 == 0 ? "per \(seconds / 3_600) h" : seconds % 60 == 0 ? "per \(seconds / 60) min" : "per \(seconds) s"
        }
    }

    /// The longest window in seconds (events older than this can be forgotten).
    public var longestWindowSeconds: Int { windows.map(\.seconds).max() ?? 0 }

    /// The start (exclusive, in epoch milliseconds) of `window` at `nowMs`: events with
    /// `at > windowStart` are inside it.
    public static func windowStart(_ window: RateWindow, nowMs: Int64) -> Int64 {
        nowMs - Int64(window.seconds) * 1_000
    }

    /// Indices of the windows that are full, given the number of admitted events inside each window
    /// (same order as ``windows``).
    public func fullWindows(counts: [Int]) -> [Int] {
        zip(windows.indices, zip(windows, counts)).compactMap { index, pair in
            pair.1 >= pair.0.limit ? index : nil
        }
    }

    /// For a full window holding `count` events: the zero-based position, oldest first, of the event
    /// whose departure brings the count below the limit (`count - limit`; usually 0, the oldest).
    public static func boundaryOffset(count: Int, window: RateWindow) -> Int {
        max(0, count - window.limit)
    }

    /// Whole seconds, rounded up and at least 1, until the event at `boundaryMs` leaves `window`.
    public static func retryAfter(boundaryMs: Int64, window: RateWindow, nowMs: Int64) -> Int {
        let remaining = boundaryMs + Int64(window.seconds) * 1_000 - nowMs
        let seconds = (remaining + 999) / 1_000
        return Int(max(1, seconds))
    }

    /// The decision for a request at `nowMs` given the times (epoch ms) of earlier admitted events.
    /// Pure: storage backends compute the same thing with SQL (see `SQLRateLimiter`).
    public func admission(eventsMs: [Int64], nowMs: Int64) -> Admission {
        let sorted = eventsMs.sorted()
        let inside = windows.map { window in
            let start = Self.windowStart(window, nowMs: nowMs)
            return sorted.filter { $0 > start }
        }
        let full = fullWindows(counts: inside.map(\.count))
        guard !full.isEmpty else { return .admitted }
        let wait = full.map { index in
            let window = windows[index]
            let events = inside[index]
            let offset = Self.boundaryOffset(count: events.count, window: window)
            guard offset < events.count else { return window.seconds }
            return Self.retryAfter(boundaryMs: events[offset], window: window, nowMs: nowMs)
        }.max() ?? 1
        return .rejected(retryAfter: wait)
    }
}

extension Date {
    /// Milliseconds since 1970, rounded to the nearest: the precision the database stores.
    /// Rounding (not truncation) makes `Date(epochMilliseconds: m).epochMilliseconds == m` exact.
    public var epochMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1_000).rounded())
    }

    /// The date for `epochMilliseconds` milliseconds since 1970.
    public init(epochMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(epochMilliseconds) / 1_000)
    }
}

extension Int {
    /// `10,000`, `-1,234`: thousands separated by commas (limits and counts shown to people).
    public var groupedDigits: String {
        let digits = String(magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return self < 0 ? "-" + out : out
    }
}
