import NIOCore
import NIOPosix
import Synchronization

/// A tiny IMAP server on 127.0.0.1 that answers each client line with a scripted reply, for
/// behaviour a real server will not show on demand (BYE mid-session, SASL error challenges,
/// garbage). Lines are split on CRLF; literals are not interpreted.
final class ScriptedServer: Sendable {
    /// What to do after a client line.
    enum Reply: Sendable {
        case send(String)
        case sendAndClose(String)
        case nothing
    }

    let port: Int
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let received = Mutex<[String]>([])

    /// Lines the clients sent so far.
    var lines: [String] { received.withLock { $0 } }

    private init(port: Int, group: MultiThreadedEventLoopGroup, channel: any Channel) {
        self.port = port
        self.group = group
        self.channel = channel
    }

    /// Starts a server that sends `greeting` to each client and then `respond(line)` to each line.
    static func start(greeting: String, respond: @escaping @Sendable (String) -> Reply) async throws -> ScriptedServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let box = ServerBox()
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ScriptHandler(greeting: greeting, respond: respond, box: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = ScriptedServer(port: channel.localAddress?.port ?? 0, group: group, channel: channel)
        box.server.withLock { $0 = server }
        return server
    }

    fileprivate func record(_ line: String) { received.withLock { $0.append(line) } }

    func shutdown() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }

    /// The tag of a client command line.
    static func tag(_ line: String) -> String { String(line.prefix { $0 != " " }) }
}

private final class ServerBox: Sendable {
    let server = Mutex<ScriptedServer?>(nil)
}

private final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let greeting: String
    private let respond: @Sendable (String) -> ScriptedServer.Reply
    private let box: ServerBox
    private var pending = ""

    init(greeting: String, respond: @escaping @Sendable (String) -> ScriptedServer.Reply, box: ServerBox) {
        self.greeting = greeting
        self.respond = respond
        self.box = box
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: greeting)), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        pending += String(buffer: unwrapInboundIn(data))
        while let range = pending.range(of: "\r\n") {
            let line = String(pending[..<range.lowerBound])
            pending = String(pending[range.upperBound...])
            box.server.withLock { $0?.record(line) }
            switch respond(line) {
            case .send(let text):
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text)), promise: nil)
            case .sendAndClose(let text):
                let channel = context.channel
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text))).whenComplete { _ in channel.close(promise: nil) }
            case .nothing:
                break
            }
        }
    }
}
