import Foundation

/// A tenant: it owns API keys and inboxes, and quotas are counted per workspace.
public struct Workspace: Hashable, Sendable, Codable, Identifiable {
    /// Stable identifier.
    public var id: UUID
    /// Display name chosen at creation.
    public var name: String
    /// The billing plan; limits come from ``PlanCatalog/limits(for:)-(Workspace)``.
    public var plan: Plan
    /// Sends per UTC day for this workspace, overriding the plan's number when set.
    public var sendQuotaOverride: Int?
    /// Tool calls per UTC month for this workspace, overriding the plan's number when set.
    public var monthlyCallQuotaOverride: Int?
    /// Creation time (stored with millisecond precision).
    public var createdAt: Date

    /// Creates a workspace value.
    public init(
        id: UUID, name: String, plan: Plan,
        sendQuotaOverride: Int? = nil, monthlyCallQuotaOverride: Int? = nil, createdAt: Date
    ) {
        self.id = id
        self.name = name
        self.plan = plan
        self.sendQuotaOverride = sendQuotaOverride
        self.monthlyCallQuotaOverride = monthlyCallQuotaOverride
        self.createdAt = createdAt
    }
}
