import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Audit log")
struct AuditLogTests {
    static let day = 86_400.0
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ workspace: UUID, key: UUID?, tool: String, outcome: String, at: Date) -> AuditEntry {
        AuditEntry(time: at, workspaceID: workspace, keyID: key, inboxID: nil, tool: tool, outcome: outcome,
                   latencyMs: 12, requestID: "req-1")
    }

    @Test("record, list newest first, filter and page", arguments: Engine.allCases)
    func listAndFilter(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let (workspace, other, key, inbox) = (UUID(), UUID(), UUID(), UUID())
            var entries: [AuditEntry] = []
            for index in 0..<6 {
                var entry = Self.entry(workspace, key: index.isMultiple(of: 2) ? key : nil,
                                       tool: index < 3 ? "list_inbox" : "send_email",
                                       outcome: index == 5 ? "quota_exceeded" : "ok",
                                       at: Self.now.addingTimeInterval(Double(index)))
                entry.inboxID = index == 1 ? inbox : nil
                entries.append(entry)
                try await stores.auditLog.record(entry)
            }
            try await stores.auditLog.record(Self.entry(other, key: nil, tool: "list_inbox", outcome: "ok", at: Self.now))

            let log = stores.auditLog
            #expect(try await log.list(workspaceID: workspace, filter: AuditFilter(), limit: 10, offset: 0) == entries.reversed())
            #expect(try await log.list(workspaceID: workspace, filter: AuditFilter(), limit: 2, offset: 1) == [entries[4], entries[3]])
            #expect(try await log.list(workspaceID: workspace, filter: AuditFilter(keyID: key), limit: 10, offset: 0).map(\.id)
                == [entries[4].id, entries[2].id, entries[0].id])
            #expect(try await log.list(workspaceID: workspace, filter: AuditFilter(inboxID: inbox), limit: 10, offset: 0) == [entries[1]])
            #expect(try await log.list(workspaceID: workspace, filter: AuditFilter(tool: "send_email", outcome: "ok"), limit: 10, offset: 0)
                == [entries[4], entries[3]])
            #expect(try await log.list(workspaceID: workspace, filter: AuditFilter(before: entries[2].time), limit: 10, offset: 0)
                == [entries[1], entries[0]])
        }
    }

    @Test("usage aggregates: counts since, outcomes, calls per day", arguments: Engine.allCases)
    func aggregates(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = UUID()
            let today = UTCPeriod.day.start(containing: Self.now)
            let log = stores.auditLog
            try await log.record(Self.entry(workspace, key: nil, tool: "send_email", outcome: "ok", at: today.addingTimeInterval(10)))
            try await log.record(Self.entry(workspace, key: nil, tool: "reply_to_email", outcome: "ok", at: today.addingTimeInterval(20)))
            try await log.record(Self.entry(workspace, key: nil, tool: "list_inbox", outcome: "rate_limit_exceeded", at: today.addingTimeInterval(30)))
            try await log.record(Self.entry(workspace, key: nil, tool: "list_inbox", outcome: "ok", at: today.addingTimeInterval(-10)))
            try await log.record(Self.entry(workspace, key: nil, tool: "list_inbox", outcome: "ok", at: today.addingTimeInterval(-40 * Self.day)))

            #expect(try await log.count(workspaceID: workspace, since: today, tools: nil) == 3)
            #expect(try await log.count(workspaceID: workspace, since: today, tools: ["send_email", "reply_to_email"]) == 2)
            #expect(try await log.count(workspaceID: workspace, since: today, tools: []) == 0)
            #expect(try await log.outcomeCounts(workspaceID: workspace, since: today.addingTimeInterval(-Self.day))
                == ["ok": 3, "rate_limit_exceeded": 1])

            let perDay = try await log.callsPerDay(workspaceID: workspace, days: 30, now: Self.now)
            #expect(perDay.count == 30)
            #expect(perDay.last == DailyCallCount(day: today, calls: 3, errors: 1))
            #expect(perDay[28] == DailyCallCount(day: today.addingTimeInterval(-Self.day), calls: 1, errors: 0))
            #expect(perDay.dropLast(2).allSatisfy { $0.calls == 0 })
            #expect(perDay.first?.day == today.addingTimeInterval(-29 * Self.day))
        }
    }
}
