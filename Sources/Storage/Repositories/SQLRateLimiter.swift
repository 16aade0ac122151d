import Accounts
import Foundation
import SQLKit
import Synchronization

/// ``RateLimitRepository`` over SQL: admitted requests are rows of `rate_events (key_id, at_ms)`.
///
/// `admit` runs one transaction per request that holds the key's lock (PostgreSQL: advisory lock
/// on a hash of the key id, so other keys proceed in parallel; SQLite: the database write lock),
/// counts the events inside every window with one query, then either inserts the new event or
/// computes the true wait from the event whose departure frees a slot. Events older than the
/// longest window are deleted on the way. Because counting and inserting happen under the lock,
/// the limit is exact under any concurrency, across processes too.
///
/// On SQLite the common case, a request with room in every window, is one statement instead: an
/// `INSERT … SELECT … WHERE` every count is under its limit. SQLite runs a statement as one write
/// transaction on a snapshot that must still be current when it writes (another process's commit in
/// between fails it with SQLITE_BUSY rather than letting it count stale rows), so it is exact too. When
/// it inserts nothing, or fails, the transaction above decides and computes the wait. Stale events are
/// then deleted every `sweepEvery`-th fast admission of this process instead of on every request.
struct SQLRateLimiter: RateLimitRepository {
    let executor: any SQLExecutor
    /// Fast admissions since this limiter was made, to space the stale-event sweeps.
    private let fastAdmissions = FastAdmissionCounter()

    init(executor: any SQLExecutor) {
        self.executor = executor
    }

    static let sweepEvery = 64

    func admit(keyID: UUID, policy: RateLimitPolicy, now: Date) async throws -> Admission {
        guard !policy.windows.isEmpty else { return .admitted }
        let key = keyID.dbText
        let nowMs = now.epochMilliseconds
        if executor.backend == .sqlite, (try? await admitInOneStatement(key: key, policy: policy, nowMs: nowMs)) == true {
            if fastAdmissions.next() % Self.sweepEvery == 0 {
                let horizon = nowMs - Int64(policy.longestWindowSeconds) * 1_000
                try await executor.write { db in
                    try await db.raw("DELETE FROM rate_events WHERE key_id = \(bind: key) AND at_ms <= \(bind: horizon)").run()
                }
            }
            return .admitted
        }
        return try await admitInTransaction(keyID: keyID, key: key, policy: policy, now: now, nowMs: nowMs)
    }

    /// Inserts the event if every window has room; true when it did.
    private func admitInOneStatement(key: String, policy: RateLimitPolicy, nowMs: Int64) async throws -> Bool {
        // Each window is a range count on the (key_id, at_ms) index: only the events inside it are read.
        var query: SQLQueryString = "INSERT INTO rate_events (key_id, at_ms) SELECT \(bind: key), \(bind: nowMs) WHERE "
        for (index, window) in policy.windows.enumerated() {
            let start = RateLimitPolicy.windowStart(window, nowMs: nowMs)
            query += """
                \(unsafeRaw: index == 0 ? "" : " AND ")(SELECT COUNT(*) FROM rate_events WHERE key_id = \(bind: key) \
                AND at_ms > \(bind: start)) < \(bind: window.limit)
                """
        }
        query += " RETURNING at_ms"
        let statement = query
        let inserted = try await executor.write { db in try await db.raw(statement).all() }
        return !inserted.isEmpty
    }

    private func admitInTransaction(
        keyID: UUID, key: String, policy: RateLimitPolicy, now: Date, nowMs: Int64
    ) async throws -> Admission {
        let day = UTCPeriod.day.key(containing: now)
        return try await executor.transaction(lockKey: Self.lockKey(keyID)) { db in
            let counts = try await Self.counts(db, key: key, policy: policy, nowMs: nowMs)
            if counts.stale > 0 {
                let horizon = nowMs - Int64(policy.longestWindowSeconds) * 1_000
                try await db.raw("DELETE FROM rate_events WHERE key_id = \(bind: key) AND at_ms <= \(bind: horizon)").run()
            }
            let full = policy.fullWindows(counts: counts.windows)
            if full.isEmpty {
                try await db.raw("INSERT INTO rate_events (key_id, at_ms) VALUES (\(bind: key), \(bind: nowMs))").run()
                return .admitted
            }
            var wait = 1
            for index in full {
                let window = policy.windows[index]
                wait = max(wait, try await Self.retryAfter(db, key: key, window: window, count: counts.windows[index], nowMs: nowMs))
            }
            try await db.raw("""
                INSERT INTO rate_rejections (key_id, day, count) VALUES (\(bind: key), \(bind: day), 1)
                ON CONFLICT (key_id, day) DO UPDATE SET count = rate_rejections.count + 1
                """).run()
            return .rejected(retryAfter: wait)
        }
    }

    func usage(keyID: UUID, policy: RateLimitPolicy, now: Date) async throws -> RateUsage {
        let key = keyID.dbText
        let nowMs = now.epochMilliseconds
        let day = UTCPeriod.day.key(containing: now)
        return try await executor.read { db in
            let counts = try await Self.counts(db, key: key, policy: policy, nowMs: nowMs)
            let rejections = try await db.raw("""
                SELECT count FROM rate_rejections WHERE key_id = \(bind: key) AND day = \(bind: day)
                """).first().map { try $0.int("count") } ?? 0
            let windows = zip(policy.windows, counts.windows).map { RateUsage.WindowCount(window: $0, count: $1) }
            return RateUsage(windows: windows, rejectionsToday: rejections)
        }
    }

    /// Events inside each window (a range count on the index each), and whether any event is older than
    /// the longest window (one index probe), in one query.
    static func counts(
        _ db: any SQLDatabase, key: String, policy: RateLimitPolicy, nowMs: Int64
    ) async throws -> (windows: [Int], stale: Int) {
        var query: SQLQueryString = "SELECT "
        for (index, window) in policy.windows.enumerated() {
            let start = RateLimitPolicy.windowStart(window, nowMs: nowMs)
            query += """
                (SELECT COUNT(*) FROM rate_events WHERE key_id = \(bind: key) AND at_ms > \(bind: start)) \
                AS w\(unsafeRaw: String(index)), 
                """
        }
        let horizon = nowMs - Int64(policy.longestWindowSeconds) * 1_000
        query += """
            (SELECT COUNT(*) FROM (SELECT 1 FROM rate_events WHERE key_id = \(bind: key) AND at_ms <= \(bind: horizon) LIMIT 1) AS old) \
            AS stale
            """
        guard let row = try await db.raw(query).first() else { return (policy.windows.map { _ in 0 }, 0) }
        let windows = try policy.windows.indices.map { try row.int("w\($0)") }
        return (windows, try row.int("stale"))
    }

    /// Seconds until the event whose departure frees a slot in `window` leaves it.
    static func retryAfter(
        _ db: any SQLDatabase, key: String, window: RateWindow, count: Int, nowMs: Int64
    ) async throws -> Int {
        let start = RateLimitPolicy.windowStart(window, nowMs: nowMs)
        let offset = RateLimitPolicy.boundaryOffset(count: count, window: window)
        let boundary = try await db.raw("""
            SELECT at_ms FROM rate_events WHERE key_id = \(bind: key) AND at_ms > \(bind: start)
            ORDER BY at_ms LIMIT 1 OFFSET \(bind: offset)
            """).first().map { try $0.int64("at_ms") }
        guard let boundary else { return window.seconds }
        return RateLimitPolicy.retryAfter(boundaryMs: boundary, window: window, nowMs: nowMs)
    }

    /// A 64-bit advisory lock key for an API key id (its first eight bytes, tagged).
    static func lockKey(_ id: UUID) -> Int64 {
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0.prefix(8)) }
        let value = bytes.reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
        return Int64(bitPattern: value ^ 0x5241_5445_4C49_4D54)  // "RATELIMT"
    }
}

/// A process-wide count, shared by copies of the limiter.
private final class FastAdmissionCounter: Sendable {
    private let value = Atomic<Int>(0)
    func next() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
}
