import Foundation

/// The built `mcpemails` executable (built by `swift build --build-tests` next to the test bundle).
enum Executable {
    static var path: String {
        let bundle = Bundle.main.bundleURL.deletingLastPathComponent()
        for candidate in [bundle.appendingPathComponent("mcpemails"),
                          bundle.deletingLastPathComponent().appendingPathComponent("mcpemails")] {
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/mcpemails").path
    }

    /// Runs `mcpemails` with arguments and returns parsed JSON stdout (commands get `--json`).
    static func json(_ arguments: [String], environment: [String: String], stdin: String? = nil) async throws -> [String: Any] {
        let result = try await run(arguments + ["--json"], environment: environment, stdin: stdin)
        guard result.status == 0 else {
            throw Shell.Failure(message: "mcpemails \(arguments.joined(separator: " ")) exited \(result.status): \(result.error)")
        }
        return (try JSONSerialization.jsonObject(with: Data(result.output.utf8))) as? [String: Any] ?? [:]
    }

    static func run(_ arguments: [String], environment: [String: String], stdin: String? = nil) async throws -> (status: Int32, output: String, error: String) {
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        return try await Shell.run(path, arguments, stdin: stdin, environment: env)
    }
}
