import Foundation
import Testing
import TestSupport

/// The two storage backends every service test runs on.
enum DatabaseKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A fresh, empty database of this kind; returns its URL.
    func makeFreshDatabase() async throws -> String {
        switch self {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mcpemails-apptests")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            return dir.appendingPathComponent("\(UUID().uuidString).sqlite").path
        case .postgres:
            return try await PostgresTestDatabase.create().url
        }
    }
}

/// Runs a command and returns its exit status and output (through `ChildProcess`: the pipes are drained
/// and the child reaped on threads of their own, never on Swift's cooperative pool, which the in-process
/// server the child may talk to needs).
enum Shell {
    struct Failure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil,
                    environment: [String: String]? = nil) async throws -> (status: Int32, output: String, error: String) {
        let result = try await ChildProcess.run(executable, arguments, input: Data((stdin ?? "").utf8),
                                                environment: environment, timeout: .seconds(300))
        return (result.status, result.outputText, result.errorText)
    }
}
