import Foundation

/// A unit of quota taken by ``QuotaRepository/reserveSend(workspaceID:limit:now:)`` or
/// ``QuotaRepository/reserveCall(workspaceID:limit:now:)``. Keep it to give a send back with
/// ``QuotaRepository/release(_:)`` if it fails before reaching the provider: it names the period
/// it was taken from, so a release after midnight does not credit the wrong day.
public struct QuotaReservation: Hashable, Sendable, Codable {
    /// The workspace charged.
    public var workspaceID: UUID
    /// The counter charged, e.g. `send:day:2026-11-22` or `call:month:2026-11`.
    public var counter: String
    /// The count including this reservation.
    public var used: Int

    /// Creates a reservation value.
    public init(workspaceID: UUID, counter: String, used: Int) {
        self.workspaceID = workspaceID
        self.counter = counter
        self.used = used
    }
}

/// The outcome of a quota reservation.
public enum QuotaDecision: Hashable, Sendable {
    /// Counted; proceed.
    case granted(QuotaReservation)
    /// The period's limit is reached; it resets in `retryAfter` seconds (start of the next UTC day
    /// or month). `limit` is the limit that applied.
    case exceeded(limit: Int, retryAfter: Int)

    /// Whether the reservation was granted.
    public var isGranted: Bool {
        if case .granted = self { return true }
        return false
    }
}

/// Current quota usage of a workspace.
public struct QuotaUsage: Hashable, Sendable, Codable {
    /// Sends counted in the current UTC day.
    public var sendsToday: Int
    /// Tool calls counted in the current UTC month.
    public var callsThisMonth: Int

    /// Creates a usage value.
    public init(sendsToday: Int, callsThisMonth: Int) {
        self.sendsToday = sendsToday
        self.callsThisMonth = callsThisMonth
    }
}
