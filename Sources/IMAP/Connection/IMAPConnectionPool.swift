import Logging

/// The authenticated IMAP connections of one inbox, reused across calls.
///
/// - Bounded: at most ``Configuration/maxConnections`` exist at once; further callers wait in a
///   FIFO queue, for at most ``Configuration/acquireTimeout``. When the server refuses another connection
///   while others of the pool work (a per-account connection limit lower than ours), the caller waits for
///   one of those instead of failing, and the pool keeps to that many for ``capacityRecovery``.
/// - Idle connections are closed after ``Configuration/idleTimeout``; one idle for longer than
///   ``Configuration/healthCheckAfter`` gets a `NOOP` before it is handed out, and is replaced if
///   that fails.
/// - A dropped connection is replaced transparently: when the body fails with
///   ``IMAPError/Code/connectionClosed`` on a *reused* connection and the caller marked the
///   operation `idempotent`, it runs once more on a fresh connection.
/// - Each connection remembers its selected mailbox and UIDVALIDITY, so bodies can call
///   ``IMAPConnection/selectIfNeeded(_:readOnly:)`` and skip needless SELECTs. A caller naming the mailbox it
///   will work in (`preferring`) gets an idle connection that has it selected when there is one: after a
///   search through every folder, the connection left in Sent is not the one the next INBOX read gets
///   (re-selecting a large mailbox costs a server several milliseconds).
///
/// ```swift
/// let pool = IMAPConnectionPool(logger: logger) {
///     let c = try await IMAPConnection.connect(host: host, port: 993, security: .tls, logger: logger)
///     try await c.login(username: user, password: password)
///     return c
/// }
/// let uids = try await pool.withConnection(idempotent: true) { c in
///     try await c.selectIfNeeded("INBOX")
///     return try await c.uidSearch(.unseen)
/// }
/// ```
public actor IMAPConnectionPool {
    /// Pool limits and timings.
    public struct Configuration: Sendable {
        /// Most connections open at once. Default 4.
        public var maxConnections: Int
        /// Close connections idle for longer than this. Default 5 minutes.
        public var idleTimeout: Duration
        /// `NOOP` a connection idle for longer than this before handing it out. Default 5 s.
        public var healthCheckAfter: Duration
        /// How long a caller may wait for a connection. Default 30 s.
        public var acquireTimeout: Duration

        /// Creates a configuration.
        public init(maxConnections: Int = 4, idleTimeout: Duration = .seconds(300),
                    healthCheckAfter: Duration = .seconds(5), acquireTimeout: Duration = .seconds(30)) {
            self.maxConnections = max(1, maxConnections)
            self.idleTimeout = idleTimeout
            self.healthCheckAfter = healthCheckAfter
            self.acquireTimeout = acquireTimeout
        }
    }

    /// Counters for monitoring and tests.
    public struct Statistics: Hashable, Sendable {
        /// Connections idle in the pool.
        public var idle: Int
        /// Connections lent to callers right now.
        public var leased: Int
        /// Connections being opened right now.
        public var opening: Int
        /// Callers waiting for a connection.
        public var waiting: Int
        /// Connections the factory created over the pool's life.
        public var created: Int
        /// The most connections ever lent at the same time.
        public var peakLeased: Int
    }

    /// A connection handed to a waiter, or the right to open one.
    enum Grant: Sendable {
        case connection(IMAPConnection)
        case capacity
    }

    private struct IdleEntry {
        var connection: IMAPConnection
        var since: ContinuousClock.Instant
        /// The mailbox it had selected when it came back.
        var selected: MailboxName?
    }

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Grant, any Error>
    }

    let configuration: Configuration
    let logger: Logger
    private let factory: @Sendable () async throws -> IMAPConnection
    private var idle: [IdleEntry] = []
    private var leased = 0
    private var opening = 0
    private var created = 0
    private var peakLeased = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var isShutDown = false
    private var sweeper: Task<Void, Never>?
    /// Connections the server lets us have, as far as we know: ``Configuration/maxConnections`` until it
    /// refused one, then the number that worked, until ``capacityRecovery`` has passed.
    private var capacity: Int
    private var capacityLoweredAt: ContinuousClock.Instant?
    /// How long a lowered capacity is kept before opening more is tried again.
    static let capacityRecovery: Duration = .seconds(300)

    /// Creates a pool; `factory` must return a connected, authenticated connection.
    public init(configuration: Configuration = Configuration(), logger: Logger,
                factory: @escaping @Sendable () async throws -> IMAPConnection) {
        self.configuration = configuration
        self.logger = logger
        self.factory = factory
        self.capacity = configuration.maxConnections
    }

    /// Current counters.
    public var statistics: Statistics {
        Statistics(idle: idle.count, leased: leased, opening: opening, waiting: waiters.count,
                   created: created, peakLeased: peakLeased)
    }

    /// Runs `body` with a pooled connection and returns it to the pool afterwards.
    ///
    /// - Parameters:
    ///   - idempotent: whether `body` may safely run twice. Only then is it retried (once, on a fresh
    ///     connection) after failing with ``IMAPError/Code/connectionClosed`` on a reused one.
    ///   - preferring: the mailbox `body` will select, if known: an idle connection that has it selected
    ///     is taken first.
    public func withConnection<Result>(
        idempotent: Bool = false,
        preferring mailbox: MailboxName? = nil,
        isolation: isolated (any Actor)? = #isolation,
        _ body: (IMAPConnection) async throws -> Result
    ) async throws -> Result {
        var (connection, reused) = try await lease(fresh: false, preferring: mailbox)
        var retried = false
        while true {
            do {
                let result = try await body(connection)
                await release(connection)
                return result
            } catch let error as IMAPError where error.code == .connectionClosed && reused && idempotent && !retried {
                logger.debug("IMAP pool: retrying on a fresh connection", metadata: ["error": "\(error)"])
                retried = true
                await release(connection)
                (connection, reused) = try await lease(fresh: true, preferring: nil)
            } catch {
                await release(connection)
                throw error
            }
        }
    }

    /// Closes connections idle for longer than ``Configuration/idleTimeout`` (also done periodically).
    public func closeIdleConnections() async {
        let now = ContinuousClock.now
        let expired = idle.filter { now - $0.since > configuration.idleTimeout }
        idle.removeAll { now - $0.since > configuration.idleTimeout }
        for entry in expired {
            logger.debug("IMAP pool: closing idle connection", metadata: ["imap.connection": "\(entry.connection.id)"])
            await entry.connection.logout()
        }
        grantCapacityIfPossible()
    }

    /// Logs out every connection; waiting and later callers fail with ``IMAPError/Code/connectionClosed``.
    public func shutdown() async {
        isShutDown = true
        sweeper?.cancel()
        let failing = waiters
        waiters.removeAll()
        for waiter in failing { waiter.continuation.resume(throwing: IMAPError.closed("the connection pool was shut down")) }
        let closing = idle
        idle.removeAll()
        for entry in closing { await entry.connection.logout() }
    }

    // MARK: Leasing

    /// A connection for a caller: a healthy idle one (unless `fresh`), a new one, or one handed over.
    private func lease(fresh: Bool, preferring mailbox: MailboxName?) async throws -> (IMAPConnection, reused: Bool) {
        startSweeperIfNeeded()
        if let lowered = capacityLoweredAt, ContinuousClock.now - lowered > Self.capacityRecovery {
            capacity = configuration.maxConnections
            capacityLoweredAt = nil
        }
        let deadline = ContinuousClock.now + configuration.acquireTimeout
        while true {
            guard !isShutDown else { throw IMAPError.closed("the connection pool was shut down") }
            if !fresh, let connection = await takeHealthyIdle(preferring: mailbox) {
                markLeased()
                return (connection, true)
            }
            if idle.count + leased + opening < capacity || (fresh && !idle.isEmpty) {
                if fresh, !idle.isEmpty { await idle.removeFirst().connection.logout() }
                if let connection = try await openUnlessRefused() { return (connection, false) }
                continue  // the server allows no more: wait for one in use
            }
            switch try await waitForGrant(until: deadline) {
            case .connection(let connection):
                markLeased()
                return (connection, true)
            case .capacity:
                if let connection = try await openUnlessRefused() { return (connection, false) }
            }
        }
    }

    /// A new connection; nil when opening failed while other connections of the pool exist (they work, so
    /// the credentials do: the server limits connections per account). The capacity is then lowered to
    /// the connections that exist. With no other connection the failure is the caller's (wrong password,
    /// server down).
    private func openUnlessRefused() async throws -> IMAPConnection? {
        do {
            return try await open()
        } catch {
            let existing = leased + idle.count
            guard existing > 0, !isShutDown, !Task.isCancelled else { throw error }
            capacity = existing
            capacityLoweredAt = .now
            logger.notice("IMAP pool: the server refused another connection; using the open ones",
                          metadata: ["imap.connections": "\(existing)", "error": "\(error)"])
            return nil
        }
    }

    /// Pops idle connections until one is open and, if it was idle for a while, answers NOOP: the most
    /// recently used one with `mailbox` selected first, else the most recently used one.
    private func takeHealthyIdle(preferring mailbox: MailboxName?) async -> IMAPConnection? {
        while let entry = popIdle(preferring: mailbox) {
            let idleFor = ContinuousClock.now - entry.since
            if await entry.connection.isClosed || idleFor > configuration.idleTimeout {
                await entry.connection.close()
                continue
            }
            if idleFor > configuration.healthCheckAfter {
                opening += 1   // counts against the limit while checked
                let healthy = (try? await entry.connection.noop()) != nil
                opening -= 1
                guard healthy else {
                    logger.debug("IMAP pool: idle connection failed NOOP", metadata: ["imap.connection": "\(entry.connection.id)"])
                    await entry.connection.close()
                    continue
                }
            }
            return entry.connection
        }
        return nil
    }

    private func popIdle(preferring mailbox: MailboxName?) -> IdleEntry? {
        if let mailbox, let index = idle.lastIndex(where: { $0.selected == mailbox }) {
            return idle.remove(at: index)
        }
        return idle.popLast()
    }

    private func open() async throws -> IMAPConnection {
        opening += 1
        do {
            let connection = try await factory()
            opening -= 1
            created += 1
            markLeased()
            return connection
        } catch {
            opening -= 1
            grantCapacityIfPossible()
            throw error
        }
    }

    private func markLeased() {
        leased += 1
        peakLeased = max(peakLeased, leased)
    }

    /// Takes a connection back: to a waiter, to the idle list, or closed if it is broken.
    private func release(_ connection: IMAPConnection) async {
        // Read the connection's state before giving up the lease: while this actor waits here, a new
        // lease must still count this connection, or one more than `maxConnections` could open.
        let closed = await connection.isClosed
        let selected = await connection.selectedMailbox?.name
        leased -= 1
        if closed || isShutDown {
            await connection.logout()
            grantCapacityIfPossible()
            return
        }
        if !waiters.isEmpty {
            // Handed straight over; the waiter counts it as leased.
            waiters.removeFirst().continuation.resume(returning: .connection(connection))
            return
        }
        idle.append(IdleEntry(connection: connection, since: .now, selected: selected))
    }

    /// Lets the first waiter open a connection if there is room.
    private func grantCapacityIfPossible() {
        guard !waiters.isEmpty, idle.count + leased + opening < capacity else { return }
        waiters.removeFirst().continuation.resume(returning: .capacity)
    }

    private func waitForGrant(until deadline: ContinuousClock.Instant) async throws -> Grant {
        nextWaiterID += 1
        let id = nextWaiterID
        let timer = Task { [weak self] in
            try? await Task.sleep(until: deadline)
            guard !Task.isCancelled else { return }
            await self?.waiterTimedOut(id)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            waiters.append(Waiter(id: id, continuation: continuation))
        }
    }

    private func waiterTimedOut(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        var error = IMAPError(.timeout, hint: "no IMAP connection became available within \(configuration.acquireTimeout)")
        error.command = "pool"
        waiter.continuation.resume(throwing: error)
    }

    private func startSweeperIfNeeded() {
        guard sweeper == nil, !isShutDown else { return }
        let interval = max(configuration.idleTimeout / 2, .seconds(1))
        sweeper = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard !Task.isCancelled, let self else { return }
                await self.closeIdleConnections()
            }
        }
    }
}
