import Foundation
import TestSupport

/// Runs headless Chromium on a local page and returns the DOM it ends up with (`--dump-dom`).
///
/// The binary comes from `MCPEMAILS_TEST_CHROMIUM` (default `/usr/bin/chromium`, installed by
/// `scripts/install-deps`). Each run is bounded twice: Chromium's own `--timeout` and a watchdog that
/// kills the process after `killAfter` seconds.
struct ChromiumRunner {
    struct Unavailable: Error, CustomStringConvertible {
        var path: String
        var description: String {
            "Chromium not found at \(path): install it (scripts/install-deps installs the Debian package `chromium`) or set MCPEMAILS_TEST_CHROMIUM"
        }
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    let binary: String
    var killAfter = 30
    /// Virtual milliseconds Chromium lets timers run before dumping.
    var virtualTimeBudget = 3000

    /// The configured binary, or `Unavailable` when it is not executable.
    static func locate() throws -> ChromiumRunner {
        let path = TestEnvironment.optional("MCPEMAILS_TEST_CHROMIUM") ?? "/usr/bin/chromium"
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Unavailable(path: path) }
        return ChromiumRunner(binary: path)
    }

    /// Loads `html` from a temporary file and returns the serialized DOM after scripts ran.
    func dumpDOM(of html: String) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mcpemails-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("page.html")
        try Data(html.utf8).write(to: page)
        let outputURL = directory.appendingPathComponent("dom.html")
        let result = try await ChildProcess.run(binary, [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--disable-dev-shm-usage", "--timeout=10000",
            "--virtual-time-budget=\(virtualTimeBudget)", "--user-data-dir=\(directory.appendingPathComponent("profile").path)",
            "--dump-dom", page.absoluteString,
        ], standardOutput: .file(outputURL.path), standardError: .null, timeout: .seconds(killAfter))
        let dom = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        guard !dom.isEmpty else { throw Failed(description: "Chromium exited with status \(result.status) and no DOM") }
        return dom
    }
}
