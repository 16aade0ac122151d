import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Dashboard users")
struct UserRepositoryTests {
    static let hash = "$2b$12$abcdefghijklmnopqrstuuR0cNFxDJxzh3cTiE0z5rOyGN4yJq9Da"

    @Test("sign-up creates the workspace on the plan and its owner, email normalized", arguments: Engine.allCases)
    func createOwner(engine: Engine) async throws {
        let clock = ManualClock()
        try await StorageFixture.withStores(engine, now: { clock.now }) { stores, _ in
            let owner = try #require(try await stores.users.createOwner(
                email: "  Ana@Example.COM ", passwordHash: Self.hash, workspaceName: "Ana's team", plan: .pro))
            #expect(owner.email == "ana@example.com")
            #expect(owner.role == .owner)
            #expect(owner.createdAt == clock.now)
            let workspace = try #require(try await stores.workspaces.get(id: owner.workspaceID))
            #expect(workspace.name == "Ana's team")
            #expect(workspace.plan == .pro)
            #expect(workspace.createdAt == clock.now)
            #expect(try await stores.users.get(id: owner.id) == owner)
            #expect(try await stores.users.get(id: UUID()) == nil)
        }
    }

    @Test("a taken email (any case or spacing) returns nil and creates no workspace", arguments: Engine.allCases)
    func duplicateEmail(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let owner = try #require(try await stores.users.createOwner(
                email: "ana@example.com", passwordHash: Self.hash, workspaceName: "A", plan: .free))
            for variant in ["ana@example.com", "ANA@EXAMPLE.COM", " Ana@Example.com\n", "\tana@example.COM  "] {
                #expect(try await stores.users.createOwner(
                    email: variant, passwordHash: Self.hash, workspaceName: "B", plan: .free) == nil)
                #expect(try await stores.users.createMember(
                    email: variant, passwordHash: Self.hash, workspaceID: owner.workspaceID) == nil)
            }
            #expect(try await stores.workspaces.list().map(\.id) == [owner.workspaceID])
            #expect(try await stores.users.list(workspaceID: owner.workspaceID) == [owner])
        }
    }

    @Test("sign-ups racing on one email (two instances): exactly one user and one workspace", arguments: Engine.allCases)
    func concurrentSignUps(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, fixture in
            let second = try await fixture.open()
            let users = [stores.users, Stores(database: second, secretBox: .random()).users]
            var winners: [User] = []
            // Several rounds, so the race (both inserts in flight before either commits) surely happens.
            for round in 0..<4 {
                let variants = ["bob\(round)@example.com", "Bob\(round)@example.com", " BOB\(round)@EXAMPLE.COM", "bob\(round)@Example.com "]
                let results = try await concurrently(12) { index in
                    try await users[index % 2].createOwner(
                        email: variants[index % variants.count], passwordHash: Self.hash, workspaceName: "W\(index)", plan: .free)
                }
                let created = results.compactMap { $0 }
                #expect(created.count == 1, "round \(round)")
                winners += created
            }
            await second.shutdown()
            let workspaces = try await stores.workspaces.list()
            #expect(Set(workspaces.map(\.id)) == Set(winners.map(\.workspaceID)))
            let rows = try await stores.database.executor.read { db in
                try await db.raw("SELECT id FROM users").all().count
            }
            #expect(rows == 4)
        }
    }

    @Test("credentials are looked up by the normalized email", arguments: Engine.allCases)
    func credentials(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let owner = try #require(try await stores.users.createOwner(
                email: "ana@example.com", passwordHash: Self.hash, workspaceName: "A", plan: .free))
            let found = try #require(try await stores.users.credentials(email: "  ANA@example.com "))
            #expect(found.user == owner)
            #expect(found.passwordHash == Self.hash)
            #expect(try await stores.users.credentials(email: "someone@example.com") == nil)
            #expect(try await stores.users.credentials(email: "") == nil)
        }
    }

    @Test("members join an existing workspace; list is oldest first and per workspace", arguments: Engine.allCases)
    func members(engine: Engine) async throws {
        let clock = ManualClock()
        try await StorageFixture.withStores(engine, now: { clock.now }) { stores, _ in
            let owner = try #require(try await stores.users.createOwner(
                email: "ana@example.com", passwordHash: Self.hash, workspaceName: "A", plan: .free))
            clock.advance(by: 1)
            let member = try #require(try await stores.users.createMember(
                email: "Cy@Example.com", passwordHash: "other-hash", workspaceID: owner.workspaceID))
            #expect(member.role == .member)
            #expect(member.email == "cy@example.com")
            #expect(member.workspaceID == owner.workspaceID)
            #expect(member.createdAt == clock.now)
            clock.advance(by: 1)
            let stranger = try #require(try await stores.users.createOwner(
                email: "dee@example.com", passwordHash: Self.hash, workspaceName: "D", plan: .free))

            #expect(try await stores.users.list(workspaceID: owner.workspaceID) == [owner, member])
            #expect(try await stores.users.list(workspaceID: stranger.workspaceID) == [stranger])
            #expect(try await stores.users.list(workspaceID: UUID()) == [])
            #expect(try await stores.users.credentials(email: "cy@example.com")?.passwordHash == "other-hash")
            #expect(try await stores.workspaces.list().count == 2)
        }
    }

    @Test("a member of a workspace that does not exist is refused", arguments: Engine.allCases)
    func memberOfUnknownWorkspace(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            await #expect(throws: (any Error).self) {
                try await stores.users.createMember(email: "x@example.com", passwordHash: Self.hash, workspaceID: UUID())
            }
            let found = try await stores.users.credentials(email: "x@example.com")
            #expect(found == nil)
        }
    }
}
