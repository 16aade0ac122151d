import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Rate limiter")
struct RateLimiterTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("150 simultaneous requests with one key: exactly 100 admitted", arguments: Engine.allCases)
    func exactUnderConcurrency(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let key = UUID()
            let limiter = stores.rateLimiter
            let results = try await concurrently(150) { _ in
                try await limiter.admit(keyID: key, policy: .standard, now: Self.start)
            }
            #expect(results.filter { $0 == .admitted }.count == 100)
            #expect(results.filter { $0 == .rejected(retryAfter: 60) }.count == 50)
            let usage = try await limiter.usage(keyID: key, policy: .standard, now: Self.start)
            #expect(usage.windows.map(\.count) == [100, 100, 100])
            #expect(usage.rejectionsToday == 50)
        }
    }

    @Test("two Database instances (separate pools) on one key: exactly 100 admitted", arguments: Engine.allCases)
    func exactAcrossInstances(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, fixture in
            let second = try await fixture.open()
            let limiters = [stores.rateLimiter, Stores(database: second, secretBox: .random()).rateLimiter]
            let key = UUID()
            let results = try await concurrently(150) { index in
                try await limiters[index % 2].admit(keyID: key, policy: .standard, now: Self.start)
            }
            await second.shutdown()
            #expect(results.filter { $0 == .admitted }.count == 100)
        }
    }

    @Test("retryAfter is the true time until the oldest request leaves the window", arguments: Engine.allCases)
    func trueRetryAfter(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let clock = ManualClock(Self.start)
            let key = UUID()
            let limiter = stores.rateLimiter
            for _ in 0..<100 {
                #expect(try await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .admitted)
                clock.advance(by: 0.1)
            }
            #expect(try await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .rejected(retryAfter: 50))
            clock.advance(by: 49.5)
            #expect(try await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .rejected(retryAfter: 1))
            clock.advance(by: 0.5)
            #expect(try await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .admitted)
            #expect(try await limiter.admit(keyID: key, policy: .standard, now: clock.now) == .rejected(retryAfter: 1))
            let usage = try await limiter.usage(keyID: key, policy: .standard, now: clock.now)
            #expect(usage.windows.map(\.count) == [100, 101, 101])
            #expect(usage.rejectionsToday == 3)
        }
    }

    @Test("the same decisions as the pure policy over a scripted run", arguments: Engine.allCases)
    func matchesPolicy(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let policy = RateLimitPolicy(windows: [RateWindow(limit: 3, seconds: 10), RateWindow(limit: 5, seconds: 60)])
            let reference = InMemoryRateLimiter()
            let key = UUID()
            let clock = ManualClock(Self.start)
            // Bursts and pauses, 2.5 s apart on average, for 90 s of simulated time.
            for step in 0..<40 {
                let expected = await reference.admit(keyID: key, policy: policy, now: clock.now)
                let actual = try await stores.rateLimiter.admit(keyID: key, policy: policy, now: clock.now)
                #expect(actual == expected, "step \(step)")
                clock.advance(by: [0.2, 0.7, 4.1, 1.3, 6.0][step % 5])
            }
        }
    }

    @Test("keys are limited independently and old events are pruned", arguments: Engine.allCases)
    func independentKeysAndPruning(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let policy = RateLimitPolicy(windows: [RateWindow(limit: 2, seconds: 10)])
            let (a, b) = (UUID(), UUID())
            #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: Self.start) == .admitted)
            #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: Self.start) == .admitted)
            #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: Self.start) == .rejected(retryAfter: 10))
            #expect(try await stores.rateLimiter.admit(keyID: b, policy: policy, now: Self.start) == .admitted)
            let later = Self.start.addingTimeInterval(11)
            #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: later) == .admitted)
            #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: later) == .admitted)
            #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: later) == .rejected(retryAfter: 10))

            // Stale events go at once on the transaction path (every PostgreSQL admission, every rejection), and
            // on SQLite's one-statement path at the latest after `sweepEvery` admissions of this process.
            let roomy = RateLimitPolicy(windows: [RateWindow(limit: 1_000, seconds: 10)])
            let c = UUID()
            for _ in 0..<3 { _ = try await stores.rateLimiter.admit(keyID: c, policy: roomy, now: Self.start) }
            for _ in 0..<SQLRateLimiter.sweepEvery {
                #expect(try await stores.rateLimiter.admit(keyID: c, policy: roomy, now: later) == .admitted)
            }
            for key in [a, c] {
                let stale = try await stores.database.executor.read { db in
                    try await db.raw("""
                        SELECT at_ms FROM rate_events WHERE key_id = \(bind: key.dbText) AND at_ms < \(bind: later.epochMilliseconds)
                        """).all().count
                }
                #expect(stale == 0, "events older than the longest window are left for key \(key == a ? "a" : "c")")
            }
        }
    }
}

@Suite("Rate limiter: numbered events and the key check")
struct RateLimiterSequenceTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a day window with thousands of events is counted exactly, and its wait is true", arguments: Engine.allCases)
    func bigWindowCounts(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let policy = RateLimitPolicy(windows: [RateWindow(limit: 3_000, seconds: 60), RateWindow(limit: 2_500, seconds: 86_400)])
            let key = UUID()
            let clock = ManualClock(Self.start)
            // 2,000 events 40 s apart in the past day (only the day window holds most of them), then a burst.
            try await stores.database.executor.write { db in
                for index in 0..<2_000 {
                    try await db.raw("""
                        INSERT INTO rate_events (key_id, seq, at_ms)
                        VALUES (\(bind: key.dbText), \(bind: index + 1), \(bind: clock.now.epochMilliseconds - 80_000_000 + Int64(index) * 40_000))
                        """).run()
                }
            }
            var admitted = 0
            for _ in 0..<600 {
                if try await stores.rateLimiter.admit(keyID: key, policy: policy, now: clock.now) == .admitted { admitted += 1 }
            }
            #expect(admitted == 500)
            let usage = try await stores.rateLimiter.usage(keyID: key, policy: policy, now: clock.now)
            #expect(usage.windows.map(\.count) == [501, 2_500])
            #expect(usage.rejectionsToday == 100)
            // The oldest event (80,000 s ago) leaves the day window in 6,400 s.
            #expect(try await stores.rateLimiter.admit(keyID: key, policy: policy, now: clock.now) == .rejected(retryAfter: 6_400))
        }
    }

    @Test("a clock stepping back stamps the event at its predecessor's time: counts stay right", arguments: Engine.allCases)
    func clockSteppingBack(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let policy = RateLimitPolicy(windows: [RateWindow(limit: 3, seconds: 10)])
            let key = UUID()
            #expect(try await stores.rateLimiter.admit(keyID: key, policy: policy, now: Self.start) == .admitted)
            let earlier = Self.start.addingTimeInterval(-5)
            #expect(try await stores.rateLimiter.admit(keyID: key, policy: policy, now: earlier) == .admitted)
            #expect(try await stores.rateLimiter.usage(keyID: key, policy: policy, now: Self.start).windows.map(\.count) == [2])
            #expect(try await stores.rateLimiter.admit(keyID: key, policy: policy, now: Self.start) == .admitted)
            #expect(try await stores.rateLimiter.admit(keyID: key, policy: policy, now: Self.start) == .rejected(retryAfter: 10))
            let rows = try await stores.database.executor.read { db in
                try await db.raw("SELECT seq, at_ms FROM rate_events WHERE key_id = \(bind: key.dbText) ORDER BY seq").all()
                    .map { [try $0.int64("seq"), try $0.int64("at_ms")] }
            }
            let at = Self.start.epochMilliseconds
            #expect(rows == [[1, at], [2, at], [3, at]])
        }
    }

    @Test("admitIfActive counts only for a present, unrevoked key, and still refuses a full window", arguments: Engine.allCases)
    func activeKeyCheck(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "W", plan: .pro)
            let (key, _) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "k", scopes: [.readEmail])
            let limiter = stores.rateLimiter
            for policy in [RateLimitPolicy(windows: [RateWindow(limit: 2, seconds: 60)]), RateLimitPolicy(windows: [])] {
                let roomy = policy.windows.isEmpty
                #expect(try await limiter.admitIfActive(keyID: key.id, policy: policy, now: Self.start) == .admitted)
                #expect(try await limiter.admitIfActive(keyID: key.id, policy: policy, now: Self.start) == .admitted)
                #expect(try await limiter.admitIfActive(keyID: key.id, policy: policy, now: Self.start)
                        == (roomy ? .admitted : .rejected(retryAfter: 60)))
                #expect(try await limiter.admitIfActive(keyID: UUID(), policy: policy, now: Self.start) == nil)
            }
            #expect(try await stores.apiKeys.revoke(id: key.id, workspaceID: workspace.id, at: Self.start))
            let later = Self.start.addingTimeInterval(120)
            let policy = RateLimitPolicy(windows: [RateWindow(limit: 2, seconds: 60)])
            #expect(try await limiter.admitIfActive(keyID: key.id, policy: policy, now: later) == nil)
            // Nothing was counted for the refused key; the plain admit (no key check) still counts.
            #expect(try await limiter.usage(keyID: key.id, policy: policy, now: later).windows.map(\.count) == [0])
            #expect(try await limiter.admit(keyID: key.id, policy: policy, now: later) == .admitted)
        }
    }
}
