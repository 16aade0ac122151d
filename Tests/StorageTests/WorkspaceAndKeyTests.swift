import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Workspaces and API keys")
struct WorkspaceAndKeyTests {
    @Test("workspaces: create, get, list, set plan", arguments: Engine.allCases)
    func workspaces(engine: Engine) async throws {
        let clock = ManualClock()
        try await StorageFixture.withStores(engine, now: { clock.now }) { stores, _ in
            let first = try await stores.workspaces.create(name: "Acme", plan: .free)
            clock.advance(by: 1)
            let second = try await stores.workspaces.create(name: "Globex", plan: .pro)
            #expect(first.createdAt == clock.now.addingTimeInterval(-1))
            #expect(try await stores.workspaces.get(id: first.id) == first)
            #expect(try await stores.workspaces.get(id: UUID()) == nil)
            #expect(try await stores.workspaces.list() == [first, second])

            let updated = try await stores.workspaces.setPlan(id: first.id, plan: .enterprise, sendQuota: 5_000, monthlyCalls: nil)
            #expect(updated?.plan == .enterprise)
            #expect(updated?.sendQuotaOverride == 5_000)
            #expect(updated?.monthlyCallQuotaOverride == nil)
            #expect(try await stores.workspaces.get(id: first.id) == updated)
            #expect(try await stores.workspaces.setPlan(id: UUID(), plan: .pro, sendQuota: nil, monthlyCalls: nil) == nil)
        }
    }

    @Test("keys: secret shown once, authenticate by secret, list, get", arguments: Engine.allCases)
    func keys(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "Acme", plan: .free)
            let (key, secret) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "agent", scopes: [.readEmail])
            #expect(APIKeySecret.isWellFormed(secret))
            #expect(key.prefix == APIKeySecret.displayPrefix(secret))
            #expect(key.scopes == [.readEmail])

            let authenticated = try #require(try await stores.apiKeys.authenticate(secret: secret))
            #expect(authenticated.key == key)
            #expect(authenticated.workspace == workspace)
            #expect(try await stores.apiKeys.authenticate(secret: APIKeySecret.generate()) == nil)
            #expect(try await stores.apiKeys.authenticate(secret: "mcpe_live_short") == nil)
            #expect(try await stores.apiKeys.authenticate(secret: "") == nil)

            let (other, _) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "sender", scopes: [.readEmail, .sendEmail])
            #expect(try await stores.apiKeys.list(workspaceID: workspace.id).map(\.id).sorted { $0.uuidString < $1.uuidString }
                == [key.id, other.id].sorted { $0.uuidString < $1.uuidString })
            #expect(try await stores.apiKeys.get(id: other.id, workspaceID: workspace.id)?.scopes == [.readEmail, .sendEmail])
            #expect(try await stores.apiKeys.get(id: other.id, workspaceID: UUID()) == nil)
            #expect(try await stores.apiKeys.get(id: other.id, workspaceID: nil)?.id == other.id)
        }
    }

    @Test("a revoked key fails authentication on the very next request", arguments: Engine.allCases)
    func revoke(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "Acme", plan: .free)
            let otherWorkspace = try await stores.workspaces.create(name: "Other", plan: .free)
            let (key, secret) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "agent", scopes: [.readEmail])
            #expect(try await stores.apiKeys.authenticate(secret: secret) != nil)

            #expect(try await stores.apiKeys.revoke(id: key.id, workspaceID: otherWorkspace.id, at: Date()) == false)
            #expect(try await stores.apiKeys.authenticate(secret: secret) != nil)
            #expect(try await stores.apiKeys.revoke(id: key.id, workspaceID: workspace.id, at: Date()) == true)
            #expect(try await stores.apiKeys.authenticate(secret: secret) == nil)
            #expect(try await stores.apiKeys.revoke(id: key.id, workspaceID: nil, at: Date()) == false)
            #expect(try await stores.apiKeys.get(id: key.id, workspaceID: nil)?.isRevoked == true)
        }
    }

    @Test("touchLastUsed writes at most once a minute", arguments: Engine.allCases)
    func touch(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let workspace = try await stores.workspaces.create(name: "Acme", plan: .free)
            let (key, secret) = try await stores.apiKeys.create(workspaceID: workspace.id, name: "agent", scopes: [.readEmail])
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            try await stores.apiKeys.touchLastUsed(id: key.id, at: start)
            #expect(try await stores.apiKeys.authenticate(secret: secret)?.key.lastUsedAt == start)
            try await stores.apiKeys.touchLastUsed(id: key.id, at: start.addingTimeInterval(30))
            #expect(try await stores.apiKeys.get(id: key.id, workspaceID: nil)?.lastUsedAt == start)
            try await stores.apiKeys.touchLastUsed(id: key.id, at: start.addingTimeInterval(61))
            #expect(try await stores.apiKeys.get(id: key.id, workspaceID: nil)?.lastUsedAt == start.addingTimeInterval(61))
        }
    }
}
