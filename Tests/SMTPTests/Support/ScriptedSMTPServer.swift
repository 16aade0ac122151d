import NIOCore
import NIOPosix
import Synchronization

/// A fake SMTP server on 127.0.0.1 that plays a fixed script to each connection, for behaviour no real server
/// here shows (HELO-only servers, XOAUTH2, injected bytes after STARTTLS, servers without 8BITMIME).
final class ScriptedSMTPServer: Sendable {
    /// One step of the script.
    enum Step: Sendable {
        /// Send these bytes as they are (include CRLF).
        case send(String)
        /// Read one command line (CRLF removed) and record it.
        case read
        /// Read message data up to and including CRLF "." CRLF, and record it as one entry.
        case readData
    }

    let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup
    private let log: Log

    final class Log: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    private init(port: Int, channel: any Channel, group: MultiThreadedEventLoopGroup, log: Log) {
        self.port = port
        self.channel = channel
        self.group = group
        self.log = log
    }

    /// What the client sent, line by line (message data as one entry), across connections.
    var received: [String] { log.all }

    static func start(_ script: [Step]) async throws -> ScriptedSMTPServer {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let log = Log()
        let channel = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptHandler(script: script, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedSMTPServer(port: channel.localAddress?.port ?? 0, channel: channel, group: group, log: log)
    }

    func shutdown() async throws {
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}

/// Plays the script on one connection.
private final class ScriptHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var script: ArraySlice<ScriptedSMTPServer.Step>
    private let log: ScriptedSMTPServer.Log
    private var input: [UInt8] = []

    init(script: [ScriptedSMTPServer.Step], log: ScriptedSMTPServer.Log) {
        self.script = script[...]
        self.log = log
    }

    func channelActive(context: ChannelHandlerContext) {
        advance(context: context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        input += unwrapInboundIn(data).readableBytesView
        advance(context: context)
    }

    /// Runs steps until one needs input that has not arrived; closes when the script ends.
    private func advance(context: ChannelHandlerContext) {
        while let step = script.first {
            switch step {
            case .send(let text):
                context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(string: text)), promise: nil)
            case .read:
                guard let end = input.firstRange(of: Array("\r\n".utf8)) else { return }
                log.append(String(decoding: input[..<end.lowerBound], as: UTF8.self))
                input.removeSubrange(..<end.upperBound)
            case .readData:
                guard let end = input.firstRange(of: Array("\r\n.\r\n".utf8)) else { return }
                log.append(String(decoding: input[..<end.upperBound], as: UTF8.self))
                input.removeSubrange(..<end.upperBound)
            }
            script.removeFirst()
        }
        context.close(promise: nil)
    }
}
