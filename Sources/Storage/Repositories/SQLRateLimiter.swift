import Accounts
import Foundation
import SQLKit
import Synchronization

/// ``RateLimitRepository`` over SQL: admitted requests are rows of `rate_events (key_id, seq, at_ms)`.
///
/// `seq` numbers a key's events 1, 2, 3, … and `at_ms` never decreases along it (an event is stamped with
/// the later of now and its predecessor's time, so a clock stepping back cannot reorder them). The events
/// inside a window are therefore the newest ones, and a window's count is `newest seq − first seq inside
/// it + 1`: two index probes, whether the window holds 3 events or 10,000.
///
/// `admit` runs one transaction per request that holds the key's lock (PostgreSQL: advisory lock on a
/// hash of the key id, so other keys proceed in parallel; SQLite: the database write lock), reads the
/// counts, then either inserts the new event or computes the true wait from the event whose departure
/// frees a slot. Events older than the longest window are deleted on the way. Because counting and
/// inserting happen under the lock, the limit is exact under any concurrency, across processes too.
///
/// On SQLite the common case, a request with room in every window, is one statement instead: an
/// `INSERT … SELECT … WHERE` every count is under its limit. SQLite runs a statement as one write
/// transaction on a snapshot that must still be current when it writes (another process's commit in
/// between fails it with SQLITE_BUSY rather than letting it count stale rows), so it is exact too. When
/// it inserts nothing, or fails, the transaction above decides and computes the wait. Stale events are
/// then deleted every `sweepEvery`-th fast admission of this process instead of on every request.
///
/// `admitIfActive` adds the key's own check (present, not revoked) to the same statement or transaction,
/// so a caller that authenticated from a cache learns of a revocation in the step that counts the request.
struct SQLRateLimiter: RateLimitRepository {
    let executor: any SQLExecutor
    /// Fast admissions since this limiter was made, to space the stale-event sweeps.
    private let fastAdmissions = FastAdmissionCounter()

    init(executor: any SQLExecutor) {
        self.executor = executor
    }

    static let sweepEvery = 64

    func admit(keyID: UUID, policy: RateLimitPolicy, now: Date) async throws -> Admission {
        // Without the key check the answer is never "inactive".
        try await admit(keyID: keyID, policy: policy, now: now, requiringActiveKey: false) ?? .admitted
    }

    func admitIfActive(keyID: UUID, policy: RateLimitPolicy, now: Date) async throws -> Admission? {
        try await admit(keyID: keyID, policy: policy, now: now, requiringActiveKey: true)
    }

    private func admit(keyID: UUID, policy: RateLimitPolicy, now: Date, requiringActiveKey: Bool) async throws -> Admission? {
        let key = keyID.dbText
        let nowMs = now.epochMilliseconds
        guard !policy.windows.isEmpty else {
            guard requiringActiveKey else { return .admitted }
            return try await executor.read { db in try await Self.isActive(db, key: key) } ? .admitted : nil
        }
        if executor.backend == .sqlite, (try? await admitInOneStatement(
            key: key, policy: policy, nowMs: nowMs, requiringActiveKey: requiringActiveKey)) == true {
            if fastAdmissions.next() % Self.sweepEvery == 0 {
                let horizon = nowMs - Int64(policy.longestWindowSeconds) * 1_000
                try await executor.write { db in
                    try await db.raw("DELETE FROM rate_events WHERE key_id = \(bind: key) AND at_ms <= \(bind: horizon)").run()
                }
            }
            return .admitted
        }
        return try await admitInTransaction(
            keyID: keyID, key: key, policy: policy, now: now, nowMs: nowMs, requiringActiveKey: requiringActiveKey)
    }

    /// Inserts the event if (the key is active and) every window has room; true when it did.
    private func admitInOneStatement(
        key: String, policy: RateLimitPolicy, nowMs: Int64, requiringActiveKey: Bool
    ) async throws -> Bool {
        var query: SQLQueryString = """
            INSERT INTO rate_events (key_id, seq, at_ms)
            SELECT \(bind: key), COALESCE(last.seq, 0) + 1,
                   CASE WHEN last.at_ms > \(bind: nowMs) THEN last.at_ms ELSE \(bind: nowMs) END
            \(Self.withNewestEvent(key: key))
            WHERE 1 = 1
            """
        if requiringActiveKey { query += " AND \(Self.keyIsActive(key))" }
        for window in policy.windows {
            // Count inside the window: newest seq − first seq inside + 1 (0 when none is inside).
            query += """
                 AND COALESCE(last.seq, 0) + 1 - COALESCE(\(Self.firstSeqInside(key: key, window: window, nowMs: nowMs)), \
                COALESCE(last.seq, 0) + 1) < \(bind: window.limit)
                """
        }
        query += " RETURNING seq"
        let statement = query
        let inserted = try await executor.write { db in try await db.raw(statement).all() }
        return !inserted.isEmpty
    }

    private func admitInTransaction(
        keyID: UUID, key: String, policy: RateLimitPolicy, now: Date, nowMs: Int64, requiringActiveKey: Bool
    ) async throws -> Admission? {
        let day = UTCPeriod.day.key(containing: now)
        return try await executor.transaction(lockKey: Self.lockKey(keyID)) { db in
            if requiringActiveKey, !(try await Self.isActive(db, key: key)) { return nil }
            let state = try await Self.state(db, key: key, policy: policy, nowMs: nowMs)
            if state.hasStale {
                let horizon = nowMs - Int64(policy.longestWindowSeconds) * 1_000
                try await db.raw("DELETE FROM rate_events WHERE key_id = \(bind: key) AND at_ms <= \(bind: horizon)").run()
            }
            let full = policy.fullWindows(counts: state.counts)
            if full.isEmpty {
                try await db.raw("""
                    INSERT INTO rate_events (key_id, seq, at_ms)
                    VALUES (\(bind: key), \(bind: state.newestSeq + 1), \(bind: max(nowMs, state.newestAtMs)))
                    """).run()
                return .admitted
            }
            var wait = 1
            for index in full {
                let window = policy.windows[index]
                let offset = RateLimitPolicy.boundaryOffset(count: state.counts[index], window: window)
                var boundary: Int64?
                if let first = state.firstSeqs[index] {
                    boundary = try await db.raw("""
                        SELECT at_ms FROM rate_events WHERE key_id = \(bind: key) AND seq = \(bind: first + Int64(offset))
                        """).first().map { try $0.int64("at_ms") }
                }
                wait = max(wait, boundary.map { RateLimitPolicy.retryAfter(boundaryMs: $0, window: window, nowMs: nowMs) }
                    ?? window.seconds)
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
            let state = try await Self.state(db, key: key, policy: policy, nowMs: nowMs)
            let rejections = try await db.raw("""
                SELECT count FROM rate_rejections WHERE key_id = \(bind: key) AND day = \(bind: day)
                """).first().map { try $0.int("count") } ?? 0
            let windows = zip(policy.windows, state.counts).map { RateUsage.WindowCount(window: $0, count: $1) }
            return RateUsage(windows: windows, rejectionsToday: rejections)
        }
    }

    /// A key's events as the windows see them at `nowMs`.
    struct KeyState {
        /// Newest event's number and time (0 and 0 when the key has none).
        var newestSeq: Int64
        var newestAtMs: Int64
        /// Per window: the number of its oldest event inside, nil when none is.
        var firstSeqs: [Int64?]
        /// Whether any event is older than the longest window.
        var hasStale: Bool

        var counts: [Int] { firstSeqs.map { first in first.map { Int(newestSeq - $0 + 1) } ?? 0 } }
    }

    /// Reads a key's ``KeyState`` with one query: a few index probes, however many events there are.
    static func state(_ db: any SQLDatabase, key: String, policy: RateLimitPolicy, nowMs: Int64) async throws -> KeyState {
        var query: SQLQueryString = "SELECT last.seq AS newest_seq, last.at_ms AS newest_at"
        for (index, window) in policy.windows.enumerated() {
            query += ", \(firstSeqInside(key: key, window: window, nowMs: nowMs)) AS first\(unsafeRaw: String(index))"
        }
        let horizon = nowMs - Int64(policy.longestWindowSeconds) * 1_000
        query += """
            , (SELECT seq FROM rate_events WHERE key_id = \(bind: key) AND at_ms <= \(bind: horizon) \
            ORDER BY at_ms, seq LIMIT 1) AS stale
            \(withNewestEvent(key: key))
            """
        guard let row = try await db.raw(query).first() else {
            return KeyState(newestSeq: 0, newestAtMs: 0, firstSeqs: policy.windows.map { _ in nil }, hasStale: false)
        }
        let firstSeqs = try policy.windows.indices.map { try row.optionalInt("first\($0)").map(Int64.init) }
        return KeyState(
            newestSeq: Int64(try row.optionalInt("newest_seq") ?? 0), newestAtMs: Int64(try row.optionalInt("newest_at") ?? 0),
            firstSeqs: firstSeqs, hasStale: try row.optionalInt("stale") != nil)
    }

    /// A scalar subquery: the number of the key's oldest event inside `window` (NULL when none is).
    static func firstSeqInside(key: String, window: RateWindow, nowMs: Int64) -> SQLQueryString {
        let start = RateLimitPolicy.windowStart(window, nowMs: nowMs)
        return """
            (SELECT seq FROM rate_events WHERE key_id = \(bind: key) AND at_ms > \(bind: start) ORDER BY at_ms, seq LIMIT 1)
            """
    }

    /// `FROM` clause of one row whose `last` columns (`seq`, `at_ms`) are the key's newest event (NULL when
    /// it has none).
    static func withNewestEvent(key: String) -> SQLQueryString {
        """
        FROM (SELECT 1 AS one) AS base
        LEFT JOIN (SELECT seq, at_ms FROM rate_events WHERE key_id = \(bind: key) ORDER BY seq DESC LIMIT 1) AS last
          ON 1 = 1
        """
    }

    /// The condition that the key exists and is not revoked.
    static func keyIsActive(_ key: String) -> SQLQueryString {
        "EXISTS (SELECT 1 FROM api_keys WHERE id = \(bind: key) AND revoked_at IS NULL)"
    }

    static func isActive(_ db: any SQLDatabase, key: String) async throws -> Bool {
        try await db.raw("SELECT 1 AS active WHERE \(keyIsActive(key))").first() != nil
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
