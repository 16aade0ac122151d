import Logging
import NIOCore
import NIOSSL
import Synchronization

/// The byte-level half of a session: writes commands and message chunks, reads replies through
/// ``SMTPReplyParser``, enforces one time limit per step, and traces the exchange (AUTH redacted).
///
/// Owned by one ``SMTPConnection``; the channel closes with ``close()``, or at the latest when the transport
/// is deinitialized.
final class SMTPTransport {
    let channel: any Channel
    private var inbound: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private var parser: SMTPReplyParser
    private var pending = ByteBuffer()
    private let logger: Logger
    /// Bytes taken from the inbound stream so far (read or still pending).
    private(set) var bytesReceived = 0
    /// Set once the connection failed or timed out; every later step fails fast.
    private(set) var isBroken = false
    /// Set by the event loop when a step's time ran out (possibly just as the step finished).
    private let timedOut = TimeoutFlag()

    init(channel: any Channel, inbound: NIOAsyncChannelInboundStream<ByteBuffer>,
         outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, limits: SMTPLimits, logger: Logger) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
        self.outbound = outbound
        self.parser = SMTPReplyParser(limits: limits)
        self.logger = logger
    }

    /// Opens `asyncChannel`'s inbound and outbound sides for a session that outlives the call opening it.
    ///
    /// `executeThenClose` is NIO's one non-deprecated way to them, and it closes the channel when its body
    /// returns; so the body runs in a task of its own that hands both sides over and then waits for the
    /// channel to close (``close()``, the server, or `deinit`), after which NIO tears everything down.
    static func open(_ asyncChannel: NIOAsyncChannel<ByteBuffer, ByteBuffer>, limits: SMTPLimits,
                     logger: Logger) async -> SMTPTransport {
        let channel = asyncChannel.channel
        let (inbound, outbound) = await withCheckedContinuation { continuation in
            Task {
                try? await asyncChannel.executeThenClose { inbound, outbound in
                    continuation.resume(returning: (inbound, outbound))
                    try await channel.closeFuture.get()
                }
            }
        }
        return SMTPTransport(channel: channel, inbound: inbound, outbound: outbound, limits: limits, logger: logger)
    }

    deinit {
        channel.close(promise: nil)
    }

    /// Whether commands can still be sent: no failure or timeout so far and the channel is open.
    var isUsable: Bool { !isBroken && timedOut.step == nil && channel.isActive }

    /// Whether bytes arrived that no reply has consumed yet (a server pipelining where it must not).
    var hasUnreadBytes: Bool { pending.readableBytes > 0 || parser.isInsideReply }

    /// Sends `command` and reads its reply, within `limit`.
    func exchange(_ command: SMTPCommand, within limit: Duration) async throws -> SMTPReply {
        try await withTimeout(limit, step: command.verb) {
            try await self.write(command)
            return try await self.readReply()
        }
    }

    /// Writes `command` and CRLF.
    func write(_ command: SMTPCommand) async throws {
        logger.trace("C: \(command.redactedLine)")
        var buffer = channel.allocator.buffer(capacity: 64)
        command.encode(into: &buffer)
        try await writeBuffer(buffer)
    }

    /// Writes raw bytes (message data).
    func writeBuffer(_ buffer: ByteBuffer) async throws {
        try checkUsable()
        do {
            try await outbound.write(buffer)
        } catch {
            throw await failedWrite(error)
        }
    }

    /// A write failed because the channel closed: the reason (a TLS alert, a reset) is in the inbound stream.
    private func failedWrite(_ error: any Error) async -> SMTPError {
        isBroken = true
        try? await channel.close()
        do {
            while try await inbound.next() != nil {}
        } catch {
            return Self.map(error)
        }
        return Self.map(error)
    }

    /// Reads the next complete reply.
    func readReply() async throws -> SMTPReply {
        try checkUsable()
        do {
            while true {
                if let reply = try parser.parse(&pending) {
                    if pending.readableBytes == 0 { pending.clear() }
                    for (index, line) in reply.lines.enumerated() {
                        logger.trace("S: \(reply.code)\(index == reply.lines.count - 1 ? " " : "-")\(line)")
                    }
                    return reply
                }
                guard var chunk = try await inbound.next() else {
                    throw SMTPError(.connectionFatal, hint: "the server closed the connection")
                }
                bytesReceived += chunk.readableBytes
                pending.discardReadBytes()
                pending.writeBuffer(&chunk)
            }
        } catch let error as SMTPError {
            isBroken = true
            throw error
        } catch {
            isBroken = true
            throw Self.map(error)
        }
    }

    /// Fails fast once the connection is known to be gone (a timeout or an earlier failure).
    func checkUsable() throws {
        if let step = timedOut.step {
            isBroken = true
            throw SMTPError(.timeout, hint: "the connection was closed when its time ran out", command: step)
        }
        guard !isBroken else { throw SMTPError(.connectionFatal, hint: "the connection already failed") }
    }

    /// Runs `body`; if `limit` passes first, closes the channel and throws ``SMTPError/Code/timeout``.
    ///
    /// If the timer fires just as `body` finishes, the result stands and the next step reports the timeout.
    func withTimeout<T>(_ limit: Duration, step: String, _ body: () async throws -> T) async throws -> T {
        let timedOut = self.timedOut
        let channel = self.channel
        let task = channel.eventLoop.scheduleTask(in: TimeAmount(limit)) {
            timedOut.set(step: step)
            channel.close(promise: nil)
        }
        defer { task.cancel() }
        do {
            return try await body()
        } catch {
            guard timedOut.step != nil else { throw error }
            isBroken = true
            throw SMTPError(.timeout, hint: "no answer within \(limit)", command: step)
        }
    }

    /// Closes the channel now.
    func close() async {
        isBroken = true
        try? await channel.close()
    }

    /// Maps a channel or TLS error to ``SMTPError``.
    static func map(_ error: any Error) -> SMTPError {
        if let error = error as? SMTPError { return error }
        if SMTPTLS.isTLSError(error) { return SMTPError(.tlsFailure, hint: SMTPTLS.hint(for: error)) }
        return SMTPError(.connectionFatal, hint: "connection lost: \(error)")
    }
}

/// Set by the event loop when a step's time ran out; read by the task awaiting the step.
final class TimeoutFlag: Sendable {
    private let state = Mutex<String?>(nil)
    /// Records the first step that ran out of time.
    func set(step: String) { state.withLock { $0 = $0 ?? step } }
    /// The step that ran out of time, if any.
    var step: String? { state.withLock { $0 } }
}
