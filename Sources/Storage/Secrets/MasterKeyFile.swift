import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default's master key file: base64 of 32 random bytes, mode 0600, next to the
/// SQLite database (e.g. `./mcpemails.masterkey`).
///
/// Created atomically: the key is written and synced to a private temporary file which is then
/// hard-linked into place, so a concurrent starter either wins or reads the winner's complete key.
/// A key file that group or others can access is refused.
public enum MasterKeyFile {
    /// The key in the file at `path`, creating the file on first use.
    public static func loadOrCreate(path: String) throws(StorageError) -> [UInt8] {
        if let key = try load(path: path) { return key }
        try create(path: path)
        guard let key = try load(path: path) else { throw StorageError(.keyFileUnusable, detail: path) }
        return key
    }

    /// The key in the file, or `nil` if there is no file.
    static func load(path: String) throws(StorageError) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw StorageError(.keyFileUnusable, detail: path)
        }
        guard info.st_mode & 0o077 == 0 else { throw StorageError(.keyFileTooOpen, detail: path) }
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw StorageError(.keyFileUnusable, detail: path)
        }
        do {
            return try SecretBox.decodeKey(text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw StorageError(.keyFileUnusable, detail: "\(path) does not hold base64 of 32 bytes")
        }
    }

    /// Writes a fresh key to `path` unless the file appears meanwhile.
    static func create(path: String) throws(StorageError) {
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        let content = Array((key.base64EncodedString() + "\n").utf8)
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw StorageError(.keyFileUnusable, detail: "cannot create \(temporary)") }
        defer { unlink(temporary) }
        let written = content.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fchmod(fd, 0o600) == 0 && fsync(fd) == 0
        close(fd)
        guard written == content.count, synced else { throw StorageError(.keyFileUnusable, detail: "cannot write \(temporary)") }
        if link(temporary, path) != 0, errno != EEXIST {
            throw StorageError(.keyFileUnusable, detail: "cannot create \(path)")
        }
    }
}
