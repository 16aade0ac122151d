import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Migration upgrades")
struct MigrationUpgradeTests {
    @Test("a database at version 1 upgrades to the current version and keeps its data", arguments: Engine.allCases)
    func fromVersion1(engine: Engine) async throws {
        try await StorageFixture.with(engine) { fixture in
            let executor = try await Self.openExecutor(fixture)
            let clock = ManualClock()
            let workspace: Workspace
            do {
                try await Migrator(migrations: [Migration001Initial.migration]).migrate(executor, logger: StorageFixture.logger)
                #expect(try await Migrator(migrations: Migrations.all).appliedVersions(executor) == [1])
                workspace = try await SQLWorkspaceRepository(executor: executor, now: { clock.now }).create(name: "Old", plan: .pro)
            } catch {
                await executor.shutdown()
                throw error
            }
            await executor.shutdown()

            let database = try await fixture.open()
            let stores = Stores(database: database, secretBox: .random(), now: { clock.now })
            do {
                #expect(try await database.schemaVersion() == Migrations.all.count)
                #expect(try await Migrator(migrations: Migrations.all).appliedVersions(database.executor).sorted() == [1, 2, 3, 4, 5])
                #expect(try await stores.workspaces.get(id: workspace.id) == workspace)
                let member = try #require(try await stores.users.createMember(
                    email: "late@example.com", passwordHash: "h", workspaceID: workspace.id))
                #expect(try await stores.users.list(workspaceID: workspace.id) == [member])
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
        }
    }

    @Test("rate events from before version 4 are numbered in time order and keep counting", arguments: Engine.allCases)
    func rateEventsNumbered(engine: Engine) async throws {
        try await StorageFixture.with(engine) { fixture in
            let executor = try await Self.openExecutor(fixture)
            let (a, b) = (UUID(), UUID())
            let nowMs = Date(timeIntervalSince1970: 1_800_000_000).epochMilliseconds
            do {
                let before = Migrations.all.filter { $0.version < 4 }
                try await Migrator(migrations: before).migrate(executor, logger: StorageFixture.logger)
                try await executor.write { db in
                    // Inserted out of time order, two keys interleaved.
                    for (key, secondsAgo) in [(a, 30), (b, 5), (a, 50), (a, 10), (b, 20)] {
                        try await db.raw("""
                            INSERT INTO rate_events (key_id, at_ms) VALUES (\(bind: key.dbText), \(bind: nowMs - Int64(secondsAgo) * 1_000))
                            """).run()
                    }
                }
            } catch {
                await executor.shutdown()
                throw error
            }
            await executor.shutdown()

            let database = try await fixture.open()
            let stores = Stores(database: database, secretBox: .random())
            do {
                let rows = try await database.executor.read { db in
                    try await db.raw("SELECT key_id, seq, at_ms FROM rate_events ORDER BY key_id, seq").all()
                        .map { "\(try $0.string("key_id") == a.dbText ? "a" : "b")\(try $0.int64("seq"))@\((nowMs - (try $0.int64("at_ms"))) / 1_000)" }
                }
                #expect(Set(rows) == ["a1@50", "a2@30", "a3@10", "b1@20", "b2@5"])
                let policy = RateLimitPolicy(windows: [RateWindow(limit: 4, seconds: 40)])
                let now = Date(epochMilliseconds: nowMs)
                #expect(try await stores.rateLimiter.usage(keyID: a, policy: policy, now: now).windows.map(\.count) == [2])
                #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: now) == .admitted)
                #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: now) == .admitted)
                #expect(try await stores.rateLimiter.admit(keyID: a, policy: policy, now: now) == .rejected(retryAfter: 10))
            } catch {
                await database.shutdown()
                throw error
            }
            await database.shutdown()
        }
    }

    /// A bare executor on the fixture's data, not yet migrated.
    static func openExecutor(_ fixture: StorageFixture) async throws -> any SQLExecutor {
        switch try DatabaseLocation.parse(fixture.url) {
        case .sqlite(let path):
            return try await SQLiteExecutor.open(path: path, readerCount: 1, logger: StorageFixture.logger)
        case .postgres(let endpoint):
            return try await PostgresExecutor.open(endpoint: endpoint, maxConnections: 2, logger: StorageFixture.logger)
        }
    }
}
