import Foundation
import Testing

/// The admin CLI against the same database, with `--json`.
@Suite("Admin CLI")
struct CLITests {
    @Test("workspace, key, inbox and audit commands", arguments: DatabaseKind.allCases)
    func adminFlow(_ kind: DatabaseKind) async throws {
        let env = ["MCPEMAILS_DATABASE_URL": try await kind.makeFreshDatabase(),
                   "MCPEMAILS_MASTER_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()]
        let workspace = try await Executable.json(["workspace", "create", "--name", "Acme", "--plan", "pro"], environment: env)
        let workspaceID = try #require(workspace["id"] as? String)
        #expect(UUID(uuidString: workspaceID) != nil)
        #expect(workspace["plan"] as? String == "pro")

        let key = try await Executable.json(["key", "create", "--workspace", workspaceID, "--name", "agent", "--scopes", "read:email,send:email"], environment: env)
        let secret = try #require(key["key"] as? String)
        let keyID = try #require(key["id"] as? String)
        #expect(secret.hasPrefix("mcpe_live_") && secret.count == 42)
        #expect(secret.dropFirst(10).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })

        let listed = try await Executable.run(["key", "list", "--workspace", workspaceID, "--json"], environment: env)
        #expect(listed.status == 0)
        #expect(listed.output.contains(keyID))
        #expect(!listed.output.contains(secret), "key list must never show the key")

        let badScope = try await Executable.run(["key", "create", "--workspace", workspaceID, "--name", "x", "--scopes", "admin"], environment: env)
        #expect(badScope.status != 0)
        #expect(badScope.error.contains("admin"))

        let revoked = try await Executable.json(["key", "revoke", keyID], environment: env)
        #expect(revoked["revoked"] as? Bool == true)
        let again = try await Executable.run(["key", "list", "--workspace", workspaceID, "--json"], environment: env)
        #expect(again.output.contains("revoked_at"))

        let inboxes = try await Executable.json(["inbox", "list", "--workspace", workspaceID], environment: env)
        #expect((inboxes["inboxes"] as? [Any])?.isEmpty == true)
        let audit = try await Executable.json(["audit", "--workspace", workspaceID, "--limit", "5"], environment: env)
        #expect(audit["entries"] is [Any])
        let plan = try await Executable.json(["workspace", "set-plan", workspaceID, "enterprise", "--send-quota", "5000"], environment: env)
        #expect(plan["send_quota"] as? Int == 5000)

        let unconfirmed = try await Executable.run(["workspace", "delete", workspaceID], environment: env)
        #expect(unconfirmed.status != 0 && unconfirmed.error.contains("--yes"))
        let deleted = try await Executable.json(["workspace", "delete", workspaceID, "--yes"], environment: env)
        #expect(deleted["deleted"] as? Bool == true)
        let remaining = try await Executable.run(["workspace", "list", "--json"], environment: env)
        #expect(!remaining.output.contains(workspaceID))
        #expect(try await Executable.run(["workspace", "delete", workspaceID, "--yes"], environment: env).status != 0)
    }
}
