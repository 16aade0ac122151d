/// The one error type of the `Storage` module: a public struct over a code enum (STYLE §3).
///
/// `description` never contains secrets, connection passwords, credentials or plaintext.
public struct StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Code: String, Hashable, Sendable {
        /// `MCPEMAILS_DATABASE_URL` is not a SQLite path or a `postgres://` URL.
        case invalidDatabaseURL
        /// `MCPEMAILS_MASTER_KEY` is not base64 of exactly 32 bytes.
        case invalidMasterKey
        /// The master key file could not be read, created or parsed.
        case keyFileUnusable
        /// The master key file is readable by group or others.
        case keyFileTooOpen
        /// A sealed value could not be opened: wrong master key, wrong context, or tampered data.
        case decryptionFailed
        /// The database was migrated by a newer build than this one.
        case schemaTooNew
        /// A stored value could not be decoded (corrupted row or incompatible schema).
        case corruptRow
        /// The database was shut down.
        case shutDown
        /// A single-use form token was already used by another workspace.
        case tokenReused
    }

    /// The failure kind.
    public let code: Code
    /// Safe detail (a path, a version number, a column name).
    public let detail: String?

    /// Creates an error.
    public init(_ code: Code, detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        let text: String
        switch code {
        case .invalidDatabaseURL: text = "invalid database URL (use a SQLite path, sqlite:///path or postgres://user:pass@host:port/db)"
        case .invalidMasterKey: text = "MCPEMAILS_MASTER_KEY must be the base64 encoding of exactly 32 bytes (e.g. `openssl rand -base64 32`)"
        case .keyFileUnusable: text = "master key file unusable"
        case .keyFileTooOpen: text = "master key file is accessible by group or others; run chmod 600 on it"
        case .decryptionFailed: text = "stored secret could not be decrypted (wrong master key or tampered data)"
        case .schemaTooNew: text = "database schema is newer than this build; upgrade mcpemails"
        case .corruptRow: text = "stored row could not be decoded"
        case .shutDown: text = "database is shut down"
        case .tokenReused: text = "this form was already used elsewhere; reload it"
        }
        guard let detail else { return text }
        return "\(text): \(detail)"
    }
}
