import Accounts
import Foundation
import SQLKit

/// ``AuditLogRepository`` over SQL: the `audit_log` table, indexed by (workspace, time).
struct SQLAuditLog: AuditLogRepository {
    let executor: any SQLExecutor

    static let columns = "id, at_ms, workspace_id, key_id, inbox_id, tool, outcome, latency_ms, request_id"
    static let dayMs: Int64 = 86_400_000

    func record(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        try await executor.transaction(lockKey: nil) { db in
            for entry in entries {
                try await db.raw("""
                    INSERT INTO audit_log (id, at_ms, workspace_id, key_id, inbox_id, tool, outcome, latency_ms, request_id)
                    VALUES (\(bind: entry.id.dbText), \(bind: entry.time.epochMilliseconds), \(bind: entry.workspaceID.dbText),
                            \(bind: entry.keyID?.dbText), \(bind: entry.inboxID?.dbText), \(bind: entry.tool),
                            \(bind: entry.outcome), \(bind: entry.latencyMs), \(bind: entry.requestID))
                    """).run()
            }
        }
    }

    func list(workspaceID: UUID, filter: AuditFilter, limit: Int, offset: Int) async throws -> [AuditEntry] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns) FROM audit_log WHERE workspace_id = \(bind: workspaceID.dbText)"
        if let keyID = filter.keyID { query += " AND key_id = \(bind: keyID.dbText)" }
        if let inboxID = filter.inboxID { query += " AND inbox_id = \(bind: inboxID.dbText)" }
        if let tool = filter.tool { query += " AND tool = \(bind: tool)" }
        if let outcome = filter.outcome { query += " AND outcome = \(bind: outcome)" }
        if let before = filter.before { query += " AND at_ms < \(bind: before.epochMilliseconds)" }
        query += " ORDER BY at_ms DESC, id DESC LIMIT \(bind: max(0, limit)) OFFSET \(bind: max(0, offset))"
        let finalQuery = query
        return try await executor.read { db in try await db.raw(finalQuery).all().map(Self.decode) }
    }

    func count(workspaceID: UUID, since: Date, tools: Set<String>?) async throws -> Int {
        var query: SQLQueryString = """
            SELECT COUNT(*) AS n FROM audit_log
            WHERE workspace_id = \(bind: workspaceID.dbText) AND at_ms >= \(bind: since.epochMilliseconds)
            """
        if let tools {
            if tools.isEmpty { return 0 }
            query += " AND tool IN (\(binds: tools.sorted()))"
        }
        let finalQuery = query
        return try await executor.read { db in try await db.raw(finalQuery).first().map { try $0.int("n") } ?? 0 }
    }

    func outcomeCounts(workspaceID: UUID, since: Date) async throws -> [String: Int] {
        let rows = try await executor.read { db in
            try await db.raw("""
                SELECT outcome, COUNT(*) AS n FROM audit_log
                WHERE workspace_id = \(bind: workspaceID.dbText) AND at_ms >= \(bind: since.epochMilliseconds)
                GROUP BY outcome
                """).all().map { (try $0.string("outcome"), try $0.int("n")) }
        }
        return Dictionary(rows, uniquingKeysWith: +)
    }

    func callsPerDay(workspaceID: UUID, days: Int, now: Date) async throws -> [DailyCallCount] {
        let days = max(1, days)
        let today = now.epochMilliseconds / Self.dayMs
        let firstDay = today - Int64(days - 1)
        let rows = try await executor.read { db in
            try await db.raw("""
                SELECT at_ms / \(unsafeRaw: String(Self.dayMs)) AS day, COUNT(*) AS calls,
                       COUNT(CASE WHEN outcome <> 'ok' THEN 1 END) AS errors
                FROM audit_log
                WHERE workspace_id = \(bind: workspaceID.dbText) AND at_ms >= \(bind: firstDay * Self.dayMs)
                GROUP BY at_ms / \(unsafeRaw: String(Self.dayMs))
                """).all().map { (try $0.int64("day"), (try $0.int("calls"), try $0.int("errors"))) }
        }
        let byDay = Dictionary(rows, uniquingKeysWith: { first, _ in first })
        return (firstDay...today).map { day in
            let counts = byDay[day] ?? (0, 0)
            return DailyCallCount(day: Date(epochMilliseconds: day * Self.dayMs), calls: counts.0, errors: counts.1)
        }
    }

    static func decode(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(
            id: try row.uuid("id"), time: try row.date("at_ms"), workspaceID: try row.uuid("workspace_id"),
            keyID: try row.optionalUUID("key_id"), inboxID: try row.optionalUUID("inbox_id"),
            tool: try row.string("tool"), outcome: try row.string("outcome"), latencyMs: try row.int("latency_ms"),
            requestID: try row.optionalString("request_id"))
    }
}
