import Foundation

/// A workspace's billing plan. Limits come from a ``PlanCatalog`` so operators can change them.
public enum Plan: String, Codable, CaseIterable, Sendable {
    /// 200 sends per UTC day and 100 tool calls per calendar month by default.
    case free
    /// 2,000 sends per UTC day, unlimited tool calls by default.
    case pro
    /// Unlimited unless the workspace carries its own numbers.
    case enterprise

    /// Parses `free`, `pro` or `enterprise` (case-insensitive, surrounding spaces ignored).
    public static func parse(_ text: String) throws(AccountsError) -> Plan {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let plan = Plan(rawValue: name) else { throw AccountsError(.unknownPlan, detail: text) }
        return plan
    }
}

/// The limits that apply to a workspace. `nil` means unlimited.
public struct PlanLimits: Hashable, Sendable, Codable {
    /// Sends (`send_email`, `reply_to_email`) allowed per UTC calendar day.
    public var sendsPerDay: Int?
    /// Tool calls allowed per UTC calendar month.
    public var callsPerMonth: Int?

    /// Creates limits; `nil` means unlimited.
    public init(sendsPerDay: Int?, callsPerMonth: Int?) {
        self.sendsPerDay = sendsPerDay
        self.callsPerMonth = callsPerMonth
    }

    /// No limit at all.
    public static let unlimited = PlanLimits(sendsPerDay: nil, callsPerMonth: nil)
}

/// The limits of each plan, with the product's defaults; self-hosting operators override them.
///
/// Per-workspace overrides (``Workspace/sendQuotaOverride``, ``Workspace/monthlyCallQuotaOverride``)
/// win over the plan's numbers, which is how enterprise workspaces get their custom numbers.
public struct PlanCatalog: Hashable, Sendable {
    /// Limits of the free plan (default 200 sends/day, 100 calls/month).
    public var free: PlanLimits
    /// Limits of the pro plan (default 2,000 sends/day, unlimited calls).
    public var pro: PlanLimits
    /// Limits of the enterprise plan (default unlimited).
    public var enterprise: PlanLimits

    /// The product's published defaults.
    public static let standard = PlanCatalog()

    /// Creates a catalog; every argument defaults to the product's published numbers.
    public init(
        free: PlanLimits = PlanLimits(sendsPerDay: 200, callsPerMonth: 100),
        pro: PlanLimits = PlanLimits(sendsPerDay: 2_000, callsPerMonth: nil),
        enterprise: PlanLimits = .unlimited
    ) {
        self.free = free
        self.pro = pro
        self.enterprise = enterprise
    }

    /// The plan's own limits, ignoring workspace overrides.
    public func limits(for plan: Plan) -> PlanLimits {
        switch plan {
        case .free: return free
        case .pro: return pro
        case .enterprise: return enterprise
        }
    }

    /// The limits that apply to `workspace`: its plan's, with its overrides taking precedence.
    public func limits(for workspace: Workspace) -> PlanLimits {
        var limits = limits(for: workspace.plan)
        if let sends = workspace.sendQuotaOverride { limits.sendsPerDay = sends }
        if let calls = workspace.monthlyCallQuotaOverride { limits.callsPerMonth = calls }
        return limits
    }
}
