import Accounts
import Logging

/// Writes audit entries off the request path: a tool call hands its entry over and answers at once;
/// one drain task writes whatever has queued up, in one transaction per batch, in arrival order.
///
/// Entries reach the database a moment after the reply (milliseconds, unless the database is slow).
/// ``flush()`` waits until everything handed over so far is written; graceful shutdown calls it before
/// the database closes. A failed batch is logged and dropped, as a failed single write was before: the
/// audit log must never fail or delay a tool call. If the database stalls, at most ``maximumBacklog``
/// entries wait; beyond that new entries are dropped and counted in the log.
actor AuditWriter {
    /// Entries kept waiting while the database is unavailable.
    static let maximumBacklog = 50_000
    /// Entries written per transaction.
    static let batchSize = 500

    private let log: any AuditLogRepository
    private let logger: Logger
    private var pending: [AuditEntry] = []
    private var draining: Task<Void, Never>?
    private var dropped = 0

    init(log: any AuditLogRepository, logger: Logger) {
        self.log = log
        self.logger = logger
    }

    /// Queues an entry and makes sure a drain is running.
    func enqueue(_ entry: AuditEntry) {
        guard pending.count < Self.maximumBacklog else {
            dropped += 1
            if dropped == 1 || dropped % 1_000 == 0 {
                logger.error("audit backlog full; entries dropped", metadata: ["dropped": "\(dropped)"])
            }
            return
        }
        pending.append(entry)
        if draining == nil {
            draining = Task { await self.drain() }
        }
    }

    /// Returns once every entry enqueued before the call has been written (or failed and been logged).
    func flush() async {
        while let task = draining {
            await task.value
        }
    }

    private func drain() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.batchSize))
            pending.removeFirst(batch.count)
            do {
                try await log.record(batch)
            } catch {
                logger.error("could not write the audit log", metadata: ["entries": "\(batch.count)", "error": "\(type(of: error))"])
            }
        }
        draining = nil
    }
}
