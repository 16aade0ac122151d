import NIOCore
import Synchronization

/// What a ``ForwardHandler`` does with bytes it read.
enum ForwardAction: Sendable {
    /// Write these buffers (possibly none) to the other side.
    case forward([ByteBuffer])
    /// Write these buffers, then close both sides.
    case forwardThenClose([ByteBuffer])
}

/// The shared fault state of a ``FaultProxy``: the armed fault, the open links and their per-link progress.
///
/// Handlers run on the proxy's event loop; the public API runs anywhere, hence the mutex.
final class FaultRegistry: Sendable {
    struct Counters {
        var accepted = 0
        var fired = 0
    }

    private struct LinkState {
        let link: ProxyLink
        /// Server bytes still allowed through under ``FaultProxy/Fault/dropAfterServerBytes(_:)``.
        var serverBudget: Int?
        /// The last bytes the client sent, to find a pattern split across reads.
        var clientTail: [UInt8] = []
        /// The pattern was seen: the server's next bytes are discarded and the link closed.
        var dropNextReply = false
        /// The pattern was seen under `stallAfterClientSends`: this link holds everything.
        var stalled = false
        /// Bytes held back by ``FaultProxy/Fault/stall``, per direction.
        var heldToServer: [ByteBuffer] = []
        var heldToClient: [ByteBuffer] = []
    }

    private struct State {
        var fault: FaultProxy.Fault = .none
        var once = true
        var links: [Int: LinkState] = [:]
        var nextID = 0
        var counters = Counters()
    }

    private let state = Mutex(State())

    var counters: Counters { state.withLock { $0.counters } }

    func nextID() -> Int {
        state.withLock { state in
            state.nextID += 1
            state.counters.accepted += 1
            return state.nextID
        }
    }

    func add(_ link: ProxyLink) {
        state.withLock { state in
            var entry = LinkState(link: link)
            if case .dropAfterServerBytes(let count) = state.fault { entry.serverBudget = count }
            state.links[link.id] = entry
        }
    }

    func remove(_ link: ProxyLink) {
        _ = state.withLock { $0.links.removeValue(forKey: link.id) }
    }

    func closeAll() {
        let links = state.withLock { state in
            let links = state.links.values.map(\.link)
            state.links.removeAll()
            return links
        }
        for link in links { link.close() }
    }

    /// Arms `fault` on every open link; releases held bytes when the stall ends.
    func setFault(_ fault: FaultProxy.Fault, once: Bool) {
        let released: [(ProxyLink, [ByteBuffer], [ByteBuffer])] = state.withLock { state in
            state.fault = fault
            state.once = once
            var released: [(ProxyLink, [ByteBuffer], [ByteBuffer])] = []
            for id in Array(state.links.keys) {
                guard var entry = state.links[id] else { continue }
                entry.serverBudget = nil
                entry.dropNextReply = false
                entry.stalled = false
                entry.clientTail = []
                if case .dropAfterServerBytes(let count) = fault { entry.serverBudget = count }
                if fault != .stall, !(entry.heldToServer.isEmpty && entry.heldToClient.isEmpty) {
                    released.append((entry.link, entry.heldToServer, entry.heldToClient))
                    entry.heldToServer = []
                    entry.heldToClient = []
                }
                state.links[id] = entry
            }
            return released
        }
        for (link, toServer, toClient) in released {
            write(toServer, to: link.server, close: nil)
            write(toClient, to: link.client, close: nil)
        }
    }

    /// Decides what happens to `incoming`, read from one side of `link`.
    func decide(link: ProxyLink, direction: ForwardDirection, incoming: ByteBuffer) -> ForwardAction {
        state.withLock { state in
            guard var entry = state.links[link.id] else { return .forward([incoming]) }
            defer { state.links[link.id] = entry }
            if state.fault == .stall || entry.stalled {
                if direction == .clientToServer { entry.heldToServer.append(incoming) } else {
                    entry.heldToClient.append(incoming)
                }
                return .forward([])
            }
            switch direction {
            case .clientToServer:
                switch state.fault {
                case .dropReplyAfterClientSends(let pattern):
                    entry.dropNextReply = entry.dropNextReply || Self.scan(incoming, for: pattern, in: &entry)
                case .dropWhenClientSends(let pattern):
                    if Self.scan(incoming, for: pattern, in: &entry) {
                        Self.fire(&state)
                        return .forwardThenClose([])
                    }
                case .stallAfterClientSends(let pattern):
                    if Self.scan(incoming, for: pattern, in: &entry) {
                        entry.stalled = true
                        state.counters.fired += 1
                    }
                default:
                    break
                }
                return .forward([incoming])
            case .serverToClient:
                return Self.serverAction(incoming, entry: &entry, state: &state)
            }
        }
    }

    /// Writes what `action` says to the other side of `link`.
    func perform(_ action: ForwardAction, on link: ProxyLink, direction: ForwardDirection) {
        switch action {
        case .forward(let buffers):
            write(buffers, to: link.destination(direction), close: nil)
        case .forwardThenClose(let buffers):
            write(buffers, to: link.destination(direction), close: link)
        }
    }

    private func write(_ buffers: [ByteBuffer], to channel: any Channel, close link: ProxyLink?) {
        guard let last = buffers.last else {
            link?.close()
            return
        }
        for buffer in buffers.dropLast() { channel.write(buffer, promise: nil) }
        let done = channel.writeAndFlush(last)
        if let link { done.whenComplete { _ in link.close() } }
    }

    /// Whether `pattern` ends in `incoming` (possibly starting in the previous reads' tail).
    private static func scan(_ incoming: ByteBuffer, for pattern: [UInt8], in entry: inout LinkState) -> Bool {
        guard !pattern.isEmpty else { return false }
        let window = entry.clientTail + Array(incoming.readableBytesView)
        entry.clientTail = Array(window.suffix(pattern.count - 1))
        return window.firstRange(of: pattern) != nil
    }

    private static func serverAction(
        _ incoming: ByteBuffer, entry: inout LinkState, state: inout State
    ) -> ForwardAction {
        if entry.dropNextReply {
            fire(&state)
            return .forwardThenClose([])
        }
        guard let budget = entry.serverBudget else { return .forward([incoming]) }
        if incoming.readableBytes < budget {
            entry.serverBudget = budget - incoming.readableBytes
            return .forward([incoming])
        }
        fire(&state)
        var head = incoming
        return .forwardThenClose(budget > 0 ? [head.readSlice(length: budget) ?? incoming] : [])
    }

    /// Counts a fired fault and, when it was armed once, disarms it on every link.
    private static func fire(_ state: inout State) {
        state.counters.fired += 1
        guard state.once else { return }
        state.fault = .none
        for id in Array(state.links.keys) {
            state.links[id]?.serverBudget = nil
            state.links[id]?.dropNextReply = false
        }
    }
}
