import Foundation
import Logging
import Storage
import Testing
import TestSupport

/// `mcpemails inbox add-imap` logs in to both servers before saving, and saves nothing on failure.
@Suite("inbox add-imap")
struct AddIMAPCommandTests {
    @Test("good credentials save the inbox; a wrong password or port is refused with a clear message and saves nothing")
    func addIMAP() async throws {
        let mail = try MailTestServer.fromEnvironment()
        let env = ["MCPEMAILS_DATABASE_URL": try await DatabaseKind.sqlite.makeFreshDatabase(),
                   "MCPEMAILS_MASTER_KEY": Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()]
        let workspace = try await Executable.json(["workspace", "create", "--name", "IMAP"], environment: env)
        let workspaceID = try #require(workspace["id"] as? String)
        let address = mail.uniqueAddress("cli")
        func arguments(imapPort: Int, extra: [String] = []) -> [String] {
            ["inbox", "add-imap", "--workspace", workspaceID, "--email", address, "--username", address, "--password-stdin",
             "--imap-host", mail.host, "--imap-port", String(imapPort), "--imap-security", "starttls",
             "--smtp-host", mail.host, "--smtp-port", String(mail.smtpPort), "--smtp-security", "starttls",
             "--tls-ca", mail.tlsCAPath, "--json"] + extra
        }
        let wrong = try await Executable.run(arguments(imapPort: mail.imapPort), environment: env, stdin: "not-the-password")
        #expect(wrong.status != 0)
        #expect(wrong.error.contains("could not connect"), "\(wrong.error)")
        #expect(!wrong.error.contains("not-the-password"))
        let closedPort = try await Executable.run(arguments(imapPort: 1), environment: env, stdin: mail.password)
        #expect(closedPort.status != 0)
        let tooMany = try await Executable.run(arguments(imapPort: mail.imapPort, extra: ["--max-connections", "40"]),
                                               environment: env, stdin: mail.password)
        #expect(tooMany.status != 0 && tooMany.error.contains("1…16"), "\(tooMany.error)")
        var listed = try await Executable.json(["inbox", "list", "--workspace", workspaceID], environment: env)
        #expect((listed["inboxes"] as? [Any])?.isEmpty == true, "nothing is saved after a failed connect")

        let added = try await Executable.run(arguments(imapPort: mail.imapPort, extra: ["--max-connections", "2"]),
                                             environment: env, stdin: mail.password)
        #expect(added.status == 0, "\(added.error)")
        let id = (try JSONSerialization.jsonObject(with: Data(added.output.utf8)) as? [String: Any])?["id"] as? String
        #expect(id.flatMap(UUID.init(uuidString:)) != nil)
        listed = try await Executable.json(["inbox", "list", "--workspace", workspaceID], environment: env)
        #expect((listed["inboxes"] as? [[String: Any]])?.first?["address"] as? String == address)
        let stores = try await Stores.open(databaseURL: env["MCPEMAILS_DATABASE_URL"], masterKeyBase64: env["MCPEMAILS_MASTER_KEY"],
                                           logger: Logger(label: "t"))
        let saved = try await stores.inboxes.list(workspaceID: try #require(UUID(uuidString: workspaceID))).first
        await stores.shutdown()
        #expect(saved?.settings["imap.max_connections"] == "2")

        let plain = try await Executable.run(["inbox", "add-imap", "--workspace", workspaceID, "--email", address, "--username", address,
                                        "--password-stdin", "--imap-host", "imap.example.com", "--imap-security", "none",
                                        "--smtp-host", "smtp.example.com"], environment: env, stdin: "x")
        #expect(plain.status != 0)
        #expect(plain.error.contains("loopback"), "\(plain.error)")
    }
}
