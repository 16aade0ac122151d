import Foundation

/// Reads the files of a SQLite database that this process has open, without touching SQLite's locks.
///
/// POSIX advisory locks belong to the process, and closing *any* descriptor of a file releases all of the
/// process's locks on it. Reading `db.sqlite-shm` in-process (`FileManager.contents`) therefore silently
/// dropped the lock that tells other processes the WAL index is in use; the next process to open the
/// database (the `sqlite3` CLI in a dump test) then took it for abandoned and truncated it under this
/// process's live mapping, and a write here died with SIGBUS in `walFindFrame`. A child process's open and
/// close leave this process's locks alone, so the bytes are read by `cat`.
public enum LockSafeRead {
    /// The file's bytes, or nil when it does not exist.
    public static func contents(atPath path: String) async throws -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let result = try await ChildProcess.run("/bin/cat", [path], standardError: .null, timeout: .seconds(60))
        return result.status == 0 ? result.standardOutput : nil
    }
}
