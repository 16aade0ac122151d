import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `mcpemails serve`: runs the HTTP server until SIGINT/SIGTERM, finishing in-flight requests.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the MCPEmails server.")

    @Option(help: "Address to listen on (default: MCPEMAILS_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default: MCPEMAILS_PORT or 8080).")
    var port: Int?

    @Option(name: .customLong("database-url"), help: "Database URL (default: MCPEMAILS_DATABASE_URL, else ./mcpemails.sqlite).")
    var databaseURL: String?

    func run() async throws {
        var configuration = try AppConfiguration.fromEnvironment()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let databaseURL { configuration.databaseURL = databaseURL }
        let logger = Output.logger(level: configuration.logLevel)
        let publicURL = configuration.effectivePublicURL
        let app = try await buildApplication(
            configuration: configuration, logger: logger,
            onServerRunning: { port in
                logger.notice("mcpemails listening", metadata: ["url": "\(publicURL)/mcp", "port": "\(port)"])
            })
        try await app.runService()
    }
}
