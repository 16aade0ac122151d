import Foundation

/// Where the data lives, parsed from `MCPEMAILS_DATABASE_URL`.
///
///     (unset or empty)                    → SQLite ./mcpemails.sqlite
///     /var/lib/mcpemails/db.sqlite        → SQLite at that path
///     sqlite:///var/lib/mcpemails/db.sqlite → the same
///     postgres://user:pass@host:5432/db   → PostgreSQL (also postgresql://; ?sslmode=disable|prefer|require)
public enum DatabaseLocation: Hashable, Sendable {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresEndpoint)

    /// The default SQLite file, relative to the working directory.
    public static let defaultSQLitePath = "./mcpemails.sqlite"

    /// Parses a database URL (see the type's documentation for the accepted forms).
    public static func parse(_ url: String?) throws(StorageError) -> DatabaseLocation {
        let text = (url ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .sqlite(path: defaultSQLitePath) }
        let lower = text.lowercased()
        if lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") {
            return .postgres(try PostgresEndpoint.parse(text))
        }
        if lower.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw StorageError(.invalidDatabaseURL) }
            return .sqlite(path: path)
        }
        if lower.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StorageError(.invalidDatabaseURL) }
            return .sqlite(path: path)
        }
        if text.contains("://") { throw StorageError(.invalidDatabaseURL) }
        return .sqlite(path: text)
    }

    /// The conventional master key file for this location: next to a SQLite file, with the
    /// extension `.masterkey` (`./mcpemails.sqlite` → `./mcpemails.masterkey`); `nil` for PostgreSQL,
    /// where `MCPEMAILS_MASTER_KEY` should be set instead.
    public var defaultKeyFilePath: String? {
        guard case .sqlite(let path) = self else { return nil }
        let url = URL(fileURLWithPath: path)
        let base = url.pathExtension.isEmpty ? url : url.deletingPathExtension()
        return base.path + ".masterkey"
    }
}

/// A parsed `postgres://` URL. `description` hides the password.
public struct PostgresEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// How to use TLS towards the server.
    public enum TLSMode: String, Hashable, Sendable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it (with full verification), else plain.
        case prefer
        /// TLS required, fully verified.
        case require
    }

    /// Server host name or address.
    public var host: String
    /// Server port (default 5432).
    public var port: Int
    /// Role name.
    public var username: String
    /// Role password, if any.
    public var password: String?
    /// Database name (default: the role's name).
    public var database: String
    /// TLS mode from `sslmode`/`tlsmode` (default `prefer`).
    public var tls: TLSMode

    /// Parses `postgres://user:pass@host:port/db?sslmode=…`.
    public static func parse(_ text: String) throws(StorageError) -> PostgresEndpoint {
        guard let parts = URLComponents(string: text), let host = parts.host, !host.isEmpty,
              let user = parts.user, !user.isEmpty else {
            throw StorageError(.invalidDatabaseURL, detail: "postgres URL needs user and host")
        }
        var tls = TLSMode.prefer
        for item in parts.queryItems ?? [] where ["sslmode", "tlsmode", "ssl", "tls"].contains(item.name.lowercased()) {
            switch (item.value ?? "").lowercased() {
            case "disable", "false": tls = .disable
            case "prefer", "allow", "true": tls = .prefer
            case "require", "verify-ca", "verify-full": tls = .require
            default: throw StorageError(.invalidDatabaseURL, detail: "unknown sslmode")
            }
        }
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        return PostgresEndpoint(
            host: host, port: parts.port ?? 5432, username: user, password: parts.password,
            database: path.isEmpty ? user : path, tls: tls)
    }

    public var description: String {
        "postgres://\(username)@\(host):\(port)/\(database)"
    }
}
