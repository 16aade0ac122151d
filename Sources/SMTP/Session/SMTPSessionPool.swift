import Logging

/// The authenticated SMTP sessions of one account, kept open between sends so that a send costs
/// `RSET`, `MAIL`, `RCPT`, `DATA` instead of connect, EHLO, STARTTLS, EHLO and AUTH each time.
///
/// It lives here, beside ``SMTPConnection``, rather than in a provider: whether a session may be reused,
/// and when switching to another one is safe, is SMTP knowledge (RFC 5321 transactions and replies), the
/// same for every account; a provider only says how to open and authenticate a session (the factory).
/// The grammar (`Grammar/`) knows nothing of it.
///
/// - **Verified before reuse.** An idle session must answer `RSET` (RFC 5321 §4.1.1.5) with 2xx before it
///   is handed out; one the server dropped, answered with 421 (idle timeout, shutting down) or that does
///   not answer in time is closed, and the next idle or a fresh session is used instead. Nothing of the
///   caller's message has been sent at that point, so the switch is invisible and safe.
/// - **Never a retry once the body runs.** The body (`MAIL`, `RCPT`, `DATA`) runs exactly once. If it
///   throws for any reason the session is closed, never pooled, and the error goes to the caller as is —
///   in particular ``SMTPError/Code/deliveryUnknown`` after the final dot is never resent here.
/// - **One caller per session, bounded.** At most ``Configuration/maxSessions`` sessions exist at once
///   (lent out, being opened or verified, or idle); each caller has its session to itself, so commands of
///   two sends never interleave. Further callers wait in FIFO order, at most ``Configuration/acquireTimeout``.
/// - **Idle sessions are few and short-lived.** At most ``Configuration/maxIdleSessions`` are kept; each
///   is ended with `QUIT` after ``Configuration/idleLifetime`` (default 60 s, well under the 5 minutes a
///   server waits for the next command, RFC 5321 §4.5.3.2.7) and at ``shutdown()``.
///
/// ```swift
/// let pool = SMTPSessionPool(logger: logger) {
///     let smtp = try await SMTPConnection.connect(host: "smtp.example.org", port: 587)
///     try await smtp.authenticate(username: user, password: password)
///     return smtp
/// }
/// let result = try await pool.withSession { smtp in
///     try await smtp.send(from: user, recipients: ["bob@example.org"], message: bytes)
/// }
/// await pool.shutdown()
/// ```
public actor SMTPSessionPool {
    /// Limits and timings.
    public struct Configuration: Sendable {
        /// Most sessions open at once, idle or in use. Default 4.
        public var maxSessions: Int
        /// Most idle sessions kept; a session coming back when this many wait is ended. Default 2.
        public var maxIdleSessions: Int
        /// How long a session may stay idle before it is ended. Default 60 s.
        public var idleLifetime: Duration
        /// How long a caller may wait for a session when ``maxSessions`` are in use. Default 60 s.
        public var acquireTimeout: Duration

        /// Creates a configuration; `maxSessions` is at least 1 and `maxIdleSessions` at most `maxSessions`.
        public init(maxSessions: Int = 4, maxIdleSessions: Int = 2, idleLifetime: Duration = .seconds(60),
                    acquireTimeout: Duration = .seconds(60)) {
            self.maxSessions = max(1, maxSessions)
            self.maxIdleSessions = min(max(0, maxIdleSessions), self.maxSessions)
            self.idleLifetime = idleLifetime
            self.acquireTimeout = acquireTimeout
        }
    }

    /// Counters for monitoring and tests.
    public struct Statistics: Hashable, Sendable {
        /// Sessions the factory opened over the pool's life.
        public var opened: Int
        /// Sends that ran on a reused session (one that answered `RSET`).
        public var reused: Int
        /// Idle sessions found dead when about to be reused (closed, and replaced).
        public var discarded: Int
        /// Sessions closed because the body that used them failed.
        public var retired: Int
        /// Sessions idle now.
        public var idle: Int
        /// Sessions held by callers now (including ones being opened or verified).
        public var inUse: Int
        /// Callers waiting for a session now.
        public var waiting: Int
        /// The most sessions ever in use at the same time.
        public var peakInUse: Int
    }

    /// A session handed to a waiter, or the right to open one.
    private enum Grant: Sendable {
        case session(PooledSession)
        case capacity
    }

    private struct IdleEntry {
        var session: PooledSession
        var since: ContinuousClock.Instant
    }

    private struct Waiter {
        var id: Int
        var continuation: CheckedContinuation<Grant, any Error>
    }

    let configuration: Configuration
    let logger: Logger
    private let factory: @Sendable () async throws -> SMTPConnection
    private var idle: [IdleEntry] = []
    private var inUse = 0
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0
    private var isShutDown = false
    private var sweeper: Task<Void, Never>?
    private var counters = Statistics(opened: 0, reused: 0, discarded: 0, retired: 0, idle: 0, inUse: 0,
                                      waiting: 0, peakInUse: 0)

    /// Creates a pool; `factory` must return a connected session, authenticated if the server needs it.
    public init(configuration: Configuration = Configuration(), logger: Logger,
                factory: @escaping @Sendable () async throws -> SMTPConnection) {
        self.configuration = configuration
        self.logger = logger
        self.factory = factory
    }

    /// Current counters.
    public var statistics: Statistics {
        var statistics = counters
        statistics.idle = idle.count
        statistics.inUse = inUse
        statistics.waiting = waiters.count
        return statistics
    }

    /// Runs `body` with a session of its own: a verified idle one, or a fresh one from the factory.
    ///
    /// When `body` returns, the session goes back to the pool; when it throws, the session is closed.
    /// `body` is never run twice.
    ///
    /// - Throws: the factory's errors (connect, TLS, AUTH); ``SMTPError/Code/timeout`` when no session
    ///   became free within ``Configuration/acquireTimeout``; ``SMTPError/Code/connectionFatal`` after
    ///   ``shutdown()``; whatever `body` throws.
    public func withSession<Result>(
        isolation: isolated (any Actor)? = #isolation,
        _ body: (SMTPConnection) async throws -> Result
    ) async throws -> Result {
        let session = try await checkOut()
        let result: Result
        do {
            result = try await body(session.connection)
        } catch {
            await session.end(politely: session.connection.isOpen)
            await retire()
            throw error
        }
        if await !checkIn(session) { await session.end(politely: true) }
        return result
    }

    /// Ends idle sessions older than ``Configuration/idleLifetime`` (also done by a timer).
    public func endExpiredSessions() async {
        let now = ContinuousClock.now
        let expired = idle.filter { now - $0.since >= configuration.idleLifetime }
        idle.removeAll { now - $0.since >= configuration.idleLifetime }
        grantCapacityIfPossible()
        for entry in expired {
            logger.debug("SMTP pool: ending an idle session")
            await entry.session.end(politely: true)
        }
    }

    /// Ends every idle session with `QUIT`; sessions in use are ended when they come back. Waiting and
    /// later callers fail with ``SMTPError/Code/connectionFatal``.
    public func shutdown() async {
        isShutDown = true
        sweeper?.cancel()
        sweeper = nil
        let failing = waiters
        waiters.removeAll()
        for waiter in failing { waiter.continuation.resume(throwing: Self.shutDownError) }
        let closing = idle
        idle.removeAll()
        for entry in closing { await entry.session.end(politely: true) }
    }

    // MARK: Leasing

    /// A session for one caller. Idle sessions are verified here, in the caller's task, so the pool stays
    /// free for others meanwhile.
    private func checkOut(isolation: isolated (any Actor)? = #isolation) async throws -> PooledSession {
        let deadline = ContinuousClock.now + configuration.acquireTimeout
        while true {
            switch try await reserve(until: deadline) {
            case .session(let session):
                if await session.answersReset() {
                    await countReuse()
                    return session
                }
                logger.debug("SMTP pool: idle session failed RSET; using another")
                await session.end(politely: false)
                await discard()
            case .capacity:
                do {
                    let session = PooledSession(try await factory())
                    await countOpened()
                    return session
                } catch {
                    await discard(countsAsDead: false)
                    throw error
                }
            }
        }
    }

    /// Takes an idle session (most recently used first) or a free slot, or waits for either.
    private func reserve(until deadline: ContinuousClock.Instant) async throws -> Grant {
        guard !isShutDown else { throw Self.shutDownError }
        if let entry = idle.popLast() {
            markInUse()
            return .session(entry.session)
        }
        if idle.count + inUse < configuration.maxSessions {
            markInUse()
            return .capacity
        }
        return try await waitForGrant(until: deadline)
    }

    /// Takes a session back after a successful body: to a waiter, to the idle list, or `false` when it
    /// must be ended (closed meanwhile, too many idle, or shut down).
    private func checkIn(_ session: PooledSession) -> Bool {
        guard !isShutDown, session.connection.isOpen else {
            inUse -= 1
            grantCapacityIfPossible()
            return false
        }
        if !waiters.isEmpty {
            // Handed straight over; it stays counted as in use, and the waiter verifies it with RSET.
            waiters.removeFirst().continuation.resume(returning: .session(session))
            return true
        }
        inUse -= 1
        guard idle.count < configuration.maxIdleSessions else { return false }
        idle.append(IdleEntry(session: session, since: .now))
        startSweeperIfNeeded()
        return true
    }

    private func markInUse() {
        inUse += 1
        counters.peakInUse = max(counters.peakInUse, inUse)
    }

    private func countReuse() { counters.reused += 1 }

    private func countOpened() { counters.opened += 1 }

    /// A session that was in use is gone (failed verification or failed to open): its slot is free.
    private func discard(countsAsDead: Bool = true) {
        if countsAsDead { counters.discarded += 1 }
        inUse -= 1
        grantCapacityIfPossible()
    }

    /// A session whose body failed was closed: its slot is free.
    private func retire() {
        counters.retired += 1
        inUse -= 1
        grantCapacityIfPossible()
    }

    /// Lets the first waiter open a session if there is room.
    private func grantCapacityIfPossible() {
        guard !waiters.isEmpty, idle.count + inUse < configuration.maxSessions else { return }
        markInUse()
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
        waiter.continuation.resume(throwing: SMTPError(
            .timeout, hint: "no SMTP session became free within \(configuration.acquireTimeout)", command: "pool"))
    }

    /// Ends idle sessions when their lifetime is over; stops when none is idle.
    private func startSweeperIfNeeded() {
        guard sweeper == nil, !isShutDown else { return }
        let lifetime = configuration.idleLifetime
        sweeper = Task { [weak self] in
            while !Task.isCancelled {
                guard let wake = await self?.nextExpiry(lifetime) else { return }
                try? await Task.sleep(until: wake)
                guard !Task.isCancelled else { return }
                await self?.endExpiredSessions()
            }
        }
    }

    /// When the oldest idle session expires; `nil` (and the sweeper ends) when none is idle.
    private func nextExpiry(_ lifetime: Duration) -> ContinuousClock.Instant? {
        guard let oldest = idle.map(\.since).min() else {
            sweeper = nil
            return nil
        }
        return oldest + lifetime
    }

    private static var shutDownError: SMTPError {
        SMTPError(.connectionFatal, hint: "the SMTP session pool was shut down", command: "pool")
    }
}

/// A pooled session on its way between the pool and the one caller that holds it.
///
/// `@unchecked Sendable` because ``SMTPConnection`` is a plain class: it is sound since a session is
/// reachable from exactly one place at a time — the pool's idle list or the single caller that leased it —
/// and every hand-over goes through the pool actor, which orders the accesses.
final class PooledSession: @unchecked Sendable {
    let connection: SMTPConnection

    init(_ connection: SMTPConnection) {
        self.connection = connection
    }

    /// Whether the session still works: open, and `RSET` answered with 2xx (a 421 or silence is not).
    func answersReset() async -> Bool {
        guard connection.isOpen else { return false }
        do {
            try await connection.reset()
            return true
        } catch {
            return false
        }
    }

    /// `QUIT` when `politely` and still open, otherwise (or if QUIT fails) just closes.
    func end(politely: Bool) async {
        if politely, connection.isOpen, (try? await connection.quit()) != nil { return }
        await connection.close()
    }
}
