import Logging
import NIOCore
import NIOSSL
import Synchronization

/// An async IMAP client connection (RFC 3501 / RFC 9051) over `NIOAsyncChannel`.
///
/// One method per command (`login`, `select`, `uidSearch`, `uidFetch`, …; see
/// `IMAPConnection+Commands.swift`). Commands run one at a time; concurrent calls wait their turn.
/// Every command has a timeout: when it passes, the command fails with ``IMAPError/Code/timeout``
/// and the connection is closed, so a call never hangs. Untagged data goes to the command in
/// flight; `EXISTS`/`EXPUNGE`/`BYE` sent at any time update ``selectedMailbox`` and ``isClosed``.
/// At trace level the protocol is logged with `LOGIN`/`AUTHENTICATE` arguments redacted.
///
/// ```swift
/// let connection = try await IMAPConnection.connect(host: "imap.example.com", port: 993, security: .tls, logger: logger)
/// try await connection.login(username: "me@example.com", password: password)
/// let inbox = try await connection.select(.inbox)
/// let uids = try await connection.uidSearch(.unseen)
/// ```
public actor IMAPConnection {
    /// Settings for one connection.
    public struct Options: Sendable {
        /// How long any single command may take. Default 30 s.
        public var commandTimeout: Duration
        /// Parser limits for what the server sends.
        public var limits: IMAPLimits
        /// The event loop group to connect on; `nil` uses the shared singleton.
        public var eventLoopGroup: (any EventLoopGroup)?
        /// Use LITERAL+/LITERAL- when advertised (default). Turn off for servers with broken support;
        /// literals then wait for the server's continuation request.
        public var useNonSynchronizingLiterals: Bool

        /// Creates options.
        public init(commandTimeout: Duration = .seconds(30), limits: IMAPLimits = IMAPLimits(),
                    eventLoopGroup: (any EventLoopGroup)? = nil, useNonSynchronizingLiterals: Bool = true) {
            self.commandTimeout = commandTimeout
            self.limits = limits
            self.eventLoopGroup = eventLoopGroup
            self.useNonSynchronizingLiterals = useNonSynchronizingLiterals
        }
    }

    private static let nextID = Atomic<Int>(0)

    /// A small number identifying this connection in logs.
    public nonisolated let id: Int
    let channel: any Channel
    let options: Options
    var logger: Logger
    var stateMachine: IMAPConnectionStateMachine
    private var outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>?
    private var readerTask: Task<Void, Never>?
    private var tagCounter = 0
    private var completed: [String: Result<IMAPCommandResult, IMAPError>] = [:]
    private var resultWaiters: [String: CheckedContinuation<IMAPCommandResult, any Error>] = [:]
    private var greeting: Result<IMAPConnectionStateMachine.GreetingInfo, IMAPError>?
    private var readyWaiter: CheckedContinuation<IMAPConnectionStateMachine.GreetingInfo, any Error>?
    private var gateBusy = false
    private var gateWaiters: [CheckedContinuation<Void, Never>] = []

    /// The server's capabilities, refreshed after STARTTLS and after authentication.
    public internal(set) var capabilities: Set<Capability> = []
    /// Extensions enabled with `ENABLE` (RFC 5161).
    public internal(set) var enabledExtensions: Set<Capability> = []
    /// Whether LOGIN/AUTHENTICATE succeeded (or the server greeted with PREAUTH).
    public internal(set) var isAuthenticated = false
    /// The selected mailbox, kept current by untagged EXISTS/EXPUNGE.
    public internal(set) var selectedMailbox: SelectedMailbox?
    /// When the last response arrived or command finished (for pool health checks).
    public private(set) var lastActivity = ContinuousClock.now
    /// How many commands were sent on this connection (for metrics and tests).
    public private(set) var commandsSent = 0
    /// Messages the server reported expunged since the mailbox was selected.
    public internal(set) var expungedSinceSelect = 0

    init(channel: any Channel, expectGreeting: Bool, options: Options, logger: Logger) {
        let id = IMAPConnection.nextID.wrappingAdd(1, ordering: .relaxed).newValue
        self.id = id
        self.channel = channel
        self.options = options
        var logger = logger
        logger[metadataKey: "imap.connection"] = "\(id)"
        self.logger = logger
        self.stateMachine = IMAPConnectionStateMachine(expectGreeting: expectGreeting)
        if !expectGreeting {
            greeting = .success(.init(preauthenticated: false, text: ResponseText(text: "")))
        }
    }

    /// Whether the connection is closed (by us, by the server, or after an error).
    public var isClosed: Bool { stateMachine.isClosed }

    /// The `BYE` text if the server said goodbye.
    public var serverBye: ResponseText? { stateMachine.bye }

    /// Whether `UTF8=ACCEPT` is enabled (mailbox names and strings are then raw UTF-8).
    public var utf8Enabled: Bool { enabledExtensions.contains(.utf8Accept) }

    /// A mailbox name for `displayName`, encoded for this connection (modified UTF-7 or UTF-8).
    public func mailboxName(_ displayName: String) -> MailboxName {
        MailboxName(displayName, utf8Accept: utf8Enabled)
    }

    var encoder: CommandEncoder {
        var encoderOptions = CommandEncoder.Options(capabilities: capabilities, utf8Enabled: utf8Enabled)
        if !options.useNonSynchronizingLiterals {
            encoderOptions.literalPlus = false
            encoderOptions.literalMinus = false
        }
        return CommandEncoder(options: encoderOptions)
    }

    // MARK: Reader

    /// Starts consuming the channel; the connection closes when the server does.
    func start(_ asyncChannel: NIOAsyncChannel<Response, ByteBuffer>) {
        readerTask = Task {
            var failure: (any Error)?
            do {
                try await asyncChannel.executeThenClose { inbound, outbound in
                    self.attach(outbound)
                    for try await response in inbound {
                        await self.receive(response)
                    }
                }
            } catch {
                failure = error
            }
            await self.readerFinished(failure)
        }
    }

    private func attach(_ writer: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        outbound = writer
        resumeReadyWaiterIfPossible()
    }

    private func receive(_ response: Response) async {
        lastActivity = .now
        if logger.logLevel <= .trace { logger.trace("S: \(response.traceDescription)") }
        if case .untagged(let untagged) = response { observe(untagged) }
        await perform(stateMachine.receive(response))
    }

    private func readerFinished(_ error: (any Error)?) async {
        let reason = error.map(IMAPConnection.mapChannelError) ?? IMAPError.closed("the server closed the connection")
        logger.debug("IMAP connection closed", metadata: ["reason": "\(reason)"])
        await perform(stateMachine.channelClosed(reason))
        if let readyWaiter {
            self.readyWaiter = nil
            readyWaiter.resume(throwing: stateMachine.closeReason ?? reason)
        }
    }

    /// Maps channel-level failures to IMAPError: TLS problems keep their reason.
    static func mapChannelError(_ error: any Error) -> IMAPError {
        if let error = error as? IMAPError { return error }
        if error is NIOSSLError || error is NIOSSLExtraError || error is BoringSSLError {
            return IMAPError(.tlsFailure, hint: "TLS: \(error)")
        }
        return IMAPError.closed("connection lost: \(error)")
    }

    // MARK: Actions

    private func perform(_ actions: [IMAPConnectionStateMachine.Action]) async {
        for action in actions {
            switch action {
            case .write(let bytes):
                await writeOrClose(bytes)
            case .greetingReceived(let result):
                greeting = result
                resumeReadyWaiterIfPossible()
            case .commandCompleted(let tag, let result):
                lastActivity = .now
                if let waiter = resultWaiters.removeValue(forKey: tag) {
                    waiter.resume(with: result)
                } else {
                    completed[tag] = result
                }
            case .close(let reason):
                logger.debug("closing IMAP connection", metadata: ["reason": "\(reason)"])
                channel.close(promise: nil)
            }
        }
    }

    /// Writes a chunk: text as it is, a message literal in slices of at most ``LiteralBytes/sliceSize``,
    /// each awaited (the writer waits while the channel is not writable), so a large message is never
    /// copied whole, neither into one buffer nor by TLS.
    private func writeOrClose(_ chunk: EncodedCommand.Chunk) async {
        guard let outbound else {
            await perform(stateMachine.channelClosed(IMAPError.closed("connection not ready")))
            return
        }
        do {
            for part in chunk.parts {
                switch part {
                case .text(let text):
                    try await outbound.write(text)
                case .literal(let literal):
                    for start in stride(from: 0, to: literal.count, by: LiteralBytes.sliceSize) {
                        try await outbound.write(literal.slice(start..<min(start + LiteralBytes.sliceSize, literal.count)))
                        // The writer hands each write to the event loop without waiting for it, and suspends
                        // only once the loop reported the channel unwritable: a producer faster than the
                        // loop would queue the whole message. Waiting for the loop after each slice keeps
                        // at most one slice queued beyond what the channel's write buffer holds.
                        try await channel.eventLoop.submit {}.get()
                    }
                }
            }
        } catch {
            await perform(stateMachine.channelClosed(IMAPConnection.mapChannelError(error)))
            channel.close(promise: nil)
        }
    }

    // MARK: Greeting

    /// Waits until the greeting arrived (or STARTTLS finished) and the channel is writable.
    func awaitReady() async throws -> IMAPConnectionStateMachine.GreetingInfo {
        if let info = try readyGreeting() { return info }
        return try await withCheckedThrowingContinuation { continuation in
            readyWaiter = continuation
            resumeReadyWaiterIfPossible()
        }
    }

    private func readyGreeting() throws -> IMAPConnectionStateMachine.GreetingInfo? {
        if let reason = stateMachine.closeReason { throw reason }
        guard let greeting, outbound != nil else { return nil }
        return try greeting.get()
    }

    private func resumeReadyWaiterIfPossible() {
        guard let waiter = readyWaiter else { return }
        do {
            guard let info = try readyGreeting() else { return }
            readyWaiter = nil
            waiter.resume(returning: info)
        } catch {
            readyWaiter = nil
            waiter.resume(throwing: error)
        }
    }

    // MARK: Commands

    /// Runs `command` and returns its tagged completion and untagged data, whatever the status.
    ///
    /// Most callers want the typed methods; this is for commands they do not cover (not `IDLE`).
    /// - Parameter timeout: overrides ``Options/commandTimeout`` for this command.
    public func execute(_ command: Command, timeout: Duration? = nil) async throws -> IMAPCommandResult {
        if case .idle = command {
            throw IMAPError(.unsupported, hint: "IDLE needs DONE mid-command; this connection does not run it")
        }
        await acquireGate()
        defer { releaseGate() }
        tagCounter += 1
        let tag = "A\(tagCounter)"
        let encoded = try encoder.encode(command, tag: tag)
        if logger.logLevel <= .trace { logger.trace("C: \(encoded.trace)") }
        let first = try stateMachine.start(encoded)
        commandsSent += 1
        let limit = timeout ?? options.commandTimeout
        let timer = Task { [weak self] in
            try? await Task.sleep(for: limit)
            guard !Task.isCancelled else { return }
            await self?.commandTimedOut(tag: tag, after: limit)
        }
        defer { timer.cancel() }
        return try await withTaskCancellationHandler {
            await writeOrClose(first)
            return try await result(for: tag)
        } onCancel: {
            Task { await self.commandCancelled(tag: tag) }
        }
    }

    /// Waits until no other command runs on this connection (FIFO). Actors are re-entrant, so
    /// without this a second call could start while the first awaits its answer.
    private func acquireGate() async {
        guard gateBusy else {
            gateBusy = true
            return
        }
        await withCheckedContinuation { gateWaiters.append($0) }
    }

    private func releaseGate() {
        if gateWaiters.isEmpty {
            gateBusy = false
        } else {
            gateWaiters.removeFirst().resume()
        }
    }

    private func result(for tag: String) async throws -> IMAPCommandResult {
        if let result = completed.removeValue(forKey: tag) { return try result.get() }
        return try await withCheckedThrowingContinuation { continuation in
            resultWaiters[tag] = continuation
        }
    }

    private func commandTimedOut(tag: String, after duration: Duration) async {
        logger.debug("IMAP command timed out", metadata: ["tag": "\(tag)"])
        await perform(stateMachine.timedOut(tag: tag, after: duration))
    }

    private func commandCancelled(tag: String) async {
        var error = IMAPError.closed("command cancelled; the connection was closed")
        error.hint = "command cancelled"
        await perform(stateMachine.channelClosed(error))
        channel.close(promise: nil)
    }

    /// Runs `command` and throws ``IMAPError/Code/commandRejected`` for `NO`/`BAD`.
    func run(_ command: Command, timeout: Duration? = nil) async throws -> IMAPCommandResult {
        let result = try await execute(command, timeout: timeout)
        guard result.tagged.status == .ok else { throw IMAPError.rejected(command.name, result.tagged) }
        return result
    }

    /// Closes the connection without LOGOUT and waits until it is closed.
    public func close() async {
        channel.close(promise: nil)
        await readerTask?.value
    }
}
