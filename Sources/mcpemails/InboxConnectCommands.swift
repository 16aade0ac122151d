import Accounts
import App
import ArgumentParser
import Dashboard
import Foundation
import IMAPProvider
import Logging

extension InboxCommand {
    /// `mcpemails inbox add-imap`: logs in to both servers, then saves the inbox (nothing is saved on failure);
    /// the same ``IMAPInboxSetup`` as the dashboard's IMAP form.
    struct AddIMAP: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-imap", abstract: "Connect an IMAP/SMTP mailbox (logs in to both servers before saving).")
        @Option(help: "Workspace id.") var workspace: String
        @Option(help: "The mailbox's email address (used as From).") var email: String
        @Option(help: "Login name (often the email address).") var username: String
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.") var passwordStdin = false
        @Option(name: .customLong("imap-host")) var imapHost: String
        @Option(name: .customLong("imap-port")) var imapPort: Int = 993
        @Option(name: .customLong("imap-security"), help: "tls, starttls or none (none only for loopback hosts).") var imapSecurity: String = "tls"
        @Option(name: .customLong("smtp-host")) var smtpHost: String
        @Option(name: .customLong("smtp-port")) var smtpPort: Int = 587
        @Option(name: .customLong("smtp-security"), help: "tls, starttls or none (none only for loopback hosts).") var smtpSecurity: String = "starttls"
        @Option(name: .customLong("tls-ca"), help: "PEM file of an extra CA to trust (self-hosted servers).") var tlsCA: String?
        @Option(name: .customLong("max-connections"), help: "Most IMAP connections kept open per server instance, 1…16 (default 4).")
        var maxConnections: Int?
        @OptionGroup var common: CommonOptions

        func run() async throws {
            guard let workspaceID = UUID(uuidString: workspace) else { throw CommandFailure("--workspace must be a UUID") }
            guard passwordStdin else { throw CommandFailure("pass the password on standard input with --password-stdin") }
            let password = readPassword()
            guard !password.isEmpty else { throw CommandFailure("no password on standard input") }
            var pem: String?
            if let tlsCA {
                guard let data = FileManager.default.contents(atPath: tlsCA) else { throw CommandFailure("cannot read --tls-ca \(tlsCA)") }
                pem = String(decoding: data, as: UTF8.self)
            }
            let input = IMAPInboxInput(
                email: email, username: username, password: password, imapHost: imapHost, imapPort: imapPort,
                imapSecurity: imapSecurity, smtpHost: smtpHost, smtpPort: smtpPort, smtpSecurity: smtpSecurity, trustedCAPEM: pem,
                maxConnections: maxConnections)
            try await withStores(common) { stores in
                guard try await stores.workspaces.get(id: workspaceID) != nil else { throw CommandFailure("no workspace \(workspace)") }
                let inbox: Inbox
                do {
                    inbox = try await IMAPInboxSetup.connect(input, workspaceID: workspaceID, inboxes: stores.inboxes,
                                                             logger: Output.logger(level: .warning))
                } catch let error as IMAPAccountError {
                    throw CommandFailure("could not connect: \(error.message)")
                }
                let id = inbox.id.uuidString.lowercased()
                Output.print(json: common.json, ["id": id, "address": email, "provider": "imap"], text: "Connected inbox \(id)")
            }
        }

        private func readPassword() -> String {
            var text = ""
            while let line = readLine(strippingNewline: true) { text += text.isEmpty ? line : "\n" + line }
            return text
        }
    }

    /// `mcpemails inbox connect-gmail|connect-outlook`: prints the URL that starts the OAuth flow;
    /// the running server completes it at its callback.
    enum ConnectOAuth {
        static func run(provider: ProviderKind, workspace: String, common: CommonOptions) async throws {
            guard let workspaceID = UUID(uuidString: workspace) else { throw CommandFailure("--workspace must be a UUID") }
            let configuration = try common.configuration()
            let runtime = try await buildRuntime(configuration: configuration, logger: Output.logger(level: .warning), backends: [])
            do {
                let url = try await runtime.oauthFlow.start(workspaceID: workspaceID, provider: provider)
                Output.print(json: common.json, ["authorization_url": url.absoluteString, "expires_in": Int(OAuthConnectFlow.stateLifetime)],
                             text: "Open this URL in a browser within 10 minutes (the running server completes the connection):\n\(url.absoluteString)")
            } catch let failure as OAuthConnectFlow.Failure {
                await runtime.stores.shutdown()
                throw CommandFailure(failure.message)
            }
            await runtime.stores.shutdown()
        }
    }

    struct ConnectGmail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "connect-gmail", abstract: "Print the URL that connects a Gmail inbox (OAuth).")
        @Option(help: "Workspace id.") var workspace: String
        @OptionGroup var common: CommonOptions
        func run() async throws { try await ConnectOAuth.run(provider: .gmail, workspace: workspace, common: common) }
    }

    struct ConnectOutlook: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "connect-outlook", abstract: "Print the URL that connects an Outlook inbox (OAuth).")
        @Option(help: "Workspace id.") var workspace: String
        @OptionGroup var common: CommonOptions
        func run() async throws { try await ConnectOAuth.run(provider: .outlook, workspace: workspace, common: common) }
    }
}
