import Accounts
import Foundation
import Storage
import Logging
import MCP
import MCPServer
import MailCore

/// `MCPServices` over the storage repositories: the production wiring of auth, limits, inboxes, ledger, audit.
struct StoreBackedMCPServices: MCPServices {
    let stores: Stores
    let registry: MailboxRegistry
    let auditWriter: AuditWriter
    let authCache: AuthCache
    let rateLimits: RateLimitPolicy
    let plans: PlanCatalog
    let logger: Logger
    let now: @Sendable () -> Date

    func authenticate(bearer: String, allowingCache: Bool) async throws -> Caller? {
        guard APIKeySecret.isWellFormed(bearer) else { return nil }
        let at = now()
        let hash = APIKeySecret.hash(bearer)
        let generation = stores.accessChanges.generation  // read before the lookup: see AuthCache.Entry
        if allowingCache, let entry = authCache.lookup(hash, now: at, generation: generation) {
            // No use recorded here: the lookup below, at least every `AuthCache.lifetime`, does it, and
            // `last_used_at` is kept to the minute anyway.
            var caller = entry.caller
            caller.provisional = true
            return caller
        }
        guard let (key, workspace) = try await stores.apiKeys.authenticate(secret: bearer) else { return nil }
        let caller = Caller(keyID: key.id, workspaceID: workspace.id, scopes: key.scopes, limits: plans.limits(for: workspace))
        authCache.store(hash, caller: caller, now: at, generation: generation)
        touch(key.id, at: at)
        return caller
    }

    /// Records the key's use in the background (the repository writes at most once a minute per key).
    private func touch(_ keyID: UUID, at: Date) {
        let keys = stores.apiKeys
        let logger = logger
        Task {
            do { try await keys.touchLastUsed(id: keyID, at: at) } catch {
                logger.warning("could not record key use", metadata: ["key_id": "\(keyID)"])
            }
        }
    }

    func confirmActive(_ caller: Caller) async throws -> Bool {
        guard caller.provisional else { return true }
        let active = try await stores.apiKeys.get(id: caller.keyID, workspaceID: caller.workspaceID).map { $0.revokedAt == nil } ?? false
        if !active { authCache.evict(keyID: caller.keyID) }
        return active
    }

    func admitRequest(_ caller: Caller) async throws -> LimitDecision {
        let admission: Admission?
        if caller.provisional {
            admission = try await stores.rateLimiter.admitIfActive(keyID: caller.keyID, policy: rateLimits, now: now())
        } else {
            admission = try await stores.rateLimiter.admit(keyID: caller.keyID, policy: rateLimits, now: now())
        }
        switch admission {
        case .admitted?: return .allowed
        case .rejected(let retryAfter)?: return .refused(retryAfter: retryAfter)
        case nil:
            authCache.evict(keyID: caller.keyID)
            return .keyInactive
        }
    }

    func admitToolCall(_ caller: Caller) async throws -> LimitDecision {
        guard let limit = caller.limits.callsPerMonth else {
            await auditWriter.countCall(workspaceID: caller.workspaceID, at: now())
            return .allowed
        }
        switch try await stores.quotas.reserveCall(workspaceID: caller.workspaceID, limit: limit, now: now()) {
        case .granted: return .allowed
        case .exceeded(_, let retryAfter): return .refused(retryAfter: retryAfter)
        }
    }

    func mailbox(_ inboxID: UUID, for caller: Caller) async throws -> ResolvedMailbox? {
        guard let (inbox, credentialsVersion) = try await stores.inboxes.getWithCredentialsVersion(
            id: inboxID, workspaceID: caller.workspaceID) else { return nil }
        let provider = try await registry.provider(for: inbox, credentialsVersion: credentialsVersion)
        return ResolvedMailbox(inboxID: inbox.id, provider: provider)
    }

    func beginSend(_ caller: Caller, inboxID: UUID, tool: String, idempotencyKey: String?,
                   fingerprint: String) async throws -> SendBegin {
        switch try await stores.sendLedger.begin(
            workspaceID: caller.workspaceID, inboxID: inboxID, tool: tool, idempotencyKey: idempotencyKey,
            requestFingerprint: fingerprint, now: now()) {
        case .new(let sendID): return .proceed(sendID: sendID)
        case .existing(let record, _): return .replay(Self.view(record))
        }
    }

    func reserveSend(_ caller: Caller) async throws -> SendQuotaTicket {
        let quotas = stores.quotas
        let logger = logger
        switch try await quotas.reserveSend(workspaceID: caller.workspaceID, limit: caller.limits.sendsPerDay, now: now()) {
        case .granted(let reservation):
            return .granted(release: {
                do { try await quotas.release(reservation) } catch {
                    logger.error("could not release a send reservation", metadata: ["workspace_id": "\(reservation.workspaceID)"])
                }
            })
        case .exceeded(_, let retryAfter):
            return .refused(retryAfter: retryAfter)
        }
    }

    func finishSend(_ sendID: UUID, caller: Caller, status: String, providerMessageID: String?,
                    result: Value?, errorCode: String?) async {
        do {
            try await stores.sendLedger.complete(
                sendID: sendID, status: DeliveryStatus(rawValue: status) ?? .unknown, providerMessageID: providerMessageID,
                resultJSON: result.map(Self.json), errorCode: errorCode, now: now())
        } catch {
            logger.error("could not record a send outcome", metadata: ["send_id": "\(sendID)"])
        }
    }

    func abandonSend(_ sendID: UUID, caller: Caller) async {
        do {
            try await stores.sendLedger.discard(sendID: sendID, workspaceID: caller.workspaceID)
        } catch {
            logger.error("could not discard an unsent ledger record", metadata: ["send_id": "\(sendID)"])
        }
    }

    func sendRecord(sendID: UUID?, idempotencyKey: String?, caller: Caller) async throws -> SendRecordView? {
        let record: SendRecord?
        if let sendID {
            record = try await stores.sendLedger.get(sendID: sendID, workspaceID: caller.workspaceID)
        } else if let idempotencyKey {
            record = try await stores.sendLedger.get(idempotencyKey: idempotencyKey, workspaceID: caller.workspaceID)
        } else {
            record = nil
        }
        return record.map(Self.view)
    }

    func audit(_ entry: ToolAuditEntry) async {
        await auditWriter.enqueue(AuditEntry(
            time: entry.at, workspaceID: entry.caller.workspaceID, keyID: entry.caller.keyID, inboxID: entry.inboxID,
            tool: entry.tool, outcome: entry.outcome, latencyMs: entry.latencyMilliseconds, requestID: entry.requestID))
    }

    static func view(_ record: SendRecord) -> SendRecordView {
        SendRecordView(
            sendID: record.id, idempotencyKey: record.idempotencyKey, deliveryStatus: record.status.rawValue,
            tool: record.tool, inboxID: record.inboxID, createdAt: record.createdAt,
            result: record.resultJSON.flatMap { try? JSONDecoder().decode(Value.self, from: Data($0.utf8)) },
            errorCode: record.errorCode)
    }

    static func json(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "{}"
    }
}
