import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on `127.0.0.1` (ephemeral port) in front of a real server, that injects network faults on demand.
///
/// Tests point a client at ``port`` instead of the server's port, then break the connection at a chosen moment:
/// - ``dropAllConnections()`` closes every open connection now;
/// - ``Fault/dropAfterServerBytes(_:)`` forwards that many more bytes from the server, then closes
///   (a server that "drops the connection mid-response");
/// - ``Fault/stall`` stops forwarding in both directions (bytes are held back) to provoke timeouts;
///   clearing the fault delivers what was held;
/// - ``Fault/dropReplyAfterClientSends(_:)`` lets the client's bytes through, and once they contained the
///   pattern, discards the server's next reply and closes (an answer lost after SMTP's final `.`).
///   Patterns are seen only on cleartext connections;
/// - ``Fault/stallAfterClientSends(_:)`` holds a connection once the client sent a pattern (an answer that
///   never comes, to provoke a timeout at a precise step).
///
/// ```swift
/// let proxy = try await FaultProxy.start(targetHost: "127.0.0.1", targetPort: server.imapPort)
/// defer { Task { try await proxy.shutdown() } }
/// await proxy.setFault(.dropAfterServerBytes(20))
/// ```
public final class FaultProxy: Sendable {
    /// A fault applied to the proxied byte streams.
    public enum Fault: Sendable, Hashable {
        /// Forward everything (releases bytes held by ``stall``).
        case none
        /// On every open connection (and those opened while armed) forward at most this many more bytes from the
        /// server, then close both sides.
        case dropAfterServerBytes(Int)
        /// Hold all bytes in both directions until the fault is cleared.
        case stall
        /// After the client's stream contained these bytes, discard the server's next bytes and close both sides.
        case dropReplyAfterClientSends([UInt8])
        /// As soon as the client's stream contains these bytes, close both sides without forwarding them
        /// (a connection lost while the client is still sending).
        case dropWhenClientSends([UInt8])
        /// After the client's stream contained these bytes (which are still forwarded), hold everything on that
        /// connection in both directions until the fault is cleared, as ``stall`` does.
        case stallAfterClientSends([UInt8])
    }

    /// The proxy's own port (on `127.0.0.1` unless started with another `listenHost`).
    public let port: Int
    /// Where connections are forwarded.
    public let targetHost: String
    /// Where connections are forwarded.
    public let targetPort: Int

    private let group: MultiThreadedEventLoopGroup
    private let listener: any Channel
    private let registry: FaultRegistry

    private init(port: Int, targetHost: String, targetPort: Int,
                 group: MultiThreadedEventLoopGroup, listener: any Channel, registry: FaultRegistry) {
        self.port = port
        self.targetHost = targetHost
        self.targetPort = targetPort
        self.group = group
        self.listener = listener
        self.registry = registry
    }

    /// Starts a proxy listening on an ephemeral port, forwarding to `targetHost:targetPort`.
    ///
    /// `listenHost` is `127.0.0.1` unless a test needs another loopback address (Linux answers on all of
    /// `127.0.0.0/8`), e.g. `127.0.0.2` to present a certificate made for `127.0.0.1` under a wrong address.
    public static func start(
        targetHost: String, targetPort: Int, listenHost: String = "127.0.0.1"
    ) async throws -> FaultProxy {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let registry = FaultRegistry()
        do {
            let listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.autoRead, value: false)
                .childChannelInitializer { client in
                    connectLink(client: client, host: targetHost, port: targetPort, registry: registry)
                }
                .bind(host: listenHost, port: 0).get()
            guard let port = listener.localAddress?.port else {
                try? await listener.close()
                throw FaultProxyError(message: "the proxy has no local port")
            }
            return FaultProxy(port: port, targetHost: targetHost, targetPort: targetPort,
                              group: group, listener: listener, registry: registry)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// Sets the fault for current and future connections.
    ///
    /// With `once` (the default) a dropping fault disarms itself after it closed one connection, so the
    /// client's next connection works normally. ``Fault/stall`` lasts until another fault is set.
    public func setFault(_ fault: Fault, once: Bool = true) async {
        registry.setFault(fault, once: once)
    }

    /// Closes every open connection now (both the client's and the server's side).
    public func dropAllConnections() async {
        registry.closeAll()
    }

    /// How many client connections the proxy accepted so far.
    public var acceptedConnections: Int {
        get async { registry.counters.accepted }
    }

    /// How many connections a dropping fault closed so far.
    public var faultsFired: Int {
        get async { registry.counters.fired }
    }

    /// Closes the listener and all connections and stops the proxy's thread.
    public func shutdown() async throws {
        try? await listener.close()
        registry.closeAll()
        try await group.shutdownGracefully()
    }

    /// Connects to the target for a newly accepted client and glues the two channels together.
    private static func connectLink(
        client: any Channel, host: String, port: Int, registry: FaultRegistry
    ) -> EventLoopFuture<Void> {
        ClientBootstrap(group: client.eventLoop)
            .channelOption(.autoRead, value: false)
            .connect(host: host, port: port)
            .flatMapThrowing { server in
                let link = ProxyLink(id: registry.nextID(), client: client, server: server)
                registry.add(link)
                try client.pipeline.syncOperations.addHandler(
                    ForwardHandler(link: link, direction: .clientToServer, registry: registry))
                try server.pipeline.syncOperations.addHandler(
                    ForwardHandler(link: link, direction: .serverToClient, registry: registry))
                client.setOption(.autoRead, value: true).whenComplete { _ in }
                server.setOption(.autoRead, value: true).whenComplete { _ in }
            }
    }
}

/// The proxy could not start.
public struct FaultProxyError: Error, CustomStringConvertible {
    /// What went wrong.
    public let message: String
    /// `FaultProxy: <message>`.
    public var description: String { "FaultProxy: \(message)" }
}

/// One proxied connection: the client's channel and the channel to the real server.
final class ProxyLink: Sendable {
    let id: Int
    let client: any Channel
    let server: any Channel

    init(id: Int, client: any Channel, server: any Channel) {
        self.id = id
        self.client = client
        self.server = server
    }

    /// The channel bytes travelling in `direction` are written to.
    func destination(_ direction: ForwardDirection) -> any Channel {
        direction == .clientToServer ? server : client
    }

    func close() {
        client.close(promise: nil)
        server.close(promise: nil)
    }
}

/// Which way bytes travel through a ``ProxyLink``.
enum ForwardDirection: Sendable {
    case clientToServer
    case serverToClient
}

/// Reads one side of a link and forwards what the ``FaultRegistry`` allows to the other side.
final class ForwardHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let link: ProxyLink
    private let direction: ForwardDirection
    private let registry: FaultRegistry

    init(link: ProxyLink, direction: ForwardDirection, registry: FaultRegistry) {
        self.link = link
        self.direction = direction
        self.registry = registry
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        registry.perform(registry.decide(link: link, direction: direction, incoming: buffer), on: link,
                         direction: direction)
    }

    func channelInactive(context: ChannelHandlerContext) {
        registry.remove(link)
        link.close()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        registry.remove(link)
        link.close()
    }
}
