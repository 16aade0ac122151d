import IMAP
import Logging
import NIOCore
import Synchronization
import TestSupport
import Testing

/// Protocol traces at trace level: complete enough to debug, never containing credentials.
@Suite("Dovecot: protocol trace", .timeLimit(.minutes(1)))
struct TraceIntegrationTests {
    @Test("LOGIN and AUTHENTICATE arguments are redacted in the trace; message bodies are not logged")
    func redaction() async throws {
        guard let server = try Dovecot.server() else { return }
        let lines = LogLines()
        var logger = Logger(label: "trace-test") { _ in CapturingLogHandler(lines: lines) }
        logger.logLevel = .trace
        let user = server.uniqueAddress("trace")
        let login = try await IMAPConnection.connect(host: server.host, port: server.imapsPort, security: .tls,
                                                     tls: Dovecot.tls(server), logger: logger)
        try await login.login(username: user, password: server.password)
        try await login.append(mailbox: .inbox, message: Dovecot.message(subject: "secret subject", body: "secret body"))
        try await login.select(.inbox)
        _ = try await login.uidFetch(.all, attributes: [.body(section: .complete, peek: true)])
        await login.logout()
        let plain = try await IMAPConnection.connect(host: server.host, port: server.imapsPort, security: .tls,
                                                     tls: Dovecot.tls(server), logger: logger)
        try await plain.authenticatePlain(username: user, password: server.password)
        await plain.logout()

        let all = lines.all
        #expect(all.contains { $0.contains("C: A") && $0.contains("LOGIN <redacted> <redacted>") })
        #expect(all.contains { $0.contains("AUTHENTICATE PLAIN <redacted>") })
        #expect(all.contains { $0.contains("S: ") && $0.contains("OK") })
        #expect(!all.contains { $0.contains(server.password) })
        #expect(!all.contains { $0.contains("secret body") || $0.contains("secret subject") })
    }
}

/// Log lines collected from any thread.
final class LogLines: Sendable {
    private let storage = Mutex<[String]>([])
    func append(_ line: String) { storage.withLock { $0.append(line) } }
    var all: [String] { storage.withLock { $0 } }
}

/// A LogHandler that records every message with its metadata.
struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append("\(event.message) \(event.metadata ?? [:])")
    }
}
