import Accounts
import Foundation
import Hummingbird

/// `GET /usage`: tool calls this month and sends today against the plan, per-key requests in each
/// rate window, rate-limit rejections, and the 30-day chart.
struct UsageRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/usage") { request, _ in try await gate.page(request) { try await page($0) } }
    }

    private func page(_ signedIn: SignedIn) async throws -> Response {
        let now = env.now()
        let workspaceID = signedIn.workspaceID
        let limits = env.configuration.plans.limits(for: signedIn.workspace)
        let quota = try await env.stores.quotas.usage(workspaceID: workspaceID, now: now)
        let days = try await env.stores.auditLog.callsPerDay(workspaceID: workspaceID, days: 30, now: now)
        let since = UTCPeriod.day.start(containing: now).addingTimeInterval(-29 * 86_400)
        let outcomes = try await env.stores.auditLog.outcomeCounts(workspaceID: workspaceID, since: since)
        let policy = env.configuration.rateLimits
        let keys = try await env.stores.apiKeys.list(workspaceID: workspaceID).filter { !$0.isRevoked }
        var keyRows: [[String: Any]] = []
        for key in keys {
            let usage = try await env.stores.rateLimiter.usage(keyID: key.id, policy: policy, now: now)
            keyRows.append([
                "name": key.name, "prefix": key.prefix, "rejections": Display.count(usage.rejectionsToday),
                "windows": usage.windows.map { ["count": Display.count($0.count), "limit": Display.count($0.window.limit)] },
            ])
        }
        let rejections = outcomes["rate_limit_exceeded"] ?? 0
        let page = Page("usage", title: "Usage", section: .usage, data: [
            "planLabel": signedIn.workspace.plan.rawValue.capitalized,
            "meters": [
                Self.meter(id: "calls", title: "Tool calls this month", used: quota.callsThisMonth, limit: limits.callsPerMonth,
                           note: "Counted per workspace per UTC calendar month; resets on the 1st."),
                Self.meter(id: "sends", title: "Sends today", used: quota.sendsToday, limit: limits.sendsPerDay,
                           note: "send_email and reply_to_email, per workspace per UTC day."),
            ],
            "chartSVG": UsageChart.svg(days),
            "chartTotal": Display.plural(days.reduce(0) { $0 + $1.calls }, "call"),
            "chartErrors": Display.count(days.reduce(0) { $0 + $1.errors }),
            "limitsSummary": Self.limitsSummary(policy),
            "windowHeads": policy.windows.map { "Requests \(RateLimitPolicy.phrase(seconds: $0.seconds))" },
            "hasKeys": !keys.isEmpty, "keys": keyRows,
            "rateRejections30d": Display.count(rejections), "hasRateRejections": rejections > 0,
        ])
        return env.renderer.response(page, signedIn: signedIn)
    }

    static func meter(id: String, title: String, used: Int, limit: Int?, note: String) -> [String: Any] {
        var row: [String: Any] = ["id": id, "title": title, "used": Display.count(used), "limit": Display.limit(limit),
                                  "note": note, "hasLimit": limit != nil]
        if let limit {
            row["max"] = max(1, limit)
            row["value"] = min(used, max(1, limit))
            row["low"] = Int(Double(limit) * 0.7)
            row["high"] = Int(Double(limit) * 0.9)
        }
        return row
    }

    /// `100 per minute · 1,000 per hour · 10,000 per day`.
    static func limitsSummary(_ policy: RateLimitPolicy) -> String { policy.summary }
}
