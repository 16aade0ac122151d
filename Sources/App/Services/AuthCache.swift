import Foundation
import MCPServer
import Synchronization

/// Recent API-key lookups by secret hash (never the secret), so a busy key is not looked up in the
/// database on every request.
///
/// A hit is only ever a ``Caller/provisional`` caller: revocation is still checked on every request, in
/// the rate-limit statement that counts it (or by `confirmActive`), so a key revoked by any process —
/// dashboard, CLI, another instance — stops working on its next request. What an entry can hold stale for
/// up to ``lifetime`` is the workspace's plan limits, and only when another process changed them (changes
/// made through this process's stores bump `Stores.accessChanges`, which empties the cache's view).
final class AuthCache: Sendable {
    struct Entry: Sendable {
        var caller: Caller
        var storedAt: Date
        /// `Stores.accessChanges` when the lookup began: a revocation or plan change made through this
        /// process since then invalidates the entry.
        var generation: UInt64
    }

    static let lifetime: TimeInterval = 10
    /// Entries kept at most; past it the cache starts over (a bound, not an eviction policy).
    static let capacity = 10_000

    private let entries = Mutex<[String: Entry]>([:])

    /// The fresh entry for `secretHash`, if any, given the stores' current access `generation`.
    func lookup(_ secretHash: String, now: Date, generation: UInt64) -> Entry? {
        entries.withLock { entries in
            guard let entry = entries[secretHash] else { return nil }
            guard now.timeIntervalSince(entry.storedAt) < Self.lifetime, now >= entry.storedAt,
                  entry.generation == generation else {
                entries[secretHash] = nil
                return nil
            }
            return entry
        }
    }

    /// Keeps a lookup that began at access `generation`.
    func store(_ secretHash: String, caller: Caller, now: Date, generation: UInt64) {
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[secretHash] == nil { entries.removeAll(keepingCapacity: true) }
            entries[secretHash] = Entry(caller: caller, storedAt: now, generation: generation)
        }
    }

    /// Drops every entry of a key (noticed revoked).
    func evict(keyID: UUID) {
        entries.withLock { entries in entries = entries.filter { $0.value.caller.keyID != keyID } }
    }

    var count: Int { entries.withLock { $0.count } }
}
