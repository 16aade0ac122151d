import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Login throttle")
struct LoginThrottleTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("failures are counted per subject from `since` on; reset forgets one subject", arguments: Engine.allCases)
    func countAndReset(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let throttle = stores.loginThrottle
            for offset in [0.0, 10, 20] {
                try await throttle.recordFailure(subject: "email:ana@example.com", now: Self.start.addingTimeInterval(offset))
            }
            try await throttle.recordFailure(subject: "ip:127.0.0.1", now: Self.start)
            #expect(try await throttle.failures(subject: "email:ana@example.com", since: Self.start) == 3)
            #expect(try await throttle.failures(subject: "email:ana@example.com", since: Self.start.addingTimeInterval(10)) == 2)
            #expect(try await throttle.failures(subject: "email:ana@example.com", since: Self.start.addingTimeInterval(21)) == 0)
            #expect(try await throttle.failures(subject: "ip:127.0.0.1", since: Self.start) == 1)
            #expect(try await throttle.failures(subject: "email:bo@example.com", since: Self.start) == 0)

            try await throttle.reset(subject: "email:ana@example.com")
            #expect(try await throttle.failures(subject: "email:ana@example.com", since: Self.start) == 0)
            #expect(try await throttle.failures(subject: "ip:127.0.0.1", since: Self.start) == 1)
            try await throttle.reset(subject: "never-seen")
        }
    }

    @Test("recording prunes every subject's events older than a day", arguments: Engine.allCases)
    func prune(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let throttle = stores.loginThrottle
            try await throttle.recordFailure(subject: "a", now: Self.start)
            try await throttle.recordFailure(subject: "b", now: Self.start.addingTimeInterval(10))
            try await throttle.recordFailure(subject: "c", now: Self.start.addingTimeInterval(SQLLoginThrottle.retention + 5))
            #expect(try await Self.rows(stores) == ["b", "c"])
            #expect(try await throttle.failures(subject: "a", since: Self.start) == 0)
            #expect(try await throttle.failures(subject: "b", since: Self.start) == 1)
        }
    }

    @Test("concurrent failures (two instances) are all counted", arguments: Engine.allCases)
    func concurrentRecords(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, fixture in
            let second = try await fixture.open()
            let throttles = [stores.loginThrottle, Stores(database: second, secretBox: .random()).loginThrottle]
            _ = try await concurrently(20) { index in
                try await throttles[index % 2].recordFailure(subject: "ip:10.0.0.1", now: Self.start.addingTimeInterval(Double(index)))
            }
            await second.shutdown()
            #expect(try await stores.loginThrottle.failures(subject: "ip:10.0.0.1", since: Self.start) == 20)
        }
    }

    static func rows(_ stores: Stores) async throws -> [String] {
        try await stores.database.executor.read { db in
            try await db.raw("SELECT subject FROM login_failures ORDER BY subject").all().map { try $0.string("subject") }
        }
    }
}
