import Accounts
import App
import ArgumentParser
import Foundation

/// `mcpemails inbox list|remove|add-imap`.
struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox", abstract: "Manage connected inboxes.", subcommands: [List.self, Remove.self, AddIMAP.self, ConnectGmail.self, ConnectOutlook.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's inboxes.")
        @Option(help: "Workspace id.") var workspace: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let workspaceID = UUID(uuidString: workspace) else { throw CommandFailure("--workspace must be a UUID") }
            try await withStores(common) { stores in
                let inboxes = try await stores.inboxes.list(workspaceID: workspaceID)
                let rows: [[String: Any]] = inboxes.map {
                    ["id": $0.id.uuidString.lowercased(), "provider": $0.provider.rawValue, "address": $0.address,
                     "status": $0.status.rawValue, "created_at": Output.iso($0.createdAt)]
                }
                let text = inboxes.map {
                    "\($0.id.uuidString.lowercased())  \($0.provider.rawValue)  \($0.status.rawValue)  \($0.address)"
                }.joined(separator: "\n")
                Output.print(json: common.json, ["inboxes": rows], text: text)
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an inbox and its stored credentials.")
        @Argument(help: "Inbox id.") var id: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let inboxID = UUID(uuidString: id) else { throw CommandFailure("inbox id must be a UUID") }
            try await withStores(common) { stores in
                guard try await stores.inboxes.remove(id: inboxID, workspaceID: nil) else { throw CommandFailure("no inbox \(id)") }
                Output.print(json: common.json, ["id": id.lowercased(), "removed": true], text: "Removed inbox \(id)")
            }
        }
    }
}
