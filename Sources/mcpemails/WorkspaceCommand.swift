import Accounts
import App
import ArgumentParser
import Foundation
import Storage

/// `mcpemails workspace create|list|set-plan|delete`.
struct WorkspaceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace", abstract: "Manage workspaces.",
        subcommands: [Create.self, List.self, SetPlan.self, Delete.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a workspace.")
        @Option(help: "Workspace name.") var name: String
        @Option(help: "Plan: free, pro or enterprise.") var plan: String = "free"
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let plan = try Plan.parse(plan)
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw CommandFailure("--name must not be empty") }
            try await withStores(common) { stores in
                let workspace = try await stores.workspaces.create(name: name, plan: plan)
                let id = workspace.id.uuidString.lowercased()
                Output.print(json: common.json, ["id": id, "name": workspace.name, "plan": workspace.plan.rawValue],
                             text: "Created workspace \(id) (\(workspace.plan.rawValue))")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List workspaces.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withStores(common) { stores in
                let all = try await stores.workspaces.list()
                let rows: [[String: Any]] = all.map {
                    ["id": $0.id.uuidString.lowercased(), "name": $0.name, "plan": $0.plan.rawValue,
                     "created_at": Output.iso($0.createdAt)]
                }
                Output.print(json: common.json, ["workspaces": rows],
                             text: all.map { "\($0.id.uuidString.lowercased())  \($0.plan.rawValue)  \($0.name)" }.joined(separator: "\n"))
            }
        }
    }

    struct SetPlan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-plan", abstract: "Change a workspace's plan and custom limits.")
        @Argument(help: "Workspace id.") var id: String
        @Argument(help: "Plan: free, pro or enterprise.") var plan: String
        @Option(name: .customLong("send-quota"), help: "Custom sends per UTC day.") var sendQuota: Int?
        @Option(name: .customLong("monthly-calls"), help: "Custom tool calls per calendar month.") var monthlyCalls: Int?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            let plan = try Plan.parse(plan)
            guard let workspaceID = UUID(uuidString: id) else { throw CommandFailure("workspace id must be a UUID") }
            if let sendQuota, sendQuota < 0 { throw CommandFailure("--send-quota must be ≥ 0") }
            if let monthlyCalls, monthlyCalls < 0 { throw CommandFailure("--monthly-calls must be ≥ 0") }
            try await withStores(common) { stores in
                guard let workspace = try await stores.workspaces.setPlan(
                    id: workspaceID, plan: plan, sendQuota: sendQuota, monthlyCalls: monthlyCalls) else {
                    throw CommandFailure("no workspace \(id)")
                }
                Output.print(json: common.json, ["id": workspace.id.uuidString.lowercased(), "plan": workspace.plan.rawValue,
                                                 "send_quota": workspace.sendQuotaOverride as Any? ?? NSNull(),
                                                 "monthly_calls": workspace.monthlyCallQuotaOverride as Any? ?? NSNull()],
                             text: "Workspace \(id) is on \(plan.rawValue)")
            }
        }
    }
}

extension WorkspaceCommand {
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a workspace and everything in it (keys, inboxes and their credentials, users, sends, audit log).",
            discussion: "Cannot be undone. A running server refuses the workspace's keys from their next request; "
                + "its open mail connections close at their next use or idle timeout.")
        @Argument(help: "Workspace id.") var id: String
        @Flag(help: "Confirm the deletion (required).") var yes = false
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let workspaceID = UUID(uuidString: id) else { throw CommandFailure("workspace id must be a UUID") }
            guard yes else { throw CommandFailure("this deletes the workspace and all its data; repeat with --yes to confirm") }
            try await withStores(common) { stores in
                guard let inboxes = try await stores.workspaces.delete(id: workspaceID) else { throw CommandFailure("no workspace \(id)") }
                Output.print(json: common.json, ["id": workspaceID.uuidString.lowercased(), "deleted": true, "inboxes": inboxes.count],
                             text: "Deleted workspace \(id) and its \(inboxes.count) inbox(es)")
            }
        }
    }
}

/// Opens storage for one admin command and closes it afterwards.
func withStores(_ common: CommonOptions, _ body: (Stores) async throws -> Void) async throws {
    let configuration = try common.configuration()
    var logger = Output.logger(level: .warning)
    logger.logLevel = .warning
    let stores = try await openStores(configuration: configuration, logger: logger)
    do {
        try await body(stores)
    } catch {
        await stores.shutdown()
        throw error
    }
    await stores.shutdown()
}
