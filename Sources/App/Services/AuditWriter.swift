import Accounts
import Foundation
import Logging

/// Writes audit entries off the request path: a tool call hands its entry over and answers at once;
/// one drain task writes whatever has queued up, in one transaction per batch, in arrival order.
///
/// Entries reach the database a moment after the reply (milliseconds, unless the database is slow).
/// ``flush()`` waits until everything handed over so far is written; graceful shutdown calls it before
/// the database closes. A failed batch is logged and dropped, as a failed single write was before: the
/// audit log must never fail or delay a tool call. If the database stalls, at most ``maximumBacklog``
/// entries wait; beyond that new entries are dropped and counted in the log.
///
/// It also carries the monthly call counts of workspaces without a call quota: nothing can be refused
/// there, so instead of one counter write per call the calls are tallied per workspace and month and
/// written with the next batch (``countCall(workspaceID:at:)``).
actor AuditWriter {
    /// Entries kept waiting while the database is unavailable.
    static let maximumBacklog = 50_000
    /// Entries written per transaction.
    static let batchSize = 500

    private let log: any AuditLogRepository
    private let quotas: any QuotaRepository
    private let logger: Logger
    private var pending: [AuditEntry] = []
    /// Calls not yet counted, per workspace and UTC month (with one moment inside that month).
    private var uncountedCalls: [CallTally.Key: CallTally] = [:]
    private var draining: Task<Void, Never>?
    private var dropped = 0

    init(log: any AuditLogRepository, quotas: any QuotaRepository, logger: Logger) {
        self.log = log
        self.quotas = quotas
        self.logger = logger
    }

    /// Counts one tool call of a workspace without a call quota, written with the next batch.
    func countCall(workspaceID: UUID, at: Date) {
        let key = CallTally.Key(workspaceID: workspaceID, month: UTCPeriod.month.key(containing: at))
        uncountedCalls[key, default: CallTally(at: at)].count += 1
        startDrain()
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
        startDrain()
    }

    private func startDrain() {
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
        while !pending.isEmpty || !uncountedCalls.isEmpty {
            if !pending.isEmpty {
                let batch = Array(pending.prefix(Self.batchSize))
                pending.removeFirst(batch.count)
                do {
                    try await log.record(batch)
                } catch {
                    logger.error("could not write the audit log", metadata: ["entries": "\(batch.count)", "error": "\(type(of: error))"])
                }
            }
            let tallies = uncountedCalls
            uncountedCalls = [:]
            for (key, tally) in tallies {
                do {
                    try await quotas.recordCalls(workspaceID: key.workspaceID, count: tally.count, at: tally.at)
                } catch {
                    logger.error("could not count tool calls", metadata: ["calls": "\(tally.count)", "error": "\(type(of: error))"])
                }
            }
        }
        draining = nil
    }
}

/// Tool calls of one workspace in one UTC month, not yet written.
struct CallTally {
    struct Key: Hashable {
        let workspaceID: UUID
        let month: String
    }
    /// A moment inside the month (the first call's time).
    let at: Date
    var count = 0
}
