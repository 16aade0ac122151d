import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Dashboard sessions")
struct DashboardSessionTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    static func owner(_ stores: Stores, _ email: String = "ana@example.com") async throws -> User {
        try #require(try await stores.users.createOwner(email: email, passwordHash: "h", workspaceName: "A", plan: .free))
    }

    @Test("create returns the cookie token once; find returns the session and its user", arguments: Engine.allCases)
    func createAndFind(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let user = try await Self.owner(stores)
            let (session, token) = try await stores.dashboardSessions.create(userID: user.id, lifetime: Self.day, now: Self.now)
            #expect(SecretToken.isWellFormed(token))
            #expect(SecretToken.isWellFormed(session.csrfToken))
            #expect(session.csrfToken != token)
            #expect(session.userID == user.id)
            #expect(session.createdAt == Self.now)
            #expect(session.expiresAt == Self.now.addingTimeInterval(Self.day))

            let found = try #require(try await stores.dashboardSessions.find(token: token, now: Self.now.addingTimeInterval(60)))
            #expect(found.session == session)
            #expect(found.user == user)
            #expect(try await stores.dashboardSessions.find(token: SecretToken.generate(), now: Self.now) == nil)
            #expect(try await stores.dashboardSessions.find(token: "", now: Self.now) == nil)
            #expect(try await stores.dashboardSessions.find(token: SecretToken.hash(token), now: Self.now) == nil)

            let (other, otherToken) = try await stores.dashboardSessions.create(userID: user.id, lifetime: Self.day, now: Self.now)
            #expect(other.id != session.id)
            #expect(other.csrfToken != session.csrfToken)
            #expect(try await stores.dashboardSessions.find(token: otherToken, now: Self.now)?.session == other)
        }
    }

    @Test("the database holds the token's hash, never the token", arguments: Engine.allCases)
    func onlyHashStored(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let user = try await Self.owner(stores)
            let (_, token) = try await stores.dashboardSessions.create(userID: user.id, lifetime: Self.day, now: Self.now)
            let texts = try await stores.database.executor.read { db in
                try await db.raw("SELECT * FROM dashboard_sessions").all().flatMap { row in
                    row.allColumns.compactMap { try? row.decode(column: $0, as: String.self) }
                }
            }
            #expect(texts.contains(SecretToken.hash(token)), "positive control: the hash is stored")
            #expect(!texts.contains { $0.contains(token) })
        }
    }

    @Test("an expired session is refused and deleted", arguments: Engine.allCases)
    func expiry(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let user = try await Self.owner(stores)
            let (_, token) = try await stores.dashboardSessions.create(userID: user.id, lifetime: 3_600, now: Self.now)
            #expect(try await stores.dashboardSessions.find(token: token, now: Self.now.addingTimeInterval(3_599)) != nil)
            #expect(try await stores.dashboardSessions.find(token: token, now: Self.now.addingTimeInterval(3_600)) == nil)
            #expect(try await Self.rowCount(stores) == 0)
            #expect(try await stores.dashboardSessions.find(token: token, now: Self.now) == nil)
        }
    }

    @Test("delete logs out one session; unknown tokens are ignored", arguments: Engine.allCases)
    func delete(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let user = try await Self.owner(stores)
            let (_, first) = try await stores.dashboardSessions.create(userID: user.id, lifetime: Self.day, now: Self.now)
            let (_, second) = try await stores.dashboardSessions.create(userID: user.id, lifetime: Self.day, now: Self.now)
            try await stores.dashboardSessions.delete(token: first)
            try await stores.dashboardSessions.delete(token: first)
            try await stores.dashboardSessions.delete(token: "not-a-token")
            #expect(try await stores.dashboardSessions.find(token: first, now: Self.now) == nil)
            #expect(try await stores.dashboardSessions.find(token: second, now: Self.now) != nil)
        }
    }

    @Test("purgeExpired deletes exactly the expired sessions", arguments: Engine.allCases)
    func purge(engine: Engine) async throws {
        try await StorageFixture.withStores(engine) { stores, _ in
            let user = try await Self.owner(stores)
            let other = try await Self.owner(stores, "bo@example.com")
            var tokens: [String] = []
            for (userID, lifetime) in [(user.id, 10.0), (other.id, 20.0), (user.id, 30.0), (other.id, 3_600.0)] {
                tokens.append(try await stores.dashboardSessions.create(userID: userID, lifetime: lifetime, now: Self.now).token)
            }
            let later = Self.now.addingTimeInterval(20)
            #expect(try await stores.dashboardSessions.purgeExpired(now: later) == 2)
            #expect(try await stores.dashboardSessions.purgeExpired(now: later) == 0)
            #expect(try await Self.rowCount(stores) == 2)
            #expect(try await stores.dashboardSessions.find(token: tokens[2], now: later)?.user == user)
            #expect(try await stores.dashboardSessions.find(token: tokens[3], now: later)?.user == other)
        }
    }

    static func rowCount(_ stores: Stores) async throws -> Int {
        try await stores.database.executor.read { db in try await db.raw("SELECT id FROM dashboard_sessions").all().count }
    }
}
