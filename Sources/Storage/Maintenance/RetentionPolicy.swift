import Foundation

/// How long rows that only describe the past are kept before ``Housekeeping`` deletes them.
public struct RetentionPolicy: Sendable, Equatable {
    /// Days of audit entries kept (Activity, the Usage chart). At least ``minimumAuditDays``.
    public var auditDays: Int
    /// The longest rate-limit window in seconds: older rate events count for nothing.
    public var rateWindowSeconds: Int

    /// The Usage page charts 30 days of calls, so fewer days would empty it.
    public static let minimumAuditDays = 31
    /// Days of per-key rejection counts kept (Usage shows today's).
    public static let rateRejectionDays = 31
    /// Failed sign-ins older than this are no longer part of any backoff window.
    public static let loginFailureSeconds = 86_400

    public init(auditDays: Int = 90, rateWindowSeconds: Int) {
        self.auditDays = max(Self.minimumAuditDays, auditDays)
        self.rateWindowSeconds = rateWindowSeconds
    }
}

/// What one ``Housekeeping/prune(now:policy:)`` deleted, per kind of row.
public struct PruneReport: Sendable, Equatable {
    public var auditEntries = 0
    public var rateEvents = 0
    public var rateRejectionDays = 0
    public var dashboardSessions = 0
    public var invites = 0
    public var oauthStates = 0
    public var loginFailures = 0

    public init() {}

    public var total: Int {
        auditEntries + rateEvents + rateRejectionDays + dashboardSessions + invites + oauthStates + loginFailures
    }
}
