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

/// Runs a command and returns its exit status and output.
///
/// The wait happens on a Dispatch thread, never on Swift's cooperative pool: a test blocking a pool thread
/// while the child talks to the in-process server (which needs that pool) would deadlock a 2-core machine.
enum Shell {
    struct Failure: Error, CustomStringConvertible { let message: String; var description: String { message } }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String], stdin: String? = nil,
                    environment: [String: String]? = nil) async throws -> (status: Int32, output: String, error: String) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(executable, arguments, stdin: stdin, environment: environment) })
            }
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], stdin: String?,
                                    environment: [String: String]?) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let errorData = ErrorCollector(err.fileHandleForReading)
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: errorData.wait(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output, error)
    }

    /// Drains stderr on its own thread so a chatty child cannot fill the pipe while stdout is read.
    private final class ErrorCollector: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            DispatchQueue.global().async {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }
        }
        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
