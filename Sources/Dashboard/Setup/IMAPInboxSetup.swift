import Accounts
import Foundation
import IMAPProvider
import Logging

/// What a person types to connect an IMAP/SMTP mailbox (the dashboard form and `inbox add-imap`).
/// One username and password serve both servers.
public struct IMAPInboxInput: Sendable {
    /// The mailbox address (used as From).
    public var email: String
    /// The login name on both servers.
    public var username: String
    /// The password or app password for both servers.
    public var password: String
    /// IMAP server host.
    public var imapHost: String
    /// IMAP server port.
    public var imapPort: Int
    /// `tls`, `starttls` or `none` (loopback only).
    public var imapSecurity: String
    /// SMTP submission host.
    public var smtpHost: String
    /// SMTP submission port.
    public var smtpPort: Int
    /// `tls`, `starttls` or `none` (loopback only).
    public var smtpSecurity: String
    /// PEM text of an extra CA to trust (self-hosted servers), or `nil`.
    public var trustedCAPEM: String?
    /// Most IMAP connections kept open at once (1…16), or `nil` for the default (4).
    public var maxConnections: Int?

    /// Creates an input value.
    public init(email: String, username: String, password: String, imapHost: String, imapPort: Int, imapSecurity: String,
                smtpHost: String, smtpPort: Int, smtpSecurity: String, trustedCAPEM: String? = nil, maxConnections: Int? = nil) {
        self.maxConnections = maxConnections
        self.email = email
        self.username = username
        self.password = password
        self.imapHost = imapHost
        self.imapPort = imapPort
        self.imapSecurity = imapSecurity
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.smtpSecurity = smtpSecurity
        self.trustedCAPEM = trustedCAPEM
    }
}

/// Connecting an IMAP/SMTP inbox, shared by the dashboard and the CLI: parse and validate the
/// settings, log in to both servers (``IMAPAccountVerifier``), and only then save. Nothing is saved
/// when anything fails; the error carries the server's own answer and never the password.
public enum IMAPInboxSetup {
    /// Validates `input` and logs in to both servers.
    public static func verify(_ input: IMAPInboxInput, logger: Logger) async throws(IMAPAccountError)
        -> (settings: IMAPAccountSettings, credentials: IMAPCredentials, verified: VerifiedAccount) {
        guard let imapSecurity = IMAPServerSecurity(rawValue: input.imapSecurity.lowercased()),
              let smtpSecurity = IMAPServerSecurity(rawValue: input.smtpSecurity.lowercased()) else {
            throw IMAPAccountError(.invalidSettings, message: "Invalid IMAP account settings: security must be tls, starttls or none.")
        }
        let pem = input.trustedCAPEM?.trimmingCharacters(in: .whitespacesAndNewlines)
        var settings = IMAPAccountSettings(
            email: input.email, username: input.username, imapHost: input.imapHost, imapPort: input.imapPort,
            imapSecurity: imapSecurity, smtpHost: input.smtpHost, smtpPort: input.smtpPort, smtpSecurity: smtpSecurity,
            trustedCAPEM: pem?.isEmpty == false ? pem : nil)
        if let maxConnections = input.maxConnections { settings.maxConnections = maxConnections }
        let credentials = IMAPCredentials.password(input.password)
        let verified = try await IMAPAccountVerifier.verify(settings: settings, credentials: credentials, logger: logger)
        return (settings, credentials, verified)
    }

    /// Verifies `input`, then creates the inbox in `workspaceID`.
    public static func connect(_ input: IMAPInboxInput, workspaceID: UUID, inboxes: any InboxRepository,
                               logger: Logger) async throws -> Inbox {
        let (settings, credentials, _) = try await verify(input, logger: logger)
        return try await inboxes.create(
            workspaceID: workspaceID, provider: .imap, address: settings.email, displayName: nil,
            settings: settings.asDictionary(), credentials: credentials.encoded())
    }

    /// Verifies `input` (its address must stay the inbox's), then stores the new settings and
    /// password on `inbox` and makes it active again. The inbox keeps its id.
    public static func reconnect(_ input: IMAPInboxInput, inbox: Inbox, inboxes: any InboxRepository,
                                 logger: Logger) async throws -> Inbox {
        var input = input
        input.email = inbox.address
        let (settings, credentials, _) = try await verify(input, logger: logger)
        _ = try await inboxes.update(inboxID: inbox.id, displayName: inbox.displayName, settings: settings.asDictionary())
        _ = try await inboxes.updateCredentials(inboxID: inbox.id, credentials: credentials.encoded())
        _ = try await inboxes.setStatus(inboxID: inbox.id, status: .active)
        var updated = inbox
        updated.settings = settings.asDictionary()
        updated.status = .active
        return updated
    }
}
