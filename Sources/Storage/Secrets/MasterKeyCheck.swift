import Foundation
import SQLKit

/// Detects a wrong master key at start-up instead of at the first credential read.
///
/// The first start seals a fixed marker under the key into `settings.master_key_check`; later starts
/// must be able to open it. Insert-if-absent followed by a read keeps concurrent first starts
/// consistent (both end up checking the winner's marker).
enum MasterKeyCheck {
    static let settingName = "master_key_check"
    static let marker = Array("mcpemails master key check".utf8)
    static let context = "settings:master_key_check"

    static func verify(_ box: SecretBox, executor: any SQLExecutor) async throws {
        let candidate = try box.seal(marker, context: context)
        let stored = try await executor.write { db in
            try await db.raw("""
                INSERT INTO settings (name, value) VALUES (\(bind: settingName), \(bind: candidate))
                ON CONFLICT (name) DO NOTHING
                """).run()
            return try await db.raw("SELECT value FROM settings WHERE name = \(bind: settingName)")
                .first().map { try $0.string("value") }
        }
        guard let stored else { throw StorageError(.corruptRow, detail: settingName) }
        do {
            guard try box.open(stored, context: context) == marker else { throw StorageError(.decryptionFailed) }
        } catch {
            throw StorageError(.decryptionFailed, detail: "the master key does not match the one this database was created with")
        }
    }
}
