import Accounts
import App
import ArgumentParser
import Foundation

/// `mcpemails key create|list|revoke`.
struct KeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key. The key is shown only once.")
        @Option(help: "Workspace id.") var workspace: String
        @Option(help: "Key name.") var name: String
        @Option(help: "Comma-separated scopes: read:email,send:email.") var scopes: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let workspaceID = UUID(uuidString: workspace) else { throw CommandFailure("--workspace must be a UUID") }
            let parsed = try Scope.parseList(scopes)
            try await withStores(common) { stores in
                guard try await stores.workspaces.get(id: workspaceID) != nil else { throw CommandFailure("no workspace \(workspace)") }
                let (key, secret) = try await stores.apiKeys.create(workspaceID: workspaceID, name: name, scopes: parsed)
                let id = key.id.uuidString.lowercased()
                Output.print(json: common.json,
                             ["id": id, "key": secret, "name": key.name, "prefix": key.prefix,
                              "scopes": key.scopes.map(\.rawValue).sorted()],
                             text: "Created key \(id)\n\(secret)\nStore it now: it is not shown again.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a workspace's API keys (never the keys themselves).")
        @Option(help: "Workspace id.") var workspace: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let workspaceID = UUID(uuidString: workspace) else { throw CommandFailure("--workspace must be a UUID") }
            try await withStores(common) { stores in
                let keys = try await stores.apiKeys.list(workspaceID: workspaceID)
                let rows: [[String: Any]] = keys.map {
                    ["id": $0.id.uuidString.lowercased(), "name": $0.name, "prefix": $0.prefix,
                     "scopes": $0.scopes.map(\.rawValue).sorted(), "created_at": Output.iso($0.createdAt),
                     "last_used_at": Output.iso($0.lastUsedAt), "revoked_at": Output.iso($0.revokedAt)]
                }
                let text = keys.map {
                    "\($0.id.uuidString.lowercased())  \($0.prefix)…  \($0.scopes.map(\.rawValue).sorted().joined(separator: ","))  \($0.name)\($0.isRevoked ? "  (revoked)" : "")"
                }.joined(separator: "\n")
                Output.print(json: common.json, ["keys": rows], text: text)
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key; effective on the next request.")
        @Argument(help: "Key id.") var id: String
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let keyID = UUID(uuidString: id) else { throw CommandFailure("key id must be a UUID") }
            try await withStores(common) { stores in
                guard try await stores.apiKeys.revoke(id: keyID, workspaceID: nil, at: Date()) else {
                    throw CommandFailure("no active key \(id)")
                }
                Output.print(json: common.json, ["id": id.lowercased(), "revoked": true], text: "Revoked key \(id)")
            }
        }
    }
}
