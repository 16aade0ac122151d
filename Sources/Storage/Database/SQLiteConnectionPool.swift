import SQLiteKit

/// A fixed set of SQLite connections handed out one caller at a time, FIFO.
///
/// A connection is used by exactly one task between `acquire` and `release`, which is what makes a
/// `BEGIN … COMMIT` on it a real transaction (sqlite-kit's own pool gives no such guarantee).
actor SQLiteConnectionPool {
    private var idle: [SQLiteConnection]
    private var waiters: [CheckedContinuation<SQLiteConnection, any Error>] = []
    private var closed = false
    private let all: [SQLiteConnection]
    /// After `close()` began: connections back from their users, waiting to be closed.
    private var returned: [SQLiteConnection] = []
    /// `close()` waiting for a connection still in use to come back.
    private var returnWaiter: CheckedContinuation<Void, Never>?

    init(connections: [SQLiteConnection]) {
        self.idle = connections
        self.all = connections
    }

    /// Waits for a free connection.
    func acquire() async throws -> SQLiteConnection {
        if closed { throw StorageError(.shutDown) }
        if let connection = idle.popLast() { return connection }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    /// Returns a connection to the pool, waking the longest waiter.
    func release(_ connection: SQLiteConnection) {
        if closed {
            returned.append(connection)
            returnWaiter?.resume()
            returnWaiter = nil
            return
        }
        if waiters.isEmpty {
            idle.append(connection)
        } else {
            waiters.removeFirst().resume(returning: connection)
        }
    }

    /// Runs `body` with a connection held exclusively.
    nonisolated func with<T: Sendable>(_ body: (SQLiteConnection) async throws -> T) async throws -> T {
        let connection = try await acquire()
        do {
            let result = try await body(connection)
            await release(connection)
            return result
        } catch {
            await release(connection)
            throw error
        }
    }

    /// A pool dropped without `close()` (an owner that failed before shutting down) must not leave open
    /// handles behind: SQLiteNIO asserts on them in debug builds, which would take the process down. The
    /// close runs on SQLiteNIO's thread pool and keeps each connection alive until it has finished.
    deinit {
        guard !closed else { return }
        for connection in all {
            let done: EventLoopFuture<Void> = connection.close()
            done.whenComplete { _ in }
        }
    }

    /// Fails waiters and closes every connection: idle ones at once, ones in use as soon as their user
    /// gives them back. Closing a handle while another thread still runs a statement on it would be a
    /// use-after-free inside SQLite (memory corruption far from here), so `close` waits for them; their
    /// statements end within the busy timeout.
    func close() async {
        guard !closed else { return }
        closed = true
        for waiter in waiters { waiter.resume(throwing: StorageError(.shutDown)) }
        waiters.removeAll()
        returned.append(contentsOf: idle)
        idle.removeAll()
        var closedCount = 0
        while closedCount < all.count {
            guard let connection = returned.popLast() else {
                await withCheckedContinuation { returnWaiter = $0 }
                continue
            }
            try? await connection.close()
            closedCount += 1
        }
    }
}
