import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Quotas")
struct QuotaRepositoryTests {
    /// 2026-11-30T23:00:00Z: one hour before the next UTC day and month.
    static let lateNovember = Date(timeIntervalSince1970: 1_796_079_600)

    @Test("205 simultaneous sends on the free plan: exactly 200 granted", arguments: Engine.allCases)
    func exactUnderConcurrency(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "Acme", plan: .free)
            let limit = PlanCatalog.standard.limits(for: workspace).sendsPerDay
            let quotas = stores.quotas
            let decisions = try await concurrently(205) { _ in
                try await quotas.reserveSend(workspaceID: workspace.id, limit: limit, now: Self.lateNovember)
            }
            #expect(decisions.filter(\.isGranted).count == 200)
            #expect(decisions.filter { $0 == .exceeded(limit: 200, retryAfter: 3_600) }.count == 5)
            let used = decisions.compactMap { decision -> Int? in
                if case .granted(let reservation) = decision { return reservation.used }
                return nil
            }
            #expect(Set(used) == Set(1...200))
            #expect(try await quotas.usage(workspaceID: workspace.id, now: Self.lateNovember).sendsToday == 200)
        }
    }

    @Test("a released send frees its slot in the day it was taken from", arguments: Engine.allCases)
    func release(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let id = UUID()
            guard case .granted(let first) = try await stores.quotas.reserveSend(workspaceID: id, limit: 2, now: Self.lateNovember) else {
                Issue.record("first send refused")
                return
            }
            #expect(try await stores.quotas.reserveSend(workspaceID: id, limit: 2, now: Self.lateNovember).isGranted)
            #expect(try await stores.quotas.reserveSend(workspaceID: id, limit: 2, now: Self.lateNovember).isGranted == false)
            try await stores.quotas.release(first)
            #expect(try await stores.quotas.reserveSend(workspaceID: id, limit: 2, now: Self.lateNovember).isGranted)
            // A new UTC day starts from zero.
            let nextDay = Self.lateNovember.addingTimeInterval(3_600)
            #expect(try await stores.quotas.usage(workspaceID: id, now: nextDay).sendsToday == 0)
            guard case .granted(let tomorrow) = try await stores.quotas.reserveSend(workspaceID: id, limit: 2, now: nextDay) else {
                Issue.record("next day's send refused")
                return
            }
            #expect(tomorrow.used == 1)
        }
    }

    @Test("monthly calls, unlimited counting and zero limits", arguments: Engine.allCases)
    func calls(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let id = UUID()
            for _ in 0..<3 {
                #expect(try await stores.quotas.reserveCall(workspaceID: id, limit: 3, now: Self.lateNovember).isGranted)
            }
            #expect(try await stores.quotas.reserveCall(workspaceID: id, limit: 3, now: Self.lateNovember)
                == .exceeded(limit: 3, retryAfter: 3_600))
            let december = Self.lateNovember.addingTimeInterval(7_200)
            #expect(try await stores.quotas.reserveCall(workspaceID: id, limit: 3, now: december).isGranted)
            for _ in 0..<5 {
                #expect(try await stores.quotas.reserveSend(workspaceID: id, limit: nil, now: december).isGranted)
            }
            let usage = try await stores.quotas.usage(workspaceID: id, now: december)
            #expect(usage == QuotaUsage(sendsToday: 5, callsThisMonth: 1))
            #expect(try await stores.quotas.reserveSend(workspaceID: id, limit: 0, now: december).isGranted == false)
        }
    }
}
