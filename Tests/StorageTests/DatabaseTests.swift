import Accounts
import Foundation
@testable import Storage
import Testing

@Suite("Database: URLs and migrations")
struct DatabaseTests {
    @Test("database URLs parse to SQLite paths or PostgreSQL endpoints")
    func locations() throws {
        #expect(try DatabaseLocation.parse(nil) == .sqlite(path: "./mcpemails.sqlite"))
        #expect(try DatabaseLocation.parse("  ") == .sqlite(path: "./mcpemails.sqlite"))
        #expect(try DatabaseLocation.parse("/var/lib/m.sqlite") == .sqlite(path: "/var/lib/m.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite:///var/lib/m.sqlite") == .sqlite(path: "/var/lib/m.sqlite"))
        #expect(try DatabaseLocation.parse("sqlite:data/m.sqlite") == .sqlite(path: "data/m.sqlite"))
        let postgres = try DatabaseLocation.parse("postgresql://u:p%40ss@db.internal:6543/app?sslmode=require")
        #expect(postgres == .postgres(PostgresEndpoint(
            host: "db.internal", port: 6543, username: "u", password: "p@ss", database: "app", tls: .require)))
        let defaults = try DatabaseLocation.parse("postgres://u@localhost")
        #expect(defaults == .postgres(PostgresEndpoint(
            host: "localhost", port: 5432, username: "u", password: nil, database: "u", tls: .prefer)))
        #expect(throws: StorageError.self) { try DatabaseLocation.parse("mysql://u@h/db") }
        #expect(throws: StorageError.self) { try DatabaseLocation.parse("postgres://h/db") }
        #expect(throws: StorageError.self) { try DatabaseLocation.parse("postgres://u@h/db?sslmode=bogus") }
    }

    @Test("the endpoint description hides the password")
    func endpointDescription() throws {
        guard case .postgres(let endpoint) = try DatabaseLocation.parse("postgres://u:topsecret@h:1/db") else {
            Issue.record("not postgres")
            return
        }
        #expect(!endpoint.description.contains("topsecret"))
    }

    @Test("the key file sits next to the SQLite file")
    func keyFilePath() throws {
        #expect(try DatabaseLocation.parse(nil).defaultKeyFilePath?.hasSuffix("/mcpemails.masterkey") == true)
        #expect(try DatabaseLocation.parse("/a/b/data.db").defaultKeyFilePath == "/a/b/data.masterkey")
        #expect(try DatabaseLocation.parse("postgres://u@h/d").defaultKeyFilePath == nil)
    }

    @Test("migrations apply once; reopening is a no-op", arguments: Engine.allCases)
    func idempotent(engine: Engine) async throws {
        try await StorageFixture.with(engine) { fixture in
            for _ in 0..<3 {
                let database = try await fixture.open()
                #expect(try await database.schemaVersion() == Migrations.all.count)
                #expect(await database.ping())
                let rows = try await database.executor.read { db in
                    try await db.raw("SELECT version FROM schema_migrations").all().count
                }
                #expect(rows == Migrations.all.count)
                #expect(database.backend.rawValue == engine.rawValue)
                await database.shutdown()
            }
        }
    }

    @Test("databases opened at the same moment migrate exactly once", arguments: Engine.allCases)
    func concurrentMigrations(engine: Engine) async throws {
        // Several rounds on fresh databases: the race (a new SQLite file switched to WAL while another
        // opener holds it) is short, one round rarely hits it.
        for _ in 0..<(engine == .sqlite ? 5 : 1) {
            try await concurrentMigrationRound(engine: engine)
        }
    }

    private func concurrentMigrationRound(engine: Engine) async throws {
        try await StorageFixture.with(engine) { fixture in
            let databases = try await concurrently(6) { _ in try await fixture.open(maxConnections: 2) }
            for database in databases {
                #expect(try await database.schemaVersion() == Migrations.all.count)
            }
            let rows = try await databases[0].executor.read { db in
                try await db.raw("SELECT version FROM schema_migrations").all().count
            }
            #expect(rows == Migrations.all.count)
            for database in databases { await database.shutdown() }
        }
    }

    @Test("a database migrated by a newer build is refused", arguments: Engine.allCases)
    func newerSchema(engine: Engine) async throws {
        try await StorageFixture.with(engine) { fixture in
            let database = try await fixture.open()
            try await database.executor.write { db in
                try await db.raw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'future', 0)").run()
            }
            await database.shutdown()
            await #expect(throws: StorageError(.schemaTooNew, detail: "database at version 9999")) {
                try await fixture.open()
            }
        }
    }

    @Test("a new SQLite file is private (mode 0600) and in WAL mode")
    func sqliteFile() async throws {
        try await StorageFixture.with(.sqlite) { fixture in
            let database = try await fixture.open()
            let path = try #require(fixture.sqlitePath)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let mode = try await database.executor.read { db in
                try await db.raw("PRAGMA journal_mode").first().map { try $0.decode(column: "journal_mode", as: String.self) }
            }
            #expect(mode == "wal")
            let foreignKeys = try await database.executor.read { db in
                try await db.raw("PRAGMA foreign_keys").first().map { try $0.decode(column: "foreign_keys", as: Int.self) }
            }
            #expect(foreignKeys == 1)
            await database.shutdown()
        }
    }
}
