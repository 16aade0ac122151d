import Foundation

/// Starts child processes one at a time, process-wide.
///
/// Foundation's `Process.run()` on Linux crashed the test process ("bad pointer dereference" in a `memcpy`
/// inside `run()`) when many tests launched `psql` at the same moment from different threads; launching is
/// a few milliseconds, so serializing it costs nothing measurable. Waiting for the children stays parallel.
public enum ProcessLauncher {
    private static let lock = NSLock()

    /// Runs `process.run()` under the launch lock.
    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
