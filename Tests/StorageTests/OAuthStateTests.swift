import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("OAuth states")
struct OAuthStateTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func record(_ workspace: UUID, expiresIn seconds: TimeInterval) -> OAuthStateRecord {
        OAuthStateRecord(
            workspaceID: workspace, provider: .gmail, pkceVerifier: "verifier-\(UUID().uuidString)",
            context: ["reconnect_inbox": "abc"], expiresAt: now.addingTimeInterval(seconds))
    }

    @Test("a state is consumed exactly once, even concurrently", arguments: Engine.allCases)
    func singleUse(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let record = Self.record(UUID(), expiresIn: 600)
            try await stores.oauthStates.store(state: "state-1", record: record)
            let states = stores.oauthStates
            let results = try await concurrently(10) { _ in try await states.consume(state: "state-1", now: Self.now) }
            #expect(results.compactMap { $0 } == [record])
            #expect(try await states.consume(state: "state-1", now: Self.now) == nil)
            #expect(try await states.consume(state: "never-stored", now: Self.now) == nil)
        }
    }

    @Test("an expired state is refused and purged", arguments: Engine.allCases)
    func expiry(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            try await stores.oauthStates.store(state: "old", record: Self.record(UUID(), expiresIn: -1))
            #expect(try await stores.oauthStates.consume(state: "old", now: Self.now) == nil)
            try await stores.oauthStates.store(state: "a", record: Self.record(UUID(), expiresIn: -5))
            try await stores.oauthStates.store(state: "b", record: Self.record(UUID(), expiresIn: 5))
            #expect(try await stores.oauthStates.purgeExpired(now: Self.now) == 1)
            #expect(try await stores.oauthStates.consume(state: "b", now: Self.now) != nil)
        }
    }
}
