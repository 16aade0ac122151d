import NIOCore
import NIOSSL

/// Negotiates STARTTLS (RFC 3501 §6.2.1, RFC 9051 §6.2.1) before anything else happens on a channel.
///
/// Sits in front of the framing handler and swallows the plaintext phase: waits for the greeting,
/// sends `S0 STARTTLS`, and on the tagged `OK` inserts the TLS handler at the front of the pipeline
/// and removes itself; its promise completes when the TLS handshake does (see
/// ``TLSHandshakeHandler``). Nothing from the plaintext phase reaches the connection, and bytes the
/// server sends after its `OK` but before the handshake (a known injection attack) fail the
/// negotiation. A refusal fails it too: we never fall back to plaintext.
final class StartTLSHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private enum State { case awaitingGreeting, awaitingReply, done }

    private var state = State.awaitingGreeting
    private var parser: ResponseParser
    private let sslContext: NIOSSLContext
    private let serverHostname: String?
    private let promise: EventLoopPromise<Void>

    init(sslContext: NIOSSLContext, serverHostname: String?, limits: IMAPLimits, promise: EventLoopPromise<Void>) {
        self.sslContext = sslContext
        self.serverHostname = serverHostname
        self.parser = ResponseParser(limits: limits)
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state != .done else { return context.fireChannelRead(data) }
        parser.append(unwrapInboundIn(data))
        do {
            while state != .done, let response = try parser.next() {
                try handle(response, context: context)
            }
        } catch {
            fail(error, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(IMAPError.closed("connection closed during STARTTLS"), context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error, context: context)
    }

    /// A channel that never became active (connection refused) is torn down without `channelInactive`:
    /// the promise must still complete, or NIO traps on the leaked promise.
    func handlerRemoved(context: ChannelHandlerContext) {
        guard state != .done else { return }
        state = .done
        promise.fail(IMAPError.closed("the connection closed before STARTTLS"))
    }

    private func handle(_ response: Response, context: ChannelHandlerContext) throws {
        switch (state, response) {
        case (.awaitingGreeting, .untagged(.condition(.ok, _))):
            state = .awaitingReply
            context.writeAndFlush(NIOAny(ByteBuffer(string: "S0 STARTTLS\r\n")), promise: nil)
        case (.awaitingGreeting, .untagged(.condition(let status, let text))):
            var error = IMAPError(.tlsFailure, hint: "server greeted with \(status.rawValue) instead of OK; cannot STARTTLS")
            error.serverText = text.text
            throw error
        case (.awaitingReply, .tagged(let tagged)) where tagged.tag == "S0":
            guard tagged.status == .ok else {
                var error = IMAPError(.tlsFailure, hint: "server refused STARTTLS")
                error.serverText = tagged.text.text
                throw error
            }
            guard !parser.hasBufferedBytes else {
                throw IMAPError(.tlsFailure, hint: "server sent data after accepting STARTTLS")
            }
            try installTLS(context: context)
        case (_, .untagged):
            break   // e.g. a CAPABILITY before the reply: ignored, capabilities are re-read under TLS
        default:
            throw IMAPError(.tlsFailure, hint: "unexpected response during STARTTLS")
        }
    }

    private func installTLS(context: ChannelHandlerContext) throws {
        // Until the handshake handler holds the promise, a throw here must reach `fail` with the state
        // still open, or the promise would never complete.
        let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: serverHostname)
        try context.pipeline.syncOperations.addHandler(TLSHandshakeHandler(promise: promise), position: .after(self))
        state = .done
        try context.pipeline.syncOperations.addHandler(tls, position: .first)
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        guard state != .done else { return context.fireErrorCaught(error) }
        state = .done
        promise.fail(error)
        context.close(promise: nil)
    }
}

@available(*, unavailable)
extension StartTLSHandler: Sendable {}
