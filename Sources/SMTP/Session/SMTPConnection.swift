import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP submission session (RFC 5321, RFC 6409) over SwiftNIO.
///
/// Opening a connection reads the greeting, says EHLO (falling back to HELO), and with
/// ``SMTPSecurity/startTLS`` upgrades with STARTTLS and says EHLO again; with ``SMTPSecurity/tls`` TLS starts
/// at once. Certificates are verified against the system's roots plus an optional extra CA, and the host name
/// (or IP address) is checked. Every step has a time limit (``SMTPTimeouts``).
///
/// Either scoped (``withConnection(host:port:options:logger:_:)`` closes it afterwards) or owned
/// (``connect(host:port:options:logger:)``: the owner calls ``quit()`` or ``close()``; ``SMTPSessionPool``
/// keeps such sessions for reuse). One task at a time: commands must not interleave on a connection.
///
/// ```swift
/// let result = try await SMTPConnection.withConnection(host: "smtp.example.org", port: 587) { smtp in
///     try await smtp.authenticate(username: "alice@example.org", password: password)
///     let result = try await smtp.send(from: "alice@example.org", recipients: ["bob@example.org"], message: bytes)
///     try? await smtp.quit()
///     return result
/// }
/// ```
public final class SMTPConnection {
    /// The server's host name or address, as given.
    public let host: String
    /// The server's port.
    public let port: Int
    /// What the server offered in its latest EHLO reply (``SMTPCapabilities/none`` after HELO).
    public internal(set) var capabilities: SMTPCapabilities = .none
    /// The server's 220 greeting.
    public internal(set) var greeting: SMTPReply
    /// Whether the session runs over TLS.
    public internal(set) var isEncrypted: Bool
    /// Whether AUTH succeeded.
    public internal(set) var isAuthenticated = false

    let options: SMTPConnectionOptions
    let logger: Logger
    let transport: SMTPTransport

    private init(host: String, port: Int, options: SMTPConnectionOptions, logger: Logger,
                 transport: SMTPTransport, isEncrypted: Bool) {
        self.host = host
        self.port = port
        self.options = options
        self.logger = logger
        self.transport = transport
        self.isEncrypted = isEncrypted
        self.greeting = SMTPReply(code: 220, lines: [])
    }

    /// Connects, greets and secures a session, runs `body` with it, and closes the connection afterwards
    /// (whether `body` returned or threw). Call ``quit()`` inside `body` for a polite goodbye.
    ///
    /// - Throws: ``SMTPError`` with ``SMTPError/Code/connectFailed``, ``SMTPError/Code/tlsFailure``,
    ///   ``SMTPError/Code/timeout``, ``SMTPError/Code/unsupported`` (STARTTLS not offered) or
    ///   ``SMTPError/Code/commandRejected`` (greeting 554), or whatever `body` throws.
    public static func withConnection<Result: Sendable>(
        host: String, port: Int, options: SMTPConnectionOptions = SMTPConnectionOptions(),
        logger: Logger = Logger(label: "mcpemails.smtp"),
        _ body: (SMTPConnection) async throws -> Result
    ) async throws -> Result {
        let connection = try await connect(host: host, port: port, options: options, logger: logger)
        do {
            let result = try await body(connection)
            await connection.close()
            return result
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Connects, greets and secures a session that stays open until ``quit()`` or ``close()``.
    ///
    /// The caller owns the connection and must end it; a connection dropped without that is closed when
    /// it is deinitialized. Used by ``SMTPSessionPool`` to keep authenticated sessions for reuse.
    ///
    /// - Throws: as ``withConnection(host:port:options:logger:_:)`` does before its body runs.
    public static func connect(
        host: String, port: Int, options: SMTPConnectionOptions = SMTPConnectionOptions(),
        logger: Logger = Logger(label: "mcpemails.smtp")
    ) async throws -> SMTPConnection {
        var logger = logger
        logger[metadataKey: "smtp.server"] = "\(host):\(port)"
        let asyncChannel = try await connectChannel(host: host, port: port, options: options)
        let transport = await SMTPTransport.open(asyncChannel, limits: options.limits, logger: logger)
        let connection = SMTPConnection(host: host, port: port, options: options, logger: logger,
                                        transport: transport, isEncrypted: options.security == .tls)
        do {
            try await connection.open()
            return connection
        } catch {
            await connection.close()
            throw error
        }
    }

    /// Whether the connection may still carry commands: not closed by either side, no step failed or
    /// timed out. A server that dropped an idle session may not be noticed until the next command
    /// (``SMTPSessionPool`` checks with `RSET`).
    public var isOpen: Bool {
        transport.isUsable
    }

    /// Sends `QUIT` and reads the 221 (RFC 5321 §4.1.1.10). The connection is closed after the scope anyway.
    public func quit() async throws {
        _ = try await transport.exchange(.quit, within: options.timeouts.command)
        await transport.close()
    }

    /// Closes the connection at once, without QUIT.
    public func close() async {
        await transport.close()
    }

    /// Sends `NOOP` (RFC 5321 §4.1.1.9), e.g. to check that the connection still works.
    public func noop() async throws {
        let reply = try await transport.exchange(.noop, within: options.timeouts.command)
        guard reply.isPositiveCompletion else { throw SMTPError.rejected("NOOP", reply) }
    }

    /// Sends `RSET` (RFC 5321 §4.1.1.5): abandons the current mail transaction.
    public func reset() async throws {
        let reply = try await transport.exchange(.reset, within: options.timeouts.command)
        guard reply.isPositiveCompletion else { throw SMTPError.rejected("RSET", reply) }
    }

    // MARK: - Opening

    private static func connectChannel(
        host: String, port: Int, options: SMTPConnectionOptions
    ) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let tlsContext = options.security == .tls
            ? try SMTPTLS.makeContext(additionalTrustRootsPEM: options.additionalTrustRootsPEM)
            : nil
        do {
            return try await ClientBootstrap(group: options.eventLoopGroup)
                .connectTimeout(TimeAmount(options.timeouts.connect))
                .channelOption(.socketOption(.tcp_nodelay), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        // The handshake runs on its own; a failure surfaces as the greeting's read error.
                        if let tlsContext {
                            try channel.pipeline.syncOperations.addHandler(
                                try SMTPTLS.makeHandler(context: tlsContext, host: host))
                        } else if options.security == .startTLS {
                            try channel.pipeline.syncOperations.addHandler(CleartextByteCounter())
                        }
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch let error as SMTPError {
            throw error
        } catch {
            throw SMTPError(.connectFailed, hint: "could not connect to \(host):\(port): \(error)")
        }
    }

    /// Reads the greeting, says EHLO, and upgrades with STARTTLS when asked to.
    private func open() async throws {
        let reply = try await transport.withTimeout(options.timeouts.greeting, step: "greeting") {
            try await self.transport.readReply()
        }
        greeting = reply
        guard reply.code == 220 else { throw SMTPError.rejected("greeting", reply) }
        try await hello()
        if options.security == .startTLS {
            try await startTLS()
            try await hello()
        }
    }

    /// `EHLO`, or `HELO` when the server does not know EHLO (500/502 per RFC 5321 §4.1.4).
    func hello() async throws {
        let name = try clientName()
        let reply = try await transport.exchange(.ehlo(name), within: options.timeouts.command)
        if reply.isPositiveCompletion {
            capabilities = SMTPCapabilities(ehloReply: reply)
            return
        }
        guard [500, 502, 504].contains(reply.code) else { throw SMTPError.rejected("EHLO", reply) }
        let heloReply = try await transport.exchange(.helo(name), within: options.timeouts.command)
        guard heloReply.isPositiveCompletion else { throw SMTPError.rejected("HELO", heloReply) }
        capabilities = .none
    }

    private func clientName() throws -> SMTPClientName {
        if let name = options.clientName { return name }
        if let ip = transport.channel.localAddress?.ipAddress, let literal = SMTPClientName.addressLiteral(ip) {
            return literal
        }
        return .loopback
    }

    /// `STARTTLS` (RFC 3207), then the TLS handshake. Fails if the server does not offer it.
    private func startTLS() async throws {
        guard capabilities.supportsStartTLS else {
            throw SMTPError(.unsupported, hint: "the server does not offer STARTTLS; refusing to continue in clear",
                            command: "STARTTLS")
        }
        let reply = try await transport.exchange(.startTLS, within: options.timeouts.command)
        guard reply.code == 220 else {
            throw SMTPError(.tlsFailure, hint: "STARTTLS refused", command: "STARTTLS", reply: reply)
        }
        // RFC 3207 §5: anything the server sent before TLS must be discarded; bytes here mean an injection attempt.
        guard !transport.hasUnreadBytes else {
            await transport.close()
            throw SMTPError(.tlsFailure, hint: "the server sent data after its STARTTLS reply", command: "STARTTLS")
        }
        let context = try SMTPTLS.makeContext(additionalTrustRootsPEM: options.additionalTrustRootsPEM)
        let channel = transport.channel
        let host = self.host
        let consumed = transport.bytesReceived
        // The handshake starts when the handler is added; the next EHLO waits for it, and a failure
        // (untrusted certificate, wrong name) surfaces as that exchange's error. Checked and swapped on the
        // event loop, so no cleartext byte can slip in between.
        let injected = try await channel.eventLoop.submit { () throws -> Bool in
            let pipeline = channel.pipeline.syncOperations
            let counter = try pipeline.handler(type: CleartextByteCounter.self)
            guard counter.count == consumed else { return true }
            pipeline.removeHandler(counter, promise: nil)
            try pipeline.addHandler(try SMTPTLS.makeHandler(context: context, host: host), position: .first)
            return false
        }.get()
        if injected {
            await transport.close()
            throw SMTPError(.tlsFailure, hint: "the server sent data after its STARTTLS reply", command: "STARTTLS")
        }
        isEncrypted = true
        capabilities = .none
    }
}
