import IMAP
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// Establishes the TLS session an IMAP connection would (implicit TLS, or greeting + `STARTTLS` per
/// RFC 3501 §6.2.1), with full certificate and host-name verification, then closes it.
///
/// **Workaround** for a crash in `IMAPConnection.connect` (IMAP/Connection/IMAPConnection+Connect.swift,
/// `try await tlsReady.get()` before `connection.start(asyncChannel)`): when TLS setup fails (untrusted
/// certificate, a plaintext or non-IMAP port, STARTTLS refused), the `NIOAsyncChannel` is released while
/// the channel is still open and the process traps with "Deinited NIOAsyncWriter without calling
/// finish()". Checking TLS here first turns those cases into ordinary `IMAPError`s. Remove once the
/// IMAP connect path finishes its channel on failure.
enum TLSPreflight {
    /// Longest server line read before STARTTLS.
    static let maximumLineLength = 8192

    /// Succeeds when a verified TLS session can be established; throws `IMAPError` otherwise.
    static func check(host: String, port: Int, startTLS: Bool, trustedCAPEM: String?, timeout: Duration) async throws {
        let context = try makeContext(trustedCAPEM: trustedCAPEM)
        let serverName = isIPAddress(host) ? nil : host
        let seconds = Int64(max(1, timeout.components.seconds))
        let loop = MultiThreadedEventLoopGroup.singleton.next()
        let done = loop.makePromise(of: Void.self)
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: loop)
                .connectTimeout(.seconds(seconds))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let watcher = PreflightHandler(promise: done, startTLS: startTLS) {
                            try NIOSSLClientHandler(context: context, serverHostname: serverName)
                        }
                        if !startTLS {
                            try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
                        }
                        try channel.pipeline.syncOperations.addHandler(watcher)
                    }
                }
                .connect(host: host, port: port).get()
        } catch {
            done.fail(IMAPError(.connectionFailed))
            throw IMAPError(.connectionFailed, hint: "could not connect to \(host):\(port): \(error)")
        }
        defer { channel.close(promise: nil) }
        let timer = loop.scheduleTask(in: .seconds(seconds)) {
            done.fail(IMAPError(.timeout, hint: "TLS with \(host):\(port) was not established within \(timeout)"))
        }
        defer { timer.cancel() }
        try await done.futureResult.get()
    }

    private static func makeContext(trustedCAPEM: String?) throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.minimumTLSVersion = .tlsv12
        do {
            if let pem = trustedCAPEM {
                configuration.additionalTrustRoots = [.certificates(try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8)))]
            }
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw IMAPError(.tlsFailure, hint: "could not load the trusted CA: \(error)")
        }
    }

    private static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || (host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." })
    }
}

/// Drives the pre-flight on the event loop: for STARTTLS reads the greeting, sends `P1 STARTTLS`, reads
/// the tagged answer and inserts the TLS handler; then waits for the handshake.
private final class PreflightHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private enum State { case greeting, startTLSReply, handshake, done }

    private let promise: EventLoopPromise<Void>
    private let makeTLSHandler: () throws -> NIOSSLClientHandler
    private var state: State
    private var buffer = ByteBuffer()

    init(promise: EventLoopPromise<Void>, startTLS: Bool, makeTLSHandler: @escaping () throws -> NIOSSLClientHandler) {
        self.promise = promise
        self.state = startTLS ? .greeting : .handshake
        self.makeTLSHandler = makeTLSHandler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state == .greeting || state == .startTLSReply else { return }
        var bytes = unwrapInboundIn(data)
        buffer.writeBuffer(&bytes)
        while let line = nextLine() {
            handle(line, context: context)
            if state != .greeting && state != .startTLSReply { return }
        }
        if buffer.readableBytes > TLSPreflight.maximumLineLength {
            finish(IMAPError.malformed("the server's line is too long for IMAP"), context: context)
        }
    }

    private func nextLine() -> String? {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let length = end - buffer.readerIndex + 1
        return buffer.readString(length: length)?.trimmingTrailingNewline
    }

    private func handle(_ line: String, context: ChannelHandlerContext) {
        switch state {
        case .greeting:
            guard line.uppercased().hasPrefix("* OK") else {
                return finish(IMAPError.malformed("the server did not greet with * OK; is this an IMAP port?"), context: context)
            }
            state = .startTLSReply
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "P1 STARTTLS\r\n")), promise: nil)
        case .startTLSReply:
            guard line.hasPrefix("P1 ") else { return }   // untagged data (e.g. CAPABILITY) before the answer
            guard line.uppercased().hasPrefix("P1 OK") else {
                return finish(IMAPError(.tlsFailure, hint: "the server refused STARTTLS"), context: context)
            }
            state = .handshake
            do {
                try context.pipeline.syncOperations.addHandler(try makeTLSHandler(), position: .first)
            } catch {
                finish(IMAPError(.tlsFailure, hint: "TLS could not start: \(error)"), context: context)
            }
        case .handshake, .done:
            break
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            state = .done
            promise.succeed(())
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(IMAPError(.tlsFailure, hint: "TLS handshake failed: \(error)"), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        let hint = state == .handshake ? "the connection closed during the TLS handshake" : "the server closed the connection"
        promise.fail(state == .handshake ? IMAPError(.tlsFailure, hint: hint) : IMAPError.closed(hint))
        context.fireChannelInactive()
    }

    private func finish(_ error: IMAPError, context: ChannelHandlerContext) {
        state = .done
        promise.fail(error)
        context.close(promise: nil)
    }
}

extension String {
    fileprivate var trimmingTrailingNewline: String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
