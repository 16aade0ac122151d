import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

extension IMAPConnection {
    /// Connects, negotiates TLS as `security` says, reads the greeting and the capabilities.
    ///
    /// - `.tls`: TLS from the first byte; `.startTLS`: `STARTTLS` first, failing if the server
    ///   refuses; `.none`: plaintext (loopback test servers only — callers must refuse it elsewhere).
    /// - Certificates are verified against the system roots plus `tls.additionalTrustedCA`, and the
    ///   host name (or IP address) is checked.
    /// - `timeout` bounds the whole sequence; afterwards each command has `options.commandTimeout`.
    ///
    /// - Throws: ``IMAPError`` — ``IMAPError/Code/connectionFailed`` (unreachable),
    ///   ``IMAPError/Code/tlsFailure`` (handshake, certificate, STARTTLS refused),
    ///   ``IMAPError/Code/timeout``, ``IMAPError/Code/connectionClosed`` (e.g. greeting `BYE`).
    public static func connect(
        host: String,
        port: Int,
        security: IMAPConnectionSecurity,
        tls: IMAPTLSOptions = IMAPTLSOptions(),
        timeout: Duration = .seconds(30),
        options: Options = Options(),
        logger: Logger
    ) async throws -> IMAPConnection {
        let sslContext = security == .none ? nil : try tls.makeContext()
        let hostname = tls.verificationHostname(for: host)
        let (asyncChannel, tlsReady) = try await openChannel(
            host: host, port: port, security: security, sslContext: sslContext, hostname: hostname,
            timeout: timeout, options: options)
        let deadline = ConnectDeadline(channel: asyncChannel.channel, timeout: timeout)
        defer { deadline.cancel() }
        do {
            if let tlsReady {
                do {
                    try await tlsReady.get()
                } catch {
                    // Nothing owns the async channel yet: finish its writer and close it here, or NIO traps
                    // ("Deinited NIOAsyncWriter without calling finish()") when it is released.
                    try? await asyncChannel.executeThenClose { _, _ in }
                    throw error
                }
            }
            let connection = IMAPConnection(channel: asyncChannel.channel, expectGreeting: security != .startTLS,
                                            options: options, logger: logger)
            await connection.start(asyncChannel)
            try await connection.completeSetup(deadline: deadline)
            logger.debug("IMAP connected", metadata: ["imap.host": "\(host)", "imap.port": "\(port)",
                                                      "imap.security": "\(security.rawValue)"])
            return connection
        } catch {
            asyncChannel.channel.close(promise: nil)
            if deadline.fired {
                throw IMAPError(.timeout, hint: "connecting to \(host):\(port) did not finish within \(timeout)")
            }
            throw IMAPConnection.mapChannelError(error)
        }
    }

    /// Opens the TCP connection with the handlers for `security`; returns the TLS handshake's completion.
    private static func openChannel(
        host: String, port: Int, security: IMAPConnectionSecurity, sslContext: NIOSSLContext?, hostname: String?,
        timeout: Duration, options: Options
    ) async throws -> (NIOAsyncChannel<Response, ByteBuffer>, EventLoopFuture<Void>?) {
        let group = options.eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton
        let limits = options.limits
        do {
            return try await ClientBootstrap(group: group)
                .connectTimeout(timeout.timeAmount)
                .channelOption(.socketOption(.so_keepalive), value: 1)
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        var tlsReady: EventLoopFuture<Void>?
                        let pipeline = channel.pipeline.syncOperations
                        if let sslContext, security != .none {
                            let promise = channel.eventLoop.makePromise(of: Void.self)
                            tlsReady = promise.futureResult
                            do {
                                if security == .tls {
                                    let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: hostname)
                                    try pipeline.addHandler(TLSHandshakeHandler(promise: promise))
                                    try pipeline.addHandler(tls, position: .first)
                                } else {
                                    try pipeline.addHandler(StartTLSHandler(sslContext: sslContext, serverHostname: hostname,
                                                                            limits: limits, promise: promise))
                                }
                            } catch {
                                // Once a handler holds the promise it completes it; before that, nobody would
                                // (a released, uncompleted promise traps in debug builds).
                                promise.fail(error)
                                throw error
                            }
                        }
                        try pipeline.addHandler(IMAPFrameHandler(limits: limits))
                        let asyncChannel = try NIOAsyncChannel<Response, ByteBuffer>(wrappingChannelSynchronously: channel)
                        return (asyncChannel, tlsReady)
                    }
                }
        } catch {
            throw IMAPError(.connectionFailed, hint: "could not connect to \(host):\(port): \(error)")
        }
    }

    /// Waits for the greeting, then learns the capabilities (from the greeting or by asking).
    private func completeSetup(deadline: ConnectDeadline) async throws {
        let greeting = try await awaitReady()
        isAuthenticated = greeting.preauthenticated
        if case .capability(let list)? = greeting.text.code {
            capabilities = Set(list)
        } else {
            try await refreshCapabilities()
        }
    }
}

/// Closes a channel if connecting takes longer than allowed, and remembers that it did.
final class ConnectDeadline: Sendable {
    private final class Flag: Sendable {
        let value = Atomic<Bool>(false)
    }

    private let flag = Flag()
    private let task: Task<Void, Never>

    init(channel: any Channel, timeout: Duration) {
        let flag = self.flag
        task = Task {
            try? await Task.sleep(for: timeout)
            guard !Task.isCancelled else { return }
            flag.value.store(true, ordering: .sequentiallyConsistent)
            channel.close(promise: nil)
        }
    }

    /// Whether the deadline passed.
    var fired: Bool { flag.value.load(ordering: .sequentiallyConsistent) }

    func cancel() { task.cancel() }
}
