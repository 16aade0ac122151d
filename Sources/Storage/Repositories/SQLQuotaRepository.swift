import Accounts
import Foundation
import SQLKit

/// ``QuotaRepository`` over SQL: one row per (workspace, counter) in `quota_counters`, where the
/// counter names kind and period (`send:day:2026-11-22`, `call:month:2026-11`).
///
/// A reservation is a single conditional upsert, atomic on both engines:
///
///     INSERT INTO quota_counters … VALUES (…, 1)
///     ON CONFLICT (workspace_id, counter) DO UPDATE SET count = quota_counters.count + 1
///     WHERE quota_counters.count < $limit
///     RETURNING count
///
/// No returned row means the limit is reached. (SQLite ≥ 3.35 and PostgreSQL both support it.)
struct SQLQuotaRepository: QuotaRepository {
    let executor: any SQLExecutor

    func reserveSend(workspaceID: UUID, limit: Int?, now: Date) async throws -> QuotaDecision {
        try await reserve(workspaceID: workspaceID, kind: "send", period: .day, limit: limit, now: now)
    }

    func reserveCall(workspaceID: UUID, limit: Int?, now: Date) async throws -> QuotaDecision {
        try await reserve(workspaceID: workspaceID, kind: "call", period: .month, limit: limit, now: now)
    }

    func recordCalls(workspaceID: UUID, count: Int, at: Date) async throws {
        guard count > 0 else { return }
        let counter = Self.counter(kind: "call", period: .month, now: at)
        try await executor.write { db in
            try await db.raw("""
                INSERT INTO quota_counters (workspace_id, counter, count)
                VALUES (\(bind: workspaceID.dbText), \(bind: counter), \(bind: count))
                ON CONFLICT (workspace_id, counter) DO UPDATE SET count = quota_counters.count + \(bind: count)
                """).run()
        }
    }

    func release(_ reservation: QuotaReservation) async throws {
        try await executor.write { db in
            try await db.raw("""
                UPDATE quota_counters SET count = count - 1
                WHERE workspace_id = \(bind: reservation.workspaceID.dbText) AND counter = \(bind: reservation.counter)
                  AND count > 0
                """).run()
        }
    }

    func usage(workspaceID: UUID, now: Date) async throws -> QuotaUsage {
        let sends = Self.counter(kind: "send", period: .day, now: now)
        let calls = Self.counter(kind: "call", period: .month, now: now)
        let rows = try await executor.read { db in
            try await db.raw("""
                SELECT counter, count FROM quota_counters
                WHERE workspace_id = \(bind: workspaceID.dbText) AND counter IN (\(bind: sends), \(bind: calls))
                """).all().map { (try $0.string("counter"), try $0.int("count")) }
        }
        let counts = Dictionary(rows, uniquingKeysWith: { first, _ in first })
        return QuotaUsage(sendsToday: counts[sends] ?? 0, callsThisMonth: counts[calls] ?? 0)
    }

    static func counter(kind: String, period: UTCPeriod, now: Date) -> String {
        kind + ":" + period.key(containing: now)
    }

    private func reserve(
        workspaceID: UUID, kind: String, period: UTCPeriod, limit: Int?, now: Date
    ) async throws -> QuotaDecision {
        let counter = Self.counter(kind: kind, period: period, now: now)
        let exceeded = QuotaDecision.exceeded(limit: limit ?? 0, retryAfter: period.secondsUntilNext(from: now))
        if let limit, limit <= 0 { return exceeded }
        var query: SQLQueryString = """
            INSERT INTO quota_counters (workspace_id, counter, count)
            VALUES (\(bind: workspaceID.dbText), \(bind: counter), 1)
            ON CONFLICT (workspace_id, counter) DO UPDATE SET count = quota_counters.count + 1
            """
        if let limit { query += " WHERE quota_counters.count < \(bind: limit)" }
        query += " RETURNING count"
        let upsert = query
        let used = try await executor.write { db in try await db.raw(upsert).first().map { try $0.int("count") } }
        guard let used else { return exceeded }
        return .granted(QuotaReservation(workspaceID: workspaceID, counter: counter, used: used))
    }
}
