import Accounts
import Foundation
import Synchronization
import Testing

/// A clock the test advances by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The injectable "now" closure.
    var closure: @Sendable () -> Date { { self.now } }
}

@Suite("Rate-limit policy")
struct RateLimitPolicyTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the default policy is 100/min, 1,000/hour, 10,000/day")
    func defaults() {
        #expect(RateLimitPolicy.standard.windows == [
            RateWindow(limit: 100, seconds: 60), RateWindow(limit: 1_000, seconds: 3_600),
            RateWindow(limit: 10_000, seconds: 86_400),
        ])
        #expect(RateLimitPolicy.standard.longestWindowSeconds == 86_400)
    }

    @Test("configuration strings parse and bad ones are refused")
    func parse() throws {
        #expect(try RateLimitPolicy.parse("5/10, 8/60").windows == [RateWindow(limit: 5, seconds: 10), RateWindow(limit: 8, seconds: 60)])
        for bad in ["", "5", "5/0", "0/10", "a/b", "5/10/2", "-1/60"] {
            #expect(throws: AccountsError.self) { try RateLimitPolicy.parse(bad) }
        }
    }

    @Test("the 101st request in a minute waits until the oldest leaves the window")
    func trueRetryAfter() async {
        let clock = ManualClock(Self.start)
        let limiter = InMemoryRateLimiter()
        let key = UUID()
        for _ in 0..<100 {
            #expect(await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .admitted)
            clock.advance(by: 0.1)
        }
        // Now start+10s; the first request (at start) leaves the minute window at start+60s.
        #expect(await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .rejected(retryAfter: 50))
        clock.advance(by: 49.5)
        #expect(await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .rejected(retryAfter: 1))
        clock.advance(by: 0.5)  // exactly start+60s: the first request is out.
        #expect(await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .admitted)
        // Full again; the next to leave is the request at start+0.1s, 0.1 s from now → rounds up to 1.
        #expect(await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .rejected(retryAfter: 1))
        let usage = await limiter.usage(keyID: key, policy: .standard, now: clock.now)
        #expect(usage.windows.map(\.count) == [100, 101, 101])
        #expect(usage.rejectionsToday == 3)
    }

    @Test("rejected requests are not counted, so a hammering client gets in when the window frees")
    func rejectionsDoNotCount() {
        let policy = RateLimitPolicy(windows: [RateWindow(limit: 2, seconds: 10)])
        let now: Int64 = 1_000_000
        #expect(policy.admission(eventsMs: [now - 9_000, now - 1_000], nowMs: now) == .rejected(retryAfter: 1))
        #expect(policy.admission(eventsMs: [now - 10_000, now - 1_000], nowMs: now) == .admitted)
    }

    @Test("with several full windows the longest wait wins")
    func longestWaitWins() {
        let policy = RateLimitPolicy(windows: [RateWindow(limit: 3, seconds: 10), RateWindow(limit: 5, seconds: 100)])
        let now: Int64 = 10_000_000
        // Five events in the last 100 s, three of them in the last 10 s.
        let events: [Int64] = [now - 90_000, now - 50_000, now - 8_000, now - 5_000, now - 1_000]
        // 10 s window: oldest inside is now-8s → leaves in 2 s. 100 s window: now-90s → leaves in 10 s.
        #expect(policy.admission(eventsMs: events, nowMs: now) == .rejected(retryAfter: 10))
    }

    @Test("retryAfter rounds up and is at least one second")
    func rounding() {
        let window = RateWindow(limit: 1, seconds: 60)
        #expect(RateLimitPolicy.retryAfter(boundaryMs: 0, window: window, nowMs: 59_999) == 1)
        #expect(RateLimitPolicy.retryAfter(boundaryMs: 0, window: window, nowMs: 60_000) == 1)
        #expect(RateLimitPolicy.retryAfter(boundaryMs: 0, window: window, nowMs: 1) == 60)
        #expect(RateLimitPolicy.retryAfter(boundaryMs: 0, window: window, nowMs: 1_001) == 59)
    }

    @Test("when over the limit (limit lowered), the wait is for enough events to leave")
    func overLimit() {
        let policy = RateLimitPolicy(windows: [RateWindow(limit: 2, seconds: 60)])
        let now: Int64 = 1_000_000
        let events: [Int64] = [now - 50_000, now - 40_000, now - 30_000, now - 20_000]
        // Four inside, limit 2: the third-oldest (now-30s) must leave → 30 s.
        #expect(policy.admission(eventsMs: events, nowMs: now) == .rejected(retryAfter: 30))
    }

    @Test("an empty policy admits everything")
    func empty() {
        #expect(RateLimitPolicy(windows: []).admission(eventsMs: [1, 2, 3], nowMs: 4) == .admitted)
    }

    @Test("epoch milliseconds round-trip exactly")
    func milliseconds() {
        for ms: Int64 in [0, 1, 999, 1_732_248_000_123, 1_800_000_000_001, 4_102_444_799_999] {
            #expect(Date(epochMilliseconds: ms).epochMilliseconds == ms)
        }
    }
}

@Suite("UTC periods")
struct UTCPeriodTests {
    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    @Test("keys name the UTC day and month")
    func keys() {
        let date = Self.date("2026-11-30T23:59:59Z")
        #expect(UTCPeriod.day.key(containing: date) == "day:2026-11-30")
        #expect(UTCPeriod.month.key(containing: date) == "month:2026-11")
        #expect(UTCPeriod.day.key(containing: Self.date("2026-12-01T00:00:00Z")) == "day:2026-12-01")
    }

    @Test("seconds until the next period")
    func retryAfter() {
        #expect(UTCPeriod.day.secondsUntilNext(from: Self.date("2026-11-30T23:59:59Z")) == 1)
        #expect(UTCPeriod.day.secondsUntilNext(from: Self.date("2026-11-30T00:00:00Z")) == 86_400)
        #expect(UTCPeriod.month.secondsUntilNext(from: Self.date("2026-11-30T23:00:00Z")) == 3_600)
        #expect(UTCPeriod.month.secondsUntilNext(from: Self.date("2026-02-01T00:00:00Z")) == 28 * 86_400)
        #expect(UTCPeriod.day.secondsUntilNext(from: Self.date("2026-11-30T23:59:59Z").addingTimeInterval(0.25)) == 1)
    }

    @Test("period starts")
    func starts() {
        let date = Self.date("2026-11-15T13:14:15Z")
        #expect(UTCPeriod.day.start(containing: date) == Self.date("2026-11-15T00:00:00Z"))
        #expect(UTCPeriod.month.start(containing: date) == Self.date("2026-11-01T00:00:00Z"))
    }
}

@Suite("Rate limit policy: summary")
struct RateLimitSummaryTests {
    @Test("the summary says each window in words, with grouped digits")
    func summary() throws {
        #expect(RateLimitPolicy.standard.summary == "100 per minute · 1,000 per hour · 10,000 per day")
        let custom = try RateLimitPolicy.parse("5/10,300/300,1000000/7200")
        #expect(custom.summary == "5 per 10 s · 300 per 5 min · 1,000,000 per 2 h")
        #expect((-1234).groupedDigits == "-1,234" && 0.groupedDigits == "0" && 999.groupedDigits == "999")
    }
}

@Suite("In-memory rate limiter: key check")
struct InMemoryActiveKeyTests {
    @Test("admitIfActive counts for an active key and answers nil, counting nothing, once it is deactivated")
    func deactivated() async throws {
        let limiter = InMemoryRateLimiter()
        let key = UUID()
        let policy = RateLimitPolicy(windows: [RateWindow(limit: 2, seconds: 60)])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(await limiter.admitIfActive(keyID: key, policy: policy, now: now) == .admitted)
        await limiter.deactivate(keyID: key)
        #expect(await limiter.admitIfActive(keyID: key, policy: policy, now: now) == nil)
        #expect(await limiter.usage(keyID: key, policy: policy, now: now).windows.map(\.count) == [1])
    }
}
