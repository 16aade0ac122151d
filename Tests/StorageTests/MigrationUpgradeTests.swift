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
                #expect(try await Migrator(migrations: Migrations.all).appliedVersions(database.executor).sorted() == [1, 2, 3])
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
