import App
import ArgumentParser
import Foundation

/// `mcpemails`: the server and its admin commands. Every admin command works against the same database
/// whether or not the server runs, and prints one JSON object with `--json`.
@main
struct MCPEmailsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcpemails",
        abstract: "An email inbox for AI agents over the Model Context Protocol.",
        subcommands: [ServeCommand.self, WorkspaceCommand.self, KeyCommand.self, InboxCommand.self, AuditCommand.self],
        defaultSubcommand: ServeCommand.self)
}

/// Options shared by admin commands.
struct CommonOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "Database URL (default: MCPEMAILS_DATABASE_URL, else ./mcpemails.sqlite).")
    var databaseURL: String?

    @Flag(help: "Print one JSON object.")
    var json = false

    func configuration() throws -> AppConfiguration {
        var configuration = try AppConfiguration.fromEnvironment()
        if let databaseURL { configuration.databaseURL = databaseURL }
        return configuration
    }
}
