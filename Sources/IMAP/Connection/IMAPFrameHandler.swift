import NIOCore

/// The NIO handler that turns the server's byte stream into ``Response`` values.
///
/// It owns a ``ResponseParser``: bytes go in, complete responses come out, in order. A parse error
/// or an exceeded limit is fatal for the connection (its framing can no longer be trusted), so the
/// handler reports the ``IMAPError`` and closes the channel. Outbound bytes pass through untouched:
/// commands are encoded by ``CommandEncoder`` above the channel.
final class IMAPFrameHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = Response

    private var parser: ResponseParser
    private var failed = false

    init(limits: IMAPLimits) {
        self.parser = ResponseParser(limits: limits)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !failed else { return }
        parser.append(unwrapInboundIn(data))
        do {
            while let response = try parser.next() {
                context.fireChannelRead(wrapInboundOut(response))
            }
        } catch {
            failed = true
            context.fireErrorCaught(error)
            context.close(promise: nil)
        }
    }
}

@available(*, unavailable)
extension IMAPFrameHandler: Sendable {}
