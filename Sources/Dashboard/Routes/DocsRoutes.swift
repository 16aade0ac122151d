import Accounts
import Hummingbird

/// `GET /docs`: the tool reference and error codes. Public: signed-out visitors see it too.
struct DocsRoutes {
    let gate: Gate
    var env: DashboardEnvironment { gate.env }

    func register<Context: DashboardRequestContext>(on router: Router<Context>) {
        router.get("/docs") { request, _ in
            let signedIn = try await gate.signedIn(request)
            let plans = env.configuration.plans
            let page = Page("docs", title: "Tool reference", section: .docs, data: [
                "endpoint": env.configuration.endpointURL,
                "tools": env.toolReference.templateData,
                "errors": ErrorCodeReference.rows,
                "limitsSummary": UsageRoutes.limitsSummary(env.configuration.rateLimits),
                "sendQuotas": Plan.allCases.map { "\(Display.limit(plans.limits(for: $0).sendsPerDay)) (\($0.rawValue.capitalized))" }.joined(separator: " · "),
                "callQuotas": Plan.allCases.map { "\(Display.limit(plans.limits(for: $0).callsPerMonth)) (\($0.rawValue.capitalized))" }.joined(separator: " · "),
            ])
            return env.renderer.response(page, signedIn: signedIn)
        }
    }
}
