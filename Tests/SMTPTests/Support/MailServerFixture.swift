import Foundation
import Logging
import SMTP
import Synchronization
import TestSupport

/// The mail server from `scripts/services/mail.sh`, and helpers to talk to it.
enum MailServerFixture {
    /// The server, or `nil` when it is missing and `MCPEMAILS_TEST_ALLOW_SKIP=1`; otherwise a missing variable
    /// fails the test with a message naming it.
    static func server() throws -> MailTestServer? {
        do {
            return try MailTestServer.fromEnvironment()
        } catch let missing as TestEnvironment.Missing where missing.skipAllowed {
            return nil
        }
    }

    /// Options for `security`, trusting the test CA unless `trustCA` is false; short timeouts.
    static func options(
        _ server: MailTestServer, _ security: SMTPSecurity, trustCA: Bool = true, timeout: Duration = .seconds(20)
    ) throws -> SMTPConnectionOptions {
        SMTPConnectionOptions(
            security: security, additionalTrustRootsPEM: trustCA ? try server.tlsCAPEM() : nil,
            timeouts: .uniform(timeout))
    }

    /// A small RFC 5322 message with CRLF line endings.
    static func message(from: String, to: [String], subject: String, body: String) -> [UInt8] {
        let headers = [
            "From: \(from)", "To: \(to.joined(separator: ", "))", "Subject: \(subject)",
            "Message-ID: <\(UUID().uuidString)@mcpemails.test>", "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
        ]
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }
}

/// A `LogHandler` that keeps every message, to check what traces contain.
struct CapturingLogHandler: LogHandler {
    final class Store: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        store.append(event.message.description)
    }

    /// A trace-level logger writing into a new store.
    static func logger() -> (Logger, Store) {
        let store = Store()
        var logger = Logger(label: "smtp-test") { _ in CapturingLogHandler(store: store) }
        logger.logLevel = .trace
        return (logger, store)
    }
}
