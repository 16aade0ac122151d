import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Housekeeping")
struct HousekeepingTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    @Test("rows past their retention go, everything younger stays", arguments: Engine.allCases)
    func prunesOnlyOldRows(engine: Engine) async throws {
        try await StorageFixture.withStores(engine, now: { Self.now }) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "W", plan: .pro)
            let key = UUID()
            func audit(_ age: TimeInterval) -> AuditEntry {
                AuditEntry(time: Self.now.addingTimeInterval(-age), workspaceID: workspace.id, keyID: key, inboxID: nil,
                           tool: "list_inbox", outcome: "ok", latencyMs: 3, requestID: nil)
            }
            try await stores.auditLog.record([audit(100 * Self.day), audit(91 * Self.day), audit(89 * Self.day), audit(60)])
            let policy = RetentionPolicy(auditDays: 90, rateWindowSeconds: 3_600)
            for age in [7_200.0, 3_601, 3_599, 10] {
                _ = try await stores.rateLimiter.admit(
                    keyID: key, policy: RateLimitPolicy(windows: [RateWindow(limit: 1_000_000, seconds: 10_000)]),
                    now: Self.now.addingTimeInterval(-age))
            }
            // A session and an invite that expired, and ones still valid.
            let owner = try #require(try await stores.users.createOwner(
                email: "o@example.com", passwordHash: "h", workspaceName: "Mine", plan: .free))
            _ = try await stores.dashboardSessions.create(userID: owner.id, lifetime: 60, now: Self.now.addingTimeInterval(-120))
            _ = try await stores.dashboardSessions.create(userID: owner.id, lifetime: 600, now: Self.now)
            _ = try await stores.invites.create(workspaceID: owner.workspaceID, createdBy: owner.id, lifetime: 60,
                                                now: Self.now.addingTimeInterval(-120))
            _ = try await stores.invites.create(workspaceID: owner.workspaceID, createdBy: owner.id, lifetime: 600, now: Self.now)

            let report = try await stores.housekeeping.prune(now: Self.now, policy: policy)
            #expect(report.auditEntries == 2)
            #expect(report.rateEvents == 2)
            #expect(report.dashboardSessions == 1)
            #expect(report.invites == 1)

            let counts = try await stores.database.executor.read { db in
                (try await db.raw("SELECT id FROM audit_log").all().count,
                 try await db.raw("SELECT key_id FROM rate_events").all().count,
                 try await db.raw("SELECT id FROM dashboard_sessions").all().count,
                 try await db.raw("SELECT id FROM invites").all().count)
            }
            #expect(counts.0 == 2 && counts.1 == 2 && counts.2 == 1 && counts.3 == 1)
            #expect(try await stores.housekeeping.prune(now: Self.now, policy: policy).total == 0, "a second run finds nothing")
        }
    }

    @Test("a large backlog goes in batches, all of it", arguments: Engine.allCases)
    func batches(engine: Engine) async throws {
        try await StorageFixture.withStores(engine, now: { Self.now }) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "W", plan: .pro)
            let count = Housekeeping.batchSize * 2 + 17
            let old = (0..<count).map { index in
                AuditEntry(time: Self.now.addingTimeInterval(-200 * Self.day + Double(index)), workspaceID: workspace.id,
                           keyID: nil, inboxID: nil, tool: "read_email", outcome: "ok", latencyMs: 1, requestID: nil)
            }
            for chunk in stride(from: 0, to: count, by: 1_000) {
                try await stores.auditLog.record(Array(old[chunk..<min(count, chunk + 1_000)]))
            }
            let report = try await stores.housekeeping.prune(now: Self.now, policy: RetentionPolicy(rateWindowSeconds: 60))
            #expect(report.auditEntries == count)
        }
    }

    @Test("audit retention is never shorter than the 30 days the Usage chart shows")
    func minimumRetention() {
        #expect(RetentionPolicy(auditDays: 1, rateWindowSeconds: 60).auditDays == RetentionPolicy.minimumAuditDays)
        #expect(RetentionPolicy(auditDays: 400, rateWindowSeconds: 60).auditDays == 400)
    }
}
