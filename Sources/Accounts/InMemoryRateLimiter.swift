import Foundation

/// A process-local ``RateLimitRepository`` using ``RateLimitPolicy/admission(eventsMs:nowMs:)``.
///
/// For tests and single-process tools; servers use the database-backed limiter so several
/// instances enforce one limit.
public actor InMemoryRateLimiter: RateLimitRepository {
    private var events: [UUID: [Int64]] = [:]
    private var rejections: [UUID: [String: Int]] = [:]
    private var inactiveKeys: Set<UUID> = []

    /// Creates an empty limiter.
    public init() {}

    public func admit(keyID: UUID, policy: RateLimitPolicy, now: Date) -> Admission {
        let nowMs = now.epochMilliseconds
        let horizon = nowMs - Int64(policy.longestWindowSeconds) * 1_000
        var kept = (events[keyID] ?? []).filter { $0 > horizon }
        let decision = policy.admission(eventsMs: kept, nowMs: nowMs)
        switch decision {
        case .admitted:
            kept.append(nowMs)
        case .rejected:
            rejections[keyID, default: [:]][UTCPeriod.day.key(containing: now), default: 0] += 1
        }
        events[keyID] = kept
        return decision
    }

    /// Marks a key revoked: ``admitIfActive(keyID:policy:now:)`` answers nil for it from now on.
    public func deactivate(keyID: UUID) {
        inactiveKeys.insert(keyID)
    }

    public func admitIfActive(keyID: UUID, policy: RateLimitPolicy, now: Date) -> Admission? {
        inactiveKeys.contains(keyID) ? nil : admit(keyID: keyID, policy: policy, now: now)
    }

    public func usage(keyID: UUID, policy: RateLimitPolicy, now: Date) -> RateUsage {
        let nowMs = now.epochMilliseconds
        let list = events[keyID] ?? []
        let counts = policy.windows.map { window in
            let start = RateLimitPolicy.windowStart(window, nowMs: nowMs)
            return RateUsage.WindowCount(window: window, count: list.filter { $0 > start }.count)
        }
        let today = rejections[keyID]?[UTCPeriod.day.key(containing: now)] ?? 0
        return RateUsage(windows: counts, rejectionsToday: today)
    }
}
