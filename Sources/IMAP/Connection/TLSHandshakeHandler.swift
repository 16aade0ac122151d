import NIOCore
import NIOSSL
import NIOTLS

/// Reports the end of the TLS handshake: succeeds its promise on NIOSSL's `handshakeCompleted`
/// event, fails it with ``IMAPError/Code/tlsFailure`` (keeping NIOSSL's reason, e.g. a certificate
/// that does not verify) on an error or when the channel closes first. Removes itself afterwards.
///
/// Connecting waits on it, so a TLS problem is reported as such rather than as a lost connection.
final class TLSHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private var promise: EventLoopPromise<Void>?

    init(promise: EventLoopPromise<Void>) {
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            promise?.succeed(())
            promise = nil
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if let promise {
            self.promise = nil
            let failure = error as? IMAPError ?? IMAPError(.tlsFailure, hint: "TLS handshake failed: \(error)")
            promise.fail(failure)
        }
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let promise {
            self.promise = nil
            promise.fail(IMAPError(.tlsFailure, hint: "the connection closed during the TLS handshake"))
        }
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        promise?.fail(IMAPError(.tlsFailure, hint: "TLS handshake did not complete"))
        promise = nil
    }
}

@available(*, unavailable)
extension TLSHandshakeHandler: Sendable {}
