import Accounts
import Foundation
import Logging
import Storage

/// Everything an operator can set, read from the environment (and overridden by `serve` flags).
///
/// | Variable | Default |
/// |---|---|
/// | `MCPEMAILS_HOST`, `MCPEMAILS_PORT` | `127.0.0.1`, `8080` |
/// | `MCPEMAILS_DATABASE_URL` | unset → SQLite `./mcpemails.sqlite`; `postgres://…` → PostgreSQL |
/// | `MCPEMAILS_MASTER_KEY` | unset → key file next to the SQLite database (`<db>.masterkey`, mode 0600) |
/// | `MCPEMAILS_PUBLIC_URL` | `http://<host>:<port>` |
/// | `MCPEMAILS_ALLOWED_ORIGINS` | the public URL's origin |
/// | `MCPEMAILS_RATE_LIMITS` | `100/60,1000/3600,10000/86400` (LIMIT/SECONDS windows per key) |
/// | `MCPEMAILS_{FREE,PRO,ENTERPRISE}_SENDS_PER_DAY` | 200, 2000, unlimited (`unlimited` or a number) |
/// | `MCPEMAILS_{FREE,PRO,ENTERPRISE}_CALLS_PER_MONTH` | 100, unlimited, unlimited |
/// | `MCPEMAILS_MAX_BODY_CHARS` | 100000 (read_email text cut with a marker) |
/// | `MCPEMAILS_LOG_LEVEL` | `info` |
/// | `MCPEMAILS_BCRYPT_COST` | 12 (dashboard passwords; 10…31) |
/// | `MCPEMAILS_AUDIT_RETENTION_DAYS` | 90 (audit entries older are deleted hourly; at least 31) |
/// | `MCPEMAILS_TRUSTED_PROXIES` | none (comma-separated addresses or CIDR blocks whose `X-Forwarded-For` is believed) |
public struct AppConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    public var databaseURL: String?
    public var masterKeyBase64: String?
    public var publicURL: String?
    public var allowedOrigins: Set<String>?
    public var rateLimits: RateLimitPolicy = .standard
    public var plans: PlanCatalog = .standard
    public var maximumBodyCharacters: Int = 100_000
    public var logLevel: Logger.Level = .info
    /// Largest accepted request body: 10 MB of attachments base64-encoded plus the rest of the message.
    public var maximumRequestBytes: Int = 20 * 1024 * 1024
    /// Google and Microsoft OAuth clients (`MCPEMAILS_GOOGLE_*`, `MCPEMAILS_MICROSOFT_*`).
    public var oauth = OAuthProviderSettings()
    /// bcrypt cost of dashboard passwords (`MCPEMAILS_BCRYPT_COST`, at least 10; tests set lower in code).
    public var bcryptCost: UInt8 = 12
    /// Days of audit entries kept (`MCPEMAILS_AUDIT_RETENTION_DAYS`, at least 31: Usage charts 30 days).
    public var auditRetentionDays = 90
    /// Reverse proxies whose `X-Forwarded-For` names the client (`MCPEMAILS_TRUSTED_PROXIES`); none by default.
    var trustedProxies: [IPAddressRange] = []

    /// What housekeeping keeps: the audit retention and the longest rate window.
    public var retention: RetentionPolicy {
        RetentionPolicy(auditDays: auditRetentionDays, rateWindowSeconds: rateLimits.longestWindowSeconds)
    }

    public init() {}

    /// Reads the `MCPEMAILS_*` variables; malformed values are errors naming the variable.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var config = AppConfiguration()
        func value(_ name: String) -> String? {
            guard let v = env[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        if let host = value("MCPEMAILS_HOST") { config.host = host }
        if let port = value("MCPEMAILS_PORT") {
            guard let number = Int(port), (0...65535).contains(number) else { throw ConfigurationError("MCPEMAILS_PORT", "must be a port number") }
            config.port = number
        }
        config.databaseURL = value("MCPEMAILS_DATABASE_URL")
        config.masterKeyBase64 = value("MCPEMAILS_MASTER_KEY")
        config.publicURL = value("MCPEMAILS_PUBLIC_URL")
        if let origins = value("MCPEMAILS_ALLOWED_ORIGINS") {
            config.allowedOrigins = Set(origins.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        if let limits = value("MCPEMAILS_RATE_LIMITS") {
            do { config.rateLimits = try RateLimitPolicy.parse(limits) } catch {
                throw ConfigurationError("MCPEMAILS_RATE_LIMITS", "must look like 100/60,1000/3600 (\(error))")
            }
        }
        config.plans = try planCatalog(value)
        config.oauth = try OAuthProviderSettings.fromEnvironment(env)
        if let chars = value("MCPEMAILS_MAX_BODY_CHARS") {
            guard let number = Int(chars), number >= 1_000 else { throw ConfigurationError("MCPEMAILS_MAX_BODY_CHARS", "must be a number ≥ 1000") }
            config.maximumBodyCharacters = number
        }
        if let cost = value("MCPEMAILS_BCRYPT_COST") {
            guard let number = UInt8(cost), (10...31).contains(number) else {
                throw ConfigurationError("MCPEMAILS_BCRYPT_COST", "must be a number from 10 to 31")
            }
            config.bcryptCost = number
        }
        if let days = value("MCPEMAILS_AUDIT_RETENTION_DAYS") {
            guard let number = Int(days), number >= RetentionPolicy.minimumAuditDays, number <= 36_500 else {
                throw ConfigurationError("MCPEMAILS_AUDIT_RETENTION_DAYS", "must be a number of days from 31 to 36500")
            }
            config.auditRetentionDays = number
        }
        if let proxies = value("MCPEMAILS_TRUSTED_PROXIES") {
            config.trustedProxies = try proxies.split(separator: ",").map { item in
                guard let range = IPAddressRange(item) else {
                    throw ConfigurationError("MCPEMAILS_TRUSTED_PROXIES", "\"\(item.trimmingCharacters(in: .whitespaces))\" is not an IP address or CIDR block")
                }
                return range
            }
        }
        if let level = value("MCPEMAILS_LOG_LEVEL") {
            guard let parsed = Logger.Level(rawValue: level.lowercased()) else {
                throw ConfigurationError("MCPEMAILS_LOG_LEVEL", "must be trace, debug, info, notice, warning, error or critical")
            }
            config.logLevel = parsed
        }
        return config
    }

    private static func planCatalog(_ value: (String) -> String?) throws -> PlanCatalog {
        var catalog = PlanCatalog.standard
        func limit(_ name: String, _ current: Int?) throws -> Int? {
            guard let text = value(name) else { return current }
            if text.lowercased() == "unlimited" { return nil }
            guard let number = Int(text), number >= 0 else { throw ConfigurationError(name, "must be a number or 'unlimited'") }
            return number
        }
        catalog.free.sendsPerDay = try limit("MCPEMAILS_FREE_SENDS_PER_DAY", catalog.free.sendsPerDay)
        catalog.free.callsPerMonth = try limit("MCPEMAILS_FREE_CALLS_PER_MONTH", catalog.free.callsPerMonth)
        catalog.pro.sendsPerDay = try limit("MCPEMAILS_PRO_SENDS_PER_DAY", catalog.pro.sendsPerDay)
        catalog.pro.callsPerMonth = try limit("MCPEMAILS_PRO_CALLS_PER_MONTH", catalog.pro.callsPerMonth)
        catalog.enterprise.sendsPerDay = try limit("MCPEMAILS_ENTERPRISE_SENDS_PER_DAY", catalog.enterprise.sendsPerDay)
        catalog.enterprise.callsPerMonth = try limit("MCPEMAILS_ENTERPRISE_CALLS_PER_MONTH", catalog.enterprise.callsPerMonth)
        return catalog
    }

    /// The base URL users reach this server at.
    public var effectivePublicURL: String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "http://\(shownHost):\(port)"
    }

    /// Origins allowed to call `/mcp` from a browser.
    public var effectiveAllowedOrigins: Set<String> {
        allowedOrigins ?? [effectivePublicURL]
    }
}

/// A configuration value that cannot be used; names the variable.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let variable: String
    public let problem: String
    init(_ variable: String, _ problem: String) {
        self.variable = variable
        self.problem = problem
    }
    public var description: String { "\(variable) \(problem)" }
}
