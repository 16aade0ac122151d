import Accounts
import Foundation
import Testing

@Suite("Scopes and plans")
struct ScopeAndPlanTests {
    static let lists: [(String, Set<Scope>)] = [
        ("read:email", [.readEmail]),
        ("send:email", [.sendEmail]),
        ("read:email,send:email", [.readEmail, .sendEmail]),
        (" send:email , read:email ,", [.readEmail, .sendEmail]),
        ("READ:EMAIL,read:email", [.readEmail]),
    ]

    @Test("scope lists parse, trimming spaces and collapsing duplicates", arguments: lists)
    func parse(text: String, expected: Set<Scope>) throws {
        #expect(try Scope.parseList(text) == expected)
    }

    @Test("bad scope lists fail with an error naming the token")
    func parseErrors() {
        #expect(throws: AccountsError(.emptyScopeList)) { try Scope.parseList("") }
        #expect(throws: AccountsError(.emptyScopeList)) { try Scope.parseList(" , ") }
        #expect(throws: AccountsError(.unknownScope, detail: "write:email")) { try Scope.parseList("read:email,write:email") }
        let error = AccountsError(.unknownScope, detail: "admin")
        #expect(error.description.contains("\"admin\""))
        #expect(error.description.contains("read:email"))
    }

    @Test("scope lists format canonically")
    func format() {
        #expect(Scope.formatList([.sendEmail, .readEmail]) == "read:email,send:email")
    }

    @Test("plan names parse")
    func planParse() throws {
        #expect(try Plan.parse(" Pro ") == .pro)
        #expect(throws: AccountsError(.unknownPlan, detail: "gold")) { try Plan.parse("gold") }
    }

    @Test("default plan limits match the product page")
    func defaults() {
        let catalog = PlanCatalog.standard
        #expect(catalog.limits(for: Plan.free) == PlanLimits(sendsPerDay: 200, callsPerMonth: 100))
        #expect(catalog.limits(for: Plan.pro) == PlanLimits(sendsPerDay: 2_000, callsPerMonth: nil))
        #expect(catalog.limits(for: Plan.enterprise) == .unlimited)
    }

    @Test("workspace overrides win over the plan; operators can change the plans")
    func overrides() {
        var workspace = Workspace(id: UUID(), name: "w", plan: .enterprise, createdAt: Date())
        #expect(PlanCatalog.standard.limits(for: workspace) == .unlimited)
        workspace.sendQuotaOverride = 50_000
        workspace.monthlyCallQuotaOverride = 1_000_000
        #expect(PlanCatalog.standard.limits(for: workspace) == PlanLimits(sendsPerDay: 50_000, callsPerMonth: 1_000_000))
        workspace.plan = .free
        workspace.monthlyCallQuotaOverride = nil
        #expect(PlanCatalog.standard.limits(for: workspace) == PlanLimits(sendsPerDay: 50_000, callsPerMonth: 100))
        let custom = PlanCatalog(free: PlanLimits(sendsPerDay: 10, callsPerMonth: nil))
        workspace.sendQuotaOverride = nil
        #expect(custom.limits(for: workspace) == PlanLimits(sendsPerDay: 10, callsPerMonth: nil))
        #expect(custom.pro == PlanCatalog.standard.pro)
    }
}
