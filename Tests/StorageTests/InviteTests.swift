import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Invites")
struct InviteTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let week: TimeInterval = 7 * 86_400

    static func owner(_ stores: Stores) async throws -> User {
        try #require(try await stores.users.createOwner(
            email: "ana@example.com", passwordHash: "h", workspaceName: "A", plan: .free))
    }

    @Test("find does not use an invite up; consume takes it once", arguments: Engine.allCases)
    func findAndConsume(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let owner = try await Self.owner(stores)
            let (invite, token) = try await stores.invites.create(
                workspaceID: owner.workspaceID, createdBy: owner.id, lifetime: Self.week, now: Self.now)
            #expect(SecretToken.isWellFormed(token))
            #expect(invite.workspaceID == owner.workspaceID)
            #expect(invite.createdBy == owner.id)
            #expect(invite.createdAt == Self.now)
            #expect(invite.expiresAt == Self.now.addingTimeInterval(Self.week))

            #expect(try await stores.invites.find(token: token, now: Self.now) == invite)
            #expect(try await stores.invites.find(token: token, now: Self.now) == invite)
            #expect(try await stores.invites.find(token: SecretToken.generate(), now: Self.now) == nil)
            #expect(try await stores.invites.find(token: "junk", now: Self.now) == nil)

            #expect(try await stores.invites.consume(token: token, now: Self.now.addingTimeInterval(60)) == invite)
            #expect(try await stores.invites.consume(token: token, now: Self.now.addingTimeInterval(61)) == nil)
            #expect(try await stores.invites.find(token: token, now: Self.now.addingTimeInterval(62)) == nil)
        }
    }

    @Test("consumes racing on one token (two instances): exactly one succeeds", arguments: Engine.allCases)
    func concurrentConsume(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, fixture in
            let owner = try await Self.owner(stores)
            let (invite, token) = try await stores.invites.create(
                workspaceID: owner.workspaceID, createdBy: owner.id, lifetime: Self.week, now: Self.now)
            let second = try await fixture.open()
            let invites = [stores.invites, Stores(database: second, secretBox: .random()).invites]
            let results = try await concurrently(12) { index in
                try await invites[index % 2].consume(token: token, now: Self.now)
            }
            await second.shutdown()
            #expect(results.compactMap { $0 } == [invite])
        }
    }

    @Test("an expired invite is neither found nor consumed", arguments: Engine.allCases)
    func expiry(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let owner = try await Self.owner(stores)
            let (invite, token) = try await stores.invites.create(
                workspaceID: owner.workspaceID, createdBy: owner.id, lifetime: 3_600, now: Self.now)
            let expired = Self.now.addingTimeInterval(3_600)
            #expect(try await stores.invites.find(token: token, now: expired) == nil)
            #expect(try await stores.invites.consume(token: token, now: expired) == nil)
            #expect(try await stores.invites.consume(token: token, now: expired.addingTimeInterval(-1)) == invite)
        }
    }

    @Test("the database holds the token's hash, never the token", arguments: Engine.allCases)
    func onlyHashStored(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let owner = try await Self.owner(stores)
            let (_, token) = try await stores.invites.create(
                workspaceID: owner.workspaceID, createdBy: owner.id, lifetime: Self.week, now: Self.now)
            let texts = try await stores.database.executor.read { db in
                try await db.raw("SELECT * FROM invites").all().flatMap { row in
                    row.allColumns.compactMap { try? row.decode(column: $0, as: String.self) }
                }
            }
            #expect(texts.contains(SecretToken.hash(token)), "positive control: the hash is stored")
            #expect(!texts.contains { $0.contains(token) })
        }
    }
}
