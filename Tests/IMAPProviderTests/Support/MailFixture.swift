import Foundation
import IMAP
import IMAPProvider
import Logging
import MailCore
import NIOCore
import TestSupport
import Testing

/// The Dovecot + Postfix of `scripts/services/mail.sh`, fresh users, and a provider per user.
struct MailFixture {
    let server: MailTestServer

    /// The server from the environment; `nil` only when variables are missing and
    /// `MCPEMAILS_TEST_ALLOW_SKIP=1` (never in CI). Otherwise a missing variable fails the test.
    static func make() throws -> MailFixture? {
        do {
            return MailFixture(server: try MailTestServer.fromEnvironment())
        } catch let missing as TestEnvironment.Missing where missing.skipAllowed {
            return nil
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "imap-provider-tests")
        logger.logLevel = ProcessInfo.processInfo.environment["MCPEMAILS_TEST_IMAP_TRACE"] == "1" ? .trace : .error
        return logger
    }

    /// A fresh address in the test domain.
    func newUser(_ prefix: String = "user") -> String { server.uniqueAddress(prefix) }

    /// Settings for `user` over STARTTLS (IMAP and SMTP) trusting the test CA.
    func settings(for user: String, saveSentCopy: Bool? = nil, maxConnections: Int = 4) throws -> IMAPAccountSettings {
        IMAPAccountSettings(
            email: user, username: user,
            imapHost: server.host, imapPort: server.imapPort, imapSecurity: .starttls,
            smtpHost: server.host, smtpPort: server.smtpPort, smtpSecurity: .starttls,
            trustedCAPEM: try server.tlsCAPEM(), saveSentCopy: saveSentCopy, maxConnections: maxConnections)
    }

    /// A provider for `user` (STARTTLS unless `settings` is given).
    func provider(for user: String, settings: IMAPAccountSettings? = nil,
                  searchDeadline: Duration = .seconds(30)) throws -> IMAPMailProvider {
        try IMAPMailProvider(settings: settings ?? self.settings(for: user), credentials: .password(server.password),
                             searchDeadline: searchDeadline, logger: Self.logger)
    }

    /// A raw logged-in IMAP connection for `user` (for seeding and checking).
    func connection(for user: String) async throws -> IMAPConnection {
        let connection = try await IMAPConnection.connect(
            host: server.host, port: server.imapPort, security: .startTLS,
            tls: IMAPTLSOptions(additionalTrustedCA: .pemFile(server.tlsCAPath)), timeout: .seconds(20),
            options: .init(commandTimeout: .seconds(20)), logger: Self.logger)
        try await connection.login(username: user, password: server.password)
        return connection
    }

    /// Appends raw messages to `mailbox` of `user`; returns their UIDs.
    @discardableResult
    func append(_ messages: [[UInt8]], to mailbox: String = "INBOX", for user: String,
                flags: [Flag] = [], date: InternalDate? = nil) async throws -> [UID] {
        let connection = try await connection(for: user)
        var uids: [UID] = []
        for message in messages {
            let name = await connection.mailboxName(mailbox)
            if let uid = try await connection.append(mailbox: name, message: message, flags: flags, date: date) { uids.append(uid) }
        }
        await connection.logout()
        return uids
    }

    /// Flags of every message in `mailbox`, by UID.
    func flags(in mailbox: String = "INBOX", for user: String) async throws -> [UID: [Flag]] {
        let connection = try await connection(for: user)
        try await connection.select(mailbox, readOnly: true)
        let fetches = try await connection.uidFetch(.all, attributes: [.uid, .flags])
        await connection.logout()
        var result: [UID: [Flag]] = [:]
        for fetch in fetches { if let uid = fetch.uid { result[uid] = fetch.flags ?? [] } }
        return result
    }

    /// Raw messages in `mailbox` of `user`, polling (bounded: `attempts` × 250 ms) until `count` exist.
    func waitForMessages(in mailbox: String = "INBOX", for user: String, count: Int = 1,
                         attempts: Int = 80) async throws -> [[UInt8]] {
        let connection = try await connection(for: user)
        defer { Task { await connection.logout() } }
        for _ in 0..<attempts {
            let name = await connection.mailboxName(mailbox)
            let status = try await connection.status(name, items: [.messages])
            if Int(status.messages ?? 0) >= count {
                try await connection.select(mailbox, readOnly: true)
                let fetches = try await connection.uidFetch(.all, attributes: [.uid, .body(section: .complete, peek: true)])
                return fetches.compactMap { $0.section(.complete)?.data.map { Array($0.readableBytesView) } }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        Issue.record("no message arrived in \(mailbox) for the test user within \(attempts / 4) s")
        return []
    }
}

/// Small RFC 5322 messages for seeding.
enum TestMessage {
    /// A text/plain UTF-8 message.
    static func plain(subject: String, body: String = "Hello there.", from: String = "Alice Example <alice@example.org>",
                      to: String = "Bob <bob@example.net>", cc: String? = nil, messageID: String? = nil,
                      extraHeaders: [String] = [], date: String = "Tue, 03 Mar 2026 10:00:00 +0000") -> [UInt8] {
        var lines = ["From: \(from)", "To: \(to)"]
        if let cc { lines.append("Cc: \(cc)") }
        lines += ["Subject: \(subject)", "Date: \(date)", "Message-ID: \(messageID ?? "<\(UUID().uuidString)@example.org>")",
                  "MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit"]
        lines += extraHeaders
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n" + body.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n").utf8)
    }

    /// Headers (CRLF-joined, with a blank line after) followed by `body` bytes as they are.
    static func raw(headers: [String], body: [UInt8]) -> [UInt8] {
        Array((headers.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }
}

extension MailError {
    /// Whether `error` is a `MailError` with `code`.
    static func matches(_ error: any Error, _ code: MailError.Code) -> Bool {
        (error as? MailError)?.code == code
    }
}
