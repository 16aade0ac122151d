import IMAP
import Logging
import NIOCore
import Testing

/// Connection behaviour against a scripted server: unsolicited BYE, SASL error challenges,
/// PREAUTH, refused greetings, garbage, split and unsolicited FETCH data.
@Suite("IMAPConnection against a scripted server", .timeLimit(.minutes(1)))
struct ScriptedServerTests {
    static let logger = Logger(label: "scripted")

    static func connect(_ server: ScriptedServer) async throws -> IMAPConnection {
        try await IMAPConnection.connect(host: "127.0.0.1", port: server.port, security: .none,
                                         timeout: .seconds(10), options: .init(commandTimeout: .seconds(10)), logger: logger)
    }

    static let greeting = "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2 ESEARCH] ready\r\n"

    @Test("an unsolicited BYE fails the command with the server's text and marks the connection closed")
    func bye() async throws {
        let server = try await ScriptedServer.start(greeting: Self.greeting) { line in
            let tag = ScriptedServer.tag(line)
            if line.contains("LOGIN") { return .send("\(tag) OK [CAPABILITY IMAP4rev1] done\r\n") }
            return .sendAndClose("* BYE Server shutting down for maintenance\r\n")
        }
        let connection = try await Self.connect(server)
        try await connection.login(username: "u", password: "p")
        let error = await #expect(throws: IMAPError.self) { try await connection.noop() }
        #expect(error?.code == .connectionClosed)
        #expect(error?.serverText == "Server shutting down for maintenance")
        #expect(await connection.serverBye?.text == "Server shutting down for maintenance")
        #expect(await connection.isClosed)
        try await server.shutdown()
    }

    @Test("XOAUTH2: an error challenge is answered with an empty line, then AUTHENTICATIONFAILED")
    func xoauth2Failure() async throws {
        let server = try await ScriptedServer.start(greeting: Self.greeting) { line in
            if line.contains("AUTHENTICATE XOAUTH2 ") {
                return .send("+ eyJzdGF0dXMiOiI0MDAiLCJzY2hlbWVzIjoiQmVhcmVyIn0=\r\n")
            }
            if line.isEmpty { return .send("A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n") }
            return .send("\(ScriptedServer.tag(line)) BAD unexpected\r\n")
        }
        let connection = try await Self.connect(server)
        let error = await #expect(throws: IMAPError.self) {
            try await connection.authenticateXOAUTH2(user: "me@gmail.com", accessToken: "ya29.secret-token")
        }
        #expect(error?.code == .authenticationFailed)
        #expect(error?.serverText == "Invalid credentials (Failure)")
        #expect(error.map { !$0.description.contains("ya29") } ?? false)
        #expect(server.lines.first?.hasPrefix("A1 AUTHENTICATE XOAUTH2 ") == true)
        #expect(server.lines.last == "")
        #expect(await !connection.isClosed)
        try await server.shutdown()
    }

    @Test("PREAUTH greeting means authenticated; capabilities are asked for when the greeting has none")
    func preauth() async throws {
        let server = try await ScriptedServer.start(greeting: "* PREAUTH welcome back\r\n") { line in
            .send("* CAPABILITY IMAP4rev1 IDLE\r\n\(ScriptedServer.tag(line)) OK done\r\n")
        }
        let connection = try await Self.connect(server)
        #expect(await connection.isAuthenticated)
        #expect(await connection.capabilities == [.imap4rev1, .idle])
        #expect(server.lines == ["A1 CAPABILITY"])
        await connection.close()
        try await server.shutdown()
    }

    @Test("a BYE greeting fails the connect with the server's text")
    func byeGreeting() async throws {
        let server = try await ScriptedServer.start(greeting: "* BYE Too many connections from your IP\r\n") { _ in .nothing }
        let error = await #expect(throws: IMAPError.self) { _ = try await Self.connect(server) }
        #expect(error?.code == .connectionClosed)
        #expect(error?.serverText == "Too many connections from your IP")
        try await server.shutdown()
    }

    @Test("garbage from the server is a malformed response and closes the connection")
    func garbage() async throws {
        let server = try await ScriptedServer.start(greeting: Self.greeting) { _ in .send("* 1 FETCH (UID \r\n") }
        let connection = try await Self.connect(server)
        let error = await #expect(throws: IMAPError.self) { try await connection.noop() }
        #expect(error?.code == .malformedResponse)
        #expect(await connection.isClosed)
        try await server.shutdown()
    }

    @Test("split FETCH data merges; unsolicited FETCH for other messages is dropped; ESEARCH is used")
    func fetchAndSearch() async throws {
        let server = try await ScriptedServer.start(greeting: Self.greeting) { line in
            let tag = ScriptedServer.tag(line)
            if line.contains("UID FETCH") {
                return .send("* 1 FETCH (UID 10 FLAGS (\\Seen))\r\n* 2 FETCH (FLAGS (\\Deleted))\r\n"
                             + "* 1 FETCH (UID 10 RFC822.SIZE 99)\r\n* 3 FETCH (UID 12 RFC822.SIZE 5)\r\n\(tag) OK done\r\n")
            }
            if line.contains("UID SEARCH RETURN (ALL) UNSEEN") {
                return .send("* ESEARCH (TAG \"\(tag)\") UID ALL 10,12:13\r\n\(tag) OK done\r\n")
            }
            return .send("\(tag) BAD what\r\n")
        }
        let connection = try await Self.connect(server)
        let fetched = try await connection.uidFetch(UIDSet([UID(10), UID(12)]), attributes: [.flags, .rfc822Size])
        #expect(fetched.map(\.uid) == [UID(10), UID(12)])
        #expect(fetched.first?.flags == [.seen])
        #expect(fetched.first?.rfc822Size == 99)
        #expect(try await connection.uidSearch(.unseen) == [UID(10), UID(12), UID(13)])
        #expect(server.lines.first == "A1 UID FETCH 10,12 (UID FLAGS RFC822.SIZE)")
        await connection.close()
        try await server.shutdown()
    }

    @Test("concurrent calls on one connection run one after another")
    func serialized() async throws {
        let server = try await ScriptedServer.start(greeting: Self.greeting) { line in
            .send("\(ScriptedServer.tag(line)) OK done\r\n")
        }
        let connection = try await Self.connect(server)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { try await connection.noop() } }
            try await group.waitForAll()
        }
        #expect(server.lines.count == 10)
        #expect(Set(server.lines).count == 10, "every command got its own tag")
        await connection.close()
        try await server.shutdown()
    }

    @Test("STARTTLS refused: the connect fails with tlsFailure and the server's text, never plaintext")
    func startTLSRefused() async throws {
        let server = try await ScriptedServer.start(greeting: "* OK ready\r\n") { line in
            .send("\(ScriptedServer.tag(line)) BAD Unknown command\r\n")
        }
        let error = await #expect(throws: IMAPError.self) {
            _ = try await IMAPConnection.connect(host: "127.0.0.1", port: server.port, security: .startTLS,
                                                 timeout: .seconds(10), logger: Self.logger)
        }
        #expect(error?.code == .tlsFailure)
        #expect(error?.serverText == "Unknown command")
        #expect(server.lines == ["S0 STARTTLS"])
        try await server.shutdown()
    }

    @Test("STARTTLS response injection: data after the OK fails the connect")
    func startTLSInjection() async throws {
        let server = try await ScriptedServer.start(greeting: "* OK ready\r\n") { line in
            .send("\(ScriptedServer.tag(line)) OK Begin TLS negotiation now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n")
        }
        let error = await #expect(throws: IMAPError.self) {
            _ = try await IMAPConnection.connect(host: "127.0.0.1", port: server.port, security: .startTLS,
                                                 timeout: .seconds(10), logger: Self.logger)
        }
        #expect(error?.code == .tlsFailure)
        try await server.shutdown()
    }

    @Test("IDLE is refused by execute rather than desynchronizing the connection")
    func idleRefused() async throws {
        let server = try await ScriptedServer.start(greeting: Self.greeting) { line in .send("\(ScriptedServer.tag(line)) OK\r\n") }
        let connection = try await Self.connect(server)
        let error = await #expect(throws: IMAPError.self) { _ = try await connection.execute(.idle) }
        #expect(error?.code == .unsupported)
        try await connection.noop()
        await connection.close()
        try await server.shutdown()
    }
}
