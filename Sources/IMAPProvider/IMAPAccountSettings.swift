import Foundation

/// How a connection to the IMAP or SMTP server is protected (RFC 8314).
///
/// Stored as `tls`, `starttls` or `none`. ``none`` is only accepted for loopback hosts
/// (see ``IMAPAccountSettings/validate()``): credentials never travel in clear over a network.
public enum IMAPServerSecurity: String, Codable, Sendable, Hashable, CaseIterable {
    /// Implicit TLS from the first byte (IMAP 993, SMTP 465).
    case tls
    /// Plaintext connect upgraded with STARTTLS before anything else (IMAP 143, SMTP 587).
    case starttls
    /// No TLS: loopback servers only.
    case none
}

/// The non-secret settings of one IMAP/SMTP inbox: where the servers are and how to use them.
///
/// The lead stores these as the inbox's `settings` dictionary (``asDictionary()`` /
/// ``init(dictionary:)``) and the ``IMAPCredentials`` separately, encrypted.
///
/// ```swift
/// let settings = IMAPAccountSettings(
///     email: "agent@example.com", username: "agent@example.com",
///     imapHost: "imap.example.com", imapPort: 993, imapSecurity: .tls,
///     smtpHost: "smtp.example.com", smtpPort: 587, smtpSecurity: .starttls)
/// try settings.validate()
/// ```
public struct IMAPAccountSettings: Codable, Sendable, Hashable {
    /// The inbox's address, used as From and excluded from reply-all.
    public var email: String
    /// The login name on both servers (often the address).
    public var username: String
    /// IMAP server host name or IP address.
    public var imapHost: String
    /// IMAP server port.
    public var imapPort: Int
    /// IMAP transport security.
    public var imapSecurity: IMAPServerSecurity
    /// SMTP submission server host name or IP address.
    public var smtpHost: String
    /// SMTP submission port.
    public var smtpPort: Int
    /// SMTP transport security.
    public var smtpSecurity: IMAPServerSecurity
    /// PEM text (not a path) of an extra certificate authority to trust, for self-hosted servers.
    /// Certificates are always verified, including the host name.
    public var trustedCAPEM: String?
    /// Whether to append a copy of each sent message to the Sent folder. `nil` means automatic:
    /// yes, unless the SMTP host is known to file sent mail itself (Gmail, Outlook/Office 365).
    public var saveSentCopy: Bool?
    /// Most IMAP connections the inbox keeps open at once (1…16). Default 4.
    public var maxConnections: Int
    /// Seconds after which an idle IMAP connection is closed (10…3600). Default 300.
    public var idleTimeoutSeconds: Int
    /// Seconds any single IMAP command may take (5…300). Default 30.
    public var commandTimeoutSeconds: Int

    /// Creates settings; call ``validate()`` before use.
    public init(
        email: String, username: String,
        imapHost: String, imapPort: Int, imapSecurity: IMAPServerSecurity,
        smtpHost: String, smtpPort: Int, smtpSecurity: IMAPServerSecurity,
        trustedCAPEM: String? = nil, saveSentCopy: Bool? = nil,
        maxConnections: Int = 4, idleTimeoutSeconds: Int = 300, commandTimeoutSeconds: Int = 30
    ) {
        self.email = email
        self.username = username
        self.imapHost = imapHost
        self.imapPort = imapPort
        self.imapSecurity = imapSecurity
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.smtpSecurity = smtpSecurity
        self.trustedCAPEM = trustedCAPEM
        self.saveSentCopy = saveSentCopy
        self.maxConnections = maxConnections
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.commandTimeoutSeconds = commandTimeoutSeconds
    }

    /// Checks every field; throws ``IMAPAccountError`` (``IMAPAccountError/Kind/invalidSettings``)
    /// with a message naming the field.
    ///
    /// `none` security is refused unless the host is loopback (`127.0.0.0/8`, `::1`, `localhost`).
    public func validate() throws(IMAPAccountError) {
        guard AddressShape.looksLikeAddress(email) else { throw .invalidSettings("email is not an email address") }
        guard !username.isEmpty, !username.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw .invalidSettings("username is empty or contains control characters")
        }
        try Self.validateServer("IMAP", host: imapHost, port: imapPort, security: imapSecurity)
        try Self.validateServer("SMTP", host: smtpHost, port: smtpPort, security: smtpSecurity)
        if let pem = trustedCAPEM, !pem.contains("-----BEGIN CERTIFICATE-----") {
            throw .invalidSettings("the trusted CA is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)")
        }
        guard (1...16).contains(maxConnections) else { throw .invalidSettings("max connections must be 1…16") }
        guard (10...3600).contains(idleTimeoutSeconds) else { throw .invalidSettings("idle timeout must be 10…3600 s") }
        guard (5...300).contains(commandTimeoutSeconds) else { throw .invalidSettings("command timeout must be 5…300 s") }
    }

    private static func validateServer(
        _ name: String, host: String, port: Int, security: IMAPServerSecurity
    ) throws(IMAPAccountError) {
        guard HostName.isPlausible(host) else { throw .invalidSettings("\(name) host is not a host name or IP address") }
        guard (1...65535).contains(port) else { throw .invalidSettings("\(name) port must be 1…65535") }
        if security == .none && !HostName.isLoopback(host) {
            throw .invalidSettings("\(name) security 'none' is only allowed for a loopback host "
                                   + "(127.0.0.0/8, ::1, localhost); use tls or starttls")
        }
    }

    /// Whether a copy of each sent message goes to the Sent folder, resolving `nil` (automatic).
    public var savesSentCopy: Bool {
        if let saveSentCopy { return saveSentCopy }
        return !HostName.filesSentMailItself(smtpHost)
    }
}

/// Cheap shape checks for settings (full validation happens when connecting).
enum AddressShape {
    /// `local@domain` with no spaces or control characters.
    static func looksLikeAddress(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty } && value.count <= 254
            && !value.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F }
    }
}

/// Host name rules: plausibility, loopback, and providers that file sent mail themselves.
enum HostName {
    /// A DNS name, IPv4 or IPv6 literal: no spaces, controls, slashes or `@`, at most 253 octets.
    static func isPlausible(_ host: String) -> Bool {
        guard !host.isEmpty, host.utf8.count <= 253 else { return false }
        let forbidden: Set<Character> = [" ", "/", "\\", "@", "?", "#", "\"", "'", "<", ">"]
        return !host.contains { forbidden.contains($0) }
            && !host.unicodeScalars.contains { $0.value < 0x21 || $0.value == 0x7F }
    }

    /// Whether `host` is a loopback address: `127.0.0.0/8`, `::1` (any spelling), `localhost`.
    static func isLoopback(_ host: String) -> Bool {
        var name = host.lowercased()
        if name.hasPrefix("[") && name.hasSuffix("]") { name = String(name.dropFirst().dropLast()) }
        if name.hasSuffix(".") { name.removeLast() }
        if name == "localhost" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ $0.count <= 3 && UInt8($0) != nil }) {
            return octets[0] == "127"
        }
        if name.contains(":") {
            var address = in6_addr()
            guard inet_pton(AF_INET6, name, &address) == 1 else { return false }
            return withUnsafeBytes(of: &address) { bytes in bytes.dropLast().allSatisfy { $0 == 0 } && bytes.last == 1 }
        }
        return false
    }

    /// SMTP hosts of providers that store a copy of submitted mail in Sent themselves.
    static let selfFilingSuffixes = [
        "gmail.com", "googlemail.com", "google.com", "outlook.com", "office365.com", "hotmail.com", "live.com",
    ]

    /// Whether the SMTP host belongs to a provider that files sent mail itself.
    static func filesSentMailItself(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return selfFilingSuffixes.contains { name == $0 || name.hasSuffix("." + $0) }
    }
}
