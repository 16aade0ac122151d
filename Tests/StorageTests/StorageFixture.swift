import Accounts
import Foundation
import Logging
import Synchronization
@testable import Storage
import TestSupport
import Testing

/// The engines every storage test runs against.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A clock the test advances by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A fresh, empty database for one test: a SQLite file in a new temporary directory, or a new
/// PostgreSQL database on the test cluster. Always torn down, also when the test fails.
struct StorageFixture: Sendable {
    let engine: Engine
    /// URL to open more `Database` instances on the same data.
    let url: String
    /// The SQLite file, for raw byte scans.
    let sqlitePath: String?
    private let directory: URL?
    private let postgres: PostgresTestDatabase?

    static let logger = Logger(label: "storage-tests")

    /// Runs `body` with a fresh fixture, or returns without running it when the engine's service is
    /// missing and `MCPEMAILS_TEST_ALLOW_SKIP=1` (otherwise the missing variable fails the test).
    static func with(
        _ engine: Engine, _ body: (StorageFixture) async throws -> Void
    ) async throws {
        let fixture: StorageFixture
        do {
            fixture = try await make(engine)
        } catch let missing as TestEnvironment.Missing where missing.skipAllowed {
            return
        }
        do {
            try await body(fixture)
        } catch {
            await fixture.tearDown()
            throw error
        }
        await fixture.tearDown()
    }

    /// Runs `body` with `Stores` over a fresh fixture (random master key, clock `now`).
    static func withStores(
        _ engine: Engine, now: @escaping @Sendable () -> Date = { Date() },
        _ body: (Stores, StorageFixture) async throws -> Void
    ) async throws {
        try await with(engine) { fixture in
            let database = try await fixture.open()
            let stores = Stores(database: database, secretBox: .random(), now: now)
            do {
                try await body(stores, fixture)
            } catch {
                await stores.shutdown()
                throw error
            }
            await stores.shutdown()
        }
    }

    private static func make(_ engine: Engine) async throws -> StorageFixture {
        switch engine {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("mcpemails-storage-\(UUID().uuidString)", isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let path = directory.appendingPathComponent("test.sqlite").path
            return StorageFixture(engine: engine, url: "sqlite://" + path, sqlitePath: path, directory: directory, postgres: nil)
        case .postgres:
            let database = try await PostgresTestDatabase.create()
            return StorageFixture(engine: engine, url: database.url, sqlitePath: nil, directory: nil, postgres: database)
        }
    }

    /// Opens (and migrates) a `Database` on the fixture's data.
    func open(maxConnections: Int = 8) async throws -> Database {
        try await Database.open(url: url, logger: Self.logger, maxConnections: maxConnections)
    }

    /// A scratch directory for key files (SQLite fixtures only; PostgreSQL fixtures get a new one).
    func scratchDirectory() throws -> URL {
        if let directory { return directory }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mcpemails-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        return scratch
    }

    private func tearDown() async {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        if let postgres { await postgres.drop() }
    }
}

/// Runs `count` copies of `operation` at once and returns their results.
func concurrently<T: Sendable>(
    _ count: Int, _ operation: @escaping @Sendable (Int) async throws -> T
) async throws -> [T] {
    try await withThrowingTaskGroup(of: T.self) { group in
        for index in 0..<count { group.addTask { try await operation(index) } }
        var results: [T] = []
        for try await result in group { results.append(result) }
        return results
    }
}
