import IMAP
import Logging
import MailCore
import SMTP

/// A `MailProvider` for any mailbox reachable over IMAP (RFC 3501 / 9051) and SMTP submission (RFC 6409).
///
/// - One ``IMAPConnectionPool`` per inbox: connections open on first use, are reused across calls,
///   bounded by ``IMAPAccountSettings/maxConnections``, closed after the idle timeout, checked with NOOP
///   after a pause, and replaced after a drop. Read-only operations are marked idempotent, so a
///   connection dropped mid-response is retried once on a fresh connection within the same call.
/// - One ``SMTPSessionPool`` per inbox for sends: authenticated sessions are reused (checked with `RSET`
///   first), at most ``IMAPAccountSettings/maxConnections`` at once, at most two idle for at most 60 s.
/// - Folders: `INBOX`, `SENT`, `DRAFTS`, `TRASH` through SPECIAL-USE or common names (``FolderDirectory``);
///   the LIST result is cached for a minute.
/// - Message ids are opaque (`i1.…`, see `MessageLocator`): mailbox, UIDVALIDITY and UID. A stale
///   UIDVALIDITY, a vanished UID or a malformed id is `MailError(.messageNotFound)`.
/// - Reading never changes flags (`BODY.PEEK`), except `mark_as_read`.
/// - Every error is thrown as `MailError` (see `ErrorMapping`).
///
/// ```swift
/// let provider = try IMAPMailProvider(settings: settings, credentials: .password(secret), logger: logger)
/// let page = try await provider.list(ListRequest(limit: 20))
/// await provider.shutdown()
/// ```
public final class IMAPMailProvider: MailProvider {
    /// The account's settings.
    public let settings: IMAPAccountSettings
    /// The inbox's own addresses: the account's email address (and the display name, if given).
    public let ownAddresses: [EmailAddress]

    let connector: ServerConnector
    let pool: IMAPConnectionPool
    /// Authenticated SMTP sessions reused across sends.
    let smtpSessions: SMTPSessionPool
    let folders: FolderCache
    let logger: Logger
    /// Overall time limit of one `search` (the seed's 30 s).
    let searchDeadline: Duration

    /// Creates a provider for one inbox. No connection is made until the first call.
    ///
    /// - Parameters:
    ///   - settings: validated here (``IMAPAccountError`` when invalid).
    ///   - credentials: the password or XOAUTH2 access token.
    ///   - displayName: shown in `ownAddresses` (From name comes from the message being sent).
    ///   - tokenSource: for XOAUTH2 inboxes, a source of fresh access tokens (used instead of the stored one).
    ///   - searchDeadline: overall limit of a search; default 30 s.
    public init(
        settings: IMAPAccountSettings, credentials: IMAPCredentials, displayName: String? = nil,
        tokenSource: (any AccessTokenSource)? = nil, searchDeadline: Duration = .seconds(30), logger: Logger
    ) throws(IMAPAccountError) {
        try settings.validate()
        var logger = logger
        logger[metadataKey: "imap.account"] = "\(settings.imapHost)"
        self.settings = settings
        self.ownAddresses = [EmailAddress(name: displayName, address: settings.email)]
        self.logger = logger
        self.searchDeadline = searchDeadline
        let connector = ServerConnector(settings: settings, credentials: credentials, tokenSource: tokenSource, logger: logger)
        self.connector = connector
        self.folders = FolderCache()
        // A connection idle for 15 s gets a NOOP first: long enough that a busy agent pays no extra round
        // trip, short enough to catch connections silently dropped by NAT or the server's idle logout.
        let configuration = IMAPConnectionPool.Configuration(
            maxConnections: settings.maxConnections, idleTimeout: .seconds(settings.idleTimeoutSeconds),
            healthCheckAfter: .seconds(15), acquireTimeout: .seconds(settings.commandTimeoutSeconds))
        self.pool = IMAPConnectionPool(configuration: configuration, logger: logger) {
            try await connector.openIMAP()
        }
        // Idle SMTP sessions live 60 s: servers end idle sessions after 5 minutes (RFC 5321 §4.5.3.2.7),
        // some much sooner, and a burst of sends is what reuse is for. A caller may wait for a session as
        // long as two commands may take.
        let smtpConfiguration = SMTPSessionPool.Configuration(
            maxSessions: settings.maxConnections, maxIdleSessions: 2, idleLifetime: .seconds(60),
            acquireTimeout: .seconds(2 * settings.commandTimeoutSeconds))
        self.smtpSessions = SMTPSessionPool(configuration: smtpConfiguration, logger: logger) {
            try await connector.openSMTP()
        }
    }

    /// Pool counters (connections created, idle, leased…), for metrics and tests.
    public func poolStatistics() async -> IMAPConnectionPool.Statistics {
        await pool.statistics
    }

    /// SMTP session pool counters (sessions opened, reused, idle…), for metrics and tests.
    public func smtpStatistics() async -> SMTPSessionPool.Statistics {
        await smtpSessions.statistics
    }

    /// Logs out every pooled IMAP connection and QUITs every idle SMTP session.
    public func shutdown() async {
        await smtpSessions.shutdown()
        await pool.shutdown()
    }

    // MARK: Shared steps

    /// Runs `body` on a pooled connection, mapping every failure to `MailError`.
    func withConnection<Result: Sendable>(
        idempotent: Bool, during operation: ErrorMapping.Operation = .mailbox, preferring mailbox: MailboxName? = nil,
        _ body: (IMAPConnection) async throws -> Result
    ) async throws(MailError) -> Result {
        do {
            return try await pool.withConnection(idempotent: idempotent, preferring: mailbox) { connection in
                do {
                    return try await body(connection)
                } catch let error as IMAPError where Task.isCancelled {
                    // A command cancelled by a deadline closes its connection; that must not look like a
                    // dropped connection, or the pool would retry the cancelled work on a new one.
                    logger.debug("IMAP operation cancelled", metadata: ["error": "\(error)"])
                    throw CancellationError()
                }
            }
        } catch {
            let mapped = ErrorMapping.mailError(error, during: operation)
            if mapped.code != .messageNotFound && mapped.code != .folderNotFound && mapped.code != .invalidQuery {
                logger.debug("IMAP operation failed", metadata: ["error": "\(error)"])
            }
            throw mapped
        }
    }

    /// The mailbox for `folder` (LIST cached), or `MailError(.folderNotFound)`.
    func resolve(_ folder: Folder, on connection: IMAPConnection) async throws -> (MailboxInfo, FolderDirectory) {
        let directory = try await folders.directory(using: connection)
        guard let mailbox = directory.mailbox(for: folder) else {
            throw MailError(.folderNotFound, detail: "no folder named \(folder.displayName.debugDescription)")
        }
        return (mailbox, directory)
    }

    /// `UID SEARCH` that sees mail delivered since the mailbox was selected.
    ///
    /// Servers search the session's view of the mailbox and report new arrivals (`* n EXISTS`) or
    /// removals (`EXPUNGE`) in the answer (Dovecot does so at the end of the command). When the answer
    /// changed the view, the search runs once more, so a list right after a delivery is never one behind;
    /// in the common case this costs nothing.
    static func freshSearch(_ key: SearchKey, on connection: IMAPConnection) async throws -> [UID] {
        let before = await (connection.selectedMailbox?.exists, connection.expungedSinceSelect)
        let uids = try await connection.uidSearch(key)
        let after = await (connection.selectedMailbox?.exists, connection.expungedSinceSelect)
        guard before != after else { return uids }
        return try await connection.uidSearch(key)
    }

    /// Selects `mailbox` unless already selected; a refused SELECT means the folder is gone.
    func select(_ mailbox: MailboxName, on connection: IMAPConnection, missing: MailError) async throws -> SelectedMailbox {
        do {
            return try await connection.selectIfNeeded(mailbox)
        } catch let error as IMAPError where error.code == .commandRejected {
            folders.invalidate()
            throw missing
        }
    }
}
