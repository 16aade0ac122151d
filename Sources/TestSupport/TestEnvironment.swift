import Foundation

/// Reads the services that `scripts/test` started (see `scripts/services/*.sh`) from the environment.
///
/// A test that needs a service calls `TestEnvironment.require("NAME")`. When the variable is missing the
/// test fails with a message naming it, unless `MCPEMAILS_TEST_ALLOW_SKIP=1` (never set in CI), in which
/// case `TestEnvironment.Missing` is thrown and the caller may treat it as a skip.
public enum TestEnvironment {
    /// Thrown when a required variable is absent.
    public struct Missing: Error, CustomStringConvertible {
        public let variable: String
        public let skipAllowed: Bool
        public var description: String {
            "\(variable) is not set: run the tests through scripts/test, which starts the services they need"
        }
    }

    /// The value of `name`, or `Missing`.
    public static func require(_ name: String) throws -> String {
        if let value = ProcessInfo.processInfo.environment[name], !value.isEmpty { return value }
        throw Missing(variable: name, skipAllowed: skipAllowed)
    }

    /// The value of `name` if set.
    public static func optional(_ name: String) -> String? {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Whether a missing service may be skipped (`MCPEMAILS_TEST_ALLOW_SKIP=1`; never in CI).
    public static var skipAllowed: Bool {
        ProcessInfo.processInfo.environment["MCPEMAILS_TEST_ALLOW_SKIP"] == "1"
    }

    /// `MCPEMAILS_TEST_POSTGRES_URL`.
    public static func postgresURL() throws -> String { try require("MCPEMAILS_TEST_POSTGRES_URL") }
}
